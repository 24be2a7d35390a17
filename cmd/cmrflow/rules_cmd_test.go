package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRulesShow(t *testing.T) {
	out, errOut, code := cmrflow(t, "rules", "show", "ransom_band", "--set", "ransom_band.preset=sinai", "--set", "ransom_band.window_days=20")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"ransom_band v1 (low):",
		"PRESS-RANSOM: Case reporting on ransoms",
		"min_total_usd    number   15000",
		"(default 1500)",
		"window_days      integer  20",
		"chosen: sinai",
		"sinai: window_days=30 min_total_usd=15000 max_total_usd=50000",
		"SQL (from line",
		"$min_round_share",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("rules show lacks %q:\n%s", want, out)
		}
	}
	out, _, code = cmrflow(t, "rules", "show", "memo_keywords", "--table", "memo_words")
	if code != 0 || !strings.Contains(out, "word,language,weight,meaning\n") || !strings.Contains(out, "losgeld,nl,3,ransom") {
		t.Errorf("rules show --table: exit %d\n%s", code, out)
	}
	_, errOut, code = cmrflow(t, "rules", "show", "no_such_rule")
	if code != 2 || !strings.Contains(errOut, `no rule "no_such_rule"`) {
		t.Errorf("unknown rule: exit %d, %s", code, errOut)
	}
}

func TestRulesTest(t *testing.T) {
	out, errOut, code := cmrflow(t, "rules", "test")
	if code != 0 || !strings.Contains(out, "ok    builtin:fan_in_collector_test.yaml: fan_in_collector") || !strings.Contains(out, " 0 failed") {
		t.Fatalf("built-in tests: exit %d\n%s\n%s", code, out, errOut)
	}

	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join("..", "..", "rules", "library", "fan_in_collector.sql"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "fan_in_collector.sql"), []byte(strings.Replace(string(src), "version: 1", "version: 2", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	test := `cases:
  - name: expects too much
    transactions:
      - {occurred_at: 2025-03-01, sender_name: A, beneficiary_phone: "+249912345678", amount_usd: 5000}
    alerts:
      - {subject: "+249912345678"}
  - name: quiet
    transactions: []
    alerts: []
`
	if err := os.WriteFile(filepath.Join(dir, "fan_in_collector_test.yaml"), []byte(test), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, code = cmrflow(t, "rules", "test", dir)
	if code != 1 || !strings.Contains(out, "FAIL  "+filepath.Join(dir, "fan_in_collector_test.yaml")+`:2: fan_in_collector: case "expects too much"`) ||
		!strings.Contains(out, "line 6: missing alert: +249912345678") || !strings.Contains(errOut, "1 of 2 rule test cases failed") {
		t.Errorf("failing user test: exit %d\n%s\n%s", code, out, errOut)
	}

	if err := os.WriteFile(filepath.Join(dir, "fan_in_collector_test.yaml"), []byte("cases: [{name: x, transactions: []}]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, code = cmrflow(t, "-q", "rules", "test", dir)
	if code != 2 || !strings.Contains(errOut, "say which alerts are expected") {
		t.Errorf("bad test file: exit %d, %s", code, errOut)
	}
}

func TestDetectFlags(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "case.duckdb")
	for _, tt := range []struct {
		argv []string
		code int
		want string
	}{
		{[]string{"detect", "--since", "March"}, 2, `--since "March": give a date`},
		{[]string{"detect", "--set", "ransom_band.preset=gaza"}, 2, `rule ransom_band has no preset "gaza" (presets: libya, sinai)`},
		{[]string{"detect", "--set", "hub_sink.max_hops=three"}, 2, `hub_sink.max_hops: "three" is not a whole number`},
		{[]string{"detect", "--rules", filepath.Join(dir, "missing")}, 2, "rules folder"},
	} {
		_, errOut, code := cmrflow(t, append([]string{"-q", "--db", db}, tt.argv...)...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, %q; want exit %d and %q", tt.argv, code, errOut, tt.code, tt.want)
		}
	}
	out, errOut, code := cmrflow(t, "-q", "--db", db, "detect", "--since", "2025-03-01", "--set", "ransom_band.preset=sinai")
	if code != 0 || !strings.Contains(out, "ransom_band v1: 0 alerts") || !strings.Contains(out, "memo_keywords v1: 0 alerts") {
		t.Errorf("detect on an empty database: exit %d\n%s\n%s", code, out, errOut)
	}
	out, _, _ = cmrflow(t, "--db", db, "sql", "--format", "csv", "select stats->'result'->'ransom_band'->>'preset' AS p, stats->'result'->'ransom_band'->>'since' AS s from runs where status = 'ok'")
	if out != "p,s\nsinai,2025-03-01T00:00:00Z\n" {
		t.Errorf("the run records preset and since: %q", out)
	}
}
