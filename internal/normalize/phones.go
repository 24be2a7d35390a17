package normalize

import (
	"strconv"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// Phone returns the number in E.164 and true when it is a valid number,
// read with region (ISO alpha-2, may be empty) as the default country.
// An invalid number comes back as its trimmed text and false.
func Phone(text, region string) (string, bool) {
	text = strings.TrimSpace(text)
	if text == "" {
		return "", false
	}
	if strings.HasPrefix(text, "00") {
		text = "+" + text[2:]
	}
	if num, ok := e164Number(text); ok {
		// Already international: skip the parser, still validate.
		if phonenumbers.IsValidNumber(num) {
			return text, true
		}
		return text, false
	}
	num, err := phonenumbers.Parse(text, strings.ToUpper(region))
	if err != nil || !phonenumbers.IsValidNumber(num) {
		return text, false
	}
	return phonenumbers.Format(num, phonenumbers.E164), true
}

// PhoneWithoutPlus reads digits as an international number whose + was
// dropped, as a spreadsheet's number cell drops it (971501234567).
func PhoneWithoutPlus(text string) (string, bool) {
	d := dialDigits(strings.TrimSpace(text))
	if len(d) < 9 || d[0] == '0' {
		return text, false
	}
	if num, ok := e164Number("+" + d); ok && phonenumbers.IsValidNumber(num) {
		return "+" + d, true
	}
	return text, false
}

// dialDigits returns the digits of a number written with digits,
// spaces, dots, dashes and brackets only, else "".
func dialDigits(text string) string {
	var b strings.Builder
	for _, r := range text {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '.' || r == '-' || r == '(' || r == ')':
		default:
			return ""
		}
	}
	return b.String()
}

// e164Number reads "+<country code><number>" written with digits only.
func e164Number(text string) (*phonenumbers.PhoneNumber, bool) {
	if len(text) < 8 || len(text) > 16 || text[0] != '+' || text[1] == '0' {
		return nil, false
	}
	for i := 1; i < len(text); i++ {
		if text[i] < '0' || text[i] > '9' {
			return nil, false
		}
	}
	for l := 1; l <= 3; l++ {
		cc, _ := strconv.Atoi(text[1 : 1+l])
		if phonenumbers.GetRegionCodeForCountryCode(cc) == "ZZ" {
			continue
		}
		if text[1+l] == '0' {
			return nil, false // Italian leading zeros: the parser keeps them
		}
		national, err := strconv.ParseUint(text[1+l:], 10, 64)
		if err != nil {
			return nil, false
		}
		code := int32(cc)
		return &phonenumbers.PhoneNumber{CountryCode: &code, NationalNumber: &national}, true
	}
	return nil, false
}
