package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// csvSheet streams a delimited text file as one sheet, whatever its
// encoding, and reports the line a person sees for each record.
type csvSheet struct {
	f        *os.File
	r        *csv.Reader
	encoding string
}

const sniffBytes = 64 << 10

func openCSV(path string) (*csvSheet, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	head := make([]byte, sniffBytes)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		f.Close()
		return nil, err
	}
	head = head[:n]
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	encName := detectEncoding(head)
	decodedHead, _ := io.ReadAll(decode(encName, bytes.NewReader(head)))
	r := csv.NewReader(bufio.NewReaderSize(decode(encName, f), 1<<20))
	r.Comma = sniffDelimiter(decodedHead)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	return &csvSheet{f: f, r: r, encoding: encName}, nil
}

// detectEncoding tells the encoding from the bytes, never from the name:
// Excel's "Unicode Text" is UTF-16 with a BOM, and text that is not UTF-8 is
// taken as Windows-1252, which every byte decodes in.
func detectEncoding(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return "utf-16"
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return "utf-8-bom"
	case !utf8.Valid(trimPartialRune(head)):
		return "windows-1252"
	}
	return "utf-8"
}

func decode(encName string, r io.Reader) io.Reader {
	switch encName {
	case "utf-16":
		return transform.NewReader(r, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	case "utf-8-bom":
		return transform.NewReader(r, unicode.UTF8BOM.NewDecoder())
	case "windows-1252":
		return transform.NewReader(r, charmap.Windows1252.NewDecoder())
	}
	return r
}

// trimPartialRune drops a multi-byte character cut off by the sniff window.
func trimPartialRune(b []byte) []byte {
	for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
		if r, _ := utf8.DecodeLastRune(b); r != utf8.RuneError {
			return b
		}
		b = b[:len(b)-1]
	}
	return b
}

// sniffDelimiter picks the delimiter that splits the first lines into the
// most consistent number of fields (more than one).
func sniffDelimiter(head []byte) rune {
	best, bestScore := ',', 0
	for _, d := range []rune{',', ';', '\t', '|'} {
		r := csv.NewReader(bytes.NewReader(head))
		r.Comma = d
		r.FieldsPerRecord = -1
		r.LazyQuotes = true
		counts := map[int]int{}
		for i := 0; i < 30; i++ {
			rec, err := r.Read()
			if err != nil {
				break
			}
			if len(rec) > 1 {
				counts[len(rec)]++
			}
		}
		for fields, n := range counts {
			if score := n * fields; score > bestScore {
				best, bestScore = d, score
			}
		}
	}
	return best
}

// Next returns the next record and the line it starts on.
func (s *csvSheet) Next() (int, []string, error) {
	rec, err := s.r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return 0, nil, io.EOF
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return 0, nil, &FormatError{Line: pe.StartLine, Column: pe.Column, Err: pe.Err}
		}
		return 0, nil, err
	}
	line, _ := s.r.FieldPos(0)
	return line, rec, nil
}

func (s *csvSheet) Close() error { return s.f.Close() }

// FormatError is a file whose structure cannot be read past a point.
type FormatError struct {
	Sheet  string
	Line   int
	Column int
	Err    error
}

func (e *FormatError) Error() string {
	where := fmt.Sprintf("line %d", e.Line)
	if e.Sheet != "" {
		where = fmt.Sprintf("sheet %q row %d", e.Sheet, e.Line)
	}
	if e.Column > 0 {
		where += fmt.Sprintf(" column %d", e.Column)
	}
	return where + ": " + e.Err.Error()
}

func (e *FormatError) Unwrap() error { return e.Err }
