package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// ErrNotReadOnly is a query that would change something.
var ErrNotReadOnly = errors.New("only SELECT, EXPLAIN and PRAGMA queries are allowed")

// ReadQuery runs one query, after checking from DuckDB's own parse that it
// only reads, and hands its rows to fn.
func (db *DB) ReadQuery(ctx context.Context, query string, fn func(*sql.Rows) error) error {
	conn, err := db.SQL.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		pc, ok := dc.(driver.ConnPrepareContext)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		st, err := pc.PrepareContext(ctx, query)
		if err != nil {
			return err
		}
		defer st.Close()
		ds, ok := st.(*duckdb.Stmt)
		if !ok {
			return fmt.Errorf("unexpected statement %T", st)
		}
		t, err := ds.StatementType()
		if err != nil {
			return err
		}
		switch t {
		case duckdb.STATEMENT_TYPE_SELECT, duckdb.STATEMENT_TYPE_EXPLAIN, duckdb.STATEMENT_TYPE_PRAGMA:
			return nil
		}
		return ErrNotReadOnly
	})
	if err != nil {
		return err
	}
	rows, err := conn.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	if err := fn(rows); err != nil {
		return err
	}
	return rows.Err()
}

// DecimalText writes a DECIMAL with every place of its scale (4500.00).
func DecimalText(d duckdb.Decimal) string {
	digits := new(big.Int).Abs(d.Value).String()
	sign := ""
	if d.Value.Sign() < 0 {
		sign = "-"
	}
	if d.Scale == 0 {
		return sign + digits
	}
	if pad := int(d.Scale) + 1 - len(digits); pad > 0 {
		digits = strings.Repeat("0", pad) + digits
	}
	cut := len(digits) - int(d.Scale)
	return sign + digits[:cut] + "." + digits[cut:]
}
