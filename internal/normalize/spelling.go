package normalize

import "strings"

// FoldSpelling gives the canonical Horn-of-Africa spelling of a name token
// (Ghebre → "gebre", Tewolde → "tewelde", Zacharias → "zekarias", Goytom →
// "goitom", Yohanes → "yohannes", Tesfai → "tesfay"), by the tables in
// spelling_table.go: whole-word folds first, else one prefix and one suffix
// rewrite. Given several tokens (a NameKey), it folds each and joins the
// two-word theophoric names: "habte mariam" → "habtemariam". Input is read
// as NameKey reads it, so "Habte-Mariam" works too. The result is a key
// for comparing, not for storing: NameKey keeps the written spelling.
func FoldSpelling(token string) string {
	tokens := NameTokens(token)
	for i, t := range tokens {
		tokens[i] = foldHornToken(t)
	}
	out := tokens[:0]
	for i := 0; i < len(tokens); i++ {
		if i+1 < len(tokens) && hornCompoundHeads[tokens[i]] && hornCompoundTails[tokens[i+1]] {
			out = append(out, foldHornToken(tokens[i]+tokens[i+1]))
			i++
			continue
		}
		out = append(out, tokens[i])
	}
	return strings.Join(out, " ")
}

func foldHornToken(t string) string {
	if c, ok := hornWords[t]; ok {
		return c
	}
	for _, p := range hornPrefixes {
		if strings.HasPrefix(t, p.from) {
			t = p.to + t[len(p.from):]
			break
		}
	}
	for _, p := range hornSuffixes {
		if strings.HasSuffix(t, p.from) && len(t) > len(p.from) {
			t = t[:len(t)-len(p.from)] + p.to
			break
		}
	}
	if c, ok := hornWords[t]; ok {
		return c
	}
	return t
}

// PhoneticKey is a sound key for Horn-of-Africa and Arabic names written in
// Latin, built for the link stage's blocking and its "phonetic" comparison
// level. Rules, in order, on the NameKey form of each token:
//
//  1. digraphs: ph→f, gh→g, kh→k, ck→k, ch→k (Zacharias, Michael; the
//     Horn-of-Africa ch of Chernet becomes k too), sh→x, th→t, dh→d,
//     ts/tz/tx→c (Tsegay = Tzegai), dj→j;
//  2. letters: q→k, c→k (Italian-era spellings: Tecle, Micael), x→ks;
//  3. doubled letters written once (Yohannes = Yohanes);
//  4. a final h after a vowel dropped (Fatimah = Fatima);
//  5. vowels dropped, y dropped after the first letter (Goytom = Goitom,
//     Maryam = Mariam), w dropped after the first letter unless a vowel
//     follows (Zewdu = Zeudi); a leading vowel becomes "a" (Eyob = Iyob).
//
// So Tewelde/Tewolde → "twld", Zekarias/Zacharias → "zkrs", Ghebre/Gebre →
// "gbr", while Tesfay "tsf" ≠ Tekle "tkl" and Kidane "kdn" ≠ Kibrom "kbrm".
// Vowels carry little in these transcriptions and consonants a lot, which
// is why z/s, j/g, t/d and b/v are kept apart. Several tokens give several
// keys separated by spaces.
func PhoneticKey(token string) string {
	tokens := NameTokens(token)
	out := tokens[:0]
	for _, t := range tokens {
		if k := phoneticToken(t); k != "" {
			out = append(out, k)
		}
	}
	return strings.Join(out, " ")
}

// phoneticLetters applies rules 1 and 2 in one pass; at each place the
// first listed match wins, so digraphs go before single letters and the
// letters written by a digraph (x, c) are not read again.
var phoneticLetters = strings.NewReplacer(
	"ph", "f", "gh", "g", "kh", "k", "ck", "k", "ch", "k", "sh", "x",
	"th", "t", "dh", "d", "ts", "c", "tz", "c", "tx", "c", "dj", "j",
	"c", "k", "q", "k", "x", "ks",
)

func phoneticToken(t string) string {
	t = phoneticLetters.Replace(t)
	var b strings.Builder
	var prev byte
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c == prev {
			continue
		}
		prev = c
		var next byte
		if i+1 < len(t) {
			next = t[i+1]
		}
		switch {
		case i == 0 && isLatinVowel(c):
			b.WriteByte('a')
		case isLatinVowel(c):
		case c == 'h' && i > 0 && i == len(t)-1 && isLatinVowel(t[i-1]):
		case c == 'y' && i > 0: // a glide or a vowel: Goytom = Goitom, Maryam = Mariam
		case c == 'w' && i > 0 && !isLatinVowel(next): // Zewdu = Zeudi
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
