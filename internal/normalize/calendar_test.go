package normalize

import (
	"errors"
	"testing"
	"time"
)

func gdate(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// Pairs checked by hand: JDN = 1724221 + 365(y−1) + ⌊y/4⌋ + 30(m−1) + d − 1
// against the JDN of the Gregorian day (2000-01-01 = 2451545).
func TestEthiopianToGregorian(t *testing.T) {
	tests := []struct {
		y, m, d int
		want    time.Time
	}{
		{2016, 1, 1, gdate(2023, 9, 12)},  // JDN 2460200; 2016 follows a 6-day Pagume
		{2012, 1, 1, gdate(2019, 9, 12)},  // JDN 2458739
		{2011, 1, 1, gdate(2018, 9, 11)},  // JDN 2458373
		{2015, 13, 6, gdate(2023, 9, 11)}, // JDN 2460199: leap Pagume
		{2011, 13, 6, gdate(2019, 9, 11)}, // leap Pagume before 1 Meskerem 2012
		{2017, 4, 29, gdate(2025, 1, 7)},  // Genna, Ethiopian Christmas; JDN 2460683
		{2018, 1, 1, gdate(2025, 9, 11)},  // JDN 2460930
		{2016, 13, 5, gdate(2024, 9, 10)}, // last day of a common year
		{1, 1, 1, gdate(8, 8, 27)},        // epoch: 29 Aug 8 Julian = 27 Aug 8 proleptic Gregorian
		{1983, 1, 1, gdate(1990, 9, 11)},
	}
	for _, tt := range tests {
		got, err := EthiopianToGregorian(tt.y, tt.m, tt.d)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("EthiopianToGregorian(%d, %d, %d) = %v, %v; want %v", tt.y, tt.m, tt.d, got, err, tt.want)
		}
		if y, m, d := GregorianToEthiopian(tt.want); y != tt.y || m != tt.m || d != tt.d {
			t.Errorf("GregorianToEthiopian(%v) = %d-%d-%d; want %d-%d-%d", tt.want, y, m, d, tt.y, tt.m, tt.d)
		}
	}
}

func TestEthiopianToGregorianInvalid(t *testing.T) {
	tests := []struct{ y, m, d int }{
		{2016, 13, 6}, // 2016 % 4 = 0: Pagume has 5 days
		{2015, 13, 7},
		{2016, 1, 31},
		{2016, 1, 0},
		{2016, 14, 1},
		{2016, 0, 1},
		{0, 1, 1},
		{-5, 1, 1},
	}
	for _, tt := range tests {
		if _, err := EthiopianToGregorian(tt.y, tt.m, tt.d); !errors.Is(err, ErrInvalidDate) {
			t.Errorf("EthiopianToGregorian(%d, %d, %d) error = %v, want ErrInvalidDate", tt.y, tt.m, tt.d, err)
		}
	}
}

// TestEthiopianRoundTrip walks every day from 1990 to 2040: Gregorian →
// Ethiopian → Gregorian must come back, and each next day must be the next
// Ethiopian date, with Pagume of 6 days exactly when year % 4 == 3.
func TestEthiopianRoundTrip(t *testing.T) {
	py, pm, pd := GregorianToEthiopian(gdate(1989, 12, 31))
	for day := gdate(1990, 1, 1); day.Year() <= 2040; day = day.AddDate(0, 0, 1) {
		y, m, d := GregorianToEthiopian(day)
		back, err := EthiopianToGregorian(y, m, d)
		if err != nil || !back.Equal(day) {
			t.Fatalf("%s → %d-%d-%d → %v, %v", day.Format(time.DateOnly), y, m, d, back, err)
		}
		wy, wm, wd := py, pm, pd+1
		if wd > 30 || (pm == 13 && wd > pagumeDays(py)) {
			wm, wd = wm+1, 1
		}
		if wm > 13 {
			wy, wm = wy+1, 1
		}
		if y != wy || m != wm || d != wd {
			t.Fatalf("%s is %d-%d-%d, want the day after %d-%d-%d", day.Format(time.DateOnly), y, m, d, py, pm, pd)
		}
		py, pm, pd = y, m, d
	}
}

func TestGregorianToEthiopianLocation(t *testing.T) {
	addis := time.FixedZone("EAT", 3*3600)
	// 23:30 UTC on 10 Sept 2023 is already 11 Sept in Addis Ababa.
	at := time.Date(2023, 9, 10, 23, 30, 0, 0, time.UTC).In(addis)
	if y, m, d := GregorianToEthiopian(at); y != 2015 || m != 13 || d != 6 {
		t.Errorf("GregorianToEthiopian(%v) = %d-%d-%d, want 2015-13-6", at, y, m, d)
	}
}

func TestParseEthiopianDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"01/01/2016", gdate(2023, 9, 12)},
		{"1-1-2016", gdate(2023, 9, 12)},
		{"01.01.2016", gdate(2023, 9, 12)},
		{"2016-01-01", gdate(2023, 9, 12)},
		{"2016/1/1", gdate(2023, 9, 12)},
		{" 6/13/2015 ", gdate(2023, 9, 11)},
		{"29 Tahsas 2017", gdate(2025, 1, 7)},
		{"Tahsas 29, 2017", gdate(2025, 1, 7)},
		{"29 TAHSAS 2017 E.C.", gdate(2025, 1, 7)},
		{"ታኅሣሥ ፳፱ ቀን ፳፻፲፯ ዓ.ም.", gdate(2025, 1, 7)},
		{"ታህሳስ 29 2017", gdate(2025, 1, 7)},
		{"፳፱/፬/፳፻፲፯", gdate(2025, 1, 7)},
		{"1 Meskerem 2018", gdate(2025, 9, 11)},
		{"መስከረም 1 2018 ዓ/ም", gdate(2025, 9, 11)},
		{"6 Pagume 2015", gdate(2023, 9, 11)},
		{"ጳጉሜን 6 2015", gdate(2023, 9, 11)},
		{"3 Tikimt 2017", gdate(2024, 10, 13)},
		{"3 Tikemt 2017", gdate(2024, 10, 13)},
		{"ጥቅምት 3 2017", gdate(2024, 10, 13)},
		{"12 Hidar 2016", gdate(2023, 11, 22)},
		{"ኅዳር 12 2016", gdate(2023, 11, 22)},
		{"ህዳር 12 2016", gdate(2023, 11, 22)},
		{"11 Tir 2017", gdate(2025, 1, 19)},
		{"11 Ter 2017", gdate(2025, 1, 19)},
		{"ጥር 11 2017", gdate(2025, 1, 19)},
		{"1 Yekatit 2017", gdate(2025, 2, 8)},
		{"1 Megabit 2017", gdate(2025, 3, 10)},
		{"1 Miyazya 2017", gdate(2025, 4, 9)},
		{"1 Ginbot 2017", gdate(2025, 5, 9)},
		{"1 Sene 2017", gdate(2025, 6, 8)},
		{"1 Hamle 2017", gdate(2025, 7, 8)},
		{"1 Nehase 2017", gdate(2025, 8, 7)},
		{"ነሐሴ 1 2017", gdate(2025, 8, 7)},
		{"ሐምሌ 1 2017", gdate(2025, 7, 8)},
	}
	for _, tt := range tests {
		got, err := ParseEthiopianDate(tt.in)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseEthiopianDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseEthiopianDateErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"", ErrDateFormat},
		{"yesterday", ErrDateFormat},
		{"1/1/16", ErrDateFormat},
		{"01/01-2016", ErrDateFormat},
		{"29 Tahsas", ErrDateFormat},
		{"29 Tahsas 2017 morning", ErrDateFormat},
		{"Tahsas Tir 2017", ErrDateFormat},
		{"12345 Tahsas 2017", ErrDateFormat},
		{"31/01/2016", ErrInvalidDate},
		{"6/13/2016", ErrInvalidDate},
		{"7 Pagume 2015", ErrInvalidDate},
		{"2016-14-01", ErrInvalidDate},
		{"0 Meskerem 2016", ErrInvalidDate},
	}
	for _, tt := range tests {
		if _, err := ParseEthiopianDate(tt.in); !errors.Is(err, tt.want) {
			t.Errorf("ParseEthiopianDate(%q) error = %v, want %v", tt.in, err, tt.want)
		}
	}
}

// TestEthiopianMonthNames checks that every listed name reads as its month
// and no folded name is claimed by two months.
func TestEthiopianMonthNames(t *testing.T) {
	claimed := map[string]int{}
	for i, names := range ethiopianMonths {
		for _, n := range names {
			for _, key := range []string{monthKey(n), monthKey(RomanizeEthiopicBGN(n))} {
				if prev, ok := claimed[key]; ok && prev != i+1 {
					t.Errorf("%q (%q) is month %d and %d", n, key, prev, i+1)
				}
				claimed[key] = i + 1
			}
			if got := monthIndex[monthKey(n)]; got != i+1 {
				t.Errorf("month name %q reads as %d, want %d", n, got, i+1)
			}
		}
	}
}
