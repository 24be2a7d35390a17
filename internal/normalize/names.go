// Package normalize turns names and phone numbers into the keys that ingest
// writes and the link stage matches on, so that both sides agree.
package normalize

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// particles carry no identity: "wedi" (son of), "abu", "bin", "al-", honorifics.
var particles = map[string]bool{
	"wedi": true, "abu": true, "bin": true, "ibn": true, "bint": true,
	"al": true, "el": true, "haji": true, "hajji": true, "mr": true, "mrs": true,
}

// NameKey is the matching key of a personal name: case and diacritics
// folded, punctuation dropped, particles stripped, tokens kept in order.
func NameKey(name string) string {
	folded, _, err := transform.String(transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), name)
	if err != nil {
		folded = name
	}
	folded = strings.ToLower(folded)
	tokens := strings.FieldsFunc(folded, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := tokens[:0]
	for _, t := range tokens {
		if !particles[t] {
			out = append(out, t)
		}
	}
	return strings.Join(out, " ")
}
