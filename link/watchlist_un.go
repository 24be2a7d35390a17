package link

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cmrflow/cmrflow/internal/words"
)

// unSource is the source of every identifier the UN list gives.
const unSource = "UN Security Council consolidated list"

// unIndividual is one INDIVIDUAL of the UN Security Council consolidated
// list (https://scsanctions.un.org/resources/xml/en/consolidated.xml).
type unIndividual struct {
	DataID         string   `xml:"DATAID"`
	First          string   `xml:"FIRST_NAME"`
	Second         string   `xml:"SECOND_NAME"`
	Third          string   `xml:"THIRD_NAME"`
	Fourth         string   `xml:"FOURTH_NAME"`
	OriginalScript string   `xml:"NAME_ORIGINAL_SCRIPT"`
	ListType       string   `xml:"UN_LIST_TYPE"`
	Reference      string   `xml:"REFERENCE_NUMBER"`
	ListedOn       string   `xml:"LISTED_ON"`
	Comments       string   `xml:"COMMENTS1"`
	Nationalities  []string `xml:"NATIONALITY>VALUE"`
	Aliases        []struct {
		Quality string `xml:"QUALITY"`
		Name    string `xml:"ALIAS_NAME"`
	} `xml:"INDIVIDUAL_ALIAS"`
	Births []struct {
		Type     string `xml:"TYPE_OF_DATE"`
		Date     string `xml:"DATE"`
		Year     string `xml:"YEAR"`
		FromYear string `xml:"FROM_YEAR"`
		ToYear   string `xml:"TO_YEAR"`
	} `xml:"INDIVIDUAL_DATE_OF_BIRTH"`
	Documents []struct {
		Type    string `xml:"TYPE_OF_DOCUMENT"`
		Number  string `xml:"NUMBER"`
		Country string `xml:"ISSUING_COUNTRY"`
		Issue   string `xml:"COUNTRY_OF_ISSUE"`
	} `xml:"INDIVIDUAL_DOCUMENT"`
}

// parseUN streams the UN consolidated list: one INDIVIDUAL at a time, so
// that the full list never sits in memory; ENTITY records are counted and
// skipped.
func parseUN(ctx context.Context, s *fileState, emit func(*Entry) error) error {
	f, err := os.Open(s.file)
	if err != nil {
		return fmt.Errorf("watchlist: %w", err)
	}
	defer f.Close()
	dec := xml.NewDecoder(textReader(f))
	dec.CharsetReader = charsetReader
	entities := 0
	for n := 0; ; n++ {
		if n%1000 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		line, _ := dec.InputPos()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			s.problem(line, "", 0, "", "not valid XML: %v", err)
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "INDIVIDUAL":
			line, _ = dec.InputPos()
			var ind unIndividual
			if err := dec.DecodeElement(&ind, &se); err != nil {
				s.problem(line, "", 0, "", "not valid XML: %v", err)
				return nil
			}
			d := unDraft(s, &ind, line)
			if d == nil {
				s.res.Skipped++
				continue
			}
			if e, ok := d.build(s); ok {
				if err := emit(e); err != nil {
					return err
				}
			}
		case "ENTITY":
			entities++
			if err := dec.Skip(); err != nil {
				s.problem(line, "", 0, "", "not valid XML: %v", err)
				return nil
			}
		}
	}
	if entities > 0 {
		s.res.Skipped += entities
		s.note("%s (organisations) skipped: the watchlist holds people", words.Count(entities, "ENTITY record", "ENTITY records"))
	}
	return nil
}

// unDraft maps an INDIVIDUAL. Its REFERENCE_NUMBER (CDi.001) is the hvt_id:
// stable across versions of the list and what press releases and
// investigators quote; without one, the DATAID as UN-<DATAID>. A record
// with neither, or without a name, is skipped and said so.
func unDraft(s *fileState, ind *unIndividual, line int) *draft {
	name := clean(strings.Join([]string{ind.First, ind.Second, ind.Third, ind.Fourth}, " "))
	id := clean(ind.Reference)
	if id == "" && clean(ind.DataID) != "" {
		id = "UN-" + clean(ind.DataID)
	}
	switch {
	case id == "":
		s.note("line %d: INDIVIDUAL %q has neither REFERENCE_NUMBER nor DATAID: skipped", line, name)
		return nil
	case name == "":
		s.note("line %d: INDIVIDUAL %s has no name: skipped", line, id)
		return nil
	}
	d := &draft{line: line, id: id, source: unSource}
	d.names = []draftValue{{value: name}}
	if script := clean(ind.OriginalScript); script != "" {
		d.aliases = append(d.aliases, draftValue{value: script, quality: "strong", reliability: "original script"})
	}
	for _, a := range ind.Aliases {
		// Good: enough to identify the person; Low: not enough on its own.
		// An alias without a quality is taken as strong.
		q := "strong"
		if strings.EqualFold(clean(a.Quality), "low") {
			q = "weak"
		}
		d.aliases = append(d.aliases, draftValue{value: a.Name, quality: q, reliability: clean(a.Quality)})
	}
	for _, n := range ind.Nationalities {
		d.nationalities = append(d.nationalities, draftValue{value: n})
	}
	for _, b := range ind.Births {
		v := draftValue{reliability: strings.ToLower(clean(b.Type))}
		switch {
		case clean(b.Date) != "":
			v.value = clean(b.Date)
		case clean(b.Year) != "":
			v.value = clean(b.Year)
		case clean(b.FromYear) != "" && clean(b.ToYear) != "":
			v.value = clean(b.FromYear) + "/" + clean(b.ToYear)
		}
		d.births = append(d.births, v)
	}
	for _, doc := range ind.Documents {
		country := clean(doc.Country)
		if country == "" {
			country = clean(doc.Issue)
		}
		typ := clean(doc.Type)
		if country != "" {
			typ += " (" + country + ")"
		}
		d.documents = append(d.documents, draftValue{value: doc.Number, typ: strings.TrimSpace(typ)})
	}
	var notes []string
	switch lt, on := clean(ind.ListType), clean(ind.ListedOn); {
	case lt != "" && on != "":
		notes = append(notes, fmt.Sprintf("UN list %s, listed on %s.", lt, on))
	case lt != "":
		notes = append(notes, fmt.Sprintf("UN list %s.", lt))
	case on != "":
		notes = append(notes, fmt.Sprintf("Listed on %s.", on))
	}
	if c := clean(ind.Comments); c != "" {
		notes = append(notes, c)
	}
	d.notes = strings.Join(notes, " ")
	return d
}
