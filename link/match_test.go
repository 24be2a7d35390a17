package link

import (
	"strings"
	"testing"

	"github.com/cmrflow/cmrflow/internal/normalize"
)

// The name comparisons LINKING.md names, each scored as the link stage
// scores a name-only pair (no phone, no account) with every part equally
// common (one in a hundred).
func TestCompareNames(t *testing.T) {
	share := func(string) float64 { return 0.01 }
	for _, tc := range []struct {
		name, hvt, party string
		want             string // link, review or none
		feature          string // a line the explanation must hold
	}{
		{"same name", "Kidane Zekarias Habtemariam", "Kidane Zekarias Habtemariam", "link", "grandfather habtemariam=habtemariam (exact)"},
		{"Tewelde/Tewolde", "Tewelde Berhe Kahsay", "Tewolde Berhe Kahsay", "link", "given tewelde=tewelde (exact)"},
		{"Zekarias/Zacharias", "Kidane Zekarias Habtemariam", "Kidane Zacharias Habtemariam", "link", "father zekarias=zekarias (exact)"},
		{"Habte Mariam/Habtemariam", "Kidane Zekarias Habtemariam", "Kidane Zekarias Habte Mariam", "link", "grandfather habtemariam=habtemariam (exact)"},
		{"Goitom/Goytom phonetic", "Goitom Tesfay Haile", "Goytom Tesfai Haile", "link", "given goitom=goitom (exact)"},
		{"order swapped", "Kidane Zekarias Habtemariam", "Zekarias Kidane Habtemariam", "link", "order father's name first"},
		{"grandfather missing", "Kidane Zekarias Habtemariam", "Kidane Zekarias", "review", "grandfather missing"},
		{"Ge'ez script", "Kidane Zekarias Habtemariam", "ኪዳነ ዘካርያስ ሃብተማርያም", "link", "given kidane"},
		{"Arabic script", "Mohammed Salem Abdallah", "محمد سالم عبدالله", "link", "given mohammed=mohammed (exact)"},
		{"contradicting father", "Kidane Zekarias Habtemariam", "Kidane Tesfay Habtemariam", "none", "father zekarias≠tesfay"},
		{"contradicting grandfather", "Kidane Zekarias Habtemariam", "Kidane Zekarias Tesfamariam", "none", "grandfather habtemariam≠tesfamariam"},
		{"another man", "Kidane Zekarias Habtemariam", "Abel Tesfay Haile", "none", "given kidane≠abel"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := formOf(tc.hvt, normalize.NameKey(tc.hvt))
			p := formOf(tc.party, normalize.NameKey(tc.party))
			bits, fs := compareNames(h, p, share, true)
			got := "none"
			switch s := score(bits); {
			case s >= 0.9:
				got = "link"
			case s >= 0.7:
				got = "review"
			}
			var lines []string
			for _, f := range fs {
				lines = append(lines, f.String())
			}
			expl := strings.Join(lines, "; ")
			if got != tc.want || !strings.Contains(expl, tc.feature) {
				t.Errorf("%s vs %s: %s (score %.3f), want %s; %s", tc.hvt, tc.party, got, score(bits), tc.want, expl)
			}
		})
	}
}

// Names on one phone are one person when every part they share agrees.
func TestCompatible(t *testing.T) {
	share := func(string) float64 { return 0.01 }
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"Tesfay Kidane Habtemariam", "Tesfay Kidane", true},
		{"Tesfay Kidane", "Tesfaye Kidane", true},
		{"Tesfay Kidane", "Kidane Tesfay", true},
		{"Tesfay Kidane", "Almaz Kidane", false}, // his sister on the family phone
		{"Tesfay Kidane Habte", "Tesfay Kidane Haile", false},
	} {
		a, b := formOf(tc.a, normalize.NameKey(tc.a)), formOf(tc.b, normalize.NameKey(tc.b))
		if got := compatible(a, b, share); got != tc.want {
			t.Errorf("compatible(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}
