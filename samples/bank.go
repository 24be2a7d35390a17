package samples

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"
)

// mutatiesoort is how an ING export names each booking code.
var mutatiesoort = map[string]string{"GT": "Online bankieren", "OV": "Overschrijving", "IC": "Incasso", "BA": "Betaalautomaat"}

// writeBankCSV writes an ING-style "Af Bij" export: every cell quoted,
// semicolons, dates as YYYYMMDD, amounts with a decimal comma and no sign.
func writeBankCSV(ctx context.Context, w io.Writer, rows []*txn) error {
	line := func(cells []string) error {
		quoted := make([]string, len(cells))
		for i, c := range cells {
			quoted[i] = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
		}
		_, err := io.WriteString(w, strings.Join(quoted, ";")+"\r\n")
		return err
	}
	if err := line(bankHeader); err != nil {
		return err
	}
	for i, t := range rows {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		h, o := t.holder(), t.other()
		dir := "Af"
		if t.credit {
			dir = "Bij"
		}
		if err := line([]string{t.at.Format("20060102"), o.name, h.iban, o.iban, t.code, dir,
			decimal(t.minor, ","), mutatiesoort[t.code], ingMemo(t)}); err != nil {
			return err
		}
	}
	return nil
}

// ingMemo is the "Mededelingen" text ING writes for each kind of booking.
func ingMemo(t *txn) string {
	o := t.other()
	date := t.at.Format("02-01-2006")
	switch t.code {
	case "BA":
		return fmt.Sprintf("Pasvolgnr: 001 %s %s Transactie: betaling", date, t.note)
	case "IC":
		return fmt.Sprintf("Naam: %s Omschrijving: %s IBAN: %s Machtiging ID: M%s Incassant ID: NL%sZZZ%s Doorlopende incasso Valutadatum: %s",
			o.name, t.note, o.iban, o.iban[8:], o.iban[2:4], o.iban[8:], date)
	}
	return fmt.Sprintf("Naam: %s Omschrijving: %s IBAN: %s Valutadatum: %s", o.name, t.note, o.iban, date)
}

// mt940Lines renders the rows of one account as monthly MT940 statements
// (:20:, :25:, :28C:, :60F:, :61:/:86: per booking, :62F:, "-") and sets
// each row's number to the line of its :61:.
func mt940Lines(rows []*txn) []string {
	if len(rows) == 0 {
		return nil
	}
	h := rows[0].holder()
	var lines []string
	add := func(s string) { lines = append(lines, s) }
	balance := int64(184_217) // opening balance in cents
	i := 0
	for n, first := 1, fxStart; first.Before(fxMid) || i < len(rows); n, first = n+1, first.AddDate(0, 1, 0) {
		end := first.AddDate(0, 1, -1)
		add(":20:940S" + end.Format("060102"))
		add(":25:" + h.iban)
		add(fmt.Sprintf(":28C:%05d", n))
		add(":60F:" + mtBalance(balance, first.AddDate(0, 0, -1)))
		for ; i < len(rows) && rows[i].at.Before(end.AddDate(0, 0, 1)); i++ {
			t := rows[i]
			mark, kind := "D", "NTRF"
			if t.credit {
				mark = "C"
				balance += t.minor
			} else {
				balance -= t.minor
			}
			switch t.code {
			case "IC":
				kind = "NDDT"
			case "BA":
				kind = "NMSC"
			}
			t.row = len(lines) + 1
			add(":61:" + t.at.Format("060102") + t.at.Format("0102") + mark + decimal(t.minor, ",") + kind + "NONREF")
			lines = append(lines, wrap65(":86:"+mt940Info(t))...)
		}
		add(":62F:" + mtBalance(balance, end))
		add("-")
	}
	return lines
}

// mt940Info is the structured :86: text of a SEPA booking. It holds no
// colon, so a wrapped line never starts like a tag.
func mt940Info(t *txn) string {
	o := t.other()
	if t.code == "BA" {
		return fmt.Sprintf("/TRTP/BEA, BETAALPAS/NAME/%s/REMI/PAS 001 %s %s/EREF/%s/", o.name, t.at.Format("02.01.06"),
			strings.ReplaceAll(t.note, ":", "."), t.ref)
	}
	trtp := "SEPA OVERBOEKING"
	if t.code == "IC" {
		trtp = "SEPA INCASSO ALGEMEEN DOORLOPEND"
	}
	return fmt.Sprintf("/TRTP/%s/IBAN/%s/BIC/%s/NAME/%s/REMI/USTD//%s/EREF/%s/", trtp, o.iban, bicOf(o.iban), o.name, t.note, t.ref)
}

// wrap65 cuts a field into SWIFT lines of at most 65 characters; readers
// join structured :86: lines with nothing between.
func wrap65(s string) []string {
	var out []string
	for len(s) > 65 {
		out = append(out, s[:65])
		s = s[65:]
	}
	return append(out, s)
}

// mtBalance is a :60F:/:62F: value: mark, date, currency, amount.
func mtBalance(cents int64, day time.Time) string {
	mark := "C"
	if cents < 0 {
		mark, cents = "D", -cents
	}
	return mark + day.Format("060102") + "EUR" + decimal(cents, ",")
}

// bicOf gives the BIC of a Dutch IBAN's bank.
func bicOf(iban string) string {
	for _, b := range nlBanks {
		if code, bic, _ := strings.Cut(b, ":"); len(iban) > 8 && iban[4:8] == code {
			return bic
		}
	}
	return ""
}
