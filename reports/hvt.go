package reports

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"fmt"
	"io"

	"github.com/cmrflow/cmrflow/store"
)

var (
	//go:embed sql/hvt_entry.sql
	hvtEntrySQL string
	//go:embed sql/hvt_parties.sql
	hvtPartiesSQL string
	//go:embed sql/hvt_money.sql
	hvtMoneySQL string
	//go:embed sql/hvt_alerts.sql
	hvtAlertsSQL string
	//go:embed sql/review_queue.sql
	reviewQueueSQL string
)

// ErrNoHVT is an HVT id the watchlist does not hold.
var ErrNoHVT = errors.New("no such HVT")

// HVT prints one HVT: its names, the parties linked to it with scores and
// explanations, the money into them by channel and month, and the alerts
// whose money reaches it, by which path.
func HVT(ctx context.Context, db *store.DB, id string, w io.Writer) error {
	var n int
	if err := db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM watchlist WHERE hvt_id = $1`, id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%w: %q is not on the watchlist", ErrNoHVT, id)
	}
	for _, s := range []struct{ title, query string }{
		{"Watchlist entry", hvtEntrySQL},
		{"Linked parties", hvtPartiesSQL},
		{"Money in, by channel and month", hvtMoneySQL},
		{"Alerts whose money reaches this HVT", hvtAlertsSQL},
	} {
		if _, err := fmt.Fprintf(w, "%s\n", s.title); err != nil {
			return err
		}
		if err := query(ctx, db, s.query, w, sql.Named("hvt", id)); err != nil {
			return fmt.Errorf("hvt %s: %s: %w", id, s.title, err)
		}
		if _, err := fmt.Fprintln(w); err != nil {
			return err
		}
	}
	return nil
}

// ReviewQueue prints the links waiting for an analyst.
func ReviewQueue(ctx context.Context, db *store.DB, w io.Writer) error {
	return query(ctx, db, reviewQueueSQL, w)
}

func query(ctx context.Context, db *store.DB, q string, w io.Writer, args ...any) error {
	rows, err := db.SQL.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	return WriteRows(rows, w, "table")
}
