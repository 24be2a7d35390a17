package reports

import (
	"bytes"
	"context"
	"database/sql"
	"flag"
	"os"
	"path/filepath"
	"testing"

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
