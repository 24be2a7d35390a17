package link

import (
	"context"
	"database/sql"
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
