package link

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Enough of a file to tell its format.
const headSize = 64 << 10

func detectFile(path string) (Format, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("watchlist: %w", err)
	}
	defer f.Close()
	head := make([]byte, headSize)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("watchlist: %w", err)
	}
	return detect(path, head[:n])
}

// detect tells a watchlist's format from its first bytes, never its name.
func detect(path string, head []byte) (Format, error) {
	notList := func(format string, args ...any) error {
		return &ProblemError{File: path, Msg: "not a watchlist: " + fmt.Sprintf(format, args...)}
	}
	switch {
	case len(bytes.TrimSpace(head)) == 0:
		return "", notList("the file is empty")
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return FormatXLSX, nil
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "", &ProblemError{File: path, Msg: "a legacy .xls workbook: open it in Excel and save it as .xlsx"}
	}
	text, _ := decodeText(head)
	if bytes.IndexByte(text, 0) >= 0 {
		return "", notList("binary content")
	}
	trimmed := bytes.TrimLeft(text, " \t\r\n")
	switch trimmed[0] {
	case '<':
		switch root := xmlRoot(trimmed); root {
		case "CONSOLIDATED_LIST":
			return FormatUN, nil
		case "":
			return "", notList("XML without a root element")
		default:
			return "", notList("XML whose root is <%s>; cmrflow reads the UN consolidated list (<CONSOLIDATED_LIST>)", root)
		}
	case '{':
		if bytes.Contains(trimmed, []byte(`"schema"`)) {
			return FormatFtM, nil
		}
		return "", notList("JSON that is not FollowTheMoney JSON lines (one entity with a \"schema\" a line)")
	}
	first := ""
	sc := bufio.NewScanner(bytes.NewReader(trimmed))
	sc.Buffer(make([]byte, 0, 4096), headSize)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if first == "" {
			first = line
		}
		break
	}
	if _, ok := tableHeader(first); ok {
		return FormatCSV, nil
	}
	if first == "" || first == "-" || first == "[]" || strings.HasPrefix(first, "- ") || strings.HasPrefix(first, "---") ||
		strings.HasPrefix(first, "%YAML") || strings.HasPrefix(first, "hvt_id:") {
		return FormatYAML, nil
	}
	return "", notList("neither a YAML list of entries, CSV with an hvt_id column, xlsx, the UN consolidated list XML nor FtM JSON lines")
}

// tableHeader reads a CSV header line: its delimiter, and whether one of
// its cells is hvt_id.
func tableHeader(line string) (rune, bool) {
	delim := sniffDelimiter(line)
	r := csv.NewReader(strings.NewReader(line))
	r.Comma = delim
	r.LazyQuotes = true
	cells, err := r.Read()
	if err != nil {
		return delim, false
	}
	for _, c := range cells {
		if columnName(c) == "hvt_id" {
			return delim, true
		}
	}
	return delim, false
}

// sniffDelimiter picks the commonest of comma, semicolon and tab outside
// quotes in a header line. Cells never hold ";" lists in a header, so a
// Dutch Excel's semicolon CSV is told from a comma one.
func sniffDelimiter(line string) rune {
	counts := map[rune]int{}
	quoted := false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

func xmlRoot(b []byte) string {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.CharsetReader = charsetReader
	for {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local
		}
	}
}

// decodeText turns a text file's bytes into UTF-8: a UTF-8 byte order mark
// dropped, UTF-16 with a mark decoded, and bytes that are not UTF-8 read
// as Windows-1252 (Excel's "CSV" on a Western Windows), which a note says.
func decodeText(b []byte) ([]byte, string) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return b[3:], ""
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(b)
		if err == nil {
			return out, ""
		}
	case !utf8.Valid(b):
		out, err := charmap.Windows1252.NewDecoder().Bytes(b)
		if err == nil {
			return out, "the file is not UTF-8: read as Windows-1252"
		}
	}
	return b, ""
}

// textReader streams a file as UTF-8: a UTF-8 mark dropped, UTF-16 with a
// mark decoded.
func textReader(r io.Reader) io.Reader {
	br := bufio.NewReaderSize(r, 64<<10)
	mark, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(mark, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
	case bytes.HasPrefix(mark, []byte{0xFF, 0xFE}), bytes.HasPrefix(mark, []byte{0xFE, 0xFF}):
		return transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	}
	return br
}

// charsetReader lets encoding/xml read what textReader already decoded
// (a UTF-16 file still declares UTF-16) and the Latin-1 family.
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "utf-16", "utf-16le", "utf-16be", "utf8", "utf-8":
		return r, nil
	case "iso-8859-1", "latin1", "windows-1252", "cp1252":
		return charmap.Windows1252.NewDecoder().Reader(r), nil
	}
	return nil, fmt.Errorf("encoding %q is not supported: save the list as UTF-8", label)
}

// parseFile reads the file of res, of a known format, and hands each entry
// to emit; seen holds the ids of the load so far, so that an id given twice
// is a problem. Problems come back joined; an error from emit stops the
// reading.
func parseFile(ctx context.Context, res *FileResult, seen map[string]string, emit func(*Entry) error) error {
	s := &fileState{file: res.Path, strict: res.Format == FormatYAML || res.Format == FormatCSV || res.Format == FormatXLSX,
		seen: seen, res: res}
	counted := func(e *Entry) error {
		res.Entries++
		return emit(e)
	}
	var err error
	switch res.Format {
	case FormatYAML, FormatCSV:
		var b []byte
		if b, err = os.ReadFile(res.Path); err != nil {
			return fmt.Errorf("watchlist: %w", err)
		}
		text, note := decodeText(b)
		if note != "" {
			s.note("%s", note)
		}
		if res.Format == FormatYAML {
			err = parseYAML(s, text, counted)
		} else {
			err = parseCSV(ctx, s, text, counted)
		}
	case FormatXLSX:
		err = parseXLSX(ctx, s, counted)
	case FormatUN:
		err = parseUN(ctx, s, counted)
	case FormatFtM:
		err = parseFtM(ctx, s, counted)
	default:
		return fmt.Errorf("watchlist %s: unknown format %q", res.Path, res.Format)
	}
	s.finishNotes()
	if err != nil {
		return err
	}
	return s.err()
}
