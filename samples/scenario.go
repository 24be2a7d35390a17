package samples

import (
	"cmp"
	"errors"
	"fmt"
	"strings"
)

// plan is what one generated world holds besides its size.
type plan struct {
	seed        uint64
	rows, cases int
	channels    []channel // each case's extra channel in turn; nil: channelOf
	layers      bool      // an intermediary stands between collectors and each HVT
	geezLedger  bool      // the Addis clerk writes collectors in Ge'ez
}

func (p plan) channel(i int) channel {
	if p.channels == nil {
		return channelOf(i)
	}
	return p.channels[i%len(p.channels)]
}

// Scenario is one world of the trainer's kit.
type Scenario struct {
	Name, Title string
	plan        plan
}

// Scenarios are the kit's three worlds, in rising difficulty.
var Scenarios = []Scenario{
	{"one-collector", "One collector, one channel",
		plan{seed: 101, rows: 1500, cases: 1, channels: []channel{chanMTO}}},
	{"hawala-network", "A network across an MTO and a hawala book in Ge'ez",
		plan{seed: 202, rows: 5000, cases: 3, channels: []channel{chanAddis}, geezLedger: true}},
	{"two-layers", "Bank statements and an HVT behind two layers",
		plan{seed: 303, rows: 10000, cases: 2, channels: []channel{chanBankCSV, chanMT940}, layers: true}},
}

// ErrScenario is an unknown scenario or one asked for with other options.
var ErrScenario = errors.New("samples: bad scenario")

func planOf(opts Options) (plan, error) {
	if opts.Rows < 0 || opts.Cases < 0 {
		return plan{}, fmt.Errorf("samples: rows %d and cases %d must not be negative", opts.Rows, opts.Cases)
	}
	if opts.Scenario == "" {
		return plan{seed: opts.Seed, rows: cmp.Or(opts.Rows, defaultRows), cases: cmp.Or(opts.Cases, defaultCases)}, nil
	}
	if opts.Rows != 0 || opts.Cases != 0 {
		return plan{}, fmt.Errorf("%w: %s fixes rows and cases", ErrScenario, opts.Scenario)
	}
	for _, s := range Scenarios {
		if s.Name == opts.Scenario {
			return s.plan, nil
		}
	}
	names := make([]string, len(Scenarios))
	for i, s := range Scenarios {
		names[i] = s.Name
	}
	return plan{}, fmt.Errorf("%w: %q is none of %s", ErrScenario, opts.Scenario, strings.Join(names, ", "))
}
