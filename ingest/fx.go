package ingest

import (
	"context"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/cmrflow/cmrflow/internal/words"
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
	usd      string // USD per unit, to 8 decimals as fx_rates keeps it
	line     int
}

// rateColumns are the two ways a rates table is written: the USD value
// of one unit (0.0175 for the birr), or units of the currency for one USD
// (57.2), as central banks quote them.
var rateColumns = map[string]bool{"usd_per_unit": false, "units_per_usd": true} // name: inverted

// readRates reads currency,day,usd_per_unit or currency,day,units_per_usd
// (with a header row; lines starting with # are comments). Every bad line
// is reported, with its number.
func readRates(name string, r io.Reader) ([]rate, bool, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	var out []rate
	var errs []error
	header, inverted, column := true, false, ""
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, false, fmt.Errorf("%s: %w: %w", name, ErrFX, err)
		}
		line, _ := cr.FieldPos(0)
		if header {
			header = false
			var ok bool
			if len(rec) >= 3 {
				column = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(rec[2])), " ", "_")
				inverted, ok = rateColumns[column]
			}
			if !ok || !strings.EqualFold(strings.TrimSpace(rec[0]), "currency") {
				return nil, false, fmt.Errorf("%s:%d: %w: the header must be currency,day,usd_per_unit (USD for one unit) or currency,day,units_per_usd (units for one USD)", name, line, ErrFX)
			}
			continue
		}
		if len(rec) < 3 {
			errs = append(errs, fmt.Errorf("%s:%d: %w: expected currency,day and a rate", name, line, ErrFX))
			continue
		}
		code, ok := currencyCode(rec[0])
		day, dErr := time.Parse("2006-01-02", strings.TrimSpace(rec[1]))
		usd, uErr := usdPerUnit(strings.TrimSpace(rec[2]), column)
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("%s:%d: %w: %q is not a currency", name, line, ErrFX, rec[0]))
		case dErr != nil:
			errs = append(errs, fmt.Errorf("%s:%d: %w: day %q is not YYYY-MM-DD", name, line, ErrFX, rec[1]))
		case uErr != nil:
			errs = append(errs, fmt.Errorf("%s:%d: %w: %w", name, line, ErrFX, uErr))
		default:
			out = append(out, rate{code, day, usd, line})
		}
	}
	return out, inverted, errors.Join(errs...)
}

// usdPerUnit reads a rate from column (one of rateColumns) as the USD
// value of one unit, written as fx_rates keeps it (DECIMAL(18, 8), rounded
// half away from zero): as written (2.4E-05 too, as spreadsheets write
// small rates), or one over it when the table gives units per USD.
func usdPerUnit(text, column string) (string, error) {
	v, ok := new(big.Rat).SetString(text)
	if !ok || v.Sign() <= 0 || strings.Contains(text, "/") {
		return "", fmt.Errorf("%s %q is not a positive number", column, text)
	}
	if rateColumns[column] {
		v.Inv(v)
	}
	usd := v.FloatString(8)
	switch whole, _, _ := strings.Cut(usd, "."); {
	case strings.Trim(usd, "0.") == "":
		return "", fmt.Errorf("%s %q: one unit is worth less than 0.000000005 USD, below what fx_rates holds", column, text)
	case len(whole) > 10:
		return "", fmt.Errorf("%s %q: one unit is worth more than fx_rates holds (10 digits before the point)", column, text)
	}
	return usd, nil
}

// suspectRates names the currencies whose loaded rates lie more than
// twentyfold from cmrflow's built-in approximate ones: a table of units
// per USD written under usd_per_unit (or the reverse) is off by the square
// of the rate, while real moves, even a devaluation, stay well inside.
func suspectRates(rates []rate) []string {
	builtin, _, err := readRates("fx_default.csv", strings.NewReader(fxDefault))
	if err != nil {
		return nil
	}
	lo, hi := map[string]float64{}, map[string]float64{}
	for _, r := range builtin {
		v, _ := strconv.ParseFloat(r.usd, 64)
		if l, ok := lo[r.currency]; !ok || v < l {
			lo[r.currency] = v
		}
		hi[r.currency] = max(hi[r.currency], v)
	}
	type far struct {
		n      int
		sample string
	}
	off := map[string]*far{}
	var order []string
	for _, r := range rates {
		v, _ := strconv.ParseFloat(r.usd, 64)
		if l, ok := lo[r.currency]; !ok || (v <= 20*hi[r.currency] && v >= l/20) {
			continue
		}
		if off[r.currency] == nil {
			off[r.currency] = &far{sample: strconv.FormatFloat(v, 'g', 6, 64)}
			order = append(order, r.currency)
		}
		off[r.currency].n++
	}
	var notes []string
	for _, c := range order {
		notes = append(notes, fmt.Sprintf("%s: %s more than 20 times from cmrflow's approximate rate (%s USD per %s; this file says %s): is the table in units per USD? Name its third column units_per_usd to load it so",
			c, words.Count(off[c].n, "rate lies", "rates lie"), approx(lo[c], hi[c]), c, off[c].sample))
	}
	return notes
}

func approx(lo, hi float64) string {
	if lo == hi {
		return strconv.FormatFloat(lo, 'g', 3, 64)
	}
	return strconv.FormatFloat(lo, 'g', 3, 64) + "–" + strconv.FormatFloat(hi, 'g', 3, 64)
}

// FXResult is what a rates file held, and what loading it noticed.
type FXResult struct {
	Rates int
	Notes []string
}

// LoadFX loads a rates file (currency,day,usd_per_unit or units_per_usd)
// into fx_rates, replacing rates for the same currency and day, and
// converts again the amounts of transactions already loaded. Rates far
// from the built-in ones load, with a note: a currency can collapse.
func LoadFX(ctx context.Context, db *store.DB, path string) (FXResult, error) {
	f, err := os.Open(path)
	if err != nil {
		return FXResult{}, err
	}
	defer f.Close()
	rates, inverted, err := readRates(path, f)
	if err != nil {
		return FXResult{}, err
	}
	res := FXResult{Rates: len(rates), Notes: suspectRates(rates)}
	if inverted {
		res.Notes = append([]string{"rates given in units per USD, kept as USD per unit to 8 decimals"}, res.Notes...)
	}
	return res, saveRates(ctx, db, rates, "file "+path)
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
	rates, _, err := readRates("fx_default.csv", strings.NewReader(fxDefault))
	if err != nil {
		return err
	}
	log.Info("no exchange rates loaded: using cmrflow's built-in approximate rates; load real ones with cmrflow fx load FILE")
	return saveRates(ctx, db, rates, FXBuiltin)
}
