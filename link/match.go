package link

import (
	"fmt"
	"math"
	"strings"

	"github.com/cmrflow/cmrflow/internal/normalize"
)

// Weights of the name comparison, in bits (log2 of m/u, Fellegi–Sunter
// style). A part's agreement weighs by how rare the part is among all
// parties' names; the penalties are fixed. See the README's Linking section.
const (
	mAgree         = 0.95 // how often a true match writes a part alike
	minAgree       = 2.0  // the commonest part still says something
	maxAgree       = 7.0  // and the rarest no more than a phone
	phoneticLess   = 2.0  // a phonetic agreement weighs this much less
	swappedOrder   = -1.0 // father's name written first
	missingGrand   = -0.5 // records drop the grandfather all the time
	missingFather  = -2.0
	wrongGiven     = -4.0
	wrongFather    = -6.0 // a different father is a different man
	wrongGrand     = -3.0
	weakAliasCap   = 2.0  // "Walid" alone is weak evidence
	shortNameCap   = 13.0 // a name of fewer than three parts agreeing in place reaches review, not a link (score 0.89)
	identifierWt   = 12.0
	priorBits      = -10.0 // log2 prior odds: an HVT is one among many parties
	minCommonShare = 1.0 / 20000
)

var slotNames = []string{"given", "father", "grandfather"}

// nameForm is a name as the comparator reads it: its NameKey folded to one
// spelling per name (compounds joined), with each part's sound key.
type nameForm struct {
	written string
	parts   []string
	sounds  []string
	weights []float64 // agreement weight per part, set once for watchlist names
}

func formOf(written, key string) nameForm {
	f := nameForm{written: written, parts: strings.Fields(normalize.FoldSpelling(key))}
	for i, p := range f.parts {
		if c, ok := normalize.ArabicCanonical(p); ok {
			f.parts[i] = c
		}
		f.sounds = append(f.sounds, normalize.PhoneticKey(f.parts[i]))
	}
	return f
}

// partCache remembers each folded part's canonical form and sound: a
// million names are made of a few thousand parts.
type partCache map[string][2]string

// formOf is formOf with each part's canonical form and sound looked up
// once.
func (c partCache) formOf(written, key string) nameForm {
	f := nameForm{written: written, parts: strings.Fields(normalize.FoldSpelling(key))}
	f.sounds = make([]string, len(f.parts))
	for i, p := range f.parts {
		cs, ok := c[p]
		if !ok {
			cs[0] = p
			if canon, ok := normalize.ArabicCanonical(p); ok {
				cs[0] = canon
			}
			cs[1] = normalize.PhoneticKey(cs[0])
			c[p] = cs
		}
		f.parts[i], f.sounds[i] = cs[0], cs[1]
	}
	return f
}

func (f nameForm) weight(slot int, share rarity) float64 {
	if f.weights != nil {
		return f.weights[slot]
	}
	return agreeWeight(share(f.parts[slot]))
}

// withWeights fixes a watchlist name's agreement weights, compared with
// many parties.
func (f nameForm) withWeights(share rarity) nameForm {
	f.weights = make([]float64, len(f.parts))
	for i, p := range f.parts {
		f.weights[i] = agreeWeight(share(p))
	}
	return f
}

// feature is one line of a link's explanation. Its text is written only
// when explaining: most compared pairs are dropped on their weight alone.
type feature struct {
	weight float64
	kind   featureKind
	text   string
}

type featureKind uint8

const (
	agrees featureKind = iota + 1
	missing
	swapped
	contradicts
	other
)

func (f feature) String() string { return fmt.Sprintf("%+.1f %s", f.weight, f.text) }

// rarity gives the share of all party name parts that are this part.
type rarity func(part string) float64

func agreeWeight(u float64) float64 {
	return min(maxAgree, max(minAgree, math.Log2(mAgree/max(u, minCommonShare))))
}

// compareNames aligns the parts of a party's name with an HVT's, in order
// or with the first two swapped, and returns the better alignment's
// weight with one feature a part.
func compareNames(hvt, party nameForm, share rarity, explain bool) (float64, []feature) {
	best, bestF := math.Inf(-1), []feature(nil)
	orders := [][]int{nil}
	if len(party.parts) >= 2 && len(hvt.parts) >= 2 {
		orders = append(orders, []int{1, 0})
	}
	for _, order := range orders {
		fs := make([]feature, 0, len(hvt.parts)+1)
		if order != nil {
			fs = append(fs, feature{swappedOrder, swapped, "order father's name first"})
		}
		for slot := range hvt.parts {
			j := slot
			if order != nil && slot < 2 {
				j = order[slot]
			}
			if j >= len(party.parts) {
				switch slot {
				case 1:
					fs = append(fs, feature{missingFather, missing, "father missing"})
				case 2:
					fs = append(fs, feature{missingGrand, missing, "grandfather missing"})
				}
				continue
			}
			h, p := hvt.parts[slot], party.parts[j]
			var f feature
			switch {
			case h == p:
				f = feature{hvt.weight(slot, share), agrees, "(exact)"}
			case hvt.sounds[slot] != "" && hvt.sounds[slot] == party.sounds[j]:
				f = feature{max(1, hvt.weight(slot, share)-phoneticLess), agrees, "(phonetic)"}
			case slot < len(wrongPart):
				f = feature{wrongPart[slot], contradicts, ""}
			default:
				continue
			}
			if explain {
				f.text = describe(slot, h, p, f)
			}
			fs = append(fs, f)
		}
		if total := sum(fs); total > best {
			best, bestF = total, fs
		}
	}
	return best, bestF
}

var wrongPart = []float64{wrongGiven, wrongFather, wrongGrand}

func describe(slot int, h, p string, f feature) string {
	name := "part " + fmt.Sprint(slot+1)
	if slot < len(slotNames) {
		name = slotNames[slot]
	}
	switch {
	case f.kind == contradicts:
		return fmt.Sprintf("%s %s≠%s", name, h, p)
	case f.text == "(exact)":
		return fmt.Sprintf("%s %s=%s (exact)", name, h, p)
	}
	return fmt.Sprintf("%s %s~%s (phonetic)", name, h, p)
}

func sum(fs []feature) float64 {
	var t float64
	for _, f := range fs {
		t += f.weight
	}
	return t
}

// compatible says two names on one phone or account can be one person:
// every part they both have agrees, in order or swapped.
func compatible(a, b nameForm, share rarity) bool {
	if len(a.parts) == 0 || len(b.parts) == 0 {
		return true
	}
	x, y := a, b
	if len(y.parts) < len(x.parts) {
		x, y = y, x
	}
	_, fs := compareNames(x, y, share, false)
	agree := false
	for _, f := range fs {
		if f.kind == contradicts {
			return false
		}
		agree = agree || f.kind == agrees
	}
	return agree
}

// score turns bits into a probability, with the prior.
func score(bits float64) float64 {
	return 1 / (1 + math.Pow(2, -(bits+priorBits)))
}

// nameBits is compareNames without the features: the same weight, added
// in the same order, and how many parts of the better alignment agree and
// contradict. Scoring every candidate pair allocates nothing.
func nameBits(hvt, party nameForm, share rarity) (float64, int, int) {
	best, bestAgree, bestContra := math.Inf(-1), 0, 0
	for o := range 2 {
		swap := o == 1
		if swap && (len(party.parts) < 2 || len(hvt.parts) < 2) {
			break
		}
		total, agree, contra := 0.0, 0, 0
		if swap {
			total += swappedOrder
		}
		for slot := range hvt.parts {
			j := slot
			if swap && slot < 2 {
				j = 1 - slot
			}
			if j >= len(party.parts) {
				switch slot {
				case 1:
					total += missingFather
				case 2:
					total += missingGrand
				}
				continue
			}
			h, p := hvt.parts[slot], party.parts[j]
			switch {
			case h == p:
				total += hvt.weight(slot, share)
				agree++
			case hvt.sounds[slot] != "" && hvt.sounds[slot] == party.sounds[j]:
				total += max(1, hvt.weight(slot, share)-phoneticLess)
				agree++
			case slot < len(wrongPart):
				total += wrongPart[slot]
				contra++
			}
		}
		if swap {
			agree-- // as agreeing counts: the swapped pair is one part
		}
		if total > best {
			best, bestAgree, bestContra = total, agree, contra
		}
	}
	return best, bestAgree, bestContra
}

// grandBits is grandparts without the features.
func grandBits(primary, party nameForm, from int, share rarity) (float64, int, int) {
	total, agree, contra := 0.0, 0, 0
	for k := from; k < min(len(primary.parts), len(party.parts)); k++ {
		h, p := primary.parts[k], party.parts[k]
		switch {
		case h == p:
			total += primary.weight(k, share)
			agree++
		case primary.sounds[k] == party.sounds[k]:
			total += max(1, primary.weight(k, share)-phoneticLess)
			agree++
		case k == 2:
			total += wrongGrand
			contra++
		}
	}
	return total, agree, contra
}
