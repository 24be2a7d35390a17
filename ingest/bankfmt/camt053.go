package bankfmt

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strings"
	"time"
)

// node is one element of an Ntry (or Acct) held in memory while its entries
// are built; the document around it is streamed.
type node struct {
	name  string
	attrs []xml.Attr
	text  string
	kids  []*node
	line  int
}

// get follows a path of child names; nil when any step is missing.
func (n *node) get(path ...string) *node {
	for _, p := range path {
		if n == nil {
			return nil
		}
		var next *node
		for _, k := range n.kids {
			if k.name == p {
				next = k
				break
			}
		}
		n = next
	}
	return n
}

func (n *node) str(path ...string) string {
	if c := n.get(path...); c != nil {
		return c.text
	}
	return ""
}

func (n *node) attr(name string) string {
	for _, a := range n.attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// maxDepth bounds nesting inside an Ntry; real statements stay under 15.
const maxDepth = 64

func readNode(d *xml.Decoder, se xml.StartElement, depth int) (*node, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("<%s> is nested more than %d levels deep", se.Name.Local, maxDepth)
	}
	line, _ := d.InputPos()
	n := &node{name: se.Name.Local, attrs: se.Attr, line: line}
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			k, err := readNode(d, t, depth+1)
			if err != nil {
				return nil, err
			}
			n.kids = append(n.kids, k)
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			n.text = strings.TrimSpace(text.String())
			return n, nil
		}
	}
}

type camtStmt struct{ id, seq, account, name string }

// ReadCAMT053 streams a camt.053 document (any version) and returns one
// entry per TxDtls of a batched Ntry whose TxDtls all carry an amount, else
// one per Ntry. On a *FormatError it also returns the entries read before it.
func ReadCAMT053(r io.Reader) ([]Entry, error) {
	br := bufio.NewReader(r)
	if b, _ := br.Peek(3); bytes.Equal(b, utf8BOM) {
		_, _ = br.Discard(3)
	}
	d := newXMLDecoder(br)
	var (
		entries []Entry
		stack   []string
		st      camtStmt
		body    bool
	)
	fail := func(err error) ([]Entry, error) {
		line, _ := d.InputPos()
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			line = se.Line
		}
		return entries, &FormatError{Format: formatCAMT053, Line: line, Err: err}
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fail(err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.StartElement:
			name, parent := t.Name.Local, ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			switch {
			case len(stack) == 0 && name != "Document":
				return fail(fmt.Errorf("root element <%s> is not a camt.053 <Document>", name))
			case len(stack) == 0, parent == "Document" && name == "BkToCstmrStmt":
				body = body || name == "BkToCstmrStmt"
			case parent == "BkToCstmrStmt" && name == "Stmt":
				st = camtStmt{}
			case parent == "Stmt" && (name == "Id" || name == "ElctrncSeqNb" || name == "LglSeqNb" || name == "Acct" || name == "Ntry"):
				n, err := readNode(d, t, 0)
				if err != nil {
					return fail(err)
				}
				switch name {
				case "Id":
					st.id = n.text
				case "ElctrncSeqNb":
					st.seq = n.text
				case "LglSeqNb":
					st.seq = firstNonEmpty(st.seq, n.text)
				case "Acct":
					st.account = normAccount(firstNonEmpty(n.str("Id", "IBAN"), n.str("Id", "Othr", "Id")))
					st.name = clean(firstNonEmpty(n.str("Ownr", "Nm"), n.str("Ownr", "Pty", "Nm")))
				case "Ntry":
					entries = append(entries, ntryEntries(n, st)...)
				}
				continue // readNode consumed the end tag
			default:
				if err := d.Skip(); err != nil {
					return fail(err)
				}
				continue
			}
			stack = append(stack, name)
		}
	}
	if !body {
		return fail(errors.New("no <BkToCstmrStmt>: not a camt.053 bank statement"))
	}
	return entries, nil
}

// ntryEntries splits a batch into its TxDtls when every TxDtls has its own
// amount (TxDtls/Amt or AmtDtls/TxAmt/Amt); otherwise the Ntry is one entry.
func ntryEntries(ntry *node, st camtStmt) []Entry {
	var txs []*node
	for _, k := range ntry.kids {
		if k.name == "NtryDtls" {
			for _, t := range k.kids {
				if t.name == "TxDtls" {
					txs = append(txs, t)
				}
			}
		}
	}
	single := func() []Entry {
		var tx *node
		if len(txs) == 1 {
			tx = txs[0]
		}
		e := camtEntry(ntry, tx, ntry.get("Amt"), ntry.line, st)
		rawFields(ntry, "", &e.Raw, nil)
		return []Entry{e}
	}
	if len(txs) <= 1 {
		return single()
	}
	amts := make([]*node, len(txs))
	for i, tx := range txs {
		if amts[i] = tx.get("Amt"); amts[i] == nil {
			if amts[i] = tx.get("AmtDtls", "TxAmt", "Amt"); amts[i] == nil {
				return single()
			}
		}
	}
	problem := batchSumProblem(ntry.get("Amt"), amts)
	// The Ntry's own fields are listed once; each entry gets them plus its
	// own TxDtls at the place it stands in the file.
	var common []Field
	at := map[*node]int{}
	rawFields(ntry, "", &common, at)
	out := make([]Entry, len(txs))
	for i, tx := range txs {
		e := camtEntry(ntry, tx, amts[i], tx.line, st)
		e.Raw = append(e.Raw, common[:at[tx]]...)
		rawFields(tx, "NtryDtls/TxDtls/", &e.Raw, nil)
		e.Raw = append(e.Raw, common[at[tx]:]...)
		if problem != "" {
			e.Problem = strings.TrimPrefix(e.Problem+"; "+problem, "; ")
		}
		out[i] = e
	}
	return out
}

// batchSumProblem reports a batch whose parts do not add up to the booked
// amount, so the split is not trusted silently.
func batchSumProblem(total *node, parts []*node) string {
	// Only plain decimals are summed (big.Rat would also take "1e999999999").
	if total == nil || !camtAmountRe.MatchString(total.text) {
		return ""
	}
	want, _ := new(big.Rat).SetString(total.text)
	sum := new(big.Rat)
	for _, p := range parts {
		if !camtAmountRe.MatchString(p.text) || p.attr("Ccy") != total.attr("Ccy") {
			return "" // other currency or bad amount: reported on the entry itself
		}
		v, _ := new(big.Rat).SetString(p.text)
		sum.Add(sum, v)
	}
	if sum.Cmp(want) != 0 {
		return fmt.Sprintf("batch TxDtls amounts add up to %s, Ntry/Amt is %s", sum.FloatString(2), total.text)
	}
	return ""
}

// camtEntry builds one entry, without Raw, from an Ntry and (when present)
// one TxDtls.
func camtEntry(ntry, tx, amt *node, line int, st camtStmt) Entry {
	e := Entry{Line: line, Statement: st.id, Sequence: st.seq, Account: st.account, AccountName: st.name}
	var problems []string
	if amt == nil {
		problems = append(problems, "Amt is missing")
	} else {
		if camtAmountRe.MatchString(amt.text) {
			e.Amount = amt.text
		} else {
			problems = append(problems, fmt.Sprintf("Amt %q is not a decimal amount", amt.text))
		}
		if e.Currency = amt.attr("Ccy"); e.Currency == "" {
			problems = append(problems, "Amt has no Ccy")
		}
	}
	switch cdi := firstNonEmpty(tx.str("CdtDbtInd"), ntry.str("CdtDbtInd")); cdi {
	case "CRDT":
		e.Credit = true
	case "DBIT":
	default:
		problems = append(problems, fmt.Sprintf("CdtDbtInd %q is not CRDT or DBIT", cdi))
	}
	rv := ntry.str("RvslInd")
	e.Reversal = rv == "true" || rv == "1"
	var ok bool
	if e.BookingDate, ok = camtDate(ntry.get("BookgDt")); !ok {
		problems = append(problems, fmt.Sprintf("BookgDt %q is missing or not a date", firstNonEmpty(ntry.str("BookgDt", "Dt"), ntry.str("BookgDt", "DtTm"))))
	}
	if v := ntry.get("ValDt"); v != nil {
		if e.ValueDate, ok = camtDate(v); !ok {
			problems = append(problems, fmt.Sprintf("ValDt %q is not a date", firstNonEmpty(v.str("Dt"), v.str("DtTm"))))
		}
	}
	e.TxCode = firstNonEmpty(txCode(tx.get("BkTxCd")), txCode(ntry.get("BkTxCd")))

	// Related parties describe the original payment, also in a reversal:
	// the payer of a reversed credit is still the Dbtr.
	side := "Cdtr"
	if e.Credit != e.Reversal {
		side = "Dbtr"
	}
	p := tx.get("RltdPties")
	e.Counterparty = clean(firstNonEmpty(partyName(p.get(side)), partyName(p.get("Ultmt"+side))))
	e.CounterpartyAccount = normAccount(firstNonEmpty(p.str(side+"Acct", "Id", "IBAN"), p.str(side+"Acct", "Id", "Othr", "Id")))
	fi := tx.get("RltdAgts", side+"Agt", "FinInstnId")
	e.CounterpartyBIC = firstNonEmpty(fi.str("BIC"), fi.str("BICFI"))

	var ustrd []string
	if tx != nil {
		for _, ri := range tx.kids {
			for _, k := range ri.kids {
				if ri.name == "RmtInf" && k.name == "Ustrd" {
					ustrd = append(ustrd, k.text)
				}
			}
		}
	}
	e.Memo = clean(firstNonEmpty(strings.Join(ustrd, " "), tx.str("AddtlTxInf"), ntry.str("AddtlNtryInf")))
	e.Reference = firstRef(tx.str("Refs", "EndToEndId"), tx.str("RmtInf", "Strd", "CdtrRefInf", "Ref"), tx.str("Refs", "TxId"),
		tx.str("Refs", "AcctSvcrRef"), ntry.str("AcctSvcrRef"), ntry.str("NtryRef"))
	e.Problem = strings.Join(problems, "; ")
	return e
}

// rawFields lists leaf elements and attributes by path relative to Ntry.
// With at, TxDtls are left out and at records where each one would go.
func rawFields(n *node, prefix string, out *[]Field, at map[*node]int) {
	for _, k := range n.kids {
		if at != nil && k.name == "TxDtls" {
			at[k] = len(*out)
			continue
		}
		path := prefix + k.name
		if len(k.kids) == 0 {
			*out = append(*out, Field{path, k.text})
		}
		for _, a := range k.attrs {
			if a.Name.Space != "xmlns" && a.Name.Local != "xmlns" {
				*out = append(*out, Field{path + "@" + a.Name.Local, a.Value})
			}
		}
		rawFields(k, path+"/", out, at)
	}
}

// camtDate reads <Dt> or the calendar date the bank wrote in <DtTm>.
func camtDate(n *node) (time.Time, bool) {
	s := firstNonEmpty(n.str("Dt"), n.str("DtTm"))
	if len(s) < 10 {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", s[:10])
	return t, err == nil
}

// txCode is "Domain/Family/SubFamily" (PMNT/RCDT/AUTT) or the proprietary code.
func txCode(b *node) string {
	if d := b.get("Domn"); d != nil {
		var parts []string
		for _, s := range []string{d.str("Cd"), d.str("Fmly", "Cd"), d.str("Fmly", "SubFmlyCd")} {
			if s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, "/")
	}
	return b.str("Prtry", "Cd")
}

// partyName reads Nm, which version 8 and later wrap in Pty.
func partyName(p *node) string { return firstNonEmpty(p.str("Nm"), p.str("Pty", "Nm")) }

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
