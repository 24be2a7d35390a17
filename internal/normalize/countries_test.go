package normalize

import "testing"

func TestCountry(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"NL", "NL", true},
		{"nl", "NL", true},
		{"NLD", "NL", true},
		{" eri ", "ER", true},
		{"ETH", "ET", true},
		{"SDN", "SD", true},
		{"LBY", "LY", true},
		// field countries in English, Dutch, Italian, Spanish, French, Arabic, Amharic
		{"Eritrea", "ER", true}, {"Érythrée", "ER", true}, {"إريتريا", "ER", true}, {"ኤርትራ", "ER", true},
		{"Ethiopia", "ET", true}, {"Ethiopië", "ET", true}, {"Etiopia", "ET", true}, {"Etiopía", "ET", true},
		{"Éthiopie", "ET", true}, {"إثيوبيا", "ET", true}, {"ኢትዮጵያ", "ET", true},
		{"Sudan", "SD", true}, {"Soedan", "SD", true}, {"Soudan", "SD", true}, {"السودان", "SD", true},
		{"سودان", "SD", true}, {"ሱዳን", "SD", true}, {"السُّودان", "SD", true},
		{"South Sudan", "SS", true}, {"Zuid-Soedan", "SS", true}, {"جنوب السودان", "SS", true},
		{"Libya", "LY", true}, {"Libië", "LY", true}, {"Libia", "LY", true}, {"Libye", "LY", true},
		{"ليبيا", "LY", true}, {"ሊቢያ", "LY", true},
		{"Egypt", "EG", true}, {"مصر", "EG", true}, {"ግብፅ", "EG", true}, {"ግብጽ", "EG", true},
		{"Somalia", "SO", true}, {"Djibouti", "DJ", true}, {"Gibuti", "DJ", true},
		{"Kenya", "KE", true}, {"Kenia", "KE", true}, {"Uganda", "UG", true}, {"Oeganda", "UG", true},
		{"Chad", "TD", true}, {"Tsjaad", "TD", true}, {"Tchad", "TD", true}, {"Niger", "NE", true},
		{"Nigeria", "NG", true}, {"United Arab Emirates", "AE", true}, {"UAE", "AE", true},
		{"Emirates", "AE", true}, {"الإمارات", "AE", true}, {"Dubai", "AE", true},
		{"Saudi Arabia", "SA", true}, {"KSA", "SA", true}, {"السعودية", "SA", true},
		{"Turkey", "TR", true}, {"Türkiye", "TR", true}, {"Turkije", "TR", true},
		{"Israel", "IL", true}, {"Israël", "IL", true}, {"Italy", "IT", true}, {"Italië", "IT", true},
		{"ጣሊያን", "IT", true}, {"Malta", "MT", true}, {"Malte", "MT", true},
		{"Netherlands", "NL", true}, {"The Netherlands", "NL", true}, {"the netherlands", "NL", true},
		{"Holland", "NL", true}, {"Nederland", "NL", true}, {"Paesi Bassi", "NL", true},
		{"Países Bajos", "NL", true}, {"PAISES BAJOS", "NL", true}, {"Pays-Bas", "NL", true},
		{"pays bas", "NL", true}, {"هولندا", "NL", true}, {"ሆላንድ", "NL", true},
		{"Belgium", "BE", true}, {"België", "BE", true}, {"Belgique", "BE", true},
		{"Germany", "DE", true}, {"Germania", "DE", true}, {"Alemania", "DE", true},
		{"Allemagne", "DE", true}, {"Duitsland", "DE", true}, {"ألمانيا", "DE", true}, {"ጀርመን", "DE", true},
		{"Sweden", "SE", true}, {"Svezia", "SE", true}, {"Suecia", "SE", true}, {"Suède", "SE", true},
		{"Zweden", "SE", true}, {"السويد", "SE", true}, {"ስዊድን", "SE", true},
		{"Norway", "NO", true}, {"Noorwegen", "NO", true}, {"Denmark", "DK", true}, {"Finland", "FI", true},
		{"United Kingdom", "GB", true}, {"UK", "GB", true}, {"U.K.", "GB", true}, {"Great Britain", "GB", true},
		{"England", "GB", true}, {"Verenigd Koninkrijk", "GB", true}, {"Regno Unito", "GB", true},
		{"Reino Unido", "GB", true}, {"Royaume-Uni", "GB", true}, {"بريطانيا", "GB", true}, {"እንግሊዝ", "GB", true},
		{"Ireland", "IE", true}, {"France", "FR", true}, {"Frankrijk", "FR", true}, {"Francia", "FR", true},
		{"Switzerland", "CH", true}, {"Zwitserland", "CH", true}, {"Austria", "AT", true},
		{"Spain", "ES", true}, {"España", "ES", true}, {"United States", "US", true}, {"USA", "US", true},
		{"U.S.A.", "US", true}, {"Verenigde Staten", "US", true}, {"أمريكا", "US", true}, {"አሜሪካ", "US", true},
		{"Canada", "CA", true}, {"Australia", "AU", true}, {"Australië", "AU", true},
		// nationality adjectives
		{"Eritrean", "ER", true}, {"Ethiopian", "ET", true}, {"Dutch", "NL", true}, {"ኤርትራዊ", "ER", true},
		// English names of the rest of the world
		{"Afghanistan", "AF", true}, {"Bolivia", "BO", true}, {"Côte d'Ivoire", "CI", true},
		{"Ivory Coast", "CI", true}, {"Korea, Republic of", "KR", true}, {"Republic of Korea", "KR", true},
		{"South Korea", "KR", true}, {"Gambia (the)", "GM", true}, {"The Gambia", "GM", true},
		{"Russia", "RU", true}, {"Russian Federation", "RU", true}, {"Viet Nam", "VN", true},
		// ambiguous or unknown
		{"Congo", "", false}, {"Korea", "", false}, {"Narnia", "", false}, {"XX", "", false},
		{"ZZZ", "", false}, {"", "", false}, {"  ", "", false}, {"the", "", false},
	}
	for _, tt := range tests {
		got, ok := Country(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Country(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestCountryTables checks every code and hand-written name, and that the
// hand-written table never folds two countries together.
func TestCountryTables(t *testing.T) {
	if len(iso3166) < 249 {
		t.Errorf("iso3166 has %d countries, want all 249", len(iso3166))
	}
	for _, c := range iso3166 {
		if got, ok := Country(c[0]); got != c[0] || !ok {
			t.Errorf("Country(%q) = %q, %v", c[0], got, ok)
		}
		if got, ok := Country(c[1]); got != c[0] || !ok {
			t.Errorf("Country(%q) = %q, %v; want %q", c[1], got, ok, c[0])
		}
	}
	seen := map[string]string{}
	for name, code := range fieldCountryNames {
		if !countryTables().alpha2[code] && code != "XK" {
			t.Errorf("fieldCountryNames[%q] = %q: not an ISO 3166-1 code", name, code)
		}
		key := lookupKey(name, countrySkip)
		if prev, ok := seen[key]; ok && prev != code {
			t.Errorf("%q folds to %q, claimed by %s and %s", name, key, prev, code)
		}
		seen[key] = code
		if got, ok := Country(name); got != code || !ok {
			t.Errorf("Country(%q) = %q, %v; want %q", name, got, ok, code)
		}
	}
}

// TestCountryNamesUnambiguous checks that no two generated names fold to
// one key for different countries unless the hand-written table settles
// it; otherwise the answer would depend on map order.
func TestCountryNamesUnambiguous(t *testing.T) {
	claims := map[string]map[string][]string{}
	for name, code := range isoCountryNames {
		key := lookupKey(name, countrySkip)
		if claims[key] == nil {
			claims[key] = map[string][]string{}
		}
		claims[key][code] = append(claims[key][code], name)
	}
	settled := fieldCountryNamesByKey()
	for key, codes := range claims {
		if _, ok := settled[key]; len(codes) > 1 && !ok {
			t.Errorf("%q is claimed by %v", key, codes)
		}
	}
}

func fieldCountryNamesByKey() map[string]string {
	m := map[string]string{}
	for n, c := range fieldCountryNames {
		m[lookupKey(n, countrySkip)] = c
	}
	return m
}
