package rules

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
explain: x
--- */
SELECT 1 AS a
FROM transactions
WHERE amount > $min_amount -- $in_comment is not a parameter
  AND memo <> '$not_a_param'
  AND occurred_at > $window_days
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
		"broken.sql:13: parameter $min_amount is used but not declared",
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
	if err == nil || !strings.Contains(err.Error(), "x.sql:7:") || !strings.Contains(err.Error(), "colour") {
		t.Fatalf("error %v, want x.sql:7 naming colour", err)
	}
}

func TestBuiltinsLoad(t *testing.T) {
	rules, _, err := Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) == 0 || rules[0].ID != "fan_in_collector" {
		t.Fatalf("built-in rules: %v", rules)
	}
}

// payment is one transaction of a rule test: day of March 2025, sender, beneficiary phone, USD.
type payment struct {
	day          int
	sender, benf string
	usd          int
	country      string
}

func loadPayments(t *testing.T, ps []payment) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, "", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
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

func TestFanInCollector(t *testing.T) {
	tests := []struct {
		name   string
		pay    []payment
		alerts int
		want   string
	}{
		{"three senders in two weeks", []payment{
			{1, "Senait Tewelde", "+249912345678", 1500, "NL"},
			{4, "Tesfay Haile", "+249912345678", 2000, "SE"},
			{10, "Yonas Berhe", "+249912345678", 1000, "DE"},
		}, 1, "3 senders in 3 countries paid Collector (+249912345678) USD 4,500.00 in 3 payments between 2025-03-01 12:00 and 2025-03-10 12:00."},
		{"one sender short", []payment{
			{1, "Senait Tewelde", "+249912345678", 2500, "NL"},
			{4, "Tesfay Haile", "+249912345678", 2500, "SE"},
			{5, "Tesfay Haile", "+249912345678", 500, "SE"},
		}, 0, ""},
		{"third payment one day outside the window", []payment{
			{1, "Senait Tewelde", "+249912345678", 1500, "NL"},
			{4, "Tesfay Haile", "+249912345678", 2000, "SE"},
			{15, "Yonas Berhe", "+249912345678", 1000, "DE"},
		}, 0, ""},
		{"one dollar under the total", []payment{
			{1, "Senait Tewelde", "+249912345678", 1000, "NL"},
			{4, "Tesfay Haile", "+249912345678", 1000, "SE"},
			{10, "Yonas Berhe", "+249912345678", 999, "DE"},
		}, 0, ""},
		{"two collectors, one alert each", []payment{
			{1, "A One", "+249912345678", 1500, "NL"},
			{2, "B Two", "+249912345678", 1500, "NL"},
			{3, "C Three", "+249912345678", 1500, "NL"},
			{1, "D Four", "+971501234567", 1500, "SE"},
			{2, "E Five", "+971501234567", 1500, "SE"},
			{3, "F Six", "+971501234567", 1500, "SE"},
			{4, "G Seven", "+971501234567", 1500, "SE"},
		}, 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db := loadPayments(t, tt.pay)
			res, err := Run(ctx, db, Options{RunID: "r1"})
			if err != nil {
				t.Fatal(err)
			}
			if res[0].Err != nil || res[0].Alerts != tt.alerts {
				t.Fatalf("result %+v, want %d alerts", res[0], tt.alerts)
			}
			if tt.want == "" {
				return
			}
			var summary string
			var n int
			if err := db.SQL.QueryRow(`SELECT summary, n_txn FROM alerts`).Scan(&summary, &n); err != nil {
				t.Fatal(err)
			}
			if summary != tt.want || n != len(tt.pay) {
				t.Errorf("summary %q (%d txns)\nwant    %q", summary, n, tt.want)
			}
		})
	}
}

func TestRerunKeepsAnalystStatus(t *testing.T) {
	ctx := context.Background()
	db := loadPayments(t, []payment{
		{1, "Senait Tewelde", "+249912345678", 1500, "NL"},
		{4, "Tesfay Haile", "+249912345678", 2000, "SE"},
		{10, "Yonas Berhe", "+249912345678", 1000, "DE"},
	})
	if _, err := Run(ctx, db, Options{RunID: "r1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL.Exec(`UPDATE alerts SET status = 'confirmed'`); err != nil {
		t.Fatal(err)
	}
	res, err := Run(ctx, db, Options{RunID: "r2"})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Alerts != 1 || res[0].New != 0 {
		t.Fatalf("rerun %+v, want 1 alert and 0 new", res[0])
	}
	var n int
	var status, run string
	if err := db.SQL.QueryRow(`SELECT count(*), any_value(status), any_value(run_id) FROM alerts`).Scan(&n, &status, &run); err != nil {
		t.Fatal(err)
	}
	if n != 1 || status != "confirmed" || run != "r2" {
		t.Errorf("after rerun: %d alerts, status %s, run %s", n, status, run)
	}
}

func TestOverridesAndUserRules(t *testing.T) {
	ctx := context.Background()
	db := loadPayments(t, []payment{
		{1, "Senait Tewelde", "+249912345678", 1500, "NL"},
		{4, "Tesfay Haile", "+249912345678", 2000, "SE"},
	})
	res, err := Run(ctx, db, Options{Set: map[string]string{"fan_in_collector.min_senders": "2"}})
	if err != nil || res[0].Alerts != 1 {
		t.Fatalf("min_senders=2: %+v, %v", res, err)
	}
	for _, set := range []map[string]string{
		{"fan_in_collector.min_senders": "two"},
		{"fan_in_collector.colour": "1"},
		{"no_such_rule.x": "1"},
	} {
		if _, err := Run(ctx, db, Options{Set: set}); !errors.Is(err, ErrBadOverride) {
			t.Errorf("%v: error %v, want ErrBadOverride", set, err)
		}
	}

	// A user rule that fails at run time is recorded; the built-in still runs.
	dir := t.TempDir()
	bad := "/* ---\nid: zz_broken\nversion: 1\ntitle: t\nseverity: low\nexplain: e\n--- */\nSELECT * FROM no_such_table\n"
	if err := os.WriteFile(filepath.Join(dir, "zz.sql"), []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err = Run(ctx, db, Options{Dirs: []string{dir}, Set: map[string]string{"fan_in_collector.min_senders": "2"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || res[0].Err != nil || res[1].Err == nil || !strings.Contains(res[1].Err.Error(), "no_such_table") {
		t.Fatalf("results %+v", res)
	}
}
