package samples

import (
	"cmp"
	"context"
	"maps"
	"slices"
)

// bulkFrom is how many background rows are built in memory with the planted
// cases. A run asking for more appends the rest to the first MTO's export
// as ordinary remittances, built and written a segment at a time, so that
// ten million rows take the memory of a few hundred thousand. Each segment
// is sorted by time on its own, as an export joined from branch exports is.
var bulkFrom = 200_000

const bulkSegment = 50_000

// bulk emits n background MTO rows numbered on from seq. Names are unique
// within a segment and never one of the in-memory world's (an HVT's, a
// namesake's, a relative's); phones are unique over the whole run.
func (g *gen) bulk(ctx context.Context, n, seq int, emit func(*txn) error) error {
	reserved := g.used
	defer func() { g.used = reserved }()
	for n > 0 {
		g.used = maps.Clone(reserved)
		rows, err := g.background(ctx, min(n, bulkSegment), shapeMTO)
		if err = cmp.Or(err, g.err); err != nil {
			return err
		}
		slices.SortStableFunc(rows, func(a, b *txn) int { return a.at.Compare(b.at) })
		for _, t := range rows {
			t.ref, seq = g.mtcn(seq), seq+1
			if err := emit(t); err != nil {
				return err
			}
		}
		n -= len(rows)
	}
	return nil
}
