package samples

import (
	"bufio"
	"cmp"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/cmrflow/cmrflow/internal/normalize"
)

const (
	mtoFile     = "mto_export.csv"
	mto2File    = "mto_export_unicode.txt"
	ledgerFile  = "hawala_ledger.xlsx"
	ledgerSheet = "Ledger"
	addisFile   = "hawala_addis.xlsx"
	bankFile    = "bank_nl.csv"
	mt940File   = "bank_statement.sta"
	brokenDate  = "31/02/2025"
)

// excelEpoch is day 0 of Excel's 1900 date system (as Excel counts it).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// write writes the inbox, the rates, the watchlist and the truth; rows are
// numbered already.
func write(ctx context.Context, out string, in *inbox, hvts []*hvt, cases []*plantedCase, namesakes []namesake, decoys []*txn,
	bulk func(emit func(*txn) error) error) ([]string, error) {
	var caseRows, collRows, hvtRows [][]string
	for _, c := range cases {
		for _, t := range c.rows {
			caseRows = append(caseRows, []string{c.id, t.role, t.file, t.sheet, strconv.Itoa(t.row), t.ref})
		}
		collRows = append(collRows, []string{c.id, c.collector.name, c.collector.phone, c.hvt.id})
	}
	for _, h := range hvts {
		hvtRows = append(hvtRows, []string{h.id, h.p.name, h.p.phone}, []string{h.id, h.p.name, h.phone2})
	}
	var listRows [][]string
	for _, h := range hvts {
		listRows = append(listRows, []string{h.id, "un", unReference(h)})
	}
	var layerRows [][]string
	for _, c := range cases {
		if c.layer != nil {
			layerRows = append(layerRows, []string{c.id, c.layer.name, c.layer.phone, c.hvt.id})
		}
	}
	var resaleRows [][]string
	for _, c := range cases {
		if c.resoldOf != "" {
			resaleRows = append(resaleRows, []string{c.id, c.resoldOf})
		}
	}
	var namesakeRows [][]string
	for _, n := range namesakes {
		namesakeRows = append(namesakeRows, []string{n.p.name, n.p.phone, n.hvt})
	}
	decoys = slices.Clone(decoys)
	slices.SortFunc(decoys, func(a, b *txn) int { return cmp.Or(cmp.Compare(a.decoy, b.decoy), a.row-b.row) })
	var decoyRows [][]string
	for _, t := range decoys {
		decoyRows = append(decoyRows, []string{t.decoy, t.decoyKind, mtoFile, t.sheet, strconv.Itoa(t.row), t.ref})
	}
	inbox := func(name string) string { return filepath.Join(out, "inbox", name) }
	files := []struct {
		path string
		fill func(io.Writer) error
	}{
		{inbox(mtoFile), func(w io.Writer) error { return writeMTO(ctx, w, in.mto, bulk) }},
		{inbox(mto2File), func(w io.Writer) error { return writeMTO2(ctx, w, in.mto2) }},
		{inbox(ledgerFile), func(w io.Writer) error { return writeLedger(ctx, w, in.ledger) }},
		{inbox(addisFile), func(w io.Writer) error { return writeAddis(ctx, w, in.addis) }},
		{inbox(bankFile), func(w io.Writer) error { return writeBankCSV(ctx, w, in.bankNL) }},
		{inbox(mt940File), func(w io.Writer) error { return writeLines(w, in.mt940Lines) }},
		{filepath.Join(out, "fx", "rates.csv"), csvFill(fxHeader, rateRows())},
		{filepath.Join(out, "watchlist", "hvts.yaml"), func(w io.Writer) error { return writeWatchlist(w, hvts) }},
		{filepath.Join(out, "watchlist", "un_consolidated_excerpt.xml"), func(w io.Writer) error { return writeUNList(w, hvts) }},
		{filepath.Join(out, "truth", "cases.csv"), csvFill(casesHeader, caseRows)},
		{filepath.Join(out, "truth", "hvts.csv"), csvFill(hvtTruthHeader, hvtRows)},
		{filepath.Join(out, "truth", "collectors.csv"), csvFill(collHeader, collRows)},
		{filepath.Join(out, "truth", "namesakes.csv"), csvFill(namesakeHeader, namesakeRows)},
		{filepath.Join(out, "truth", "resales.csv"), csvFill(resaleHeader, resaleRows)},
		{filepath.Join(out, "truth", "decoys.csv"), csvFill(decoyHeader, decoyRows)},
		{filepath.Join(out, "truth", "layers.csv"), csvFill(layerHeader, layerRows)},
		{filepath.Join(out, "truth", "hvt_lists.csv"), csvFill(hvtListHeader, listRows)},
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

func writeLines(w io.Writer, lines []string) error {
	for _, l := range lines {
		if _, err := io.WriteString(w, l+"\r\n"); err != nil {
			return err
		}
	}
	return nil
}

// writeMTO writes the first MTO's export: rows, then what bulk emits.
func writeMTO(ctx context.Context, w io.Writer, rows []*txn, bulk func(emit func(*txn) error) error) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(mtoHeader); err != nil {
		return err
	}
	n := 0
	emit := func(t *txn) error {
		if n++; n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		amount := fmt.Sprintf("%d.%02d", t.cents/usd, t.cents%usd)
		if t.broken {
			amount = "TBC"
		}
		f, to := t.from, t.to
		return cw.Write([]string{t.ref, t.at.Format("2006-01-02 15:04"), f.name, f.phone, f.country, f.city,
			to.name, to.phone, to.country, to.city, amount, "USD", f.agent, to.agent, t.note})
	}
	for _, t := range rows {
		if err := emit(t); err != nil {
			return err
		}
	}
	if err := bulk(emit); err != nil {
		return err
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

// writeMTO2 writes what Excel saves as "Unicode Text": UTF-16 LE with a
// BOM, tab-separated, CR LF line ends, dates day first.
func writeMTO2(ctx context.Context, w io.Writer, rows []*txn) error {
	tw := transform.NewWriter(w, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder())
	line := func(cells []string) error {
		_, err := io.WriteString(tw, strings.Join(cells, "\t")+"\r\n")
		return err
	}
	if err := line(mto2Header); err != nil {
		return err
	}
	for i, t := range rows {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		f, to := t.from, t.to
		fFirst, fLast, _ := strings.Cut(f.name, " ")
		tFirst, tLast, _ := strings.Cut(to.name, " ")
		if err := line([]string{t.ref, t.at.Format("02/01/2006"), t.at.Format("15:04"),
			fFirst, fLast, "00" + f.phone[1:], countryName[f.country], f.city,
			tFirst, tLast, "00" + to.phone[1:], countryName[to.country], to.city,
			decimal(t.minor, "."), t.cur, f.agent, to.agent, t.note}); err != nil {
			return err
		}
	}
	return tw.Close()
}

// numberAddis puts the Addis book's rows on one sheet per Ethiopian month,
// below a title row and the header: the first data row is Excel row 3.
func numberAddis(rows []*txn) {
	sheet, n := "", 0
	for _, t := range rows {
		y, m, _ := normalize.GregorianToEthiopian(t.at)
		if s := fmt.Sprintf("%s %d", ethiopianMonths[m-1], y); s != sheet {
			sheet, n = s, 0
		}
		n++
		t.sheet, t.row = sheet, n+2
	}
}

// writeAddis writes the Addis Ababa broker's book: a sheet per Ethiopian
// month, a title row above the header, dates as Ethiopian-calendar text,
// amounts in birr, the broker's rate and the dollar value as a formula.
func writeAddis(ctx context.Context, w io.Writer, rows []*txn) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	amountFmt := "#,##0.00"
	amountStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &amountFmt})
	if err != nil {
		return err
	}
	titleStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	if err != nil {
		return err
	}
	header := make([]any, len(addisHeader))
	for i, h := range addisHeader {
		header[i] = h
	}
	last := map[string]int{}
	var sheets []string
	for i, t := range rows {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if _, ok := last[t.sheet]; !ok {
			if len(sheets) == 0 {
				err = f.SetSheetName("Sheet1", t.sheet)
			} else {
				_, err = f.NewSheet(t.sheet)
			}
			if err != nil {
				return err
			}
			sheets = append(sheets, t.sheet)
			if err := f.SetCellStr(t.sheet, "A1", addisBroker+" — "+t.sheet+" E.C."); err != nil {
				return err
			}
			if err := f.SetSheetRow(t.sheet, "A2", &header); err != nil {
				return err
			}
		}
		last[t.sheet] = t.row
		y, m, d := normalize.GregorianToEthiopian(t.at)
		payee := cmp.Or(t.toName, t.to.name)
		dollars := t.minor / t.rate
		r := strconv.Itoa(t.row)
		row := []any{fmt.Sprintf("%02d/%02d/%d", d, m, y), t.from.name, t.from.phone, payee, spacedPhone(t.to.phone),
			float64(t.minor) / 100, float64(t.rate) / 100, dollars, t.broker, t.ref}
		if err := f.SetSheetRow(t.sheet, "A"+r, &row); err != nil {
			return err
		}
		// The cached value stays beside the formula, for readers that do not calculate.
		if err := f.SetCellFormula(t.sheet, "H"+r, "F"+r+"/G"+r); err != nil {
			return err
		}
	}
	for _, s := range sheets {
		end := strconv.Itoa(last[s])
		if err := f.SetCellStyle(s, "A1", "A1", titleStyle); err != nil {
			return err
		}
		if err := f.SetCellStyle(s, "F3", "H"+end, amountStyle); err != nil {
			return err
		}
		if err := f.SetSheetDimension(s, "A1:J"+end); err != nil {
			return err
		}
		for i, width := range []float64{12, 28, 16, 28, 18, 14, 9, 11, 24, 11} {
			col, _ := excelize.ColumnNumberToName(i + 1)
			if err := f.SetColWidth(s, col, col, width); err != nil {
				return err
			}
		}
	}
	recalc := true
	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &recalc}); err != nil {
		return err
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
