package normalize

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNameTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Kidane Zekarias Habtemariam", []string{"kidane", "zekarias", "habtemariam"}},
		{"ኪዳነ ዘካርያስ ሃብተማርያም", []string{"kidane", "zekarias", "habtemariam"}},
		{"Wedi Tewelde", []string{"tewelde"}},
		{"Abdel Rahman Ahmed Osman", []string{"abdelrahman", "ahmed", "osman"}},
		{"", []string{}},
	}
	for _, tt := range tests {
		got := NameTokens(tt.in)
		if !slices.Equal(got, tt.want) {
			t.Errorf("NameTokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if key := NameKey(tt.in); key != strings.Join(got, " ") {
			t.Errorf("NameKey(%q) = %q, not the tokens %q", tt.in, key, got)
		}
	}
}

func BenchmarkNameKey(b *testing.B) {
	for _, bm := range []struct{ name, in string }{
		{"latin3", "Kidane Zekarias Habtemariam"},
		{"latin-diacritics", "José Müller-Ñúñez"},
		{"geez3", "ኪዳነ ዘካርያስ ሃብተማርያም"},
		{"arabic3", "عبد الرحمن محمد عثمان"},
	} {
		b.Run(bm.name, func(b *testing.B) {
			for b.Loop() {
				NameKey(bm.in)
			}
		})
	}
}

func FuzzNameKey(f *testing.F) {
	for _, s := range []string{
		"Kidane Zekarias Habtemariam", "ኪዳነ ዘካርያስ ሃብተማርያም", "Kidane ዘካርያስ",
		"مُحَمَّد", "عبد الرحمن", "Abd al-Rahman", "ﻣﺤﻤﺪ", "፳፻፲፮", "José Müller-Ñúñez",
		"Abdur Rahman", "abd ar", "ℌİß", "ወዲ", "", "  ", "ʿAbd", "abd abd abd",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		key := NameKey(s)
		if again := NameKey(key); again != key {
			t.Fatalf("NameKey not idempotent: %q → %q → %q", s, key, again)
		}
		if bgn := NameKeyBGN(s); NameKeyBGN(bgn) != bgn {
			t.Fatalf("NameKeyBGN not idempotent: %q → %q → %q", s, bgn, NameKeyBGN(bgn))
		}
		if tokens := NameTokens(s); strings.Join(tokens, " ") != key {
			t.Fatalf("NameTokens(%q) = %q, NameKey %q", s, tokens, key)
		}
		if onlyRomanisedScripts(s) {
			for _, r := range key {
				if r >= utf8.RuneSelf {
					t.Fatalf("NameKey(%q) = %q: not ASCII", s, key)
				}
			}
		}
		// The comparison keys must not panic on anything NameKey accepts.
		_ = ArabicSkeleton(s)
		_ = PhoneticKey(s)
		_ = FoldSpelling(s)
		_ = RomanizeEthiopicBGN(s)
		_ = RomanizeArabic(s)
	})
}

// onlyRomanisedScripts reports text made of ASCII, Ge'ez and Arabic script
// only: the scripts whose romanisation is plain ASCII.
func onlyRomanisedScripts(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		ethiopic := (r >= 0x1200 && r <= 0x139F) || (r >= 0x2D80 && r <= 0x2DDF)
		if r >= utf8.RuneSelf && !ethiopic && !isArabicScript(r) {
			return false
		}
	}
	return true
}

// TestLatinFastPath checks that the table for letters below U+0180 gives
// what the full Unicode path gives, for every pair of such letters.
func TestLatinFastPath(t *testing.T) {
	for r1 := rune(0x20); r1 < 0x180; r1++ {
		for r2 := rune(0x20); r2 < 0x180; r2 += 7 {
			s := "x" + string(r1) + string(r2) + "y"
			fast, ok := foldLatin(s)
			if !ok {
				t.Fatalf("foldLatin(%q) refused", s)
			}
			if slow := foldName(romanizeScripts(s, keyMain)); fast != slow {
				t.Fatalf("foldLatin(%q) = %q, full path %q", s, fast, slow)
			}
		}
	}
}

func TestNameKeyBGN(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ብርሃነ ዘካርያስ ሃብተማርያም", "berhane zekaryas habtemaryam"},
		{"ወ/ሮ ምሕረት ገ/ሚካኤል", "mehret gebremikael"},
		{"ቅድስት", "qedest"},
		{"Berhane Zekarias", "berhane zekarias"},
		{"عبد الرحمن", "abdelrahman"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NameKeyBGN(tt.in); got != tt.want {
			t.Errorf("NameKeyBGN(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
