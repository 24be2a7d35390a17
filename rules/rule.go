// Package rules loads ransom-pattern rules (a YAML header and one SELECT in
// a .sql file), runs them over transactions and writes alerts.
package rules

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

//go:embed library/*.sql
var library embed.FS

// ErrInvalidRule marks a rule file that cannot be used.
var ErrInvalidRule = errors.New("invalid rule")

// RuleError is one problem in a rule file, with its place.
type RuleError struct {
	File string
	Line int
	Msg  string
}

func (e *RuleError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }
func (e *RuleError) Unwrap() error { return ErrInvalidRule }

// Param is one declared parameter; its type is its default's.
type Param struct {
	Name    string
	Default any
	Doc     string
}

// Rule is one parsed rule file.
type Rule struct {
	ID         string
	Version    int
	Title      string
	Severity   string
	Indicators []string
	Params     []Param
	Explain    string
	SQL        string
	File       string
}

var severities = []string{"low", "medium", "high", "critical"}

// OutputColumns are the columns every rule's SELECT must return.
var OutputColumns = []string{"subject_type", "subject_key", "window_start", "window_end", "score", "total_usd", "txn_ids"}

type header struct {
	ID         string   `yaml:"id"`
	Version    int      `yaml:"version"`
	Title      string   `yaml:"title"`
	Severity   string   `yaml:"severity"`
	Indicators []string `yaml:"indicators"`
	Params     map[string]struct {
		Default any    `yaml:"default"`
		Doc     string `yaml:"doc"`
	} `yaml:"params"`
	Explain string `yaml:"explain"`
}

var (
	headerRe   = regexp.MustCompile(`(?s)\A\s*/\*\s*---\s*\n(.*?)\n\s*---\s*\*/`)
	paramRe    = regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)
	yamlLineRe = regexp.MustCompile(`line (\d+)`)
	explainRe  = regexp.MustCompile(`\{([a-z_][a-z0-9_]*)\}`)
)

// Parse reads one rule file and reports every problem it finds at once.
func Parse(file string, src []byte) (*Rule, error) {
	m := headerRe.FindSubmatchIndex(src)
	if m == nil {
		return nil, &RuleError{File: file, Line: 1, Msg: "missing the /* --- … --- */ header"}
	}
	headerText := src[m[2]:m[3]]
	headerLine := 1 + bytes.Count(src[:m[2]], []byte("\n"))
	var h header
	dec := yaml.NewDecoder(bytes.NewReader(headerText))
	dec.KnownFields(true)
	if err := dec.Decode(&h); err != nil {
		return nil, yamlError(file, headerLine, err)
	}
	keyLine := keyLines(headerText, headerLine)
	body := string(src[m[1]:])
	r := &Rule{ID: h.ID, Version: h.Version, Title: h.Title, Severity: h.Severity,
		Indicators: h.Indicators, Explain: strings.TrimSpace(h.Explain), SQL: body, File: file}

	var errs []error
	bad := func(line int, format string, args ...any) {
		errs = append(errs, &RuleError{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	if h.ID == "" {
		bad(keyLine("id"), "id is missing")
	}
	if h.Version < 1 {
		bad(keyLine("version"), "version must be a whole number from 1")
	}
	if h.Title == "" {
		bad(keyLine("title"), "title is missing")
	}
	if !slices.Contains(severities, h.Severity) {
		bad(keyLine("severity"), "severity %q is not one of %s", h.Severity, strings.Join(severities, ", "))
	}
	if r.Explain == "" {
		bad(keyLine("explain"), "explain is missing")
	}
	names := make([]string, 0, len(h.Params))
	for name := range h.Params {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := h.Params[name]
		switch p.Default.(type) {
		case int, float64, string, bool:
		default:
			bad(keyLine("params."+name), "param %s: default must be a number, text or true/false", name)
		}
		r.Params = append(r.Params, Param{Name: name, Default: p.Default, Doc: p.Doc})
	}

	bodyLine := 1 + bytes.Count(src[:m[1]], []byte("\n"))
	used := map[string]bool{}
	for _, loc := range paramRe.FindAllStringSubmatchIndex(stripSQLText(body), -1) {
		name := body[loc[2]:loc[3]]
		if !used[name] {
			used[name] = true
			if _, ok := h.Params[name]; !ok {
				bad(bodyLine+strings.Count(body[:loc[0]], "\n"), "parameter $%s is used but not declared in params", name)
			}
		}
	}
	for _, name := range names {
		if !used[name] {
			bad(keyLine("params."+name), "param %s is declared but the SQL never uses $%s", name, name)
		}
	}
	if strings.TrimSpace(stripSQLText(body)) == "" {
		bad(bodyLine, "no SELECT after the header")
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return r, nil
}

// keyLines returns where each header key ("version", "params.window_days")
// sits in the file, falling back to the header's first line.
func keyLines(headerText []byte, headerLine int) func(string) int {
	lines := map[string]int{}
	var doc yaml.Node
	if yaml.Unmarshal(headerText, &doc) == nil && len(doc.Content) == 1 {
		top := doc.Content[0]
		for i := 0; i+1 < len(top.Content); i += 2 {
			k, v := top.Content[i], top.Content[i+1]
			lines[k.Value] = headerLine + k.Line - 1
			if k.Value == "params" {
				for j := 0; j+1 < len(v.Content); j += 2 {
					lines["params."+v.Content[j].Value] = headerLine + v.Content[j].Line - 1
				}
			}
		}
	}
	return func(key string) int {
		if l, ok := lines[key]; ok {
			return l
		}
		return headerLine
	}
}

// stripSQLText blanks comments and string literals (keeping line breaks) so
// that a "$" inside them is not taken for a parameter.
func stripSQLText(sql string) string {
	b := []byte(sql)
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '-' && i+1 < len(b) && b[i+1] == '-':
			for ; i < len(b) && b[i] != '\n'; i++ {
				b[i] = ' '
			}
		case b[i] == '\'':
			b[i] = ' '
			for i++; i < len(b) && b[i] != '\''; i++ {
				if b[i] != '\n' {
					b[i] = ' '
				}
			}
			if i < len(b) {
				b[i] = ' '
			}
		}
	}
	return string(b)
}

func yamlError(file string, headerLine int, err error) error {
	var errs []error
	lines := []string{err.Error()}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		lines = te.Errors
	}
	for _, msg := range lines {
		line := headerLine
		if sm := yamlLineRe.FindStringSubmatch(msg); sm != nil {
			var n int
			fmt.Sscan(sm[1], &n)
			line = headerLine + n - 1
		}
		msg = strings.TrimPrefix(msg, "yaml: ")
		errs = append(errs, &RuleError{File: file, Line: line, Msg: msg})
	}
	return errors.Join(errs...)
}

// Load returns the built-in rules and those in dirs; a user rule with a
// built-in's id replaces it. Every problem in every file is reported.
func Load(dirs []string) (rules []*Rule, replaced []string, err error) {
	byID := map[string]*Rule{}
	var errs []error
	add := func(file string, src []byte, builtin bool) {
		r, err := Parse(file, src)
		if err != nil {
			errs = append(errs, err)
			return
		}
		if prev, ok := byID[r.ID]; ok {
			if !builtin && strings.HasPrefix(prev.File, "builtin:") {
				replaced = append(replaced, fmt.Sprintf("%s replaces built-in rule %s", file, r.ID))
			} else {
				errs = append(errs, &RuleError{File: file, Line: 1, Msg: fmt.Sprintf("rule id %s is also defined in %s", r.ID, prev.File)})
				return
			}
		}
		byID[r.ID] = r
	}
	entries, err := fs.ReadDir(library, "library")
	if err != nil {
		return nil, nil, err
	}
	for _, e := range entries {
		src, err := library.ReadFile("library/" + e.Name())
		if err != nil {
			return nil, nil, err
		}
		add("builtin:"+e.Name(), src, true)
	}
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.sql"))
		if err != nil {
			return nil, nil, err
		}
		if _, err := os.Stat(dir); err != nil {
			errs = append(errs, fmt.Errorf("rules folder %s: %w", dir, err))
			continue
		}
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			add(f, src, false)
		}
	}
	if len(errs) > 0 {
		return nil, nil, errors.Join(errs...)
	}
	for _, r := range byID {
		rules = append(rules, r)
	}
	sort.Slice(rules, func(i, j int) bool { return rules[i].ID < rules[j].ID })
	return rules, replaced, nil
}
