package ingest

import (
	"errors"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// xlsxBook streams a workbook sheet by sheet, row by row, never holding a
// whole sheet in memory.
type xlsxBook struct {
	f        *excelize.File
	date1904 bool
}

// ErrLegacyExcel is an .xls file: excelize reads only the xlsx format.
var ErrLegacyExcel = errors.New("legacy .xls workbook: open it in Excel and save it as .xlsx")

func openXLSX(path string) (*xlsxBook, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, err
	}
	props, err := f.GetWorkbookProps()
	if err != nil {
		f.Close()
		return nil, err
	}
	return &xlsxBook{f: f, date1904: props.Date1904 != nil && *props.Date1904}, nil
}

func (b *xlsxBook) Sheets() []string { return b.f.GetSheetList() }

func (b *xlsxBook) Close() error { return b.f.Close() }

// hidden reports a sheet hidden in Excel, which a person opening the
// workbook would not see.
func (b *xlsxBook) hidden(sheet string) bool {
	visible, err := b.f.GetSheetVisible(sheet)
	return err == nil && !visible
}

type xlsxSheet struct {
	name string
	rows *excelize.Rows
	row  int
}

func (b *xlsxBook) open(sheet string) (*xlsxSheet, error) {
	rows, err := b.f.Rows(sheet)
	if err != nil {
		return nil, fmt.Errorf("sheet %q: %w", sheet, err)
	}
	return &xlsxSheet{name: sheet, rows: rows}, nil
}

// Next returns the next row and its Excel row number; dates come back as
// serial numbers (RawCellValue), which the mapping converts.
func (s *xlsxSheet) Next() (record, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return record{}, &FormatError{Sheet: s.name, Line: s.row + 1, Err: err}
		}
		return record{}, io.EOF
	}
	s.row++
	cells, err := s.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return record{}, &FormatError{Sheet: s.name, Line: s.row, Err: err}
	}
	return record{row: s.row, cells: cells}, nil
}

func (s *xlsxSheet) Close() error { return s.rows.Close() }
