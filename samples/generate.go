// Package samples writes a small, deterministic synthetic data set with
// ground truth: two MTO exports, two hawala ledgers and two Dutch bank
// statements holding ordinary remittances and household bookings with
// planted ransom cases, the exchange rates that convert them, an HVT
// watchlist, and the truth files that say which rows belong to which case.
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

	"github.com/cmrflow/cmrflow/internal/normalize"
)

// Options controls Generate.
type Options struct {
	Out   string // output folder; created if missing
	Seed  uint64 // same seed + options -> byte-identical files
	Rows  int    // approx number of background transactions over all inbox files; 0 means default 20,000
	Cases int    // planted ransom cases; 0 means default 4
	// Scenario names one of the trainer's kit's worlds (Scenarios); it
	// fixes the seed, rows and cases so the kit's answer key fits.
	Scenario string
}

// Summary reports what Generate wrote.
type Summary struct {
	Files        []string // paths written, sorted
	Transactions int      // data rows written (including the deliberately broken ones)
	Cases        int
	Broken       int // deliberately broken rows written
}

const (
	defaultRows  = 20000 // with four cases, about 0.1 % illicit, as in AMLworld
	defaultCases = 4     // the fourth, a captive sold on and ransomed again
	roleRansom   = "ransom_payment"
	rolePassOn   = "pass_on" // the collector passes the ransom on
	roleLayer    = "layer"   // an intermediary passes it on to the HVT
	usd          = 100       // cents per dollar
)

var year = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

type party struct {
	name, phone, country, city, agent string
	iban                              string // bank account holders and bank counterparties only
}

type txn struct {
	at           time.Time
	from, to     *party
	cents        int64  // US cents, as ingest converts the amount
	cur          string // currency of minor; "" is USD
	minor        int64  // amount in minor units of cur (cents, öre, santim)
	rate         int64  // Addis book: the broker's birr per USD, in hundredths
	toName       string // the payee as the clerk wrote the name, when not as the party's
	broker       string // hawaladar; ledger rows only
	note         string
	code         string // bank rows: the bank's booking code (GT, OV, IC, BA)
	credit       bool   // bank rows: money came into the holder's account
	caseID, role string
	decoy        string // an innocent look-alike's id, with its kind
	decoyKind    string
	broken       bool
	ref          string
	file, sheet  string // where the row lands
	row          int    // as a person sees it: the header is row 1 (MT940: the line of :61:)
}

// holder is the account holder of a bank row.
func (t *txn) holder() *party {
	if t.credit {
		return t.to
	}
	return t.from
}

// other is the counterparty of a bank row.
func (t *txn) other() *party {
	if t.credit {
		return t.from
	}
	return t.to
}

type hvt struct {
	id, nat, born string
	p             *party
	variants      []string // names a ledger clerk might write, primary first
	strong, weak  string
	phone2        string // the HVT's other phone, known to no watchlist
	layer         *party // the intermediary between its collectors and it, where the plan has one
}

type plantedCase struct {
	id        string
	collector *party
	hvt       *hvt
	channel   channel
	holder    *party // the relative whose bank statement shows a payment
	rows      []*txn
	relatives []*party  // who paid the ransom
	last      time.Time // the last ransom payment
	resoldOf  string    // the case whose captive was sold on to this one's collector
	layer     *party    // the intermediary the collector paid, if any
}

// channel is the way a case's relatives pay besides the first MTO.
type channel int

const (
	chanMTO     channel = iota // MTO only
	chanBankCSV                // also a bank transfer in bank_nl.csv
	chanMT940                  // also a bank transfer in the MT940 file
	chanAddis                  // also a hawala payment in the Addis book
)

// channelOf gives the first three cases one extra channel each, so that
// every source holds a planted payment, and every other case after them
// the Addis book.
func channelOf(i int) channel {
	switch {
	case i < 3:
		return []channel{chanBankCSV, chanAddis, chanMT940}[i]
	case i%2 == 1:
		return chanAddis
	}
	return chanMTO
}

// shape is what a background source looks like.
type shape int

const (
	shapeMTO    shape = iota // the first MTO: times to the minute, USD
	shapeMTO2                // the second MTO: senders in Europe, local currencies
	shapeLedger              // the USD ledger: dates only, broker settlements
	shapeAddis               // the Addis book: dates only, payees in Addis Ababa, ETB
)

type gen struct {
	r         *rand.Rand
	used      map[string]bool   // names, phones, IBANs and references already handed out
	companies map[string]*party // bank counterparties by name, one IBAN each
	brokers   []*party
	phones    map[uint64]struct{} // every phone handed out, as digits
	mtcnOff   int64               // where the MTO's transfer numbers start
	plan      plan
	err       error // sticky: the first failure while building
}

// inbox holds the rows of every inbox file, numbered as a person sees them.
type inbox struct {
	mto, mto2, ledger, addis, bankNL, mt940 []*txn
	mt940Lines                              []string
}

func (in *inbox) count() int {
	return len(in.mto) + len(in.mto2) + len(in.ledger) + len(in.addis) + len(in.bankNL) + len(in.mt940)
}

// Generate writes the inbox, watchlist and truth files under opts.Out.
func Generate(ctx context.Context, opts Options) (Summary, error) {
	sum, _, err := build(ctx, opts)
	return sum, err
}

// world is what the truth files are written from, for the kit's answer keys.
type world struct {
	cases  []*plantedCase
	decoys []*txn
}

func build(ctx context.Context, opts Options) (Summary, *world, error) {
	if opts.Out == "" {
		return Summary{}, nil, errors.New("samples: no output folder")
	}
	p, err := planOf(opts)
	if err != nil {
		return Summary{}, nil, err
	}
	rows, cases := min(p.rows, bulkFrom), p.cases
	g := &gen{r: rand.New(rand.NewPCG(p.seed, p.seed^0x9e3779b97f4a7c15)), used: map[string]bool{}, companies: map[string]*party{},
		phones: map[uint64]struct{}{}, plan: p}
	g.mtcnOff = g.r.Int64N(9e9)

	// Shares of the background: MTO 45 %, second MTO 15 %, ledger 25 %,
	// Addis 10 %, each bank statement 2.5 %.
	nMTO, nMTO2, nAddis, nBank := max(1, rows*9/20), max(1, rows*3/20), max(1, rows/10), max(1, rows/40)
	var in inbox
	for _, b := range []struct {
		rows *[]*txn
		n    int
		sh   shape
	}{
		{&in.mto, nMTO, shapeMTO},
		{&in.mto2, nMTO2, shapeMTO2},
		{&in.ledger, max(1, rows-nMTO-nMTO2-nAddis-2*nBank), shapeLedger},
		{&in.addis, nAddis, shapeAddis},
	} {
		var err error
		if *b.rows, err = g.background(ctx, b.n, b.sh); err != nil {
			return Summary{}, nil, err
		}
	}
	hvts := make([]*hvt, 2+min(1, cases/4)) // two HVTs for up to three cases (one then has two collectors), three from four
	for i := range hvts {
		hvts[i] = g.newHVT(i)
	}
	namesakes, err := g.namesakes(ctx, hvts)
	if err != nil {
		return Summary{}, nil, err
	}
	in.mto = append(in.mto, namesakes.rows...)
	decoys, err := g.decoys(ctx, max(2, cases))
	if err != nil {
		return Summary{}, nil, err
	}
	in.mto = append(in.mto, decoys...)
	planted := make([]*plantedCase, cases)
	holders := map[channel]*party{}
	for i := range planted {
		var c *plantedCase
		if id := fmt.Sprintf("CASE-%03d", i+1); i%4 == 3 {
			// Every fourth captive is one sold on: the family pays again.
			c = g.resell(id, planted[i-3], hvts[(i+1)%len(hvts)])
		} else {
			c = g.plant(id, hvts[i%len(hvts)], p.channel(i))
		}
		for _, t := range c.rows {
			switch t.file {
			case mtoFile:
				in.mto = append(in.mto, t)
			case ledgerFile:
				in.ledger = append(in.ledger, t)
			case addisFile:
				in.addis = append(in.addis, t)
			case bankFile:
				in.bankNL = append(in.bankNL, t)
			case mt940File:
				in.mt940 = append(in.mt940, t)
			}
		}
		if c.holder != nil {
			holders[c.channel] = c.holder
		}
		planted[i] = c
	}
	for _, b := range []struct {
		rows *[]*txn
		ch   channel
	}{{&in.bankNL, chanBankCSV}, {&in.mt940, chanMT940}} {
		h := holders[b.ch]
		if h == nil { // no case pays through this bank: an ordinary customer
			h = g.party("NL")
		}
		if h.iban == "" {
			h.iban = g.iban()
		}
		bg, err := g.bankBackground(ctx, h, nBank)
		if err != nil {
			return Summary{}, nil, err
		}
		*b.rows = append(bg, *b.rows...)
	}
	if g.err != nil {
		return Summary{}, nil, g.err
	}
	finish(in.mto, g.mtcn)
	finish(in.ledger, func(i int) string { return fmt.Sprintf("HW-%04d", i+1) })
	for _, t := range in.ledger {
		t.sheet = ledgerSheet
	}
	number(in.mto2, func(int) string { return g.unique(func() string { return fmt.Sprintf("TX%010d", g.r.Int64N(1e10)) }) })
	number(in.bankNL, func(int) string { return "" }) // an ING export has no reference column
	number(in.mt940, func(int) string { return g.unique(func() string { return fmt.Sprintf("E2E%013d", g.r.Int64N(1e13)) }) })
	number(in.addis, func(i int) string { return fmt.Sprintf("AA-%05d", 1+i) })
	numberAddis(in.addis)
	in.mt940Lines = mt940Lines(in.mt940)
	for _, c := range planted {
		slices.SortStableFunc(c.rows, func(a, b *txn) int {
			return cmp.Or(btoi(a.role == rolePassOn)-btoi(b.role == rolePassOn), cmp.Compare(a.file, b.file),
				cmp.Compare(a.sheet, b.sheet), a.row-b.row)
		})
	}

	extra := p.rows - rows
	bulk := func(emit func(*txn) error) error { return g.bulk(ctx, extra, len(in.mto), emit) }
	files, err := write(ctx, opts.Out, &in, hvts, planted, namesakes.people, decoys, bulk)
	if err != nil {
		return Summary{}, nil, err
	}
	return Summary{Files: files, Transactions: in.count() + extra, Cases: cases, Broken: 2}, &world{planted, decoys}, nil
}

// mtcn is the MTO's transfer number of its i-th row: ten digits, unique
// for any i below nine billion (the multiplier is prime to 9e9).
func (g *gen) mtcn(i int) string {
	return strconv.FormatInt(1e9+(int64(i)*2654435761+g.mtcnOff)%9e9, 10)
}

// finish numbers rows as number does and breaks one background row in the
// middle.
func finish(rows []*txn, ref func(int) string) {
	number(rows, ref)
	for i := range rows {
		if t := rows[(len(rows)/2+i)%len(rows)]; t.caseID == "" && t.decoy == "" {
			t.broken = true
			return
		}
	}
}

// number sorts rows by time and numbers them below a one-line header.
func number(rows []*txn, ref func(int) string) {
	slices.SortStableFunc(rows, func(a, b *txn) int { return a.at.Compare(b.at) })
	for i, t := range rows {
		t.row, t.ref = i+2, ref(i)
	}
}

// background builds n ordinary remittances. A beneficiary gets at most two
// senders (siblings sharing a parent), so no background fan-in can form.
func (g *gen) background(ctx context.Context, n int, sh shape) ([]*txn, error) {
	r := g.r
	hawala := sh == shapeLedger || sh == shapeAddis
	if hawala && g.brokers == nil {
		for _, name := range brokerNames {
			g.brokers = append(g.brokers, g.partyNamed(pick(r, hubs), func() string { return name }))
		}
	}
	senders, payees := diaspora, home
	switch sh {
	case shapeMTO2:
		senders = europe
	case shapeAddis:
		payees = []string{"ET"}
	}
	var out []*txn
	var open *party // a beneficiary with one sender, free for a sibling to share
	for len(out) < n {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if sh == shapeLedger && r.IntN(20) == 0 {
			// Brokers settle in fixed pairs, so each payee broker has one sender.
			p := 2 * r.IntN(len(g.brokers)/2)
			out = append(out, &txn{at: year.AddDate(0, 0, r.IntN(181)), from: g.brokers[p], to: g.brokers[p+1],
				cents: int64(4000*usd + r.IntN(21000*usd)), broker: g.brokers[p].name, note: "settlement"})
			continue
		}
		s := g.party(pick(r, senders))
		broker := pick(r, brokerNames)
		for i := range 1 + btoi(r.IntN(5) == 0) {
			b := open
			if i > 0 || b == nil || r.IntN(6) != 0 {
				b = g.party(pick(r, payees))
				if sh == shapeAddis {
					b.city = "Addis Ababa"
				}
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
				g.price(t, sh)
				out = append(out, t)
			}
		}
	}
	return out, nil
}

// price writes the amount in the source's currency and sets cents to what
// ingest will make of it, so that truth and database agree.
func (g *gen) price(t *txn, sh shape) {
	switch sh {
	case shapeMTO2:
		t.cur = localCur[t.from.country]
		t.minor = fromUSD(t.cents, t.cur, t.at)
		if g.r.IntN(2) == 0 { // senders often pay a round sum in their own money
			t.minor = max(100, t.minor/1000*1000)
		}
		t.cents = toUSD(t.minor, t.cur, t.at)
	case shapeAddis:
		// The broker pays out whole dollars at the day's rate, in birr.
		dollars := max(50, t.cents/usd)
		if g.r.IntN(2) == 0 {
			dollars = max(50, dollars/50*50)
		}
		t.cur, t.rate = "ETB", birrPerUSD(t.at)
		t.minor = dollars * t.rate
		t.cents = toUSD(t.minor, t.cur, t.at)
		if g.r.IntN(3) == 0 {
			t.toName = geezName(t.to.name)
		}
	default:
		t.cur, t.minor = "USD", t.cents
	}
}

// geezName writes a name in Ge'ez when every part of it has a Ge'ez form.
func geezName(name string) string {
	parts := strings.Fields(name)
	for i, p := range parts {
		w, ok := geez[p]
		if !ok {
			return ""
		}
		parts[i] = w
	}
	return strings.Join(parts, " ")
}

// bankBackground builds about n bookings of a Dutch household over the
// first half of 2025: salary in, rent, insurance, energy and phone out by
// direct debit, and card payments in shops. Each counterparty has at most
// two account holders paying it, one per bank file, so none forms a fan-in.
func (g *gen) bankBackground(ctx context.Context, h *party, n int) ([]*txn, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r := g.r
	type debit struct {
		to    *party
		cents int64
		day   int
		memo  string
	}
	employer := g.company(pick(r, employers))
	salary := int64(2100+r.IntN(1300)) * 100
	fixed := []debit{
		{g.company(pick(r, landlords)), int64(650+r.IntN(500)) * 100, 1, "Huur"},
		{g.company(pick(r, insurers)), int64(13000 + r.IntN(3000)), 27, "Premie zorgverzekering"},
		{g.company(pick(r, utilities)), int64(9000 + r.IntN(9000)), 15, "Termijnbedrag energie"},
		{g.company(pick(r, telecoms)), int64(1500 + r.IntN(2500)), 20, "Abonnement"},
	}
	var out []*txn
	for m := range 6 {
		month := time.Month(1 + m)
		out = append(out, &txn{at: time.Date(2025, month, 23+r.IntN(3), 0, 0, 0, 0, time.UTC), from: employer, to: h,
			cur: "EUR", minor: salary, credit: true, code: "OV",
			note: "Salaris " + dutchMonths[m] + " 2025"})
		for _, d := range fixed {
			out = append(out, &txn{at: time.Date(2025, month, d.day, 0, 0, 0, 0, time.UTC), from: h, to: d.to,
				cur: "EUR", minor: d.cents, code: "IC", note: d.memo + " " + dutchMonths[m] + " 2025"})
		}
	}
	for len(out) < n {
		city, _, _ := strings.Cut(pick(r, countries["NL"].cities), ":")
		shop := &party{name: pick(r, shops) + " " + city}
		out = append(out, &txn{at: year.AddDate(0, 0, r.IntN(181)), from: h, to: shop, cur: "EUR",
			minor: int64(500 + r.IntN(11500)), code: "BA", note: fmt.Sprintf("%02d:%02d", 8+r.IntN(13), r.IntN(60))})
	}
	out = out[:min(len(out), n)]
	for _, t := range out {
		t.cents = toUSD(t.minor, t.cur, t.at)
	}
	return out, nil
}

// company is a bank counterparty, with the same IBAN in every file.
func (g *gen) company(name string) *party {
	if p, ok := g.companies[name]; ok {
		return p
	}
	p := &party{name: name, country: "NL", iban: g.iban()}
	g.companies[name] = p
	return p
}

// iban hands out a new valid Dutch IBAN.
func (g *gen) iban() string {
	return g.unique(func() string {
		bank, _, _ := strings.Cut(pick(g.r, nlBanks), ":")
		return nlIBAN(bank, 1e8+g.r.Int64N(9e9))
	})
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
// through the MTO within 13 days, who passes at least 80 % on to the HVT
// 1-5 days later. On the case's extra channel a relative also pays through
// the Addis book (to the collector, who then lives in Addis Ababa) or from
// a Dutch bank account to a collector in Europe.
func (g *gen) plant(id string, h *hvt, ch channel) *plantedCase {
	r := g.r
	hub := pick(r, hubs)
	if ch == chanAddis {
		hub = "ET"
	}
	c := &plantedCase{id: id, hvt: h, channel: ch, collector: g.party(hub)}
	if ch == chanAddis {
		c.collector.city = "Addis Ababa"
	}
	habesha := r.IntN(4) != 0
	family := g.fatherChain(habesha)
	isos := slices.Clone(diasporaISO)
	r.Shuffle(len(isos), func(i, j int) { isos[i], isos[j] = isos[j], isos[i] })
	if ch == chanBankCSV || ch == chanMT940 { // the first relative banks in the Netherlands
		nl := slices.Index(isos, "NL")
		isos[0], isos[nl] = isos[nl], isos[0]
	}
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
		c.rows = append(c.rows, &txn{at: at, from: payer, to: c.collector, cents: cents, cur: "USD", minor: cents,
			note: g.maybe(mtoMessages, 8), caseID: id, role: roleRansom, file: mtoFile})
	}
	// The extra payment falls inside the MTO payments' 14 days, so the
	// collector's fan-in stays one window.
	at := start.AddDate(0, 0, r.IntN(13))
	switch ch {
	case chanAddis:
		t := &txn{at: at, from: rel[r.IntN(n)], to: c.collector, cents: int64(5+r.IntN(21)) * 100 * usd,
			broker: pick(r, brokerNames), caseID: id, role: roleRansom, file: addisFile}
		g.price(t, shapeAddis)
		t.toName = "" // the collector as the MTO writes the name, so the case reads alike
		if g.plan.geezLedger {
			t.toName = geezName(c.collector.name)
		}
		if at.After(last) {
			last = at
		}
		total += t.cents
		c.rows = append(c.rows, t)
	case chanBankCSV, chanMT940:
		c.holder = rel[0]
		c.holder.iban = g.iban()
		europe := g.party("NL")
		europe.iban = g.iban()
		file := bankFile
		if ch == chanMT940 {
			file = mt940File
		}
		t := &txn{at: at, from: c.holder, to: europe, cur: "EUR", minor: int64(10+r.IntN(16)) * 100 * 100, code: "GT",
			note: pick(r, bankPurposes), caseID: id, role: roleRansom, file: file}
		t.cents = toUSD(t.minor, t.cur, t.at)
		c.rows = append(c.rows, t)
	}

	c.relatives, c.last = rel, last
	g.passOn(c, total, last)
	return c
}

// passOn has the collector pass at least 80 % of the ransom to the HVT
// through the USD ledger, in one or two payments 1-5 days after the last.
// Where the plan puts a layer between them, the collector pays the HVT's
// intermediary, who pays the HVT 90-97 % of it one to four days later.
func (g *gen) passOn(c *plantedCase, total int64, last time.Time) {
	r, h := g.r, c.hvt
	next := func() *party { return g.hvtPayee(h) }
	if g.plan.layers {
		if h.layer == nil {
			h.layer = g.partyNamed("AE", func() string {
				return g.given(false) + " " + strings.Fields(g.fatherChain(false))[0] + " General Trading"
			})
		}
		c.layer = h.layer
		next = func() *party { return h.layer }
	}
	out := (total*int64(80+r.IntN(16))/100 + 100*usd - 1) / (100 * usd) * (100 * usd)
	split := []int64{out}
	if r.IntN(2) == 0 {
		a := out * int64(40+r.IntN(21)) / 100 / (100 * usd) * (100 * usd)
		split = []int64{a, out - a}
	}
	off, broker := 1+r.IntN(5), pick(r, brokerNames)
	day := time.Date(last.Year(), last.Month(), last.Day(), 0, 0, 0, 0, time.UTC)
	var sent time.Time
	for j, cents := range split {
		at := day.AddDate(0, 0, min(5, off+j*r.IntN(2)))
		if at.After(sent) {
			sent = at
		}
		c.rows = append(c.rows, &txn{at: at, from: c.collector, to: next(), cents: cents, cur: "USD", minor: cents,
			broker: broker, note: g.maybe(passOnNotes, 4), caseID: c.id, role: rolePassOn, file: ledgerFile})
	}
	if c.layer != nil {
		on := out * int64(90+r.IntN(8)) / 100 / (100 * usd) * (100 * usd)
		c.rows = append(c.rows, &txn{at: sent.AddDate(0, 0, 1+r.IntN(4)), from: c.layer, to: g.hvtPayee(h), cents: on,
			cur: "USD", minor: on, broker: pick(r, brokerNames), note: pick(r, passOnNotes), caseID: c.id,
			role: roleLayer, file: ledgerFile})
	}
}

// hvtPayee is the HVT as one ledger row writes it: one of its names, and
// now and then its unlisted phone.
func (g *gen) hvtPayee(h *hvt) *party {
	payee := *h.p
	payee.name = pick(g.r, h.variants)
	if g.r.IntN(3) == 0 {
		payee.phone = h.phone2
	}
	return &payee
}

// resell plants the second ransom of a captive sold on: three to eight
// weeks after the first, the same relatives pay a new collector, through
// the MTO, who passes the money to the buyer's HVT.
func (g *gen) resell(id string, prev *plantedCase, h *hvt) *plantedCase {
	r := g.r
	c := &plantedCase{id: id, hvt: h, collector: g.party(pick(r, hubs)), resoldOf: prev.id, relatives: prev.relatives}
	start := prev.last.AddDate(0, 0, 21+r.IntN(36))
	var total int64
	n := len(c.relatives)
	for i, cents := range g.ransomParts(n) {
		payer := c.relatives[i%n]
		at := start.AddDate(0, 0, r.IntN(13)).Add(time.Duration(8*60+r.IntN(12*60)) * time.Minute)
		if at.After(c.last) {
			c.last = at
		}
		total += cents
		c.rows = append(c.rows, &txn{at: at, from: payer, to: c.collector, cents: cents, cur: "USD", minor: cents,
			note: g.maybe(mtoMessages, 8), caseID: id, role: roleRansom, file: mtoFile})
	}
	g.passOn(c, total, c.last)
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

// namesakesPerHVT innocent people share most of each HVT's name.
const namesakesPerHVT = 6

type namesakeSet struct {
	people []namesake
	rows   []*txn
}

type namesake struct {
	p   *party
	hvt string
}

// namesakes makes innocent people whose names nearly match an HVT's: the
// same given and father's name with another grandfather, the HVT's other
// spelling, or exactly the two names of the HVT's listed alias. Each has a phone of their own and
// is supported by one relative through the MTO, as any receiver is.
func (g *gen) namesakes(ctx context.Context, hvts []*hvt) (namesakeSet, error) {
	var set namesakeSet
	for _, h := range hvts {
		habesha := h.nat == "ER" || h.nat == "ET"
		parts := strings.Fields(h.p.name)
		// A near-namesake's own grandfather is never the HVT's.
		another := func(i int) string {
			for {
				if n := strings.Fields(g.fatherChain(habesha))[i]; n != parts[2] {
					return n
				}
			}
		}
		for k := range namesakesPerHVT {
			if err := ctx.Err(); err != nil {
				return set, err
			}
			var name func() string
			switch k % 3 {
			case 0: // another grandfather
				name = func() string { return parts[0] + " " + parts[1] + " " + another(1) }
			case 1: // the other spelling, another grandfather
				name = func() string { return h.strong + " " + another(1) }
			default: // exactly the HVT's listed alias: another man of the same two names
				name = func() string {
					if !g.used[h.strong] {
						return h.strong
					}
					return h.strong + " " + another(0)
				}
			}
			p := g.partyNamed(pick(g.r, home), name)
			s := g.party(pick(g.r, diaspora))
			m0, dom := g.r.IntN(3), 1+g.r.IntN(28)
			for m := m0; m < m0+3; m++ {
				t := &txn{from: s, to: p, cents: g.everyday(), broker: pick(g.r, brokerNames),
					at: time.Date(2025, time.Month(1+m), dom, 8+g.r.IntN(12), g.r.IntN(60), 0, 0, time.UTC)}
				g.price(t, shapeMTO)
				set.rows = append(set.rows, t)
			}
			set.people = append(set.people, namesake{p, h.id})
		}
	}
	return set, nil
}

// newHVT makes an HVT whose grandfather's name is a compound one, so that
// records can split it, with the variants of the name a ledger clerk writes:
// in full, without the grandfather, with the given name spelled otherwise,
// the weak alias, father's name first, the compound split, and in Ge'ez or
// Arabic script. The second phone is on no watchlist.
func (g *gen) newHVT(i int) *hvt {
	s := hvtSpecs[i]
	habesha := s.nat == "ER" || s.nat == "ET"
	variants, compounds := arabicVariants, arabicCompounds
	if habesha {
		variants, compounds = habeshaVariants, habeshaCompounds
	}
	given, spelled, _ := strings.Cut(pick(g.r, variants), ":")
	p := g.partyNamed(s.iso, func() string {
		father := strings.Fields(g.fatherChain(habesha))[0]
		return given + " " + father + " " + pick(g.r, compounds)
	})
	parts := strings.Fields(p.name)
	father := parts[1]
	h := &hvt{id: fmt.Sprintf("HVT-%03d", i+1), nat: s.nat, born: s.born, p: p,
		strong: spelled + " " + father, weak: "Abu " + pick(g.r, arabicMale)}
	if habesha {
		h.weak = "Wedi " + father
	}
	h.phone2 = g.partyNamed(s.iso, func() string { return "second phone of " + h.id }).phone
	script := geezName(p.name)
	if !habesha {
		script = arabicName(p.name)
	}
	h.variants = []string{p.name, given + " " + father, h.strong, h.weak, father + " " + given,
		given + " " + father + " " + splitNames[parts[2]], script}
	return h
}

// arabicName writes a name in Arabic script when every part has a form.
func arabicName(name string) string {
	parts := strings.Fields(name)
	for i, p := range parts {
		w, ok := arabicScript[p]
		if !ok {
			return ""
		}
		parts[i] = w
	}
	return strings.Join(parts, " ")
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
	for {
		// Not every range behind a prefix is in use: draw until the
		// number is one the phone library (and so ingest) accepts.
		for try := 0; ; try++ {
			b := append([]byte(pick(g.r, c.prefixes)), byte('2'+g.r.IntN(8)))
			for range c.digits - 1 {
				b = append(b, byte('0'+g.r.IntN(10)))
			}
			if _, ok := normalize.Phone(string(b), ""); ok || try == 100 {
				p.phone = string(b)
				break
			}
		}
		// Phones stay unique over a whole run, also when names repeat
		// between bulk segments: a number as an integer costs little.
		key, _ := strconv.ParseUint(p.phone[1:], 10, 64)
		if _, dup := g.phones[key]; !dup {
			g.phones[key] = struct{}{}
			return p
		}
	}
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
