package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// textSheet streams a delimited text file as one sheet, whatever its
// encoding and dialect.
type textSheet struct {
	f        *os.File
	r        *delimReader
	encoding string
	comma    byte
}

const sniffBytes = 64 << 10

func openText(path string, prog *progress) (*textSheet, error) {
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
	enc := detectEncoding(head)
	decodedHead, _ := io.ReadAll(decode(enc, bytes.NewReader(head)))
	crOnly := bytes.IndexByte(decodedHead, '\n') < 0 && bytes.IndexByte(decodedHead, '\r') >= 0
	var raw io.Reader = f
	if fi, err := f.Stat(); err == nil && prog != nil {
		raw = prog.counting(f, fi.Size())
	}
	var src io.Reader = decode(enc, raw)
	if crOnly {
		// Classic Mac line ends: each CR is a line break.
		src = transform.NewReader(src, crToLF{})
		decodedHead = bytes.ReplaceAll(decodedHead, []byte("\r"), []byte("\n"))
	}
	comma := sniffDelimiter(decodedHead)
	return &textSheet{f: f, r: newDelimReader(src, comma), encoding: enc, comma: comma}, nil
}

// detectEncoding tells the encoding from the bytes, never from the name:
// Excel's "Unicode Text" is UTF-16 with a BOM, and text that is not UTF-8 is
// taken as Windows-1252, which every byte decodes in.
func detectEncoding(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return "utf-16le"
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return "utf-16be"
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return "utf-8-bom"
	case !utf8.Valid(trimPartialRune(head)):
		return "windows-1252"
	}
	return "utf-8"
}

func decode(enc string, r io.Reader) io.Reader {
	switch enc {
	case "utf-16le", "utf-16be":
		// The BOM sets the byte order.
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

type crToLF struct{ transform.NopResetter }

func (crToLF) Transform(dst, src []byte, atEOF bool) (int, int, error) {
	n := copy(dst, src)
	for i := 0; i < n; i++ {
		if dst[i] == '\r' {
			dst[i] = '\n'
		}
	}
	if n < len(src) {
		return n, n, transform.ErrShortDst
	}
	return n, n, nil
}

// Next returns the next record and the line it starts on.
func (s *textSheet) Next() (record, error) {
	line, fields, bad, err := s.r.Next()
	if err != nil {
		return record{}, err
	}
	rec := record{row: line, cells: fields}
	if bad != nil {
		rec.bad = bad.Error()
	}
	return rec, nil
}

func (s *textSheet) Close() error { return s.f.Close() }

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
