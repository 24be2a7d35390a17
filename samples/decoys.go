package samples

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Innocent look-alikes of a ransom, written to truth/decoys.csv: what an
// alert on them costs an investigator is what eval's decoy line shows.
const (
	decoySchool = "school_fees" // a family pays a school's term fee in round instalments
	decoyShop   = "shop"        // a trader in a hub is paid by many unrelated customers
)

var (
	decoyHeader = []string{"decoy_id", "kind", "source_file", "source_sheet", "source_row", "reference"}
	schools     = []string{"Hope Academy", "Abune Gorgorios School", "Lideta Catholic Cathedral School", "Nile Valley Academy",
		"Comboni College", "Bright Future School", "Sandford International School", "Kidist Mariam School"}
	trades = []string{"Electronics", "Mobile Shop", "Trading", "Spare Parts", "Textiles", "Pharmacy", "Building Materials"}
)

// decoys builds n innocent look-alikes for the first MTO export, alternating
// a family paying school fees and a busy shop.
func (g *gen) decoys(ctx context.Context, n int) ([]*txn, error) {
	var out []*txn
	for i := range n {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		id := fmt.Sprintf("DECOY-%03d", i+1)
		var rows []*txn
		if i%2 == 0 {
			rows = g.schoolFees(id)
		} else {
			rows = g.shop(id)
		}
		out = append(out, rows...)
	}
	return out, nil
}

// schoolFees: two or three relatives abroad pay a term fee of USD
// 2,000-4,500 to a school in three to five round instalments over three to
// six weeks, the memo saying what it is for.
func (g *gen) schoolFees(id string) []*txn {
	r := g.r
	iso := pick(r, []string{"ET", "ET", "UG", "SD"})
	city, _, _ := strings.Cut(countries[iso].cities[0], ":")
	// Many families, few school names: a campus number keeps them apart.
	school := g.partyNamed(iso, func() string {
		name := pick(r, schools) + " " + city
		if g.used[name] {
			name += fmt.Sprintf(" Campus %d", 2+r.IntN(98))
		}
		return name
	})
	school.city = city
	family := g.fatherChain(true)
	payers := make([]*party, 2+r.IntN(2))
	for i := range payers {
		payers[i] = g.partyNamed(pick(r, diaspora), func() string { return g.given(true) + " " + family })
	}
	fee := int64(4+r.IntN(6)) * 500
	n := 3 + r.IntN(3)
	start := year.AddDate(0, 0, 10+r.IntN(130))
	span := 21 + r.IntN(22)
	var rows []*txn
	left := fee
	for i := range n {
		part := left
		if i < n-1 {
			part = min(left-int64(n-1-i)*100, max(100, (fee/int64(n)+int64(r.IntN(5)-2)*50)/50*50))
		}
		left -= part
		at := start.AddDate(0, 0, i*span/n).Add(time.Duration(9*60+r.IntN(10*60)) * time.Minute)
		rows = append(rows, &txn{at: at, from: payers[i%len(payers)], to: school, cents: part * usd,
			broker: pick(r, brokerNames), note: "school fees", decoy: id, decoyKind: decoySchool, file: mtoFile})
	}
	for _, t := range rows {
		g.price(t, shapeMTO)
	}
	return rows
}

// shop: a trader in a hub sells to diaspora customers, each paying for
// goods sent to relatives once to three times over the half year, in
// uneven sums of USD 40-400.
func (g *gen) shop(id string) []*txn {
	r := g.r
	iso := pick(r, hubs)
	habesha := r.IntN(100) < habeshaPct[iso]
	owner := g.partyNamed(iso, func() string {
		return g.given(habesha) + " " + strings.Fields(g.fatherChain(habesha))[0] + " " + pick(r, trades)
	})
	var rows []*txn
	for range 40 + r.IntN(41) {
		customer := g.party(pick(r, diaspora))
		for range 1 + r.IntN(3) {
			at := year.AddDate(0, 0, r.IntN(181)).Add(time.Duration(8*60+r.IntN(12*60)) * time.Minute)
			rows = append(rows, &txn{at: at, from: customer, to: owner, cents: int64(40+r.IntN(361))*usd + int64(r.IntN(100)),
				broker: pick(r, brokerNames), note: g.maybe([]string{"goods", "phone", "order"}, 3), decoy: id, decoyKind: decoyShop, file: mtoFile})
		}
	}
	for _, t := range rows {
		g.price(t, shapeMTO)
	}
	return rows
}
