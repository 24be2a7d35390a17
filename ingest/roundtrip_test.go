package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// A small MTO export with the awkward cells real ones have: a delimiter
// and a line break inside a memo, quotes, accents, an empty cell.
var roundTripRows = [][]string{
	{"MTCN", "Date", "Sender Name", "Sender Phone", "Sender Country", "Receiver Name", "Receiver Phone", "Receiver Country", "Amount", "Currency", "Message"},
	{"1000000001", "2025-03-01 10:00", "José Müller", "+31612345678", "NL", "Mohamed Osman Ali", "+249912345678", "SD", "1500.00", "USD", "school fees; March"},
	{"1000000002", "2025-03-02 11:30", "Senait Tewelde", "+46701234567", "SE", "Mohamed Osman Ali", "+249912345678", "SD", "2000.50", "USD", "line one\nline two"},
	{"1000000003", "2025-03-03 09:15", "Yonas \"Jo\" Haile", "", "DE", "Aron Tsegay", "+971501234567", "AE", "750", "EUR", ""},
}

func writeDelimited(rows [][]string, comma string) string {
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			if i > 0 {
				b.WriteString(comma)
			}
			if strings.ContainsAny(c, comma+"\"\n;,|\t") {
				c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
			b.WriteString(c)
		}
		b.WriteString("\r\n")
	}
	return b.String()
}

// loaded returns the canonical values of every transaction, in a form
// that does not depend on the file they came from.
func loaded(t *testing.T, path string) []string {
	t.Helper()
	db := openDB(t)
	res, err := Files(context.Background(), db, []string{path}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].RowsQuarantined != 0 {
		t.Fatalf("%s: %d rows quarantined: %q", path, res[0].RowsQuarantined, column(t, db, `SELECT reasons FROM quarantine`))
	}
	return column(t, db, `SELECT concat_ws('|', reference, occurred_at, amount, currency, sender_name, sender_name_key,
		coalesce(sender_phone, '-'), sender_country, beneficiary_name, beneficiary_phone, coalesce(memo, '-'), source_row)
		FROM transactions ORDER BY reference`)
}

func TestRoundTripEveryDialectAndEncoding(t *testing.T) {
	dir := t.TempDir()
	encodings := []struct {
		name string
		enc  encoding.Encoding
	}{
		{"utf-8", nil},
		{"utf-8-bom", unicode.UTF8BOM},
		{"utf-16le", unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)},
		{"utf-16be", unicode.UTF16(unicode.BigEndian, unicode.UseBOM)},
		{"windows-1252", charmap.Windows1252},
	}
	var want []string
	for _, comma := range []string{",", ";", "\t", "|"} {
		for _, e := range encodings {
			text := writeDelimited(roundTripRows, comma)
			b := []byte(text)
			if e.enc != nil {
				var err error
				if b, err = e.enc.NewEncoder().Bytes(b); err != nil {
					t.Fatal(err)
				}
			}
			path := filepath.Join(dir, fmt.Sprintf("export-%q-%s.txt", comma, e.name))
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
			got := loaded(t, path)
			if want == nil {
				want = got
				if len(want) != 3 || !strings.Contains(want[1], "|line one line two|") || !strings.HasSuffix(want[2], "|5") {
					t.Fatalf("first load: %q", want)
				}
				continue
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("delimiter %q, %s:\n got %q\nwant %q", comma, e.name, got, want)
			}
		}
	}

	// The same rows in a workbook, below a title, load the same but for
	// the row numbers.
	f := excelize.NewFile()
	defer f.Close()
	f.SetCellValue("Sheet1", "A1", "Export March 2025")
	for i, r := range roundTripRows {
		vals := make([]any, len(r))
		for j, c := range r {
			vals[j] = c
		}
		if i > 0 {
			vals[8], _ = parseFloat(r[8])
			day, _ := time.Parse("2006-01-02 15:04", r[1])
			vals[1] = day
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		if err := f.SetSheetRow("Sheet1", cell, &vals); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "export.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	got := loaded(t, path)
	for i := range got {
		g := got[i][:strings.LastIndex(got[i], "|")]
		w := want[i][:strings.LastIndex(want[i], "|")]
		if g != w {
			t.Errorf("xlsx row %d:\n got %q\nwant %q", i, g, w)
		}
	}
}

func parseFloat(s string) (float64, error) {
	var f float64
	_, err := fmt.Sscan(s, &f)
	return f, err
}
