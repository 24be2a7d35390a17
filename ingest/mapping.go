package ingest

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/cmrflow/cmrflow/internal/normalize"
)

// mapper turns one source row into canonical values, or into the reasons
// it cannot, each naming the column and the problem.
type mapper struct {
	p        *Profile
	idx      map[string]int
	serial   bool
	date1904 bool
	phones   memo // "region|text" -> E.164 or the text
	keys     memo // name -> matching key
}

// memo remembers normalised values: sources repeat the same senders and
// collectors, and parsing a phone costs tens of microseconds.
type memo map[string]string

const memoLimit = 1 << 20

func (m *memo) get(key string, compute func() string) string {
	if v, ok := (*m)[key]; ok {
		return v
	}
	if *m == nil || len(*m) >= memoLimit {
		*m = make(memo)
	}
	v := compute()
	(*m)[key] = v
	return v
}

type mapped struct {
	f    map[string]string
	when time.Time
}

// val is the field's value, or NULL when empty.
func (m mapped) val(field string) any {
	if v := m.f[field]; v != "" {
		return v
	}
	return nil
}

func (m *mapper) row(cells, header []string) (mapped, []string) {
	out := mapped{f: make(map[string]string, len(m.idx))}
	var reasons []string
	bad := func(field, problem string) {
		reasons = append(reasons, fmt.Sprintf("column %q: %s", m.p.Columns[field], problem))
	}
	for field, i := range m.idx {
		if i < len(cells) {
			out.f[field] = strings.Join(strings.Fields(cells[i]), " ")
		}
	}

	when, err := parseDate(out.f["occurred_at"], m.p.DateFormats, m.serial, m.date1904)
	if err != nil {
		bad("occurred_at", err.Error())
	}
	out.when = when

	amountText := out.f["amount"]
	if m.serial {
		if n, ok := cellNumber(amountText); ok {
			amountText = n
		}
	}
	amount, textCurrency, err := parseAmount(amountText, m.p.Decimal == ",")
	if err != nil {
		bad("amount", err.Error())
	}
	out.f["amount"] = amount

	cur := strings.ToUpper(out.f["currency"])
	if code, ok := currencySymbols[out.f["currency"]]; ok {
		cur = code
	}
	switch {
	case cur == "" && textCurrency != "":
		cur = textCurrency
	case cur == "":
		cur = m.p.Currency
	}
	if cur == "" {
		reasons = append(reasons, "no currency: the row has none and the profile sets none")
	} else if len(cur) != 3 || strings.Trim(cur, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		bad("currency", fmt.Sprintf("%q is not a currency code", out.f["currency"]))
	} else if textCurrency != "" && textCurrency != cur {
		bad("amount", fmt.Sprintf("says %s but the row's currency is %s", textCurrency, cur))
	}
	out.f["currency"] = cur

	for _, side := range []string{"sender", "beneficiary"} {
		country := out.f[side+"_country"]
		if len(country) == 2 {
			country = strings.ToUpper(country)
			out.f[side+"_country"] = country
		}
		if phone := out.f[side+"_phone"]; phone != "" {
			out.f[side+"_phone"] = m.phones.get(country+"|"+phone, func() string {
				e164, _ := normalize.Phone(phone, country)
				return e164
			})
		}
		if name := out.f[side+"_name"]; name != "" {
			out.f[side+"_name_key"] = m.keys.get(name, func() string { return normalize.NameKey(name) })
		}
	}
	return out, reasons
}

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

// rawJSON is the row as the source has it: header -> cell text, in column
// order, with cells beyond the header kept under their position.
func rawJSON(header, cells []string) string {
	var b strings.Builder
	b.WriteByte('{')
	n := max(len(header), len(cells))
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("column %d", i+1)
		if i < len(header) {
			name = header[i]
		}
		cell := ""
		if i < len(cells) {
			cell = cells[i]
		}
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(name)
		v, _ := json.Marshal(cell)
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.String()
}
