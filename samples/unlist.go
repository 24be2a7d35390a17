package samples

import (
	"encoding/xml"
	"io"
	"strings"
)

// The HVTs as an excerpt of the UN Security Council consolidated list, in
// its XML layout (see ../shared/formats/sanctions/), so that the linking
// stage and trainers meet the shape the real list has.
type unList struct {
	XMLName       xml.Name       `xml:"CONSOLIDATED_LIST"`
	DateGenerated string         `xml:"dateGenerated,attr"`
	Individuals   []unIndividual `xml:"INDIVIDUALS>INDIVIDUAL"`
}

type unIndividual struct {
	DataID      string    `xml:"DATAID"`
	Version     int       `xml:"VERSIONNUM"`
	First       string    `xml:"FIRST_NAME"`
	Second      string    `xml:"SECOND_NAME,omitempty"`
	Third       string    `xml:"THIRD_NAME,omitempty"`
	ListType    string    `xml:"UN_LIST_TYPE"`
	Reference   string    `xml:"REFERENCE_NUMBER"`
	ListedOn    string    `xml:"LISTED_ON"`
	Comments    string    `xml:"COMMENTS1"`
	Nationality []string  `xml:"NATIONALITY>VALUE"`
	Aliases     []unAlias `xml:"INDIVIDUAL_ALIAS"`
	Birth       unDate    `xml:"INDIVIDUAL_DATE_OF_BIRTH"`
}

type unAlias struct {
	Quality string `xml:"QUALITY"`
	Name    string `xml:"ALIAS_NAME"`
}

type unDate struct {
	Type string `xml:"TYPE_OF_DATE"`
	Year string `xml:"YEAR"`
}

// unQuality is the list's word for an alias's strength.
var unQuality = map[string]string{"strong": "Good", "weak": "Low"}

// unReference is an HVT's id on the UN list.
func unReference(h *hvt) string { return "LYi.9" + strings.TrimPrefix(h.id, "HVT-") }

func writeUNList(w io.Writer, hvts []*hvt) error {
	list := unList{DateGenerated: "2025-12-31T00:00:00.000Z"}
	for _, h := range hvts {
		parts := strings.Fields(strings.ToUpper(h.p.name))
		ind := unIndividual{
			DataID:    strings.TrimPrefix(h.id, "HVT-") + "0000",
			Version:   1,
			ListType:  "Libya",
			Reference: unReference(h),
			ListedOn:  "2025-06-01",
			Comments:  "Synthetic entry made by cmrflow for training and tests; not a real person.",
			Birth:     unDate{Type: "EXACT", Year: h.born},
		}
		ind.First = parts[0]
		if len(parts) > 1 {
			ind.Second = parts[1]
		}
		if len(parts) > 2 {
			ind.Third = strings.Join(parts[2:], " ")
		}
		if n, ok := countryName[h.nat]; ok {
			ind.Nationality = []string{n}
		}
		for _, a := range []alias{{h.strong, "strong"}, {h.weak, "weak"}} {
			ind.Aliases = append(ind.Aliases, unAlias{Quality: unQuality[a.Quality], Name: strings.ToUpper(a.Name)})
		}
		list.Individuals = append(list.Individuals, ind)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(list); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
