package samples

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"
)

const (
	mtoFile     = "mto_export.csv"
	ledgerFile  = "hawala_ledger.xlsx"
	ledgerSheet = "Ledger"
	brokenDate  = "31/02/2025"
)

// excelEpoch is day 0 of Excel's 1900 date system (as Excel counts it).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

func write(ctx context.Context, out string, mto, ledger []*txn, hvts []*hvt, cases []*plantedCase) ([]string, error) {
	var caseRows, collRows, hvtRows [][]string
	for _, c := range cases {
		for _, t := range c.rows {
			file, sheet := mtoFile, ""
			if t.role == rolePassOn {
				file, sheet = ledgerFile, ledgerSheet
			}
			caseRows = append(caseRows, []string{c.id, t.role, file, sheet, strconv.Itoa(t.row), t.ref})
		}
		collRows = append(collRows, []string{c.id, c.collector.name, c.collector.phone, c.hvt.id})
	}
	for _, h := range hvts {
		hvtRows = append(hvtRows, []string{h.id, h.p.name, h.p.phone})
	}
	files := []struct {
		path string
		fill func(io.Writer) error
	}{
		{filepath.Join(out, "inbox", mtoFile), func(w io.Writer) error { return writeMTO(ctx, w, mto) }},
		{filepath.Join(out, "inbox", ledgerFile), func(w io.Writer) error { return writeLedger(ctx, w, ledger) }},
		{filepath.Join(out, "watchlist", "hvts.yaml"), func(w io.Writer) error { return writeWatchlist(w, hvts) }},
		{filepath.Join(out, "truth", "cases.csv"), csvFill(casesHeader, caseRows)},
		{filepath.Join(out, "truth", "hvts.csv"), csvFill(hvtTruthHeader, hvtRows)},
		{filepath.Join(out, "truth", "collectors.csv"), csvFill(collHeader, collRows)},
	}
	var paths []string
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := writeFile(f.path, f.fill); err != nil {
			return nil, err
		}
		paths = append(paths, f.path)
	}
	slices.Sort(paths)
	return paths, nil
}

func writeFile(path string, fill func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	bw := bufio.NewWriter(f)
	err = fill(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func csvFill(header []string, rows [][]string) func(io.Writer) error {
	return func(w io.Writer) error {
		return csv.NewWriter(w).WriteAll(append([][]string{header}, rows...))
	}
}

func writeMTO(ctx context.Context, w io.Writer, rows []*txn) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(mtoHeader); err != nil {
		return err
	}
	for i, t := range rows {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		amount := fmt.Sprintf("%d.%02d", t.cents/usd, t.cents%usd)
		if t.broken {
			amount = "TBC"
		}
		f, to := t.from, t.to
		if err := cw.Write([]string{t.ref, t.at.Format("2006-01-02 15:04"), f.name, f.phone, f.country, f.city,
			to.name, to.phone, to.country, to.city, amount, "USD", f.agent, to.agent, t.note}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeLedger uses plain cell writes, not StreamWriter, so the zip is
// byte-identical run after run.
func writeLedger(ctx context.Context, w io.Writer, rows []*txn) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	if err := f.SetSheetName("Sheet1", ledgerSheet); err != nil {
		return err
	}
	header := make([]any, len(ledgerHeader))
	for i, h := range ledgerHeader {
		header[i] = h
	}
	if err := f.SetSheetRow(ledgerSheet, "A1", &header); err != nil {
		return err
	}
	for i, t := range rows {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		// A date is a serial day number under a date format, as Excel stores it.
		var date any = t.at.Sub(excelEpoch).Hours() / 24
		if t.broken {
			date = brokenDate
		}
		var note any
		if t.note != "" {
			note = t.note
		}
		row := []any{date, t.ref, t.from.name, t.from.phone, t.from.city, t.broker,
			float64(t.cents) / usd, t.to.name, t.to.phone, t.to.city, note}
		if err := f.SetSheetRow(ledgerSheet, "A"+strconv.Itoa(t.row), &row); err != nil {
			return err
		}
	}
	dateFmt := "yyyy-mm-dd"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return err
	}
	amountStyle, err := f.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00
	if err != nil {
		return err
	}
	last := strconv.Itoa(len(rows) + 1)
	if err := f.SetCellStyle(ledgerSheet, "A2", "A"+last, dateStyle); err != nil {
		return err
	}
	if err := f.SetCellStyle(ledgerSheet, "G2", "G"+last, amountStyle); err != nil {
		return err
	}
	// Some readers size the sheet from its dimension; plain writes leave it at A1.
	if err := f.SetSheetDimension(ledgerSheet, "A1:K"+last); err != nil {
		return err
	}
	for i, width := range []float64{12, 10, 30, 16, 14, 24, 12, 30, 16, 14, 14} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(ledgerSheet, col, col, width); err != nil {
			return err
		}
	}
	return f.Write(w)
}

type alias struct {
	Name    string `yaml:"name"`
	Quality string `yaml:"quality"`
}

type watchEntry struct {
	HVTID         string   `yaml:"hvt_id"`
	PrimaryName   string   `yaml:"primary_name"`
	Aliases       []alias  `yaml:"aliases,flow"`
	Phones        []string `yaml:"phones,flow"`
	Accounts      []string `yaml:"accounts,flow"`
	Nationalities []string `yaml:"nationalities,flow"`
	BirthDate     string   `yaml:"birth_date"`
	Notes         string   `yaml:"notes"`
}

func writeWatchlist(w io.Writer, hvts []*hvt) error {
	var list []watchEntry
	for _, h := range hvts {
		list = append(list, watchEntry{HVTID: h.id, PrimaryName: h.p.name,
			Aliases: []alias{{h.weak, "weak"}, {h.strong, "strong"}},
			Phones:  []string{h.p.phone}, Accounts: []string{}, Nationalities: []string{h.nat},
			BirthDate: h.born, Notes: "synthetic"})
	}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(list); err != nil {
		return err
	}
	return enc.Close()
}
