// Package link resolves parties from transactions and links them to the
// HVT watchlist, each link with its explanation.
package link

import (
	"cmp"
	"context"
	"database/sql"
	_ "embed"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/cmrflow/cmrflow/internal/normalize"
	"github.com/cmrflow/cmrflow/store"
)

var (
	//go:embed sql/sides.sql
	sidesSQL string
	//go:embed sql/parties.sql
	partiesSQL string
	//go:embed sql/collected.sql
	collectedSQL string
	//go:embed sql/network.sql
	networkSQL string
	//go:embed sql/risk.sql
	riskSQL string
)

// Options tune a link run.
type Options struct {
	RunID  string
	Logger *slog.Logger
	// Link and Review are the score thresholds: a pair scoring at least
	// Link is linked, one between Review and Link waits in the review
	// queue. Zero means 0.90 and 0.70.
	Link, Review float64
	// Hops bounds the walk from linked parties back along the money
	// (network proximity); zero means 2.
	Hops int
}

// Result counts what a link run produced.
type Result struct {
	Parties     int
	Links       int            // at or above the link threshold, or confirmed
	Review      int            // in the review band, undecided
	Network     int            // parties whose money reaches a linked party
	Comparisons map[string]int // pairs each blocking rule proposed
	Compared    int            // distinct pairs compared
	Took        time.Duration
}

// Run rebuilds parties from transactions, then links them to the watchlist.
func Run(ctx context.Context, db *store.DB, opts Options) (Result, error) {
	start := time.Now()
	opts.Link, opts.Review = cmp.Or(opts.Link, 0.90), cmp.Or(opts.Review, 0.70)
	res := Result{Comparisons: map[string]int{}}
	err := db.Write(ctx, func(tx *store.Tx) error {
		if err := tx.ExecScript(ctx, sidesSQL); err != nil {
			return fmt.Errorf("read parties' records: %w", err)
		}
		nodes, err := readNodes(ctx, tx)
		if err != nil {
			return err
		}
		share := rarityOf(nodes)
		partyOf, ids, err := resolve(ctx, tx, nodes, share)
		if err != nil {
			return fmt.Errorf("resolve parties: %w", err)
		}
		res.Parties = len(ids)
		if err := tx.ExecScript(ctx, partiesSQL); err != nil {
			return fmt.Errorf("write parties: %w", err)
		}
		if err := tx.ExecScript(ctx, collectedSQL); err != nil {
			return fmt.Errorf("find collections passed on: %w", err)
		}
		if err := match(ctx, tx, nodes, partyOf, ids, share, opts, &res); err != nil {
			return err
		}
		if err := tx.ExecScript(ctx, networkSQL, sql.Named("hops", cmp.Or(opts.Hops, 2)),
			sql.Named("run_id", nullable(opts.RunID))); err != nil {
			return fmt.Errorf("walk the network: %w", err)
		}
		if err := tx.ExecScript(ctx, riskSQL); err != nil {
			return fmt.Errorf("party risk: %w", err)
		}
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM hvt_links WHERE method = 'network'`).Scan(&res.Network)
	})
	res.Took = time.Since(start)
	return res, err
}

// rarityOf counts each name part over all records, so that agreeing on a
// common part (Mohammed, Tesfay) weighs less than on a rare one.
func rarityOf(nodes []*node) rarity {
	counts := map[string]int{}
	total := 0
	for _, n := range nodes {
		for _, p := range n.form.parts {
			counts[p] += n.n
			total += n.n
		}
	}
	// A pseudo-count of 1 % keeps a small case file from calling every
	// name common: with few records the share says little.
	return func(part string) float64 {
		return (float64(counts[part]) + 10) / (float64(total) + 1000)
	}
}

// hvtName is one name an HVT is listed under.
type hvtName struct {
	form nameForm
	weak bool
}

type hvtEntry struct {
	id               string
	names            []hvtName
	phones, accounts []string
}

// Blocking rules, as link -v names them.
const (
	rulePhone = 1 << iota
	ruleAccount
	ruleSounds
	ruleGivenFather
	ruleCollected
)

var ruleNames = [...]string{"phone", "account", "two shared name sounds", "given name and father's start", "receives a collection passed on"}

// partyNames is what the comparison needs of a party: its distinct names,
// its phones and accounts, sorted, and the largest collection passed on to
// it, if any.
type partyNames struct {
	id               string
	names            []*node
	phones, accounts []string
	collected        *collection
}

// match blocks, scores and explains: the watchlist's blocking keys go into
// hash maps (a thousand HVTs make a few thousand keys), every party's keys
// probe them once, and each pair a rule proposes is scored.
func match(ctx context.Context, tx *store.Tx, nodes []*node, partyOf []int32, ids []string, share rarity, opts Options, res *Result) error {
	byID, err := readWatchlist(ctx, tx)
	if err != nil {
		return err
	}
	hvtIDs := sortedKeys(byID)
	hvts := make([]*hvtEntry, len(hvtIDs))
	for i, id := range hvtIDs {
		h := byID[id]
		for j := range h.names {
			h.names[j].form = h.names[j].form.withWeights(share)
		}
		hvts[i] = h
	}
	parties := partiesOf(nodes, partyOf, ids)
	collected, err := readCollections(ctx, tx)
	if err != nil {
		return err
	}
	if len(collected) > 0 {
		for i := range parties {
			parties[i].collected = collected[parties[i].id]
		}
	}
	ev := weighEvidence(parties, hvts)
	pairs, counts := block(hvts, parties)
	for r, n := range counts {
		if n > 0 {
			res.Comparisons[ruleNames[r]] = n
		}
	}
	res.Compared = len(pairs)
	decisions, err := readDecisions(ctx, tx)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM hvt_links`); err != nil {
		return err
	}
	// Score every pair on both cores without words; explain the few kept.
	type scored struct {
		score  float64
		status string
	}
	out := make([]scored, len(pairs))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(pairs); i += workers {
				h, p := hvts[pairs[i].hvt], parties[pairs[i].party]
				s := score(partyBits(h, &p, share, &ev))
				var status string
				if len(decisions) > 0 {
					status = decisions[h.id+"|"+p.id]
				}
				switch {
				case status != "":
				case s >= opts.Link:
					status = "link"
				case s >= opts.Review:
					status = "review"
				}
				out[i] = scored{s, status}
			}
		})
	}
	wg.Wait()
	err = tx.Append(ctx, "hvt_links", func(a *duckdb.Appender) error {
		for i, pr := range pairs {
			s, status := out[i].score, out[i].status
			switch status {
			case "":
				continue
			case "link", "confirmed":
				res.Links++
			case "review":
				res.Review++
			}
			h, p := hvts[pr.hvt], parties[pr.party]
			_, fs, method := compareParty(h, &p, share, &ev, nil, true)
			// Columns as in the table: hvt_id, party_id, score, method, hops, explanation, run_id, status, path.
			if err := a.AppendRow(h.id, p.id, s, method, int32(0), explain(fs),
				nullable(opts.RunID), status, nil); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return corroborateByPayer(ctx, tx, hvts, parties, share, &ev, opts, res)
}

// explain writes a link's features one a line, the prior last.
func explain(fs []feature) string {
	lines := make([]string, 0, len(fs)+1)
	for _, f := range fs {
		lines = append(lines, f.String())
	}
	lines = append(lines, feature{priorBits, other, "prior: one HVT among many parties"}.String())
	return strings.Join(lines, "\n")
}

// partiesOf gathers each party's named nodes, phones and accounts, in the
// order of the nodes.
func partiesOf(nodes []*node, partyOf []int32, ids []string) []partyNames {
	parties := make([]partyNames, len(ids))
	for i, n := range nodes {
		p := &parties[partyOf[i]]
		p.id = ids[partyOf[i]]
		if len(n.form.parts) > 0 {
			p.names = append(p.names, n)
		}
		if n.phone != "" {
			p.phones = append(p.phones, n.phone)
		}
		if n.account != "" {
			p.accounts = append(p.accounts, n.account)
		}
	}
	for i := range parties {
		p := &parties[i]
		if len(p.phones) > 1 {
			slices.Sort(p.phones)
			p.phones = slices.Compact(p.phones)
		}
		if len(p.accounts) > 1 {
			slices.Sort(p.accounts)
			p.accounts = slices.Compact(p.accounts)
		}
	}
	return parties
}

type candidate struct{ party, hvt int32 }

// block applies the blocking rules (exact phone, exact account, two shared
// name sounds, given name's sound with the father's start, and every HVT
// for the few parties that receive a collection passed on) and returns the
// distinct pairs, by party and then HVT, with how many pairs each rule
// proposed.
func block(hvts []*hvtEntry, parties []partyNames) ([]candidate, [len(ruleNames)]int) {
	byPhone, byAccount, byKey := map[string][]int32{}, map[string][]int32{}, map[string][]int32{}
	add := func(m map[string][]int32, key string, h int32) {
		if l := m[key]; len(l) == 0 || l[len(l)-1] != h {
			m[key] = append(l, h)
		}
	}
	for hi, h := range hvts {
		for _, ph := range h.phones {
			add(byPhone, ph, int32(hi))
		}
		for _, acct := range h.accounts {
			add(byAccount, acct, int32(hi))
		}
		for _, n := range h.names {
			for _, k := range blockingKeys(n.form) {
				add(byKey, k[0][:1]+k[1], int32(hi))
			}
		}
	}
	var counts [len(ruleNames)]int
	var pairs []candidate
	type proposed struct {
		hvt   int32
		rules uint8
	}
	var found []proposed
	seen := make([]int32, len(hvts)) // party index + 1 that proposed it last
	at := make([]int32, len(hvts))
	propose := func(pi int32, hs []int32, rule uint8) {
		for _, h := range hs {
			if seen[h] != pi+1 {
				seen[h], at[h] = pi+1, int32(len(found))
				found = append(found, proposed{h, 0})
			}
			found[at[h]].rules |= rule
		}
	}
	every := make([]int32, len(hvts))
	for i := range every {
		every[i] = int32(i)
	}
	var buf []byte
	for i := range parties {
		p, pi := &parties[i], int32(i)
		found = found[:0]
		if p.collected != nil {
			propose(pi, every, ruleCollected)
		}
		for _, ph := range p.phones {
			propose(pi, byPhone[ph], rulePhone)
		}
		for _, acct := range p.accounts {
			propose(pi, byAccount[acct], ruleAccount)
		}
		for _, n := range p.names {
			f := n.form
			for x := range f.sounds {
				for y := x + 1; y < len(f.sounds); y++ {
					a, b := f.sounds[x], f.sounds[y]
					if a == "" || b == "" {
						continue
					}
					if b < a {
						a, b = b, a
					}
					buf = append(append(append(append(buf[:0], 's'), a...), ' '), b...)
					propose(pi, byKey[string(buf)], ruleSounds)
				}
			}
			if len(f.parts) >= 2 && f.sounds[0] != "" {
				buf = append(append(append(append(buf[:0], 'g'), f.sounds[0]...), '|'), f.parts[1][:min(3, len(f.parts[1]))]...)
				propose(pi, byKey[string(buf)], ruleGivenFather)
			}
		}
		slices.SortFunc(found, func(a, b proposed) int { return cmp.Compare(a.hvt, b.hvt) })
		for _, c := range found {
			pairs = append(pairs, candidate{pi, c.hvt})
			for r := range counts {
				if c.rules&(1<<r) != 0 {
					counts[r]++
				}
			}
		}
	}
	return pairs, counts
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// compareParty scores a party against an HVT: the best of its names
// against the best of the HVT's, plus shared phones and accounts; without
// those, a phone in the country of a listed one; a collection passed on to
// the party; and via, a payer it shares with a party linked to the HVT
// (nil when scoring the first time).
func compareParty(h *hvtEntry, p *partyNames, share rarity, ev *evidence, via *sharedPayer, explain bool) (float64, []feature, string) {
	best, bestF := 0.0, []feature(nil)
	found := false
	primary := h.names[0].form
	for _, hn := range h.names {
		for _, n := range p.names {
			bits, fs := compareNames(hn.form, n.form, share, explain)
			if hn.weak && bits > weakAliasCap {
				bits = weakAliasCap
				fs = []feature{{weakAliasCap, other, ""}}
				if explain {
					fs[0].text = fmt.Sprintf("weak alias %s~%s (capped)", hn.form.written, n.name)
				}
			}
			// An alias without the grandfather still belongs to a man
			// whose grandfather the primary name gives.
			if !hn.weak && len(hn.form.parts) < len(primary.parts) && len(n.form.parts) > len(hn.form.parts) {
				extra := grandparts(primary, n.form, len(hn.form.parts), share, explain)
				bits += sum(extra)
				fs = append(fs, extra...)
			}
			if !found || bits > best {
				best, bestF, found = bits, fs, true
			}
		}
	}
	method := "name"
	var ids []feature
	for _, acct := range p.accounts {
		if slices.Contains(h.accounts, acct) {
			ids = append(ids, feature{identifierWt, other, "account " + acct + " exact"})
			method = "account"
		}
	}
	for _, ph := range p.phones {
		if slices.Contains(h.phones, ph) {
			ids = append(ids, feature{identifierWt, other, "phone " + ph + " exact"})
			method = "phone"
		}
	}
	// The country tells where a man is, not who: it adds to a name that
	// fits, never to one that names another father or grandfather.
	if len(ids) == 0 && !contradicting(bestF) {
		if w, ph, listed := ev.countryBits(h, p.phones); w > 0 {
			f := feature{w, other, ""}
			if explain {
				f.text = fmt.Sprintf("phone %s in the country of listed %s (+%s)", ph, listed, ev.codeOf[ph[:4]])
			}
			bestF = append(bestF, f)
			best += w
		}
	}
	if c := p.collected; c != nil && ev != nil {
		f := feature{ev.money, other, ""}
		if explain {
			f.text = fmt.Sprintf("money: USD %.2f from %s on %s, %.0f %% of the USD %.2f %d senders paid it in the 19 days before (a collection passed on)",
				c.usd, c.payer, c.paidAt.Format(time.DateOnly), 100*c.usd/c.usdIn, c.usdIn, c.senders)
		}
		bestF = append(bestF, f)
		best += ev.money
	}
	if via != nil {
		f := feature{via.weight, other, ""}
		if explain {
			f.text = fmt.Sprintf("payer: %s also pays %s, linked to %s", via.payer, via.linked, h.id)
		}
		bestF = append(bestF, f)
		best += via.weight
	}
	// Many men share a given and a father's name: without a phone or an
	// account, two agreeing parts (or three with the first two swapped)
	// send a pair to review, never to a link,
	// unless the party receives a collection passed on and no part of its
	// name contradicts: few parties are paid so, and a man with another
	// father or grandfather is another man whatever he is paid.
	corroborated := (p.collected != nil && ev != nil || via != nil) && !contradicting(bestF)
	if len(ids) == 0 && agreeing(bestF) < 3 && !corroborated && best > shortNameCap {
		bestF = append(bestF, feature{shortNameCap - best, other, "cap: fewer than three parts agree in their places and no identifier"})
		best = shortNameCap
	}
	fs := append(ids, bestF...)
	return best + sum(ids), fs, method
}

// partyBits is compareParty's weight without the features: the same sums
// in the same order, so the same score, with no allocation.
func partyBits(h *hvtEntry, p *partyNames, share rarity, ev *evidence) float64 {
	best, bestAgree, bestContra := 0.0, 0, 0
	found := false
	primary := h.names[0].form
	for _, hn := range h.names {
		for _, n := range p.names {
			bits, agree, contra := nameBits(hn.form, n.form, share)
			if hn.weak && bits > weakAliasCap {
				bits, agree, contra = weakAliasCap, 0, 0
			}
			if !hn.weak && len(hn.form.parts) < len(primary.parts) && len(n.form.parts) > len(hn.form.parts) {
				extra, extraAgree, extraContra := grandBits(primary, n.form, len(hn.form.parts), share)
				bits += extra
				agree += extraAgree
				contra += extraContra
			}
			if !found || bits > best {
				best, bestAgree, bestContra, found = bits, agree, contra, true
			}
		}
	}
	ids := 0.0
	shared := false
	for _, acct := range p.accounts {
		if slices.Contains(h.accounts, acct) {
			ids += identifierWt
			shared = true
		}
	}
	for _, ph := range p.phones {
		if slices.Contains(h.phones, ph) {
			ids += identifierWt
			shared = true
		}
	}
	if !shared && bestContra == 0 {
		if w, _, _ := ev.countryBits(h, p.phones); w > 0 {
			best += w
		}
	}
	if p.collected != nil && ev != nil {
		best += ev.money
	}
	corroborated := p.collected != nil && ev != nil && bestContra == 0
	if !shared && bestAgree < 3 && !corroborated && best > shortNameCap {
		best = shortNameCap
	}
	return best + ids
}

// agreeing counts the parts that agree in their places: with the father's
// name first, the given name and the father's agree only as a pair, since
// a cousin named after his uncle is written so too.
func agreeing(fs []feature) int {
	n := 0
	for _, f := range fs {
		switch f.kind {
		case agrees:
			n++
		case swapped:
			n--
		}
	}
	return n
}

func contradicting(fs []feature) bool {
	for _, f := range fs {
		if f.kind == contradicts {
			return true
		}
	}
	return false
}

// grandparts compares the parts from slot `from` on of a party's name with
// the primary name's.
func grandparts(primary, party nameForm, from int, share rarity, explain bool) []feature {
	var fs []feature
	for k := from; k < min(len(primary.parts), len(party.parts)); k++ {
		h, p := primary.parts[k], party.parts[k]
		var f feature
		switch {
		case h == p:
			f = feature{agreeWeight(share(h)), agrees, "(exact)"}
		case primary.sounds[k] == party.sounds[k]:
			f = feature{max(1, agreeWeight(share(h))-phoneticLess), agrees, "(phonetic)"}
		case k == 2:
			f = feature{wrongGrand, contradicts, ""}
		default:
			continue
		}
		if explain {
			f.text = describe(k, h, p, f) + " on the primary name"
		}
		fs = append(fs, f)
	}
	return fs
}

func readWatchlist(ctx context.Context, tx *store.Tx) (map[string]*hvtEntry, error) {
	rows, err := tx.QueryContext(ctx, `SELECT hvt_id, primary_name, aliases, coalesce(weak_aliases, []), phones, accounts FROM watchlist`)
	if err != nil {
		return nil, fmt.Errorf("read watchlist: %w", err)
	}
	defer rows.Close()
	out := map[string]*hvtEntry{}
	for rows.Next() {
		var id, primary string
		var aliases, weak, phones, accounts []any
		if err := rows.Scan(&id, &primary, &aliases, &weak, &phones, &accounts); err != nil {
			return nil, err
		}
		h := &hvtEntry{id: id, phones: strs(phones), accounts: strs(accounts)}
		weakSet := strs(weak)
		for _, n := range append([]string{primary}, strs(aliases)...) {
			h.names = append(h.names, hvtName{form: formOf(n, normalize.NameKey(n)), weak: slices.Contains(weakSet, n)})
		}
		out[id] = h
	}
	return out, rows.Err()
}

func strs(v []any) []string {
	out := make([]string, 0, len(v))
	for _, x := range v {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// blockingKeys are a name's (kind, key) pairs: each two of its part sounds,
// sorted and joined; and its given name's sound with the start of its
// father's name.
func blockingKeys(f nameForm) [][2]string {
	var out [][2]string
	for i := range f.sounds {
		for j := i + 1; j < len(f.sounds); j++ {
			a, b := f.sounds[i], f.sounds[j]
			if a == "" || b == "" {
				continue
			}
			if b < a {
				a, b = b, a
			}
			out = append(out, [2]string{"sounds", a + " " + b})
		}
	}
	if len(f.parts) >= 2 && f.sounds[0] != "" {
		out = append(out, [2]string{"given_father", f.sounds[0] + "|" + f.parts[1][:min(3, len(f.parts[1]))]})
	}
	return out
}

func readDecisions(ctx context.Context, tx *store.Tx) (map[string]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT hvt_id || '|' || party_id, decision FROM link_decisions`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, d string
		if err := rows.Scan(&k, &d); err != nil {
			return nil, err
		}
		out[k] = d
	}
	return out, rows.Err()
}
