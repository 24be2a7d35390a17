package reports

import (
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/cmrflow/cmrflow/store"
)

// ErrFormat is an output format this build cannot write.
var ErrFormat = errors.New("unknown output format")

// Formats are the ways WriteRows can print a result.
var Formats = []string{"table", "csv", "json"}

// WriteRows prints a query's rows as an aligned table, CSV or a JSON array
// of objects. Decimals keep every digit; times are UTC.
func WriteRows(rows *sql.Rows, w io.Writer, format string) error {
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	var all [][]any
	emit := func(vals []any) error { all = append(all, vals); return nil }
	var cw *csv.Writer
	switch format {
	case "table":
	case "csv":
		cw = csv.NewWriter(w)
		if err := cw.Write(cols); err != nil {
			return err
		}
		emit = func(vals []any) error {
			rec := make([]string, len(vals))
			for i, v := range vals {
				rec[i] = text(v)
			}
			return cw.Write(rec)
		}
	case "json":
	default:
		return fmt.Errorf("%w %q: use one of %s", ErrFormat, format, strings.Join(Formats, ", "))
	}
	for rows.Next() {
		vals, err := store.ScanRow(rows, len(cols))
		if err != nil {
			return err
		}
		if err := emit(vals); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	switch format {
	case "csv":
		cw.Flush()
		return cw.Error()
	case "json":
		return writeJSON(w, cols, all)
	}
	return writeTable(w, cols, all)
}

func writeJSON(w io.Writer, cols []string, all [][]any) error {
	out := make([]json.RawMessage, 0, len(all))
	for _, vals := range all {
		var b strings.Builder
		b.WriteByte('{')
		for i, c := range cols {
			if i > 0 {
				b.WriteByte(',')
			}
			k, _ := json.Marshal(c)
			v, err := json.Marshal(jsonValue(vals[i]))
			if err != nil {
				return err
			}
			b.Write(k)
			b.WriteByte(':')
			b.Write(v)
		}
		b.WriteByte('}')
		out = append(out, json.RawMessage(b.String()))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func jsonValue(v any) any {
	switch x := v.(type) {
	case duckdb.Decimal:
		return json.Number(store.DecimalText(x))
	case *big.Int:
		return json.Number(x.String())
	case time.Time:
		return x.UTC().Format(time.RFC3339)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	case []byte:
		return string(x)
	}
	return v
}

// text is a value as one cell of text.
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case duckdb.Decimal:
		return store.DecimalText(x)
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format("2006-01-02")
		}
		return x.UTC().Format("2006-01-02 15:04:05")
	case []any, map[string]any:
		b, _ := json.Marshal(jsonValue(x))
		return string(b)
	case []byte:
		return string(x)
	}
	return fmt.Sprint(v)
}

const maxCellWidth = 60

func writeTable(w io.Writer, cols []string, all [][]any) error {
	cells := make([][]string, len(all))
	width := make([]int, len(cols))
	for i, c := range cols {
		width[i] = utf8.RuneCountInString(c)
	}
	for r, vals := range all {
		cells[r] = make([]string, len(vals))
		for i, v := range vals {
			s := strings.ReplaceAll(text(v), "\n", " ")
			if utf8.RuneCountInString(s) > maxCellWidth {
				s = string([]rune(s)[:maxCellWidth-1]) + "…"
			}
			cells[r][i] = s
			width[i] = max(width[i], utf8.RuneCountInString(s))
		}
	}
	line := func(vals []string) error {
		var b strings.Builder
		for i, v := range vals {
			if i > 0 {
				b.WriteString("  ")
			}
			b.WriteString(v)
			if i < len(vals)-1 {
				b.WriteString(strings.Repeat(" ", width[i]-utf8.RuneCountInString(v)))
			}
		}
		b.WriteByte('\n')
		_, err := io.WriteString(w, b.String())
		return err
	}
	if err := line(cols); err != nil {
		return err
	}
	rule := make([]string, len(cols))
	for i := range cols {
		rule[i] = strings.Repeat("-", width[i])
	}
	if err := line(rule); err != nil {
		return err
	}
	for _, r := range cells {
		if err := line(r); err != nil {
			return err
		}
	}
	noun := "rows"
	if len(all) == 1 {
		noun = "row"
	}
	_, err := fmt.Fprintf(w, "(%d %s)\n", len(all), noun)
	return err
}
