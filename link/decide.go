package link

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cmrflow/cmrflow/store"
)

// ErrNoLink is a decision on a pair that link never proposed.
var ErrNoLink = errors.New("no such link")

// Decide records an analyst's decision on a link (confirmed or rejected).
// It holds across reruns and watchlist reloads: link applies it whenever it
// proposes the pair again.
func Decide(ctx context.Context, db *store.DB, hvtID, partyID, decision, note string) error {
	if decision != "confirmed" && decision != "rejected" {
		return fmt.Errorf("decision %q: confirmed or rejected", decision)
	}
	return db.Write(ctx, func(tx *store.Tx) error {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM hvt_links WHERE hvt_id = $1 AND party_id = $2 AND method <> 'network'`,
			hvtID, partyID).Scan(&n)
		if err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("%w: %s and %s were not compared (run link, then pick a pair from link --review or hvt show)",
				ErrNoLink, hvtID, partyID)
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO link_decisions VALUES ($1, $2, $3, $4, $5)`,
			hvtID, partyID, decision, nullable(note), time.Now().UTC()); err != nil {
			return fmt.Errorf("record decision: %w", err)
		}
		_, err = tx.ExecContext(ctx, `UPDATE hvt_links SET status = $3 WHERE hvt_id = $1 AND party_id = $2 AND method <> 'network'`,
			hvtID, partyID, decision)
		return err
	})
}
