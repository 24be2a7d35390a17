package rules

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"math/big"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/cmrflow/cmrflow/internal/normalize"
	"github.com/cmrflow/cmrflow/store"
)

// ErrInvalidTest marks a rule test file that cannot be read as one; it is
// a kind of ErrInvalidRule.
var ErrInvalidTest = fmt.Errorf("%w test", ErrInvalidRule)

// TestFileError is one problem in a rule test file, with its place.
type TestFileError struct {
	File string
	Line int
	Msg  string
}

func (e *TestFileError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }
func (e *TestFileError) Unwrap() error { return ErrInvalidTest }

// testSuffix ends the name of a rule test file: <rule id>_test.yaml.
const testSuffix = "_test.yaml"

// testFile is one rule's tests, in the manner of `promtool test rules`.
type testFile struct {
	Rule     string            `yaml:"rule"`
	Defaults map[string]string `yaml:"defaults"`
	Cases    []testCase        `yaml:"cases"`
}

type testCase struct {
	Name         string              `yaml:"name"`
	Set          map[string]string   `yaml:"set"`
	Since        string              `yaml:"since"`
	Transactions []map[string]string `yaml:"transactions"`
	Alerts       *[]expectedAlert    `yaml:"alerts"`

	line  int
	txLns []int
}

type expectedAlert struct {
	SubjectType string   `yaml:"subject_type"`
	Subject     string   `yaml:"subject"`
	WindowStart string   `yaml:"window_start"`
	WindowEnd   string   `yaml:"window_end"`
	Txns        []string `yaml:"txns"`
	TotalUSD    string   `yaml:"total_usd"`
	MinScore    *float64 `yaml:"min_score"`
	Summary     []string `yaml:"summary"`

	line int
}

// CaseResult is one test case's outcome: passed when Problems is empty.
type CaseResult struct {
	Name     string
	Line     int
	Positive bool // the case expects alerts
	Problems []string
}

// TestResult is one test file's outcome.
type TestResult struct {
	File  string
	Rule  string
	Cases []CaseResult
}

// Failed counts the cases that did not pass.
func (t TestResult) Failed() int {
	n := 0
	for _, c := range t.Cases {
		if len(c.Problems) > 0 {
			n++
		}
	}
	return n
}

// testSource is a test file and the folder of rules it belongs with.
type testSource struct {
	name string // as people read it: builtin:x_test.yaml or a path
	fsys fs.FS
	path string
}

// Test runs rule test files. paths are test files or folders holding
// them; the rules of those folders join the built-ins (and dirs) as user
// rules, so a user's tests sit next to the user's rules. Without paths the
// built-in rules' own tests run. Each case runs against a fresh in-memory
// database. The error is for files that cannot be read or rules that
// cannot be loaded; failed cases are in the results.
func Test(ctx context.Context, paths, dirs []string, log *slog.Logger) ([]TestResult, error) {
	log = logger(log)
	var sources []testSource
	dirs = slices.Clone(dirs)
	if len(paths) == 0 {
		entries, err := fs.ReadDir(library, "library")
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), testSuffix) {
				sources = append(sources, testSource{builtinPrefix + e.Name(), library, "library/" + e.Name()})
			}
		}
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		dir := p
		if fi.IsDir() {
			matches, err := filepath.Glob(filepath.Join(p, "*"+testSuffix))
			if err != nil {
				return nil, err
			}
			if len(matches) == 0 {
				return nil, testError(p, 0, "no *%s file in the folder", testSuffix)
			}
			for _, m := range matches {
				sources = append(sources, testSource{m, os.DirFS(p), filepath.Base(m)})
			}
		} else {
			dir = filepath.Dir(p)
			sources = append(sources, testSource{p, os.DirFS(dir), filepath.Base(p)})
		}
		if !slices.Contains(dirs, dir) {
			dirs = append(dirs, dir)
		}
	}
	set, err := Load(dirs)
	if err != nil {
		return nil, err
	}
	for _, n := range set.Notes {
		log.Info(n)
	}
	var results []TestResult
	var errs []error
	for _, src := range sources {
		res, err := runTestFile(ctx, set, src, log)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		results = append(results, res)
	}
	return results, errors.Join(errs...)
}

func testError(file string, line int, format string, args ...any) error {
	return &TestFileError{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// readTestFile decodes a test file strictly and notes the line of every
// case, transaction and expected alert.
func readTestFile(src testSource) (*testFile, error) {
	b, err := fs.ReadFile(src.fsys, src.path)
	if err != nil {
		return nil, err
	}
	var tf testFile
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&tf); err != nil {
		var errs []error
		for _, p := range yamlProblems(err) {
			errs = append(errs, testError(src.name, max(p.line, 1), "%s", p.msg))
		}
		return nil, errors.Join(errs...)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err == nil && len(doc.Content) == 1 {
		top := doc.Content[0]
		for i := 0; i+1 < len(top.Content); i += 2 {
			if top.Content[i].Value != "cases" {
				continue
			}
			for ci, cn := range top.Content[i+1].Content {
				if ci >= len(tf.Cases) {
					break
				}
				c := &tf.Cases[ci]
				c.line = cn.Line
				for j := 0; j+1 < len(cn.Content); j += 2 {
					switch cn.Content[j].Value {
					case "transactions":
						for _, tn := range cn.Content[j+1].Content {
							c.txLns = append(c.txLns, tn.Line)
						}
					case "alerts":
						if c.Alerts != nil {
							for ai, an := range cn.Content[j+1].Content {
								if ai < len(*c.Alerts) {
									(*c.Alerts)[ai].line = an.Line
								}
							}
						}
					}
				}
			}
		}
	}
	return &tf, nil
}

func runTestFile(ctx context.Context, set *Set, src testSource, log *slog.Logger) (TestResult, error) {
	res := TestResult{File: src.name}
	tf, err := readTestFile(src)
	if err != nil {
		return res, err
	}
	res.Rule = tf.Rule
	if res.Rule == "" {
		res.Rule = strings.TrimSuffix(path.Base(src.path), testSuffix)
	}
	r, ok := set.Rule(res.Rule)
	if !ok {
		return res, testError(src.name, 1, "no rule %q (name the file <rule id>%s or give rule: ID)", res.Rule, testSuffix)
	}
	if len(tf.Cases) == 0 {
		return res, testError(src.name, 1, "no cases")
	}
	var errs []error
	names := map[string]bool{}
	for _, c := range tf.Cases {
		switch {
		case c.Name == "":
			errs = append(errs, testError(src.name, c.line, "a case without a name"))
		case names[c.Name]:
			errs = append(errs, testError(src.name, c.line, "two cases named %q", c.Name))
		case c.Alerts == nil:
			errs = append(errs, testError(src.name, c.line, "case %q: say which alerts are expected (alerts: [] for none)", c.Name))
		}
		names[c.Name] = true
	}
	if len(errs) > 0 {
		return res, errors.Join(errs...)
	}
	for _, c := range tf.Cases {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		cr := CaseResult{Name: c.Name, Line: c.line, Positive: len(*c.Alerts) > 0}
		cr.Problems = runCase(ctx, r, tf.Defaults, c, log)
		res.Cases = append(res.Cases, cr)
	}
	return res, nil
}

// txnColumn says which columns a test transaction may give.
var txnColumns = []string{"txn_id", "source_id", "source_sheet", "source_row", "kind", "reference", "occurred_at",
	"amount", "currency", "amount_usd", "amount_eur", "sender_name", "sender_name_key", "sender_phone",
	"sender_account", "sender_country", "sender_city", "beneficiary_name", "beneficiary_name_key",
	"beneficiary_phone", "beneficiary_account", "beneficiary_country", "beneficiary_city", "sending_agent",
	"paying_agent", "memo", "not_counted"}

// testRow fills in what a test transaction leaves out: an id (T1, T2, …),
// the source, kind remittance, currency USD, amount and amount_usd from
// each other, amount_eur for EUR, name keys from names, raw from the row.
func testRow(i int, defaults, given map[string]string) (map[string]string, error) {
	row := map[string]string{}
	for k, v := range defaults {
		row[k] = v
	}
	for k, v := range given {
		row[k] = v
	}
	var unknown []string
	for k := range row {
		if !slices.Contains(txnColumns, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, fmt.Errorf("no transaction column %s (columns: %s)", strings.Join(unknown, ", "), strings.Join(txnColumns, ", "))
	}
	def := func(k, v string) {
		if _, ok := row[k]; !ok && v != "" {
			row[k] = v
		}
	}
	def("txn_id", fmt.Sprintf("T%d", i+1))
	def("source_id", "test")
	def("source_row", fmt.Sprint(i+2))
	def("kind", "remittance")
	def("currency", "USD")
	if row["occurred_at"] == "" {
		return nil, errors.New("occurred_at is missing")
	}
	def("amount", row["amount_usd"])
	if row["currency"] == "USD" {
		def("amount_usd", row["amount"])
	}
	if row["currency"] == "EUR" {
		def("amount_eur", row["amount"])
	}
	if row["amount"] == "" {
		return nil, errors.New("give amount or amount_usd")
	}
	def("sender_name_key", normalize.NameKey(row["sender_name"]))
	def("beneficiary_name_key", normalize.NameKey(row["beneficiary_name"]))
	raw, err := json.Marshal(given)
	if err != nil {
		return nil, err
	}
	row["raw"] = string(raw)
	return row, nil
}

// runCase runs one case on a fresh in-memory database and returns what
// differs from what the case expects.
func runCase(ctx context.Context, r *Rule, defaults map[string]string, c testCase, log *slog.Logger) []string {
	fail := func(format string, args ...any) []string { return []string{fmt.Sprintf(format, args...)} }
	db, err := store.Open(ctx, "", store.Options{})
	if err != nil {
		return fail("open a database: %v", err)
	}
	defer db.Close()
	for i, given := range c.Transactions {
		line := c.line
		if i < len(c.txLns) {
			line = c.txLns[i]
		}
		row, err := testRow(i, defaults, given)
		if err != nil {
			return fail("line %d: transaction %d: %v", line, i+1, err)
		}
		cols := make([]string, 0, len(row))
		for k := range row {
			cols = append(cols, k)
		}
		sort.Strings(cols)
		args := make([]any, len(cols))
		marks := make([]string, len(cols))
		for j, k := range cols {
			args[j] = store.Nullable(row[k])
			marks[j] = fmt.Sprintf("$%d", j+1)
		}
		q := fmt.Sprintf("INSERT INTO transactions (%s) VALUES (%s)", strings.Join(cols, ", "), strings.Join(marks, ", "))
		if _, err := db.SQL.ExecContext(ctx, q, args...); err != nil {
			msg, _, _ := strings.Cut(err.Error(), "\n")
			return fail("line %d: transaction %d: %s", line, i+1, msg)
		}
	}
	set := map[string]string{}
	for k, v := range c.Set {
		set[r.ID+"."+k] = v
	}
	values, err := Bind([]*Rule{r}, set)
	if err != nil {
		return fail("set: %v", err)
	}
	var since time.Time
	if c.Since != "" {
		if since, err = parseTestTime(c.Since); err != nil {
			return fail("since: %v", err)
		}
	}
	results, err := runRules(ctx, db, []*Rule{r}, values, since, "test", log)
	if err != nil {
		return fail("%v", err)
	}
	if results[0].Err != nil {
		return fail("the rule failed: %v", results[0].Err)
	}
	got, err := readAlerts(ctx, db)
	if err != nil {
		return fail("read alerts: %v", err)
	}
	return compareAlerts(*c.Alerts, got)
}

type gotAlert struct {
	subjectType, subject string
	start, end           *time.Time
	txns                 []string
	total                string
	score                float64
	summary              string
	matched              bool
}

func (a *gotAlert) String() string {
	s := a.subjectType + " " + a.subject
	if a.start != nil {
		s += " from " + display(*a.start)
	}
	return s
}

func readAlerts(ctx context.Context, db *store.DB) ([]*gotAlert, error) {
	rows, err := db.SQL.QueryContext(ctx, `SELECT subject_type, subject_key, window_start, window_end, txn_ids,
		coalesce(CAST(total_usd AS VARCHAR), ''), score, summary FROM alerts ORDER BY subject_key, window_start`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*gotAlert
	for rows.Next() {
		a := &gotAlert{}
		var txns []any
		if err := rows.Scan(&a.subjectType, &a.subject, &a.start, &a.end, &txns, &a.total, &a.score, &a.summary); err != nil {
			return nil, err
		}
		for _, t := range txns {
			a.txns = append(a.txns, fmt.Sprint(t))
		}
		sort.Strings(a.txns)
		out = append(out, a)
	}
	return out, rows.Err()
}

func parseTestTime(s string) (time.Time, error) {
	for _, layout := range []string{time.DateOnly, "2006-01-02 15:04", time.DateTime, "2006-01-02T15:04", time.RFC3339} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date (2025-03-01) or a time (2025-03-01 12:00)", s)
}

func sameAmount(a, b string) bool {
	x, ok1 := new(big.Rat).SetString(strings.ReplaceAll(a, ",", ""))
	y, ok2 := new(big.Rat).SetString(strings.ReplaceAll(b, ",", ""))
	return ok1 && ok2 && x.Cmp(y) == 0
}

// compareAlerts pairs expected alerts with the rule's by subject (and
// window start, when given) and lists every difference.
func compareAlerts(want []expectedAlert, got []*gotAlert) []string {
	var problems []string
	for _, w := range want {
		where := ""
		if w.line > 0 {
			where = fmt.Sprintf("line %d: ", w.line)
		}
		var start *time.Time
		if w.WindowStart != "" {
			t, err := parseTestTime(w.WindowStart)
			if err != nil {
				problems = append(problems, where+"window_start: "+err.Error())
				continue
			}
			start = &t
		}
		var match *gotAlert
		for _, g := range got {
			if g.matched || g.subject != w.Subject || (w.SubjectType != "" && g.subjectType != w.SubjectType) {
				continue
			}
			if start != nil && (g.start == nil || !g.start.Equal(*start)) {
				continue
			}
			match = g
			break
		}
		desc := w.Subject
		if w.SubjectType != "" {
			desc = w.SubjectType + " " + desc
		}
		if start != nil {
			desc += " from " + display(*start)
		}
		if match == nil {
			problems = append(problems, fmt.Sprintf("%smissing alert: %s", where, desc))
			continue
		}
		match.matched = true
		if w.WindowEnd != "" {
			end, err := parseTestTime(w.WindowEnd)
			switch {
			case err != nil:
				problems = append(problems, where+"window_end: "+err.Error())
			case match.end == nil || !match.end.Equal(end):
				problems = append(problems, fmt.Sprintf("%salert %s: window_end %s, want %s", where, desc, displayTime(match.end), display(end)))
			}
		}
		if w.Txns != nil {
			wantTxns := slices.Clone(w.Txns)
			sort.Strings(wantTxns)
			if !slices.Equal(wantTxns, match.txns) {
				problems = append(problems, fmt.Sprintf("%salert %s: txns %v, want %v", where, desc, match.txns, wantTxns))
			}
		}
		if w.TotalUSD != "" && !sameAmount(w.TotalUSD, match.total) {
			problems = append(problems, fmt.Sprintf("%salert %s: total_usd %s, want %s", where, desc, match.total, w.TotalUSD))
		}
		if w.MinScore != nil && match.score < *w.MinScore {
			problems = append(problems, fmt.Sprintf("%salert %s: score %g, want at least %g", where, desc, match.score, *w.MinScore))
		}
		for _, frag := range w.Summary {
			if !strings.Contains(match.summary, frag) {
				problems = append(problems, fmt.Sprintf("%salert %s: summary %q lacks %q", where, desc, match.summary, frag))
			}
		}
	}
	for _, g := range got {
		if !g.matched {
			problems = append(problems, fmt.Sprintf("unexpected alert: %s: %q", g, g.summary))
		}
	}
	return problems
}

func displayTime(t *time.Time) string {
	if t == nil {
		return "—"
	}
	return display(*t)
}
