package ingest

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// parseAmount reads an amount as people write it and returns it as a plain
// decimal ("-1234.56") plus any currency named in the text. With
// decimalComma, "1.234,56" style is expected; otherwise "1,234.56". A value
// that is not an amount is an error, never a zero.
func parseAmount(text string, decimalComma bool) (amount, currency string, err error) {
	s := strings.TrimSpace(text)
	if s == "" {
		return "", "", errors.New("is empty")
	}
	if plain, ok := plainAmount(s, decimalComma); ok {
		return plain, "", nil
	}
	neg := false
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg, s = true, strings.TrimSpace(s[1:len(s)-1])
	}
	// Peel currency codes and symbols off either end.
	var letters strings.Builder
	var body strings.Builder
	for _, r := range s {
		if d, ok := asciiDigit(r); ok {
			r = d
		}
		switch {
		case r >= '0' && r <= '9' || r == ',' || r == '.':
			body.WriteRune(r)
		case r == '٫': // Arabic decimal separator
			if decimalComma {
				body.WriteRune(',')
			} else {
				body.WriteRune('.')
			}
		case r == '٬': // Arabic thousands separator
			continue
		case r == '-' || r == '−':
			neg = !neg
		case r == '+', unicode.IsSpace(r), r == '\'', r == '’':
			// signs and group separators (1 234,56 and 1'234.56)
		case unicode.IsLetter(r) || unicode.Is(unicode.Sc, r):
			letters.WriteRune(r)
		default:
			return "", "", fmt.Errorf("%q is not an amount", text)
		}
	}
	if l := letters.String(); l != "" {
		code, ok := currencyCode(l)
		if !ok {
			return "", "", fmt.Errorf("%q is not an amount", text)
		}
		currency = code
	}
	b := body.String()
	if b == "" || strings.Trim(b, ",.") == "" {
		return "", "", fmt.Errorf("%q is not an amount", text)
	}
	dec, group := ".", ","
	if decimalComma {
		dec, group = ",", "."
	}
	intPart, frac := b, ""
	if i := strings.LastIndex(b, dec); i >= 0 {
		intPart, frac = b[:i], b[i+1:]
		if strings.ContainsAny(frac, ",.") {
			return "", "", fmt.Errorf("%q is not an amount", text)
		}
	}
	if strings.Contains(intPart, dec) {
		return "", "", fmt.Errorf("%q has two decimal separators", text)
	}
	if strings.Contains(intPart, group) {
		groups := strings.Split(intPart, group)
		for i, g := range groups {
			if (i == 0 && (len(g) == 0 || len(g) > 3)) || (i > 0 && len(g) != 3) {
				return "", "", fmt.Errorf("%q has misplaced digit grouping", text)
			}
		}
		intPart = strings.Join(groups, "")
	}
	if len(frac) > 3 {
		return "", "", fmt.Errorf("%q has more than 3 decimals", text)
	}
	if intPart == "" {
		intPart = "0"
	}
	if len(strings.TrimLeft(intPart, "0")) > 15 {
		return "", "", fmt.Errorf("%q is too large", text)
	}
	amount = intPart
	if frac != "" {
		amount += "." + frac
	}
	if neg {
		amount = "-" + amount
	}
	return amount, currency, nil
}

// plainAmount accepts, without allocating, the commonest form: digits with
// at most one decimal point and three decimals, as exports write them.
func plainAmount(s string, decimalComma bool) (string, bool) {
	if decimalComma || len(s) > 19 {
		return "", false
	}
	dot, digits := -1, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && dot < 0 && i > 0:
			dot = i
		default:
			return "", false
		}
	}
	if dot >= 0 && (len(s)-dot-1 > 3 || dot == len(s)-1) {
		return "", false
	}
	intDigits := len(s)
	if dot >= 0 {
		intDigits = dot
	}
	if len(strings.TrimLeft(s[:intDigits], "0")) > 15 || digits == 0 {
		return "", false
	}
	return s, true
}

// asciiDigit maps the digits ledgers are written in (Arabic-Indic,
// Eastern Arabic-Indic, Devanagari, full-width) to ASCII.
func asciiDigit(r rune) (rune, bool) {
	for _, zero := range []rune{'٠', '۰', '०', '０'} {
		if r >= zero && r <= zero+9 {
			return '0' + (r - zero), true
		}
	}
	return r, false
}

// cellNumber turns a spreadsheet's stored number (which may carry binary
// noise such as 1234.5599999999999) into its shortest decimal form.
func cellNumber(raw string) (string, bool) {
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return "", false
	}
	return strconv.FormatFloat(math.Round(f*1000)/1000, 'f', -1, 64), true
}
