// Package samples writes a small, deterministic synthetic data set with
// ground truth: an MTO export and a hawala ledger holding ordinary
// remittances with planted ransom cases, an HVT watchlist, and the truth
// files that say which rows belong to which case.
package samples

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Options controls Generate.
type Options struct {
	Out   string // output folder; created if missing
	Seed  uint64 // same seed + options -> byte-identical files
	Rows  int    // approx number of background transactions over both files; 0 means default 2000
	Cases int    // planted ransom cases; 0 means default 3
}

// Summary reports what Generate wrote.
type Summary struct {
	Files        []string // paths written, sorted
	Transactions int      // data rows written (including the deliberately broken ones)
	Cases        int
	Broken       int // deliberately broken rows written
}

const (
	defaultRows  = 2000
	defaultCases = 3
	roleRansom   = "ransom_payment"
	rolePassOn   = "pass_on"
	usd          = 100 // cents per dollar
)

var year = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

type party struct {
	name, phone, country, city, agent string
}

type txn struct {
	at           time.Time
	from, to     *party
	cents        int64
	broker       string // hawaladar; ledger rows only
	note         string
	caseID, role string
	broken       bool
	ref          string
	row          int // as a person sees it: the header is row 1
}

type hvt struct {
	id, nat, born string
	p             *party
	variants      []string // names a ledger clerk might write, primary first
	strong, weak  string
}

type plantedCase struct {
	id        string
	collector *party
	hvt       *hvt
	rows      []*txn
}

type gen struct {
	r       *rand.Rand
	used    map[string]bool // names, phones and MTCNs already handed out
	brokers []*party
	err     error // sticky: the first failure while building
}

// Generate writes the inbox, watchlist and truth files under opts.Out.
func Generate(ctx context.Context, opts Options) (Summary, error) {
	if opts.Out == "" {
		return Summary{}, errors.New("samples: no output folder")
	}
	if opts.Rows < 0 || opts.Cases < 0 {
		return Summary{}, fmt.Errorf("samples: rows %d and cases %d must not be negative", opts.Rows, opts.Cases)
	}
	rows, cases := cmp.Or(opts.Rows, defaultRows), cmp.Or(opts.Cases, defaultCases)
	g := &gen{r: rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15)), used: map[string]bool{}}

	nMTO := max(1, rows*3/5)
	mto, err := g.background(ctx, nMTO, false)
	if err != nil {
		return Summary{}, err
	}
	ledger, err := g.background(ctx, max(1, rows-nMTO), true)
	if err != nil {
		return Summary{}, err
	}
	hvts := make([]*hvt, 2+min(1, cases/4)) // two HVTs share three cases, so one has two collectors
	for i := range hvts {
		hvts[i] = g.newHVT(i)
	}
	planted := make([]*plantedCase, cases)
	for i := range planted {
		c := g.plant(fmt.Sprintf("CASE-%03d", i+1), hvts[i%len(hvts)])
		for _, t := range c.rows {
			if t.role == roleRansom {
				mto = append(mto, t)
			} else {
				ledger = append(ledger, t)
			}
		}
		planted[i] = c
	}
	if g.err != nil {
		return Summary{}, g.err
	}
	finish(mto, func(int) string { return g.unique(func() string { return strconv.Itoa(1e9 + g.r.IntN(9e9)) }) })
	finish(ledger, func(i int) string { return fmt.Sprintf("HW-%04d", i+1) })
	for _, c := range planted {
		slices.SortStableFunc(c.rows, func(a, b *txn) int {
			return cmp.Or(btoi(a.role == rolePassOn)-btoi(b.role == rolePassOn), a.row-b.row)
		})
	}

	files, err := write(ctx, opts.Out, mto, ledger, hvts, planted)
	if err != nil {
		return Summary{}, err
	}
	return Summary{Files: files, Transactions: len(mto) + len(ledger), Cases: cases, Broken: 2}, nil
}

// finish sorts rows by time, numbers them and breaks one background row in
// the middle.
func finish(rows []*txn, ref func(int) string) {
	slices.SortStableFunc(rows, func(a, b *txn) int { return a.at.Compare(b.at) })
	for i, t := range rows {
		t.row, t.ref = i+2, ref(i)
	}
	for i := range rows {
		if t := rows[(len(rows)/2+i)%len(rows)]; t.caseID == "" {
			t.broken = true
			return
		}
	}
}

// background builds n ordinary remittances. A beneficiary gets at most two
// senders (siblings sharing a parent), so no background fan-in can form.
func (g *gen) background(ctx context.Context, n int, hawala bool) ([]*txn, error) {
	r := g.r
	if hawala && g.brokers == nil {
		for _, name := range brokerNames {
			g.brokers = append(g.brokers, g.partyNamed(pick(r, hubs), func() string { return name }))
		}
	}
	var out []*txn
	var open *party // a beneficiary with one sender, free for a sibling to share
	for len(out) < n {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if hawala && r.IntN(20) == 0 {
			// Brokers settle in fixed pairs, so each payee broker has one sender.
			p := 2 * r.IntN(len(g.brokers)/2)
			out = append(out, &txn{at: year.AddDate(0, 0, r.IntN(181)), from: g.brokers[p], to: g.brokers[p+1],
				cents: int64(4000*usd + r.IntN(21000*usd)), broker: g.brokers[p].name, note: "settlement"})
			continue
		}
		s := g.party(pick(r, diaspora))
		broker := pick(r, brokerNames)
		for i := range 1 + btoi(r.IntN(5) == 0) {
			b := open
			if i > 0 || b == nil || r.IntN(6) != 0 {
				b = g.party(pick(r, home))
				open = b
			} else {
				open = nil
			}
			k := 3 + r.IntN(4) // months of support
			m0, dom := r.IntN(7-k), 1+r.IntN(28)
			for m := m0; m < m0+k && len(out) < n; m++ {
				d := min(max(dom+r.IntN(7)-3, 1), 28)
				t := &txn{from: s, to: b, cents: g.everyday(), broker: broker}
				if hawala {
					t.at, t.note = time.Date(2025, time.Month(1+m), d, 0, 0, 0, 0, time.UTC), g.maybe(hawalaNotes, 4)
				} else {
					t.at = time.Date(2025, time.Month(1+m), d, 8+r.IntN(12), r.IntN(60), 0, 0, time.UTC)
					t.note = g.maybe(mtoMessages, 6)
				}
				out = append(out, t)
			}
		}
	}
	return out, nil
}

// everyday is a family remittance of USD 100-600: often round, often not.
func (g *gen) everyday() int64 {
	d := int64(100 + g.r.IntN(501))
	switch g.r.IntN(10) {
	case 0, 1, 2, 3:
		return max(100, d/50*50) * usd
	case 4, 5, 6:
		return d * usd
	}
	return d*usd + int64(g.r.IntN(100))
}

// plant builds one ransom: 3-5 relatives in 2-4 countries pay one collector
// within 13 days, who passes at least 80 % on to the HVT 1-5 days later.
func (g *gen) plant(id string, h *hvt) *plantedCase {
	r := g.r
	c := &plantedCase{id: id, hvt: h, collector: g.party(pick(r, hubs))}
	habesha := r.IntN(4) != 0
	family := g.fatherChain(habesha)
	isos := slices.Clone(diasporaISO)
	r.Shuffle(len(isos), func(i, j int) { isos[i], isos[j] = isos[j], isos[i] })
	n := 3 + r.IntN(3)
	k := 2 + r.IntN(min(4, n)-1)
	rel := make([]*party, n)
	for i := range rel {
		surname := family
		if r.IntN(3) == 0 { // a cousin or in-law
			surname = g.fatherChain(habesha)
		}
		rel[i] = g.partyNamed(isos[i%k], func() string { return g.given(habesha) + " " + surname })
	}

	start := year.AddDate(0, 0, 5+r.IntN(150))
	var last time.Time
	var total int64
	for i, cents := range g.ransomParts(n) {
		payer := rel[i%n]
		if i >= n {
			payer = rel[r.IntN(n)]
		}
		at := start.AddDate(0, 0, r.IntN(13)).Add(time.Duration(8*60+r.IntN(12*60)) * time.Minute)
		if at.After(last) {
			last = at
		}
		total += cents
		c.rows = append(c.rows, &txn{at: at, from: payer, to: c.collector, cents: cents,
			note: g.maybe(mtoMessages, 8), caseID: id, role: roleRansom})
	}

	out := (total*int64(80+r.IntN(16))/100 + 100*usd - 1) / (100 * usd) * (100 * usd)
	split := []int64{out}
	if r.IntN(2) == 0 {
		a := out * int64(40+r.IntN(21)) / 100 / (100 * usd) * (100 * usd)
		split = []int64{a, out - a}
	}
	off, broker := 1+r.IntN(5), pick(r, brokerNames)
	day := time.Date(last.Year(), last.Month(), last.Day(), 0, 0, 0, 0, time.UTC)
	for j, cents := range split {
		payee := *h.p
		payee.name = pick(r, h.variants)
		c.rows = append(c.rows, &txn{at: day.AddDate(0, 0, min(5, off+j*r.IntN(2))), from: c.collector, to: &payee,
			cents: cents, broker: broker, note: g.maybe(passOnNotes, 4), caseID: id, role: rolePassOn})
	}
	return c
}

// ransomParts draws a lognormal ransom (median 5,000, p90 about 12,000,
// clipped to 3,200-15,000) and splits it into at least n instalments below
// 3,000, in hundreds and often in five hundreds.
func (g *gen) ransomParts(n int) []int64 {
	r := g.r
	const sigma = 0.683 // ln(12000/5000) / 1.2816
	total := min(max(int(math.Round(50*math.Exp(sigma*r.NormFloat64()))), 32), 150)
	m := max(n, (total+24)/25)
	parts := make([]int64, m)
	left := total
	for i := range m {
		rest := m - 1 - i
		p := left/(m-i) + r.IntN(7) - 3
		if r.IntN(2) == 0 {
			p = (p + 2) / 5 * 5
		}
		p = min(max(p, 2, left-29*rest), 29, left-2*rest)
		parts[i] = int64(p) * 100 * usd
		left -= p
	}
	if r.IntN(3) == 0 { // one instalment net of a fee
		parts[r.IntN(m)] -= int64(5+r.IntN(45)) * usd
	}
	r.Shuffle(m, func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
	return parts
}

func (g *gen) newHVT(i int) *hvt {
	s := hvtSpecs[i]
	habesha := s.nat == "ER" || s.nat == "ET"
	variants := arabicVariants
	if habesha {
		variants = habeshaVariants
	}
	given, spelled, _ := strings.Cut(pick(g.r, variants), ":")
	p := g.partyNamed(s.iso, func() string { return given + " " + g.fatherChain(habesha) })
	father := strings.Fields(p.name)[1]
	h := &hvt{id: fmt.Sprintf("HVT-%03d", i+1), nat: s.nat, born: s.born, p: p,
		strong: spelled + " " + father, weak: "Abu " + pick(g.r, arabicMale)}
	if habesha {
		h.weak = "Wedi " + father
	}
	h.variants = []string{p.name, given + " " + father, h.strong, h.weak}
	return h
}

// party makes a new party in the country with a distinct name and phone.
func (g *gen) party(iso string) *party {
	pct, ok := habeshaPct[iso]
	if !ok {
		pct = 75
	}
	return g.partyNamed(iso, func() string {
		h := g.r.IntN(100) < pct
		return g.given(h) + " " + g.fatherChain(h)
	})
}

func (g *gen) partyNamed(iso string, name func() string) *party {
	c := countries[iso]
	p := &party{country: iso, name: name()}
	for try := 0; g.used[p.name] || repeats(p.name); try++ {
		if try == 1000 {
			g.err = cmp.Or(g.err, errors.New("samples: ran out of distinct names; ask for fewer rows"))
			break
		}
		p.name = name()
	}
	g.used[p.name] = true
	city, code, _ := strings.Cut(pick(g.r, c.cities), ":")
	p.city, p.agent = city, fmt.Sprintf("WU-%s-%03d", code, 1+g.r.IntN(60))
	p.phone = g.unique(func() string {
		b := append([]byte(pick(g.r, c.prefixes)), byte('2'+g.r.IntN(8)))
		for range c.digits - 1 {
			b = append(b, byte('0'+g.r.IntN(10)))
		}
		return string(b)
	})
	return p
}

func (g *gen) given(habesha bool) string {
	if habesha {
		return pick(g.r, pick(g.r, [][]string{habeshaMale, habeshaMale, habeshaFemale}))
	}
	return pick(g.r, pick(g.r, [][]string{arabicMale, arabicMale, arabicFemale}))
}

// fatherChain is the father's and grandfather's given names.
func (g *gen) fatherChain(habesha bool) string {
	names := arabicMale
	if habesha {
		names = habeshaMale
	}
	father, grandfather := pick(g.r, names), pick(g.r, names)
	for grandfather == father {
		grandfather = pick(g.r, names)
	}
	return father + " " + grandfather
}

func (g *gen) unique(draw func() string) string {
	s := draw()
	for g.used[s] {
		s = draw()
	}
	g.used[s] = true
	return s
}

// maybe returns one of s with probability 1/oneIn, else "".
func (g *gen) maybe(s []string, oneIn int) string {
	if g.r.IntN(oneIn) != 0 {
		return ""
	}
	return pick(g.r, s)
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// repeats reports a name such as "Haile Amanuel Amanuel".
func repeats(name string) bool {
	f := strings.Fields(name)
	slices.Sort(f)
	return len(slices.Compact(f)) < len(strings.Fields(name))
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
