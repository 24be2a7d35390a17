package ingest

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// textFields are the fields loaded as their text, as field reads it.
var textFields = [...]string{"reference", "sender_city", "beneficiary_city", "sending_agent", "paying_agent", "memo"}

// mapped is one row as the mapper reads it: its date, amount and
// currency, its parties as written (normalised once per distinct party,
// see partyTable), its text fields, and the reasons it cannot be loaded.
type mapped struct {
	row            int
	when           time.Time
	amount, cur    string
	sender, ben    party
	text           [len(textFields)]string
	raw            string // the row as JSON, when the cells alone do not give it
	reasons, flags []string
}

// party is one side of a transaction as the source wrote it.
type party struct {
	name, phone, account, country, city string
}

// mapper turns one source row into canonical values, or into the reasons
// it cannot, each naming the column and the problem. Values that need Go
// (phones, names, countries) are normalised once per distinct value.
type mapper struct {
	l            *layout
	cols         [nRowFields][]int            // the columns of each field row reads
	extract      [nRowFields][]*regexp.Regexp // patterns for a field without columns
	dates        dateReader
	decimalComma bool
	serial       bool
	split        bool // the amount is in a debit or a credit column
	credit       map[string]bool
	debit        map[string]bool
	phones       *memo
	keys         *memo
	countries    *memo
	accounts     *memo
}

func newMapper(l *layout, serial, date1904 bool) *mapper {
	m := &mapper{
		l:      l,
		serial: serial,
		dates: dateReader{layouts: l.p.DateFormats, order: l.p.DateOrder, serial: serial,
			date1904: date1904, ethiopian: l.ethiopian},
		decimalComma: l.p.Decimal == ",",
		split:        l.p.splitAmount(),
		credit:       map[string]bool{},
		debit:        map[string]bool{},
		phones:       &memo{},
		keys:         &memo{},
		countries:    &memo{},
		accounts:     &memo{},
	}
	for f, name := range rowFields {
		m.cols[f], m.extract[f] = l.cols[name], l.p.extract[name]
	}
	for _, v := range l.p.CreditValues {
		m.credit[strings.ToLower(v)] = true
	}
	for _, v := range l.p.DebitValues {
		m.debit[strings.ToLower(v)] = true
	}
	return m
}

// memo remembers normalised values: distinct parties still repeat phones,
// names and countries, and parsing a phone costs microseconds. Each worker
// that normalises parties has its own (see stageFile.loadParties): with
// nearly every value new, shared ones had the workers queue for the lock.
type memo struct {
	mu sync.RWMutex
	m  map[string]memoEntry
}

type memoEntry struct {
	v  string
	ok bool
}

// memoLimit bounds each memo; past it values are computed every time.
const memoLimit = 1 << 20

// get returns compute(a, b), remembered under key. compute is a plain
// function of its arguments, so that no closure is made per lookup.
func (m *memo) get(key string, compute func(a, b string) (string, bool), a, b string) (string, bool) {
	m.mu.RLock()
	e, found := m.m[key]
	m.mu.RUnlock()
	if found {
		return e.v, e.ok
	}
	v, ok := compute(a, b)
	m.mu.Lock()
	if m.m == nil {
		m.m = make(map[string]memoEntry)
	}
	if len(m.m) < memoLimit {
		m.m[key] = memoEntry{v, ok}
	}
	m.mu.Unlock()
	return v, ok
}

// The fields row reads, by number (see rowFields): looked up once per
// layout, not once per cell.
const (
	fOccurredAt = iota
	fAmount
	fCurrency
	fSenderName
	fSenderPhone
	fSenderAccount
	fSenderCountry
	fBenName
	fBenPhone
	fBenAccount
	fBenCountry
	fAccountName
	fAccount
	fCounterpartyName
	fCounterpartyAccount
	fCounterpartyPhone
	fDirection
	fDebitAmount
	fCreditAmount
	fStatus
	fText      // then textFields
	nRowFields = fText + len(textFields)
)

var rowFields = func() (f [nRowFields]string) {
	copy(f[:], []string{"occurred_at", "amount", "currency",
		"sender_name", "sender_phone", "sender_account", "sender_country",
		"beneficiary_name", "beneficiary_phone", "beneficiary_account", "beneficiary_country",
		"account_name", "account", "counterparty_name", "counterparty_account", "counterparty_phone", "direction",
		"debit_amount", "credit_amount", "status"})
	copy(f[fText:], textFields[:])
	return f
}()

// get is field for a field row reads.
func (m *mapper) get(cells []string, f int) string {
	return m.fieldOf(cells, m.cols[f], m.extract[f])
}

// field joins the cells a field maps to, with spaces collapsed; a field
// without a column of its own may be extracted from the memo.
func (m *mapper) field(cells []string, name string) string {
	return m.fieldOf(cells, m.l.cols[name], m.l.p.extract[name])
}

func (m *mapper) fieldOf(cells []string, cols []int, extract []*regexp.Regexp) string {
	switch len(cols) {
	case 0:
		for _, re := range extract {
			if sm := re.FindStringSubmatch(m.rawField(cells, "memo")); sm != nil {
				return collapse(strings.TrimSpace(sm[1]))
			}
		}
		return ""
	case 1:
		if cols[0] < len(cells) {
			return collapse(cells[cols[0]])
		}
		return ""
	}
	parts := make([]string, 0, len(cols))
	for _, c := range cols {
		if c < len(cells) {
			if v := collapse(cells[c]); v != "" {
				parts = append(parts, v)
			}
		}
	}
	return strings.Join(parts, " ")
}

// rawField joins a field's cells without collapsing spaces, for extraction
// patterns that rely on the source's column alignment.
func (m *mapper) rawField(cells []string, name string) string {
	var parts []string
	for _, c := range m.l.cols[name] {
		if c < len(cells) {
			parts = append(parts, cells[c])
		}
	}
	return strings.Join(parts, " ")
}

// collapse trims a cell and folds runs of white space into one space. Most
// cells need nothing, and are returned without a copy.
func collapse(s string) string {
	if len(s) == 0 || s[0] != ' ' && s[len(s)-1] != ' ' && foldFree(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// foldFree reports a text without two spaces in a row, control white space
// or the lead bytes of a multi-byte space (NBSP, U+2000…, U+3000). It skips
// eight bytes at a time where none is a space, below it or above 0x7F.
func foldFree(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			if x := load64(s, i); ((x-ones*0x21)&^x|x)&highs == 0 {
				i += 8
				continue
			}
		}
		for end := min(i+8, len(s)); i < end; i++ {
			switch c := s[i]; {
			case c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0xC2 || c == 0xE2 || c == 0xE3:
				return false
			case c == ' ' && i+1 < len(s) && s[i+1] == ' ':
				return false
			}
		}
	}
	return true
}

// load64 reads eight bytes of s as one little-endian word.
func load64(s string, i int) uint64 {
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

func (m *mapper) header(field string) string {
	cols := m.l.cols[field]
	names := make([]string, 0, len(cols))
	for _, c := range cols {
		if c < len(m.l.header) {
			names = append(names, m.l.header[c])
		}
	}
	return strings.Join(names, " + ")
}

// row maps one data row.
func (m *mapper) row(rowNum int, cells []string) mapped {
	out := mapped{row: rowNum}
	if len(cells) > len(m.l.header) {
		// Cells beyond the header keep their place in raw.
		out.raw = rawJSON(m.l.header, cells)
	}
	when, reason := m.when(m.get(cells, fOccurredAt))
	if reason != "" {
		out.reasons = append(out.reasons, reason)
	}
	out.when = when
	amountText, way := m.get(cells, fAmount), 0
	if m.split {
		var reason string
		if amountText, way, reason = m.debitCredit(cells); reason != "" {
			out.reasons = append(out.reasons, reason)
		}
	}
	amount, cur, reasons, flags := m.money(amountText, m.get(cells, fCurrency))
	out.reasons = append(out.reasons, reasons...)
	out.cur, out.flags = cur, flags
	if s := m.get(cells, fStatus); s != "" && notCompleted(s) {
		// load.sql finds this text to leave the row out of sums.
		out.flags = append(out.flags, fmt.Sprintf("status %q: the money may not have moved", s))
	}

	// Cities are loaded as text, not with their party.
	out.sender = party{name: m.get(cells, fSenderName), phone: m.get(cells, fSenderPhone),
		account: m.get(cells, fSenderAccount), country: m.get(cells, fSenderCountry)}
	out.ben = party{name: m.get(cells, fBenName), phone: m.get(cells, fBenPhone),
		account: m.get(cells, fBenAccount), country: m.get(cells, fBenCountry)}
	if m.l.p.Kind == "bank" {
		// The account holder pays on a debit and is paid on a credit.
		holder := party{name: m.get(cells, fAccountName), account: m.get(cells, fAccount)}
		other := party{name: m.get(cells, fCounterpartyName), account: m.get(cells, fCounterpartyAccount),
			phone: m.get(cells, fCounterpartyPhone)}
		credit := !strings.HasPrefix(amount, "-")
		if way != 0 {
			credit = way > 0
		} else if d := m.get(cells, fDirection); d != "" {
			switch k := strings.ToLower(d); {
			case m.credit[k]:
				credit = true
			case m.debit[k]:
				credit = false
			default:
				out.reasons = append(out.reasons, m.reason("direction", fmt.Sprintf("%q is neither credit (%s) nor debit (%s)", d,
					strings.Join(m.l.p.CreditValues, ", "), strings.Join(m.l.p.DebitValues, ", "))))
			}
		}
		amount = strings.TrimPrefix(amount, "-")
		if credit {
			out.sender, out.ben = merge(out.sender, other), merge(out.ben, holder)
		} else {
			out.sender, out.ben = merge(out.sender, holder), merge(out.ben, other)
		}
	}
	out.amount = amount
	for i := range textFields {
		out.text[i] = m.get(cells, fText+i)
	}
	return out
}

// notCompleted reports a status saying a transfer did not, or not yet,
// go through: an export lists cancelled and refunded transfers beside the
// paid ones.
func notCompleted(status string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(status), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if stopped[w] {
			return true
		}
	}
	return false
}

var stopped = map[string]bool{
	"cancelled": true, "canceled": true, "cancel": true, "failed": true, "failure": true, "refunded": true, "refund": true,
	"reversed": true, "reversal": true, "rejected": true, "declined": true, "void": true, "voided": true, "expired": true,
	"pending": true, "returned": true, "recalled": true,
	"geannuleerd": true, "mislukt": true, "teruggestort": true, "annullato": true, "fallito": true, "rimborsato": true,
	"cancelado": true, "fallido": true, "rechazado": true, "reembolsado": true, "annulé": true, "annule": true, "échoué": true,
	"rembourse": true, "remboursé": true, "ملغى": true, "ملغاة": true, "فشل": true, "مرفوض": true, "ተሰርዟል": true,
}

// debitCredit reads a statement's amount from its debit or its credit
// column: the amount as written (its sign dropped, as the column gives the
// way), and +1 for a credit or -1 for a debit. When both columns are
// filled, a zero in one is no amount; both holding an amount, or neither
// column filled, is a reason.
func (m *mapper) debitCredit(cells []string) (amount string, way int, reason string) {
	debit, credit := m.get(cells, fDebitAmount), m.get(cells, fCreditAmount)
	if debit != "" && credit != "" {
		switch dSet, cSet := m.nonZero(debit), m.nonZero(credit); {
		case dSet && cSet:
			return "", 0, m.reason("debit_amount", fmt.Sprintf("%q, and %q under %q: an amount both ways", debit, credit, m.header("credit_amount")))
		case dSet:
			credit = ""
		default: // the credit, or two zeros
			debit = ""
		}
	}
	switch {
	case debit != "":
		return strings.TrimPrefix(debit, "-"), -1, ""
	case credit != "":
		return strings.TrimPrefix(credit, "-"), 1, ""
	}
	return "", 0, m.reason("debit_amount", fmt.Sprintf("no amount, nor under %q", m.header("credit_amount")))
}

// nonZero reports a cell holding an amount other than zero; a cell that is
// no amount counts as one, for money() to say so.
func (m *mapper) nonZero(text string) bool {
	v, _, err := parseAmount(text, m.decimalComma)
	return err != nil || strings.Trim(v, "-0.") != ""
}

// reason names the column a problem is in.
func (m *mapper) reason(field, problem string) string {
	return fmt.Sprintf("column %q: %s", m.header(field), problem)
}

// when reads a row's date, or says why it cannot.
func (m *mapper) when(text string) (time.Time, string) {
	t, err := m.dates.read(text)
	if err != nil {
		return t, m.reason("occurred_at", err.Error())
	}
	return t, ""
}

// money reads a row's amount and currency: the amount as a plain decimal,
// the currency's code, the problems that keep the row out (reasons) and
// what is worth a look (flags).
func (m *mapper) money(amountText, currencyText string) (amount, cur string, reasons, flags []string) {
	if m.serial {
		if n, ok := cellNumber(amountText); ok {
			amountText = n
		}
	}
	amount, textCurrency, err := parseAmount(amountText, m.decimalComma)
	if err != nil {
		reasons = append(reasons, m.reason("amount", err.Error()))
	}
	cur = m.l.headerCur
	if currencyText != "" {
		code, ok := currencyCode(currencyText)
		if !ok {
			reasons = append(reasons, m.reason("currency", fmt.Sprintf("%q is not a currency", currencyText)))
		}
		cur = code
	}
	switch {
	case cur == "" && textCurrency != "":
		cur = textCurrency
	case cur == "":
		cur = m.l.p.Currency
	case textCurrency != "" && textCurrency != cur:
		reasons = append(reasons, m.reason("amount", fmt.Sprintf("says %s but the row's currency is %s", textCurrency, cur)))
	}
	if cur == "" {
		reasons = append(reasons, "no currency: the row names none and the layout sets none (give one in a profile)")
	}
	if m.l.p.Kind != "bank" && strings.HasPrefix(amount, "-") {
		flags = append(flags, "negative amount (a refund or reversal?)")
	}
	return amount, cur, reasons, flags
}

// side normalises one party: its country to ISO alpha-2, its phone to
// E.164 (the country is the default region), its account and its name's
// matching key. What cannot be normalised keeps its text and is flagged.
func (m *mapper) side(p party, side string) (out party, key string, flags []string) {
	out = p
	if p.country != "" {
		code, ok := m.countries.get(p.country, countryOf, p.country, "")
		if ok {
			out.country = code
		} else {
			flags = append(flags, fmt.Sprintf("%s_country %q not recognised", side, p.country))
		}
	}
	if p.phone != "" {
		region := out.country
		if len(region) != 2 {
			region = m.l.p.Country
		}
		e164, ok := m.phones.get(region+"|"+p.phone, phoneE164, p.phone, region)
		if !ok {
			flags = append(flags, fmt.Sprintf("%s_phone %q is not a valid number", side, p.phone))
		}
		out.phone = e164
	}
	if p.account != "" {
		out.account, _ = m.accounts.get(p.account, accountOf, p.account, "")
	}
	if p.name != "" {
		key, _ = m.keys.get(p.name, nameKeyOf, p.name, "")
	}
	return out, key, flags
}

// merge fills a side's empty fields from the account-holder or
// counterparty columns.
func merge(a, b party) party {
	if a.name == "" {
		a.name = b.name
	}
	if a.account == "" {
		a.account = b.account
	}
	if a.phone == "" {
		a.phone = b.phone
	}
	return a
}

// rawJSON is the row as the source has it: header -> cell text, in column
// order, with cells beyond the header kept under their position.
func rawJSON(header, cells []string) string {
	b := make([]byte, 0, 64*len(cells))
	b = append(b, '{')
	n := max(len(header), len(cells))
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		if i < len(header) {
			b = appendJSONString(b, header[i])
		} else {
			b = appendJSONString(b, fmt.Sprintf("column %d", i+1))
		}
		b = append(b, ':')
		cell := ""
		if i < len(cells) {
			cell = cells[i]
		}
		b = appendJSONString(b, cell)
	}
	return string(append(b, '}'))
}

func jsonList(items []string) string {
	b := []byte{'['}
	for i, s := range items {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return string(append(b, ']'))
}

const hexDigits = "0123456789abcdef"

// appendJSONString writes s as a JSON string; invalid UTF-8 becomes U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, "\ufffd"...)
			i++
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
