package ingest

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

//go:embed profiles/*.yaml
var profileFS embed.FS

// Fields are the canonical transaction fields a profile can map.
var Fields = []string{
	"reference", "occurred_at", "amount", "currency",
	"sender_name", "sender_phone", "sender_account", "sender_country", "sender_city",
	"beneficiary_name", "beneficiary_phone", "beneficiary_account", "beneficiary_country", "beneficiary_city",
	"sending_agent", "paying_agent", "memo",
}

// Kinds are the kinds of source a transaction can come from.
var Kinds = []string{"hawala", "remittance", "bank"}

// Profile maps one source layout to the canonical fields.
type Profile struct {
	Name        string            `yaml:"name"`
	Kind        string            `yaml:"kind"`
	Match       []string          `yaml:"match"`
	Columns     map[string]string `yaml:"columns"`
	Currency    string            `yaml:"currency"`
	Decimal     string            `yaml:"decimal"`
	DateFormats []string          `yaml:"date_formats"`
}

// ErrProfile marks a profile that cannot be used; it is a configuration error.
var ErrProfile = errors.New("bad profile")

func parseProfile(name string, b []byte) (*Profile, error) {
	var p Profile
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("profile %s: %w: %w", name, ErrProfile, err)
	}
	var problems []error
	bad := func(format string, args ...any) {
		problems = append(problems, fmt.Errorf("profile %s: %w: "+format, append([]any{name, ErrProfile}, args...)...))
	}
	if p.Name == "" {
		bad("name is missing")
	}
	if !slices.Contains(Kinds, p.Kind) {
		bad("kind %q is not one of %s", p.Kind, strings.Join(Kinds, ", "))
	}
	if len(p.Match) == 0 {
		bad("match lists no header")
	}
	fields := make([]string, 0, len(p.Columns))
	for f := range p.Columns {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		if !slices.Contains(Fields, f) {
			bad("column %q is not a field (fields: %s)", f, strings.Join(Fields, ", "))
		}
	}
	for _, f := range []string{"occurred_at", "amount"} {
		if p.Columns[f] == "" {
			bad("columns.%s is required", f)
		}
	}
	if p.Columns["currency"] == "" && p.Currency == "" {
		bad("needs a currency column or a fixed currency")
	}
	switch p.Decimal {
	case "":
		p.Decimal = "."
	case ".", ",":
	default:
		bad("decimal must be \".\" or \",\"")
	}
	if len(p.DateFormats) == 0 {
		p.DateFormats = defaultDateLayouts
	}
	return &p, errors.Join(problems...)
}

// BuiltinProfiles returns the profiles shipped in the binary, by name.
func BuiltinProfiles() ([]*Profile, error) {
	entries, err := fs.ReadDir(profileFS, "profiles")
	if err != nil {
		return nil, err
	}
	var out []*Profile
	for _, e := range entries {
		b, err := profileFS.ReadFile(path.Join("profiles", e.Name()))
		if err != nil {
			return nil, err
		}
		p, err := parseProfile(e.Name(), b)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// resolveProfiles returns the candidate profiles for a run: the named one
// (built-in name or YAML file), or every built-in, filtered by kind.
func resolveProfiles(nameOrFile, kind string) ([]*Profile, error) {
	builtins, err := BuiltinProfiles()
	if err != nil {
		return nil, err
	}
	var out []*Profile
	switch {
	case nameOrFile == "":
		out = builtins
	case strings.HasSuffix(nameOrFile, ".yaml") || strings.HasSuffix(nameOrFile, ".yml"):
		b, err := os.ReadFile(nameOrFile)
		if err != nil {
			return nil, fmt.Errorf("profile %s: %w: %w", nameOrFile, ErrProfile, err)
		}
		p, err := parseProfile(nameOrFile, b)
		if err != nil {
			return nil, err
		}
		out = []*Profile{p}
	default:
		for _, p := range builtins {
			if p.Name == nameOrFile {
				out = []*Profile{p}
			}
		}
		if out == nil {
			return nil, fmt.Errorf("profile %q: %w: no built-in profile or .yaml file by that name", nameOrFile, ErrProfile)
		}
	}
	if kind == "" || kind == "auto" {
		return out, nil
	}
	if !slices.Contains(Kinds, kind) {
		return nil, fmt.Errorf("kind %q: %w: use one of %s or auto", kind, ErrProfile, strings.Join(Kinds, ", "))
	}
	var kept []*Profile
	for _, p := range out {
		if p.Kind == kind || nameOrFile != "" {
			q := *p
			q.Kind = kind
			kept = append(kept, &q)
		}
	}
	if kept == nil {
		return nil, fmt.Errorf("kind %q: %w: no profile of that kind", kind, ErrProfile)
	}
	return kept, nil
}

// headerIndex maps a header row to column positions, if it matches.
func (p *Profile) headerIndex(header []string) (map[string]int, bool) {
	pos := make(map[string]int, len(header))
	for i, h := range header {
		k := strings.ToLower(strings.TrimSpace(h))
		if _, dup := pos[k]; !dup && k != "" {
			pos[k] = i
		}
	}
	for _, m := range p.Match {
		if _, ok := pos[strings.ToLower(m)]; !ok {
			return nil, false
		}
	}
	idx := make(map[string]int, len(p.Columns))
	for field, col := range p.Columns {
		if i, ok := pos[strings.ToLower(col)]; ok {
			idx[field] = i
		}
	}
	return idx, true
}
