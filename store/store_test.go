package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/cmrflow/cmrflow/internal/dbtest"
)

func TestMigrateFreshAndExisting(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "case.duckdb")

	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := db.SchemaVersion(ctx); v != LatestSchema() || v < 1 {
		t.Fatalf("fresh database at version %d, want %d", v, LatestSchema())
	}
	for _, table := range []string{"sources", "transactions", "quarantine", "fx_rates", "parties",
		"watchlist", "alerts", "hvt_links", "runs"} {
		if _, err := db.SQL.ExecContext(ctx, "SELECT * FROM "+QuoteIdent(table)+" LIMIT 0"); err != nil {
			t.Errorf("table %s: %v", table, err)
		}
	}
	if _, err := db.SQL.ExecContext(ctx, `INSERT INTO runs (run_id, trigger, started_at, status) VALUES ('r1', 'cli', now()::TIMESTAMP, 'ok')`); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("database file mode %v (err %v), want 0600", fi.Mode().Perm(), err)
	}

	// Reopening applies nothing twice and keeps the data.
	db, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var runs, applied int
	if err := db.SQL.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM runs), (SELECT count(*) FROM schema_migrations)`).Scan(&runs, &applied); err != nil {
		t.Fatal(err)
	}
	if runs != 1 || applied != LatestSchema() {
		t.Fatalf("after reopen: %d runs, %d migrations recorded; want 1 and %d", runs, applied, LatestSchema())
	}
}

func TestOfflineSettings(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, name := range []string{"autoinstall_known_extensions", "autoload_known_extensions"} {
		var v string
		if err := db.SQL.QueryRowContext(ctx, "SELECT current_setting($1)::VARCHAR", name).Scan(&v); err != nil {
			t.Fatal(err)
		}
		if v != "false" {
			t.Errorf("%s = %s, want false", name, v)
		}
	}
}

func TestReadOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ro.duckdb")
	if _, err := Open(ctx, path, Options{ReadOnly: true}); !errors.Is(err, ErrNoDatabase) {
		t.Fatalf("read-only open of a missing file: %v, want ErrNoDatabase", err)
	}
	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	ro, err := Open(ctx, path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.SQL.ExecContext(ctx, "DELETE FROM runs"); err == nil {
		t.Fatal("a read-only database accepted a write")
	}
}

func TestWriteRollsBackAppender(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	boom := errors.New("boom")
	err = db.Write(ctx, func(tx *Tx) error {
		err := tx.Append(ctx, "fx_rates", func(a *duckdb.Appender) error {
			return a.AppendRow("EUR", mustDate(t, "2025-01-02"), 1.1, "test")
		})
		if err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Write returned %v", err)
	}
	var n int
	if err := db.SQL.QueryRowContext(ctx, "SELECT count(*) FROM fx_rates").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatalf("%d rows survived a rolled-back write", n)
	}
}

func mustDate(t *testing.T, s string) any {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestNotCountedFromFlags: rows loaded before not_counted existed take
// their reason from the flags ingest wrote: a second copy and a transfer
// that did not go through do not count, other flags do not matter.
func TestNotCountedFromFlags(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "case.duckdb")
	db, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	copyFlag := "also in march.csv row 7 (same reference, amount, time and parties)"
	statusFlag := `status "CANCELLED": the money may not have moved`
	for i, flags := range [][]string{nil, {"negative amount (a refund or reversal?)"}, {"sender_country \"XX\" not recognised", copyFlag}, {statusFlag}} {
		_, err := db.SQL.ExecContext(ctx, `INSERT INTO transactions (txn_id, source_id, source_row, kind, occurred_at, amount, currency, raw, flags)
			VALUES ($1, 's', $2, 'bank', TIMESTAMP '2025-03-01', 10, 'USD', '{}', $3)`, fmt.Sprintf("T%d", i), i+2, flags)
		if err != nil {
			t.Fatal(err)
		}
	}
	// The database as the build before the column left it.
	if _, err := db.SQL.ExecContext(ctx, `ALTER TABLE transactions DROP COLUMN not_counted;
		DELETE FROM schema_migrations WHERE name = '0010_not_counted.sql'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got := dbtest.Column(t, db.SQL, `SELECT coalesce(not_counted, '') FROM transactions ORDER BY txn_id`)
	if want := []string{"", "", copyFlag, statusFlag}; !slices.Equal(got, want) {
		t.Errorf("not_counted %q, want %q", got, want)
	}
}
