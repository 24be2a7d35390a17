package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/duckdb/duckdb-go/v2"
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
