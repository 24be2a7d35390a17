package normalize

import (
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
	num, err := phonenumbers.Parse(text, strings.ToUpper(region))
	if err != nil || !phonenumbers.IsValidNumber(num) {
		return text, false
	}
	return phonenumbers.Format(num, phonenumbers.E164), true
}
