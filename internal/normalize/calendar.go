package normalize

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

var (
	// ErrInvalidDate marks an Ethiopian date that does not exist.
	ErrInvalidDate = errors.New("invalid Ethiopian date")
	// ErrDateFormat marks text that is not an Ethiopian date this package reads.
	ErrDateFormat = errors.New("unrecognised Ethiopian date")
)

const (
	// ethiopianEpochJDN is the Julian Day Number of 1 Meskerem 1 in the
	// Amete Mihret era (29 August 8 CE, Julian).
	ethiopianEpochJDN = 1724221
	// unixEpochJDN is the Julian Day Number of 1 January 1970.
	unixEpochJDN = 2440588
)

// EthiopianToGregorian converts an Ethiopian (Amete Mihret) date to the
// Gregorian day it falls on, at midnight UTC. The Ethiopian year has twelve
// months of 30 days and Pagume (month 13) of 5 days, or 6 in the year
// before a Gregorian leap year (year % 4 == 3). Dates that do not exist
// give an error wrapping ErrInvalidDate.
func EthiopianToGregorian(year, month, day int) (time.Time, error) {
	if err := checkEthiopian(year, month, day); err != nil {
		return time.Time{}, err
	}
	jdn := ethiopianEpochJDN + 365*(year-1) + year/4 + 30*(month-1) + day - 1
	return time.Unix(int64(jdn-unixEpochJDN)*86400, 0).UTC(), nil
}

// GregorianToEthiopian gives the Ethiopian date of the calendar day of t
// (in t's own location).
func GregorianToEthiopian(t time.Time) (year, month, day int) {
	y, m, d := t.Date()
	days := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
	// Counting from 1 Meskerem of year 0 puts each leap day (6 Pagume) at the
	// end of a 1461-day cycle.
	r := int(days) + unixEpochJDN - ethiopianEpochJDN + 365
	cycle := floorDiv(r, 1461)
	rem := r - cycle*1461
	inCycle := rem/365 - rem/1460
	dayOfYear := rem - 365*inCycle
	return 4*cycle + inCycle, dayOfYear/30 + 1, dayOfYear%30 + 1
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func checkEthiopian(year, month, day int) error {
	switch {
	case year < 1 || year > 9999:
		return fmt.Errorf("%w: year %d", ErrInvalidDate, year)
	case month < 1 || month > 13:
		return fmt.Errorf("%w: month %d", ErrInvalidDate, month)
	case day < 1 || day > 30:
		return fmt.Errorf("%w: day %d", ErrInvalidDate, day)
	case month == 13 && day > pagumeDays(year):
		return fmt.Errorf("%w: Pagume %d in %d, which has %d days of Pagume",
			ErrInvalidDate, day, year, pagumeDays(year))
	}
	return nil
}

func pagumeDays(year int) int {
	if year%4 == 3 {
		return 6
	}
	return 5
}

var (
	dayFirstDate  = regexp.MustCompile(`^(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4})$`)
	yearFirstDate = regexp.MustCompile(`^(\d{4})([/.-])(\d{1,2})([/.-])(\d{1,2})$`)
	// eraSuffix is the era written after a date: E.C., EC, ዓ.ም. (a.m. once
	// romanised), ዓ/ም.
	eraSuffix = regexp.MustCompile(`\s*(e\.?\s?c\.?|a\.?\s?m\.?|a/m\.?)$`)
)

// monthIndex maps each folded month name to its number.
var monthIndex = func() map[string]int {
	m := make(map[string]int)
	for i, names := range ethiopianMonths {
		for _, n := range names {
			m[monthKey(n)] = i + 1
			m[monthKey(RomanizeEthiopicBGN(n))] = i + 1
		}
	}
	return m
}()

func monthKey(s string) string {
	return strings.Join(strings.Fields(foldName(RomanizeEthiopic(s))), "")
}

// dateFillers are words that may stand in a written date without meaning
// anything: ቀን (day), "of", "the", "day".
var dateFillers = map[string]bool{"ken": true, "qen": true, "of": true, "the": true, "day": true}

// ParseEthiopianDate reads an Ethiopian date written as dd/mm/yyyy,
// dd-mm-yyyy, dd.mm.yyyy or yyyy-mm-dd, or with the month's name in
// Amharic, Tigrinya or Latin letters in either order ("29 Tahsas 2017",
// "ታኅሣሥ ፳፱ ቀን ፳፻፲፯ ዓ.ም."). Ethiopic numerals and an era suffix (E.C.,
// ዓ.ም.) are accepted. It returns the Gregorian day, as
// EthiopianToGregorian does.
func ParseEthiopianDate(text string) (time.Time, error) {
	y, m, d, err := readEthiopianDate(text)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse Ethiopian date %q: %w", text, err)
	}
	t, err := EthiopianToGregorian(y, m, d)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse Ethiopian date %q: %w", text, err)
	}
	return t, nil
}

func readEthiopianDate(text string) (year, month, day int, err error) {
	s := strings.ToLower(strings.TrimSpace(RomanizeEthiopic(text)))
	s = strings.TrimSpace(eraSuffix.ReplaceAllString(s, ""))
	if p := dayFirstDate.FindStringSubmatch(s); p != nil && p[2] == p[4] {
		return atoi(p[5]), atoi(p[3]), atoi(p[1]), nil
	}
	if p := yearFirstDate.FindStringSubmatch(s); p != nil && p[2] == p[4] {
		return atoi(p[1]), atoi(p[3]), atoi(p[5]), nil
	}
	return readNamedMonth(s)
}

// readNamedMonth reads "day month year" or "month day year", with commas.
func readNamedMonth(s string) (year, month, day int, err error) {
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == ',' || r == '\t'
	})
	var numbers []string
	for _, f := range fields {
		f = strings.TrimSuffix(f, ".")
		switch {
		case f == "":
		case isDigits(f):
			numbers = append(numbers, f)
		case monthIndex[monthKey(f)] != 0 && month == 0:
			month = monthIndex[monthKey(f)]
		case dateFillers[f]:
		default:
			return 0, 0, 0, fmt.Errorf("%w: unknown word %q", ErrDateFormat, f)
		}
	}
	if month == 0 || len(numbers) != 2 {
		return 0, 0, 0, fmt.Errorf("%w: want a day, a month and a year", ErrDateFormat)
	}
	dayText, yearText := numbers[0], numbers[1]
	if len(dayText) > 2 {
		dayText, yearText = yearText, dayText
	}
	if len(dayText) > 2 || len(yearText) < 3 {
		return 0, 0, 0, fmt.Errorf("%w: want a day of 1–2 digits and a year of 3–4", ErrDateFormat)
	}
	return atoi(yearText), month, atoi(dayText), nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1 // only reached on digit strings too long for int; fails the range check
	}
	return n
}
