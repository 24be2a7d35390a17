package normalize

import (
	"fmt"
	"strings"
	"unicode"
)

// AccountKey is how an account number is stored and matched, by ingest and
// by the watchlist alike: an IBAN in its compact form when it is a valid
// one, else the text upper-cased without spaces.
func AccountKey(text string) string {
	if iban, ok := IBAN(text); ok {
		return iban
	}
	return strings.ToUpper(strings.Join(strings.Fields(text), ""))
}

// IBAN returns the compact form of an IBAN (no spaces or dashes, upper
// case, a leading "IBAN" label dropped) and whether it is valid: a country
// that issues IBANs, that country's length, and the ISO 7064 mod-97 check.
// An invalid IBAN comes back in its compact form with ok false, so that the
// caller can still show what was written.
func IBAN(text string) (normalized string, ok bool) {
	compact := strings.ToUpper(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' || r == '\u2010' || r == '\u2011' {
			return -1
		}
		return r
	}, text))
	compact = strings.TrimPrefix(compact, "IBAN")
	compact = strings.TrimPrefix(compact, ":")
	if len(compact) < 5 || ibanLengths[compact[:2]] != len(compact) {
		return compact, false
	}
	return compact, ibanChecksum(compact) == 1
}

// ibanChecksum moves the first four characters to the end, reads letters
// as 10–35 and returns the number mod 97, digit by digit.
func ibanChecksum(s string) int {
	rotated := s[4:] + s[:4]
	rem := 0
	for i := 0; i < len(rotated); i++ {
		c := rotated[i]
		switch {
		case c >= '0' && c <= '9':
			rem = (rem*10 + int(c-'0')) % 97
		case c >= 'A' && c <= 'Z':
			rem = (rem*100 + int(c-'A') + 10) % 97
		default:
			return -1
		}
	}
	return rem
}

// NewIBAN writes the IBAN of a domestic account number (BBAN) with its
// check digits, as the sample generator needs.
func NewIBAN(country, bban string) string {
	check := 98 - ibanChecksum(country+"00"+bban)
	return fmt.Sprintf("%s%02d%s", country, check, bban)
}
