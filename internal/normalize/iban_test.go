package normalize

import "testing"

func TestIBAN(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		// valid (the SWIFT registry's examples)
		{"NL91 ABNA 0417 1643 00", "NL91ABNA0417164300", true},
		{"nl91abna0417164300", "NL91ABNA0417164300", true},
		{"DE89 3704 0044 0532 0130 00", "DE89370400440532013000", true},
		{"GB29-NWBK-6016-1331-9268-19", "GB29NWBK60161331926819", true},
		{"CH93 0076 2011 6238 5295 7", "CH9300762011623852957", true},
		{"AE07 0331 2345 6789 0123 456", "AE070331234567890123456", true},
		{"EG38 0019 0005 0000 0000 2631 8000 2", "EG380019000500000000263180002", true},
		{"LY83 0020 4800 0020 1001 2036 1", "LY83002048000020100120361", true},
		{"SA03 8000 0000 6080 1016 7519", "SA0380000000608010167519", true},
		{"IT60 X054 2811 1010 0000 0123 456", "IT60X0542811101000000123456", true},
		{"SD21 2901 0501 2340 01", "SD2129010501234001", true},
		{"IBAN NL91ABNA0417164300", "NL91ABNA0417164300", true},
		{"IBAN: NL91 ABNA 0417 1643 00", "NL91ABNA0417164300", true},
		{"\tBE68 5390 0754 7034\u00a0", "BE68539007547034", true},
		// invalid
		{"NL91 ABNA 0417 1643 01", "NL91ABNA0417164301", false},              // one digit changed
		{"DE89 3704 0044 0532 0130 01", "DE89370400440532013001", false},     // one digit changed
		{"GB29 NWBK 6016 1331 9268 1", "GB29NWBK6016133192681", false},       // too short
		{"NL91 ABNA 0417 1643 000", "NL91ABNA04171643000", false},            // too long
		{"XX91 ABNA 0417 1643 00", "XX91ABNA0417164300", false},              // no such country
		{"US64 SVBK US6S 3300 9673 8637", "US64SVBKUS6S330096738637", false}, // the US has no IBAN
		{"NL91 ABNA 0417 1643 0!", "NL91ABNA041716430!", false},
		{"", "", false},
		{"NL", "NL", false},
	}
	for _, tt := range tests {
		got, ok := IBAN(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("IBAN(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestIBANLengths(t *testing.T) {
	for code, n := range ibanLengths {
		if !countryTables().alpha2[code] && code != "XK" {
			t.Errorf("ibanLengths[%q]: not a country code", code)
		}
		if n < 15 || n > 34 {
			t.Errorf("ibanLengths[%q] = %d: outside 15–34", code, n)
		}
	}
}

func TestNewIBAN(t *testing.T) {
	for _, tt := range []struct{ country, bban, want string }{
		{"NL", "ABNA0417164300", "NL91ABNA0417164300"},
		{"DE", "370400440532013000", "DE89370400440532013000"},
		{"GB", "NWBK60161331926819", "GB29NWBK60161331926819"},
	} {
		got := NewIBAN(tt.country, tt.bban)
		if _, ok := IBAN(got); got != tt.want || !ok {
			t.Errorf("NewIBAN(%s, %s) = %s (valid %v), want %s", tt.country, tt.bban, got, ok, tt.want)
		}
	}
}

func TestAccountKey(t *testing.T) {
	for in, want := range map[string]string{
		"NL91 ABNA 0417 1643 00": "NL91ABNA0417164300", // a valid IBAN, compact
		"nl91 abna 0417 1643 01": "NL91ABNA0417164301", // check digits fail: as written
		"0417 164300":            "0417164300",
		"acct-12 ab":             "ACCT-12AB", // dashes kept outside an IBAN
	} {
		if got := AccountKey(in); got != want {
			t.Errorf("AccountKey(%q) = %q, want %q", in, got, want)
		}
	}
}
