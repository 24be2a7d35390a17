package bankfmt

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// block is one tag of a statement with its continuation lines.
type block struct {
	tag   string   // "20", "61", "86", "60F", …
	lines []string // value after the tag, then continuation lines, as written
	line  int
}

// value is the block as written, without trailing blanks (ASN pads :86:
// lines to 65 columns).
func (b block) value() string {
	return strings.TrimRight(strings.Join(trimLines(b.lines), "\n"), "\n")
}

func trimLines(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.TrimRight(l, " \t")
	}
	return out
}

var (
	tagRe = regexp.MustCompile(`^:(\d\d[A-Z]?):(.*)$`)
	// trailerRe ends a statement: "-", "-}" (SWIFT envelope, maybe followed
	// by {5:…} and the next envelope) or legacy ING "-XXX". A :86: line such
	// as "-2014 Omschrijving/" (ING wraps there) is not a trailer.
	trailerRe  = regexp.MustCompile(`^-(X*|\}.*)$`)
	envelopeRe = regexp.MustCompile(`^\{[1-5]:`)
)

// ReadMT940 parses every statement in r and returns all entries in file
// order. On a *FormatError it also returns the entries read before it.
func ReadMT940(r io.Reader) ([]Entry, error) {
	br := bufio.NewReader(r)
	var (
		entries    []Entry
		blocks     []block
		lineNo     int
		envelope   int // line of an open {4: block, 0 when none
		statements int
	)
	flush := func() error {
		if len(blocks) == 0 {
			return nil
		}
		es, err := readStatement(blocks)
		entries = append(entries, es...)
		blocks = blocks[:0]
		statements++
		return err
	}
	for {
		raw, readErr := br.ReadString('\n')
		if readErr != nil && readErr != io.EOF {
			return entries, fmt.Errorf("read mt940 line %d: %w", lineNo+1, readErr)
		}
		if raw == "" && readErr == io.EOF {
			break
		}
		lineNo++
		line := mtLine(raw, lineNo == 1)
		if envelopeRe.MatchString(line) {
			// Envelope headers ({1:}{2:}{3:}) carry no statement data; the
			// statement starts after "{4:", on this line or the next.
			i := strings.Index(line, "{4:")
			if i < 0 {
				continue
			}
			if err := flush(); err != nil {
				return entries, err
			}
			envelope, line = lineNo, line[i+3:]
		}
		if trailerRe.MatchString(strings.TrimRight(line, " \t")) {
			if err := flush(); err != nil {
				return entries, err
			}
			if strings.HasPrefix(line, "-}") {
				envelope = 0
				// Envelopes written back to back on one line: "-}{5:}{1:…}{4:".
				if i := strings.Index(line, "{4:"); i >= 0 {
					envelope, line = lineNo, line[i+3:]
				} else {
					continue
				}
			} else {
				continue
			}
		}
		if m := tagRe.FindStringSubmatch(line); m != nil {
			if m[1] == "20" && len(blocks) > 0 {
				// Rabobank starts the next statement without a "-" trailer.
				if err := flush(); err != nil {
					return entries, err
				}
			}
			blocks = append(blocks, block{tag: m[1], lines: []string{m[2]}, line: lineNo})
		} else if len(blocks) > 0 {
			last := &blocks[len(blocks)-1]
			last.lines = append(last.lines, line)
		}
		// Lines outside a statement are headers such as "940 00" or "ABNANL2A".
	}
	if err := flush(); err != nil {
		return entries, err
	}
	if envelope > 0 {
		return entries, &FormatError{Format: formatMT940, Line: envelope, Err: errors.New("SWIFT {4: block has no closing -}: file is truncated")}
	}
	if statements == 0 {
		return entries, &FormatError{Format: formatMT940, Line: 1, Err: errors.New("no statement found (no :20: tag)")}
	}
	return entries, nil
}

// mtLine strips the line end and reads a line that is not UTF-8 as
// Windows-1252, the usual charset of older bank exports.
func mtLine(raw string, first bool) string {
	if first {
		raw = strings.TrimPrefix(raw, "\ufeff")
	}
	if !utf8.ValidString(raw) {
		if s, err := charmap.Windows1252.NewDecoder().String(raw); err == nil {
			raw = s
		}
	}
	return strings.TrimRight(raw, "\r\n")
}

// readStatement turns the blocks of one statement into entries.
func readStatement(blocks []block) ([]Entry, error) {
	var (
		ref, account, seq, currency string
		header                      []Field
		hasRef                      bool
		entries                     []Entry
	)
	for _, b := range blocks {
		switch b.tag {
		case "20":
			ref, hasRef = strings.TrimSpace(b.lines[0]), true
		case "25":
			account = strings.TrimSpace(b.lines[0])
		case "28", "28C":
			seq = strings.TrimSpace(b.lines[0])
		case "60F", "60M":
			if v := b.lines[0]; currency == "" && len(v) >= 10 && currencyRe.MatchString(v[7:10]) {
				currency = v[7:10]
			}
		}
		if b.tag == "61" {
			break
		}
		header = append(header, Field{":" + b.tag + ":", b.value()})
	}
	if !hasRef {
		return nil, &FormatError{Format: formatMT940, Line: blocks[0].line, Err: errors.New("statement has no :20: reference")}
	}
	// ING appends the currency to the IBAN in :25: ("NL68INGB0000012345EUR").
	if c := currency; c != "" && strings.HasSuffix(account, c) && ibanRe.MatchString(strings.TrimSuffix(account, c)) {
		account = strings.TrimSuffix(account, c)
	}
	account = normAccount(account)

	for i, b := range blocks {
		if b.tag != "61" {
			continue
		}
		e := Entry{Line: b.line, Statement: ref, Sequence: seq, Account: account, Currency: currency}
		e.Raw = append(append([]Field(nil), header...), Field{":61:", b.value()})
		var problems []string
		if currency == "" {
			problems = append(problems, "statement has no :60F:/:60M: balance, so no currency")
		}
		custRef, bankRef, p := parse61(b.lines[0], &e)
		problems = append(problems, p...)
		var eref string
		if i+1 < len(blocks) && blocks[i+1].tag == "86" {
			info := blocks[i+1]
			e.Raw = append(e.Raw, Field{":86:", info.value()})
			eref = parse86(info.lines, &e)
		}
		// Rabobank writes the counterparty account on the line after :61:.
		if len(b.lines) > 1 && e.CounterpartyAccount == "" {
			if s := strings.TrimSpace(b.lines[1]); accountTokenRe.MatchString(s) {
				e.CounterpartyAccount = normAccount(s)
			}
		}
		e.Reference = firstRef(eref, customerRef(custRef), bankRef)
		e.Problem = strings.Join(problems, "; ")
		entries = append(entries, e)
	}
	return entries, nil
}

var (
	accountTokenRe = regexp.MustCompile(`^[A-Z0-9]{6,34}$`)
	currencyRe     = regexp.MustCompile(`^[A-Z]{3}$`)
)

// customerRef drops customer references that only point elsewhere:
// Rabobank's "EREF" (see /EREF/ in :86:) or a bare SEPA keyword ("KREF+").
func customerRef(s string) string {
	if s == "EREF" || (len(s) <= 5 && strings.HasSuffix(s, "+")) {
		return ""
	}
	return s
}

// parse61 reads a :61: value: value date YYMMDD, optional entry date MMDD,
// mark C/D/RC/RD, optional funds code, amount with decimal comma,
// transaction type, customer reference, "//" and bank reference. It fills
// e and returns the references and what could not be read.
func parse61(s string, e *Entry) (custRef, bankRef string, problems []string) {
	if len(s) < 6 || !allDigits(s[:6]) {
		return "", "", []string{fmt.Sprintf(":61: value date: want YYMMDD, got %.6q", s)}
	}
	vd, ok := yymmdd(s[:6])
	if !ok {
		problems = append(problems, fmt.Sprintf(":61: value date %q is not a date", s[:6]))
	}
	e.ValueDate, e.BookingDate = vd, vd
	s = s[6:]
	if len(s) >= 4 && allDigits(s[:4]) {
		if bd, ok := entryDate(s[:4], vd); ok {
			e.BookingDate = bd
		} else {
			problems = append(problems, fmt.Sprintf(":61: entry date %q is not a date", s[:4]))
		}
		s = s[4:]
	}
	// RC (reversal of a credit) takes money out; RD (reversal of a debit)
	// puts it back. German banks write CR/DR: C or D plus funds code R.
	switch {
	case strings.HasPrefix(s, "RC"):
		e.Reversal, s = true, s[2:]
	case strings.HasPrefix(s, "RD"):
		e.Reversal, e.Credit, s = true, true, s[2:]
	case strings.HasPrefix(s, "C"):
		e.Credit, s = true, s[1:]
	case strings.HasPrefix(s, "D"):
		s = s[1:]
	default:
		return "", "", append(problems, fmt.Sprintf(":61: debit/credit mark: want C, D, RC or RD, got %.2q", s))
	}
	if len(s) > 1 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= '0' && s[1] <= '9' {
		s = s[1:] // funds code
	}
	n := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != ',' })
	if n < 0 {
		n = len(s)
	}
	if amt, ok := mtAmount(s[:n]); ok {
		e.Amount = amt
	} else {
		problems = append(problems, fmt.Sprintf(":61: amount %q is not a decimal-comma amount", s[:n]))
	}
	s = s[n:]
	if len(s) >= 4 && strings.ContainsRune("NFS", rune(s[0])) {
		e.TxCode, s = strings.TrimSpace(s[:4]), s[4:]
	} else {
		problems = append(problems, fmt.Sprintf(":61: transaction type: want N, F or S and 3 characters, got %.4q", s))
	}
	custRef, bankRef, _ = strings.Cut(s, "//")
	return strings.TrimSpace(custRef), strings.TrimSpace(bankRef), problems
}

// mtAmount turns "000000000127,50" into "127.50" and "10," into "10",
// keeping the decimals as written.
func mtAmount(s string) (string, bool) {
	whole, frac, ok := strings.Cut(s, ",")
	if !ok || whole == "" || strings.Contains(frac, ",") {
		return "", false
	}
	whole = strings.TrimLeft(whole, "0")
	if whole == "" {
		whole = "0"
	}
	if frac == "" {
		return whole, true
	}
	return whole + "." + frac, true
}

func yymmdd(s string) (time.Time, bool) {
	y := atoi(s[:2]) + 2000
	if y >= 2080 { // SWIFT has two-digit years; 80–99 are last century
		y -= 100
	}
	return utcDate(y, time.Month(atoi(s[2:4])), atoi(s[4:6]))
}

// entryDate reads MMDD with the year that puts it nearest the value date,
// so a 31 December value date with entry date 0101 books on 1 January.
func entryDate(mmdd string, value time.Time) (time.Time, bool) {
	var best time.Time
	for _, y := range []int{value.Year() - 1, value.Year(), value.Year() + 1} {
		t, ok := utcDate(y, time.Month(atoi(mmdd[:2])), atoi(mmdd[2:]))
		if ok && (best.IsZero() || t.Sub(value).Abs() < best.Sub(value).Abs()) {
			best = t
		}
	}
	return best, !best.IsZero()
}

// :86: layouts.
var (
	// Dutch/SEPA structured text: /TAG/value/TAG/value…
	slashTags = []string{"TRTP", "IBAN", "BIC", "NAME", "REMI", "EREF", "ORDP", "BENM", "ID", "ADDR",
		"CNTP", "CSID", "MARF", "ISDT", "PURP", "RTRN", "ULTC", "ULTD", "ULTB", "CDTRREFTP", "CDTRREF",
		"SVCL", "PREF", "OCMT", "CHGS", "EXCH", "NRTX", "BUSP", "TRCD", "ACCW", "BYOR", "CITY"}
	slashStartRe = regexp.MustCompile(`^/(` + strings.Join(slashTags, "|") + `)/`)
	// German (?20 …, GVC first) and Triodos (>20 …) subfields.
	subfieldStartRe = regexp.MustCompile(`^(\d{3})?([?>])\d\d`)
	// ABN AMRO free text with labels ("NAAM: BELASTINGDIENST").
	labelRe = regexp.MustCompile(`(?i)\b(IBAN|BIC|NAAM|OMSCHRIJVING|KENMERK|BETALINGSKENM\.|ID DEBITEUR|MACHTIGING|INCASSANT)\s*:`)
	// ASN: first line is the counterparty IBAN and name.
	ibanNameRe   = regexp.MustCompile(`^([A-Z]{2}\d{2}[A-Z0-9]{10,30})\s+(\S.*)$`)
	sepaKeyRe    = regexp.MustCompile(`(EREF|KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE|COAM|OAMT|IBAN|BIC)\+`)
	germanSubRe  = regexp.MustCompile(`\?(\d\d)`)
	triodosSubRe = regexp.MustCompile(`>(\d\d)`)
)

// parse86 reads counterparty and memo from the :86: lines and returns the
// end-to-end reference when the text has one.
func parse86(raw []string, e *Entry) (eref string) {
	// Structured text is cut at a fixed width wherever that falls, even
	// mid-word or mid-tag, so its lines are joined as written with nothing
	// between; a blank at the end of a full line is part of the text.
	joined := strings.TrimSpace(strings.ReplaceAll(strings.Join(raw, ""), "\u00ad", ""))
	switch {
	case slashStartRe.MatchString(joined):
		return parseSlashTags(joined, e)
	case subfieldStartRe.MatchString(joined):
		return parseSubfields(joined, e)
	}
	lines := trimLines(raw)
	for i := range lines {
		lines[i] = strings.ReplaceAll(lines[i], "\u00ad", "")
	}
	text := joinFree(lines)
	if up := strings.ToUpper(text); strings.Contains(up, "IBAN:") || strings.Contains(up, "NAAM:") {
		return parseLabels(text, e)
	}
	if nonEmpty := nonEmptyLines(lines); len(nonEmpty) > 1 {
		if m := ibanNameRe.FindStringSubmatch(strings.TrimSpace(nonEmpty[0])); m != nil {
			e.CounterpartyAccount, e.Counterparty = m[1], clean(m[2])
			e.Memo = clean(joinFree(nonEmpty[1:]))
			return ""
		}
	}
	e.Memo = clean(text)
	return ""
}

// joinFree joins unstructured lines with a space, except after a line that
// fills all 65 columns with no blank at the end: the bank cut a word there.
func joinFree(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 && utf8.RuneCountInString(lines[i-1]) < 65 {
			b.WriteByte(' ')
		}
		b.WriteString(l)
	}
	return b.String()
}

func nonEmptyLines(lines []string) []string {
	var out []string
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// parseSlashTags reads "/TAG/value" text. A value runs to the next known
// tag; NAME, ID, ADDR, IBAN, BIC after an empty BENM, ORDP or ULTx belong
// to that party.
func parseSlashTags(s string, e *Entry) string {
	var locs [][]int
	for i := 0; i < len(s); i++ {
		for _, t := range slashTags {
			if s[i] == '/' && strings.HasPrefix(s[i+1:], t+"/") {
				locs = append(locs, []int{i, i + len(t) + 2, i + 1, i + 1 + len(t)})
				i += len(t) // go on at the closing slash, which may open the next tag
				break
			}
		}
	}
	fields := map[string]string{}
	party := ""
	for _, f := range splitKeyed(s, locs) {
		switch f.key {
		case "BENM", "ORDP", "ULTC", "ULTD", "ULTB", "CNTP":
			party = f.key
		case "NAME", "ID", "ADDR", "IBAN", "BIC", "CITY":
		default:
			party = ""
		}
		key := f.key
		if party != "" && party != f.key {
			key = party + "/" + f.key
		}
		if _, dup := fields[key]; !dup {
			fields[key] = strings.TrimRight(f.val, "/ ")
		}
	}
	// ING: /CNTP/account/BIC/name/city/
	cntp := append(strings.Split(fields["CNTP"], "/"), "", "", "")
	order := []string{"BENM/", "ORDP/"}
	if e.Credit != e.Reversal { // money came in: the ordering party paid it
		order = []string{"ORDP/", "BENM/"}
	}
	pick := func(tag, fromCNTP string) string {
		return clean(firstNonEmpty(fields[tag], fields[order[0]+tag], fields[order[1]+tag], fromCNTP,
			fields["ULTD/"+tag], fields["ULTC/"+tag], fields["ULTB/"+tag]))
	}
	e.Counterparty = pick("NAME", cntp[2])
	e.CounterpartyAccount = normAccount(pick("IBAN", cntp[0]))
	e.CounterpartyBIC = pick("BIC", cntp[1])
	remi := fields["REMI"]
	for _, p := range []string{"USTD//", "USTD/", "STRD/"} {
		remi = strings.TrimPrefix(remi, p)
	}
	e.Memo = clean(remi)
	return fields["EREF"]
}

// parseSubfields reads "?20…?21…" (German banks: ?20–?29 and ?60–?63
// purpose, ?30 BIC, ?31 account, ?32–?33 name) and Triodos "…>10 account
// >20–>29 description". Each subfield is a 27-character slice of a longer
// text: slices that fill all 27 join the next one with nothing between.
func parseSubfields(s string, e *Entry) string {
	re := germanSubRe
	if subfieldStartRe.FindStringSubmatch(s)[2] == ">" {
		re = triodosSubRe
	}
	parts := map[int][]string{}
	var codes []int
	for _, f := range splitKeyed(s, re.FindAllStringSubmatchIndex(s, -1)) {
		code := atoi(f.key)
		if parts[code] == nil {
			codes = append(codes, code)
		}
		parts[code] = append(parts[code], f.val)
	}
	sub := map[int]string{}
	for c, p := range parts {
		sub[c] = strings.Join(p, "")
	}
	join := func(from, to int, sep string) string {
		var b strings.Builder
		prev := ""
		for _, c := range codes {
			if c < from || c > to {
				continue
			}
			if prev != "" && utf8.RuneCountInString(prev) < 27 {
				b.WriteString(sep)
			}
			b.WriteString(sub[c])
			prev = sub[c]
		}
		return b.String()
	}
	e.Counterparty = clean(join(32, 33, " "))
	if re == triodosSubRe {
		memo := join(20, 29, " ")
		if acct := strings.TrimSpace(sub[10]); strings.Trim(acct, "0") != "" {
			e.CounterpartyAccount = acct
		} else if bic, iban := strings.TrimSpace(sub[20]), strings.Fields(sub[21]); bicRe.MatchString(bic) && len(iban) > 0 && ibanRe.MatchString(iban[0]) {
			e.CounterpartyBIC, e.CounterpartyAccount = bic, iban[0]
			memo = join(22, 29, " ")
		}
		e.Memo = clean(memo)
		return ""
	}
	if bic := strings.TrimSpace(sub[30]); bicRe.MatchString(bic) {
		e.CounterpartyBIC = bic
	}
	e.CounterpartyAccount = normAccount(sub[31])
	// SEPA purpose text is keyed ("EREF+… SVWZ+…"); the memo is the SVWZ
	// part. A subfield shorter than 27 characters ends a line, marked "\n",
	// where a reference's value stops.
	purpose := join(20, 29, "\n") + "\n" + join(60, 63, "\n")
	keys := map[string]string{}
	for _, f := range splitKeyed(purpose, sepaKeyRe.FindAllStringSubmatchIndex(purpose, -1)) {
		if f.key != "SVWZ" {
			f.val, _, _ = strings.Cut(f.val, "\n")
		}
		keys[f.key] = clean(f.val)
	}
	e.Memo = clean(firstNonEmpty(keys["SVWZ"], purpose))
	return keys["EREF"]
}

// parseLabels reads ABN AMRO's "IBAN: … BIC: … NAAM: … OMSCHRIJVING: …".
func parseLabels(text string, e *Entry) string {
	val := map[string]string{}
	for _, f := range splitKeyed(text, labelRe.FindAllStringSubmatchIndex(text, -1)) {
		if key := strings.ToUpper(f.key); val[key] == "" {
			val[key] = clean(f.val)
		}
	}
	e.Counterparty = val["NAAM"]
	e.CounterpartyAccount = normAccount(val["IBAN"])
	e.CounterpartyBIC = val["BIC"]
	e.Memo = firstNonEmpty(val["OMSCHRIJVING"], clean(text))
	return firstRef(val["KENMERK"], val["BETALINGSKENM."])
}

type keyed struct{ key, val string }

// splitKeyed cuts s at keys found as regexp submatch locations {start,
// end, keyStart, keyEnd}: each value runs from its key to the next key.
func splitKeyed(s string, locs [][]int) []keyed {
	out := make([]keyed, len(locs))
	for i, l := range locs {
		end := len(s)
		if i+1 < len(locs) {
			end = max(locs[i+1][0], l[1]) // the next key may start on this key's closing slash
		}
		out[i] = keyed{s[l[2]:l[3]], s[l[1]:end]}
	}
	return out
}

// atoi reads digits the caller has checked.
func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func allDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}
