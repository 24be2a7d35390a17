package link

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/cmrflow/cmrflow/internal/words"
)

// ftmEntity is one line of a FollowTheMoney export, as OpenSanctions
// publishes its datasets (entities.ftm.json).
type ftmEntity struct {
	ID         string                       `json:"id"`
	Schema     string                       `json:"schema"`
	Caption    string                       `json:"caption"`
	Datasets   []string                     `json:"datasets"`
	Properties map[string][]json.RawMessage `json:"properties"`
}

// texts are a property's text values; nested entities are left out.
func (e *ftmEntity) texts(prop string) []string {
	var out []string
	for _, raw := range e.Properties[prop] {
		var s string
		if json.Unmarshal(raw, &s) == nil && strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// parseFtM streams FtM JSON lines: Person entities become entries, other
// schemas are counted and skipped.
func parseFtM(ctx context.Context, s *fileState, emit func(*Entry) error) error {
	f, err := os.Open(s.file)
	if err != nil {
		return fmt.Errorf("watchlist: %w", err)
	}
	defer f.Close()
	r := bufio.NewReaderSize(textReader(f), 1<<20)
	others := map[string]int{}
	for line := 1; ; line++ {
		if line%1000 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		b, err := r.ReadBytes('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("watchlist %s: %w", s.file, err)
		}
		if b = bytes.TrimSpace(b); len(b) > 0 {
			var ent ftmEntity
			if jerr := json.Unmarshal(b, &ent); jerr != nil {
				s.problem(line, "", 0, "", "not a JSON object: %v", jerr)
			} else if ent.Schema != "Person" {
				others[cmp.Or(ent.Schema, "(no schema)")]++
			} else if d := ftmDraft(s, &ent, line); d == nil {
				s.res.Skipped++
			} else if e, ok := d.build(s); ok {
				if err := emit(e); err != nil {
					return err
				}
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
	}
	if len(others) > 0 {
		var parts []string
		n := 0
		for _, schema := range slices.Sorted(maps.Keys(others)) {
			parts = append(parts, fmt.Sprintf("%s %d", schema, others[schema]))
			n += others[schema]
		}
		s.res.Skipped += n
		s.note("%s of other schemas skipped: %s", words.Count(n, "entity", "entities"), strings.Join(parts, ", "))
	}
	return nil
}

// ftmDraft maps a Person: the caption (else its first name) is the
// primary name, its other names and aliases strong aliases, weakAlias weak
// ones; nationality and citizenship are both nationalities.
func ftmDraft(s *fileState, ent *ftmEntity, line int) *draft {
	id := clean(ent.ID)
	names := ent.texts("name")
	primary := clean(ent.Caption)
	if primary == "" && len(names) > 0 {
		primary = clean(names[0])
	}
	switch {
	case id == "":
		s.note("line %d: a Person without an id: skipped", line)
		return nil
	case primary == "":
		s.note("line %d: Person %s has no name: skipped", line, id)
		return nil
	}
	source := "FtM"
	if len(ent.Datasets) > 0 {
		source = "FtM: " + strings.Join(ent.Datasets, ", ")
	}
	d := &draft{line: line, id: id, source: source, notes: strings.Join(ent.texts("notes"), "\n")}
	d.names = []draftValue{{value: primary}}
	for _, n := range names {
		d.aliases = append(d.aliases, draftValue{value: n})
	}
	for _, n := range ent.texts("alias") {
		d.aliases = append(d.aliases, draftValue{value: n})
	}
	for _, n := range ent.texts("weakAlias") {
		d.aliases = append(d.aliases, draftValue{value: n, quality: "weak"})
	}
	for _, prop := range []string{"nationality", "citizenship"} {
		for _, c := range ent.texts(prop) {
			d.nationalities = append(d.nationalities, draftValue{value: c})
		}
	}
	for _, p := range ent.texts("phone") {
		d.phones = append(d.phones, draftValue{value: p})
	}
	for _, b := range ent.texts("birthDate") {
		d.births = append(d.births, draftValue{value: b})
	}
	return d
}
