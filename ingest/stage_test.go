package ingest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cmrflow/cmrflow/store"
)

// awkwardCSV holds the cells that take the stage's slower roads: quotes,
// commas and a backslash, white space to fold, a tab, a control
// character, a line break, cells beyond the header and a row short of
// them, non-Latin scripts, parties written twice in different ways, and
// rows that go to quarantine.
const awkwardCSV = "MTCN,Date,Sender Name,Sender Phone,Sender Country,Receiver Name,Receiver Phone,Receiver Country,Amount,Currency,Message\r\n" +
	"1000000001,2025-03-01 10:00,Senait Tewelde,+31612345678,NL,Mohamed Osman Ali,+249912345678,SD,1500.00,USD,school fees\r\n" +
	"1000000002,2025-03-02 11:30,\"Yonas \"\"Jo\"\" Haile\",+46701234567,SE,\"Osman, Mohamed\",0912345678,SD,2000.50,USD,path C:\\files\r\n" +
	"1000000003,2025-03-03 09:15,  Senait  Tewelde ,0031 6 1234 5678,Netherlands,Mohamed Osman Ali,+249912345678,Sudan,750,EUR,\"  two  spaces \"\r\n" +
	"1000000004,2025-03-04,Aron\u00a0Tsegay,+971501234567,AE,Kidane Zekarias,12345,XX,\"1,250.00\",USD,\"tab\there\"\r\n" +
	"1000000005,2025-03-05 08:00,ኪዳነ ዘካርያስ,+251911234567,ET,محمد عثمان,+249912345678,SD,-300,USD,\"line one\nline two\"\r\n" +
	"1000000006,2025-03-06,A B,,NL,C D,,SD,100,USD,memo,extra one,extra two\r\n" +
	"1000000007,2025-03-07,A B,,NL,C D\r\n" +
	"1000000008,2025-13-45,A B,,NL,C D,,SD,100,USD,\r\n" +
	"1000000009,2025-03-09,A B,,NL,C D,,SD,USD 100,EUR,\r\n" +
	"1000000010,2025-03-10,A \"B\",,NL,C D,,SD,100,USD,\r\n" + // quotes in pairs are text
	"1000000011,2025-03-11,Senait Tewelde,0612345678,NL,Mohamed Osman Ali,+249 912 345 678,SD,99.999,USD,\r\n" +
	"1000000012,2025-03-12,A B,,NL,C D,,SD,5,USD,bell\a\r\n" +
	"\r\n" +
	"1000000013,2025-03-13,,,,,,,10,USD,\r\n"

// The stage loads parties from tables of distinct parties, builds raw in
// SQL and writes txn ids in Go: what it loads must be what the mapper reads
// row by row.
func TestStageLoadsWhatTheMapperReads(t *testing.T) {
	path := writeFile(t, "awkward.csv", awkwardCSV)
	db := openDB(t)
	res, err := Files(context.Background(), db, []string{path}, Options{})
	if err != nil {
		t.Fatal(err)
	}

	// The same rows, read and mapped one at a time.
	src, err := openText(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	header, err := src.Next()
	if err != nil {
		t.Fatal(err)
	}
	lay, ok := detect(header.cells, mustProfiles(t), "", true)
	if !ok {
		t.Fatal("no layout")
	}
	var recs []record
	for {
		rec, err := src.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if !blank(rec.cells) {
			recs = append(recs, rec)
		}
	}
	m := newMapper(lay, false, false)
	(&loader{res: &FileResult{}, log: slog.New(slog.DiscardHandler)}).decide(m, recs, "")
	var want, wantQ []string
	for _, rec := range recs {
		r := badRow(rec)
		if rec.bad == "" {
			r = m.row(rec.row, rec.cells)
		}
		raw := r.raw
		if raw == "" {
			raw = rawJSON(lay.header, rec.cells)
		}
		if len(r.reasons) > 0 {
			wantQ = append(wantQ, fmt.Sprintf("%d|%s|%s", r.row, strings.Join(r.reasons, "; "), raw))
			continue
		}
		fields := []string{fmt.Sprint(r.row), r.when.Format("2006-01-02 15:04:05"), decimal3(r.amount), r.cur}
		flags := r.flags
		for _, side := range []struct {
			p    party
			name string
		}{{r.sender, "sender"}, {r.ben, "beneficiary"}} {
			p, key, f := m.side(side.p, side.name)
			fields = append(fields, orNull(p.name), orNull(key), orNull(p.phone), orNull(p.account), orNull(p.country))
			flags = append(flags, f...)
		}
		for _, text := range r.text {
			fields = append(fields, orNull(text))
		}
		want = append(want, strings.Join(append(fields, raw, orNull(strings.Join(flags, ";"))), "|"))
	}

	got := column(t, db, `SELECT concat_ws('|', source_row, strftime(occurred_at, '%Y-%m-%d %H:%M:%S'), amount, currency,
		coalesce(sender_name, '∅'), coalesce(sender_name_key, '∅'), coalesce(sender_phone, '∅'), coalesce(sender_account, '∅'),
		coalesce(sender_country, '∅'), coalesce(beneficiary_name, '∅'), coalesce(beneficiary_name_key, '∅'),
		coalesce(beneficiary_phone, '∅'), coalesce(beneficiary_account, '∅'), coalesce(beneficiary_country, '∅'),
		coalesce(reference, '∅'), coalesce(sender_city, '∅'), coalesce(beneficiary_city, '∅'), coalesce(sending_agent, '∅'),
		coalesce(paying_agent, '∅'), coalesce(memo, '∅'), raw, coalesce(array_to_string(flags, ';'), '∅'))
		FROM transactions ORDER BY source_row`)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("transactions\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	gotQ := column(t, db, `SELECT concat_ws('|', source_row, reasons, raw) FROM quarantine ORDER BY source_row`)
	if strings.Join(gotQ, "\n") != strings.Join(wantQ, "\n") {
		t.Errorf("quarantine\n got %s\nwant %s", strings.Join(gotQ, "\n     "), strings.Join(wantQ, "\n     "))
	}
	if res[0].RowsRead != len(recs) || res[0].RowsLoaded != len(want) || res[0].RowsQuarantined != len(wantQ) || len(wantQ) != 3 {
		t.Errorf("result %+v, want %d rows, %d quarantined of them", res[0], len(recs), len(wantQ))
	}
	// Txn ids keep the definition they were first written with.
	if n := column(t, db, `SELECT count(*) FROM transactions
		WHERE txn_id <> 'T' || substr(sha256(concat_ws(chr(0), source_id, coalesce(source_sheet, ''), source_row)), 1, 20)`); n[0] != "0" {
		t.Errorf("%s txn ids are not sha256 of source, sheet and row", n[0])
	}
}

func mustProfiles(t *testing.T) []*Profile {
	t.Helper()
	p, err := BuiltinProfiles()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func orNull(s string) string {
	if s == "" {
		return "∅"
	}
	return s
}

// decimal3 writes a plain decimal as DuckDB writes a DECIMAL(18, 3).
func decimal3(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	if whole = strings.TrimLeft(whole, "0"); whole == "" {
		whole = "0"
	}
	return sign + whole + "." + (frac + "000")[:3]
}

// The load skips usd_of for dollars: it must give what usd_of gives.
func TestDollarsConvertAsUsdOf(t *testing.T) {
	db := openDB(t)
	n := column(t, db, `SELECT count(*) FROM (
		SELECT CAST(i / 1000 AS DECIMAL(18, 3)) AS a FROM range(-20000, 20000) t(i)
		UNION ALL SELECT CAST(999999999999999.995 AS DECIMAL(18, 3))
		UNION ALL SELECT CAST(-999999999999999.995 AS DECIMAL(18, 3)))
		WHERE CAST(a AS DECIMAL(18, 2)) IS DISTINCT FROM usd_of(a, 'USD', NULL)`)
	if n[0] != "0" {
		t.Errorf("%s amounts differ", n[0])
	}
}

// Conversions are exact to the cent (half away from zero), at any size a
// DECIMAL(18, 3) amount can have.
func TestConversionsExact(t *testing.T) {
	db := openDB(t)
	for _, tc := range []struct{ expr, want string }{
		{"usd_of(15000000.000, 'EUR', 1.08)", "16200000.00"}, // overflowed DECIMAL(18)
		{"usd_of(-15000000.000, 'EUR', 1.08)", "-16200000.00"},
		{"usd_of(999999999999999.999, 'ETB', 0.0175)", "17500000000000.00"},
		{"usd_of(100.005, 'LYD', 1)", "100.01"},
		{"usd_of(100.000, 'LYD', NULL)", "NULL"},
		{"eur_of(50.12, 'USD', NULL, 1.6)", "31.33"}, // 31.325: doubles said 31.32
		{"eur_of(0.028, 'USD', NULL, 0.8)", "0.04"},  // 0.035
		{"eur_of(-0.028, 'USD', NULL, 0.8)", "-0.04"},
		{"eur_of(100.00, 'USD', NULL, 1.08)", "92.59"},
		{"eur_of(15000000.000, 'LYD', 0.2, 1.08)", "2777777.78"},
		{"eur_of(999999999999999.999, 'USD', NULL, 1.08)", "925925925925925.93"},
		{"eur_of(250.00, 'EUR', NULL, NULL)", "250.00"},
		{"eur_of(250.00, 'USD', NULL, NULL)", "NULL"},
		{"eur_of(250.00, 'ETB', NULL, 1.08)", "NULL"},
	} {
		got := column(t, db, `SELECT coalesce(CAST(`+tc.expr+` AS VARCHAR), 'NULL')`)
		if got[0] != tc.want {
			t.Errorf("%s = %s, want %s", tc.expr, got[0], tc.want)
		}
	}
	// The doubles' shortcut agrees with integer arithmetic on every
	// thousandth up to 2,000 at rates with few digits, where half cents
	// are common.
	n := column(t, db, `SELECT count(*) FROM (
		SELECT CAST(i AS DECIMAL(18, 3)) / 1000 AS a, CAST(e AS DECIMAL(18, 8)) AS e
		FROM range(-2000000, 2000000, 29) t(i), (VALUES (1.6), (0.8), (1.08), (1.17215)) r(e))
		WHERE eur_of(a, 'USD', NULL, e) IS DISTINCT FROM fx_round_div(
			CAST(a * 1000 AS HUGEINT) * 100000000, CAST(e * 100000000 AS HUGEINT) * 10)`)
	if n[0] != "0" {
		t.Errorf("%s conversions differ from integer arithmetic", n[0])
	}
}

// A bank statement with a line of ten million euros loads.
func TestLargeAmountLoads(t *testing.T) {
	db := openDB(t)
	path := writeFile(t, "big.csv", "Date,Sender Name,Receiver Name,Amount,Currency\n"+
		"2025-03-01,Acme Holding BV,Big Trading LLC,15000000.00,EUR\n2025-03-01,A B,C D,100.00,EUR\n")
	if _, err := Files(context.Background(), db, []string{path}, Options{}); err != nil {
		t.Fatal(err)
	}
	got := column(t, db, `SELECT amount_eur || ' ' || (amount_usd > amount_eur) FROM transactions ORDER BY source_row`)
	if strings.Join(got, "|") != "15000000.00 true|100.00 true" {
		t.Errorf("got %q", got)
	}
}

// A killed load leaves its stage, rows in plain text, beside the database:
// the next load into that database removes it, and nothing else.
func TestStaleStagesRemoved(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "case.duckdb")
	db, err := store.Open(ctx, dbPath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	files := map[string]bool{ // name: removed
		stagePrefix(dbPath, 999999999) + "123.csv":                           true,
		stagePrefix(dbPath, os.Getpid()) + "123.csv":                         false, // a load of this process
		stagePrefix(filepath.Join(dir, "other.duckdb"), 999999999) + "1.csv": false,
		stageBase(dbPath) + "x-1.csv":                                        false,
		"notes.csv":                                                          false,
	}
	for name := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("Abel Tesfay,+31612345678\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Files(ctx, db, []string{writeFile(t, "mto.csv", mtoCSV)}, Options{}); err != nil {
		t.Fatal(err)
	}
	for name, removed := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if gone := errors.Is(err, os.ErrNotExist); gone != removed {
			t.Errorf("%s: removed %v, want %v", name, gone, removed)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, stagePrefix(dbPath, os.Getpid())+"*")); len(left) != 1 {
		t.Errorf("the load's own stage files stayed: %q", left)
	}
}

// preserve_insertion_order belongs to the connection: a failed load must
// not leave it off for whoever uses the connection next.
func TestFailedLoadKeepsInsertionOrder(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	db.SQL.SetMaxOpenConns(1)
	err := db.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.ExecContext(ctx, `CREATE TABLE kept (i INTEGER)`); err != nil {
			return err
		}
		return unordered(ctx, tx, `INSERT INTO kept VALUES (1);
			SELECT error($why);`, sql.Named("why", "boom"))
	})
	if err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("err = %v, want boom", err)
	}
	if got := column(t, db, `SELECT current_setting('preserve_insertion_order')::VARCHAR`); got[0] != "true" {
		t.Errorf("preserve_insertion_order = %s after a failed load", got[0])
	}
	if got := column(t, db, `SELECT count(*) FROM duckdb_tables() WHERE table_name = 'kept'`); got[0] != "0" {
		t.Errorf("the failed load left its table")
	}
}
