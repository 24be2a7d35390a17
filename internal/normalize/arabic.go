package normalize

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// RomanizeArabic writes Arabic-script text in plain ASCII, letter by letter
// (see arabicLetters): short-vowel marks (harakat), shadda and tatweel are
// dropped, so محمد → "mhmd" and وليد → "wlid"; و and ي are w/y at the start
// of a word or next to a vowel letter and u/i elsewhere; a leading article
// comes out as "al-". Arabic-Indic digits become ASCII digits. Text in other
// scripts is left as it is. Good enough for matching, not for display: the
// vowels Arabic does not write stay missing (NameKey fills them in for the
// names in ArabicNameEquivalents).
func RomanizeArabic(s string) string {
	if !hasArabic(s) {
		return s
	}
	s = cleanArabic(s)
	var b strings.Builder
	b.Grow(len(s))
	word := make([]rune, 0, 16)
	for _, r := range s {
		if isArabicLetter(r) {
			word = append(word, r)
			continue
		}
		if len(word) > 0 {
			writeArabicWord(&b, word)
			word = word[:0]
		}
		writeArabicOther(&b, r)
	}
	if len(word) > 0 {
		writeArabicWord(&b, word)
	}
	return b.String()
}

// ArabicSkeleton is the consonant skeleton of a name, one token per name
// part: محمد, Mohammed, Muhammad and Mohamed all give "mhmd". It reads
// Arabic script (romanised letter by letter), Ge'ez and Latin alike. Rules
// for Latin: vowels dropped; w and y kept only at the start of a part;
// kh sh th dh gh kept as written; ph→f, ch→sh, ck/c/q→k, dj→j, x→ks; a
// final h after a vowel dropped (ta marbuta: Fatimah = Fatima); doubled
// letters written once. The skeleton blocks, it does not decide: Hassan
// and Hussein share "hsn", Mahmoud and Mohammed share "mhmd".
func ArabicSkeleton(s string) string {
	tokens := nameTokens(s, keyLetters)
	out := tokens[:0]
	for _, t := range tokens {
		if k := skeleton(t); k != "" {
			out = append(out, k)
		}
	}
	return strings.Join(out, " ")
}

// ArabicCanonical returns the canonical Latin spelling of a given name from
// ArabicNameEquivalents ("Muhammad", "محمد" → "mohammed") and whether the
// name is in the table.
func ArabicCanonical(token string) (string, bool) {
	c, ok := equivalents[equivalentKey(token)]
	return c, ok
}

// equivalents is ArabicNameEquivalents keyed by folded spelling. It is
// built in init because folding a key goes through NameKey, which reads it.
var equivalents map[string]string

func init() {
	m := make(map[string]string, len(ArabicNameEquivalents))
	for k, v := range ArabicNameEquivalents {
		m[equivalentKey(k)] = v
	}
	equivalents = m
}

func equivalentKey(s string) string {
	if hasArabic(s) {
		return arabicKey(s)
	}
	return strings.Join(nameTokens(s, keyLetters), "")
}

// arabicKey folds the spellings that vary in Arabic script without changing
// the name: harakat, tatweel, hamza seats on alif, alif maqsura, ta marbuta,
// and the space inside عبد ال… compounds.
func arabicKey(s string) string {
	s = cleanArabic(s)
	return strings.Map(func(r rune) rune {
		switch r {
		case 'أ', 'إ', 'آ', 'ٱ':
			return 'ا'
		case 'ى', 'ی':
			return 'ي'
		case 'ة':
			return 'ه'
		case ' ', '\u00a0', '-':
			return -1
		}
		return r
	}, s)
}

func hasArabic(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			for _, r := range s[i:] {
				if isArabicScript(r) {
					return true
				}
			}
			return false
		}
	}
	return false
}

func isArabicScript(r rune) bool {
	return (r >= 0x0600 && r <= 0x06FF) || (r >= 0x0750 && r <= 0x077F) ||
		(r >= 0x08A0 && r <= 0x08FF) || (r >= 0xFB50 && r <= 0xFDFF) ||
		(r >= 0xFE70 && r <= 0xFEFF) || (r >= 0x1EE00 && r <= 0x1EEFF)
}

func isArabicLetter(r rune) bool {
	if r == 'و' || r == 'ي' || r == 'ی' {
		return true
	}
	_, ok := arabicLetters[r]
	return ok
}

// isHaraka reports the marks Arabic writes above and below letters: short
// vowels, tanwin, shadda, sukun, dagger alif and Quranic annotation signs.
func isHaraka(r rune) bool {
	return (r >= 0x0610 && r <= 0x061A) || (r >= 0x064B && r <= 0x065F) ||
		r == 0x0670 || (r >= 0x06D6 && r <= 0x06ED) || (r >= 0x08D3 && r <= 0x08FF)
}

// cleanArabic turns presentation forms (ﻣﺤﻤﺪ, ligatures such as ﷲ) into
// ordinary letters and drops harakat and tatweel.
func cleanArabic(s string) string {
	for _, r := range s {
		if r >= 0xFB50 {
			s = norm.NFKC.String(s)
			break
		}
	}
	return strings.Map(func(r rune) rune {
		if isHaraka(r) || r == 0x0640 {
			return -1
		}
		return r
	}, s)
}

func isArabicVowelLetter(r rune) bool {
	switch r {
	case 'ا', 'أ', 'إ', 'آ', 'ٱ', 'ة', 'ى', 'ۃ':
		return true
	}
	return false
}

func writeArabicWord(b *strings.Builder, w []rune) {
	switch string(w) {
	case "الله", "لله":
		b.WriteString("allah")
		return
	}
	if len(w) > 3 && w[0] == 'ا' && w[1] == 'ل' {
		b.WriteString("al-")
		w = w[2:]
	}
	prevVowel := false
	for i, r := range w {
		var next rune
		if i+1 < len(w) {
			next = w[i+1]
		}
		switch r {
		case 'و':
			if i == 0 || prevVowel || next == 'ا' {
				b.WriteByte('w')
				prevVowel = false
			} else {
				b.WriteByte('u')
				prevVowel = true
			}
		case 'ي', 'ی':
			if i == 0 || prevVowel || next == 'ا' || next == 'و' {
				b.WriteByte('y')
				prevVowel = false
			} else {
				b.WriteByte('i')
				prevVowel = true
			}
		default:
			b.WriteString(arabicLetters[r])
			prevVowel = isArabicVowelLetter(r)
		}
	}
}

func writeArabicOther(b *strings.Builder, r rune) {
	switch {
	case r >= 0x0660 && r <= 0x0669:
		b.WriteByte(byte('0' + r - 0x0660))
	case r >= 0x06F0 && r <= 0x06F9:
		b.WriteByte(byte('0' + r - 0x06F0))
	case r == '،':
		b.WriteByte(',')
	case r == '؛':
		b.WriteByte(';')
	case r == '؟':
		b.WriteByte('?')
	case r == '٪':
		b.WriteByte('%')
	case r == '۔':
		b.WriteByte('.')
	case isArabicScript(r):
		// A letter or sign this table does not know: a space keeps the word
		// boundary and the output ASCII.
		b.WriteByte(' ')
	default:
		b.WriteRune(r)
	}
}

// arabicNameWords romanises one run of Arabic-script name words for
// NameKey: particles become their Latin form, names in
// ArabicNameEquivalents their canonical spelling (when canonical is set),
// and عبد with the word after it one Abd-compound ("abdel" + name, the form
// NameKey gives Latin compounds); anything else goes through RomanizeArabic.
func arabicNameWords(b *strings.Builder, segment string, canonical bool) {
	words := strings.FieldsFunc(cleanArabic(segment), func(r rune) bool {
		return !isArabicLetter(r) && !(r >= 0x0660 && r <= 0x0669) && !(r >= 0x06F0 && r <= 0x06F9)
	})
	for i := 0; i < len(words); i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		key := arabicKey(words[i])
		if p, ok := arabicParticles[key]; ok {
			b.WriteString(p)
			continue
		}
		split := key == "عبد" && i+1 < len(words)
		if split {
			i++
			key += arabicKey(words[i])
		}
		if c, ok := equivalents[key]; ok && canonical {
			b.WriteString(c)
			continue
		}
		// عبدال… written as one word is a compound too; عبده (Abdu) is not.
		if rest, ok := strings.CutPrefix(key, "عبد"); ok && (split || strings.HasPrefix(rest, "ال")) {
			writeAbdCompound(b, rest)
			continue
		}
		if rest, ok := strings.CutPrefix(key, "ال"); ok && canonical {
			if c, ok := equivalents[rest]; ok {
				b.WriteString("al-")
				b.WriteString(c)
				continue
			}
		}
		latin := RomanizeArabic(words[i])
		if c, ok := equivalents[key]; ok && particles[latin] {
			latin = c // عمر is "mr" letter by letter: not the particle Mr
		}
		b.WriteString(latin)
	}
}

// writeAbdCompound writes عبد + rest in NameKey's joined form.
func writeAbdCompound(b *strings.Builder, rest string) {
	switch rest {
	case "الله", "لله", "اله":
		b.WriteString("abdallah")
		return
	}
	if r, ok := strings.CutPrefix(rest, "ال"); ok && r != "" {
		rest = r
	}
	b.WriteString("abdel")
	b.WriteString(RomanizeArabic(rest))
}

// skeleton is the consonant skeleton of one lower-case token.
func skeleton(t string) string {
	var b strings.Builder
	last := ""
	emit := func(u string) {
		if u != last {
			b.WriteString(u)
		}
		last = u
	}
	vowel := func() { last = "" }
	for i := 0; i < len(t); i++ {
		c := t[i]
		var next byte
		if i+1 < len(t) {
			next = t[i+1]
		}
		switch {
		case strings.IndexByte("kstdg", c) >= 0 && next == 'h':
			emit(t[i : i+2])
			i++
		case c == 'p' && next == 'h':
			emit("f")
			i++
		case c == 'c' && next == 'h':
			emit("sh")
			i++
		case c == 'c' && next == 'k':
			emit("k")
			i++
		case c == 'd' && next == 'j':
			emit("j")
			i++
		case c == 'h' && i == len(t)-1 && i > 0 && isLatinVowel(t[i-1]):
			// ta marbuta: Fatimah, Abdallah
		case isLatinVowel(c):
			vowel()
		case (c == 'w' || c == 'y') && i > 0:
			vowel()
		case c == 'q' || c == 'c':
			emit("k")
		case c == 'x':
			emit("ks")
		case c >= utf8.RuneSelf:
			_, size := utf8.DecodeRuneInString(t[i:])
			emit(t[i : i+size])
			i += size - 1
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			emit(t[i : i+1])
		}
	}
	return b.String()
}

func isLatinVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}
