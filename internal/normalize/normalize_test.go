package normalize

import (
	"testing"

	"github.com/nyaruka/phonenumbers"
)

func TestNameKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Kidane Zekarias Habtemariam", "kidane zekarias habtemariam"},
		{"  KIDANE   zekarias ", "kidane zekarias"},
		{"Mohamed Al-Amin", "mohamed amin"},
		{"Wedi Tewelde", "tewelde"},
		{"José Müller-Ñúñez", "jose muller nunez"},
		{"Abu Bakr bin Omar", "bakr omar"},
		{"", ""},
		// Ge'ez script, Ge'ez punctuation, mixed scripts
		{"ኪዳነ ዘካርያስ ሃብተማርያም", "kidane zekarias habtemariam"},
		{"ኪዳነ፡ዘካርያስ፡ሃብተማርያም።", "kidane zekarias habtemariam"},
		{"Kidane ዘካርያስ", "kidane zekarias"},
		{"ተወልደ ገብረ ብርሃነ", "tewelde gebre birhane"},
		{"ወዲ ተኽለ", "tekle"},
		{"ጎይቶም፣ ተስፋይ", "goytom tesfay"},
		{"ገ/ሚካኤል ወ/ማርያም", "gebremikael weldemariam"},
		{"ወ/ሮ ሰናይት ኃ/ማርያም", "senayt haylemariam"},
		{"አቶ ኪዳነ ገ/", "kidane gebre"},
		// Arabic script: equivalence table, harakat, tatweel, presentation forms
		{"محمد", "mohammed"},
		{"مُحَمَّد", "mohammed"},
		{"مـحـمـد", "mohammed"},
		{"ﻣﺤﻤﺪ", "mohammed"},
		{"محمد الأمين", "mohammed amin"},
		{"محمد، علي", "mohammed ali"},
		{"عمر البشير", "omar bashir"},
		{"محمد بن سلمان", "mohammed slman"},
		{"وليد", "walid"},
		{"Walid وليد", "walid walid"},
		// Abd-compounds: one token, "abdel" + name
		{"Abd al-Rahman", "abdelrahman"},
		{"Abdul Rahman Ahmed", "abdelrahman ahmed"},
		{"Abdel-Rahman", "abdelrahman"},
		{"Abd ar-Rahman", "abdelrahman"},
		{"Abdur Rahman", "abdelrahman"},
		{"ABD EL RAHMAN", "abdelrahman"},
		{"Abd Alrahman", "abdelrahman"},
		{"عبد الرحمن", "abdelrahman"},
		{"عبدالرحمن", "abdelrahman"},
		{"Abd Allah", "abdallah"},
		{"عبد الله", "abdallah"},
		{"Abdulrahman", "abdulrahman"},
		{"Omar Abd", "omar abd"},
		// apostrophes and special letters
		{"Sa'id O’Brien", "said obrien"},
		{"Sa´id Ma`mun", "said mamun"},
		{"ʿAbd al-Qādir", "abdelqadir"},
		{"Øystein Ħamrun Straße", "oystein hamrun strasse"},
		{"  --  ", ""},
		{"Иван Петров", "иван петров"},
	}
	for _, tt := range tests {
		if got := NameKey(tt.in); got != tt.want {
			t.Errorf("NameKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPhone(t *testing.T) {
	tests := []struct {
		in, region, want string
		ok               bool
	}{
		{"+249 912 345 678", "", "+249912345678", true},
		{"0912 345678", "ET", "+251912345678", true},
		{"00971501234567", "NL", "+971501234567", true},
		{"06-12345678", "NL", "+31612345678", true},
		{"12345", "NL", "12345", false},
		{"call me", "", "call me", false},
		{"", "SD", "", false},
	}
	for _, tt := range tests {
		got, ok := Phone(tt.in, tt.region)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Phone(%q, %q) = %q, %v; want %q, %v", tt.in, tt.region, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPhoneWithoutPlus(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"971501234567", "+971501234567", true},
		{"249 912 345 678", "+249912345678", true},
		{"4915112345678", "+4915112345678", true},
		{"0971501234567", "0971501234567", false},
		{"91234567", "91234567", false},
		{"971-50-123x4567", "971-50-123x4567", false},
		{"999123456789", "999123456789", false},
	}
	for _, tt := range tests {
		if got, ok := PhoneWithoutPlus(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("PhoneWithoutPlus(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// The shortcut for numbers already in E.164 agrees with the full parser.
func TestPhoneShortcutAgreesWithParser(t *testing.T) {
	for _, n := range []string{"+31612345678", "+249912345678", "+971501234567", "+251911234567", "+218926835460",
		"+390612345678", "+3906123456", "+12025550123", "+4915112345678", "+447911123456", "+46701234567", "+1234", "+999123456789", "+2499123"} {
		got, ok := Phone(n, "")
		num, err := phonenumbers.Parse(n, "")
		want, wantOK := n, false
		if err == nil && phonenumbers.IsValidNumber(num) {
			want, wantOK = phonenumbers.Format(num, phonenumbers.E164), true
		}
		if got != want || ok != wantOK {
			t.Errorf("Phone(%q) = %q, %v; the parser says %q, %v", n, got, ok, want, wantOK)
		}
	}
}
