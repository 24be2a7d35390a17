package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/cmrflow/cmrflow/internal/dbtest"
	"github.com/cmrflow/cmrflow/store"
)

func openDB(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), "", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// column returns a one-column query's values, in order.
func column(t *testing.T, db *store.DB, query string) []string {
	t.Helper()
	return dbtest.Column(t, db.SQL, query)
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

const mtoCSV = `MTCN,Date,Sender Name,Sender Phone,Sender Country,Sender City,Receiver Name,Receiver Phone,Receiver Country,Receiver City,Amount,Currency,Sending Agent,Paying Agent,Message
1000000001,2025-03-01 10:00,Senait Tewelde Berhe,+31612345678,NL,Amsterdam,Mohamed Osman Ali,+249912345678,SD,Khartoum,"1,500.00",USD,WU-AMS-031,WU-KRT-002,
1000000002,2025-03-02 11:30,Tesfay Gebremedhin,+46701234567,SE,Stockholm,Mohamed Osman Ali,0912345678,SD,Khartoum,TBC,USD,WU-STO-004,WU-KRT-002,"note, with comma
and a newline"
1000000003,2025-03-03 09:15,Yonas Haile,+4915112345678,DE,Frankfurt,Mohamed Osman Ali,+249912345678,SD,Khartoum,2000,USD,WU-FRA-010,WU-KRT-002,family support
`

type count struct {
	table string
	want  int
}

func assertCounts(t *testing.T, db *store.DB, counts ...count) {
	t.Helper()
	for _, c := range counts {
		var n int
		if err := db.SQL.QueryRow("SELECT count(*) FROM " + c.table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != c.want {
			t.Errorf("%s has %d rows, want %d", c.table, n, c.want)
		}
	}
}

func TestCSVBrokenRowGoesToQuarantine(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	path := writeFile(t, "mto.csv", mtoCSV)
	res, err := Files(ctx, db, []string{path}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || res[0].RowsRead != 3 || res[0].RowsLoaded != 2 || res[0].RowsQuarantined != 1 || res[0].Profile != "mto_export" {
		t.Fatalf("result %+v", res)
	}
	assertCounts(t, db, count{"transactions", 2}, count{"quarantine", 1}, count{"sources", 1})

	var row int
	var reasons, raw string
	if err := db.SQL.QueryRow(`SELECT source_row, reasons, raw::VARCHAR FROM quarantine`).Scan(&row, &reasons, &raw); err != nil {
		t.Fatal(err)
	}
	if row != 3 || !strings.Contains(reasons, `column "Amount"`) || !strings.Contains(reasons, `"TBC" is not an amount`) {
		t.Errorf("quarantine row %d reasons %q", row, reasons)
	}
	if !strings.Contains(raw, `"Message":"note, with comma\nand a newline"`) {
		t.Errorf("raw lost the multi-line cell: %s", raw)
	}

	// The row after a two-line record is on line 5, as an editor shows it.
	var amount, usd, phone, key, sheet string
	var srcRow int
	var when time.Time
	err = db.SQL.QueryRow(`SELECT source_row, coalesce(source_sheet, '-'), amount::VARCHAR, amount_usd::VARCHAR, beneficiary_phone, sender_name_key, occurred_at
		FROM transactions WHERE reference = '1000000003'`).Scan(&srcRow, &sheet, &amount, &usd, &phone, &key, &when)
	if err != nil {
		t.Fatal(err)
	}
	if srcRow != 5 || sheet != "-" || amount != "2000.000" || usd != "2000.00" || phone != "+249912345678" || key != "yonas haile" ||
		!when.Equal(time.Date(2025, 3, 3, 9, 15, 0, 0, time.UTC)) {
		t.Errorf("got row %d sheet %s amount %s usd %s phone %s key %s when %v", srcRow, sheet, amount, usd, phone, key, when)
	}
}

func TestSameFileTwiceChangesNothing(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	path := writeFile(t, "mto.csv", mtoCSV)
	if _, err := Files(ctx, db, []string{path}, Options{}); err != nil {
		t.Fatal(err)
	}
	res, err := Files(ctx, db, []string{path}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res[0].AlreadyLoaded {
		t.Errorf("second load not reported as already loaded: %+v", res[0])
	}
	assertCounts(t, db, count{"transactions", 2}, count{"quarantine", 1}, count{"sources", 1})
}

func TestBrokenRecordIsQuarantinedAndTheRestLoads(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	// A missing opening quote on line 6: that row goes to quarantine with
	// its text, and the rows after it still load.
	broken := writeFile(t, "broken.csv", mtoCSV+`1000000004,2025-03-04 10:00,A "B,+31612345678,NL,X,C,+249912345678,SD,Y,10,USD,a,b,`+"\n"+
		`1000000005,2025-03-05 10:00,Abel Tesfay,+31612345678,NL,X,Mohamed Osman Ali,+249912345678,SD,Y,10,USD,a,b,`+"\n")
	res, err := Files(ctx, db, []string{broken}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].RowsRead != 5 || res[0].RowsLoaded != 3 || res[0].RowsQuarantined != 2 {
		t.Fatalf("result %+v", res[0])
	}
	var reasons, raw string
	if err := db.SQL.QueryRow(`SELECT reasons, raw::VARCHAR FROM quarantine WHERE source_row = 6`).Scan(&reasons, &raw); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(reasons, "field 3: a quote inside an unquoted field") || !strings.Contains(raw, `A \"B`) {
		t.Errorf("line 6: reasons %q raw %s", reasons, raw)
	}
	assertCounts(t, db, count{"transactions", 3}, count{"quarantine", 2})
}

// An export of a quiet month has a header and no rows, a statement no
// movements; a ledger can have nothing but bad rows. All load (their rows, if any, into quarantine)
// and are known as loaded.
func TestFileWithoutGoodRowsLoads(t *testing.T) {
	ctx := context.Background()
	header := "Date,Sender Name,Receiver Name,Amount,Currency\n"
	tests := []struct {
		name, content     string
		read, quarantined int
	}{
		{"header_only.csv", header, 0, 0},
		{"all_bad.csv", header + "2025-02-30,A B,C D,10,EUR\n2025-03-01,A B,C D,TBC,EUR\n", 2, 2},
		{"bad_and_blank.csv", header + "\n2025-02-30,A B,C D,10,EUR\n\n", 1, 1},
		// A statement of days without movements.
		{"quiet.sta", "{1:F01ASNBNL21XXXX0000000000}{2:O940ASNBNL21XXXXN}{3:}{4:\r\n:20:0000000000\r\n" +
			":25:NL81ASNB9999999999\r\n:28C:1/1\r\n:60F:C200101EUR444,29\r\n:62F:C200101EUR444,29\r\n-}{5:}\r\n", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openDB(t)
			path := writeFile(t, tt.name, tt.content)
			res, err := Files(ctx, db, []string{path}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if r := res[0]; r.RowsRead != tt.read || r.RowsLoaded != 0 || r.RowsQuarantined != tt.quarantined {
				t.Errorf("result %+v", r)
			}
			assertCounts(t, db, count{"transactions", 0}, count{"quarantine", tt.quarantined}, count{"sources", 1})
			if res, err := Files(ctx, db, []string{path}, Options{}); err != nil || !res[0].AlreadyLoaded {
				t.Errorf("second load: %+v, %v", res, err)
			}
		})
	}
}

// Monthly exports overlap: a row a file loaded before already holds (same
// reference, amount, time and parties) loads, flagged with where the other
// copy is, and the file's notes say so. The same reference between other
// parties, or at another time, is another transaction.
func TestOverlappingExportsFlagged(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	header := "MTCN,Date,Sender Name,Receiver Name,Amount,Currency\n"
	jan := writeFile(t, "jan.csv", header+"100,2025-03-01 10:00,A B,C D,10,USD\n101,2025-03-02 10:00,A B,C D,11,USD\n102,2025-03-03 10:00,A B,C D,12,USD\n")
	feb := writeFile(t, "feb.csv", header+"102,2025-03-03 10:00,A B,C D,12,USD\n103,2025-03-04 10:00,A B,C D,13,USD\n"+
		"101,2025-03-02 10:00,A B,C D,11,USD\n100,2025-03-01 10:00,A B,E F,10,USD\n101,2025-03-02 11:00,A B,C D,11,USD\n")
	if _, err := Files(ctx, db, []string{jan}, Options{}); err != nil {
		t.Fatal(err)
	}
	res, err := Files(ctx, db, []string{feb}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if notes := strings.Join(res[0].Notes, "\n"); !strings.Contains(notes, "2 rows are also in a file loaded before") || !strings.Contains(notes, "row 2 is row 4 of jan.csv") {
		t.Errorf("notes %q", notes)
	}
	got := column(t, db, `SELECT source_row || ' ' || coalesce(array_to_string(flags, '; '), '-') FROM transactions t
		JOIN sources s USING (source_id) WHERE s.file_name = 'feb.csv' ORDER BY source_row`)
	want := []string{
		"2 also in jan.csv row 4 (same reference, amount, time and parties)",
		"3 -",
		"4 also in jan.csv row 3 (same reference, amount, time and parties)",
		"5 -",
		"6 -",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The copies are out of every sum; jan.csv's rows count.
	got = column(t, db, `SELECT file_name || ' ' || source_row || ' ' || coalesce(not_counted, '-') FROM transactions t
		JOIN sources s USING (source_id) WHERE not_counted IS NOT NULL OR s.file_name = 'jan.csv' ORDER BY file_name DESC, source_row`)
	want = []string{
		"jan.csv 2 -", "jan.csv 3 -", "jan.csv 4 -",
		"feb.csv 2 also in jan.csv row 4 (same reference, amount, time and parties)",
		"feb.csv 4 also in jan.csv row 3 (same reference, amount, time and parties)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("not_counted\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	assertCounts(t, db, count{"transactions", 8})
}

func TestFileThatFailsLoadsNothing(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	good := writeFile(t, "good.csv", mtoCSV)
	// Good rows first, then a line no reader should hold in memory: the
	// file fails, and none of its good rows stay.
	huge := writeFile(t, "huge.csv", mtoCSV+strings.Repeat("x", maxRecordBytes+10)+"\n")
	_, err := Files(ctx, db, []string{huge, good}, Options{})
	var fe *FileError
	if !errors.As(err, &fe) || fe.Path != huge || !strings.Contains(err.Error(), "line 6") {
		t.Fatalf("error %v, want a FileError for %s naming line 6", err, huge)
	}
	assertCounts(t, db, count{"transactions", 2}, count{"quarantine", 1}, count{"sources", 1})
}

func TestUnreadableFiles(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	tests := []struct {
		name, content string
		want          error
		says          string
	}{
		{"legacy.xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", ErrLegacyExcel, "save it as .xlsx"},
		{"notes.csv", "just,some\nwords,here\n", ErrUnknownLayout, "no header row in the first 20 rows"},
		{"empty.csv", "", ErrUnknownLayout, "no rows (it is empty or blank)"},
		{"blank.csv", "\ufeff\r\n,,\r\n", ErrUnknownLayout, "no rows (it is empty or blank)"},
	}
	for _, tt := range tests {
		_, err := Files(ctx, db, []string{writeFile(t, tt.name, tt.content)}, Options{})
		if !errors.Is(err, tt.want) || err == nil || !strings.Contains(err.Error(), tt.says) {
			t.Errorf("%s: error %v, want %v saying %q", tt.name, err, tt.want, tt.says)
		}
	}
	if _, err := Files(ctx, db, []string{filepath.Join(t.TempDir(), "missing.csv")}, Options{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	assertCounts(t, db, count{"transactions", 0}, count{"sources", 0})
}

func TestXLSXBrokenRowGoesToQuarantine(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Ledger")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	must(f.SetSheetRow("Ledger", "A1", &[]any{"Hagos Hawala — ledger March 2025"}))
	must(f.SetSheetRow("Ledger", "A3", &[]any{"Date", "Ref", "Sender", "Sender Phone", "Sender City", "Hawaladar", "Amount USD", "Payee", "Payee Phone", "Payee City", "Note"}))
	must(f.SetSheetRow("Ledger", "A4", &[]any{time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC), "HW-0001", "Mohamed Osman Ali", "+249912345678", "Khartoum", "Dubai Star Hawala", 4200.5, "Kidane Zekarias", "+971501234567", "Dubai"}))
	must(f.SetSheetRow("Ledger", "A5", &[]any{"31/02/2025", "HW-0002", "Mohamed Osman Ali", "+249912345678", "Khartoum", "Dubai Star Hawala", 100, "Kidane Zekarias", "+971501234567", "Dubai"}))
	must(f.SetSheetRow("Ledger", "A6", &[]any{"2025-03-07", "HW-0003", "Abel Tesfay"}))
	must(f.SetCellStyle("Ledger", "A4", "A4", dateStyle))
	_, err = f.NewSheet("Totals")
	must(err)
	must(f.SetSheetRow("Totals", "A1", &[]any{"Total", 4300.5}))
	path := filepath.Join(t.TempDir(), "ledger.xlsx")
	must(f.SaveAs(path))

	res, err := Files(ctx, db, []string{path}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].RowsRead != 3 || res[0].RowsLoaded != 1 || res[0].RowsQuarantined != 2 || res[0].Kind != "hawala" {
		t.Fatalf("result %+v", res[0])
	}
	var sheet, amount, cur string
	var row int
	var when time.Time
	if err := db.SQL.QueryRow(`SELECT source_sheet, source_row, amount::VARCHAR, currency, occurred_at FROM transactions`).Scan(&sheet, &row, &amount, &cur, &when); err != nil {
		t.Fatal(err)
	}
	if sheet != "Ledger" || row != 4 || amount != "4200.500" || cur != "USD" || !when.Equal(time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("got %s row %d amount %s %s at %v", sheet, row, amount, cur, when)
	}
	rows, err := db.SQL.Query(`SELECT source_row, reasons FROM quarantine ORDER BY source_row`)
	must(err)
	defer rows.Close()
	want := map[int]string{5: `column "Date": "31/02/2025" is not a date`, 6: `column "Amount USD": is empty`}
	for rows.Next() {
		var r int
		var reasons string
		must(rows.Scan(&r, &reasons))
		if !strings.Contains(reasons, want[r]) {
			t.Errorf("row %d reasons %q, want %q", r, reasons, want[r])
		}
		delete(want, r)
	}
	if len(want) > 0 {
		t.Errorf("rows not quarantined: %v", want)
	}
}

func TestAmountsConvertAtTheRateOfTheNearestEarlierDay(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	path := writeFile(t, "eur.csv", `Date,Sender,Receiver,Amount,Currency
2025-03-01,A B,C D,"1000,00",EUR
2025-08-01,A B,C D,"1000,00",EUR
2022-06-01,A B,C D,"1000,00",EUR
2025-03-01,A B,C D,"1000,00",ETB
`)
	res, err := Files(ctx, db, []string{path}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].NoUSDRate != 1 || !strings.Contains(strings.Join(res[0].Notes, " "), "1 row has no exchange rate") {
		t.Errorf("result %+v", res[0])
	}
	usd := func() []string {
		return column(t, db, `SELECT concat_ws('|', occurred_at::DATE, currency, coalesce(amount_usd::VARCHAR, '-'), coalesce(amount_eur::VARCHAR, '-')) FROM transactions ORDER BY source_row`)
	}
	// Built-in rates: EUR 1.03 from 2025-01-01, 1.17 from 2025-07-01; ETB 0.0080.
	want := []string{"2025-03-01|EUR|1030.00|1000.00", "2025-08-01|EUR|1170.00|1000.00", "2022-06-01|EUR|-|1000.00", "2025-03-01|ETB|8.00|7.77"}
	if got := usd(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("built-in rates:\n got %q\nwant %q", got, want)
	}
	rates := writeFile(t, "rates.csv", "currency,day,usd_per_unit\nEUR,2022-01-01,1.1325\nEUR,2025-02-15,1.05\n")
	if res, err := LoadFX(ctx, db, rates); err != nil || res.Rates != 2 || len(res.Notes) != 0 {
		t.Fatalf("LoadFX: %+v, %v", res, err)
	}
	want = []string{"2025-03-01|EUR|1050.00|1000.00", "2025-08-01|EUR|1170.00|1000.00", "2022-06-01|EUR|1132.50|1000.00", "2025-03-01|ETB|8.00|7.62"}
	if got := usd(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("after fx load:\n got %q\nwant %q", got, want)
	}
	bad := writeFile(t, "bad.csv", "currency,day,usd_per_unit\nXYZ,2022-01-01,1\nEUR,01/02/2022,1\nEUR,2022-01-01,-1\n")
	_, err = LoadFX(ctx, db, bad)
	if !errors.Is(err, ErrFX) || !strings.Contains(err.Error(), "bad.csv:2") || !strings.Contains(err.Error(), "bad.csv:4") {
		t.Errorf("bad rates file: %v", err)
	}
}

// Central banks quote units per USD; a table of those under usd_per_unit
// would make every birr worth 57 dollars. Both are read, and a rate far
// from the built-in ones loads with a note.
func TestRateTables(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name, content string
		want          string // fx_rates for ETB, or the error
		notes         []string
	}{
		{"units per USD", "currency,day,units_per_usd\nETB,2025-02-15,57.2\n", "0.01748252",
			[]string{"rates given in units per USD"}},
		{"header with spaces", "Currency,Day,Units per USD\nETB,2025-02-15,57.2\n", "0.01748252",
			[]string{"rates given in units per USD"}},
		{"a spreadsheet's small number", "currency,day,usd_per_unit\nETB,2025-02-15,1.748E-02\n", "0.01748000", nil},
		{"units per USD under usd_per_unit", "currency,day,usd_per_unit\nETB,2025-02-15,57.2\nETB,2025-02-16,57.3\nEUR,2025-02-16,1.05\n", "57.20000000",
			[]string{"ETB: 2 rates lie more than 20 times from cmrflow's approximate rate", "this file says 57.2)", "units_per_usd"}},
		{"unknown rate column", "currency,day,rate\nETB,2025-02-15,57.2\n", "error: the header must be currency,day,usd_per_unit", nil},
		{"too small to keep", "currency,day,units_per_usd\nIRR,2025-02-15,420000000\n", "error: below what fx_rates holds", nil},
		{"not a number", "currency,day,usd_per_unit\nETB,2025-02-15,NaN\nETB,2025-02-16,1/57\n", "error: usd_per_unit \"NaN\" is not a positive number", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openDB(t)
			res, err := LoadFX(ctx, db, writeFile(t, "rates.csv", tt.content))
			got := ""
			if err != nil {
				got = "error: " + err.Error()
			} else {
				got = strings.Join(column(t, db, `SELECT usd_per_unit::VARCHAR FROM fx_rates WHERE currency = 'ETB' ORDER BY day LIMIT 1`), "")
			}
			if !strings.Contains(got, strings.TrimPrefix(tt.want, "error: ")) || strings.HasPrefix(tt.want, "error: ") != (err != nil) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			notes := strings.Join(res.Notes, "\n")
			for _, n := range tt.notes {
				if !strings.Contains(notes, n) {
					t.Errorf("notes %q lack %q", notes, n)
				}
			}
			if len(tt.notes) == 0 && notes != "" {
				t.Errorf("notes %q", notes)
			}
		})
	}
}
