package normalize

import (
	"strings"
	"unicode"
)

// lookupKey folds a country or currency name for table lookup: Ge'ez
// romanised (so ግብፅ and ግብጽ meet), Arabic reduced to its letters without
// the article (السودان = سودان), case and diacritics folded, punctuation
// dropped, currency signs kept as tokens of their own, and the words in
// skip left out.
func lookupKey(s string, skip map[string]bool) string {
	if hasEthiopic(s) {
		s = RomanizeEthiopic(s)
	}
	if hasArabic(s) {
		s = foldArabicWords(s)
	}
	s = foldName(s)
	var tokens []string
	start := -1
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
			}
			continue
		case start >= 0:
			tokens = append(tokens, s[start:i])
			start = -1
		}
		if unicode.Is(unicode.Sc, r) {
			tokens = append(tokens, string(r))
		}
	}
	if start >= 0 {
		tokens = append(tokens, s[start:])
	}
	out := tokens[:0]
	for _, t := range tokens {
		if !skip[t] {
			out = append(out, t)
		}
	}
	return strings.Join(out, " ")
}

// foldArabicWords applies arabicKey to each Arabic word and drops its
// article, leaving other text alone.
func foldArabicWords(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if !hasArabic(w) {
			continue
		}
		w = strings.Join(strings.Fields(arabicKey(w)), "")
		if rest, ok := strings.CutPrefix(w, "ال"); ok && len([]rune(rest)) > 1 {
			w = rest
		}
		words[i] = w
	}
	return strings.Join(words, " ")
}
