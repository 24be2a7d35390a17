package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// delimReader reads delimited text record by record and tells, for each,
// the line a person sees it start on. Unlike encoding/csv it recovers from a
// malformed record (a stray quote, a quote that never closes): the record
// comes back as bad, with its text and the reason, and reading goes on at
// the next line, so one broken row never costs the rest of the file.
type delimReader struct {
	br      *bufio.Reader
	comma   byte
	line    int      // lines consumed so far
	pending [][]byte // lines read ahead while looking for a closing quote
	buf     []byte
	arena   []string // where the fields of records go, many records to one allocation
}

// Limits on one quoted cell: past them the opening quote is taken as a
// mistake rather than a cell holding a whole file.
const (
	maxQuotedLines = 200
	maxRecordBytes = 2 << 20
)

// errRecord is a record that cannot be read; the file goes on.
type errRecord struct {
	Column int
	Msg    string
}

func (e *errRecord) Error() string {
	if e.Column > 0 {
		return fmt.Sprintf("field %d: %s", e.Column, e.Msg)
	}
	return e.Msg
}

func newDelimReader(r io.Reader, comma byte) *delimReader {
	return &delimReader{br: bufio.NewReaderSize(r, 1<<20), comma: comma}
}

// readLine returns the next physical line without its "\n" (io.EOF at
// the end). The line is only good until the next read.
func (d *delimReader) readLine() ([]byte, error) {
	if len(d.pending) > 0 {
		l := d.pending[0]
		d.pending = d.pending[1:]
		d.line++
		return l, nil
	}
	line, err := d.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		// Longer than the buffer: gather it.
		d.buf = append(d.buf[:0], line...)
		for errors.Is(err, bufio.ErrBufferFull) && len(d.buf) <= maxRecordBytes {
			line, err = d.br.ReadSlice('\n')
			d.buf = append(d.buf, line...)
		}
		line = d.buf
	}
	if len(line) > maxRecordBytes {
		return nil, fmt.Errorf("line %d is longer than %d MiB", d.line+1, maxRecordBytes>>20)
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	if len(line) == 0 {
		return nil, io.EOF
	}
	d.line++
	return bytes.TrimSuffix(line, []byte("\n")), nil
}

// Next returns the record's first line, its fields, and a non-nil bad when
// the record is malformed (fields then hold the record's text as one cell).
// err is io.EOF at the end, or an I/O error.
func (d *delimReader) Next() (line int, fields []string, bad *errRecord, err error) {
	first, err := d.readLine()
	if err != nil {
		return 0, nil, nil, err
	}
	line = d.line
	fields, bad, open := d.split(first)
	if !open {
		return line, fields, bad, nil
	}
	// A quoted field goes on: keep the lines, as reading on reuses them.
	lines := [][]byte{bytes.Clone(first)}
	for {
		next, err := d.readLine()
		if err == nil && len(lines) < maxQuotedLines {
			lines = append(lines, bytes.Clone(next))
			if fields, bad, open = d.split(bytes.Join(lines, []byte("\n"))); !open {
				return line, fields, bad, nil
			}
			continue
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return 0, nil, nil, err
		}
		// The quote never closes: this line alone is the bad record, and
		// the lines read ahead are read again as records of their own.
		if err == nil {
			lines = append(lines, bytes.Clone(next))
		}
		d.pending = append(lines[1:len(lines):len(lines)], d.pending...)
		d.line -= len(lines) - 1
		return line, []string{string(trimCR(lines[0]))}, &errRecord{Msg: "a quoted field is never closed"}, nil
	}
}

// split is splitRecord with the fields in the arena.
func (d *delimReader) split(text []byte) ([]string, *errRecord, bool) {
	if len(d.arena) < 1024 {
		d.arena = make([]string, 16<<10)
	}
	fields, bad, open := splitRecord(text, d.comma, d.arena)
	if len(fields) > 0 && &fields[0] == &d.arena[0] {
		d.arena = d.arena[len(fields):]
	}
	return fields, bad, open
}

func trimCR(b []byte) []byte {
	return bytes.TrimRight(b, "\r")
}

// splitRecord splits one record's text into fields, in buf when it is
// long enough and the record has no quotes. open reports a quoted field
// still open at the end of the text (the record continues on the next
// line).
func splitRecord(text []byte, comma byte, buf []string) (fields []string, bad *errRecord, open bool) {
	text = trimCR(text)
	if bytes.IndexByte(text, '"') < 0 {
		// Fast path: no quotes at all.
		s := string(text)
		n := bytes.Count(text, []byte{comma}) + 1
		if n <= len(buf) {
			fields = buf[:0:n]
		} else {
			fields = make([]string, 0, n)
		}
		for {
			i := strings.IndexByte(s, comma)
			if i < 0 {
				return append(fields, s), nil, false
			}
			fields = append(fields, s[:i])
			s = s[i+1:]
		}
	}
	var field []byte
	i := 0
	for {
		col := len(fields) + 1
		if i < len(text) && text[i] == '"' {
			// Quoted field: "" is a quote, the closing quote must be
			// followed by the delimiter or the end of the record.
			field = field[:0]
			i++
			for {
				j := bytes.IndexByte(text[i:], '"')
				if j < 0 {
					return nil, nil, true
				}
				field = append(field, text[i:i+j]...)
				i += j + 1
				if i < len(text) && text[i] == '"' {
					field = append(field, '"')
					i++
					continue
				}
				break
			}
			fields = append(fields, string(field))
			switch {
			case i == len(text):
				return fields, nil, false
			case text[i] == comma:
				i++
			default:
				return []string{string(text)}, &errRecord{Column: col, Msg: fmt.Sprintf("text %q after a closing quote", clip(text[i:]))}, false
			}
			continue
		}
		j := bytes.IndexByte(text[i:], comma)
		end := len(text)
		if j >= 0 {
			end = i + j
		}
		// Quotes in pairs inside a field are text (Mohamed "Wedi" Ali, as
		// ledgers are typed); a lone one may be an opening quote gone
		// missing, which would shift every column after it.
		if bytes.Count(text[i:end], []byte{'"'})%2 == 1 {
			return []string{string(text)}, &errRecord{Column: col, Msg: "a quote inside an unquoted field (an opening quote missing?)"}, false
		}
		fields = append(fields, string(text[i:end]))
		if j < 0 {
			return fields, nil, false
		}
		i = end + 1
	}
}

func clip(b []byte) string {
	if len(b) > 20 {
		return string(b[:20]) + "…"
	}
	return string(b)
}

// sniffDelimiter picks the delimiter under which the first records have the
// most consistent number of fields (more than one).
func sniffDelimiter(head []byte) byte {
	best, bestScore := byte(','), 0
	for _, c := range []byte{',', ';', '\t', '|'} {
		d := newDelimReader(bytes.NewReader(head), c)
		counts := map[int]int{}
		for i := 0; i < 50; i++ {
			_, fields, bad, err := d.Next()
			if err != nil {
				break
			}
			if bad == nil && len(fields) > 1 {
				counts[len(fields)]++
			}
		}
		for n, times := range counts {
			if score := times * n; score > bestScore {
				best, bestScore = c, score
			}
		}
	}
	return best
}
