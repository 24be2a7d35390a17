package ingest

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Stage columns: every row of every reader becomes one line of these.
const (
	colSheet = iota
	colRow
	colOK
	colReasons
	colFlags
	colOccurredAt
	colAmount
	colCurrency
	colReference
	colSenderName
	colSenderKey
	colSenderPhone
	colSenderAccount
	colSenderCountry
	colSenderCity
	colBenName
	colBenKey
	colBenPhone
	colBenAccount
	colBenCountry
	colBenCity
	colSendingAgent
	colPayingAgent
	colMemo
	colKind
	colRaw
	nStageCols
)

// stageRow is one row ready for the stage file; "" is NULL.
type stageRow [nStageCols]string

// party is one side of a transaction as the source wrote it.
type party struct {
	name, phone, account, country, city string
}

// mapper turns one source row into canonical values, or into the reasons
// it cannot, each naming the column and the problem. Values that need Go
// (phones, names, countries) are normalised once per distinct value.
type mapper struct {
	l            *layout
	dates        dateReader
	decimalComma bool
	serial       bool
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
		credit:       map[string]bool{},
		debit:        map[string]bool{},
		phones:       &memo{},
		keys:         &memo{},
		countries:    &memo{},
		accounts:     &memo{},
	}
	for _, v := range l.p.CreditValues {
		m.credit[strings.ToLower(v)] = true
	}
	for _, v := range l.p.DebitValues {
		m.debit[strings.ToLower(v)] = true
	}
	return m
}

// memo remembers normalised values, shared by the workers of a sheet:
// sources repeat the same senders and collectors, and parsing a phone
// costs microseconds. (sync.Map was measured slower here: most keys are
// new when first seen, and its promotions copy the map again and again.)
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

// field joins the cells a field maps to, with spaces collapsed; a field
// without a column of its own may be extracted from the memo.
func (m *mapper) field(cells []string, name string) string {
	cols := m.l.cols[name]
	switch len(cols) {
	case 0:
		for _, re := range m.l.p.extract[name] {
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
	clean := len(s) == 0 || (s[0] != ' ' && s[len(s)-1] != ' ')
	for i := 0; clean && i < len(s); i++ {
		switch c := s[i]; {
		case c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0xC2 || c == 0xE2 || c == 0xE3:
			clean = false // control white space, or a multi-byte space (NBSP, U+2000…, U+3000)
		case c == ' ' && i+1 < len(s) && s[i+1] == ' ':
			clean = false
		}
	}
	if clean {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
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
func (m *mapper) row(sheet string, rowNum int, cells []string) stageRow {
	var out stageRow
	out[colSheet] = sheet
	out[colRow] = strconv.Itoa(rowNum)
	out[colKind] = m.l.p.Kind
	if len(cells) > len(m.l.header) {
		// Cells beyond the header keep their place in raw.
		out[colRaw] = rawJSON(m.l.header, cells)
	}
	var reasons, flags []string
	bad := func(field, problem string) {
		reasons = append(reasons, fmt.Sprintf("column %q: %s", m.header(field), problem))
	}

	when, err := m.dates.read(m.field(cells, "occurred_at"))
	if err != nil {
		bad("occurred_at", err.Error())
	} else {
		out[colOccurredAt] = when.Format("2006-01-02 15:04:05")
	}

	amountText := m.field(cells, "amount")
	if m.serial {
		if n, ok := cellNumber(amountText); ok {
			amountText = n
		}
	}
	amount, textCurrency, err := parseAmount(amountText, m.decimalComma)
	if err != nil {
		bad("amount", err.Error())
	}

	cur := m.l.headerCur
	if c := m.field(cells, "currency"); c != "" {
		code, ok := currencyCode(c)
		if !ok {
			bad("currency", fmt.Sprintf("%q is not a currency", c))
		}
		cur = code
	}
	switch {
	case cur == "" && textCurrency != "":
		cur = textCurrency
	case cur == "":
		cur = m.l.p.Currency
	case textCurrency != "" && textCurrency != cur:
		bad("amount", fmt.Sprintf("says %s but the row's currency is %s", textCurrency, cur))
	}
	if cur == "" {
		reasons = append(reasons, "no currency: the row names none and the layout sets none (give one in a profile)")
	}
	out[colCurrency] = cur

	sender := party{m.field(cells, "sender_name"), m.field(cells, "sender_phone"), m.field(cells, "sender_account"),
		m.field(cells, "sender_country"), m.field(cells, "sender_city")}
	ben := party{m.field(cells, "beneficiary_name"), m.field(cells, "beneficiary_phone"), m.field(cells, "beneficiary_account"),
		m.field(cells, "beneficiary_country"), m.field(cells, "beneficiary_city")}
	if m.l.p.Kind == "bank" {
		// The account holder pays on a debit and is paid on a credit.
		holder := party{name: m.field(cells, "account_name"), account: m.field(cells, "account")}
		other := party{name: m.field(cells, "counterparty_name"), account: m.field(cells, "counterparty_account")}
		credit := !strings.HasPrefix(amount, "-")
		if d := m.field(cells, "direction"); d != "" {
			switch k := strings.ToLower(d); {
			case m.credit[k]:
				credit = true
			case m.debit[k]:
				credit = false
			default:
				bad("direction", fmt.Sprintf("%q is neither credit (%s) nor debit (%s)", d,
					strings.Join(m.l.p.CreditValues, ", "), strings.Join(m.l.p.DebitValues, ", ")))
			}
		}
		amount = strings.TrimPrefix(amount, "-")
		if credit {
			sender, ben = merge(sender, other), merge(ben, holder)
		} else {
			sender, ben = merge(sender, holder), merge(ben, other)
		}
	} else if strings.HasPrefix(amount, "-") {
		flags = append(flags, "negative amount (a refund or reversal?)")
	}
	out[colAmount] = amount

	for i, p := range []party{sender, ben} {
		base, side := colSenderName, "sender"
		if i == 1 {
			base, side = colBenName, "beneficiary"
		}
		country := p.country
		if country != "" {
			code, ok := m.countries.get(country, countryOf, country, "")
			if ok {
				country = code
			} else {
				flags = append(flags, fmt.Sprintf("%s_country %q not recognised", side, p.country))
			}
		}
		phone := p.phone
		if phone != "" {
			region := country
			if len(region) != 2 {
				region = m.l.p.Country
			}
			e164, ok := m.phones.get(region+"|"+phone, phoneE164, phone, region)
			if !ok {
				flags = append(flags, fmt.Sprintf("%s_phone %q is not a valid number", side, phone))
			}
			phone = e164
		}
		account := p.account
		if account != "" {
			account, _ = m.accounts.get(account, accountOf, account, "")
		}
		key := ""
		if p.name != "" {
			key, _ = m.keys.get(p.name, nameKeyOf, p.name, "")
		}
		out[base], out[base+1], out[base+2], out[base+3], out[base+4], out[base+5] = p.name, key, phone, account, country, p.city
	}
	out[colReference] = m.field(cells, "reference")
	out[colSendingAgent] = m.field(cells, "sending_agent")
	out[colPayingAgent] = m.field(cells, "paying_agent")
	out[colMemo] = m.field(cells, "memo")

	if len(reasons) > 0 {
		out[colOK] = "0"
		out[colReasons] = strings.Join(reasons, "; ")
		if out[colRaw] == "" {
			out[colRaw] = rawJSON(m.l.header, cells)
		}
	} else {
		out[colOK] = "1"
	}
	if len(flags) > 0 {
		out[colFlags] = jsonList(flags)
	}
	return out
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
