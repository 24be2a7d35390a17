package ingest

import (
	"time"

	"github.com/cmrflow/cmrflow/internal/normalize"
)

// The normalisers ingest shares with the link stage.

func nameKey(name string) string { return normalize.NameKey(name) }

// phoneE164 also takes digits that make no number of the region as an
// international number without its +, which a spreadsheet drops.
func phoneE164(text, region string) (string, bool) {
	e164, ok := normalize.Phone(text, region)
	if !ok {
		if intl, ok := normalize.PhoneWithoutPlus(text); ok {
			return intl, true
		}
	}
	return e164, ok
}

func countryCode(text string) (string, bool) { return normalize.Country(text) }

func currencyCode(text string) (string, bool) { return normalize.Currency(text) }

func ethiopianDate(text string) (time.Time, error) { return normalize.ParseEthiopianDate(text) }

func accountKey(text string) string { return normalize.AccountKey(text) }

// Two-argument forms for memo.get.

func countryOf(text, _ string) (string, bool) { return countryCode(text) }

func accountOf(text, _ string) (string, bool) { return accountKey(text), true }

func nameKeyOf(name, _ string) (string, bool) { return nameKey(name), true }
