package link

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/nyaruka/phonenumbers"

	"github.com/cmrflow/cmrflow/store"
)

// Evidence besides the name and the identifiers, in bits like the name's
// parts (see the README's Linking section).
const (
	// mCollected: how often an HVT's party in ransom data receives a
	// collection passed on. Half, to stay modest: an HVT is also paid in
	// other ways, and by layers the walk does not see.
	mCollected = 0.5
	maxMoney   = 10.0 // never as much as an identifier
	// mCountry: how often a phone an HVT is paid on, but that is not
	// listed, is in the country of a listed one. Half: HVTs move between
	// Libya, Sudan and the Gulf.
	mCountry   = 0.5
	maxCountry = 4.0 // a country says less than a rare name part
)

// collection is a party's largest share of a collection passed straight
// on (sql/collected.sql): a payer that several others paid within 19
// days paid most of it on to the party within 5.
type collection struct {
	payer      string // the collector's display name
	usd, usdIn float64
	senders    int
	paidAt     time.Time
}

// evidence is what a run weighs besides names and identifiers, from its
// own data.
type evidence struct {
	money   float64            // a party receives a collection passed on
	country map[string]float64 // a party's phone in the country of a listed phone, by calling code
	codeOf  map[string]string  // calling code by a phone's first four characters
}

// readCollections reads link_collected, by party id.
func readCollections(ctx context.Context, tx *store.Tx) (map[string]*collection, error) {
	rows, err := tx.QueryContext(ctx, `SELECT c.party_id, coalesce(p.display_name, c.payer_id), c.usd, c.usd_in, c.n_senders, c.paid_at
		FROM link_collected c LEFT JOIN parties p ON p.party_id = c.payer_id`)
	if err != nil {
		return nil, fmt.Errorf("read collections passed on: %w", err)
	}
	defer rows.Close()
	out := map[string]*collection{}
	for rows.Next() {
		var id string
		var usd, usdIn sql.NullFloat64
		c := &collection{}
		if err := rows.Scan(&id, &c.payer, &usd, &usdIn, &c.senders, &c.paidAt); err != nil {
			return nil, err
		}
		c.usd, c.usdIn = usd.Float64, usdIn.Float64
		out[id] = c
	}
	return out, rows.Err()
}

// weighEvidence sets the weights of the money and of the phone's country
// from the shares of all parties that show them, with a pseudo-count of
// 1 % as for name parts, so that a small case file does not call
// everything rare.
func weighEvidence(parties []partyNames, hvts []*hvtEntry) evidence {
	ev := evidence{country: map[string]float64{}, codeOf: map[string]string{}}
	n := float64(len(parties)) + 100
	collected := 0
	listed := map[string]int{} // parties with a phone in a listed phone's country
	for _, h := range hvts {
		for _, ph := range h.phones {
			if cc := ev.code(ph); cc != "" {
				listed[cc] = 0
			}
		}
	}
	for i := range parties {
		p := &parties[i]
		if p.collected != nil {
			collected++
		}
		var last string
		for _, ph := range p.phones {
			cc := ev.code(ph)
			if _, ok := listed[cc]; ok && cc != last {
				listed[cc]++
				last = cc
			}
		}
	}
	ev.money = min(maxMoney, math.Log2(mCollected/((float64(collected)+1)/n)))
	for cc, k := range listed {
		if w := min(maxCountry, math.Log2(mCountry/((float64(k)+1)/n))); w > 0 {
			ev.country[cc] = w
		}
	}
	return ev
}

// code is an E.164 phone's country calling code ("249"), remembered by
// its first four characters: calling codes are at most three digits and
// none is the start of another. Call it only before scoring starts: it
// writes to the cache.
func (ev *evidence) code(phone string) string {
	if len(phone) < 4 || phone[0] != '+' {
		return ""
	}
	if cc, ok := ev.codeOf[phone[:4]]; ok {
		return cc
	}
	cc := ""
	for l := 1; l <= 3; l++ {
		k, err := strconv.Atoi(phone[1 : 1+l])
		if err == nil && phonenumbers.GetRegionCodeForCountryCode(k) != "ZZ" {
			cc = phone[1 : 1+l]
			break
		}
	}
	ev.codeOf[phone[:4]] = cc
	return cc
}

// countryBits is the weight of a party's phone in the country of one of
// the HVT's listed phones, with the two phones: the best such pair.
func (ev *evidence) countryBits(h *hvtEntry, phones []string) (float64, string, string) {
	best, party, listed := 0.0, "", ""
	if ev == nil || len(ev.country) == 0 {
		return 0, "", ""
	}
	for _, ph := range phones {
		if len(ph) < 4 {
			continue
		}
		cc := ev.codeOf[ph[:4]]
		w, ok := ev.country[cc]
		if !ok || w <= best {
			continue
		}
		for _, hp := range h.phones {
			if len(hp) >= 4 && ev.codeOf[hp[:4]] == cc {
				best, party, listed = w, ph, hp
				break
			}
		}
	}
	return best, party, listed
}

// mShared: how often a party an HVT is paid on shares a payer with
// another of his parties. Half, as for the money.
const mShared = 0.5

var (
	//go:embed sql/shared_payer.sql
	sharedPayerSQL string
	//go:embed sql/shared_payer_count.sql
	sharedPayerCountSQL string
)

// sharedPayer is a payer that pays a party in review and a party linked to
// the same HVT.
type sharedPayer struct {
	payer, linked string // their display names
	weight        float64
}

// corroborateByPayer rescores the pairs in review whose party a payer of a
// party linked to the same HVT also pays: a collector that pays an HVT on
// his listed phone and a man of his name on another is likely paying him
// twice. The weight is log2(mShared / u), u the share of parties that share
// a payer with any linked party; like the money it lifts the two-part cap
// when no part of the name contradicts.
func corroborateByPayer(ctx context.Context, tx *store.Tx, hvts []*hvtEntry, parties []partyNames, share rarity, ev *evidence, opts Options, res *Result) error {
	if res.Review == 0 {
		return nil
	}
	rows, err := tx.QueryContext(ctx, sharedPayerSQL)
	if err != nil {
		return fmt.Errorf("find payers shared with linked parties: %w", err)
	}
	type hit struct{ hvt, party, payer, linked string }
	var hits []hit
	for rows.Next() {
		var x hit
		if err := rows.Scan(&x.hvt, &x.party, &x.payer, &x.linked); err != nil {
			rows.Close()
			return err
		}
		hits = append(hits, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(hits) == 0 {
		return err
	}
	var shared int
	if err := tx.QueryRowContext(ctx, sharedPayerCountSQL).Scan(&shared); err != nil {
		return fmt.Errorf("count payers shared with linked parties: %w", err)
	}
	w := min(maxMoney, math.Log2(mShared/((float64(shared)+1)/(float64(len(parties))+100))))
	if w <= 0 {
		return nil
	}
	hvtAt := make(map[string]int, len(hvts))
	for i, h := range hvts {
		hvtAt[h.id] = i
	}
	partyAt := make(map[string]int, len(hits))
	for _, x := range hits {
		partyAt[x.party] = -1
	}
	for i := range parties {
		if _, ok := partyAt[parties[i].id]; ok {
			partyAt[parties[i].id] = i
		}
	}
	for _, x := range hits {
		hi, ok := hvtAt[x.hvt]
		pi := partyAt[x.party]
		if !ok || pi < 0 {
			continue
		}
		h, p := hvts[hi], &parties[pi]
		bits, fs, _ := compareParty(h, p, share, ev, &sharedPayer{x.payer, x.linked, w}, true)
		s := score(bits)
		status := "review"
		if s >= opts.Link {
			status = "link"
			res.Links++
			res.Review--
		}
		if _, err := tx.ExecContext(ctx, `UPDATE hvt_links SET score = $3, status = $4, explanation = $5
			WHERE hvt_id = $1 AND party_id = $2 AND method <> 'network'`, h.id, p.id, s, status, explain(fs)); err != nil {
			return fmt.Errorf("rescore %s %s: %w", h.id, p.id, err)
		}
	}
	return nil
}
