package link

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The native CSV and xlsx layout: one row per HVT under a header row.
var tableColumns = []string{"hvt_id", "primary_name", "aliases", "phones", "accounts", "nationalities",
	"birth_date", "notes", "source", "reliability"}

// columnName folds a header cell: case, spaces and dashes ("HVT ID").
func columnName(header string) string {
	return strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(clean(header)))
}

type tableRow struct {
	line  int // CSV: the line a text editor shows; xlsx: the Excel row
	cells []string
}

// parseCSV reads the native layout from CSV: comma, semicolon or tab
// delimited, as Excel writes it.
func parseCSV(ctx context.Context, s *fileState, text []byte, emit func(*Entry) error) error {
	firstLine := string(text)
	for _, line := range strings.Split(firstLine, "\n") {
		if strings.TrimSpace(line) != "" {
			firstLine = line
			break
		}
	}
	delim, _ := tableHeader(strings.TrimRight(firstLine, "\r"))
	r := csv.NewReader(bytes.NewReader(text))
	r.Comma = delim
	r.FieldsPerRecord = -1
	next := func() (tableRow, error) {
		rec, err := r.Read()
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return tableRow{}, &ProblemError{File: s.file, Line: pe.StartLine, Msg: "not valid CSV: " + pe.Err.Error()}
			}
			return tableRow{}, err
		}
		line, _ := r.FieldPos(0)
		return tableRow{line: line, cells: rec}, nil
	}
	found, err := parseTable(ctx, s, next, false, false, emit)
	if err == nil && !found {
		s.problem(0, "", 0, "", "no header row with hvt_id and primary_name")
	}
	return err
}

// parseXLSX reads the native layout from every sheet whose first row is a
// header with hvt_id; other sheets (notes, a legend) are skipped and said so.
func parseXLSX(ctx context.Context, s *fileState, emit func(*Entry) error) error {
	f, err := excelize.OpenFile(s.file)
	if err != nil {
		s.problem(0, "", 0, "", "cannot open the workbook: %v", err)
		return nil
	}
	defer f.Close()
	props, err := f.GetWorkbookProps()
	if err != nil {
		s.problem(0, "", 0, "", "cannot read the workbook: %v", err)
		return nil
	}
	date1904 := props.Date1904 != nil && *props.Date1904
	loaded := false
	for _, sheet := range f.GetSheetList() {
		rows, err := f.Rows(sheet)
		if err != nil {
			s.problem(0, "", 0, "", "sheet %q: %v", sheet, err)
			continue
		}
		s.sheet = sheet
		n := 0
		next := func() (tableRow, error) {
			if !rows.Next() {
				if err := rows.Error(); err != nil {
					return tableRow{}, &ProblemError{File: s.file, Sheet: sheet, Line: n + 1, Msg: err.Error()}
				}
				return tableRow{}, io.EOF
			}
			n++
			// Raw values: dates come as serial numbers and numbers unformatted.
			cells, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				return tableRow{}, &ProblemError{File: s.file, Sheet: sheet, Line: n, Msg: err.Error()}
			}
			return tableRow{line: n, cells: cells}, nil
		}
		found, err := parseTable(ctx, s, next, true, date1904, emit)
		_ = rows.Close()
		s.sheet = ""
		if err != nil {
			return err
		}
		if found {
			loaded = true
		} else {
			s.note("sheet %q has no header row with hvt_id: skipped", sheet)
		}
	}
	if !loaded {
		s.problem(0, "", 0, "", "no sheet has a header row with hvt_id and primary_name")
	}
	return nil
}

// parseTable reads a header row and the entries under it. found is false
// when the first row that is not empty has no hvt_id column.
func parseTable(ctx context.Context, s *fileState, next func() (tableRow, error), spreadsheet, date1904 bool,
	emit func(*Entry) error) (found bool, err error) {
	read := func() (tableRow, bool, error) {
		row, err := next()
		var pe *ProblemError
		switch {
		case errors.Is(err, io.EOF):
			return row, false, nil
		case errors.As(err, &pe):
			s.nProblems++
			s.problems = append(s.problems, pe)
			return row, false, nil
		case err != nil:
			return row, false, fmt.Errorf("watchlist %s: %w", s.file, err)
		}
		return row, true, nil
	}
	var header tableRow
	for {
		row, ok, err := read()
		if !ok || err != nil {
			return false, err
		}
		if !emptyRow(row.cells) {
			header = row
			break
		}
	}
	before := s.nProblems
	cols := map[string]int{}
	known := map[string]bool{}
	for _, c := range tableColumns {
		known[c] = true
	}
	hasID := false
	for _, cell := range header.cells {
		hasID = hasID || columnName(cell) == "hvt_id"
	}
	if !hasID {
		return false, nil
	}
	for i, cell := range header.cells {
		name := columnName(cell)
		switch {
		case name == "":
		case !known[name]:
			s.problem(header.line, "", 0, "", "unknown column %q (columns: %s)", clean(cell), strings.Join(tableColumns, ", "))
		case cols[name] > 0:
			s.problem(header.line, "", 0, "", "column %s is given twice", name)
		default:
			cols[name] = i + 1
		}
	}
	if cols["primary_name"] == 0 {
		s.problem(header.line, "", 0, "", "the header has no primary_name column")
	}
	if s.nProblems > before {
		return true, nil
	}
	for n := 0; ; n++ {
		if n%1000 == 0 && ctx.Err() != nil {
			return true, ctx.Err()
		}
		row, ok, err := read()
		if !ok || err != nil {
			return true, err
		}
		if emptyRow(row.cells) {
			continue
		}
		d, fine := tableDraft(s, row, header, cols, spreadsheet, date1904)
		if e, ok := d.build(s); ok && fine {
			if err := emit(e); err != nil {
				return true, err
			}
		}
	}
}

func emptyRow(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

var (
	excelNumberRe = regexp.MustCompile(`^[0-9]+(?:\.[0-9]+)?(?:E\+?[0-9]+)?$`)
	quality       = regexp.MustCompile(`(?i)\s*\((strong|weak)\)$`)
)

// tableDraft reads one row; fine is false when a cell had a problem.
func tableDraft(s *fileState, row tableRow, header tableRow, cols map[string]int, spreadsheet, date1904 bool) (*draft, bool) {
	cell := func(name string) string {
		if i := cols[name] - 1; i >= 0 && i < len(row.cells) {
			return row.cells[i]
		}
		return ""
	}
	d := &draft{line: row.line, id: cell("hvt_id"), notes: cell("notes"), source: cell("source"), reliability: cell("reliability"),
		spreadsheet: spreadsheet}
	id := strings.TrimSpace(d.id)
	before := s.nProblems
	for i := len(header.cells); i < len(row.cells); i++ {
		if strings.TrimSpace(row.cells[i]) != "" {
			s.problem(row.line, id, 0, "", "a value in column %d, which has no header", i+1)
			break
		}
	}
	values := func(name string, list, withQuality bool) []draftValue {
		text := cell(name)
		items := []string{text}
		if list {
			items = splitList(text)
		}
		var out []draftValue
		for _, it := range items {
			v, msg := tableValue(it, withQuality)
			if msg != "" {
				s.problem(row.line, id, 0, name, "%s", msg)
				continue
			}
			if strings.TrimSpace(v.value) == "" {
				continue
			}
			v.column = name
			if spreadsheet && (name == "phones" || name == "accounts") && excelNumberRe.MatchString(v.value) {
				v.value = integerText(v.value)
			}
			if spreadsheet && name == "birth_date" {
				v.value = excelBirthDate(v.value, date1904)
			}
			out = append(out, v)
		}
		return out
	}
	d.names = values("primary_name", false, false)
	d.aliases = values("aliases", true, true)
	d.phones = values("phones", true, false)
	d.accounts = values("accounts", true, false)
	d.nationalities = values("nationalities", true, false)
	d.births = values("birth_date", false, false)
	return d, s.nProblems == before
}

// splitList splits a cell at ";" outside [ ] annotations.
func splitList(text string) []string {
	var out []string
	depth, start := 0, 0
	for i, c := range text {
		switch c {
		case '[':
			depth++
		case ']':
			if depth > 0 {
				depth--
			}
		case ';':
			if depth == 0 {
				out = append(out, text[start:i])
				start = i + 1
			}
		}
	}
	return append(out, text[start:])
}

// annotationKey finds the keys of an annotation: a word and "=" at its
// start or after a comma.
var annotationKey = regexp.MustCompile(`(?:^|,)\s*([A-Za-z_]+)\s*=`)

// tableValue reads one list item: `value (weak) [source=…, reliability=…]`,
// the quality for aliases only, both parts optional.
func tableValue(item string, withQuality bool) (draftValue, string) {
	var v draftValue
	t := strings.TrimSpace(item)
	for range 2 {
		if strings.HasSuffix(t, "]") {
			i := strings.LastIndex(t, "[")
			if i < 0 {
				return v, fmt.Sprintf("%q: a ] without its [", t)
			}
			if v.source != "" || v.reliability != "" {
				return v, fmt.Sprintf("%q: two [ ] annotations", item)
			}
			ann := strings.TrimSpace(t[i+1 : len(t)-1])
			t = strings.TrimSpace(t[:i])
			keys := annotationKey.FindAllStringSubmatchIndex(ann, -1)
			if len(keys) == 0 || keys[0][0] != 0 {
				return v, fmt.Sprintf("%q: write the annotation as [source=…, reliability=…]", item)
			}
			for k, m := range keys {
				end := len(ann)
				if k+1 < len(keys) {
					end = keys[k+1][0]
				}
				val := strings.TrimSpace(ann[m[1]:end])
				key := strings.ToLower(ann[m[2]:m[3]])
				switch {
				case key != "source" && key != "reliability":
					return v, fmt.Sprintf("%q: unknown annotation %q (write [source=…, reliability=…])", item, key)
				case key == "source" && v.source == "":
					v.source = val
				case key == "reliability" && v.reliability == "":
					v.reliability = val
				default:
					return v, fmt.Sprintf("%q: %s is given twice", item, key)
				}
			}
			continue
		}
		if m := quality.FindStringSubmatchIndex(t); withQuality && m != nil {
			if v.quality != "" {
				return v, fmt.Sprintf("%q: two qualities", item)
			}
			v.quality = strings.ToLower(t[m[2]:m[3]])
			t = strings.TrimSpace(t[:m[0]])
		}
	}
	v.value = t
	return v, ""
}

// integerText writes a spreadsheet number such as 9.71501234567E+11 with
// all its digits.
func integerText(s string) string {
	if !strings.ContainsAny(s, "E.") {
		return s
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != float64(int64(f)) {
		return s
	}
	return strconv.FormatInt(int64(f), 10)
}

// excelBirthDate reads a birth date cell: a whole number from 1900 to 2100
// is a year, a larger one an Excel date serial; text stays as it is.
func excelBirthDate(s string, date1904 bool) string {
	if !excelNumberRe.MatchString(s) {
		return s
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	if f == float64(int(f)) && plausibleYear(int(f)) {
		return strconv.Itoa(int(f))
	}
	if f <= 2100 {
		return s
	}
	t, err := excelize.ExcelDateToTime(f, date1904)
	if err != nil {
		return s
	}
	return t.Format("2006-01-02")
}
