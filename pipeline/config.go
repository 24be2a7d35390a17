// Package pipeline runs the stages in order, records each run in the run
// ledger, and owns the workspace and its configuration.
package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v3"
)

// ErrConfig marks a configuration the user must fix; it maps to exit code 2.
var ErrConfig = errors.New("bad configuration")

// ConfigFile is the workspace's configuration file name.
const ConfigFile = "cmrflow.yaml"

// Config is a workspace's cmrflow.yaml. Paths are relative to the file.
type Config struct {
	Database  string `yaml:"database"`
	Inbox     string `yaml:"inbox"`
	Watchlist string `yaml:"watchlist"`
	Reports   string `yaml:"reports"`
	Archive   string `yaml:"archive"`
	Failed    string `yaml:"failed"`
	FX        string `yaml:"fx"`
	Rules     struct {
		Dirs []string          `yaml:"dirs"`
		Set  map[string]string `yaml:"set"`
	} `yaml:"rules"`
	Link LinkConfig `yaml:"link"`

	dir string
}

const defaultConfig = `# cmrflow workspace. Paths are relative to this file.
database: cmrflow.duckdb
inbox: inbox          # files waiting to be loaded
watchlist: watchlist  # HVT watchlists (YAML, CSV, xlsx, UN XML, FtM JSON lines)
reports: reports      # written reports
archive: archive      # loaded files (for scheduled runs)
failed: failed        # files that could not be loaded
fx: fx                # exchange rates (currency,day,usd_per_unit CSV), loaded before each pass
rules:
  dirs: []            # folders of your own rules (.sql)
  set: {}             # parameter overrides, e.g. fan_in_collector.window_days: 10
link:
  threshold: 0.90     # a party scoring at least this is linked to an HVT
  review: 0.70        # from here up to the threshold, a link waits for an analyst
  hops: 2             # how far money is followed to a linked party (network proximity)
`

// LinkConfig holds the link stage's thresholds and walk: zero means the
// default.
type LinkConfig struct {
	Threshold float64 `yaml:"threshold"` // linked at or above; default 0.90
	Review    float64 `yaml:"review"`    // review queue from here up to threshold; default 0.70
	Hops      int     `yaml:"hops"`      // network proximity walk; default 2
}

// LoadConfig reads a workspace configuration strictly: unknown keys are errors.
func LoadConfig(path string) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("%s: %w: %w", path, ErrConfig, err)
	}
	l := c.Link
	if l.Threshold < 0 || l.Threshold > 1 || l.Review < 0 || l.Review > 1 || (l.Threshold > 0 && l.Review > l.Threshold) || l.Hops < 0 || l.Hops > 6 {
		return nil, fmt.Errorf("%s: %w: link: threshold and review lie in 0-1 with review below threshold, hops in 0-6", path, ErrConfig)
	}
	for name, v := range map[string]string{"database": c.Database, "inbox": c.Inbox, "watchlist": c.Watchlist, "reports": c.Reports} {
		if v == "" {
			return nil, fmt.Errorf("%s: %w: %s is missing", path, ErrConfig, name)
		}
	}
	abs, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return nil, err
	}
	c.dir = abs
	return &c, nil
}

// Path resolves a configured path against the workspace folder.
func (c *Config) Path(p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.dir, p)
}

// Init makes dir a workspace: the folders and a default cmrflow.yaml (an
// existing one is kept). It returns the workspace's configuration.
func Init(dir string) (*Config, error) {
	cfgPath := filepath.Join(dir, ConfigFile)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create workspace: %w", err)
	}
	if _, err := os.Stat(cfgPath); errors.Is(err, os.ErrNotExist) {
		if err := os.WriteFile(cfgPath, []byte(defaultConfig), 0o600); err != nil {
			return nil, fmt.Errorf("create workspace: %w", err)
		}
	}
	c, err := LoadConfig(cfgPath)
	if err != nil {
		return nil, err
	}
	for _, d := range []string{c.Inbox, c.Watchlist, c.Reports, c.Archive, c.Failed, c.FX} {
		if d == "" {
			continue
		}
		if err := os.MkdirAll(c.Path(d), 0o700); err != nil {
			return nil, fmt.Errorf("create workspace: %w", err)
		}
	}
	return c, nil
}
