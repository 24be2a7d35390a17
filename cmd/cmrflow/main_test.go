package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// cmrflow runs the command line in-process and returns stdout, stderr and
// the exit code main would use.
func cmrflow(t *testing.T, argv ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	root := newRoot(&out, &errOut)
	root.SetArgs(argv)
	err := root.ExecuteContext(context.Background())
	if err != nil {
		errOut.WriteString("cmrflow: " + err.Error() + "\n")
	}
	return out.String(), errOut.String(), exitCode(err)
}

func TestDemoThenSQL(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	out, errOut, code := cmrflow(t, "-q", "demo", "--dir", dir)
	if code != 0 {
		t.Fatalf("demo exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"mto_export.csv: ", "hawala_ledger.xlsx: ", "fan_in_collector v1: ", "report: " + filepath.Join(dir, "reports")} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
	db := filepath.Join(dir, "cmrflow.duckdb")
	// The count the demo printed is the count the database holds.
	m := regexp.MustCompile(`fan_in_collector v1: (\d+) alerts`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("demo output lacks the fan-in count:\n%s", out)
	}
	out, errOut, code = cmrflow(t, "--db", db, "sql", "--format", "csv", "select count(*) AS n from alerts where rule_id = 'fan_in_collector'")
	if code != 0 || out != "n\n"+m[1]+"\n" {
		t.Errorf("sql: exit %d, out %q, err %q", code, out, errOut)
	}
	_, errOut, code = cmrflow(t, "--db", db, "sql", "delete from alerts")
	if code != 2 || !strings.Contains(errOut, "only SELECT") {
		t.Errorf("a write through sql: exit %d, %q", code, errOut)
	}
	out, _, code = cmrflow(t, "--db", db, "status")
	if code != 0 || !strings.Contains(out, "fan_in_collector") || !strings.Contains(out, "mto_export.csv") {
		t.Errorf("status: exit %d\n%s", code, out)
	}
}

func TestErrorsAreOneLineWithTheRightExitCode(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "case.duckdb")
	broken := filepath.Join(dir, "broken.xlsx")
	if err := os.WriteFile(broken, []byte("PK\x03\x04 a workbook cut short"), 0o600); err != nil {
		t.Fatal(err)
	}
	withBadRow := filepath.Join(dir, "bad-row.csv")
	if err := os.WriteFile(withBadRow, []byte("MTCN,Date,Sender Name,Receiver Name,Amount,Currency\n1,2025-01-01,A,B,TBC,USD\n2,2025-01-02,A,B,10,USD\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		argv []string
		code int
		want string
	}{
		{"bad flag", []string{"ingest", "--no-such-flag", broken}, 2, "unknown flag: --no-such-flag"},
		{"missing file", []string{"--db", db, "ingest", filepath.Join(dir, "missing.csv")}, 1, "missing.csv: no such file or directory"},
		{"broken file", []string{"--db", db, "ingest", broken}, 1, "broken.xlsx: read workbook: zip: not a valid zip file"},
		{"strict with a quarantined row", []string{"--db", db, "ingest", "--strict", withBadRow}, 3, "1 row was quarantined"},
		{"bad override", []string{"--db", db, "detect", "--set", "fan_in_collector.min_senders=many"}, 2, "fan_in_collector.min_senders"},
		{"no database for sql", []string{"--db", filepath.Join(dir, "none.duckdb"), "sql", "select 1"}, 1, "no database at"},
		{"missing argument", []string{"sql"}, 2, "accepts 1 arg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := cmrflow(t, append([]string{"-q"}, tt.argv...)...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errOut, tt.code, tt.want)
			}
			if lines := strings.Count(strings.TrimSpace(errOut), "\n") + 1; lines != 1 || strings.Contains(errOut, "goroutine") {
				t.Errorf("stderr is %d lines, want one:\n%s", lines, errOut)
			}
		})
	}
}

func TestRulesList(t *testing.T) {
	out, _, code := cmrflow(t, "rules", "list")
	if code != 0 || !strings.Contains(out, "fan_in_collector") || !strings.Contains(out, "high") {
		t.Errorf("rules list: exit %d\n%s", code, out)
	}
}

// After a demo: the review queue, an HVT's page, an analyst's decision, and
// the kit's scenario flags.
func TestLinkReviewAndHVT(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	if out, errOut, code := cmrflow(t, "-q", "demo", "--dir", dir); code != 0 {
		t.Fatalf("demo exit %d\n%s\n%s", code, out, errOut)
	}
	db := filepath.Join(dir, "cmrflow.duckdb")
	out, errOut, code := cmrflow(t, "--db", db, "hvt", "show", "HVT-001")
	for _, want := range []string{"Watchlist entry", "Linked parties", "phone", "exact", "Money in, by channel and month", "Alerts whose money reaches this HVT"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("hvt show: exit %d, lacks %q\n%s\n%s", code, want, out, errOut)
		}
	}
	if _, errOut, code = cmrflow(t, "--db", db, "hvt", "show", "HVT-999"); code != 2 || !strings.Contains(errOut, "not on the watchlist") {
		t.Errorf("hvt show of an unknown id: exit %d, %q", code, errOut)
	}
	out, errOut, code = cmrflow(t, "--db", db, "link", "--review")
	if code != 0 || !strings.Contains(out, "HVT") {
		t.Fatalf("link --review: exit %d\n%s\n%s", code, out, errOut)
	}
	if _, errOut, code = cmrflow(t, "--db", db, "link", "confirm", "HVT-001", "P0000"); code != 2 || !strings.Contains(errOut, "no such link") {
		t.Errorf("confirm of an unknown pair: exit %d, %q", code, errOut)
	}
	if _, errOut, code = cmrflow(t, "demo", "--scenario", "one-collector", "--seed", "3", "--dir", dir); code != 2 {
		t.Errorf("--scenario with --seed: exit %d, %q", code, errOut)
	}
	kit := t.TempDir()
	if out, errOut, code = cmrflow(t, "samples", "kit", "--out", kit); code != 0 {
		t.Fatalf("samples kit: exit %d\n%s\n%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(kit, "1-one-collector", "ANSWERS.md")); err != nil {
		t.Error(err)
	}
}
