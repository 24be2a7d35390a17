package normalize

import (
	"strings"
	"testing"
)

func TestRomanizeArabic(t *testing.T) {
	tests := []struct{ in, want string }{
		{"محمد", "mhmd"},
		{"مُحَمَّدٌ", "mhmd"}, // harakat, shadda, tanwin dropped
		{"مـحـمـــد", "mhmd"}, // tatweel dropped
		{"ﻣﺤﻤﺪ", "mhmd"},      // presentation forms
		{"وليد", "wlid"},
		{"يوسف", "yusf"},
		{"عثمان", "thman"},
		{"حسين", "hsin"},
		{"إبراهيم", "ibrahim"},
		{"أحمد", "ahmd"},
		{"مصطفى", "mstfa"},
		{"فاطمة", "fatma"},
		{"خالد", "khald"},
		{"غسان", "ghsan"},
		{"ذياب", "dhyab"},
		{"داود", "dawd"},
		{"الأمين", "al-amin"},
		{"عبد الله", "bd allah"},
		{"عائشة", "asha"},
		{"مؤمن", "mmn"},
		{"ث ج ح خ ش ص ض ط ظ ع غ ق ك ة ى ء", "th j h kh sh s d t z  gh q k a a "},
		{"٢٠٢٣", "2023"},
		{"۱۴۰۲", "1402"},
		{"محمد، علي؟", "mhmd, li?"},
		{"Kidane محمد", "Kidane mhmd"},
		{"Mohammed", "Mohammed"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := RomanizeArabic(tt.in); got != tt.want {
			t.Errorf("RomanizeArabic(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestArabicSkeleton(t *testing.T) {
	tests := []struct{ in, want string }{
		{"محمد", "mhmd"},
		{"Mohammed", "mhmd"},
		{"Muhammad", "mhmd"},
		{"Mohamed", "mhmd"},
		{"Mohamad", "mhmd"},
		{"مُحَمَّد", "mhmd"},
		{"أحمد", "hmd"},
		{"Ahmed", "hmd"},
		{"عثمان", "thmn"},
		{"Othman", "thmn"},
		{"Uthman", "thmn"},
		{"يوسف", "ysf"},
		{"Youssef", "ysf"},
		{"Yusuf", "ysf"},
		{"وليد", "wld"},
		{"Waleed", "wld"},
		{"حسين", "hsn"},
		{"Hussein", "hsn"},
		{"إبراهيم", "brhm"},
		{"Ebrahim", "brhm"},
		{"مصطفى", "mstf"},
		{"Mostafa", "mstf"},
		{"خالد", "khld"},
		{"Khaled", "khld"},
		{"عبد الرحمن", "bdlrhmn"},
		{"Abd al-Rahman", "bdlrhmn"},
		{"Abdel Rahman", "bdlrhmn"},
		{"عبد الله", "bdl"},
		{"Abdallah", "bdl"},
		{"Abdalla", "bdl"},
		{"Fatimah", "ftm"},
		{"فاطمة", "ftm"},
		{"Qasim", "ksm"},
		{"Kassem", "ksm"},
		{"Cherif", "shrf"},
		{"عمر البشير", "mr bshr"},
		{"Omar al-Bashir", "mr bshr"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := ArabicSkeleton(tt.in); got != tt.want {
			t.Errorf("ArabicSkeleton(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestArabicCanonical(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Muhammad", "mohammed", true},
		{"MOHAMED", "mohammed", true},
		{"محمد", "mohammed", true},
		{"مُحَمَّد", "mohammed", true},
		{"Othman", "osman", true},
		{"عثمان", "osman", true},
		{"Abdullah", "abdallah", true},
		{"عبد الله", "abdallah", true},
		{"Abdul Rahman", "abdelrahman", true},
		{"عبد الرحمن", "abdelrahman", true},
		{"Abderrahmane", "abdelrahman", true},
		{"Waleed", "walid", true},
		{"Mostafa", "mustafa", true},
		{"مصطفي", "mustafa", true}, // Egyptian ي for ى
		{"Youssef", "yousef", true},
		{"Husain", "hussein", true},
		{"Umar", "omar", true},
		{"Khaled", "khalid", true},
		{"إبراهيم", "ibrahim", true},
		{"ابراهيم", "ibrahim", true}, // hamza seat left out
		{"Kidane", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := ArabicCanonical(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ArabicCanonical(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestArabicNameEquivalents checks the table itself: every canonical form
// is a key of its own, no two spellings fold together to different names,
// and every Arabic-script key gives its canonical form through NameKey.
func TestArabicNameEquivalents(t *testing.T) {
	folded := map[string]string{}
	for k, v := range ArabicNameEquivalents {
		if ArabicNameEquivalents[v] != v {
			t.Errorf("canonical %q (of %q) does not map to itself", v, k)
		}
		if v != strings.ToLower(v) || strings.ContainsAny(v, " -") || !isASCII(v) {
			t.Errorf("canonical %q is not one lower-case ASCII token", v)
		}
		key := equivalentKey(k)
		if prev, ok := folded[key]; ok && prev != v {
			t.Errorf("%q folds to %q, which means both %q and %q", k, key, prev, v)
		}
		folded[key] = v
		if hasArabic(k) {
			if got := NameKey(k); got != v {
				t.Errorf("NameKey(%q) = %q, want %q", k, got, v)
			}
		}
	}
	if n := len(uniqueValues(ArabicNameEquivalents)); n < 40 {
		t.Errorf("ArabicNameEquivalents has %d names, want about 40 or more", n)
	}
}

func uniqueValues(m map[string]string) map[string]bool {
	out := map[string]bool{}
	for _, v := range m {
		out[v] = true
	}
	return out
}
