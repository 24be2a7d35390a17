package link

import (
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ParseWatchlist reads a native YAML watchlist and reports every problem
// with its line.
func ParseWatchlist(file string, b []byte) ([]Entry, error) {
	s := &fileState{file: file, strict: true, seen: map[string]string{}, res: &FileResult{Path: file, Format: FormatYAML}}
	var entries []Entry
	emit := func(e *Entry) error {
		entries = append(entries, *e)
		return nil
	}
	if err := parseYAML(s, b, emit); err != nil {
		return nil, err
	}
	return entries, s.err()
}

var yamlLineRe = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)

// parseYAML reads the native YAML layout: a list of entries, each field
// checked on its own so that every problem is reported with its line.
func parseYAML(s *fileState, b []byte, emit func(*Entry) error) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		line := 0
		msg := err.Error()
		if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = msg[len(m[0]):]
		}
		s.problem(line, "", 0, "", "not valid YAML: %s", msg)
		return nil
	}
	if len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.SequenceNode {
		s.problem(root.Line, "", 0, "", `expected a list of entries, each starting "- hvt_id:"`)
		return nil
	}
	for _, n := range root.Content {
		d, fine := yamlDraft(s, n)
		if d == nil {
			continue
		}
		if e, ok := d.build(s); ok && fine {
			if err := emit(e); err != nil {
				return err
			}
		}
	}
	return nil
}

// yamlReader reads the fields of one entry and reports problems at their
// own lines.
type yamlReader struct {
	s    *fileState
	line int
	id   string
}

func (r *yamlReader) problem(n *yaml.Node, format string, args ...any) {
	r.s.problem(r.line, r.id, n.Line, "", format, args...)
}

// yamlDraft reads one entry; fine is false when a field had a problem
// (the draft is still built, so that every problem is found).
func yamlDraft(s *fileState, n *yaml.Node) (d *draft, fine bool) {
	if n.Kind != yaml.MappingNode {
		s.problem(n.Line, "", 0, "", "an entry is a mapping of fields (hvt_id: …, primary_name: …)")
		return nil, false
	}
	d = &draft{line: n.Line}
	r := &yamlReader{s: s, line: n.Line}
	// The id first, so that every other problem names it.
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "hvt_id" && n.Content[i+1].Kind == yaml.ScalarNode {
			r.id = strings.TrimSpace(n.Content[i+1].Value)
		}
	}
	before := s.nProblems
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			r.problem(k, "field %q is given twice", k.Value)
			continue
		}
		seen[k.Value] = true
		switch k.Value {
		case "hvt_id":
			d.id = r.text(k.Value, v)
		case "primary_name":
			d.names = r.values(k.Value, v, "name", false, true)
			d.badName = len(d.names) == 0 && !isNull(v)
		case "aliases":
			d.aliases = r.values(k.Value, v, "name", true, false)
		case "phones":
			d.phones = r.values(k.Value, v, "value", false, false)
		case "accounts":
			d.accounts = r.values(k.Value, v, "value", false, false)
		case "nationalities":
			d.nationalities = r.values(k.Value, v, "value", false, false)
		case "birth_date":
			d.births = r.values(k.Value, v, "value", false, true)
		case "notes":
			d.notes = r.text(k.Value, v)
		case "source":
			d.source = r.text(k.Value, v)
		case "reliability":
			d.reliability = r.text(k.Value, v)
		default:
			r.problem(k, "unknown field %q (fields: hvt_id, primary_name, aliases, phones, accounts, nationalities, birth_date, notes, source, reliability)", k.Value)
		}
	}
	return d, s.nProblems == before
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

func (r *yamlReader) text(field string, n *yaml.Node) string {
	if isNull(n) {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		r.problem(n, "%s must be text", field)
		return ""
	}
	return n.Value
}

// values reads a field that is one value or a list of them; each value is
// plain text or a mapping {key: …, source: …, reliability: …} (and quality
// for aliases).
func (r *yamlReader) values(field string, n *yaml.Node, key string, quality, single bool) []draftValue {
	if isNull(n) {
		return nil
	}
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		if single {
			r.problem(n, "%s is one value, not a list", field)
			return nil
		}
		items = n.Content
	}
	var out []draftValue
	for _, it := range items {
		if v, ok := r.value(field, it, key, quality); ok {
			out = append(out, v)
		}
	}
	return out
}

func (r *yamlReader) value(field string, n *yaml.Node, key string, quality bool) (draftValue, bool) {
	v := draftValue{at: n.Line}
	switch n.Kind {
	case yaml.ScalarNode:
		if isNull(n) {
			return v, false
		}
		v.value = n.Value
		return v, true
	case yaml.MappingNode:
	default:
		r.problem(n, "%s: write a value as text or as {%s: …, source: …, reliability: …}", field, key)
		return v, false
	}
	ok := true
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if val.Kind != yaml.ScalarNode {
			r.problem(k, "%s: %s must be text", field, k.Value)
			ok = false
			continue
		}
		text := val.Value
		if isNull(val) {
			text = ""
		}
		switch {
		case k.Value == key:
			v.value = text
		case k.Value == "source":
			v.source = text
		case k.Value == "reliability":
			v.reliability = text
		case k.Value == "quality" && quality:
			v.quality = text
		default:
			known := key + ", source, reliability"
			if quality {
				known = key + ", quality, source, reliability"
			}
			r.problem(k, "%s: unknown field %q (fields: %s)", field, k.Value, known)
			ok = false
		}
	}
	if ok && strings.TrimSpace(v.value) == "" {
		r.problem(n, "%s: %s is missing", field, key)
		ok = false
	}
	return v, ok
}
