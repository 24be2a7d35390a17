package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math/big"
	"regexp"
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

// ScanRow reads the current row of a result whose columns are known only
// at run time, each value as the driver gives it.
func ScanRow(rows *sql.Rows, n int) ([]any, error) {
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	return vals, rows.Scan(ptrs...)
}

// Nullable binds an empty string as NULL.
func Nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
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

var (
	statementEnd = regexp.MustCompile(`;[ \t]*(?:\n|$)`)
	namedParam   = regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)
)

// ExecScript runs a script of statements, each ending with ";" at the end
// of a line, giving each statement the named arguments it uses (DuckDB
// prepares one statement at a time and refuses unused names).
func (tx *Tx) ExecScript(ctx context.Context, script string, args ...sql.NamedArg) error {
	for _, stmt := range statementEnd.Split(script, -1) {
		if strings.TrimSpace(stripComments(stmt)) == "" {
			continue
		}
		used := map[string]bool{}
		for _, m := range namedParam.FindAllStringSubmatch(stripComments(stmt), -1) {
			used[m[1]] = true
		}
		var stmtArgs []any
		for _, a := range args {
			if used[a.Name] {
				stmtArgs = append(stmtArgs, a)
			}
		}
		if _, err := tx.ExecContext(ctx, stmt, stmtArgs...); err != nil {
			return err
		}
	}
	return nil
}

func stripComments(sql string) string {
	var b strings.Builder
	for _, line := range strings.Split(sql, "\n") {
		if i := strings.Index(line, "--"); i >= 0 {
			line = line[:i]
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}
