// Package normalize turns names, dates, countries, currencies, accounts and
// phone numbers into the keys that ingest writes and the link stage matches
// on, so that both sides agree.
package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// particles carry no identity: "wedi" (son of), "abu", "bin", "al-", honorifics.
var particles = map[string]bool{
	"wedi": true, "abu": true, "bin": true, "ibn": true, "bint": true,
	"al": true, "el": true, "haji": true, "hajji": true, "mr": true, "mrs": true,
}

// NameKey is the matching key of a personal name: Ge'ez and Arabic script
// romanised (RomanizeEthiopic, with slash abbreviations written out, ገ/ →
// ገብረ, and titles such as አቶ or ወ/ሮ dropped; Arabic names through
// ArabicNameEquivalents, else RomanizeArabic), case and diacritics folded,
// apostrophes and punctuation dropped, particles stripped, Abd-compounds
// joined, tokens kept in written order. Spelling is kept as written: Tewolde stays "tewolde";
// FoldSpelling and PhoneticKey are for comparing keys, not for making them.
//
// Abd-compounds are one name, so "Abd al-Rahman", "Abdul Rahman",
// "Abdel-Rahman", "Abdur Rahman" and عبد الرحمن all give the one token
// "abdelrahman": "abdel" + the name without its article. "Abd Allah" gives
// "abdallah". A compound already written as one word keeps its spelling.
func NameKey(name string) string {
	return strings.Join(nameTokens(name, keyMain), " ")
}

// NameKeyBGN is the link stage's second key: NameKey with Ge'ez read by
// RomanizeEthiopicBGN (ብርሃነ → "berhane" where NameKey gives "birhane").
// For names without Ge'ez script it equals NameKey.
func NameKeyBGN(name string) string {
	return strings.Join(nameTokens(name, keyBGN), " ")
}

// NameTokens returns the tokens of NameKey(name) as slots in written order:
// given name, father's name, grandfather's name and so on.
func NameTokens(name string) []string {
	return nameTokens(name, keyMain)
}

// keyOptions choose how a name's scripts are read: which Ge'ez reading, and
// whether Arabic names take their canonical Latin spelling
// (ArabicNameEquivalents) or stay letter by letter (ArabicSkeleton).
type keyOptions struct {
	ethiopic        *ethStyle
	canonicalArabic bool
}

var (
	keyMain    = keyOptions{ethiopic: &mainEthiopic, canonicalArabic: true}
	keyBGN     = keyOptions{ethiopic: &bgnEthiopic, canonicalArabic: true}
	keyLetters = keyOptions{ethiopic: &mainEthiopic}
)

func nameTokens(name string, opt keyOptions) []string {
	folded, ok := foldLatin(name)
	if !ok {
		folded = foldName(romanizeScripts(name, opt))
	}
	tokens := strings.FieldsFunc(folded, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := tokens[:0]
	for _, t := range tokens {
		if !particles[t] {
			out = append(out, t)
		}
	}
	return joinAbd(out)
}

// romanizeScripts brings a name into Latin letters: broken encodings and
// compatibility forms first, then Ge'ez and Arabic script.
func romanizeScripts(name string, opt keyOptions) string {
	if isASCII(name) {
		return name
	}
	// Broken encodings split words rather than glue bytes together.
	if !utf8.ValidString(name) {
		name = strings.ToValidUTF8(name, " ")
	}
	// Apostrophes go before compatibility decomposition turns ´ into a space.
	name = strings.Map(func(r rune) rune {
		if isApostrophe(r) {
			return -1
		}
		return r
	}, name)
	// Compatibility forms first, so that presentation forms and the like
	// reach the script they belong to (ﻣﺤﻤﺪ is Arabic).
	if !norm.NFKC.IsNormalString(name) {
		name = norm.NFKC.String(name)
	}
	if hasEthiopic(name) {
		name = romanizeEthiopic(expandGeezNames(name), opt.ethiopic)
	}
	if hasArabic(name) {
		name = romanizeArabicSegments(name, opt.canonicalArabic)
	}
	return name
}

// latinFolds is what the full path (romanizeScripts, foldName) makes of
// each letter below U+0180 — ASCII, Latin-1 and Latin Extended-A, the
// letters of European names — so that foldLatin can skip Unicode
// normalisation for them and still agree with it.
var latinFolds = func() (t [0x180]string) {
	for r := range t {
		t[r] = foldName(romanizeScripts(string(rune(r)), keyMain))
	}
	return t
}()

// foldLatin folds a name written only in letters below U+0180, and
// reports false for anything else.
func foldLatin(s string) (string, bool) {
	if isASCII(s) {
		return foldName(s), true
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r >= 0x180 || r == utf8.RuneError {
			return "", false
		}
		b.WriteString(latinFolds[r])
	}
	return b.String(), true
}

// expandGeezNames writes out the slash abbreviations of Ge'ez names
// (ገ/ሚካኤል → ገብረሚካኤል) and drops honorific titles (ወ/ሮ, አቶ), which would
// otherwise come out as stray syllables.
func expandGeezNames(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || r == '፡' })
	out := words[:0]
	for _, w := range words {
		if geezTitles[w] {
			continue
		}
		head := ""
		for {
			_, size := utf8.DecodeRuneInString(w)
			if len(w) <= size || w[size] != '/' {
				break
			}
			full, ok := geezAbbreviations[w[:size+1]]
			if !ok {
				break
			}
			head += full
			w = w[size+1:]
		}
		out = append(out, head+w)
	}
	return strings.Join(out, " ")
}

// apostrophes are dropped inside words rather than splitting them:
// Sa'id → "said", O'Brien → "obrien", ʿAbd → "abd".
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '`', '\u00b4', '\u2018', '\u2019', '\u02bc', '\u02bb', '\u02be', '\u02bf', '\u2032':
		return true
	}
	return false
}

// letterFolds are Latin letters that carry no combining mark to strip.
var letterFolds = strings.NewReplacer("ø", "o", "ł", "l", "đ", "d", "ß", "ss",
	"æ", "ae", "œ", "oe", "ı", "i", "þ", "th", "ð", "d", "ħ", "h", "ŧ", "t")

// foldName lower-cases and strips diacritics; ASCII input, the common case,
// skips the Unicode machinery.
func foldName(s string) string {
	if isASCII(s) {
		return strings.Map(func(r rune) rune {
			switch {
			case r == '\'' || r == '`':
				return -1
			case r >= 'A' && r <= 'Z':
				return r + 'a' - 'A'
			}
			return r
		}, s)
	}
	s = strings.ToLower(strings.Map(func(r rune) rune {
		if isApostrophe(r) {
			return -1
		}
		return r
	}, s))
	s = norm.NFC.String(strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, norm.NFKD.String(s)))
	// Lower-case again: compatibility decomposition can yield capitals (ℌ → H).
	return letterFolds.Replace(strings.ToLower(s))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// romanizeArabicSegments replaces each run of Arabic-script words (with the
// spaces between them, so that عبد الرحمن stays one run) by its Latin form.
func romanizeArabicSegments(s string, canonical bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isArabicScript(r) {
			b.WriteString(s[i : i+size])
			i += size
			continue
		}
		end := i
		for k := i; k < len(s); {
			r2, sz := utf8.DecodeRuneInString(s[k:])
			if !isArabicScript(r2) && !unicode.IsSpace(r2) {
				break
			}
			k += sz
			if isArabicScript(r2) {
				end = k
			}
		}
		arabicNameWords(&b, s[i:end], canonical)
		i = end
	}
	return b.String()
}

// abdPrefixes open an Abd-compound: "Abd al-Rahman", "Abdul Rahman".
var abdPrefixes = map[string]bool{
	"abd": true, "abdel": true, "abdul": true, "abdal": true, "abdol": true, "abdil": true,
}

// sunConsonants assimilate the article: "Abdur Rahman", "Abd as-Salam".
var sunConsonants = map[string]bool{
	"t": true, "th": true, "d": true, "dh": true, "r": true, "z": true,
	"s": true, "sh": true, "n": true,
}

// joinAbd joins each Abd-compound into one token (see NameKey).
func joinAbd(tokens []string) []string {
	out := tokens[:0]
	for i := 0; i < len(tokens); i++ {
		t := tokens[i]
		if i+1 < len(tokens) {
			if joined, used, ok := abdCompound(t, tokens[i+1:]); ok {
				out = append(out, joined)
				i += used
				continue
			}
		}
		out = append(out, t)
	}
	return out
}

// abdCompound joins prefix t with the name that follows it in rest and says
// how many tokens of rest it used.
func abdCompound(t string, rest []string) (string, int, bool) {
	if abdPrefixes[t] {
		used := 0
		if len(rest) > 1 && assimilatedArticle(rest[0], rest[1]) {
			used = 1
		}
		return joinAbdName(rest[used]), used + 1, true
	}
	// "abdur" + "rahman": the article is fused into the prefix.
	if len(t) > 4 && strings.HasPrefix(t, "abd") && strings.ContainsRune("aeu", rune(t[3])) &&
		sunConsonants[t[4:]] && strings.HasPrefix(rest[0], t[4:]) {
		return joinAbdName(rest[0]), 1, true
	}
	return "", 0, false
}

func assimilatedArticle(a, next string) bool {
	return len(a) >= 2 && strings.ContainsRune("aeu", rune(a[0])) &&
		sunConsonants[a[1:]] && strings.HasPrefix(next, a[1:])
}

func joinAbdName(x string) string {
	if strings.HasPrefix(x, "all") {
		return "abd" + x // Abd Allah → abdallah
	}
	if len(x) > 4 && (strings.HasPrefix(x, "al") || strings.HasPrefix(x, "el")) {
		x = x[2:] // Abd Alrahman → abdelrahman
	}
	return "abdel" + x
}
