package ingest

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
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
	"status", // not stored apart (raw keeps it): a row not completed is flagged
}

// bankFields describe a bank statement from the account holder's side; the
// direction of each row decides who is sender and who beneficiary.
var bankFields = []string{"account", "account_name", "counterparty_name", "counterparty_account", "counterparty_phone",
	"direction", "debit_amount", "credit_amount"}

// Kinds are the kinds of source a transaction can come from.
var Kinds = []string{"hawala", "remittance", "bank"}

// Columns maps a field to one header, or to several whose cells are joined
// with a space (first and last name; date and time).
type Columns []string

// UnmarshalYAML accepts a single header or a list.
func (c *Columns) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*c = Columns{n.Value}
		return nil
	}
	var list []string
	if err := n.Decode(&list); err != nil {
		return err
	}
	*c = list
	return nil
}

// Profile maps one source layout to the canonical fields.
type Profile struct {
	Name         string              `yaml:"name"`
	Kind         string              `yaml:"kind"`
	Match        []string            `yaml:"match"`
	Header       *bool               `yaml:"header"`
	Columns      map[string]Columns  `yaml:"columns"`
	Currency     string              `yaml:"currency"`
	Decimal      string              `yaml:"decimal"`
	DateFormats  []string            `yaml:"date_formats"`
	DateOrder    string              `yaml:"date_order"`
	Calendar     string              `yaml:"calendar"`
	CreditValues []string            `yaml:"credit_values"`
	DebitValues  []string            `yaml:"debit_values"`
	SkipPrefix   string              `yaml:"skip_lines_starting_with"`
	Country      string              `yaml:"country"`
	Extract      map[string][]string `yaml:"extract"`

	extract map[string][]*regexp.Regexp

	builtin bool
}

// hasHeader is false for exports without a header row, whose columns the
// profile names by position ("1", "2", …).
func (p *Profile) hasHeader() bool { return p.Header == nil || *p.Header }

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
	if len(p.Match) == 0 && p.hasHeader() {
		bad("match lists no header")
	}
	for _, f := range sortedKeys(p.Columns) {
		if !slices.Contains(Fields, f) && !slices.Contains(bankFields, f) {
			bad("column %q is not a field (fields: %s, %s)", f, strings.Join(Fields, ", "), strings.Join(bankFields, ", "))
		}
		if len(p.Columns[f]) == 0 {
			bad("column %q names no header", f)
		}
	}
	if len(p.Columns["occurred_at"]) == 0 {
		bad("columns.occurred_at is required")
	}
	switch amount, debit, credit := len(p.Columns["amount"]) > 0, len(p.Columns["debit_amount"]) > 0, len(p.Columns["credit_amount"]) > 0; {
	case amount && (debit || credit):
		bad("columns: amount, or debit_amount and credit_amount, not both")
	case !amount && !(debit && credit):
		bad("columns.amount is required (or debit_amount and credit_amount, for a statement with one column each way)")
	}
	if len(p.Columns["currency"]) == 0 && p.Currency == "" {
		bad("needs a currency column or a fixed currency")
	}
	switch p.Decimal {
	case "", ".", ",":
	default:
		bad("decimal must be \".\" or \",\"")
	}
	switch p.DateOrder {
	case "", "dmy", "mdy", "ymd":
	default:
		bad("date_order must be dmy, mdy or ymd")
	}
	switch p.Calendar {
	case "", "gregorian", "ethiopian":
	default:
		bad("calendar must be gregorian or ethiopian")
	}
	p.extract = map[string][]*regexp.Regexp{}
	for _, f := range sortedKeys(p.Extract) {
		if !slices.Contains(Fields, f) && !slices.Contains(bankFields, f) {
			bad("extract %q is not a field", f)
		}
		for _, pattern := range p.Extract[f] {
			re, err := regexp.Compile(pattern)
			if err != nil {
				bad("extract %s: %v", f, err)
				continue
			}
			if re.NumSubexp() != 1 {
				bad("extract %s: %q must have exactly one (group)", f, pattern)
				continue
			}
			p.extract[f] = append(p.extract[f], re)
		}
	}
	if len(p.CreditValues) == 0 {
		p.CreditValues = []string{"C", "CR", "CRDT", "Credit", "Bij", "Af/Bij: Bij", "+"}
	}
	if len(p.DebitValues) == 0 {
		p.DebitValues = []string{"D", "DR", "DBIT", "Debit", "Af", "-"}
	}
	return &p, errors.Join(problems...)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// BuiltinProfiles returns the profiles shipped in the binary.
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
		p.builtin = true
		out = append(out, p)
	}
	return out, nil
}

// resolveProfiles returns the candidate profiles for a run: the named one
// (built-in name or YAML file), or every built-in; --kind narrows them and
// says what an auto-detected layout is.
func resolveProfiles(nameOrFile, kind string) ([]*Profile, error) {
	if kind != "" && kind != "auto" && !slices.Contains(Kinds, kind) {
		return nil, fmt.Errorf("kind %q: %w: use one of %s or auto", kind, ErrProfile, strings.Join(Kinds, ", "))
	}
	builtins, err := BuiltinProfiles()
	if err != nil {
		return nil, err
	}
	switch {
	case nameOrFile == "":
		if kind == "" || kind == "auto" {
			return builtins, nil
		}
		var kept []*Profile
		for _, p := range builtins {
			if p.Kind == kind {
				kept = append(kept, p)
			}
		}
		return kept, nil
	case strings.HasSuffix(nameOrFile, ".yaml") || strings.HasSuffix(nameOrFile, ".yml"):
		b, err := os.ReadFile(nameOrFile)
		if err != nil {
			return nil, fmt.Errorf("profile %s: %w: %w", nameOrFile, ErrProfile, err)
		}
		p, err := parseProfile(nameOrFile, b)
		if err != nil {
			return nil, err
		}
		return []*Profile{withKind(p, kind)}, nil
	}
	for _, p := range builtins {
		if p.Name == nameOrFile {
			return []*Profile{withKind(p, kind)}, nil
		}
	}
	names := make([]string, len(builtins))
	for i, p := range builtins {
		names[i] = p.Name
	}
	return nil, fmt.Errorf("profile %q: %w: not a .yaml file nor a built-in profile (%s)", nameOrFile, ErrProfile, strings.Join(names, ", "))
}

func withKind(p *Profile, kind string) *Profile {
	if kind == "" || kind == "auto" {
		return p
	}
	q := *p
	q.Kind = kind
	return &q
}

// splitAmount reports a statement whose amount sits in one of two columns,
// debit or credit.
func (p *Profile) splitAmount() bool {
	return len(p.Columns["debit_amount"]) > 0 && len(p.Columns["credit_amount"]) > 0
}
