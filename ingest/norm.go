package ingest

import (
	"strings"
	"time"

	"github.com/cmrflow/cmrflow/internal/normalize"
)

// The normalisers ingest shares with the link stage.

func nameKey(name string) string { return normalize.NameKey(name) }

func phoneE164(text, region string) (string, bool) { return normalize.Phone(text, region) }

func countryCode(text string) (string, bool) { return normalize.Country(text) }

func currencyCode(text string) (string, bool) { return normalize.Currency(text) }

func ethiopianDate(text string) (time.Time, error) { return normalize.ParseEthiopianDate(text) }

// accountKey is an IBAN in its compact form when it is one, else the
// account number as written without spaces.
func accountKey(text string) string {
	if iban, ok := normalize.IBAN(text); ok {
		return iban
	}
	return strings.ToUpper(strings.Join(strings.Fields(text), ""))
}

// Two-argument forms for memo.get.

func countryOf(text, _ string) (string, bool) { return countryCode(text) }

func accountOf(text, _ string) (string, bool) { return accountKey(text), true }

func nameKeyOf(name, _ string) (string, bool) { return nameKey(name), true }
