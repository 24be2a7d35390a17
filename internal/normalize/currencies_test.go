package normalize

import "testing"

func TestCurrency(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"USD", "USD", true}, {"usd", "USD", true}, {" Etb ", "ETB", true}, {"ERN", "ERN", true},
		{"SDG", "SDG", true}, {"LYD", "LYD", true}, {"ZWG", "ZWG", true}, {"HRK", "HRK", true},
		// signs
		{"$", "USD", true}, {"US$", "USD", true}, {"US $", "USD", true}, {"€", "EUR", true},
		{"£", "GBP", true}, {"₪", "ILS", true}, {"﷼", "SAR", true}, {"₺", "TRY", true},
		{"kr", "", false}, {"kr.", "", false}, {"¥", "", false},
		// names in the languages of the field
		{"Birr", "ETB", true}, {"birrs", "ETB", true}, {"ብር", "ETB", true}, {"Ethiopian birr", "ETB", true},
		{"Nakfa", "ERN", true}, {"ናቕፋ", "ERN", true}, {"ናቅፋ", "ERN", true},
		{"dirham", "AED", true}, {"Dirhams", "AED", true}, {"درهم", "AED", true}, {"UAE Dirham", "AED", true},
		{"Sudanese pound", "SDG", true}, {"جنيه سوداني", "SDG", true}, {"Livre soudanaise", "SDG", true},
		{"Libyan dinar", "LYD", true}, {"دينار ليبي", "LYD", true}, {"Dinaro libico", "LYD", true},
		{"Egyptian pound", "EGP", true}, {"جنيه مصري", "EGP", true}, {"Egyptisch pond", "EGP", true},
		{"Kenyan shilling", "KES", true}, {"Ugandan shilling", "UGX", true}, {"KSh", "KES", true},
		{"euro", "EUR", true}, {"Euros", "EUR", true}, {"euro's", "EUR", true}, {"يورو", "EUR", true},
		{"dollar", "USD", true}, {"dollars", "USD", true}, {"US dollar", "USD", true},
		{"US Dollars", "USD", true}, {"دولار", "USD", true}, {"ዶላር", "USD", true},
		{"Amerikaanse dollar", "USD", true}, {"dólares", "USD", true},
		{"pound sterling", "GBP", true}, {"Pounds Sterling", "GBP", true}, {"Britse pond", "GBP", true},
		{"Swedish krona", "SEK", true}, {"Swedish kronor", "SEK", true}, {"kronor", "SEK", true},
		{"Zweedse kroon", "SEK", true}, {"Norwegian krone", "NOK", true}, {"Noorse kroon", "NOK", true},
		{"shekel", "ILS", true}, {"Shekels", "ILS", true}, {"riyal", "SAR", true}, {"ريال", "SAR", true},
		{"lira", "TRY", true}, {"Turkish lira", "TRY", true}, {"Swiss franc", "CHF", true},
		// shared words: refused
		{"pound", "", false}, {"pounds", "", false}, {"dinar", "", false}, {"shilling", "", false},
		{"krona", "", false}, {"krone", "", false}, {"franc", "", false}, {"جنيه", "", false},
		{"دينار", "", false}, {"rial", "", false},
		// unknown
		{"", "", false}, {"XYZ", "", false}, {"bitcoin", "", false}, {"cash", "", false},
	}
	for _, tt := range tests {
		got, ok := Currency(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Currency(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCurrencyTables(t *testing.T) {
	if len(iso4217) < 170 {
		t.Errorf("iso4217 has %d codes, want the full list", len(iso4217))
	}
	for _, c := range iso4217 {
		if got, ok := Currency(c); got != c || !ok {
			t.Errorf("Currency(%q) = %q, %v", c, got, ok)
		}
	}
	seen := map[string]string{}
	for name, code := range fieldCurrencyNames {
		if code != "" && !currencyTables().codes[code] {
			t.Errorf("fieldCurrencyNames[%q] = %q: not an ISO 4217 code", name, code)
		}
		key := lookupKey(name, nil)
		if prev, ok := seen[key]; ok && prev != code {
			t.Errorf("%q folds to %q, claimed by %q and %q", name, key, prev, code)
		}
		seen[key] = code
		if got, ok := Currency(name); got != code || ok != (code != "") {
			t.Errorf("Currency(%q) = %q, %v; want %q", name, got, ok, code)
		}
	}
}

// TestCurrencyNamesUnambiguous is TestCountryNamesUnambiguous for currencies.
func TestCurrencyNamesUnambiguous(t *testing.T) {
	settled := map[string]bool{}
	for n := range fieldCurrencyNames {
		settled[lookupKey(n, nil)] = true
	}
	claims := map[string]map[string]bool{}
	for name, code := range isoCurrencyNames {
		key := lookupKey(name, nil)
		if claims[key] == nil {
			claims[key] = map[string]bool{}
		}
		claims[key][code] = true
	}
	for key, codes := range claims {
		if len(codes) > 1 && !settled[key] {
			t.Errorf("%q is claimed by %v", key, codes)
		}
	}
}
