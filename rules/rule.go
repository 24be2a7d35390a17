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
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

//go:embed library/*.sql library/*.csv library/*_test.yaml library/sources.yaml
var library embed.FS

// builtinPrefix marks the File of a rule, table or test embedded in the binary.
const builtinPrefix = "builtin:"

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

// FolderError is a rules folder that cannot be read; like a bad rule
// file, it is the user's to fix.
type FolderError struct {
	Dir string
	Err error
}

func (e *FolderError) Error() string   { return fmt.Sprintf("rules folder %s: %v", e.Dir, e.Err) }
func (e *FolderError) Unwrap() []error { return []error{ErrInvalidRule, e.Err} }

// Param is one declared parameter.
type Param struct {
	Name    string
	Type    Type
	Default any // int64, float64, string, bool or []string, as Type says
	Doc     string
	Line    int
}

// Preset is a named set of parameter values (ransom_band: libya, sinai).
type Preset struct {
	Name   string
	Values map[string]any
	Line   int
}

// Table is a CSV file shipped with a rule and loaded into a temporary
// table of that name before the rule runs (memo_keywords' word list).
type Table struct {
	Name string
	File string // file name, next to the rule
	Line int

	// Where the file was found: the rule's folder, or a user folder whose
	// file of the same name replaces a built-in one.
	fsys fs.FS
	path string
	from string // what people read: "builtin:memo_keywords.csv" or a path
}

// Source says where the table's rows come from.
func (t Table) Source() string { return t.from }

// Rule is one parsed rule file.
type Rule struct {
	ID          string
	Version     int
	Title       string
	Severity    string
	Description string
	Indicators  []string
	Params      []Param
	Presets     []Preset
	Tables      []Table
	Explain     string
	SQL         string
	File        string
	// SQLLine is the line of the file on which SQL's first line sits.
	SQLLine int

	lines func(string) int
	fsys  fs.FS // the rule's folder: the embedded library or a user folder
	dir   string
}

// Builtin reports whether the rule is embedded in the binary.
func (r *Rule) Builtin() bool { return strings.HasPrefix(r.File, builtinPrefix) }

// Param returns the named parameter.
func (r *Rule) Param(name string) (Param, bool) {
	for _, p := range r.Params {
		if p.Name == name {
			return p, true
		}
	}
	return Param{}, false
}

func (r *Rule) line(key string) int {
	if r.lines == nil {
		return 1
	}
	return r.lines(key)
}

// Severities, lowest first.
var severities = []string{"low", "medium", "high", "critical"}

// OutputColumns are the columns every rule's SELECT must return.
var OutputColumns = []string{"subject_type", "subject_key", "window_start", "window_end", "score", "total_usd", "txn_ids"}

// presetKey is the reserved parameter name that selects a preset.
const presetKey = "preset"

type paramSpec struct {
	Default any    `yaml:"default"`
	Doc     string `yaml:"doc"`
	Type    string `yaml:"type"`
}

type header struct {
	ID          string                    `yaml:"id"`
	Version     int                       `yaml:"version"`
	Title       string                    `yaml:"title"`
	Severity    string                    `yaml:"severity"`
	Description string                    `yaml:"description"`
	Indicators  []string                  `yaml:"indicators"`
	Params      map[string]paramSpec      `yaml:"params"`
	Presets     map[string]map[string]any `yaml:"presets"`
	Tables      map[string]string         `yaml:"tables"`
	Explain     string                    `yaml:"explain"`
}

var (
	headerRe   = regexp.MustCompile(`(?s)\A\s*/\*\s*---\s*\n(.*?)\n\s*---\s*\*/`)
	paramRe    = regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)
	yamlLineRe = regexp.MustCompile(`line (\d+)`)
	// yamlLinePrefixRe is the "line 3: " a YAML message starts with, once
	// the line is given as the file's.
	yamlLinePrefixRe = regexp.MustCompile(`^(?:unmarshal errors:\n\s*)?line \d+: `)
	explainRe        = regexp.MustCompile(`\{([a-z_][a-z0-9_]*)\}`)
	identRe          = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)
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
	keyLine, order := keyLines(headerText, headerLine)
	// The SQL starts on its first line that is not blank.
	rest := src[m[1]:]
	lead := len(rest) - len(bytes.TrimLeft(rest, " \t\r\n"))
	if nl := bytes.LastIndexByte(rest[:lead], '\n'); nl >= 0 {
		lead = nl + 1
	} else {
		lead = 0
	}
	body := string(rest[lead:])
	r := &Rule{ID: h.ID, Version: h.Version, Title: strings.TrimSpace(h.Title), Severity: h.Severity,
		Description: strings.TrimSpace(h.Description), Indicators: h.Indicators,
		Explain: strings.TrimSpace(h.Explain), SQL: body, File: file,
		SQLLine: 1 + bytes.Count(src[:m[1]+lead], []byte("\n")), lines: keyLine}

	var errs []error
	bad := func(line int, format string, args ...any) {
		errs = append(errs, &RuleError{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	switch {
	case h.ID == "":
		bad(keyLine("id"), "id is missing")
	case !identRe.MatchString(h.ID):
		bad(keyLine("id"), "id %q must be lower case letters, digits and _", h.ID)
	}
	if h.Version < 1 {
		bad(keyLine("version"), "version must be a whole number from 1")
	}
	if r.Title == "" {
		bad(keyLine("title"), "title is missing")
	}
	if !slices.Contains(severities, h.Severity) {
		bad(keyLine("severity"), "severity %q is not one of %s", h.Severity, strings.Join(severities, ", "))
	}
	if r.Explain == "" {
		bad(keyLine("explain"), "explain is missing")
	}
	for i, ind := range h.Indicators {
		if strings.TrimSpace(ind) == "" {
			bad(keyLine("indicators"), "indicator %d is empty", i+1)
		}
	}

	names := order("params")
	for _, name := range names {
		spec := h.Params[name]
		line := keyLine("params." + name)
		if !identRe.MatchString(name) {
			bad(line, "param %q: names are lower case letters, digits and _", name)
			continue
		}
		if name == presetKey {
			bad(line, "param %q: the name is reserved for choosing a preset", name)
			continue
		}
		p := Param{Name: name, Doc: strings.TrimSpace(spec.Doc), Line: line}
		if spec.Default == nil {
			bad(line, "param %s: default is missing", name)
			continue
		}
		if spec.Type == "" {
			p.Type = typeOf(spec.Default)
		} else if p.Type = Type(spec.Type); !slices.Contains(types, p.Type) {
			bad(line, "param %s: type %q is not one of %s", name, spec.Type, typeList())
			continue
		}
		v, err := p.Type.fromYAML(spec.Default)
		if err != nil {
			bad(line, "param %s: default %v: %v", name, spec.Default, err)
			continue
		}
		p.Default = v
		if p.Doc == "" {
			bad(line, "param %s: doc is missing (say what the value means, with its unit)", name)
		}
		r.Params = append(r.Params, p)
	}

	for _, name := range order("presets") {
		line := keyLine("presets." + name)
		if !identRe.MatchString(name) {
			bad(line, "preset %q: names are lower case letters, digits and _", name)
			continue
		}
		ps := Preset{Name: name, Values: map[string]any{}, Line: line}
		vals := h.Presets[name]
		keys := make([]string, 0, len(vals))
		for k := range vals {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if len(keys) == 0 {
			bad(line, "preset %s sets no parameter", name)
		}
		for _, k := range keys {
			p, ok := r.Param(k)
			if !ok {
				bad(line, "preset %s: no parameter %q", name, k)
				continue
			}
			v, err := p.Type.fromYAML(vals[k])
			if err != nil {
				bad(line, "preset %s: %s: %v", name, k, err)
				continue
			}
			ps.Values[k] = v
		}
		r.Presets = append(r.Presets, ps)
	}

	for _, name := range order("tables") {
		line := keyLine("tables." + name)
		file := h.Tables[name]
		switch {
		case !identRe.MatchString(name):
			bad(line, "table %q: names are lower case letters, digits and _", name)
		case slices.Contains(schemaTables, name):
			bad(line, "table %q would hide the database table of that name", name)
		case path.Base(file) != file || !strings.HasSuffix(file, ".csv"):
			bad(line, "table %s: file %q must be a .csv file name in the rule's folder", name, file)
		default:
			r.Tables = append(r.Tables, Table{Name: name, File: file, Line: line})
		}
	}

	used := map[string]bool{}
	stripped := stripSQLText(body)
	for _, loc := range paramRe.FindAllStringSubmatchIndex(stripped, -1) {
		name := body[loc[2]:loc[3]]
		if !used[name] {
			used[name] = true
			if _, ok := h.Params[name]; !ok {
				bad(r.SQLLine+strings.Count(body[:loc[0]], "\n"), "parameter $%s is used but not declared in params", name)
			}
		}
	}
	for _, p := range r.Params {
		if !used[p.Name] {
			bad(p.Line, "param %s is declared but the SQL never uses $%s", p.Name, p.Name)
		}
	}
	if strings.TrimSpace(stripped) == "" {
		bad(r.SQLLine, "no SELECT after the header")
	} else if strings.Contains(strings.TrimRight(strings.TrimSpace(stripped), ";"), ";") {
		bad(r.SQLLine, "a rule is one SELECT: remove the other statements")
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return r, nil
}

// schemaTables are the database's tables, which a rule's CSV tables may
// not hide.
var schemaTables = []string{"runs", "sources", "transactions", "quarantine", "fx_rates", "parties",
	"watchlist", "alerts", "hvt_links", "schema_migrations"}

// keyLines returns where each header key ("version", "params.window_days")
// sits in the file, falling back to the header's first line, and the keys
// of a mapping ("params") in the order they are written.
func keyLines(headerText []byte, headerLine int) (func(string) int, func(string) []string) {
	lines := map[string]int{}
	orders := map[string][]string{}
	var doc yaml.Node
	if yaml.Unmarshal(headerText, &doc) == nil && len(doc.Content) == 1 {
		top := doc.Content[0]
		for i := 0; i+1 < len(top.Content); i += 2 {
			k, v := top.Content[i], top.Content[i+1]
			lines[k.Value] = headerLine + k.Line - 1
			if v.Kind == yaml.MappingNode {
				for j := 0; j+1 < len(v.Content); j += 2 {
					name := v.Content[j].Value
					lines[k.Value+"."+name] = headerLine + v.Content[j].Line - 1
					orders[k.Value] = append(orders[k.Value], name)
				}
			}
		}
	}
	line := func(key string) int {
		if l, ok := lines[key]; ok {
			return l
		}
		if parent, _, ok := strings.Cut(key, "."); ok {
			if l, ok := lines[parent]; ok {
				return l
			}
		}
		return headerLine
	}
	return line, func(key string) []string { return orders[key] }
}

// stripSQLText blanks comments and string literals (keeping line breaks) so
// that a "$" or ";" inside them is not taken for SQL.
func stripSQLText(sql string) string {
	b := []byte(sql)
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '-' && i+1 < len(b) && b[i+1] == '-':
			for ; i < len(b) && b[i] != '\n'; i++ {
				b[i] = ' '
			}
		case b[i] == '/' && i+1 < len(b) && b[i+1] == '*':
			for ; i < len(b) && !(b[i] == '*' && i+1 < len(b) && b[i+1] == '/'); i++ {
				if b[i] != '\n' {
					b[i] = ' '
				}
			}
			if i+1 < len(b) {
				b[i], b[i+1] = ' ', ' '
				i++
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
	for _, p := range yamlProblems(err) {
		line := headerLine
		if p.line > 0 {
			line = headerLine + p.line - 1
		}
		errs = append(errs, &RuleError{File: file, Line: line, Msg: p.msg})
	}
	return errors.Join(errs...)
}

type yamlProblem struct {
	line int // 0 when the message names none
	msg  string
}

// yamlProblems splits a YAML decoding error into its problems, each with
// the line it names.
func yamlProblems(err error) []yamlProblem {
	lines := []string{err.Error()}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		lines = te.Errors
	}
	var out []yamlProblem
	for _, msg := range lines {
		var p yamlProblem
		if sm := yamlLineRe.FindStringSubmatch(msg); sm != nil {
			fmt.Sscan(sm[1], &p.line)
		}
		p.msg = yamlLinePrefixRe.ReplaceAllString(strings.TrimPrefix(msg, "yaml: "), "")
		out = append(out, p)
	}
	return out
}

// Set is what Load found: the rules by id, and notes for the log (a user
// rule or table replacing a built-in one).
type Set struct {
	Rules []*Rule
	Notes []string
}

// Rule returns the rule with the id.
func (s *Set) Rule(id string) (*Rule, bool) {
	for _, r := range s.Rules {
		if r.ID == id {
			return r, true
		}
	}
	return nil, false
}

// Load returns the built-in rules and those in dirs; a user rule with a
// built-in's id replaces it, and a CSV file in a user folder with the name
// of a built-in rule's table file replaces that file. Every problem in
// every file is reported.
func Load(dirs []string) (*Set, error) {
	set := &Set{}
	byID := map[string]*Rule{}
	var errs []error
	add := func(fsys fs.FS, dir, name, file string, builtin bool) {
		src, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			errs = append(errs, err)
			return
		}
		r, err := Parse(file, src)
		if err != nil {
			errs = append(errs, err)
			return
		}
		r.fsys, r.dir = fsys, dir
		if prev, ok := byID[r.ID]; ok {
			if !builtin && prev.Builtin() {
				set.Notes = append(set.Notes, fmt.Sprintf("%s replaces built-in rule %s", file, r.ID))
			} else {
				errs = append(errs, &RuleError{File: file, Line: r.line("id"), Msg: fmt.Sprintf("rule id %s is also defined in %s", r.ID, prev.File)})
				return
			}
		}
		byID[r.ID] = r
	}
	entries, err := fs.ReadDir(library, "library")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".sql") {
			add(library, "library", e.Name(), builtinPrefix+e.Name(), true)
		}
	}
	userCSV := map[string]string{} // file name -> path in the last folder that has it
	for _, dir := range dirs {
		if fi, err := os.Stat(dir); err != nil {
			errs = append(errs, &FolderError{Dir: dir, Err: err})
			continue
		} else if !fi.IsDir() {
			errs = append(errs, &FolderError{Dir: dir, Err: errors.New("not a folder")})
			continue
		}
		files, err := os.ReadDir(dir)
		if err != nil {
			errs = append(errs, &FolderError{Dir: dir, Err: err})
			continue
		}
		fsys := os.DirFS(dir)
		for _, f := range files {
			switch {
			case f.IsDir():
			case strings.HasSuffix(f.Name(), ".sql"):
				add(fsys, ".", f.Name(), filepath.Join(dir, f.Name()), false)
			case strings.HasSuffix(f.Name(), ".csv"):
				userCSV[f.Name()] = filepath.Join(dir, f.Name())
			}
		}
	}
	tableFile := map[string]string{} // table name -> where its rows come from, for conflicts
	for _, r := range byID {
		for i := range r.Tables {
			t := &r.Tables[i]
			t.fsys, t.path, t.from = r.fsys, path.Join(r.dir, t.File), tableFrom(r, t.File)
			if p, ok := userCSV[t.File]; ok && r.Builtin() {
				t.fsys, t.path, t.from = os.DirFS(filepath.Dir(p)), filepath.Base(p), p
			}
			if _, err := fs.Stat(t.fsys, t.path); err != nil {
				errs = append(errs, &RuleError{File: r.File, Line: t.Line, Msg: fmt.Sprintf("table %s: file %s is missing", t.Name, t.from)})
			}
		}
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		r := byID[id]
		for _, t := range r.Tables {
			if prev, ok := tableFile[t.Name]; ok && prev != t.from {
				errs = append(errs, &RuleError{File: r.File, Line: t.Line,
					Msg: fmt.Sprintf("table %s comes from %s here and from %s in another rule", t.Name, t.from, prev)})
			}
			tableFile[t.Name] = t.from
		}
		set.Rules = append(set.Rules, r)
	}
	replacedCSV := map[string]bool{}
	for _, r := range set.Rules {
		for _, t := range r.Tables {
			if r.Builtin() && !strings.HasPrefix(t.from, builtinPrefix) && !replacedCSV[t.from] {
				replacedCSV[t.from] = true
				set.Notes = append(set.Notes, fmt.Sprintf("%s replaces built-in table file %s", t.from, t.File))
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return set, nil
}

func tableFrom(r *Rule, file string) string {
	if r.Builtin() {
		return builtinPrefix + file
	}
	return filepath.Join(filepath.Dir(r.File), file)
}

// ReadFile returns the bytes of the table's CSV file.
func (t Table) ReadFile() ([]byte, error) { return fs.ReadFile(t.fsys, t.path) }
