package ingest

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// Readers meet files nobody checked: these targets assert that no input
// makes them panic and that what they return keeps its promises. Crashers
// found are kept under testdata/fuzz as regression cases.

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"1,234.56", "1.234,56", "(120.00)", "USD 3,000", "€ 250,50", "-0", "1'234.5", "..", "+-1", "1e5", "١٢٣"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, decimalComma bool) {
		amount, _, err := parseAmount(s, decimalComma)
		if err != nil {
			return
		}
		// Whatever is accepted is a plain decimal DuckDB can cast.
		body := strings.TrimPrefix(amount, "-")
		intPart, frac, _ := strings.Cut(body, ".")
		if intPart == "" || strings.Trim(intPart, "0123456789") != "" || strings.Trim(frac, "0123456789") != "" || len(frac) > 3 {
			t.Fatalf("parseAmount(%q) = %q", s, amount)
		}
	})
}

func FuzzDates(f *testing.F) {
	for _, s := range []string{"2025-03-14 10:22", "14/03/2025", "03/14/2025", "14 mrt 2025", "2025-03-14T10:22:05+03:00", "45730.5", "20250314", "2:05 PM", "T:"} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, serial bool) {
		for _, order := range []string{"dmy", "mdy"} {
			d := dateReader{order: order, serial: serial}
			if tm, err := d.read(s); err == nil && (tm.Year() < 1899 || tm.Year() > 10000) {
				t.Fatalf("read(%q) = %v", s, tm)
			}
		}
		decideDateOrder([]string{s}, "dmy")
		decideDecimal([]string{s}, ".")
	})
}

func FuzzDelimited(f *testing.F) {
	for _, s := range []string{
		"a,b,c\n1,2,3\n",
		"a;\"b\nc\";d\r\n1;2;3",
		"\"unclosed,1,2\nx,y,z\n",
		"x\"y,1\n\"a\"b,2\n",
		"a\tb\r\r\n1\t2",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		comma := sniffDelimiter(data)
		d := newDelimReader(bytes.NewReader(data), comma)
		last := 0
		for i := 0; ; i++ {
			line, fields, bad, err := d.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return // only a line over the limit; data this small never has one
			}
			if line <= last || (bad == nil && len(fields) == 0) {
				t.Fatalf("record %d: line %d after %d, %d fields", i, line, last, len(fields))
			}
			last = line
			if i > len(data)+1 {
				t.Fatalf("more records than bytes")
			}
		}
	})
}
