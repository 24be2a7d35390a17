package ingest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// layout says where each field comes from in one sheet.
type layout struct {
	p         *Profile
	header    []string         // one unique name per column, for raw
	cols      map[string][]int // field -> columns, joined with a space
	ethiopian bool             // dates are in the Ethiopian calendar
	headerCur string           // currency named in the amount's header ("Amount USD")
	dataRow   bool             // the matching row is data (a profile without header)
}

// mapped counts the columns the layout reads.
func (l *layout) mapped() int {
	n := 0
	for _, c := range l.cols {
		n += len(c)
	}
	return n
}

// headerKey folds a header for comparison: case, diacritics, punctuation.
func headerKey(s string) string {
	folded, _, err := transform.String(transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	if err != nil {
		folded = s
	}
	return strings.Join(strings.FieldsFunc(strings.ToLower(folded), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '#'
	}), " ")
}

var currencyInHeader = regexp.MustCompile(`(?:^| )([a-z]{3})$`)

// detect returns the layout that row (a sheet's row, read as a header)
// gives, trying the profiles first and then the header synonyms.
func detect(row []string, profiles []*Profile, autoKind string, allowAuto bool) (*layout, bool) {
	keys := make([]string, len(row))
	pos := map[string]int{}
	for i, c := range row {
		keys[i] = headerKey(c)
		if _, dup := pos[keys[i]]; !dup && keys[i] != "" {
			pos[keys[i]] = i
		}
	}
	for _, p := range profiles {
		if !p.hasHeader() {
			continue
		}
		matched := true
		for _, m := range p.Match {
			if _, ok := pos[headerKey(m)]; !ok {
				matched = false
				break
			}
		}
		if !matched {
			continue
		}
		l := &layout{p: p, header: uniqueHeaders(row), cols: map[string][]int{}}
		for field, headers := range p.Columns {
			for _, h := range headers {
				if i, ok := pos[headerKey(h)]; ok {
					l.cols[field] = append(l.cols[field], i)
				}
			}
		}
		// A status column the profile does not name still says which
		// transfers were cancelled.
		if len(p.Columns["status"]) == 0 {
			for i, k := range keys {
				if f, ok := synonymIndex[k]; ok && f == "status" {
					l.cols["status"] = []int{i}
					break
				}
			}
		}
		l.hints(keys)
		return l, true
	}
	for _, p := range profiles {
		if !p.hasHeader() && headerlessMatch(p, row) {
			l := &layout{p: p, header: positionHeaders(len(row)), cols: map[string][]int{}, dataRow: true}
			for field, positions := range p.Columns {
				for _, h := range positions {
					n, _ := strconv.Atoi(h)
					l.cols[field] = append(l.cols[field], n-1)
				}
			}
			return l, true
		}
	}
	if !allowAuto {
		return nil, false
	}
	return autoLayout(row, keys, autoKind)
}

// hints reads what headers say about their values: "Amount USD" names the
// currency, "Date (E.C.)" or "ዓ.ም" the Ethiopian calendar.
func (l *layout) hints(keys []string) {
	for _, f := range []string{"amount", "credit_amount", "debit_amount"} {
		if cols := l.cols[f]; len(cols) == 1 && l.headerCur == "" {
			if m := currencyInHeader.FindStringSubmatch(keys[cols[0]]); m != nil {
				if code, ok := currencyCode(strings.ToUpper(m[1])); ok && len(m[1]) == 3 {
					l.headerCur = code
				}
			}
		}
	}
	l.ethiopian = l.p.Calendar == "ethiopian"
	for _, c := range l.cols["occurred_at"] {
		k := keys[c]
		if strings.Contains(k, "e c") || strings.HasSuffix(k, " ec") || strings.Contains(k, "ዓ ም") ||
			strings.Contains(k, "ethiopian") || strings.Contains(k, "ዓም") {
			l.ethiopian = true
		}
	}
}

// headerlessMatch checks a profile without a header against a data row:
// enough columns, and a date and an amount where the profile says.
func headerlessMatch(p *Profile, row []string) bool {
	maxPos := 0
	for _, positions := range p.Columns {
		for _, h := range positions {
			n, err := strconv.Atoi(h)
			if err != nil || n < 1 {
				return false
			}
			maxPos = max(maxPos, n)
		}
	}
	if len(row) < maxPos {
		return false
	}
	cell := func(field string) string {
		if len(p.Columns[field]) == 0 {
			return ""
		}
		n, _ := strconv.Atoi(p.Columns[field][0])
		return row[n-1]
	}
	if _, err := parseDateLayouts(cell("occurred_at"), p.DateFormats); err != nil {
		return false
	}
	amount := cell("amount")
	if p.splitAmount() {
		amount = cell("debit_amount") + cell("credit_amount")
	}
	_, _, err := parseAmount(amount, p.Decimal == ",")
	return err == nil
}

func positionHeaders(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = strconv.Itoa(i + 1)
	}
	return out
}

// autoLayout recognises a header from synonyms in the languages of the
// field: it needs a date, an amount and at least one party.
func autoLayout(row, keys []string, kind string) (*layout, bool) {
	cols := map[string][]int{}
	for i, k := range keys {
		if k == "" {
			continue
		}
		field, ok := synonymField(k)
		if !ok {
			continue
		}
		cols[field] = append(cols[field], i)
	}
	// Joined parts: first and last names, date and time.
	for _, side := range []string{"sender", "beneficiary"} {
		if len(cols[side+"_name"]) == 0 && len(cols[side+"_first_name"]) > 0 {
			cols[side+"_name"] = append(cols[side+"_first_name"], cols[side+"_last_name"]...)
		}
		delete(cols, side+"_first_name")
		delete(cols, side+"_last_name")
	}
	if len(cols["occurred_at"]) > 0 && len(cols["time"]) > 0 {
		cols["occurred_at"] = append(cols["occurred_at"][:1], cols["time"][0])
	}
	delete(cols, "time")
	for field, c := range cols {
		if field != "sender_name" && field != "beneficiary_name" && field != "occurred_at" && len(c) > 1 {
			cols[field] = c[:1] // the first column of that meaning wins
		}
	}
	hasParty := len(cols["sender_name"]) > 0 || len(cols["beneficiary_name"]) > 0 ||
		len(cols["counterparty_name"]) > 0 || len(cols["counterparty_account"]) > 0
	// A statement with a debit and a credit column is one even without
	// a party column: its holder is the statement's, the other side often
	// only in the description.
	split := len(cols["debit_amount"]) > 0 && len(cols["credit_amount"]) > 0 && len(cols["amount"]) == 0
	if !split {
		delete(cols, "debit_amount")
		delete(cols, "credit_amount")
	}
	if len(cols["occurred_at"]) == 0 || (len(cols["amount"]) == 0 && !split) || (!hasParty && !split) {
		return nil, false
	}
	if kind == "" || kind == "auto" {
		kind = guessKind(cols)
	}
	p := &Profile{Name: "auto", Kind: kind, Columns: map[string]Columns{}}
	p.CreditValues, p.DebitValues = defaultCredit, defaultDebit
	for field, c := range cols {
		for _, i := range c {
			p.Columns[field] = append(p.Columns[field], row[i])
		}
	}
	l := &layout{p: p, header: uniqueHeaders(row), cols: cols}
	l.hints(keys)
	return l, true
}

var (
	defaultCredit = []string{"C", "CR", "CRDT", "Credit", "Bij", "+"}
	defaultDebit  = []string{"D", "DR", "DBIT", "Debit", "Af", "-"}
)

// guessKind says what an auto-detected layout is when --kind does not:
// an account holder's view is a bank statement, a broker column a ledger.
func guessKind(cols map[string][]int) string {
	switch {
	case len(cols["account"]) > 0 || len(cols["counterparty_name"]) > 0 || len(cols["counterparty_account"]) > 0 ||
		len(cols["direction"]) > 0 || len(cols["debit_amount"]) > 0:
		return "bank"
	case len(cols["sending_agent"]) > 0 && len(cols["paying_agent"]) == 0:
		return "hawala"
	}
	return "remittance"
}

func synonymField(key string) (string, bool) {
	if f, ok := synonymIndex[key]; ok {
		return f, true
	}
	// "Amount USD", "Bedrag (EUR)": the amount, with a currency.
	if m := currencyInHeader.FindStringSubmatch(key); m != nil {
		if f, ok := synonymIndex[strings.TrimSpace(strings.TrimSuffix(key, m[1]))]; ok && (f == "amount" || f == "debit_amount" || f == "credit_amount") {
			return f, true
		}
	}
	// "Date (E.C.)", "ቀን (ዓ.ም)": a date in the Ethiopian calendar.
	for _, suffix := range []string{" e c", " ec", " ዓ ም", " ዓም"} {
		if f, ok := synonymIndex[strings.TrimSuffix(key, suffix)]; ok && f == "occurred_at" && key != strings.TrimSuffix(key, suffix) {
			return f, true
		}
	}
	return "", false
}

var synonymIndex = func() map[string]string {
	idx := map[string]string{}
	for field, words := range synonyms {
		for _, w := range words {
			k := headerKey(w)
			if prev, dup := idx[k]; dup {
				panic(fmt.Sprintf("header synonym %q means both %s and %s", w, prev, field))
			}
			idx[k] = field
		}
	}
	return idx
}()

// uniqueHeaders names every column once, so that raw keeps every cell.
func uniqueHeaders(cells []string) []string {
	out := make([]string, len(cells))
	seen := map[string]int{}
	for i, c := range cells {
		h := strings.TrimSpace(c)
		if h == "" {
			h = fmt.Sprintf("column %d", i+1)
		}
		if seen[h]++; seen[h] > 1 {
			h = fmt.Sprintf("%s (%d)", h, seen[h])
		}
		out[i] = h
	}
	return out
}
