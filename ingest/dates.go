package ingest

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"
)

// dateReader reads the dates of one column. The order of day and month is
// decided per file from the values (see decideDateOrder); layouts from a
// profile are tried first.
type dateReader struct {
	layouts   []string
	order     string // dmy, mdy or ymd, for dates that do not say
	serial    bool   // a number is an Excel serial (xlsx cells)
	date1904  bool
	ethiopian bool
}

// parseDateLayouts tries Go layouts only.
func parseDateLayouts(text string, layouts []string) (time.Time, error) {
	s := strings.TrimSpace(text)
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), nil
		}
	}
	if len(layouts) == 0 {
		return parseDate(s, "dmy")
	}
	return time.Time{}, fmt.Errorf("%q is not a date (expected %s)", text, strings.Join(layouts, " or "))
}

func (d *dateReader) read(text string) (time.Time, error) {
	s := strings.TrimSpace(text)
	if s == "" {
		return time.Time{}, errors.New("is empty")
	}
	if d.serial {
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			if f < 1 || f > 2958465 {
				return time.Time{}, fmt.Errorf("%q is outside Excel's dates", text)
			}
			t, err := excelize.ExcelDateToTime(f, d.date1904)
			if err != nil {
				return time.Time{}, fmt.Errorf("%q: %w", text, err)
			}
			return t.UTC().Round(time.Second), nil
		}
	}
	if d.ethiopian {
		t, err := ethiopianDate(s)
		if err != nil {
			return time.Time{}, fmt.Errorf("%q is not an Ethiopian-calendar date: %w", text, err)
		}
		return t, nil
	}
	for _, l := range d.layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), nil
		}
	}
	if t, ok := isoDate(s); ok {
		return t, nil
	}
	return parseDate(s, d.order)
}

// isoDate reads the commonest form, YYYY-MM-DD with an optional HH:MM[:SS]
// after a space or "T", without allocating; anything else is left to
// parseDate.
func isoDate(s string) (time.Time, bool) {
	if len(s) != 10 && len(s) != 16 && len(s) != 19 {
		return time.Time{}, false
	}
	num := func(i, n int) int {
		v := 0
		for _, c := range []byte(s[i : i+n]) {
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	if s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	y, m, d := num(0, 4), num(5, 2), num(8, 2)
	hh, mm, ss := 0, 0, 0
	if len(s) > 10 {
		if (s[10] != ' ' && s[10] != 'T') || s[13] != ':' {
			return time.Time{}, false
		}
		hh, mm = num(11, 2), num(14, 2)
		if len(s) == 19 {
			if s[16] != ':' {
				return time.Time{}, false
			}
			ss = num(17, 2)
		}
	}
	if y < 1900 || m < 1 || m > 12 || d < 1 || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, hh, mm, ss, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false // 30 February: parseDate says why
	}
	return t, true
}

// dateParts splits a date into its numbers and words, and the time of day.
type dateParts struct {
	nums  []string
	month int // from a month name, 0 if none
	clock time.Duration
	zone  *time.Location
}

var monthNames = map[string]int{}

func init() {
	names := [][]string{
		{"jan", "january", "januari", "gennaio", "gen", "enero", "ene", "janvier", "janv", "يناير", "ጥር"},
		{"feb", "february", "februari", "febbraio", "febrero", "fevrier", "fevr", "فبراير", "የካቲት"},
		{"mar", "march", "maart", "mrt", "marzo", "mars", "مارس", "መጋቢት"},
		{"apr", "april", "aprile", "abril", "abr", "avril", "avr", "أبريل", "ابريل", "ሚያዝያ"},
		{"may", "mei", "maggio", "mag", "mayo", "mai", "مايو", "ግንቦት"},
		{"jun", "june", "juni", "giugno", "giu", "junio", "juin", "يونيو", "ሰኔ"},
		{"jul", "july", "juli", "luglio", "lug", "julio", "juillet", "juil", "يوليو", "ሐምሌ"},
		{"aug", "august", "augustus", "agosto", "ago", "aout", "أغسطس", "اغسطس", "ነሐሴ"},
		{"sep", "sept", "september", "settembre", "set", "septiembre", "septembre", "سبتمبر", "መስከረም"},
		{"oct", "october", "oktober", "okt", "ottobre", "ott", "octubre", "octobre", "أكتوبر", "اكتوبر", "ጥቅምት"},
		{"nov", "november", "novembre", "noviembre", "نوفمبر", "ኅዳር", "ህዳር"},
		{"dec", "december", "dicembre", "dic", "diciembre", "decembre", "ديسمبر", "ታኅሣሥ", "ታህሳስ"},
	}
	for i, list := range names {
		for _, n := range list {
			monthNames[n] = i + 1
		}
	}
}

// splitDate reads "14/03/2025 10:22", "2025-03-14T10:22:00Z", "14 mrt 2025",
// "20250314" into parts; the order of day and month is left to the caller.
func splitDate(s string) (dateParts, error) {
	var p dateParts
	s = strings.TrimSpace(s)
	// A time part: the words from the first one holding ":" ("10:22",
	// "2:05 PM", "10:22:05+03:00"), or what follows an ISO "T".
	datePart := s
	if i := strings.IndexByte(s, 'T'); i > 0 && i+1 < len(s) && isDigits(s[i-1:i]) && isDigits(s[i+1:i+2]) {
		datePart = s[:i]
		clock, zone, err := parseClock(s[i+1:])
		if err != nil {
			return p, err
		}
		p.clock, p.zone = clock, zone
	} else if words := strings.Fields(s); len(words) > 1 {
		for k, w := range words {
			if strings.Contains(w, ":") {
				if k == 0 {
					return p, fmt.Errorf("%q is not a date", s)
				}
				datePart = strings.Join(words[:k], " ")
				clock, zone, err := parseClock(strings.Join(words[k:], " "))
				if err != nil {
					return p, err
				}
				p.clock, p.zone = clock, zone
				break
			}
		}
	}
	tokens := strings.FieldsFunc(datePart, func(r rune) bool {
		return r == '/' || r == '-' || r == '.' || r == ' ' || r == ','
	})
	for _, t := range tokens {
		switch {
		case isDigits(t):
			p.nums = append(p.nums, t)
		default:
			m, ok := monthNames[strings.ToLower(strings.TrimSuffix(t, "."))]
			if !ok || p.month != 0 {
				return p, fmt.Errorf("%q is not a date", s)
			}
			p.month = m
		}
	}
	// Compact yyyymmdd, as bank exports write it.
	if len(p.nums) == 1 && len(p.nums[0]) == 8 && p.month == 0 {
		n := p.nums[0]
		p.nums = []string{n[:4], n[4:6], n[6:]}
	}
	return p, nil
}

func parseClock(s string) (time.Duration, *time.Location, error) {
	upper, zone := cutZone(strings.ToUpper(s))
	pm, am := strings.HasSuffix(upper, "PM"), strings.HasSuffix(upper, "AM")
	upper = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(upper, "PM"), "AM"))
	parts := strings.Split(upper, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, nil, fmt.Errorf("%q is not a time of day", s)
	}
	if len(parts) == 3 {
		parts[2], _, _ = strings.Cut(parts[2], ".")
	}
	var v [3]int
	for i, part := range parts {
		n, err := strconv.Atoi(part)
		if err != nil || len(part) > 2 {
			return 0, nil, fmt.Errorf("%q is not a time of day", s)
		}
		v[i] = n
	}
	if pm && v[0] < 12 {
		v[0] += 12
	}
	if am && v[0] == 12 {
		v[0] = 0
	}
	if v[0] > 23 || v[1] > 59 || v[2] > 59 {
		return 0, nil, fmt.Errorf("%q is not a time of day", s)
	}
	return time.Duration(v[0])*time.Hour + time.Duration(v[1])*time.Minute + time.Duration(v[2])*time.Second, zone, nil
}

// cutZone takes a zone off the end of a time of day: Z, UTC, GMT, or an
// offset +03:00, +0300 or +03, after a space or not.
func cutZone(s string) (string, *time.Location) {
	t := strings.TrimSpace(s)
	for _, name := range []string{"UTC", "GMT", "Z"} {
		if strings.HasSuffix(t, name) {
			return strings.TrimSpace(strings.TrimSuffix(t, name)), time.UTC
		}
	}
	i := strings.LastIndexAny(t, "+-")
	if i <= 0 {
		return t, nil
	}
	off := strings.Replace(t[i+1:], ":", "", 1)
	if !isDigits(off) || (len(off) != 2 && len(off) != 4) {
		return t, nil
	}
	h, _ := strconv.Atoi(off[:2])
	m := 0
	if len(off) == 4 {
		m, _ = strconv.Atoi(off[2:])
	}
	if h > 14 || m > 59 {
		return t, nil
	}
	sec := h*3600 + m*60
	if t[i] == '-' {
		sec = -sec
	}
	return strings.TrimSpace(t[:i]), time.FixedZone("", sec)
}

func isDigits(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) || r > unicode.MaxASCII {
			return false
		}
	}
	return s != ""
}

// parseDate reads a date whose day and month order is order (dmy or mdy)
// unless it says so itself (a four-digit year first, a month name).
func parseDate(s, order string) (time.Time, error) {
	p, err := splitDate(s)
	if err != nil {
		return time.Time{}, err
	}
	var y, m, d int
	n := make([]int, len(p.nums))
	for i, t := range p.nums {
		n[i], _ = strconv.Atoi(t)
	}
	switch {
	case p.month != 0 && len(n) == 2:
		m = p.month
		if len(p.nums[0]) == 4 {
			y, d = n[0], n[1]
		} else {
			d, y = n[0], n[1]
		}
		if len(p.nums[1]) == 2 && len(p.nums[0]) <= 2 {
			y = twoDigitYear(n[1])
		}
	case len(n) == 3 && len(p.nums[0]) == 4:
		y, m, d = n[0], n[1], n[2]
	case len(n) == 3 && (len(p.nums[2]) == 4 || len(p.nums[2]) == 2):
		y = n[2]
		if len(p.nums[2]) == 2 {
			y = twoDigitYear(n[2])
		}
		if order == "mdy" {
			m, d = n[0], n[1]
		} else {
			d, m = n[0], n[1]
		}
	default:
		return time.Time{}, fmt.Errorf("%q is not a date", s)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d || y < 1900 || y > 2200 {
		return time.Time{}, fmt.Errorf("%q is not a date", s)
	}
	zone := p.zone
	if zone == nil {
		zone = time.UTC
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, zone).Add(p.clock).UTC(), nil
}

// twoDigitYear reads 25 as 2025 and 97 as 1997: the window that covers
// the records investigators receive.
func twoDigitYear(y int) int {
	if y < 70 {
		return 2000 + y
	}
	return 1900 + y
}

// decideDateOrder reads a sample of a column's dates: a first number above
// 12 means day first, a second above 12 month first. It returns the order
// and whether the sample settled it.
func decideDateOrder(sample []string, fallback string) (order string, settled bool, conflict bool) {
	dmy, mdy := 0, 0
	for _, s := range sample {
		p, err := splitDate(s)
		if err != nil || p.month != 0 || len(p.nums) != 3 || len(p.nums[0]) == 4 {
			continue
		}
		a, _ := strconv.Atoi(p.nums[0])
		b, _ := strconv.Atoi(p.nums[1])
		switch {
		case a > 12 && b <= 12:
			dmy++
		case b > 12 && a <= 12:
			mdy++
		}
	}
	switch {
	case dmy > 0 && mdy > 0:
		if mdy > dmy {
			return "mdy", true, true
		}
		return "dmy", true, true
	case dmy > 0:
		return "dmy", true, false
	case mdy > 0:
		return "mdy", true, false
	}
	return fallback, false, false
}

// decideDecimal reads a sample of a column's amounts: a separator followed
// by other than three digits, or followed by the other separator, is the
// decimal one. It returns "," or "." and whether the sample settled it.
func decideDecimal(sample []string, fallback string) (string, bool) {
	comma, dot := 0, 0
	for _, s := range sample {
		i := strings.LastIndexAny(s, ",.")
		if i < 0 {
			continue
		}
		digits := 0
		for _, r := range s[i+1:] {
			if r >= '0' && r <= '9' {
				digits++
			} else {
				break
			}
		}
		other := "."
		if s[i] == '.' {
			other = ","
		}
		if strings.Contains(s[:i], string(s[i])) && !strings.Contains(s[:i], other) {
			// "1.234.567": repeated, so grouping; the other is decimal.
			if s[i] == '.' {
				comma++
			} else {
				dot++
			}
			continue
		}
		if digits != 3 || strings.Contains(s[:i], other) {
			if s[i] == ',' {
				comma++
			} else {
				dot++
			}
		}
	}
	switch {
	case comma > dot:
		return ",", true
	case dot > comma:
		return ".", true
	}
	return fallback, false
}
