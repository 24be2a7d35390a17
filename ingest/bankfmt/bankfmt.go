// Package bankfmt reads bank statements in SWIFT MT940 and ISO 20022
// camt.053 into neutral entries. It knows the formats, not cmrflow: the
// ingest stage maps entries to transactions and quarantines the ones with a
// Problem. Amounts stay decimal text; no float is ever involved.
package bankfmt

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"golang.org/x/text/encoding/htmlindex"
)

// Entry is one booked movement on the account holder's account.
type Entry struct {
	// Line is the 1-based line where the entry starts: ":61:" in MT940; in
	// camt the <TxDtls> of a split batch, else <Ntry>.
	Line        int
	Statement   string    // :20: / Stmt/Id
	Sequence    string    // :28C: (or :28:) / Stmt/ElctrncSeqNb (else LglSeqNb); "" when absent
	Account     string    // :25: / Acct/Id/IBAN or Othr/Id; an IBAN without spaces
	AccountName string    // camt Acct/Ownr/Nm; MT940 has none
	Currency    string    // MT940: the statement's :60F:/:60M:; camt: Amt@Ccy
	BookingDate time.Time // UTC midnight; MT940 entry date (or the value date when absent)
	ValueDate   time.Time // UTC midnight; zero when a camt entry has no ValDt
	Amount      string    // positive decimal with a dot, decimals as written: "127.50", "10", "474.4"
	// Credit is true when money came into the account holder's account, so
	// MT940 RC (reversed credit) is a debit and RD a credit; camt CdtDbtInd
	// already states the direction of the booking.
	Credit   bool
	Reversal bool // MT940 RC/RD; camt RvslInd

	// Reference is the first of: end-to-end reference (MT940 /EREF/,
	// EREF+, ABN KENMERK; camt EndToEndId), camt creditor reference, TxId,
	// MT940 customer reference, bank reference (MT940 after "//"; camt
	// AcctSvcrRef, NtryRef) that is not a placeholder such as NONREF.
	Reference           string
	Counterparty        string // the other party's name, whitespace collapsed
	CounterpartyAccount string // an IBAN without spaces, else as written
	CounterpartyBIC     string
	Memo                string // remittance text, whitespace collapsed
	TxCode              string // MT940 "NTRF"; camt "PMNT/RCDT/AUTT" or the proprietary code

	Raw     []Field // everything the bank wrote for this entry, in file order
	Problem string  // why the entry could not be read fully; "" when it could
}

// Field is one raw value as the bank wrote it: an MT940 tag (":61:") or a
// camt element path relative to Ntry ("Amt@Ccy", "NtryDtls/TxDtls/Refs/EndToEndId").
type Field struct{ Name, Value string }

// FormatError is a file that is not the format at all or breaks its
// structure beyond one entry. Line is 1-based.
type FormatError struct {
	Format string // "mt940" or "camt053"
	Line   int
	Err    error
}

func (e *FormatError) Error() string {
	return fmt.Sprintf("%s: line %d: %v", e.Format, e.Line, e.Err)
}

func (e *FormatError) Unwrap() error { return e.Err }

const (
	formatMT940   = "mt940"
	formatCAMT053 = "camt053"
)

var (
	utf8BOM = []byte("\xef\xbb\xbf")
	// First lines that only MT940 exports start with: legacy ING
	// ("0000 01INGBNL2AXXXX00001"), Rabobank (":940:"), ABN AMRO (a BIC
	// followed by "940").
	legacyHeaderRe = regexp.MustCompile(`^(0000 \d\d[A-Z0-9]{8}|:940:)`)
	bicRe          = regexp.MustCompile(`^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$`)
	tagLineRe      = regexp.MustCompile(`^:\d\d[A-Z]?:`)
)

// Sniff tells the format from the first bytes of a file: "mt940", "camt053"
// or "" (neither). A few hundred bytes are enough.
func Sniff(head []byte) string {
	head = bytes.TrimPrefix(head, utf8BOM)
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	if bytes.HasPrefix(trimmed, []byte("<")) {
		if sniffCAMT(trimmed) {
			return formatCAMT053
		}
		return ""
	}
	if sniffMT940(trimmed) {
		return formatMT940
	}
	return ""
}

// sniffCAMT wants a root Document in a camt.053 namespace, or in none with
// BkToCstmrStmt as its first child.
func sniffCAMT(head []byte) bool {
	d := newXMLDecoder(bytes.NewReader(head))
	sawRoot := false
	for {
		tok, err := d.Token()
		if err != nil {
			return false // not XML, or the head ends before we know
		}
		se, ok := tok.(xml.StartElement)
		switch {
		case !ok:
		case sawRoot:
			return se.Name.Local == "BkToCstmrStmt"
		case se.Name.Local != "Document" || strings.Contains(se.Name.Space, "camt.") && !strings.Contains(se.Name.Space, "camt.053"):
			return false // another camt message (052, 054, …) or not camt at all
		case strings.Contains(se.Name.Space, "camt.053"):
			return true
		default:
			sawRoot = true
		}
	}
}

func sniffMT940(head []byte) bool {
	var lines []string
	for _, l := range strings.Split(string(head), "\n") {
		if l = strings.TrimRight(l, " \t\r"); l != "" && len(lines) < 2 {
			lines = append(lines, l)
		}
	}
	switch {
	case len(lines) == 0:
		return false
	case strings.HasPrefix(lines[0], "{1:"):
		// The application header names the message type: {2:O940… or {2:I940….
		if i := bytes.Index(head, []byte("{2:")); i >= 0 && len(head) >= i+7 {
			return string(head[i+4:i+7]) == "940"
		}
		return bytes.Contains(head, []byte(":20:"))
	case legacyHeaderRe.MatchString(lines[0]):
		return true
	case len(lines) == 1:
		return strings.HasPrefix(lines[0], ":20:")
	case bicRe.MatchString(lines[0]) && strings.HasPrefix(lines[1], "940"):
		return true
	}
	// Otherwise the file starts with :20: and another tag follows.
	return strings.HasPrefix(lines[0], ":20:") && tagLineRe.MatchString(lines[1])
}

// newXMLDecoder is encoding/xml with the declared charsets banks use
// (ISO-8859-1, windows-1252, …) besides UTF-8.
func newXMLDecoder(r io.Reader) *xml.Decoder {
	d := xml.NewDecoder(r)
	d.CharsetReader = func(label string, input io.Reader) (io.Reader, error) {
		enc, err := htmlindex.Get(label)
		if err != nil {
			return nil, fmt.Errorf("unsupported XML encoding %q: %w", label, err)
		}
		return enc.NewDecoder().Reader(input), nil
	}
	return d
}

// Shared helpers for both formats.

var (
	ibanRe          = regexp.MustCompile(`^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$`)
	camtAmountRe    = regexp.MustCompile(`^\d+(\.\d+)?$`)
	placeholderRefs = map[string]bool{"": true, "NONREF": true, "NOTPROVIDED": true, "NOT PROVIDED": true}
)

// clean collapses runs of whitespace (padding, TABs, line breaks) into one
// space and drops soft hyphens, which only mark where a word may break.
func clean(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00ad", "")), " ")
}

// normAccount writes an IBAN without spaces; other account forms stay as written.
func normAccount(s string) string {
	s = strings.TrimSpace(s)
	if compact := strings.ToUpper(strings.Join(strings.Fields(s), "")); ibanRe.MatchString(compact) {
		return compact
	}
	return s
}

// firstRef returns the first reference that is not a placeholder.
func firstRef(refs ...string) string {
	for _, r := range refs {
		r = clean(r)
		if !placeholderRefs[strings.ToUpper(r)] {
			return r
		}
	}
	return ""
}

func utcDate(y int, m time.Month, d int) (time.Time, bool) {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || t.Month() != m || t.Day() != d {
		return time.Time{}, false // time.Date would roll 30 February into March
	}
	return t, true
}
