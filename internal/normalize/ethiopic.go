package normalize

import (
	"strconv"
	"strings"
)

// ethSyllable is one Ethiopic letter: its consonant in the main and the
// BGN-style reading ("" for the vowel carriers አ and ዐ) and its vowel order
// (1 ä, 2 u, 3 i, 4 a, 5 ē, 6 ə or none, 7 o).
type ethSyllable struct {
	cons, bgn string
	order     uint8
}

// ethStyle holds the choices that differ between the two readings. Ge'ez
// script does not say whether a sixth-order letter carries a vowel, so both
// readings insert one only where Amharic and Tigrinya speakers say one
// (word-initially and to break up three consonants); they differ in how they
// write it, because Latin spellings of one name split the same way:
// Birhane/Berhane, Mihret/Mehret, Kidist/Kedest.
type ethStyle struct {
	bgn        bool
	epenthetic string // vowel written for a sounded sixth order: "i" or "e"
	glottal6   string // vowel of a word-initial እ/ዕ: Eyob, Estifanos
	yaRule     bool   // ርያ → "ria" (Mariam, Zekarias) rather than "rya"
	iyGlide    bool   // ህይወት → "hiwet": a y after i before a consonant is silent
	hInitial   bool   // ሀ is "ha" only word-initially (Tigrinya በርሀ → "berhe")
}

var (
	mainEthiopic = ethStyle{epenthetic: "i", glottal6: "e", yaRule: true, iyGlide: true, hInitial: true}
	bgnEthiopic  = ethStyle{bgn: true, epenthetic: "e", glottal6: "i"}
)

// RomanizeEthiopic writes Ge'ez (Amharic, Tigrinya) text in plain ASCII the
// way names are usually spelled in Latin: ኪዳነ ዘካርያስ ሃብተማርያም → "kidane
// zekarias habtemariam", ብርሃነ → "birhane", ቀ → "k". Ethiopic punctuation
// becomes a space, Ethiopic numerals become decimal digits (፳፻፲፮ → 2016),
// and text in other scripts is left as it is.
func RomanizeEthiopic(s string) string { return romanizeEthiopic(s, &mainEthiopic) }

// RomanizeEthiopicBGN is the second reading the link stage keys on: letter
// values closer to BGN/PCGN (ቀ → q, ኸ → kh, ሀ always "ha"), a sounded sixth
// order written "e" (ብርሃነ → "berhane", ምሕረት → "mehret"), ርያ kept as
// "rya" (ዘካርያስ → "zekaryas") and a word-initial እ written "i". NameKeyBGN
// builds the whole second name key from it.
func RomanizeEthiopicBGN(s string) string { return romanizeEthiopic(s, &bgnEthiopic) }

func romanizeEthiopic(s string, st *ethStyle) string {
	if !hasEthiopic(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	word := make([]ethLetter, 0, 16)
	var num []rune
	flush := func() {
		if len(word) > 0 {
			st.writeWord(&b, word)
			word = word[:0]
		}
		if len(num) > 0 {
			b.WriteString(strconv.Itoa(ethiopicNumber(num)))
			num = num[:0]
		}
	}
	for _, r := range s {
		if sy, ok := ethiopicSyllables[r]; ok {
			if len(num) > 0 {
				flush()
			}
			word = append(word, ethLetter{ethSyllable: sy, r: r})
			continue
		}
		switch {
		case isEthiopicNumeral(r):
			if len(word) > 0 {
				flush()
			}
			num = append(num, r)
		case isEthiopicMark(r):
			// Gemination and tonal marks: gemination is not written in Latin
			// spellings either, so it is dropped rather than doubled.
		case r >= 0x1360 && r <= 0x1368:
			flush()
			b.WriteByte(' ')
		default:
			flush()
			b.WriteRune(r)
		}
	}
	flush()
	return b.String()
}

type ethLetter struct {
	ethSyllable
	r rune
}

func hasEthiopic(s string) bool {
	for _, r := range s {
		if (r >= 0x1200 && r <= 0x139F) || (r >= 0x2D80 && r <= 0x2DDF) {
			return true
		}
	}
	return false
}

func isEthiopicNumeral(r rune) bool { return r >= 0x1369 && r <= 0x137C }

func isEthiopicMark(r rune) bool {
	return (r >= 0x135D && r <= 0x135F) || (r >= 0x1390 && r <= 0x1399)
}

// ethiopicNumber reads an Ethiopic numeral. The system is additive with no
// zero: units and tens add up, ፻ multiplies what stands before it by 100 and
// ፼ by 10,000 (፳፻፲፮ = 20×100 + 10 + 6 = 2016).
func ethiopicNumber(rs []rune) int {
	total, hundreds, cur := 0, 0, 0
	for _, r := range rs {
		switch {
		case r >= 0x1369 && r <= 0x1371:
			cur += int(r-0x1369) + 1
		case r >= 0x1372 && r <= 0x137A:
			cur += (int(r-0x1372) + 1) * 10
		case r == 0x137B:
			if cur == 0 {
				cur = 1
			}
			hundreds += cur * 100
			cur = 0
		case r == 0x137C:
			g := hundreds + cur
			if g == 0 {
				g = 1
			}
			total = (total + g) * 10000
			hundreds, cur = 0, 0
		}
	}
	return total + hundreds + cur
}

// Decisions for a sixth-order consonant.
const (
	undecided = iota
	bare
	voweled
)

// writeWord writes one run of Ethiopic letters. Sixth-order letters get a
// vowel by the syllable rules of Amharic: never two consonants at the start
// of a word, never three in a row, a final consonant stays bare, and a final
// pair stays bare only when it is a glide plus consonant (ሰናይት "senayt") or
// s/sh + t (ቅድስት "kidist").
func (st *ethStyle) writeWord(b *strings.Builder, in []ethLetter) {
	w := dropSilentGlottals(in)
	n := len(w)
	isBare := func(i int) bool { return w[i].order == 6 && w[i].cons != "" }
	var decBuf, dropBuf [32]uint8
	dec, dropY := decBuf[:0], dropBuf[:0]
	if n > len(decBuf) {
		dec, dropY = make([]uint8, 0, n), make([]uint8, 0, n)
	}
	dec, dropY = dec[:n], dropY[:n]
	if isBare(n - 1) {
		dec[n-1] = bare
		if n >= 2 && isBare(n-2) {
			if n-2 > 0 && allowedFinalPair(w[n-2].cons, w[n-1].cons) {
				dec[n-2] = bare
				if n >= 3 && isBare(n-3) {
					dec[n-3] = voweled
				}
			} else {
				dec[n-2] = voweled
			}
		}
	}
	canCoda := false
	for i := range w {
		if !isBare(i) {
			canCoda = true
			continue
		}
		switch {
		case dec[i] != undecided:
		case st.yaRule && i+1 < n && w[i+1].cons == "y" && w[i+1].order == 4 && w[i].cons != "y" && w[i].cons != "w":
			dec[i], dropY[i+1] = voweled, 1
		case i == 0 || !canCoda:
			dec[i] = voweled
		default:
			dec[i] = bare
		}
		canCoda = dec[i] == voweled
	}
	last := byte(0)
	for i, l := range w {
		cons := st.consonant(l)
		if dropY[i] == 1 {
			cons = cons[1:]
		}
		if st.iyGlide && cons == "y" && dec[i] == bare && last == 'i' && i < n-1 {
			continue
		}
		b.WriteString(cons)
		v := st.vowel(l, i, dec[i])
		b.WriteString(v)
		if v != "" {
			last = v[len(v)-1]
		} else if cons != "" {
			last = cons[len(cons)-1]
		}
	}
}

func (st *ethStyle) consonant(l ethLetter) string {
	if st.bgn {
		return l.bgn
	}
	return l.cons
}

// vowel is the vowel written after letter l at position i.
func (st *ethStyle) vowel(l ethLetter, i int, dec uint8) string {
	switch l.order {
	case 1:
		switch {
		case l.cons == "": // አ ዐ: Amharic says "a" (Abebe, Alem)
			return "a"
		case l.r == 0x1200 && st.hInitial && i > 0: // ሀ inside a word: Tigrinya Berhe
			return "e"
		case l.r == 0x1200 || l.r == 0x1210 || l.r == 0x1280: // ሀ ሐ ኀ read "ha" (Hamle, Nehase)
			return "a"
		}
		return "e"
	case 2:
		return "u"
	case 3:
		return "i"
	case 4:
		return "a"
	case 5:
		return "e"
	case 6:
		if l.cons == "" {
			return st.glottal6
		}
		if dec == voweled {
			return st.epenthetic
		}
		return ""
	case 7:
		return "o"
	}
	return ""
}

// dropSilentGlottals removes a sixth-order እ/ዕ that follows a bare
// consonant: inside a word it is not pronounced (ትዕግስት "tigist"); at the
// start of a word or after a vowel it is the vowel e/i (እዮብ "eyob").
func dropSilentGlottals(w []ethLetter) []ethLetter {
	out := w[:0]
	prevBare := false
	for _, l := range w {
		silent := l.cons == "" && l.order == 6 && prevBare
		prevBare = l.order == 6 && l.cons != ""
		if !silent {
			out = append(out, l)
		}
	}
	return out
}

func allowedFinalPair(c1, c2 string) bool {
	if c1 == "y" || c1 == "w" {
		return true
	}
	return c2 == "t" && (c1 == "s" || c1 == "sh")
}
