package samples

import (
	"fmt"
	"strings"
	"time"

	"github.com/cmrflow/cmrflow/internal/normalize"
)

// fxScale is the unit of usd_per_unit: rates are whole numbers of 1e-8 USD,
// as fx_rates stores them (DECIMAL(18, 8)), so conversions here are exact.
const fxScale = 100_000_000

var (
	fxStart = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	fxMid   = time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	fxEnd   = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
)

// interpolate runs a straight line through the three half-year anchors.
func interpolate(a [3]int64, day time.Time) float64 {
	from, to, lo, hi := fxStart, fxMid, a[0], a[1]
	if !day.Before(fxMid) {
		from, to, lo, hi = fxMid, fxEnd, a[1], a[2]
	}
	f := min(max(day.Sub(from).Hours()/to.Sub(from).Hours(), 0), 1)
	return float64(lo) + f*float64(hi-lo)
}

// birrPerUSD is the Addis broker's rate of the day in hundredths of a birr.
func birrPerUSD(day time.Time) int64 {
	return int64(interpolate(birrAnchors, day) + 0.5)
}

// usdPerUnit is the rate of the day in 1e-8 USD: rounded to six decimals,
// as central banks publish, except ETB, which is the broker's rate inverted.
func usdPerUnit(cur string, day time.Time) int64 {
	switch cur {
	case "USD":
		return fxScale
	case "ETB":
		b := birrPerUSD(day)
		return (100*fxScale + b/2) / b
	}
	return int64(interpolate(fxAnchors[cur], day)/100+0.5) * 100
}

// toUSD converts minor units of cur (cents, öre, santim) to US cents, as
// ingest does: amount times rate, rounded to cents.
func toUSD(minor int64, cur string, day time.Time) int64 {
	return (minor*usdPerUnit(cur, day) + fxScale/2) / fxScale
}

// fromUSD gives the minor units of cur nearest to US cents.
func fromUSD(cents int64, cur string, day time.Time) int64 {
	r := usdPerUnit(cur, day)
	return (cents*fxScale + r/2) / r
}

// formatRate writes a rate in 1e-8 units as a decimal without trailing zeros.
func formatRate(r int64) string {
	s := fmt.Sprintf("%d.%08d", r/fxScale, r%fxScale)
	return strings.TrimRight(strings.TrimRight(s, "0"), ".")
}

// rateRows are the daily rates of every currency the samples use, over 2025.
func rateRows() [][]string {
	var rows [][]string
	for _, cur := range []string{"EUR", "ETB", "GBP", "NOK", "SEK"} {
		for d := fxStart; d.Before(fxEnd); d = d.AddDate(0, 0, 1) {
			rows = append(rows, []string{cur, d.Format(time.DateOnly), formatRate(usdPerUnit(cur, d))})
		}
	}
	return rows
}

// decimal writes minor units with two decimals and the given separator.
func decimal(minor int64, sep string) string {
	return fmt.Sprintf("%d%s%02d", minor/100, sep, minor%100)
}

// nlIBAN makes a valid Dutch IBAN (ISO 7064 mod 97) for a bank code and a
// ten-digit account number.
func nlIBAN(bank string, account int64) string {
	return normalize.NewIBAN("NL", fmt.Sprintf("%s%010d", bank, account))
}

// spacedPhone writes an E.164 number as "+251 91 123 4567", as a clerk
// copies it from a phone.
func spacedPhone(e164 string) string {
	if len(e164) < 11 {
		return e164
	}
	cc := 3
	switch {
	case strings.HasPrefix(e164, "+1"):
		cc = 1
	case twoDigitCC[e164[1:3]]:
		cc = 2
	}
	n := e164[1+cc:]
	return "+" + e164[1:1+cc] + " " + n[:2] + " " + n[2:len(n)-4] + " " + n[len(n)-4:]
}

// twoDigitCC are the two-digit country codes of the countries the samples use.
var twoDigitCC = map[string]bool{"31": true, "46": true, "49": true, "47": true, "44": true, "20": true}
