package ingest

import (
	"context"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/cmrflow/cmrflow/store"
)

var (
	//go:embed fx_default.csv
	fxDefault string
	//go:embed sql/reconvert.sql
	reconvertSQL string
)

// FXBuiltin names the built-in rates in fx_rates.source.
const FXBuiltin = "builtin (approximate, for samples)"

// ErrFX is an exchange-rate file that cannot be used.
var ErrFX = errors.New("bad exchange-rate file")

type rate struct {
	currency string
	day      time.Time
	usd      string // as written: DuckDB types it, exactly
	line     int
}

// readRates reads currency,day,usd_per_unit (with a header row; lines
// starting with # are comments). Every bad line is reported, with its number.
func readRates(name string, r io.Reader) ([]rate, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	var out []rate
	var errs []error
	header := true
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w: %w", name, ErrFX, err)
		}
		line, _ := cr.FieldPos(0)
		if header {
			header = false
			if len(rec) < 3 || !strings.EqualFold(strings.TrimSpace(rec[0]), "currency") {
				return nil, fmt.Errorf("%s:%d: %w: the header must be currency,day,usd_per_unit", name, line, ErrFX)
			}
			continue
		}
		if len(rec) < 3 {
			errs = append(errs, fmt.Errorf("%s:%d: %w: expected currency,day,usd_per_unit", name, line, ErrFX))
			continue
		}
		code, ok := currencyCode(rec[0])
		day, dErr := time.Parse("2006-01-02", strings.TrimSpace(rec[1]))
		usd, uErr := strconv.ParseFloat(strings.TrimSpace(rec[2]), 64)
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("%s:%d: %w: %q is not a currency", name, line, ErrFX, rec[0]))
		case dErr != nil:
			errs = append(errs, fmt.Errorf("%s:%d: %w: day %q is not YYYY-MM-DD", name, line, ErrFX, rec[1]))
		case uErr != nil || usd <= 0:
			errs = append(errs, fmt.Errorf("%s:%d: %w: usd_per_unit %q is not a positive number", name, line, ErrFX, rec[2]))
		default:
			out = append(out, rate{code, day, strings.TrimSpace(rec[2]), line})
		}
	}
	return out, errors.Join(errs...)
}

// LoadFX loads a rates file (currency,day,usd_per_unit) into fx_rates,
// replacing rates for the same currency and day, and converts again the
// amounts of transactions already loaded.
func LoadFX(ctx context.Context, db *store.DB, path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	rates, err := readRates(path, f)
	if err != nil {
		return 0, err
	}
	return len(rates), saveRates(ctx, db, rates, "file "+path)
}

func saveRates(ctx context.Context, db *store.DB, rates []rate, source string) error {
	return db.Write(ctx, func(tx *store.Tx) error {
		// Rates go in as text: a Go float appended to a DECIMAL column is
		// not converted, it is taken as the unscaled integer.
		_, err := tx.ExecContext(ctx, `CREATE TEMP TABLE fx_load (currency VARCHAR, day DATE, usd_per_unit VARCHAR, source VARCHAR)`)
		if err != nil {
			return err
		}
		err = tx.Append(ctx, "fx_load", func(a *duckdb.Appender) error {
			for _, r := range rates {
				if err := a.AppendRow(r.currency, r.day, r.usd, source); err != nil {
					return fmt.Errorf("line %d: %w", r.line, err)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		return tx.ExecScript(ctx, reconvertSQL)
	})
}

// ensureFX fills an empty fx_rates with the built-in approximate rates, so
// that the samples convert; it says so once.
func ensureFX(ctx context.Context, db *store.DB, log *slog.Logger) error {
	var n int
	if err := db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM fx_rates`).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	rates, err := readRates("fx_default.csv", strings.NewReader(fxDefault))
	if err != nil {
		return err
	}
	log.Info("no exchange rates loaded: using cmrflow's built-in approximate rates; load real ones with cmrflow fx load FILE")
	return saveRates(ctx, db, rates, FXBuiltin)
}
