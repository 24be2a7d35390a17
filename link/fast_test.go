package link

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/cmrflow/cmrflow/internal/normalize"
)

// The scoring and blocking fast paths against the plain ones, on a few
// hundred generated parties and HVTs: the same pairs, rule by rule, and
// the same score to the bit.
func TestFastPathsAgree(t *testing.T) {
	share := func(p string) float64 { return float64(len(p)%7+1) / 400 }
	word := func(i int) string { return benchNames[i%len(benchNames)] }
	var hvts []*hvtEntry
	for i := range 40 {
		g, f, gf := word(i*11), word(i*19+4), word(i*29+9)
		h := &hvtEntry{id: fmt.Sprintf("HVT-%03d", i), phones: []string{fmt.Sprintf("+9715%d", i)}}
		if i%4 == 0 {
			h.accounts = []string{fmt.Sprintf("ACC%d", i)}
		}
		for j, n := range []string{g + " " + f + " " + gf, g + " " + f, f + " " + g, g + " " + f + " " + gf + "e", "wedi " + f} {
			h.names = append(h.names, hvtName{form: formOf(n, normalize.NameKey(n)).withWeights(share), weak: j == 4})
		}
		hvts = append(hvts, h)
	}
	cache := partCache{}
	var parties []partyNames
	for i := range 400 {
		p := partyNames{id: fmt.Sprintf("P%03d", i)}
		for k := range 1 + i%3 {
			n := word(i*7+k) + " " + word(i*13+5+k)
			switch i % 5 {
			case 0:
				n += " " + word(i*31+11)
			case 1:
				n = word((i%40)*11) + " " + word((i%40)*19+4) + " " + word(i*3)
			case 2:
				n = word((i%40)*19+4) + " " + word((i%40)*11) + "i"
			}
			p.names = append(p.names, &node{name: n, form: cache.formOf(n, normalize.NameKey(n))})
		}
		switch {
		case i%6 == 0:
			p.phones = []string{fmt.Sprintf("+9715%d", i%50)}
		case i%6 == 1:
			// unlisted, in the country of some HVTs' listed phones
			p.phones = []string{fmt.Sprintf("+97155%07d", i)}
		case i%6 == 2:
			p.phones = []string{fmt.Sprintf("+2519%08d", i)}
		}
		if i%7 == 3 {
			p.collected = &collection{payer: "Hagos Berhe Kahsay", usd: 2700, usdIn: 3000, senders: 3}
		}
		if i%9 == 0 {
			p.accounts = []string{fmt.Sprintf("ACC%d", i%60), "ACC9999"}
		}
		parties = append(parties, p)
	}

	pairs, counts := block(hvts, parties)
	var want [len(ruleNames)]int
	var wantPairs []candidate
	for pi, p := range parties {
		for hi, h := range hvts {
			rules := 0
			for _, ph := range p.phones {
				if slices.Contains(h.phones, ph) {
					rules |= rulePhone
				}
			}
			for _, a := range p.accounts {
				if slices.Contains(h.accounts, a) {
					rules |= ruleAccount
				}
			}
			for _, pn := range p.names {
				for _, hn := range h.names {
					for _, pk := range blockingKeys(pn.form) {
						if slices.Contains(blockingKeys(hn.form), pk) {
							rules |= map[string]int{"sounds": ruleSounds, "given_father": ruleGivenFather}[pk[0]]
						}
					}
				}
			}
			if p.collected != nil {
				rules |= ruleCollected
			}
			if rules == 0 {
				continue
			}
			wantPairs = append(wantPairs, candidate{int32(pi), int32(hi)})
			for r := range want {
				if rules&(1<<r) != 0 {
					want[r]++
				}
			}
		}
	}
	if !slices.Equal(pairs, wantPairs) || counts != want {
		t.Fatalf("block: %d pairs %v, want %d pairs %v", len(pairs), counts, len(wantPairs), want)
	}
	if slices.Contains(counts[:], 0) {
		t.Fatalf("every rule should propose pairs: %v", counts)
	}
	ev := weighEvidence(parties, hvts)
	if ev.money <= 0 || ev.country["971"] <= 0 {
		t.Fatalf("evidence %+v: want weights for the money and for +971", ev)
	}
	corroborated, country := 0, 0
	for _, pr := range wantPairs {
		h, p := hvts[pr.hvt], parties[pr.party]
		for _, e := range []*evidence{nil, &ev} {
			got := partyBits(h, &p, share, e)
			bits, fs, _ := compareParty(h, &p, share, e, nil, true)
			if got != bits {
				t.Errorf("%s %s: partyBits %v, compareParty %v", h.id, p.id, got, bits)
			}
			for _, f := range fs {
				switch {
				case e != nil && strings.HasPrefix(f.text, "money:"):
					corroborated++
				case e != nil && strings.Contains(f.text, "in the country of listed"):
					country++
				}
			}
		}
	}
	if corroborated == 0 || country == 0 {
		t.Errorf("the evidence was never weighed: %d pairs with money, %d with a phone's country", corroborated, country)
	}
}
