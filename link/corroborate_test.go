package link

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cmrflow/cmrflow/internal/normalize"
)

// A party known only by a phone the watchlist does not list, under two
// parts of an HVT's name (or a weak alias), links only when the money
// corroborates it: it receives most of a collection passed straight on.
// Without that it waits in review; a man with another father or
// grandfather never links, whatever he is paid; a phone in the HVT's
// country adds to a name that fits, never to one that names another man.
func TestMoneyCorroboratesAName(t *testing.T) {
	// Three relatives pay a collector USD 1,000 each within a week; the
	// collector pays the payee 90 % of it two days after the last.
	collection := []payment{
		{"Abel Tesfay Haile", "+31612345001", "Hagos Berhe Kahsay", "+251911000001", 1000, 1},
		{"Selam Yonas Dawit", "+46712345002", "Hagos Berhe Kahsay", "+251911000001", 1000, 3},
		{"Mehari Tekle Amanuel", "+4915112345003", "Hagos Berhe Kahsay", "+251911000001", 1000, 6},
	}
	passOn := func(name, phone string, usd float64) payment {
		return payment{"Hagos Berhe Kahsay", "+251911000001", name, phone, usd, 8}
	}
	for _, tc := range []struct {
		name     string
		payments []payment
		payee    string  // the party whose link to HVT-001 is checked, by phone
		want     string  // link, review or none
		feature  string  // a line its explanation must hold ("" for none)
		absent   string  // a line it must not hold
		minScore float64 // at least this score
	}{
		{"two parts, collection passed on", append(collection, passOn("Kidane Zekarias", "+971509990001", 2700)),
			"+971509990001", "link", "money: USD 2700.00 from Hagos Berhe Kahsay on 2025-03-09, 90 % of the USD 3000.00 3 senders paid it", "cap:", 0.9},
		{"father's name first, collection passed on", append(collection, passOn("Zekarias Kidane", "+971509990001", 2700)),
			"+971509990001", "link", "order father's name first", "cap:", 0.9},
		{"passed on in two payments", append(collection, passOn("Kidane Zekarias", "+971509990001", 1200),
			payment{"Hagos Berhe Kahsay", "+251911000001", "Kidane Zekarias", "+971509990001", 1300, 10}),
			"+971509990001", "link", "money: USD 2500.00", "", 0.9},
		{"a collection over more than two weeks", []payment{
			{"Abel Tesfay Haile", "+31612345001", "Hagos Berhe Kahsay", "+251911000001", 1000, 1},
			{"Selam Yonas Dawit", "+46712345002", "Hagos Berhe Kahsay", "+251911000001", 1000, 9},
			{"Mehari Tekle Amanuel", "+4915112345003", "Hagos Berhe Kahsay", "+251911000001", 1000, 14},
			passOn("Kidane Zekarias", "+971509990001", 2700)}, // day 8: paid before the last credit, not passed on
			"+971509990001", "review", "cap:", "money:", 0.7},
		{"credits of another month do not count", []payment{
			{"Abel Tesfay Haile", "+31612345001", "Hagos Berhe Kahsay", "+251911000001", 1000, 1},
			{"Selam Yonas Dawit", "+46712345002", "Hagos Berhe Kahsay", "+251911000001", 1000, 2},
			{"Mehari Tekle Amanuel", "+4915112345003", "Hagos Berhe Kahsay", "+251911000001", 1000, 25},
			{"Hagos Berhe Kahsay", "+251911000001", "Kidane Zekarias", "+971509990001", 2700, 27}},
			"+971509990001", "review", "cap:", "money:", 0.7},
		{"credits over two weeks, passed on two days after the last", []payment{
			{"Abel Tesfay Haile", "+31612345001", "Hagos Berhe Kahsay", "+251911000001", 1000, 1},
			{"Selam Yonas Dawit", "+46712345002", "Hagos Berhe Kahsay", "+251911000001", 1000, 9},
			{"Mehari Tekle Amanuel", "+4915112345003", "Hagos Berhe Kahsay", "+251911000001", 1000, 14},
			{"Hagos Berhe Kahsay", "+251911000001", "Kidane Zekarias", "+971509990001", 2700, 16}},
			"+971509990001", "link", "90 % of the USD 3000.00 3 senders paid it in the 19 days before", "", 0.9},
		{"two parts, an ordinary payment", []payment{{"Abel Tesfay Haile", "+31612345001", "Kidane Zekarias", "+971509990001", 2700, 1}},
			"+971509990001", "review", "cap: fewer than three parts agree in their places and no identifier", "money:", 0.7},
		{"three parts, an ordinary payment", []payment{{"Abel Tesfay Haile", "+31612345001", "Kidane Zekarias Habtemariam", "+447700900001", 2700, 1}},
			"+447700900001", "link", "grandfather habtemariam=habtemariam (exact)", "cap:", 0.9},
		// A cousin named after his uncle: Zekarias son of Kidane son of
		// Habtemariam is written as the HVT with the father's name first.
		{"three parts, father's name first, an ordinary payment", []payment{{"Abel Tesfay Haile", "+31612345001", "Zekarias Kidane Habtemariam", "+447700900001", 2700, 1}},
			"+447700900001", "review", "cap: fewer than three parts agree in their places", "money:", 0.7},
		{"two senders are no collection", append(collection[:2:2], passOn("Kidane Zekarias", "+971509990001", 1800)),
			"+971509990001", "review", "cap:", "money:", 0.7},
		{"a third passed on is no collection passed on", append(collection, passOn("Kidane Zekarias", "+971509990001", 900)),
			"+971509990001", "review", "cap:", "money:", 0.7},
		{"another grandfather, collection passed on", append(collection, passOn("Kidane Zekarias Tesfamariam", "+971509990001", 2700)),
			"+971509990001", "review", "grandfather habtemariam≠tesfamariam", "in the country of listed", 0},
		{"another father, collection passed on", append(collection, passOn("Kidane Tesfay", "+971509990001", 2700)),
			"+971509990001", "none", "", "", 0},
		{"the country adds to a name that fits", []payment{{"Abel Tesfay Haile", "+31612345001", "Kidane Zekarias", "+971509990001", 2700, 1}},
			"+971509990001", "review", "phone +971509990001 in the country of listed +971501234567 (+971)", "", 0.7},
		// In a small case file the pseudo-count keeps the money modest: a
		// weak alias with it stays out of the links.
		{"weak alias, collection passed on, few parties", append(collection, passOn("Walid", "+971509990001", 2700)),
			"+971509990001", "none", "", "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db := withWatchlist(t)
			insertPayments(t, db.SQL, tc.payments)
			if _, err := Run(ctx, db, Options{}); err != nil {
				t.Fatal(err)
			}
			var score float64
			var status, expl string
			err := db.SQL.QueryRow(`SELECT l.score, l.status, l.explanation FROM hvt_links l JOIN parties p USING (party_id)
				WHERE l.hvt_id = 'HVT-001' AND l.method <> 'network' AND list_contains(p.phones, $1)`, tc.payee).Scan(&score, &status, &expl)
			if err != nil {
				status = "none"
			}
			if status != tc.want || score < tc.minScore || !strings.Contains(expl, tc.feature) ||
				(tc.absent != "" && strings.Contains(expl, tc.absent)) {
				t.Errorf("%s at %.3f, want %s; explanation:\n%s", status, score, tc.want, expl)
			}
		})
	}
}

// payment is one hawala transfer of a test, on day 2025-03-01 + day.
type payment struct {
	from, fromPhone, to, toPhone string
	usd                          float64
	day                          int
}

func insertPayments(t *testing.T, db *sql.DB, ps []payment) {
	t.Helper()
	for i, p := range ps {
		_, err := db.Exec(`INSERT INTO transactions (txn_id, source_id, source_row, kind, occurred_at, amount, currency, amount_usd,
				sender_name, sender_name_key, sender_phone, beneficiary_name, beneficiary_name_key, beneficiary_phone, raw)
			VALUES ($1, 's', $2, 'hawala', $3, $4, 'USD', $4, $5, $6, $7, $8, $9, $10, '{}')`,
			fmt.Sprintf("T%d", i+1), i+2, time.Date(2025, 3, 1+p.day, 0, 0, 0, 0, time.UTC), p.usd,
			p.from, normalize.NameKey(p.from), p.fromPhone, p.to, normalize.NameKey(p.to), p.toPhone)
		if err != nil {
			t.Fatal(err)
		}
	}
}

// The weights of the money and of a phone's country come from the run's
// own parties: the fewer show them, the more they say, with a pseudo-count
// of 1 %, and never more than maxMoney and maxCountry.
func TestEvidenceWeights(t *testing.T) {
	hvts := []*hvtEntry{{id: "HVT-001", phones: []string{"+249912345678"}}}
	for _, tc := range []struct {
		name                 string
		parties, collected   int
		inCountry            int // parties with a phone under +249
		wantMoney, wantCntry float64
	}{
		{"a large file, few collections", 7479, 4, 716, 9.57, 2.40},
		{"a small case file", 10, 1, 1, 4.78, 4},
		{"most parties in the country", 1000, 0, 600, 9.1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parties := make([]partyNames, tc.parties)
			for i := range parties {
				parties[i].phones = []string{fmt.Sprintf("+2519%08d", i)}
				if i < tc.inCountry {
					parties[i].phones = []string{fmt.Sprintf("+2499%08d", i)}
				}
				if i < tc.collected {
					parties[i].collected = &collection{}
				}
			}
			ev := weighEvidence(parties, hvts)
			if d := ev.money - tc.wantMoney; d > 0.01 || d < -0.01 {
				t.Errorf("money %.2f bits, want %.2f", ev.money, tc.wantMoney)
			}
			if d := ev.country["249"] - tc.wantCntry; d > 0.01 || d < -0.01 {
				t.Errorf("country %.2f bits, want %.2f", ev.country["249"], tc.wantCntry)
			}
		})
	}
}

// With the weights of a large file, what the money and the country do to
// each kind of name: a weak alias links only with both, a name that names
// another man never links.
func TestEvidenceOnNames(t *testing.T) {
	share := func(string) float64 { return 0.01 }
	h := &hvtEntry{id: "HVT-001", phones: []string{"+249912345678"}}
	for _, n := range []struct {
		name string
		weak bool
	}{{"Berhane Habte Andemariam", false}, {"Birhane Habte", false}, {"Wedi Habte", true}} {
		h.names = append(h.names, hvtName{form: formOf(n.name, normalize.NameKey(n.name)).withWeights(share), weak: n.weak})
	}
	ev := evidence{money: 9.57, country: map[string]float64{"249": 2.38}, codeOf: map[string]string{}}
	ev.code("+249912345678")
	for _, tc := range []struct {
		name, party, phone string
		collected          bool
		want               string
	}{
		{"two parts alone", "Berhane Habte", "+256771234567", false, "review"},
		{"two parts, collection", "Berhane Habte", "+256771234567", true, "link"},
		{"weak alias, country", "Wedi Habte", "+249901234567", false, "none"},
		{"weak alias, collection", "Wedi Habte", "+256771234567", true, "review"},
		{"weak alias, collection and country", "Wedi Habte", "+249901234567", true, "link"},
		{"another grandfather, collection and country", "Berhane Habte Tesfay", "+249901234567", true, "review"},
		{"another father, collection and country", "Berhane Tesfay", "+249901234567", true, "none"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &partyNames{id: "P1", phones: []string{tc.phone}}
			ev.code(tc.phone)
			p.names = []*node{{name: tc.party, form: formOf(tc.party, normalize.NameKey(tc.party))}}
			if tc.collected {
				p.collected = &collection{payer: "Nardos Tekle Girmay", usd: 2900, usdIn: 3173, senders: 5}
			}
			bits, fs, _ := compareParty(h, p, share, &ev, nil, true)
			got := "none"
			switch s := score(bits); {
			case s >= 0.9:
				got = "link"
			case s >= 0.7:
				got = "review"
			}
			if got != tc.want || partyBits(h, p, share, &ev) != bits {
				var lines []string
				for _, f := range fs {
					lines = append(lines, f.String())
				}
				t.Errorf("%s at %.3f, want %s; %s", got, score(bits), tc.want, strings.Join(lines, "; "))
			}
		})
	}
}

// A party in review links when a payer of a party linked to the same HVT
// pays it too (the HVT paid on his listed phone and on another), and the
// name does not contradict; a payer shared with another HVT's party says
// nothing about this one.
func TestSharedPayerCorroborates(t *testing.T) {
	// Three relatives pay a collector, who splits it between the HVT's
	// listed phone and another (neither gets half: no collection passed on).
	relatives := []payment{
		{"Abel Tesfay Haile", "+31612345001", "Hagos Berhe Kahsay", "+251911000001", 1000, 1},
		{"Selam Yonas Dawit", "+46712345002", "Hagos Berhe Kahsay", "+251911000001", 1000, 3},
		{"Mehari Tekle Amanuel", "+4915112345003", "Hagos Berhe Kahsay", "+251911000001", 1000, 6},
	}
	pays := func(to, phone string, usd float64) payment {
		return payment{"Hagos Berhe Kahsay", "+251911000001", to, phone, usd, 8}
	}
	for _, tc := range []struct {
		name     string
		payments []payment
		want     string // the status of HVT-001 and the party on +971509990001
		feature  string
	}{
		{"same payer as the listed phone", append(relatives, pays("Kidane Zekarias Habtemariam", "+971501234567", 1400),
			pays("Kidane Zekarias", "+971509990001", 1200)),
			"link", "payer: Hagos Berhe Kahsay also pays Kidane Zekarias Habtemariam, linked to HVT-001"},
		{"one relative pays both phones", []payment{
			{"Abel Tesfay Haile", "+31612345001", "Kidane Zekarias Habtemariam", "+971501234567", 300, 1},
			{"Abel Tesfay Haile", "+31612345001", "Zekarias Kidane", "+971509990001", 200, 40}},
			"link", "payer: Abel Tesfay Haile also pays"},
		{"no payer shared", append(relatives, pays("Kidane Zekarias Habtemariam", "+971501234567", 1400),
			payment{"Ruth Mehari Tekle", "+4915112345009", "Kidane Zekarias", "+971509990001", 1200, 9}),
			"review", "cap:"},
		{"payer shared with another HVT's party", append(relatives, pays("Ermias Ghirmay", "+218912345678", 1400),
			pays("Kidane Zekarias", "+971509990001", 1200)),
			"review", "cap:"},
		{"another grandfather", append(relatives, pays("Kidane Zekarias Habtemariam", "+971501234567", 1400),
			pays("Kidane Zekarias Tesfamariam", "+971509990001", 1200)),
			"none", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db := withWatchlist(t)
			insertPayments(t, db.SQL, tc.payments)
			res, err := Run(ctx, db, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var score float64
			status, expl := "none", ""
			_ = db.SQL.QueryRow(`SELECT l.score, l.status, l.explanation FROM hvt_links l JOIN parties p USING (party_id)
				WHERE l.hvt_id = 'HVT-001' AND l.method <> 'network' AND list_contains(p.phones, '+971509990001')`).Scan(&score, &status, &expl)
			if status != tc.want || !strings.Contains(expl, tc.feature) {
				t.Errorf("%s at %.3f, want %s; explanation:\n%s", status, score, tc.want, expl)
			}
			var links, review int
			if err := db.SQL.QueryRow(`SELECT count(*) FILTER (status = 'link'), count(*) FILTER (status = 'review')
				FROM hvt_links WHERE method <> 'network'`).Scan(&links, &review); err != nil || links != res.Links || review != res.Review {
				t.Errorf("result %+v, table %d links %d review, %v", res, links, review, err)
			}
		})
	}
}
