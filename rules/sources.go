package rules

import (
	"sync"

	"go.yaml.in/yaml/v3"
)

var sourceCatalog = sync.OnceValues(func() (map[string]string, error) {
	b, err := library.ReadFile("library/sources.yaml")
	if err != nil {
		return nil, err
	}
	var list []struct {
		ID     string `yaml:"id"`
		Source string `yaml:"source"`
	}
	if err := yaml.Unmarshal(b, &list); err != nil {
		return nil, err
	}
	out := make(map[string]string, len(list))
	for _, s := range list {
		out[s.ID] = s.Source
	}
	return out, nil
})

// SourceOf returns the full citation of an indicator id a rule names, or
// false when the catalog of built-in sources does not list it.
func SourceOf(id string) (string, bool) {
	cat, err := sourceCatalog()
	if err != nil {
		return "", false
	}
	s, ok := cat[id]
	return s, ok
}
