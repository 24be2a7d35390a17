package rules

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cmrflow/cmrflow/internal/dbtest"
	"github.com/cmrflow/cmrflow/store"
)

func TestParseReportsEveryProblemWithItsLine(t *testing.T) {
	src := `/* ---
id: broken
version: 0
title: Broken on purpose
severity: urgent
params:
  window_days: {default: 14, doc: days}
  unused: {default: 1, doc: never used}
  ratio: {default: [1, 2], type: number, doc: a list is no number}
  bare: {default: 3}
presets:
  big: {window_days: 30, colour: red}
  wrong: {window_days: many}
tables:
  transactions: t.csv
  words: ../words.csv
explain: x
--- */
SELECT 1 AS a
FROM transactions
WHERE amount > $min_amount -- $in_comment is not a parameter
  AND memo <> '$not_a_param'
  AND occurred_at > $window_days
  AND $bare > 0
`
	_, err := Parse("broken.sql", []byte(src))
	if !errors.Is(err, ErrInvalidRule) {
		t.Fatalf("error %v, want ErrInvalidRule", err)
	}
	msg := err.Error()
	for _, want := range []string{
		"broken.sql:3: version must be",
		`broken.sql:5: severity "urgent"`,
		"broken.sql:8: param unused is declared but the SQL never uses $unused",
		"broken.sql:9: param ratio: default [1 2]: want a number",
		"broken.sql:10: param bare: doc is missing",
		`broken.sql:12: preset big: no parameter "colour"`,
		"broken.sql:13: preset wrong: window_days: want a whole number",
		`broken.sql:15: table "transactions" would hide the database table`,
		`broken.sql:16: table words: file "../words.csv" must be a .csv file name`,
		"broken.sql:21: parameter $min_amount is used but not declared",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("missing %q in:\n%s", want, msg)
		}
	}
	for _, notWant := range []string{"in_comment", "not_a_param", "$window_days is used"} {
		if strings.Contains(msg, notWant) {
			t.Errorf("unexpected %q in:\n%s", notWant, msg)
		}
	}
}

func TestParseUnknownHeaderKey(t *testing.T) {
	src := "/* ---\nid: x\nversion: 1\ntitle: t\nseverity: low\nexplain: e\ncolour: red\n--- */\nSELECT 1\n"
	_, err := Parse("x.sql", []byte(src))
	if err == nil || !strings.Contains(err.Error(), "x.sql:7: field colour not found") {
		t.Fatalf("error %v, want x.sql:7 naming colour", err)
	}
}

func TestParseOneStatement(t *testing.T) {
	src := "/* ---\nid: x\nversion: 1\ntitle: t\nseverity: low\nexplain: e\n--- */\nSELECT 1; DROP TABLE alerts;\n"
	if _, err := Parse("x.sql", []byte(src)); err == nil || !strings.Contains(err.Error(), "x.sql:8: a rule is one SELECT") {
		t.Fatalf("error %v", err)
	}
	src = "/* ---\nid: x\nversion: 1\ntitle: t\nseverity: low\nexplain: e\n--- */\nSELECT ';' AS a; -- done;\n"
	if _, err := Parse("x.sql", []byte(src)); err != nil {
		t.Fatalf("a ; in text or comment: %v", err)
	}
}

// TestLibrary runs every built-in rule's test file, so that `go test`
// covers what `cmrflow rules test` does, and holds every rule to at least
// two cases that alert and two that must not.
func TestLibrary(t *testing.T) {
	ctx := context.Background()
	set, err := Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	results, err := Test(ctx, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	tested := map[string]TestResult{}
	for _, res := range results {
		tested[res.Rule] = res
		for _, c := range res.Cases {
			t.Run(res.Rule+"/"+c.Name, func(t *testing.T) {
				for _, p := range c.Problems {
					t.Errorf("%s:%d: %s", res.File, c.Line, p)
				}
			})
		}
	}
	for _, r := range set.Rules {
		res, ok := tested[r.ID]
		if !ok {
			t.Errorf("rule %s has no test file %s%s", r.ID, r.ID, testSuffix)
			continue
		}
		pos, neg := 0, 0
		for _, c := range res.Cases {
			if c.Positive {
				pos++
			} else {
				neg++
			}
		}
		if pos < 2 || neg < 2 {
			t.Errorf("rule %s: %d cases that alert and %d that must not; want at least two of each", r.ID, pos, neg)
		}
		for _, ind := range r.Indicators {
			if _, ok := SourceOf(ind); !ok {
				t.Errorf("rule %s: indicator %s is not in library/sources.yaml", r.ID, ind)
			}
		}
		if r.Description == "" {
			t.Errorf("rule %s has no description", r.ID)
		}
	}
}

// TestValidateAgainstTheSchema runs the built-ins' SQL against an empty
// database, and reports a broken user rule's SQL, output columns and
// explain placeholders with their lines.
func TestValidateAgainstTheSchema(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	set, err := Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	values, err := Bind(set.Rules, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(ctx, db, set.Rules, values); err != nil {
		t.Fatalf("built-in rules: %v", err)
	}

	dir := t.TempDir()
	write(t, dir, "bad_column.sql", `/* ---
id: bad_column
version: 1
title: t
severity: low
explain: e
--- */
SELECT 'x' AS subject_type,
       no_such_column AS subject_key
FROM transactions
`)
	write(t, dir, "missing.sql", `/* ---
id: missing
version: 1
title: t
severity: low
explain: "{n_senders} paid {subject_key}"
--- */
SELECT 'x' AS subject_type, txn_id AS subject_key, 1 AS score
FROM transactions
`)
	set, err = Load([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	values, _ = Bind(set.Rules, nil)
	err = Validate(ctx, db, set.Rules, values)
	if !errors.Is(err, ErrInvalidRule) {
		t.Fatalf("error %v, want ErrInvalidRule", err)
	}
	for _, want := range []string{
		filepath.Join(dir, "bad_column.sql") + `:9: SQL: Binder Error: Referenced column "no_such_column" not found`,
		filepath.Join(dir, "missing.sql") + ":8: the SELECT lacks window_start, window_end, total_usd, txn_ids",
		filepath.Join(dir, "missing.sql") + ":6: explain uses {n_senders}",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
	// A run finds the same in each rule's result, and saves nothing of it.
	res, err := Run(ctx, db, Options{Dirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	got := result(t, res, "missing").Err
	if got == nil || !strings.Contains(got.Error(), "missing.sql:8: the SELECT lacks window_start") ||
		!strings.Contains(got.Error(), "missing.sql:6: explain uses {n_senders}") {
		t.Errorf("run of missing.sql: %v", got)
	}
	if got := result(t, res, "bad_column").Err; got == nil || !strings.Contains(got.Error(), "bad_column.sql:9: SQL: Binder Error") {
		t.Errorf("run of bad_column.sql: %v", got)
	}
}

func openDB(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), "", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// payment is one transaction of an engine test: day of March 2025, sender, beneficiary phone, USD.
type payment struct {
	day          int
	sender, benf string
	usd          int
	country      string
}

func loadPayments(t *testing.T, ps []payment) *store.DB {
	t.Helper()
	ctx := context.Background()
	db := openDB(t)
	for i, p := range ps {
		_, err := db.SQL.ExecContext(ctx, `INSERT INTO transactions (txn_id, source_id, source_row, kind, occurred_at,
			amount, currency, amount_usd, sender_name, sender_name_key, sender_country, beneficiary_name, beneficiary_phone, raw)
			VALUES ($1, 'src', $2, 'remittance', make_timestamp(2025, 3, $3, 12, 0, 0), $4, 'USD', $4, $5, lower($5), $6, 'Collector', $7, '{}')`,
			fmt.Sprintf("T%03d", i), i+2, p.day, p.usd, p.sender, p.country, p.benf)
		if err != nil {
			t.Fatal(err)
		}
	}
	return db
}

var threeSenders = []payment{
	{1, "Senait Tewelde", "+249912345678", 1500, "NL"},
	{4, "Tesfay Haile", "+249912345678", 2000, "SE"},
	{10, "Yonas Berhe", "+249912345678", 1000, "DE"},
}

func result(t *testing.T, res []Result, id string) Result {
	t.Helper()
	for _, r := range res {
		if r.RuleID == id {
			return r
		}
	}
	t.Fatalf("no result for %s in %+v", id, res)
	return Result{}
}

func TestRerunKeepsAnalystStatus(t *testing.T) {
	ctx := context.Background()
	db := loadPayments(t, threeSenders)
	if _, err := Run(ctx, db, Options{RunID: "r1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL.Exec(`UPDATE alerts SET status = 'confirmed' WHERE rule_id = 'fan_in_collector'`); err != nil {
		t.Fatal(err)
	}
	res, err := Run(ctx, db, Options{RunID: "r2"})
	if err != nil {
		t.Fatal(err)
	}
	if r := result(t, res, "fan_in_collector"); r.Alerts != 1 || r.New != 0 || r.Err != nil {
		t.Fatalf("rerun %+v, want 1 alert and 0 new", r)
	}
	var n int
	var status, run string
	if err := db.SQL.QueryRow(`SELECT count(*), any_value(status), any_value(run_id) FROM alerts WHERE rule_id = 'fan_in_collector'`).Scan(&n, &status, &run); err != nil {
		t.Fatal(err)
	}
	if n != 1 || status != "confirmed" || run != "r2" {
		t.Errorf("after rerun: %d alerts, status %s, run %s", n, status, run)
	}
}

// TestNewVersionKeepsOldAlerts: a rule's new version makes new alerts
// and leaves the old version's, each with the run that produced it; new
// parameters that keep subject and window update the alert in place.
func TestNewVersionKeepsOldAlerts(t *testing.T) {
	ctx := context.Background()
	db := loadPayments(t, threeSenders)
	if _, err := Run(ctx, db, Options{RunID: "r1"}); err != nil {
		t.Fatal(err)
	}
	src, err := fs.ReadFile(library, "library/fan_in_collector.sql")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write(t, dir, "fan_in_v2.sql", strings.Replace(string(src), "version: 1", "version: 2", 1))
	res, err := Run(ctx, db, Options{RunID: "r2", Dirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if r := result(t, res, "fan_in_collector"); r.Version != 2 || r.New != 1 {
		t.Fatalf("v2 %+v", r)
	}
	res, err = Run(ctx, db, Options{RunID: "r3", Dirs: []string{dir}, Set: map[string]string{"fan_in_collector.min_total_usd": "100"}})
	if err != nil {
		t.Fatal(err)
	}
	if r := result(t, res, "fan_in_collector"); r.New != 0 || r.Params["min_total_usd"] != 100.0 {
		t.Fatalf("v2 with new parameters %+v", r)
	}
	got := dbtest.Column(t, db.SQL, `SELECT 'v' || rule_version || ' ' || run_id || ' ' || (params->>'min_total_usd')
		FROM alerts WHERE rule_id = 'fan_in_collector' ORDER BY rule_version`)
	if strings.Join(got, "; ") != "v1 r1 3000; v2 r3 100" {
		t.Errorf("alerts: %v", got)
	}
}

func TestOverridesPresetsAndUserRules(t *testing.T) {
	ctx := context.Background()
	db := loadPayments(t, threeSenders[:2])
	res, err := Run(ctx, db, Options{Set: map[string]string{"fan_in_collector.min_senders": "2"}})
	if err != nil || result(t, res, "fan_in_collector").Alerts != 1 {
		t.Fatalf("min_senders=2: %+v, %v", res, err)
	}
	for _, set := range []map[string]string{
		{"fan_in_collector.min_senders": "two"},
		{"fan_in_collector.min_senders": "2.5"},
		{"fan_in_collector.colour": "1"},
		{"no_such_rule.x": "1"},
		{"ransom_band.preset": "gaza"},
		{"fan_in_collector.preset": "libya"},
	} {
		if _, err := Run(ctx, db, Options{Set: set}); !errors.Is(err, ErrBadOverride) {
			t.Errorf("%v: error %v, want ErrBadOverride", set, err)
		}
	}

	// A user rule that fails at run time is recorded with its line; the
	// built-ins still run.
	dir := t.TempDir()
	write(t, dir, "zz.sql", "/* ---\nid: zz_broken\nversion: 1\ntitle: t\nseverity: low\nexplain: e\n--- */\nSELECT *\nFROM no_such_table\n")
	res, err = Run(ctx, db, Options{Dirs: []string{dir}, Set: map[string]string{"fan_in_collector.min_senders": "2"}})
	if err != nil {
		t.Fatal(err)
	}
	broken := result(t, res, "zz_broken")
	if broken.Err == nil || !strings.Contains(broken.Err.Error(), "zz.sql:9: SQL: Catalog Error: Table with name no_such_table does not exist") {
		t.Fatalf("broken rule: %v", broken.Err)
	}
	if r := result(t, res, "fan_in_collector"); r.Err != nil || r.Alerts != 1 {
		t.Fatalf("fan_in_collector beside a broken rule: %+v", r)
	}
}

func TestPresetsThenParameters(t *testing.T) {
	set, err := Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	values, err := Bind(set.Rules, map[string]string{"ransom_band.preset": "sinai", "ransom_band.max_total_usd": "60000"})
	if err != nil {
		t.Fatal(err)
	}
	v := values["ransom_band"]
	if v.Preset != "sinai" || v.Param["min_total_usd"] != 15000.0 || v.Param["max_total_usd"] != 60000.0 || v.Param["window_days"] != int64(30) {
		t.Errorf("sinai with a wider top: %+v", v)
	}
	values, err = Bind(set.Rules, map[string]string{"multi_country_senders.diaspora_countries": "NL, SE,,DE"})
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(values["multi_country_senders"].Param["diaspora_countries"]); got != "[NL SE DE]" {
		t.Errorf("list override: %s", got)
	}
}

func TestSinceHidesOlderTransactions(t *testing.T) {
	ctx := context.Background()
	db := loadPayments(t, threeSenders)
	res, err := Run(ctx, db, Options{Since: time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if r := result(t, res, "fan_in_collector"); r.Err != nil || r.Alerts != 0 {
		t.Fatalf("since 2 March: %+v", r)
	}
	res, err = Run(ctx, db, Options{Since: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if r := result(t, res, "fan_in_collector"); r.Err != nil || r.Alerts != 1 {
		t.Fatalf("since 1 March: %+v", r)
	}
	var n int
	if err := db.SQL.QueryRow(`SELECT count(*) FROM transactions`).Scan(&n); err != nil || n != 3 {
		t.Fatalf("the view stays with the run: %d transactions, %v", n, err)
	}
}

// TestUserTableReplacesBuiltin: a memo_keywords.csv in a user folder is
// the word list the built-in rule reads.
func TestUserTableReplacesBuiltin(t *testing.T) {
	ctx := context.Background()
	db := loadPayments(t, nil)
	_, err := db.SQL.Exec(`INSERT INTO transactions (txn_id, source_id, source_row, kind, occurred_at, amount, currency, amount_usd,
		beneficiary_name, beneficiary_phone, memo, raw)
		VALUES ('T1', 'src', 2, 'remittance', TIMESTAMP '2025-03-01', 900, 'USD', 900, 'Collector', '+249912345678', 'pay the tassa now', '{}')`)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(ctx, db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r := result(t, res, "memo_keywords"); r.Alerts != 0 {
		t.Fatalf("built-in list: %+v", r)
	}
	dir := t.TempDir()
	write(t, dir, "memo_keywords.csv", "# our own list\nword,language,weight,meaning\ntassa,it,2,fee (as the case's messages use it)\n")
	set, err := Load([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Notes) != 1 || !strings.Contains(set.Notes[0], "replaces built-in table file memo_keywords.csv") {
		t.Errorf("notes %v", set.Notes)
	}
	res, err = Run(ctx, db, Options{Dirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if r := result(t, res, "memo_keywords"); r.Err != nil || r.Alerts != 1 {
		t.Fatalf("user list: %+v", r)
	}

	write(t, dir, "memo_keywords.csv", "word,language,weight\ntassa,it\n")
	res, err = Run(ctx, db, Options{Dirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	r := result(t, res, "memo_keywords")
	if r.Err == nil || !strings.Contains(r.Err.Error(), filepath.Join(dir, "memo_keywords.csv")+":2: table memo_words: wrong number of fields") {
		t.Fatalf("broken list: %+v", r)
	}
	if other := result(t, res, "fan_in_collector"); other.Err != nil {
		t.Errorf("a broken table stops only its rule: %v", other.Err)
	}
}

// TestRuleTestFailures: a user's rule test that does not hold says which
// case, where, and what differs.
func TestRuleTestFailures(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src, err := fs.ReadFile(library, "library/fan_in_collector.sql")
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "big_collector.sql", strings.Replace(string(src), "id: fan_in_collector", "id: big_collector", 1))
	write(t, dir, "big_collector_test.yaml", `defaults:
  beneficiary_phone: "+249912345678"
cases:
  - name: wrong expectations
    transactions:
      - {occurred_at: 2025-03-01, sender_name: A, amount_usd: 1000}
      - {occurred_at: 2025-03-02, sender_name: B, amount_usd: 1000}
      - {occurred_at: 2025-03-03, sender_name: C, amount_usd: 1000}
    alerts:
      - {subject: "+249912345678", txns: [T1, T2], total_usd: 2000, summary: [4 senders]}
      - {subject: "+971500000000"}
  - name: expects nothing
    transactions:
      - {occurred_at: 2025-03-01, sender_name: A, amount_usd: 1000}
      - {occurred_at: 2025-03-02, sender_name: B, amount_usd: 1000}
      - {occurred_at: 2025-03-03, sender_name: C, amount_usd: 1000}
    alerts: []
  - name: passes
    transactions: []
    alerts: []
`)
	results, err := Test(ctx, []string{dir}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 1 || results[0].Rule != "big_collector" || results[0].Failed() != 2 {
		t.Fatalf("results %+v", results)
	}
	got := strings.Join(results[0].Cases[0].Problems, "\n") + "\n" + strings.Join(results[0].Cases[1].Problems, "\n")
	for _, want := range []string{
		"line 10: alert +249912345678: txns [T1 T2 T3], want [T1 T2]",
		"line 10: alert +249912345678: total_usd 3000.00, want 2000",
		`line 10: alert +249912345678: summary "3 senders in 0 countries`,
		"line 11: missing alert: +971500000000",
		"unexpected alert: beneficiary +249912345678 from 2025-03-01",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if results[0].Cases[0].Line != 4 {
		t.Errorf("case line %d", results[0].Cases[0].Line)
	}

	write(t, dir, "big_collector_test.yaml", "cases:\n  - name: x\n    transactions: []\n    colour: red\n")
	if _, err := Test(ctx, []string{dir}, nil, nil); !errors.Is(err, ErrInvalidTest) || !strings.Contains(err.Error(), "big_collector_test.yaml:4: field colour not found") {
		t.Fatalf("unknown key: %v", err)
	}
	write(t, dir, "big_collector_test.yaml", "cases:\n  - name: x\n    transactions: []\n")
	if _, err := Test(ctx, []string{dir}, nil, nil); !errors.Is(err, ErrInvalidRule) || !strings.Contains(err.Error(), "big_collector_test.yaml:2: case \"x\": say which alerts are expected") {
		t.Fatalf("no alerts key: %v", err)
	}
}

func TestExplainFillsOneLine(t *testing.T) {
	tmpl := parseExplain("{name} received\n  USD {total}  from {n} senders. ")
	for _, tc := range []struct {
		row  map[string]any
		want string
	}{
		{map[string]any{"name": "Ali", "total": 1500.5, "n": int64(2)}, "Ali received USD 1,500.50 from 2 senders."},
		{map[string]any{"name": " Ali\tOmar ", "n": int64(1000)}, "Ali Omar received USD {total} from 1,000 senders."},
		{map[string]any{"name": "ሙሴ\u00a0ተስፋይ", "total": nil, "n": nil}, "ሙሴ ተስፋይ received USD — from — senders."},
	} {
		if got := tmpl.fill(tc.row); got != tc.want {
			t.Errorf("fill(%v) = %q, want %q", tc.row, got, tc.want)
		}
	}
	for in, want := range map[string]string{"": "", "a b": "a b", " a": "a", "a ": "a", "a  b": "a b", "a\nb": "a b", "é b": "é b"} {
		if got := oneLine(in); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRuleTxnsFamily: a sender's family is the last two of three or more
// names, else the sender itself.
func TestRuleTxnsFamily(t *testing.T) {
	ctx := context.Background()
	db := loadPayments(t, []payment{
		{1, "Senait Tewelde Haile", "+249912345678", 100, "NL"},
		{1, "Mussie Senait Tewelde Haile", "+249912345678", 100, "NL"},
		{1, "Tesfay Haile", "+249912345678", 100, "NL"},
		{1, "Yonas", "+249912345678", 100, "NL"},
		{1, "", "+249912345678", 100, "NL"},
	})
	sess, err := openSession(ctx, db, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	defer sess.close()
	if err := sess.buildRuleTxns(ctx); err != nil {
		t.Fatal(err)
	}
	got := dbtest.Column(t, sess.conn, `SELECT coalesce(family, 'NULL') FROM rule_txns ORDER BY txn_id`)
	want := []string{"tewelde haile", "tewelde haile", "tesfay haile", "yonas", ""}
	if !slices.Equal(got, want) {
		t.Errorf("families %q, want %q", got, want)
	}
}

// TestRowsThatDoNotCount: a second copy of a payment (two overlapping
// exports) and a cancelled transfer are not money a rule adds up; the
// rows stay in transactions for every other reader.
func TestRowsThatDoNotCount(t *testing.T) {
	ctx := context.Background()
	db := loadPayments(t, append(slices.Clone(threeSenders),
		payment{1, "Senait Tewelde", "+249912345678", 1500, "NL"},
		payment{5, "Mussie Kidane", "+249912345678", 3000, "IT"}))
	if _, err := db.SQL.Exec(`UPDATE transactions SET not_counted = CASE txn_id
		WHEN 'T003' THEN 'also in march.csv row 2 (same reference, amount, time and parties)'
		WHEN 'T004' THEN 'status "CANCELLED": the money may not have moved' END
		WHERE txn_id IN ('T003', 'T004')`); err != nil {
		t.Fatal(err)
	}
	// A user's rule about transfers that did not go through reads them
	// from transactions_all.
	dir := t.TempDir()
	write(t, dir, "cancelled.sql", `/* ---
id: cancelled_tries
version: 1
title: Transfers to one beneficiary that did not go through
severity: low
explain: "{subject_key}: {n_txn} transfers did not go through."
--- */
SELECT 'beneficiary' AS subject_type, beneficiary_phone AS subject_key,
       min(occurred_at) AS window_start, max(occurred_at) AS window_end, 50 AS score,
       sum(amount_usd) AS total_usd, list(txn_id ORDER BY txn_id) AS txn_ids
FROM transactions_all
WHERE not_counted LIKE 'status %'
GROUP BY beneficiary_phone
`)
	res, err := Run(ctx, db, Options{RunID: "r1", Dirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if r := result(t, res, "cancelled_tries"); r.Err != nil || r.Alerts != 1 {
		t.Fatalf("cancelled_tries: %+v", r)
	}
	got := dbtest.Column(t, db.SQL, `SELECT rule_id || ' ' || total_usd || ' ' || array_to_string(txn_ids, ' ') FROM alerts
		WHERE rule_id IN ('fan_in_collector', 'cancelled_tries') ORDER BY rule_id`)
	if want := []string{"cancelled_tries 3000.00 T004", "fan_in_collector 4500.00 T000 T001 T002"}; !slices.Equal(got, want) {
		t.Errorf("alerts %q, want %q", got, want)
	}
	// The engine's view is gone with its run: the connection it used,
	// the pool's first choice as the last one back, shows every row again.
	var n, views int
	err = db.SQL.QueryRow(`SELECT (SELECT count(*) FROM transactions),
		(SELECT count(*) FROM duckdb_views() WHERE view_name LIKE 'transactions%')`).Scan(&n, &views)
	if err != nil || n != 5 || views != 0 {
		t.Errorf("after the run: %d transactions, %d views (%v), want 5 and none", n, views, err)
	}
}
