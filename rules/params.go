package rules

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// ErrBadOverride is a --set that names no rule or parameter, or the wrong type.
var ErrBadOverride = errors.New("bad rule parameter")

// Type is a parameter's type. Without `type:` in the header it is the
// default's: a whole number is an integer, a number with a point a number.
type Type string

// The parameter types.
const (
	Integer Type = "integer"
	Number  Type = "number"
	Text    Type = "text"
	Boolean Type = "boolean"
	List    Type = "list" // of text; on the command line, comma-separated
)

var types = []Type{Integer, Number, Text, Boolean, List}

func typeList() string {
	s := make([]string, len(types))
	for i, t := range types {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

func typeOf(v any) Type {
	switch v.(type) {
	case int, int64, uint64:
		return Integer
	case float64:
		return Number
	case bool:
		return Boolean
	case []any:
		return List
	}
	return Text
}

// fromYAML checks a value written in YAML against the type.
func (t Type) fromYAML(v any) (any, error) {
	switch t {
	case Integer:
		switch x := v.(type) {
		case int:
			return int64(x), nil
		case int64:
			return x, nil
		}
		return nil, fmt.Errorf("want a whole number, not %v", v)
	case Number:
		switch x := v.(type) {
		case int:
			return float64(x), nil
		case int64:
			return float64(x), nil
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				break
			}
			return x, nil
		}
		return nil, fmt.Errorf("want a number, not %v", v)
	case Boolean:
		if b, ok := v.(bool); ok {
			return b, nil
		}
		return nil, fmt.Errorf("want true or false, not %v", v)
	case List:
		items, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("want a list such as [a, b], not %v", v)
		}
		out := make([]string, 0, len(items))
		for _, it := range items {
			switch it.(type) {
			case []any, map[string]any, nil:
				return nil, fmt.Errorf("list items must be single values, not %v", it)
			}
			out = append(out, fmt.Sprint(it))
		}
		return out, nil
	}
	switch v.(type) {
	case []any, map[string]any, nil:
		return nil, fmt.Errorf("want text, not %v", v)
	}
	return fmt.Sprint(v), nil
}

// fromText reads a value given on the command line or in cmrflow.yaml.
func (t Type) fromText(s string) (any, error) {
	s = strings.TrimSpace(s)
	switch t {
	case Integer:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a whole number", s)
		}
		return n, nil
	case Number:
		f, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("%q is not a number", s)
		}
		return f, nil
	case Boolean:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return nil, fmt.Errorf("%q is not true or false", s)
		}
		return b, nil
	case List:
		var out []string
		for _, item := range strings.Split(s, ",") {
			if item = strings.TrimSpace(item); item != "" {
				out = append(out, item)
			}
		}
		return out, nil
	}
	return s, nil
}

// FormatValue writes a parameter value as it would be given to --set.
func FormatValue(v any) string {
	switch x := v.(type) {
	case []string:
		return strings.Join(x, ",")
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// Values are one rule's parameter values after presets and overrides.
type Values struct {
	Preset string // the preset chosen, if any
	Param  map[string]any
}

// Bind gives every rule its parameter values: its defaults, then the
// preset chosen with RULE.preset=NAME, then RULE.PARAM=VALUE overrides,
// each checked against the parameter's type. Every bad override is
// reported.
func Bind(rules []*Rule, set map[string]string) (map[string]Values, error) {
	out := map[string]Values{}
	byID := map[string]*Rule{}
	for _, r := range rules {
		byID[r.ID] = r
		v := Values{Param: map[string]any{}}
		for _, p := range r.Params {
			v.Param[p.Name] = p.Default
		}
		out[r.ID] = v
	}
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	// Presets first, so that a parameter given beside a preset wins.
	slices.SortFunc(keys, func(a, b string) int {
		pa, pb := strings.HasSuffix(a, "."+presetKey), strings.HasSuffix(b, "."+presetKey)
		switch {
		case pa && !pb:
			return -1
		case pb && !pa:
			return 1
		}
		return strings.Compare(a, b)
	})
	var errs []error
	for _, key := range keys {
		ruleID, name, ok := strings.Cut(key, ".")
		r, known := byID[ruleID]
		if !ok || !known {
			errs = append(errs, fmt.Errorf("%w: %s: no rule %q (write RULE.PARAM=VALUE)", ErrBadOverride, key, ruleID))
			continue
		}
		vals := out[ruleID]
		if name == presetKey {
			i := slices.IndexFunc(r.Presets, func(p Preset) bool { return p.Name == set[key] })
			if i < 0 {
				errs = append(errs, fmt.Errorf("%w: %s: rule %s has no preset %q (%s)", ErrBadOverride, key, ruleID, set[key], presetNames(r)))
				continue
			}
			for k, v := range r.Presets[i].Values {
				vals.Param[k] = v
			}
			vals.Preset = set[key]
			out[ruleID] = vals
			continue
		}
		p, known := r.Param(name)
		if !known {
			errs = append(errs, fmt.Errorf("%w: %s: rule %s has no parameter %q", ErrBadOverride, key, ruleID, name))
			continue
		}
		v, err := p.Type.fromText(set[key])
		if err != nil {
			errs = append(errs, fmt.Errorf("%w: %s: %v", ErrBadOverride, key, err))
			continue
		}
		vals.Param[name] = v
	}
	return out, errors.Join(errs...)
}

func presetNames(r *Rule) string {
	if len(r.Presets) == 0 {
		return "it has none"
	}
	names := make([]string, len(r.Presets))
	for i, p := range r.Presets {
		names[i] = p.Name
	}
	return "presets: " + strings.Join(names, ", ")
}
