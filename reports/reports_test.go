package reports

import (
	"bytes"
	"context"
	"database/sql"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cmrflow/cmrflow/store"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func TestSafeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"+971501234567", "+971501234567"},
		{"-120.50", "-120.50"},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-2+3", "'-2+3"},
		{"Kidane", "Kidane"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := SafeText(tt.in); got != tt.want {
			t.Errorf("SafeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A cell holds 32,767 UTF-16 units: longer text is cut, and says so.
func TestCellTextCutsWhatExcelCannotHold(t *testing.T) {
	long := strings.Repeat("x", 40000)
	geez := strings.Repeat("ኪ", 32767) + "𝄞" // the last one takes two units
	for _, tt := range []struct {
		in, prefix, suffix string
	}{
		{"Kidane", "Kidane", "Kidane"},
		{strings.Repeat("y", 32767), "yyy", "yyy"},
		{long, "xxx", "x … [cut: 40000 characters in all; the whole text is in the database]"},
		{"=" + long, "'=x", "[cut: 40002 characters in all; the whole text is in the database]"},
		{geez, "ኪኪ", "ኪ … [cut: 32769 characters in all; the whole text is in the database]"},
	} {
		got := cellText(tt.in)
		if utf16Units(got) > excelize.TotalCellChars || !strings.HasPrefix(got, tt.prefix) || !strings.HasSuffix(got, tt.suffix) {
			t.Errorf("cellText(%.10q…): %d units, ends %q", tt.in, utf16Units(got), got[max(0, len(got)-80):])
		}
	}
}

const sampleQuery = `SELECT * FROM (VALUES
	('Aron Tsegay', CAST(4500.5 AS DECIMAL(18, 2)), TIMESTAMP '2025-03-01 12:30:00', ['T1', 'T2'], NULL),
	('ኪዳነ ዘካርያስ', CAST(-12 AS DECIMAL(18, 2)), TIMESTAMP '2025-03-02 00:00:00', [], 'a "quoted", text')
) AS t(name, total_usd, occurred_at, txn_ids, note)`

func TestWriteRowsGolden(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, "", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			err := db.ReadQuery(ctx, sampleQuery, func(rows *sql.Rows) error { return WriteRows(rows, &buf, format) })
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "rows."+format)
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./reports -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s output differs from %s:\n%s", format, golden, buf.String())
			}
		})
	}
	var buf bytes.Buffer
	err = db.ReadQuery(ctx, "SELECT 1", func(rows *sql.Rows) error { return WriteRows(rows, &buf, "xml") })
	if err == nil {
		t.Error("an unknown format was accepted")
	}
}
