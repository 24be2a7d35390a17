package link

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/cmrflow/cmrflow/internal/normalize"
	"github.com/cmrflow/cmrflow/store"
)

var innerLineRe = regexp.MustCompile(`line \d+: `)

// ErrWatchlist marks a watchlist file that cannot be used.
var ErrWatchlist = errors.New("bad watchlist")

// Alias is another name an HVT is known by; a weak alias ("Walid") is
// little evidence on its own.
type Alias struct {
	Name    string `yaml:"name"`
	Quality string `yaml:"quality"`
}

// Entry is one HVT in the native watchlist format.
type Entry struct {
	HVTID         string   `yaml:"hvt_id"`
	PrimaryName   string   `yaml:"primary_name"`
	Aliases       []Alias  `yaml:"aliases"`
	Phones        []string `yaml:"phones"`
	Accounts      []string `yaml:"accounts"`
	Nationalities []string `yaml:"nationalities"`
	BirthDate     string   `yaml:"birth_date"`
	Notes         string   `yaml:"notes"`
	line          int
}

// UnmarshalYAML also accepts an alias written as a plain name (strong).
func (a *Alias) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		a.Name, a.Quality = n.Value, "strong"
		return nil
	}
	type plain Alias
	return n.Decode((*plain)(a))
}

// ParseWatchlist reads the native YAML watchlist and reports every problem
// with its line.
func ParseWatchlist(file string, b []byte) ([]Entry, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w: %w", file, ErrWatchlist, err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s: %w: expected a list of entries", file, ErrWatchlist)
	}
	var entries []Entry
	var errs []error
	seen := map[string]int{}
	for _, n := range doc.Content[0].Content {
		var e Entry
		// Decode strictly, one entry at a time, so each error has its line.
		var buf bytes.Buffer
		enc := yaml.NewEncoder(&buf)
		if err := enc.Encode(n); err != nil {
			return nil, err
		}
		dec := yaml.NewDecoder(&buf)
		dec.KnownFields(true)
		if err := dec.Decode(&e); err != nil {
			// The entry was re-encoded on its own, so its inner line numbers mean nothing.
			msg := innerLineRe.ReplaceAllString(strings.TrimPrefix(err.Error(), "yaml: "), "")
			errs = append(errs, fmt.Errorf("%s:%d: %w: %s", file, n.Line, ErrWatchlist, msg))
			continue
		}
		e.line = n.Line
		switch {
		case e.HVTID == "":
			errs = append(errs, fmt.Errorf("%s:%d: %w: hvt_id is missing", file, n.Line, ErrWatchlist))
		case e.PrimaryName == "":
			errs = append(errs, fmt.Errorf("%s:%d: %w: %s has no primary_name", file, n.Line, ErrWatchlist, e.HVTID))
		case seen[e.HVTID] > 0:
			errs = append(errs, fmt.Errorf("%s:%d: %w: %s is also on line %d", file, n.Line, ErrWatchlist, e.HVTID, seen[e.HVTID]))
		}
		seen[e.HVTID] = n.Line
		for _, a := range e.Aliases {
			if a.Quality != "strong" && a.Quality != "weak" {
				errs = append(errs, fmt.Errorf("%s:%d: %w: alias %q quality must be strong or weak", file, n.Line, ErrWatchlist, a.Name))
			}
		}
		for i, p := range e.Phones {
			e164, ok := normalize.Phone(p, "")
			if !ok {
				errs = append(errs, fmt.Errorf("%s:%d: %w: %s phone %q is not an international number (+…)", file, n.Line, ErrWatchlist, e.HVTID, p))
			}
			e.Phones[i] = e164
		}
		entries = append(entries, e)
	}
	return entries, errors.Join(errs...)
}

// LoadWatchlist reads native watchlist files and upserts their entries by
// hvt_id, all files in one transaction.
func LoadWatchlist(ctx context.Context, db *store.DB, paths []string) (int, error) {
	var all []Entry
	var sources []string
	var errs []error
	for _, p := range paths {
		files := []string{p}
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			files, _ = filepath.Glob(filepath.Join(p, "*.y*ml"))
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			entries, err := ParseWatchlist(f, b)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			all = append(all, entries...)
			for range entries {
				sources = append(sources, filepath.Base(f))
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return 0, err
	}
	err := db.Write(ctx, func(tx *store.Tx) error {
		for i, e := range all {
			aliases := make([]string, len(e.Aliases))
			var weak []string
			for j, a := range e.Aliases {
				aliases[j] = a.Name
				if a.Quality == "weak" {
					weak = append(weak, a.Name)
				}
			}
			_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO watchlist
				(hvt_id, primary_name, aliases, phones, accounts, nationalities, birth_date, source, notes, weak_aliases)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
				e.HVTID, e.PrimaryName, nonNil(aliases), nonNil(e.Phones), nonNil(e.Accounts), nonNil(e.Nationalities),
				store.Nullable(e.BirthDate), sources[i], store.Nullable(e.Notes), nonNil(weak))
			if err != nil {
				return fmt.Errorf("save %s: %w", e.HVTID, err)
			}
		}
		return nil
	})
	return len(all), err
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
