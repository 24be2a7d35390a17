package ingest

import (
	"strings"
	"time"

	"github.com/cmrflow/cmrflow/internal/normalize"
)

// The normalisers ingest shares with the link stage.

func nameKey(name string) string { return normalize.NameKey(name) }

func phoneE164(text, region string) (string, bool) { return normalize.Phone(text, region) }

// TEMPORARY until internal/normalize grows these.
func countryCode(text string) (string, bool) {
	t := strings.TrimSpace(text)
	if len(t) == 2 {
		return strings.ToUpper(t), true
	}
	return t, false
}

func currencyCode(text string) (string, bool) {
	t := strings.ToUpper(strings.TrimSpace(text))
	if code, ok := currencySymbols[t]; ok {
		return code, true
	}
	if len(t) == 3 && strings.Trim(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" {
		return t, true
	}
	return "", false
}

func accountKey(text string) string {
	return strings.ToUpper(strings.Join(strings.Fields(text), ""))
}

func ethiopianDate(text string) (time.Time, error) { return time.Time{}, nil }
