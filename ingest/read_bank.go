package ingest

import (
	"fmt"
	"os"
	"strings"

	"github.com/cmrflow/cmrflow/ingest/bankfmt"
)

// bank loads an MT940 or camt.053 statement file. The account holder is
// the beneficiary of a credit and the sender of a debit.
func (l *loader) bank(format string) error {
	f, err := os.Open(l.path)
	if err != nil {
		return err
	}
	defer f.Close()
	var entries []bankfmt.Entry
	if format == "mt940" {
		entries, err = bankfmt.ReadMT940(f)
	} else {
		entries, err = bankfmt.ReadCAMT053(f)
	}
	if err != nil {
		return err
	}
	l.res.Profile, l.res.Kind = format, "bank"
	stage, err := l.newStage(&layout{p: &Profile{Name: format, Kind: "bank"}}, "")
	if err != nil {
		return err
	}
	m := mapper{keys: &memo{}}
	b := &batch{recs: make([]record, len(entries))}
	for i, e := range entries {
		b.recs[i] = record{row: e.Line}
	}
	i := 0
	stage.encode(b, func(record) stageRow {
		row := l.bankRow(&m, entries[i])
		i++
		return row
	})
	if err := stage.write(b); err != nil {
		return err
	}
	l.res.RowsRead, l.res.RowsLoaded, l.res.RowsQuarantined = len(entries), b.nGood, b.nBad
	if len(entries) == 0 {
		l.res.note("no booked entries in the statement")
	}
	return nil
}

func (l *loader) bankRow(m *mapper, e bankfmt.Entry) stageRow {
	var row stageRow
	row[colRow] = fmt.Sprint(e.Line)
	row[colKind] = "bank"
	raw := []byte{'{'}
	for i, f := range e.Raw {
		if i > 0 {
			raw = append(raw, ',')
		}
		raw = appendJSONString(raw, f.Name)
		raw = append(raw, ':')
		raw = appendJSONString(raw, f.Value)
	}
	row[colRaw] = string(append(raw, '}'))
	var reasons []string
	if e.Problem != "" {
		reasons = append(reasons, e.Problem)
	}
	when := e.BookingDate
	if when.IsZero() {
		when = e.ValueDate
	}
	if when.IsZero() && e.Problem == "" {
		reasons = append(reasons, "the entry has no booking or value date")
	} else if !when.IsZero() {
		row[colOccurredAt] = when.UTC().Format("2006-01-02 15:04:05")
	}
	amount, _, err := parseAmount(e.Amount, false)
	if err != nil && e.Problem == "" {
		reasons = append(reasons, "amount: "+err.Error())
	}
	row[colAmount] = amount
	cur, ok := currencyCode(e.Currency)
	if !ok {
		reasons = append(reasons, fmt.Sprintf("currency %q is not a currency", e.Currency))
	}
	row[colCurrency] = cur
	holder := party{name: e.AccountName, account: e.Account}
	other := party{name: e.Counterparty, account: e.CounterpartyAccount}
	sender, ben := other, holder
	if !e.Credit {
		sender, ben = holder, other
	}
	for i, p := range []party{sender, ben} {
		base := colSenderName
		if i == 1 {
			base = colBenName
		}
		row[base] = p.name
		if p.name != "" {
			row[base+1], _ = m.keys.get(p.name, nameKeyOf, p.name, "")
		}
		if p.account != "" {
			row[base+3] = accountKey(p.account)
		}
	}
	row[colReference] = e.Reference
	memo := e.Memo
	if e.Reversal {
		memo = strings.TrimSpace("REVERSAL " + memo)
	}
	row[colMemo] = memo
	if len(reasons) > 0 {
		row[colOK] = "0"
		row[colReasons] = strings.Join(reasons, "; ")
	} else {
		row[colOK] = "1"
	}
	return row
}
