package normalize

import (
	"strings"
	"sync"
)

//go:generate go run gen_tables.go

// Country reads a country written as an ISO 3166-1 alpha-2 or alpha-3 code
// or as a name and returns its alpha-2 code. Names are known in English for
// every country and in Dutch, Italian, Spanish, French, German and Arabic
// (iso-codes), plus Amharic and Tigrinya, common aliases and nationality
// adjectives for the countries of the Central Mediterranean Route and its
// diaspora (countries_names.go). Case, diacritics, punctuation and "the"
// are ignored. Names shared by two countries ("Congo", "Korea") are not
// known; ok is false for them and for anything else not in the tables.
func Country(text string) (alpha2 string, ok bool) {
	tables := countryTables()
	t := strings.TrimSpace(text)
	if isASCIILetters(t) {
		code := strings.ToUpper(t)
		switch len(code) {
		case 2:
			if tables.alpha2[code] {
				return code, true
			}
		case 3:
			if a2, ok := tables.alpha3[code]; ok {
				return a2, true
			}
		}
	}
	a2, ok := tables.names[lookupKey(t, countrySkip)]
	return a2, ok
}

var countrySkip = map[string]bool{"the": true}

type countryIndex struct {
	alpha2 map[string]bool
	alpha3 map[string]string // alpha-3 → alpha-2
	names  map[string]string // folded name → alpha-2
}

// countryTables folds the name tables on first use rather than at program
// start: that takes milliseconds, and most commands never look a country up.
var countryTables = sync.OnceValue(func() countryIndex {
	ix := countryIndex{
		alpha2: make(map[string]bool, len(iso3166)),
		alpha3: make(map[string]string, len(iso3166)),
		names:  make(map[string]string, len(isoCountryNames)+len(fieldCountryNames)),
	}
	for _, c := range iso3166 {
		ix.alpha2[c[0]] = true
		ix.alpha3[c[1]] = c[0]
	}
	for n, c := range isoCountryNames {
		ix.names[lookupKey(n, countrySkip)] = c
	}
	// The hand-written names win: they settle what iso-codes leaves vague.
	for n, c := range fieldCountryNames {
		ix.names[lookupKey(n, countrySkip)] = c
	}
	return ix
})

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}
