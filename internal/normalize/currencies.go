package normalize

import (
	"strings"
	"sync"
)

// Currency reads a currency written as an ISO 4217 code, a sign or a name
// and returns its code. Names are known in English, Dutch, Italian, Spanish,
// French and German for every currency (iso-codes), plus Arabic, Amharic,
// plurals and everyday names for the currencies of this field
// (currencies_names.go). A sign or word that several currencies share is
// refused (ok false) rather than guessed: "kr", "¥", plain "pound",
// "dinar", "shilling", "krone", "franc", "rupee", "peso", جنيه, دينار — a
// Sudanese ledger's "pound" and an Egyptian one's differ sixtyfold, so the
// corridor or a qualifier must decide. Where this field uses a shared word
// for one currency, that one is taken: "$" and "dollar" → USD, "riyal" and
// ﷼ → SAR, "dirham" → AED, "lira" → TRY.
func Currency(text string) (code string, ok bool) {
	tables := currencyTables()
	t := strings.TrimSpace(text)
	if len(t) == 3 && isASCIILetters(t) {
		if c := strings.ToUpper(t); tables.codes[c] {
			return c, true
		}
	}
	key := lookupKey(t, nil)
	if c, ok := tables.names[key]; ok {
		return c, c != ""
	}
	// Plurals: "dollars", "euro's", "birrs" ("kronor" is listed).
	for _, suffix := range []string{"s", "es"} {
		if c, ok := tables.names[strings.TrimSuffix(key, suffix)]; ok && strings.HasSuffix(key, suffix) {
			return c, c != ""
		}
	}
	return "", false
}

type currencyIndex struct {
	codes map[string]bool
	names map[string]string // folded name → code, "" for shared names
}

// currencyTables folds the name tables on first use (see countryTables).
var currencyTables = sync.OnceValue(func() currencyIndex {
	ix := currencyIndex{
		codes: make(map[string]bool, len(iso4217)+len(recentCurrencyCodes)),
		names: make(map[string]string, len(isoCurrencyNames)+len(fieldCurrencyNames)),
	}
	for _, c := range iso4217 {
		ix.codes[c] = true
	}
	for _, c := range recentCurrencyCodes {
		ix.codes[c] = true
	}
	for n, c := range isoCurrencyNames {
		ix.names[lookupKey(n, nil)] = c
	}
	for n, c := range fieldCurrencyNames {
		ix.names[lookupKey(n, nil)] = c
	}
	return ix
})
