package link

import (
	"context"
	"database/sql"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/cmrflow/cmrflow/store"
)

var (
	//go:embed sql/watchlist_stage.sql
	watchlistStageSQL string
	//go:embed sql/watchlist_apply.sql
	watchlistApplySQL string
	//go:embed sql/watchlist_counts.sql
	watchlistCountsSQL string
)

// saveEntries reads the files into a staging table as they are parsed
// (a published list of a million entries never sits in memory), then
// compares, records history and upserts in SQL. Problems in any file
// return an error, and the caller's transaction loads nothing.
func saveEntries(ctx context.Context, tx *store.Tx, results []FileResult, changedAt time.Time) error {
	if _, err := tx.ExecContext(ctx, watchlistStageSQL); err != nil {
		return fmt.Errorf("stage watchlist: %w", err)
	}
	// A file name once: two folders' hvts.yaml in one load are one list.
	err := tx.Append(ctx, "watchlist_files", func(a *duckdb.Appender) error {
		named := map[string]bool{}
		for i, r := range results {
			if base := filepath.Base(r.Path); r.Format != "" && !named[base] {
				named[base] = true
				if err := a.AppendRow(int32(i), base); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("stage watchlist: %w", err)
	}
	var problems []error
	seen := map[string]string{}
	seq := int32(0)
	err = tx.Append(ctx, "watchlist_stage", func(a *duckdb.Appender) error {
		for i := range results {
			if results[i].Format == "" {
				continue
			}
			source := filepath.Base(results[i].Path)
			err := parseFile(ctx, &results[i], seen, func(e *Entry) error {
				ids, err := identifiersJSON(e.Identifiers)
				if err != nil {
					return err
				}
				seq++
				return a.AppendRow(int32(i), seq, e.HVTID, e.PrimaryName, e.Aliases, e.WeakAliases, e.Phones,
					e.Accounts, e.Nationalities, store.Nullable(e.BirthDate), source, store.Nullable(e.Notes), ids)
			})
			switch {
			case errors.Is(err, ErrWatchlist):
				problems = append(problems, err)
			case err != nil:
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("stage watchlist: %w", err)
	}
	if len(problems) > 0 {
		return errors.Join(problems...)
	}
	if err := tx.ExecScript(ctx, watchlistApplySQL, sql.Named("changed_at", changedAt)); err != nil {
		return fmt.Errorf("save watchlist: %w", err)
	}
	rows, err := tx.QueryContext(ctx, watchlistCountsSQL)
	if err != nil {
		return fmt.Errorf("count watchlist changes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var fileNo, n int
		var change string
		var ids sql.NullString
		if err := rows.Scan(&fileNo, &change, &n, &ids); err != nil {
			return err
		}
		r := &results[fileNo]
		switch change {
		case "added":
			r.Added = n
		case "updated":
			r.Updated = n
		case "relisted":
			r.Relisted = n
		case "absent":
			r.Absent = strings.Fields(ids.String)
		default:
			r.Unchanged = n
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	for _, drop := range []string{"DROP TABLE watchlist_change", "DROP TABLE watchlist_stage", "DROP TABLE watchlist_files",
		"DROP TABLE watchlist_absent", "DROP TABLE watchlist_last", "DROP MACRO watchlist_ids_key", "DROP MACRO watchlist_entry_json"} {
		if _, err := tx.ExecContext(ctx, drop); err != nil {
			return fmt.Errorf("save watchlist: %w", err)
		}
	}
	return nil
}

// identifiersJSON writes the identifiers column: names keep their < > &.
func identifiersJSON(ids []Identifier) (string, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(ids); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}
