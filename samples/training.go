package samples

import (
	"bytes"
	"cmp"
	"context"
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
	"time"
)

//go:embed kit/*.md kit/*.tmpl
var kitFS embed.FS

var kitTemplates = template.Must(template.New("kit").Funcs(template.FuncMap{
	"usd":  func(cents int64) string { return "USD " + grouped(cents) },
	"join": func(s []string) string { return strings.Join(s, ", ") },
}).ParseFS(kitFS, "kit/*.tmpl"))

// The kit's pages for one scenario, filled from the world its data comes
// from: the answer key cannot drift from the data a student generates.
type kitPage struct {
	N                  int
	Name, Title, Story string
	Rows               int // transactions in the inbox
	Cases              []kitCase
	Decoys             []kitDecoy
	Layers, Geez       bool
}

type kitCase struct {
	ID, ResoldOf       string
	Collector          kitParty
	Relatives          []kitParty
	Countries          []string
	Payments, PassOn   []kitRow
	Onward             []kitRow // the intermediary's payment to the HVT
	Layer              *kitParty
	TotalCents         int64
	PassedCents        int64
	First, Last        string
	HVT, HVTName       string
	HVTPhone, Unlisted string
	Europe             string // who received a relative's bank transfer, if one did
}

type kitParty struct{ Name, Phone, City, Country string }

func kitPartyOf(p *party) kitParty { return kitParty{p.name, p.phone, p.city, p.country} }

type kitRow struct {
	Where, Ref, Date, From, To, Amount string
}

type kitDecoy struct {
	ID, Kind, Payee string
	Payers, N       int
	TotalCents      int64
	First, Last     string
}

// WriteKit writes the trainer's kit into dir: an index, and per scenario
// a README with the story and exercises and an ANSWERS page from the
// scenario's truth. Same code, same pages: a test compares them with the
// committed kit.
func WriteKit(ctx context.Context, dir string) error {
	tmp, err := os.MkdirTemp("", "cmrflow-kit-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	var pages []kitPage
	for i, s := range Scenarios {
		sum, w, err := build(ctx, Options{Out: filepath.Join(tmp, s.Name), Scenario: s.Name})
		if err != nil {
			return fmt.Errorf("kit %s: %w", s.Name, err)
		}
		story, err := kitFS.ReadFile("kit/" + s.Name + ".md")
		if err != nil {
			return fmt.Errorf("kit %s: %w", s.Name, err)
		}
		p := kitPage{N: i + 1, Name: s.Name, Title: s.Title, Story: strings.TrimSpace(string(story)), Rows: sum.Transactions,
			Layers: s.plan.layers, Geez: s.plan.geezLedger}
		for _, c := range w.cases {
			p.Cases = append(p.Cases, answerCase(c))
		}
		p.Decoys = answerDecoys(w.decoys)
		pages = append(pages, p)
		folder := filepath.Join(dir, fmt.Sprintf("%d-%s", i+1, s.Name))
		for _, f := range []struct{ tmpl, name string }{{"scenario.md.tmpl", "README.md"}, {"answers.md.tmpl", "ANSWERS.md"}} {
			if err := writeTemplate(filepath.Join(folder, f.name), f.tmpl, p); err != nil {
				return err
			}
		}
	}
	return writeTemplate(filepath.Join(dir, "README.md"), "index.md.tmpl", pages)
}

func writeTemplate(path, name string, data any) error {
	var b bytes.Buffer
	if err := kitTemplates.ExecuteTemplate(&b, name, data); err != nil {
		return fmt.Errorf("kit %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

func answerCase(c *plantedCase) kitCase {
	k := kitCase{ID: c.id, ResoldOf: c.resoldOf, Collector: kitPartyOf(c.collector),
		HVT: c.hvt.id, HVTName: c.hvt.p.name, HVTPhone: c.hvt.p.phone, Unlisted: c.hvt.phone2}
	if c.layer != nil {
		l := kitPartyOf(c.layer)
		k.Layer = &l
	}
	payers := map[*party]bool{}
	countries := map[string]bool{}
	var first, last time.Time
	for _, t := range c.rows {
		row := kitRow{Where: where(t), Ref: t.ref, Date: t.at.Format("2006-01-02"), From: t.from.name,
			To: cmp.Or(t.toName, t.to.name), Amount: amountText(t)}
		switch t.role {
		case roleRansom:
			k.Payments = append(k.Payments, row)
			if t.file == bankFile || t.file == mt940File {
				k.Europe = t.to.name
			}
			k.TotalCents += t.cents
			if !payers[t.from] {
				payers[t.from] = true
				k.Relatives = append(k.Relatives, kitPartyOf(t.from))
			}
			countries[t.from.country] = true
			if first.IsZero() || t.at.Before(first) {
				first = t.at
			}
			if t.at.After(last) {
				last = t.at
			}
		case rolePassOn:
			k.PassOn = append(k.PassOn, row)
			k.PassedCents += t.cents
		case roleLayer:
			k.Onward = append(k.Onward, row)
		}
	}
	for c := range countries {
		k.Countries = append(k.Countries, countryName[c])
	}
	slices.Sort(k.Countries)
	k.First, k.Last = first.Format("2006-01-02"), last.Format("2006-01-02")
	return k
}

func answerDecoys(rows []*txn) []kitDecoy {
	var out []kitDecoy
	payers := map[string]map[*party]bool{}
	for _, t := range rows {
		if len(out) == 0 || out[len(out)-1].ID != t.decoy {
			day := t.at.Format("2006-01-02")
			out = append(out, kitDecoy{ID: t.decoy, Kind: t.decoyKind, Payee: t.to.name, First: day, Last: day})
			payers[t.decoy] = map[*party]bool{}
		}
		d := &out[len(out)-1]
		d.N++
		d.TotalCents += t.cents
		payers[t.decoy][t.from] = true
		d.Payers = len(payers[t.decoy])
		day := t.at.Format("2006-01-02")
		d.First, d.Last = min(d.First, day), max(d.Last, day)
	}
	return out
}

// where names a row as the workbook and the report do.
func where(t *txn) string {
	if t.sheet != "" {
		return fmt.Sprintf("%s, sheet %s, row %d", t.file, t.sheet, t.row)
	}
	return fmt.Sprintf("%s, row %d", t.file, t.row)
}

func amountText(t *txn) string {
	if t.cur == "" || t.cur == "USD" {
		return "USD " + grouped(t.cents)
	}
	return fmt.Sprintf("%s %s (USD %s)", t.cur, grouped(t.minor), grouped(t.cents))
}

// grouped writes minor units as 1,234.56.
func grouped(minor int64) string {
	s := fmt.Sprintf("%d", minor/100)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return fmt.Sprintf("%s.%02d", s, minor%100)
}
