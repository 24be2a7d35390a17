package rules

import (
	"context"
	"crypto/sha256"
	"database/sql"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/cmrflow/cmrflow/store"
)

// ErrBadOverride is a --set that names no rule or parameter, or the wrong type.
var ErrBadOverride = errors.New("bad rule parameter")

// Options tune a detection run.
type Options struct {
	Dirs   []string          // user rule folders
	Set    map[string]string // "rule.param" -> value
	RunID  string
	Logger *slog.Logger
}

// Result is one rule's outcome in a run; a failed rule has Err and the
// others still ran.
type Result struct {
	RuleID   string
	Version  int
	Alerts   int
	New      int
	Duration time.Duration
	Err      error
}

// Run loads the rules, runs each one and upserts its alerts. An analyst's
// status on an alert survives reruns. The error is only for problems that
// stop every rule (bad files, bad overrides); a failing rule is in its Result.
func Run(ctx context.Context, db *store.DB, opts Options) ([]Result, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	rules, replaced, err := Load(opts.Dirs)
	if err != nil {
		return nil, err
	}
	for _, line := range replaced {
		log.Info(line)
	}
	params, err := bindParams(rules, opts.Set)
	if err != nil {
		return nil, err
	}
	var results []Result
	for _, r := range rules {
		if err := ctx.Err(); err != nil {
			return results, err
		}
		start := time.Now()
		n, fresh, err := runRule(ctx, db, r, params[r.ID], opts.RunID)
		res := Result{RuleID: r.ID, Version: r.Version, Alerts: n, New: fresh, Duration: time.Since(start), Err: err}
		if err != nil {
			log.Error("rule failed", "rule", r.ID, "err", err)
		} else {
			log.Debug("rule ran", "rule", r.ID, "alerts", n, "new", fresh, "ms", res.Duration.Milliseconds())
		}
		results = append(results, res)
	}
	return results, nil
}

// bindParams gives every rule its parameter values: defaults, then
// overrides checked against the default's type.
func bindParams(rules []*Rule, set map[string]string) (map[string]map[string]any, error) {
	out := map[string]map[string]any{}
	for _, r := range rules {
		out[r.ID] = map[string]any{}
		for _, p := range r.Params {
			out[r.ID][p.Name] = p.Default
		}
	}
	var errs []error
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, key := range keys {
		ruleID, name, ok := strings.Cut(key, ".")
		vals, known := out[ruleID]
		if !ok || !known {
			errs = append(errs, fmt.Errorf("%w: %s: no rule %q (write RULE.PARAM=VALUE)", ErrBadOverride, key, ruleID))
			continue
		}
		def, known := vals[name]
		if !known {
			errs = append(errs, fmt.Errorf("%w: %s: rule %s has no parameter %q", ErrBadOverride, key, ruleID, name))
			continue
		}
		v, err := convert(set[key], def)
		if err != nil {
			errs = append(errs, fmt.Errorf("%w: %s: %v", ErrBadOverride, key, err))
			continue
		}
		vals[name] = v
	}
	return out, errors.Join(errs...)
}

func convert(text string, like any) (any, error) {
	switch like.(type) {
	case int:
		return strconv.Atoi(text)
	case float64:
		return strconv.ParseFloat(text, 64)
	case bool:
		return strconv.ParseBool(text)
	}
	return text, nil
}

type alert struct {
	id, subjectType, subjectKey string
	start, end                  any
	score                       float64
	totalUSD                    any
	txnIDs                      []string
	summary                     string
}

func runRule(ctx context.Context, db *store.DB, r *Rule, params map[string]any, runID string) (int, int, error) {
	args := make([]any, 0, len(params))
	for _, p := range r.Params {
		args = append(args, sql.Named(p.Name, params[p.Name]))
	}
	rows, err := db.SQL.QueryContext(ctx, r.SQL, args...)
	if err != nil {
		return 0, 0, fmt.Errorf("rule %s: %w", r.ID, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, 0, err
	}
	var missing []string
	for _, c := range OutputColumns {
		if !slices.Contains(cols, c) {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return 0, 0, fmt.Errorf("rule %s: %w: the SELECT lacks %s", r.ID, ErrInvalidRule, strings.Join(missing, ", "))
	}
	var alerts []alert
	for rows.Next() {
		vals, err := store.ScanRow(rows, len(cols))
		if err != nil {
			return 0, 0, fmt.Errorf("rule %s: %w", r.ID, err)
		}
		row := make(map[string]any, len(cols))
		for i, c := range cols {
			row[c] = vals[i]
		}
		a, err := makeAlert(r, row)
		if err != nil {
			return 0, 0, fmt.Errorf("rule %s: %w", r.ID, err)
		}
		alerts = append(alerts, a)
	}
	if err := rows.Err(); err != nil {
		return 0, 0, fmt.Errorf("rule %s: %w", r.ID, err)
	}
	paramJSON, _ := json.Marshal(params)
	fresh := 0
	err = db.Write(ctx, func(tx *store.Tx) error {
		for _, a := range alerts {
			var existing int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM alerts WHERE alert_id = $1`, a.id).Scan(&existing); err != nil {
				return err
			}
			if existing == 0 {
				fresh++
			}
			_, err := tx.ExecContext(ctx, upsertAlertSQL, a.id, r.ID, r.Version, r.Severity, a.score,
				a.subjectType, a.subjectKey, a.start, a.end, a.totalUSD, len(a.txnIDs), a.txnIDs,
				a.summary, store.Nullable(runID), string(paramJSON))
			if err != nil {
				return fmt.Errorf("save alert %s: %w", a.id, err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("rule %s: %w", r.ID, err)
	}
	return len(alerts), fresh, nil
}

func makeAlert(r *Rule, row map[string]any) (alert, error) {
	a := alert{
		subjectType: fmt.Sprint(row["subject_type"]),
		subjectKey:  fmt.Sprint(row["subject_key"]),
		start:       row["window_start"],
		end:         row["window_end"],
		totalUSD:    decimalText(row["total_usd"]),
	}
	score, ok := number(row["score"])
	if !ok || score < 0 || score > 100 {
		return a, fmt.Errorf("%w: score %v is not a number from 0 to 100", ErrInvalidRule, row["score"])
	}
	a.score = score
	list, ok := row["txn_ids"].([]any)
	if !ok || len(list) == 0 {
		return a, fmt.Errorf("%w: txn_ids must be a non-empty list", ErrInvalidRule)
	}
	for _, id := range list {
		a.txnIDs = append(a.txnIDs, fmt.Sprint(id))
	}
	row["n_txn"] = int64(len(list))
	h := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d\x00%s\x00%s\x00%s\x00%s", r.ID, r.Version,
		a.subjectType, a.subjectKey, display(a.start), display(a.end)))
	a.id = "A" + hex.EncodeToString(h[:10])
	a.summary = strings.Join(strings.Fields(explainRe.ReplaceAllStringFunc(r.Explain, func(m string) string {
		v, ok := row[m[1:len(m)-1]]
		if !ok {
			return m
		}
		return display(v)
	})), " ")
	return a, nil
}

// display writes a value as a reader expects it in a sentence.
func display(v any) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 {
			return x.Format("2006-01-02")
		}
		return x.Format("2006-01-02 15:04")
	case duckdb.Decimal:
		return groupThousands(store.DecimalText(x))
	case float64:
		if x == float64(int64(x)) {
			return groupThousands(strconv.FormatInt(int64(x), 10))
		}
		return groupThousands(strconv.FormatFloat(x, 'f', 2, 64))
	case int64, int32, int:
		return groupThousands(fmt.Sprint(x))
	case *big.Int:
		return groupThousands(x.String())
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = display(e)
		}
		return strings.Join(parts, ", ")
	}
	return fmt.Sprint(v)
}

func groupThousands(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		return sign + b.String() + "." + frac
	}
	return sign + b.String()
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int64:
		return float64(x), true
	case int32:
		return float64(x), true
	case duckdb.Decimal:
		return x.Float64(), true
	case *big.Int:
		f, _ := new(big.Float).SetInt(x).Float64()
		return f, true
	}
	return 0, false
}

func decimalText(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case duckdb.Decimal:
		return store.DecimalText(x)
	}
	return fmt.Sprint(v)
}

//go:embed sql/upsert_alert.sql
var upsertAlertSQL string
