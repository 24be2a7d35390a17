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
	lay := &layout{p: &Profile{Name: format, Kind: "bank"}}
	stage, err := l.newStage(lay, newMapper(lay, false, false), "")
	if err != nil {
		return err
	}
	b := &batch{recs: make([]record, len(entries))}
	for i, e := range entries {
		b.recs[i] = record{row: e.Line}
	}
	i := 0
	stage.encode(b, func(record) mapped {
		row := bankRow(entries[i])
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

// bankRow maps one statement entry; its parties are normalised with the
// others (stageFile.parties), which for a name and an account gives the
// name's key and the account's compact form.
func bankRow(e bankfmt.Entry) mapped {
	row := mapped{row: e.Line}
	raw := []byte{'{'}
	for i, f := range e.Raw {
		if i > 0 {
			raw = append(raw, ',')
		}
		raw = appendJSONString(raw, f.Name)
		raw = append(raw, ':')
		raw = appendJSONString(raw, f.Value)
	}
	row.raw = string(append(raw, '}'))
	if e.Problem != "" {
		row.reasons = append(row.reasons, e.Problem)
	}
	when := e.BookingDate
	if when.IsZero() {
		when = e.ValueDate
	}
	if when.IsZero() && e.Problem == "" {
		row.reasons = append(row.reasons, "the entry has no booking or value date")
	}
	row.when = when.UTC()
	amount, _, err := parseAmount(e.Amount, false)
	if err != nil && e.Problem == "" {
		row.reasons = append(row.reasons, "amount: "+err.Error())
	}
	row.amount = amount
	cur, ok := currencyCode(e.Currency)
	if !ok {
		row.reasons = append(row.reasons, fmt.Sprintf("currency %q is not a currency", e.Currency))
	}
	row.cur = cur
	holder := party{name: e.AccountName, account: e.Account}
	other := party{name: e.Counterparty, account: e.CounterpartyAccount}
	row.sender, row.ben = other, holder
	if !e.Credit {
		row.sender, row.ben = holder, other
	}
	memo := e.Memo
	if e.Reversal {
		memo = strings.TrimSpace("REVERSAL " + memo)
	}
	row.text = [len(textFields)]string{e.Reference, "", "", "", "", memo}
	return row
}
