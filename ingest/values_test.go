package ingest

import (
	"testing"
	"time"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in           string
		decimalComma bool
		want, cur    string
		bad          bool
	}{
		{in: "1500.00", want: "1500.00"},
		{in: "1,234.56", want: "1234.56"},
		{in: "1.234,56", decimalComma: true, want: "1234.56"},
		{in: "1 234,56", decimalComma: true, want: "1234.56"},
		{in: "(120.00)", want: "-120.00"},
		{in: "-75", want: "-75"},
		{in: "USD 3,000", want: "3000", cur: "USD"},
		{in: "€ 250,50", decimalComma: true, want: "250.50", cur: "EUR"},
		{in: "$1,000,000.5", want: "1000000.5", cur: "USD"},
		{in: "1'234.50", want: "1234.50"},
		{in: ".5", want: "0.5"},
		{in: "١٬٢٣٤٫٥٦", want: "1234.56"},
		{in: "۲۵۰۰", want: "2500"},
		{in: "1 500,00 ETB", decimalComma: true, want: "1500.00", cur: "ETB"},
		{in: "TBC", bad: true},
		{in: "", bad: true},
		{in: "12,34.5", bad: true},
		{in: "1.2.3", bad: true},
		{in: "1.23456", bad: true},
		{in: "12 apples", bad: true},
		{in: "=1+2", bad: true},
		{in: "9999999999999999", bad: true},
	}
	for _, tt := range tests {
		got, cur, err := parseAmount(tt.in, tt.decimalComma)
		if tt.bad {
			if err == nil {
				t.Errorf("parseAmount(%q) = %q, want an error", tt.in, got)
			}
			continue
		}
		if err != nil || got != tt.want || cur != tt.cur {
			t.Errorf("parseAmount(%q) = %q, %q, %v; want %q, %q", tt.in, got, cur, err, tt.want, tt.cur)
		}
	}
}

func TestDates(t *testing.T) {
	tests := []struct {
		in   string
		d    dateReader
		want string
		bad  bool
	}{
		{in: "2025-03-14 10:22", want: "2025-03-14T10:22:00Z"},
		{in: "2025-03-14", want: "2025-03-14T00:00:00Z"},
		{in: "2025-03-14T10:22:05+03:00", want: "2025-03-14T07:22:05Z"},
		{in: "2025-03-14T10:22:05Z", want: "2025-03-14T10:22:05Z"},
		{in: "2025-03-14 10:22:05 +0300", want: "2025-03-14T07:22:05Z"},
		{in: "2025-03-14 10:22:05 -05:00", want: "2025-03-14T15:22:05Z"},
		{in: "2025-03-14 10:22 +03", want: "2025-03-14T07:22:00Z"},
		{in: "2025-03-14 10:22 UTC", want: "2025-03-14T10:22:00Z"},
		{in: "2025-03-14T10:22:05.250+0530", want: "2025-03-14T04:52:05Z"},
		{in: "2025-03-14 10:22 +3", bad: true},
		{in: "2025-03-14 10:22 +1500", bad: true},
		{in: "14/03/2025", d: dateReader{order: "dmy"}, want: "2025-03-14T00:00:00Z"},
		{in: "03/14/2025", d: dateReader{order: "mdy"}, want: "2025-03-14T00:00:00Z"},
		{in: "03/04/2025", d: dateReader{order: "dmy"}, want: "2025-04-03T00:00:00Z"},
		{in: "03/04/2025", d: dateReader{order: "mdy"}, want: "2025-03-04T00:00:00Z"},
		{in: "14.03.25", d: dateReader{order: "dmy"}, want: "2025-03-14T00:00:00Z"},
		{in: "14-3-97", d: dateReader{order: "dmy"}, want: "1997-03-14T00:00:00Z"},
		{in: "14 mrt 2025", want: "2025-03-14T00:00:00Z"},
		{in: "14 March 2025 2:05 PM", want: "2025-03-14T14:05:00Z"},
		{in: "12-Jan-2025", want: "2025-01-12T00:00:00Z"},
		{in: "14 ሚያዝያ 2025", want: "2025-04-14T00:00:00Z"},
		{in: "20250314", want: "2025-03-14T00:00:00Z"},
		{in: "14/03/2025 10:22", d: dateReader{order: "dmy"}, want: "2025-03-14T10:22:00Z"},
		{in: "45730", d: dateReader{serial: true}, want: "2025-03-14T00:00:00Z"},
		{in: "45730.5", d: dateReader{serial: true}, want: "2025-03-14T12:00:00Z"},
		{in: "44268", d: dateReader{serial: true, date1904: true}, want: "2025-03-14T00:00:00Z"},
		{in: "14/03/2025", d: dateReader{layouts: []string{"02/01/2006"}}, want: "2025-03-14T00:00:00Z"},
		{in: "45730", bad: true},
		{in: "31/02/2025", d: dateReader{serial: true, order: "dmy"}, bad: true},
		{in: "14/03/2025", d: dateReader{order: "mdy"}, bad: true},
		{in: "2025-02-30", bad: true},
		{in: "25:00 2025-01-01", bad: true},
		{in: "2025-01-01 25:00", bad: true},
		{in: "yesterday", bad: true},
		{in: "", bad: true},
	}
	for _, tt := range tests {
		got, err := tt.d.read(tt.in)
		if tt.bad {
			if err == nil {
				t.Errorf("read(%q) = %v, want an error", tt.in, got)
			}
			continue
		}
		if err != nil || got.Format(time.RFC3339) != tt.want {
			t.Errorf("read(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

func TestDecideDateOrder(t *testing.T) {
	tests := []struct {
		sample            []string
		order             string
		settled, conflict bool
	}{
		{[]string{"03/04/2025", "14/04/2025"}, "dmy", true, false},
		{[]string{"03/04/2025", "04/14/2025"}, "mdy", true, false},
		{[]string{"03/04/2025", "04/05/2025"}, "dmy", false, false},
		{[]string{"13/04/2025", "14/04/2025", "04/15/2025"}, "dmy", true, true},
		{[]string{"2025-04-13"}, "dmy", false, false},
	}
	for _, tt := range tests {
		order, settled, conflict := decideDateOrder(tt.sample, "dmy")
		if order != tt.order || settled != tt.settled || conflict != tt.conflict {
			t.Errorf("decideDateOrder(%v) = %s, %v, %v; want %s, %v, %v", tt.sample, order, settled, conflict, tt.order, tt.settled, tt.conflict)
		}
	}
}

func TestDecideDecimal(t *testing.T) {
	tests := []struct {
		sample  []string
		sep     string
		settled bool
	}{
		{[]string{"1.234,56", "12,00"}, ",", true},
		{[]string{"1,234.56", "12.5"}, ".", true},
		{[]string{"1,234", "5,000"}, ".", false},
		{[]string{"1.234.567"}, ",", true},
		{[]string{"-337,49", "+50,00"}, ",", true},
		{[]string{"100", "200"}, ".", false},
	}
	for _, tt := range tests {
		sep, settled := decideDecimal(tt.sample, ".")
		if sep != tt.sep || settled != tt.settled {
			t.Errorf("decideDecimal(%v) = %q, %v; want %q, %v", tt.sample, sep, settled, tt.sep, tt.settled)
		}
	}
}
