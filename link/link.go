// Package link resolves parties from transactions and links them to the
// HVT watchlist, each link with its explanation.
package link

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"
	"log/slog"
	"math"

	"github.com/cmrflow/cmrflow/store"
)

var (
	//go:embed sql/parties.sql
	partiesSQL string
	//go:embed sql/link_phone.sql
	linkPhoneSQL string
)

// Fellegi–Sunter weight of an exact phone match: log2(m/u), where m is how
// often a true match shares the number and u how often a non-match does.
var phoneWeight = math.Log2(0.95 / 0.014)

// Options tune a link run.
type Options struct {
	RunID  string
	Logger *slog.Logger
}

// Result counts what a link run produced.
type Result struct {
	Parties int
	Links   int
}

// Run rebuilds parties from transactions, then links them to the watchlist.
func Run(ctx context.Context, db *store.DB, opts Options) (Result, error) {
	var res Result
	err := db.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.ExecContext(ctx, partiesSQL); err != nil {
			return fmt.Errorf("resolve parties: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM hvt_links WHERE method = 'phone'`); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, linkPhoneSQL,
			sql.Named("phone_weight", phoneWeight), sql.Named("run_id", store.Nullable(opts.RunID)))
		if err != nil {
			return fmt.Errorf("link on phone: %w", err)
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	err = db.SQL.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM parties), (SELECT count(*) FROM hvt_links)`).Scan(&res.Parties, &res.Links)
	return res, err
}
