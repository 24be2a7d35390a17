// Package store owns the DuckDB database: offline settings, embedded
// migrations and the single write path every stage goes through.
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"sync"

	"github.com/duckdb/duckdb-go/v2"
)

// ErrNoDatabase means a read-only open found no database file.
var ErrNoDatabase = errors.New("no database")

// Options tune Open.
type Options struct {
	ReadOnly bool
	Logger   *slog.Logger
}

// DB is an open cmrflow database. Reads may run concurrently; writes go
// through Write, one at a time, because DuckDB has a single writer.
type DB struct {
	SQL       *sql.DB
	Path      string
	connector *duckdb.Connector
	log       *slog.Logger
	write     sync.Mutex
}

// Open opens (creating if needed) the database at path, or an in-memory one
// for "" and ":memory:", and brings its schema up to date unless read-only.
func Open(ctx context.Context, path string, opts Options) (*DB, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	inMemory := path == "" || path == ":memory:"
	if !inMemory && opts.ReadOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("open %s: %w", path, ErrNoDatabase)
		}
	}
	q := url.Values{}
	// Both settings keep DuckDB from ever downloading an extension.
	q.Set("autoinstall_known_extensions", "false")
	q.Set("autoload_known_extensions", "false")
	if opts.ReadOnly && !inMemory {
		q.Set("access_mode", "READ_ONLY")
	}
	dsn := "?" + q.Encode()
	if !inMemory {
		dsn = path + dsn
	}
	connector, err := duckdb.NewConnector(dsn, nil)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db := &DB{SQL: sql.OpenDB(connector), Path: path, connector: connector, log: log}
	if !inMemory {
		// Case data: owner-only, whatever the umask says.
		if err := os.Chmod(path, 0o600); err != nil && !errors.Is(err, os.ErrNotExist) {
			db.Close()
			return nil, fmt.Errorf("protect %s: %w", path, err)
		}
	}
	if opts.ReadOnly {
		if _, err := db.SchemaVersion(ctx); err != nil {
			db.Close()
			return nil, err
		}
		return db, nil
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Close checkpoints and closes the database.
func (db *DB) Close() error {
	return errors.Join(db.SQL.Close(), db.connector.Close())
}

// Tx is one write transaction on one connection, so that appenders and
// statements share it.
type Tx struct {
	Conn *sql.Conn
}

// ExecContext runs a statement in the transaction.
func (tx *Tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return tx.Conn.ExecContext(ctx, query, args...)
}

// QueryContext runs a query in the transaction.
func (tx *Tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return tx.Conn.QueryContext(ctx, query, args...)
}

// QueryRowContext runs a one-row query in the transaction.
func (tx *Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return tx.Conn.QueryRowContext(ctx, query, args...)
}

// Append streams rows into table through DuckDB's appender. The rows become
// visible with the transaction's commit, and vanish with its rollback.
func (tx *Tx) Append(ctx context.Context, table string, fill func(a *duckdb.Appender) error) error {
	return appendRows(ctx, tx.Conn, table, func(conn driver.Conn) (*duckdb.Appender, error) {
		return duckdb.NewAppenderFromConn(conn, "", table)
	}, fill)
}

// AppendTemp streams rows into a temporary table of conn (a session's
// scratch tables, not the database's), through DuckDB's appender.
func AppendTemp(ctx context.Context, conn *sql.Conn, table string, fill func(a *duckdb.Appender) error) error {
	return appendRows(ctx, conn, table, func(conn driver.Conn) (*duckdb.Appender, error) {
		return duckdb.NewAppender(conn, "temp", "main", table)
	}, fill)
}

func appendRows(ctx context.Context, c *sql.Conn, table string, open func(driver.Conn) (*duckdb.Appender, error),
	fill func(a *duckdb.Appender) error) error {
	return c.Raw(func(dc any) error {
		conn, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("append to %s: unexpected driver connection %T", table, dc)
		}
		a, err := open(conn)
		if err != nil {
			return fmt.Errorf("append to %s: %w", table, err)
		}
		if err := fill(a); err != nil {
			_ = a.Close()
			return err
		}
		if err := a.CloseWithCancel(ctx); err != nil {
			return fmt.Errorf("append to %s: %w", table, err)
		}
		return nil
	})
}

// Write runs fn in one transaction while holding the database's write lock.
// An error or a cancelled ctx rolls everything back.
func (db *DB) Write(ctx context.Context, fn func(tx *Tx) error) (err error) {
	db.write.Lock()
	defer db.write.Unlock()
	conn, err := db.SQL.Conn(ctx)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() {
		if err == nil {
			err = ctx.Err()
		}
		if err != nil {
			// A fresh context: the rollback must run even when ctx is done.
			if _, rbErr := conn.ExecContext(context.Background(), "ROLLBACK"); rbErr != nil {
				db.log.Warn("rollback failed", "err", rbErr)
			}
			return
		}
		if _, cErr := conn.ExecContext(ctx, "COMMIT"); cErr != nil {
			err = fmt.Errorf("commit: %w", cErr)
		}
	}()
	return fn(&Tx{Conn: conn})
}

// QuoteIdent quotes an identifier for DuckDB; values never go through it.
func QuoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
