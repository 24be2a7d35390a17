package link

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cmrflow/cmrflow/internal/normalize"
)

// Caps on what one file reports, so that a list of a million entries with
// one systematic fault gives a readable error.
const (
	maxProblems = 50
	maxNotes    = 20
)

// fileState collects what reading one file found: problems (the load
// fails) and notes (said, and the load goes on).
type fileState struct {
	file  string
	sheet string
	// strict: a value that cannot be normalised is a problem. Native lists
	// are the investigator's own and get fixed; a published list (UN, FtM)
	// cannot be, so its odd values become notes and are kept aside.
	strict bool
	// seen: the hvt_ids of the load so far, and where each was.
	seen      map[string]string
	problems  []error
	nProblems int
	res       *FileResult
	nNotes    int
}

func (s *fileState) problem(line int, hvt string, at int, column, format string, args ...any) {
	s.nProblems++
	if s.nProblems > maxProblems {
		return
	}
	s.problems = append(s.problems, &ProblemError{File: s.file, Sheet: s.sheet, Line: line, HVTID: hvt, At: at,
		Column: column, Msg: fmt.Sprintf(format, args...)})
}

// err is every problem found, in the order of the file, or nil.
func (s *fileState) err() error {
	slices.SortStableFunc(s.problems, func(a, b error) int {
		pa, pb := problemOf(a), problemOf(b)
		if pa == nil || pb == nil {
			return 0
		}
		return cmp.Or(cmp.Compare(pa.Line, pb.Line), cmp.Compare(max(pa.At, pa.Line), max(pb.At, pb.Line)))
	})
	errs := s.problems
	if more := s.nProblems - maxProblems; more > 0 {
		errs = append(errs, &ProblemError{File: s.file, Msg: fmt.Sprintf("and %d more problems", more)})
	}
	return errors.Join(errs...)
}

func (s *fileState) note(format string, args ...any) {
	s.nNotes++
	if s.nNotes <= maxNotes {
		s.res.Notes = append(s.res.Notes, fmt.Sprintf(format, args...))
	}
}

// finishNotes says how many notes were left out.
func (s *fileState) finishNotes() {
	if more := s.nNotes - maxNotes; more > 0 {
		s.res.Notes = append(s.res.Notes, fmt.Sprintf("and %d more notes", more))
	}
}

// draftValue is one value as a list wrote it, before normalising.
type draftValue struct {
	value       string
	quality     string // aliases
	typ         string // documents
	source      string
	reliability string
	at          int    // its own line, when the entry spans lines (YAML)
	column      string // CSV and xlsx
}

// draft is an entry as read, in any format.
type draft struct {
	line                int
	id                  string
	source, reliability string // defaults for values that name none
	names               []draftValue
	aliases             []draftValue
	phones              []draftValue
	accounts            []draftValue
	nationalities       []draftValue
	births              []draftValue
	documents           []draftValue
	notes               string
	badName             bool // primary_name was given but had a problem
	// spreadsheet: the entry is an xlsx row, where a number typed as
	// +971… is stored without its +.
	spreadsheet bool
}

// clean collapses runs of white space.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// build normalises a draft into an entry, reporting what it cannot use.
// ok is false when the entry has problems.
func (d *draft) build(s *fileState) (*Entry, bool) {
	before := s.nProblems
	id := strings.TrimSpace(d.id)
	if id == "" {
		s.problem(d.line, "", 0, "", "hvt_id is missing")
		return nil, false
	}
	here := fmt.Sprintf("%s:%d", s.file, d.line)
	if s.sheet != "" {
		here = fmt.Sprintf("%s: sheet %q row %d", s.file, s.sheet, d.line)
	}
	if prev, ok := s.seen[id]; ok {
		s.problem(d.line, id, 0, "", "listed twice: also at %s", prev)
	} else {
		s.seen[id] = here
	}
	e := &Entry{HVTID: id, Sheet: s.sheet, Line: d.line, Notes: strings.TrimSpace(d.notes),
		Aliases: []string{}, WeakAliases: []string{}, Phones: []string{}, Accounts: []string{}, Nationalities: []string{}}
	// fail reports a value that cannot be used; advice is for native
	// lists, which the reader can fix.
	fail := func(v draftValue, kind, written, msg, advice string) {
		if s.strict {
			if advice != "" {
				msg += " (" + advice + ")"
			}
			s.problem(d.line, id, v.at, v.column, "%s", msg)
			return
		}
		s.note("%s: %s", id, msg)
		e.Identifiers = append(e.Identifiers, d.ident(v, kind, written, "", msg))
	}

	// Names.
	if len(d.names) == 0 || clean(d.names[0].value) == "" {
		if !d.badName {
			s.problem(d.line, id, 0, "", "primary_name is missing")
		}
	} else {
		e.PrimaryName = clean(d.names[0].value)
		e.Identifiers = append(e.Identifiers, d.ident(d.names[0], "name", e.PrimaryName, d.names[0].value, ""))
	}
	aliases := append(slices.Clone(d.names[min(1, len(d.names)):]), d.aliases...)
	quality := map[string]string{}
	for _, a := range aliases {
		name := clean(a.value)
		if name == "" {
			continue
		}
		q := strings.ToLower(strings.TrimSpace(a.quality))
		switch q {
		case "", "strong":
			q = "strong"
		case "weak":
		default:
			s.problem(d.line, id, a.at, a.column, "alias %q: quality must be strong or weak, not %q", name, a.quality)
			continue
		}
		prev, seen := quality[name]
		switch {
		case name == e.PrimaryName:
			continue
		case seen && (prev == "weak" || q == "strong"):
			continue
		case seen:
			// Listed weak and strong: weak stands, as a false link costs
			// more than a capped score.
			quality[name] = q
			for i := range e.Identifiers {
				if e.Identifiers[i].Kind == "alias" && e.Identifiers[i].Value == name {
					e.Identifiers[i].Quality = q
				}
			}
			continue
		}
		quality[name] = q
		e.Aliases = append(e.Aliases, name)
		ident := d.ident(a, "alias", name, a.value, "")
		ident.Quality = q
		e.Identifiers = append(e.Identifiers, ident)
	}
	for _, a := range e.Aliases {
		if quality[a] == "weak" {
			e.WeakAliases = append(e.WeakAliases, a)
		}
	}

	// each reads the values of one kind: read gives the stored form, or a
	// problem and advice; a good value goes once into its column and always
	// into the identifiers.
	each := func(values []draftValue, kind string, column *[]string, read func(text string) (value, msg, advice string)) {
		for _, v := range values {
			text := clean(v.value)
			if text == "" {
				continue
			}
			value, msg, advice := read(text)
			if msg != "" {
				fail(v, kind, text, msg, advice)
				continue
			}
			if !slices.Contains(*column, value) {
				*column = append(*column, value)
			}
			e.Identifiers = append(e.Identifiers, d.ident(v, kind, value, text, ""))
		}
	}
	// Nationalities first: they are the default regions of local phones.
	each(d.nationalities, "nationality", &e.Nationalities, func(text string) (string, string, string) {
		if code, ok := normalize.Country(text); ok {
			return code, "", ""
		}
		return "", fmt.Sprintf("nationality %q is not a country cmrflow knows", text), "write its ISO code"
	})
	each(d.phones, "phone", &e.Phones, func(text string) (string, string, string) {
		return phoneE164(s, id, text, e.Nationalities, d.spreadsheet)
	})
	each(d.accounts, "account", &e.Accounts, func(text string) (string, string, string) {
		key, note := accountKey(text)
		if note != "" {
			s.note("%s: account %q %s", id, text, note)
		}
		return key, "", ""
	})
	var births []string
	each(d.births, "birth_date", &births, func(text string) (string, string, string) {
		if date, ok := birthDate(text); ok {
			return date, "", ""
		}
		return "", fmt.Sprintf("birth date %q is not a date", text), "write YYYY, YYYY-MM, YYYY-MM-DD or YYYY/YYYY"
	})
	if len(births) > 0 {
		e.BirthDate = births[0]
	}
	for _, v := range d.documents {
		if text := clean(v.value); text != "" {
			doc := d.ident(v, "document", text, text, "")
			doc.Type = clean(v.typ)
			e.Identifiers = append(e.Identifiers, doc)
		}
	}
	if e.Identifiers == nil {
		e.Identifiers = []Identifier{}
	}
	return e, s.nProblems == before
}

// ident is the identifier of one value; written is kept when it differs
// from the stored value.
func (d *draft) ident(v draftValue, kind, value, written, problem string) Identifier {
	id := Identifier{Kind: kind, Value: value, Source: clean(v.source), Reliability: clean(v.reliability), Problem: problem}
	if id.Source == "" {
		id.Source = clean(d.source)
	}
	if id.Reliability == "" {
		id.Reliability = clean(d.reliability)
	}
	if w := clean(written); w != value && problem == "" {
		id.Written = w
	}
	return id
}

// phoneE164 reads a phone: with + (or 00) as international; without, as a
// number of the entry's nationalities, the first where it is valid. A
// spreadsheet number that no nationality reads is tried with a + in front:
// Excel turns a typed +971… into the number 971….
func phoneE164(s *fileState, id, text string, regions []string, spreadsheet bool) (e164, msg, advice string) {
	if strings.HasPrefix(text, "+") || strings.HasPrefix(text, "00") {
		if e164, ok := normalize.Phone(text, ""); ok {
			return e164, "", ""
		}
		return "", fmt.Sprintf("phone %q is not a valid international number", text), ""
	}
	var got, region string
	var also []string
	for _, r := range regions {
		e164, ok := normalize.Phone(text, r)
		switch {
		case !ok:
		case got == "":
			got, region = e164, r
		case e164 != got:
			also = append(also, e164+" in "+r)
		}
	}
	if got == "" && spreadsheet && isDigits(text) {
		if e164, ok := normalize.PhoneWithoutPlus(text); ok {
			s.note("%s: phone %s read as %s (a spreadsheet number loses its +)", id, text, e164)
			return e164, "", ""
		}
	}
	switch {
	case got == "" && len(regions) == 0:
		return "", fmt.Sprintf("phone %q has no + and the entry names no nationality to read it by", text), "write it with + and the country code"
	case got == "":
		return "", fmt.Sprintf("phone %q is not a valid number in %s", text, strings.Join(regions, " or ")), "write it with + and the country code"
	case len(also) > 0:
		s.note("%s: phone %q read as %s in %s; it is also %s (write it with + to be sure)", id, text, got, region, strings.Join(also, ", "))
	}
	return got, "", ""
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

var ibanShape = regexp.MustCompile(`^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$`)

// accountKey is what ingest stores for an account (normalize.AccountKey),
// so that the two meet, with a note when it looks like an IBAN but is not
// one.
func accountKey(text string) (string, string) {
	key := normalize.AccountKey(text)
	if compact, ok := normalize.IBAN(text); !ok && ibanShape.MatchString(compact) {
		return key, "looks like an IBAN but fails its check digits or length; kept as written"
	}
	return key, ""
}

var (
	birthRe      = regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$`)
	birthRangeRe = regexp.MustCompile(`^(\d{4}) ?/ ?(\d{4})$`)
)

// birthDate checks a birth date written YYYY, YYYY-MM, YYYY-MM-DD or as a
// range of years YYYY/YYYY (the UN's "between"); a time part is dropped.
func birthDate(text string) (string, bool) {
	if i := strings.IndexByte(text, 'T'); i == 10 {
		text = text[:i]
	}
	if m := birthRangeRe.FindStringSubmatch(text); m != nil {
		from, _ := strconv.Atoi(m[1])
		to, _ := strconv.Atoi(m[2])
		return m[1] + "/" + m[2], plausibleYear(from) && plausibleYear(to) && from <= to
	}
	m := birthRe.FindStringSubmatch(text)
	if m == nil {
		return "", false
	}
	year, _ := strconv.Atoi(m[1])
	if !plausibleYear(year) {
		return "", false
	}
	switch {
	case m[3] != "":
		_, err := time.Parse("2006-01-02", text)
		return text, err == nil
	case m[2] != "":
		_, err := time.Parse("2006-01", text)
		return text, err == nil
	}
	return text, true
}

func plausibleYear(y int) bool { return y >= 1900 && y <= 2100 }

func problemOf(err error) *ProblemError {
	var pe *ProblemError
	if errors.As(err, &pe) {
		return pe
	}
	return nil
}
