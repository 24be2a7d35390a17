// Package reports writes what the other stages found as files an analyst
// or a prosecutor can open: every figure traceable to file, sheet and row.
package reports

import (
	"context"
	_ "embed"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/xuri/excelize/v2"

	"github.com/cmrflow/cmrflow/store"
)

var (
	//go:embed sql/alerts.sql
	alertsSQL string
	//go:embed sql/evidence.sql
	evidenceSQL string
	//go:embed sql/links.sql
	linksSQL string
	//go:embed sql/quarantine.sql
	quarantineSQL string
	//go:embed sql/sources.sql
	sourcesSQL string
)

// Options tune a report.
type Options struct {
	OutDir string
	Now    time.Time // names the file; zero means now
}

// Result says where the report is and what it holds.
type Result struct {
	Path       string
	Alerts     int
	Evidence   int
	Links      int
	Quarantine int
}

type book struct {
	f      *excelize.File
	header int
	date   int
	money  int
}

// Write writes the xlsx report into opts.OutDir and returns its path.
func Write(ctx context.Context, db *store.DB, opts Options) (Result, error) {
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	now = now.UTC()
	if err := os.MkdirAll(opts.OutDir, 0o700); err != nil {
		return Result{}, fmt.Errorf("report folder: %w", err)
	}
	f := excelize.NewFile()
	defer f.Close()
	b, err := newBook(f)
	if err != nil {
		return Result{}, err
	}
	res := Result{Path: filepath.Join(opts.OutDir, "cmrflow-report-"+now.Format("20060102-150405")+".xlsx")}

	sheets := []struct {
		name  string
		query string
		n     *int
	}{
		{"Alerts", alertsSQL, &res.Alerts},
		{"Evidence", evidenceSQL, &res.Evidence},
		{"HVT links", linksSQL, &res.Links},
		{"Quarantine", quarantineSQL, &res.Quarantine},
	}
	if err := f.SetSheetName("Sheet1", "Summary"); err != nil {
		return res, err
	}
	for _, s := range sheets {
		if _, err := f.NewSheet(s.name); err != nil {
			return res, err
		}
		n, err := b.query(ctx, db, s.name, 1, s.query)
		if err != nil {
			return res, fmt.Errorf("report sheet %s: %w", s.name, err)
		}
		*s.n = n
	}
	if err := b.summary(ctx, db, now, res); err != nil {
		return res, fmt.Errorf("report summary: %w", err)
	}
	if err := save(f, res.Path); err != nil {
		return res, err
	}
	return res, nil
}

func newBook(f *excelize.File) (*book, error) {
	b := &book{f: f}
	var err error
	if b.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}}); err != nil {
		return nil, err
	}
	dateFmt := "yyyy-mm-dd hh:mm"
	if b.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt}); err != nil {
		return nil, err
	}
	if b.money, err = f.NewStyle(&excelize.Style{NumFmt: 4}); err != nil {
		return nil, err
	}
	return b, nil
}

// query writes a query's result as a table whose header row is the
// query's column names, from row top down; it returns the data rows.
func (b *book) query(ctx context.Context, db *store.DB, sheet string, top int, query string) (int, error) {
	rows, err := db.SQL.QueryContext(ctx, query)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	hdr := make([]any, len(cols))
	for i, c := range cols {
		hdr[i] = c
	}
	if err := b.row(sheet, top, hdr, b.header); err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		vals, err := store.ScanRow(rows, len(cols))
		if err != nil {
			return n, err
		}
		n++
		if err := b.row(sheet, top+n, vals, 0); err != nil {
			return n, err
		}
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	for i, c := range cols {
		col, _ := excelize.ColumnNumberToName(i + 1)
		_ = b.f.SetColWidth(sheet, col, col, float64(min(60, max(10, len(c)+4))))
	}
	if top == 1 {
		_ = b.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
		last, _ := excelize.CoordinatesToCellName(len(cols), n+1)
		if n > 0 {
			_ = b.f.AutoFilter(sheet, "A1:"+last, nil)
		}
	}
	return n, nil
}

func (b *book) row(sheet string, r int, vals []any, style int) error {
	for i, v := range vals {
		cell, err := excelize.CoordinatesToCellName(i+1, r)
		if err != nil {
			return err
		}
		cellStyle := style
		switch x := v.(type) {
		case nil:
			continue
		case time.Time:
			err = b.f.SetCellValue(sheet, cell, x)
			cellStyle = b.date
		case duckdb.Decimal:
			// Excel holds numbers as doubles; the exact figure stays in the database.
			err = b.f.SetCellFloat(sheet, cell, x.Float64(), int(x.Scale), 64)
			cellStyle = b.money
		case *big.Int:
			err = b.f.SetCellStr(sheet, cell, x.String())
		case []any:
			parts := make([]string, len(x))
			for j, p := range x {
				parts[j] = fmt.Sprint(p)
			}
			err = b.f.SetCellStr(sheet, cell, cellText(strings.Join(parts, ", ")))
		case string:
			err = b.f.SetCellStr(sheet, cell, cellText(x))
		default:
			err = b.f.SetCellValue(sheet, cell, x)
		}
		if err != nil {
			return err
		}
		if cellStyle != 0 {
			if err := b.f.SetCellStyle(sheet, cell, cell, cellStyle); err != nil {
				return err
			}
		}
	}
	return nil
}

func (b *book) summary(ctx context.Context, db *store.DB, now time.Time, res Result) error {
	const sheet = "Summary"
	var txns, notCounted, parties, hvts int
	err := db.SQL.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM transactions),
		(SELECT count(*) FROM transactions WHERE not_counted IS NOT NULL), (SELECT count(*) FROM parties),
		(SELECT count(*) FROM watchlist)`).Scan(&txns, &notCounted, &parties, &hvts)
	if err != nil {
		return err
	}
	lines := [][]any{
		{"cmrflow report"},
		{"Written (UTC)", now},
		{"Database", db.Path},
		{"Transactions loaded", txns},
		{"of which not counted (a copy in an earlier file, or not completed)", notCounted},
		{"Rows in quarantine", res.Quarantine},
		{"Alerts", res.Alerts},
		{"Transactions behind alerts (Evidence)", res.Evidence},
		{"Parties", parties},
		{"HVTs on the watchlist", hvts},
		{"Parties linked to HVTs", res.Links},
		{},
		{"Every alert lists its transactions on the Evidence sheet, each with the file, sheet and row it was read from."},
		{},
		{"Sources"},
	}
	for i, l := range lines {
		if err := b.row(sheet, i+1, l, 0); err != nil {
			return err
		}
	}
	if err := b.f.SetCellStyle(sheet, "A1", "A1", b.header); err != nil {
		return err
	}
	_ = b.f.SetColWidth(sheet, "A", "A", 40)
	_ = b.f.SetColWidth(sheet, "B", "I", 18)
	_, err = b.query(ctx, db, sheet, len(lines)+1, sourcesSQL)
	return err
}

// SafeText keeps a cell's text from being read as a formula when the sheet
// is opened or re-saved as CSV; phone numbers and amounts stay as they are.
func SafeText(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '@', '\t', '\r':
		return "'" + s
	case '+', '-':
		if strings.Trim(s[1:], "0123456789 .,") != "" {
			return "'" + s
		}
	}
	return s
}

// cellText is a text as a report cell: SafeText, and cut to what an Excel
// cell holds (32,767 UTF-16 units, which excelize would cut silently) with
// a note saying so, as a quarantined record kept whole can be longer.
func cellText(s string) string {
	s = SafeText(s)
	units := utf16Units(s)
	if units <= excelize.TotalCellChars {
		return s
	}
	note := fmt.Sprintf(" … [cut: %d characters in all; the whole text is in the database]", units)
	room, n := excelize.TotalCellChars-utf16Units(note), 0
	for i, r := range s {
		if n += utf16.RuneLen(r); n > room {
			return s[:i] + note
		}
	}
	return s
}

func utf16Units(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// save writes the workbook owner-only, through a temporary file, so that a
// crash never leaves half a report under the final name.
func save(f *excelize.File, path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".report-*.xlsx")
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("write report: %w", err)
	}
	if err := f.Write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write report: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return os.Rename(tmp.Name(), path)
}
