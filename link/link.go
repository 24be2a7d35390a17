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
	//go:embed sql/candidates.sql
	candidatesSQL string
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
		if res.Parties, err = resolve(ctx, tx, nodes, share); err != nil {
			return fmt.Errorf("resolve parties: %w", err)
		}
		if err := tx.ExecScript(ctx, partiesSQL); err != nil {
			return fmt.Errorf("write parties: %w", err)
		}
		if err := match(ctx, tx, nodes, share, opts, &res); err != nil {
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

func match(ctx context.Context, tx *store.Tx, nodes []*node, share rarity, opts Options, res *Result) error {
	hvts, err := readWatchlist(ctx, tx)
	if err != nil {
		return err
	}
	for _, h := range hvts {
		for i := range h.names {
			h.names[i].form = h.names[i].form.withWeights(share)
		}
	}
	names := map[string][]*node{} // party -> its distinct names
	rows, err := tx.QueryContext(ctx, `SELECT node, party_id FROM link_party`)
	if err != nil {
		return err
	}
	byKey := map[string]*node{}
	for _, n := range nodes {
		byKey[n.key] = n
	}
	for rows.Next() {
		var key, party string
		if err := rows.Scan(&key, &party); err != nil {
			rows.Close()
			return err
		}
		if n := byKey[key]; n != nil && len(n.form.parts) > 0 {
			names[party] = append(names[party], n)
		}
	}
	rows.Close()
	if err := writeSounds(ctx, tx, names, hvts); err != nil {
		return err
	}
	if err := tx.ExecScript(ctx, candidatesSQL); err != nil {
		return fmt.Errorf("block candidates: %w", err)
	}
	if err := countRules(ctx, tx, res); err != nil {
		return err
	}
	decisions, err := readDecisions(ctx, tx)
	if err != nil {
		return err
	}
	type pair struct{ party, hvt string }
	var pairs []pair
	rows, err = tx.QueryContext(ctx, `SELECT DISTINCT party_id, hvt_id FROM link_candidates ORDER BY ALL`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var p pair
		if err := rows.Scan(&p.party, &p.hvt); err != nil {
			rows.Close()
			return err
		}
		pairs = append(pairs, p)
	}
	rows.Close()
	res.Compared = len(pairs)
	phonesOf, accountsOf, err := identifiers(ctx, tx)
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
				p := pairs[i]
				bits, _, _ := compareParty(hvts[p.hvt], names[p.party], phonesOf[p.party], accountsOf[p.party], share, false)
				s := score(bits)
				status := decisions[p.hvt+"|"+p.party]
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
	return tx.Append(ctx, "hvt_links", func(a *duckdb.Appender) error {
		for i, p := range pairs {
			s, status := out[i].score, out[i].status
			switch status {
			case "":
				continue
			case "link", "confirmed":
				res.Links++
			case "review":
				res.Review++
			}
			_, fs, method := compareParty(hvts[p.hvt], names[p.party], phonesOf[p.party], accountsOf[p.party], share, true)
			lines := make([]string, 0, len(fs)+1)
			for _, f := range fs {
				lines = append(lines, f.String())
			}
			lines = append(lines, feature{priorBits, other, "prior: one HVT among many parties"}.String())
			// Columns as in the table: hvt_id, party_id, score, method, hops, explanation, run_id, status, path.
			if err := a.AppendRow(p.hvt, p.party, s, method, int32(0), strings.Join(lines, "\n"),
				nullable(opts.RunID), status, nil); err != nil {
				return err
			}
		}
		return nil
	})
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// compareParty scores a party against an HVT: the best of its names
// against the best of the HVT's, plus shared phones and accounts.
func compareParty(h *hvtEntry, names []*node, phones, accounts []string, share rarity, explain bool) (float64, []feature, string) {
	best, bestF := 0.0, []feature(nil)
	found := false
	primary := h.names[0].form
	for _, hn := range h.names {
		for _, n := range names {
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
	for _, acct := range accounts {
		if slices.Contains(h.accounts, acct) {
			ids = append(ids, feature{identifierWt, other, "account " + acct + " exact"})
			method = "account"
		}
	}
	for _, ph := range phones {
		if slices.Contains(h.phones, ph) {
			ids = append(ids, feature{identifierWt, other, "phone " + ph + " exact"})
			method = "phone"
		}
	}
	// Many men share a given and a father's name: without a phone or an
	// account, two agreeing parts send a pair to review, never to a link.
	if len(ids) == 0 && agreeing(bestF) < 3 && best > shortNameCap {
		bestF = append(bestF, feature{shortNameCap - best, other, "cap: fewer than three parts agree and no identifier"})
		best = shortNameCap
	}
	fs := append(ids, bestF...)
	return best + sum(ids), fs, method
}

func agreeing(fs []feature) int {
	n := 0
	for _, f := range fs {
		if f.kind == agrees {
			n++
		}
	}
	return n
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

// writeSounds writes the blocking keys of every name, for
// candidates.sql.
func writeSounds(ctx context.Context, tx *store.Tx, names map[string][]*node, hvts map[string]*hvtEntry) error {
	if _, err := tx.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE link_pkeys (party_id VARCHAR, kind VARCHAR, key VARCHAR);
		CREATE OR REPLACE TEMP TABLE link_hkeys (hvt_id VARCHAR, kind VARCHAR, key VARCHAR)`); err != nil {
		return err
	}
	write := func(table string, forms map[string][]nameForm) error {
		return tx.Append(ctx, table, func(a *duckdb.Appender) error {
			for _, id := range sortedKeys(forms) {
				seen := map[[2]string]bool{}
				for _, f := range forms[id] {
					for _, k := range blockingKeys(f) {
						if seen[k] {
							continue
						}
						seen[k] = true
						if err := a.AppendRow(id, k[0], k[1]); err != nil {
							return err
						}
					}
				}
			}
			return nil
		})
	}
	pf := map[string][]nameForm{}
	for p, ns := range names {
		for _, n := range ns {
			pf[p] = append(pf[p], n.form)
		}
	}
	hf := map[string][]nameForm{}
	for id, h := range hvts {
		for _, n := range h.names {
			hf[id] = append(hf[id], n.form)
		}
	}
	if err := write("link_pkeys", pf); err != nil {
		return err
	}
	return write("link_hkeys", hf)
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

func countRules(ctx context.Context, tx *store.Tx, res *Result) error {
	rows, err := tx.QueryContext(ctx, `SELECT rule, count(*) FROM link_candidates GROUP BY rule`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var rule string
		var n int
		if err := rows.Scan(&rule, &n); err != nil {
			return err
		}
		res.Comparisons[rule] = n
	}
	return rows.Err()
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

func identifiers(ctx context.Context, tx *store.Tx) (phones, accounts map[string][]string, err error) {
	phones, accounts = map[string][]string{}, map[string][]string{}
	rows, err := tx.QueryContext(ctx, `SELECT party_id, phones, accounts FROM parties WHERE len(phones) > 0 OR len(accounts) > 0`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var ph, ac []any
		if err := rows.Scan(&id, &ph, &ac); err != nil {
			return nil, nil, err
		}
		phones[id], accounts[id] = strs(ph), strs(ac)
	}
	return phones, accounts, rows.Err()
}
