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

func TestParseDate(t *testing.T) {
	tests := []struct {
		in       string
		serial   bool
		date1904 bool
		want     string
		bad      bool
	}{
		{in: "2025-03-14 10:22", want: "2025-03-14T10:22:00Z"},
		{in: "2025-03-14", want: "2025-03-14T00:00:00Z"},
		{in: "45730", serial: true, want: "2025-03-14T00:00:00Z"},
		{in: "45730.5", serial: true, want: "2025-03-14T12:00:00Z"},
		{in: "44268", serial: true, date1904: true, want: "2025-03-14T00:00:00Z"},
		{in: "45730", bad: true},
		{in: "31/02/2025", serial: true, bad: true},
		{in: "2025-02-30", bad: true},
		{in: "", bad: true},
	}
	for _, tt := range tests {
		got, err := parseDate(tt.in, defaultDateLayouts, tt.serial, tt.date1904)
		if tt.bad {
			if err == nil {
				t.Errorf("parseDate(%q) = %v, want an error", tt.in, got)
			}
			continue
		}
		if err != nil || got.Format(time.RFC3339) != tt.want {
			t.Errorf("parseDate(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}
