package rules

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	_ "embed"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/cmrflow/cmrflow/internal/normalize"
	"github.com/cmrflow/cmrflow/store"
)

// Options tune a detection run.
type Options struct {
	Dirs []string          // user rule folders
	Set  map[string]string // "rule.param" -> value; "rule.preset" -> preset name
	// Since, when set, limits the run to transactions on or after it: the
	// rules see no older rows.
	Since  time.Time
	RunID  string
	Logger *slog.Logger
}

// Result is one rule's outcome in a run; a failed rule has Err and the
// others still ran.
type Result struct {
	RuleID   string
	Version  int
	Severity string
	Preset   string
	Params   map[string]any
	Alerts   int
	New      int
	Duration time.Duration
	Err      error
}

// Run loads the rules, runs each one and upserts its alerts. An analyst's
// status on an alert survives reruns. The error is only for problems that
// stop every rule (bad files, bad overrides); a failing rule is in its
// Result, with its place in its file where there is one.
func Run(ctx context.Context, db *store.DB, opts Options) ([]Result, error) {
	log := logger(opts.Logger)
	set, err := Load(opts.Dirs)
	if err != nil {
		return nil, err
	}
	for _, line := range set.Notes {
		log.Info(line)
	}
	values, err := Bind(set.Rules, opts.Set)
	if err != nil {
		return nil, err
	}
	return runRules(ctx, db, set.Rules, values, opts.Since, opts.RunID, log)
}

func logger(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.New(slog.DiscardHandler)
	}
	return l
}

func runRules(ctx context.Context, db *store.DB, rules []*Rule, values map[string]Values, since time.Time, runID string, log *slog.Logger) ([]Result, error) {
	sess, err := openSession(ctx, db, since)
	if err != nil {
		return nil, err
	}
	defer sess.close()
	sess.rules, sess.log = rules, log
	var results []Result
	for _, r := range rules {
		if err := ctx.Err(); err != nil {
			return results, err
		}
		vals := values[r.ID]
		start := time.Now()
		n, fresh, err := sess.run(ctx, db, r, vals.Param, runID)
		res := Result{RuleID: r.ID, Version: r.Version, Severity: r.Severity, Preset: vals.Preset, Params: vals.Param,
			Alerts: n, New: fresh, Duration: time.Since(start), Err: err}
		if errors.Is(err, context.Canceled) {
			return results, err
		}
		if err != nil {
			log.Error("rule failed", "rule", r.ID, "err", err)
		} else {
			log.Debug("rule ran", "rule", r.ID, "alerts", n, "new", fresh, "ms", res.Duration.Milliseconds())
		}
		results = append(results, res)
	}
	return results, nil
}

// Validate checks rules against the database's schema as they would run
// with their values: the SQL must prepare, return every column of
// OutputColumns with a fitting type, and give every placeholder of the
// explain template. Every problem of every rule is reported, with its
// file and line.
func Validate(ctx context.Context, db *store.DB, rules []*Rule, values map[string]Values) error {
	sess, err := openSession(ctx, db, time.Time{})
	if err != nil {
		return err
	}
	defer sess.close()
	sess.rules, sess.log = rules, logger(nil)
	sess.schemaOnly = true
	var errs []error
	for _, r := range rules {
		if err := sess.loadTables(ctx, r); err != nil {
			errs = append(errs, err)
			continue
		}
		if err := sess.derive(ctx, r); err != nil {
			errs = append(errs, err)
			continue
		}
		if err := sess.check(ctx, r, values[r.ID].Param); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// session is the one connection the rules of a run read through: it holds
// the temporary tables loaded from the rules' CSV files, rule_txns once a
// rule reads it and, for a run limited by Since, a temporary view that
// hides older transactions.
type session struct {
	conn   *sql.Conn
	tables map[string]error // loaded table -> its load error
	rules  []*Rule          // the rules of the run, for their calling_codes table
	log    *slog.Logger

	// schemaOnly makes the derived tables empty: enough to check rules
	// against them.
	schemaOnly bool
	derived    map[string]error // derived table built -> its build error
}

func openSession(ctx context.Context, db *store.DB, since time.Time) (*session, error) {
	conn, err := db.SQL.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("connect: %w", err)
	}
	s := &session{conn: conn, tables: map[string]error{}, derived: map[string]error{}, log: logger(nil)}
	var catalog string
	if err := conn.QueryRowContext(ctx, `SELECT current_database()`).Scan(&catalog); err != nil {
		s.close()
		return nil, err
	}
	// The rules see the transactions that count (not a second copy of a
	// row, not a transfer that did not go through) and, with since, only
	// the newer ones; a rule about the others (cancelled transfers, say)
	// reads transactions_all. A view takes no parameters; the literal is a
	// time formatted here, never text from a user.
	all := fmt.Sprintf(`SELECT * FROM %s.main.transactions`, store.QuoteIdent(catalog))
	if !since.IsZero() {
		all += fmt.Sprintf(` WHERE occurred_at >= TIMESTAMP '%s'`, since.UTC().Format("2006-01-02 15:04:05.999999"))
	}
	view := `CREATE OR REPLACE TEMP VIEW transactions_all AS ` + all + `;
		CREATE OR REPLACE TEMP VIEW transactions AS SELECT * FROM transactions_all WHERE not_counted IS NULL`
	if _, err := conn.ExecContext(ctx, view); err != nil {
		s.close()
		if !since.IsZero() {
			return nil, fmt.Errorf("limit the run to transactions since %s: %w", since.Format(time.DateOnly), err)
		}
		return nil, fmt.Errorf("hide the transactions that do not count: %w", err)
	}
	return s, nil
}

// close drops the derived tables (rule_txns holds a copy of the
// transactions) and the view over transactions before the connection goes
// back to the pool, where other stages would see through it.
func (s *session) close() {
	ctx := context.Background()
	for name := range s.derived {
		_, _ = s.conn.ExecContext(ctx, "DROP TABLE IF EXISTS temp.main."+store.QuoteIdent(name))
	}
	_, _ = s.conn.ExecContext(ctx, "DROP VIEW IF EXISTS temp.main.transactions; DROP VIEW IF EXISTS temp.main.transactions_all")
	_ = s.conn.Close()
}

// derivations are the tables the engine derives for the rules of a
// session, each the first time a rule's SQL names it.
var derivations = []struct {
	name  string
	re    *regexp.Regexp
	build func(*session, context.Context) error
}{
	{"name_sounds", regexp.MustCompile(`(?i)\bname_sounds\b`), (*session).buildNameSounds},
	{"rule_txns", regexp.MustCompile(`(?i)\brule_txns\b`), (*session).buildRuleTxns},
}

// buildNameSounds builds name_sounds (name_key, sounds): the name keys a
// beneficiary phone or account is written with when it is written with
// more than one, each with the sound of each part, space-separated, as the
// link stage compares names (normalize.PhoneticKey of the folded
// spelling), so that a rule can tell two spellings of one name, in Latin
// letters or romanised from Ge'ez or Arabic script, from two names. Only
// those keys: sounding every name of a million rows costs more than all
// that the rules ask of it.
func (s *session) buildNameSounds(ctx context.Context) error {
	if _, err := s.conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE name_sounds (name_key VARCHAR, sounds VARCHAR)`); err != nil {
		return fmt.Errorf("name_sounds: %w", err)
	}
	if s.schemaOnly {
		return nil
	}
	rows, err := s.conn.QueryContext(ctx, nameSoundsKeysSQL)
	if err != nil {
		return fmt.Errorf("name_sounds: %w", err)
	}
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			rows.Close()
			return fmt.Errorf("name_sounds: %w", err)
		}
		keys = append(keys, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("name_sounds: %w", err)
	}
	return store.AppendTemp(ctx, s.conn, "name_sounds", func(a *duckdb.Appender) error {
		var sounds []string
		for _, k := range keys {
			sounds = sounds[:0]
			for _, p := range strings.Fields(normalize.FoldSpelling(k)) {
				if snd := normalize.PhoneticKey(p); snd != "" {
					sounds = append(sounds, snd)
				}
			}
			if err := a.AppendRow(k, strings.Join(sounds, " ")); err != nil {
				return fmt.Errorf("name_sounds: %w", err)
			}
		}
		return nil
	})
}

// derive builds the derived tables the rule names that the session has
// not built: rule_txns (sql/rule_txns.sql), so that the rules share the
// keys, families, persons and countries it derives from every transaction
// instead of each deriving them again, and name_sounds.
func (s *session) derive(ctx context.Context, r *Rule) error {
	body := stripSQLText(r.SQL)
	for _, d := range derivations {
		if !d.re.MatchString(body) {
			continue
		}
		err, built := s.derived[d.name]
		if !built {
			start := time.Now()
			err = d.build(s, ctx)
			s.derived[d.name] = err
			s.log.Debug(d.name+" built", "ms", time.Since(start).Milliseconds(), "err", err)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (s *session) buildRuleTxns(ctx context.Context) error {
	// The calling codes of the run: those a rule names (a user folder may
	// replace the built-in file), else the built-in file.
	codes := Table{Name: "calling_codes", File: "calling_codes.csv", fsys: library,
		path: "library/calling_codes.csv", from: builtinPrefix + "calling_codes.csv"}
	for _, r := range s.rules {
		if i := slices.IndexFunc(r.Tables, func(t Table) bool { return t.Name == codes.Name }); i >= 0 {
			codes = r.Tables[i]
			break
		}
	}
	if err, done := s.tables[codes.Name]; done {
		if err != nil {
			return fmt.Errorf("rule_txns: %w", err)
		}
	} else {
		err := s.loadTable(ctx, codes)
		s.tables[codes.Name] = err
		if err != nil {
			return fmt.Errorf("rule_txns: %w", err)
		}
	}
	q := strings.TrimRight(ruleTxnsSQL, " \t\r\n;")
	if s.schemaOnly {
		q += "\nLIMIT 0"
	}
	if _, err := s.conn.ExecContext(ctx, q); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("rule_txns: %w", err)
	}
	return nil
}

// loadTables loads the rule's CSV tables that this session has not loaded.
func (s *session) loadTables(ctx context.Context, r *Rule) error {
	var errs []error
	for _, t := range r.Tables {
		err, done := s.tables[t.Name]
		if !done {
			err = s.loadTable(ctx, t)
			s.tables[t.Name] = err
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// loadTable reads a CSV file (a header of column names, lines starting
// with # are comments) into a temporary table of text columns.
func (s *session) loadTable(ctx context.Context, t Table) error {
	f, err := t.fsys.Open(t.path)
	if err != nil {
		return fmt.Errorf("%w: table %s: %w", ErrInvalidRule, t.Name, err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.Comment = '#'
	bad := func(line int, format string, args ...any) error {
		return &RuleError{File: t.from, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	header, err := cr.Read()
	if err != nil {
		return bad(1, "table %s: no header line: %v", t.Name, err)
	}
	cols := make([]string, len(header))
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if !identRe.MatchString(h) {
			line, _ := cr.FieldPos(i)
			return bad(line, "table %s: column %q: names are lower case letters, digits and _", t.Name, h)
		}
		cols[i] = store.QuoteIdent(h) + " VARCHAR"
	}
	name := store.QuoteIdent(t.Name)
	if _, err := s.conn.ExecContext(ctx, fmt.Sprintf("CREATE OR REPLACE TEMP TABLE %s (%s)", name, strings.Join(cols, ", "))); err != nil {
		return fmt.Errorf("table %s: %w", t.Name, err)
	}
	var rows [][]driver.Value
	var lines []int
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return bad(pe.Line, "table %s: %v", t.Name, pe.Err)
		} else if err != nil {
			return fmt.Errorf("table %s: %w", t.Name, err)
		}
		row := make([]driver.Value, len(rec))
		for i, v := range rec {
			if v = strings.TrimSpace(v); v != "" {
				row[i] = v
			}
		}
		line, _ := cr.FieldPos(0)
		rows = append(rows, row)
		lines = append(lines, line)
	}
	// One appender for the lot: a row at a time through INSERT costs a
	// round trip each.
	return store.AppendTemp(ctx, s.conn, t.Name, func(a *duckdb.Appender) error {
		for i, row := range rows {
			if err := a.AppendRow(row...); err != nil {
				return bad(lines[i], "table %s: %v", t.Name, err)
			}
		}
		return nil
	})
}

// wrap makes the rule's SELECT a subquery, so that nothing but one SELECT
// can run and line n of the rule's SQL is line n+1 of the query.
func wrap(sqlText string) string {
	body := strings.TrimRight(stripSQLText(sqlText), " \t\r\n;")
	return "SELECT * FROM (\n" + sqlText[:len(body)] + "\n) AS rule_result"
}

func bindArgs(r *Rule, params map[string]any) []any {
	args := make([]any, 0, len(r.Params))
	for _, p := range r.Params {
		args = append(args, sql.Named(p.Name, params[p.Name]))
	}
	return args
}

var duckLineRe = regexp.MustCompile(`(?m)^LINE (\d+):`)

// sqlError places DuckDB's complaint about a rule's SQL on its file's line.
func sqlError(r *Rule, err error) error {
	msg := err.Error()
	line := r.SQLLine
	if m := duckLineRe.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		line = r.SQLLine + n - 2 // the wrap's first line
	}
	first, _, _ := strings.Cut(msg, "\n")
	return &RuleError{File: r.File, Line: line, Msg: "SQL: " + strings.TrimSpace(first)}
}

// check runs the rule with no rows wanted and checks what it would return.
func (s *session) check(ctx context.Context, r *Rule, params map[string]any) error {
	rows, err := s.conn.QueryContext(ctx, wrap(r.SQL)+" LIMIT 0", bindArgs(r, params)...)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return sqlError(r, err)
	}
	defer rows.Close()
	return checkColumns(r, rows)
}

// checkColumns checks the columns a rule's query returns against the
// contract and the explain template.
func checkColumns(r *Rule, rows *sql.Rows) error {
	cts, err := rows.ColumnTypes()
	if err != nil {
		return err
	}
	var errs []error
	bad := func(line int, format string, args ...any) {
		errs = append(errs, &RuleError{File: r.File, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	typ := map[string]string{}
	for _, ct := range cts {
		typ[ct.Name()] = ct.DatabaseTypeName()
	}
	var missing []string
	for _, c := range OutputColumns {
		if _, ok := typ[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		bad(r.SQLLine, "the SELECT lacks %s (every rule returns %s)", strings.Join(missing, ", "), strings.Join(OutputColumns, ", "))
	}
	want := map[string]func(string) bool{
		"window_start": isTime, "window_end": isTime,
		"score": isNumber, "total_usd": isNumber,
		"txn_ids":      func(t string) bool { return strings.HasSuffix(t, "[]") || t == "NULL" },
		"subject_type": isText, "subject_key": isText,
	}
	for _, c := range OutputColumns {
		if t, ok := typ[c]; ok && !want[c](t) {
			bad(r.SQLLine, "column %s is %s, which does not fit (%s)", c, t, columnHint[c])
		}
	}
	for _, m := range explainRe.FindAllStringSubmatch(r.Explain, -1) {
		name := m[1]
		if _, ok := typ[name]; ok || name == "n_txn" {
			continue
		}
		if _, ok := r.Param(name); ok {
			continue
		}
		bad(r.line("explain"), "explain uses {%s}, which is neither a column of the SELECT, n_txn nor a parameter", name)
	}
	return errors.Join(errs...)
}

var columnHint = map[string]string{
	"window_start": "a TIMESTAMP or DATE", "window_end": "a TIMESTAMP or DATE",
	"score": "a number from 0 to 100", "total_usd": "a DECIMAL amount",
	"txn_ids": "a list of txn_id", "subject_type": "text", "subject_key": "text",
}

func isTime(t string) bool {
	return strings.HasPrefix(t, "TIMESTAMP") || t == "DATE" || t == "NULL"
}

func isNumber(t string) bool {
	return strings.HasPrefix(t, "DECIMAL") || slices.Contains([]string{"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
		"UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "FLOAT", "DOUBLE", "NULL"}, t)
}

func isText(t string) bool { return t == "VARCHAR" }

type alert struct {
	id, subjectType, subjectKey string
	start, end                  any
	score                       float64
	totalUSD                    any
	txnIDs                      []string
	summary                     string
}

// run runs the rule, checks what it returns and saves its alerts.
func (s *session) run(ctx context.Context, db *store.DB, r *Rule, params map[string]any, runID string) (int, int, error) {
	if err := s.loadTables(ctx, r); err != nil {
		return 0, 0, err
	}
	if err := s.derive(ctx, r); err != nil {
		return 0, 0, err
	}
	alerts, err := s.query(ctx, r, params)
	if err != nil || len(alerts) == 0 {
		return 0, 0, err
	}
	fresh, err := save(ctx, db, r, params, alerts, runID)
	if err != nil {
		return 0, 0, fmt.Errorf("rule %s: %w", r.ID, err)
	}
	return len(alerts), fresh, nil
}

func (s *session) query(ctx context.Context, r *Rule, params map[string]any) ([]alert, error) {
	rows, err := s.conn.QueryContext(ctx, wrap(r.SQL), bindArgs(r, params)...)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, sqlError(r, err)
	}
	defer rows.Close()
	// Checked on the rows themselves: a query with LIMIT 0 first would
	// plan the rule twice.
	if err := checkColumns(r, rows); err != nil {
		return nil, err
	}
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var alerts []alert
	seen := map[string]bool{}
	explain := parseExplain(r.Explain)
	// One map for every row: each row sets every column again, and an
	// alert keeps nothing of it.
	row := make(map[string]any, len(cols)+len(params)+1)
	for k, v := range params {
		row[k] = v
	}
	for rows.Next() {
		vals, err := store.ScanRow(rows, len(cols))
		if err != nil {
			return nil, fmt.Errorf("rule %s: %w", r.ID, err)
		}
		for i, c := range cols {
			row[c] = vals[i]
		}
		a, err := makeAlert(r, explain, row)
		if err != nil {
			return nil, &RuleError{File: r.File, Line: r.SQLLine, Msg: err.Error()}
		}
		// One alert per subject and window start: a second row for the
		// same one adds nothing an analyst could tell apart.
		if !seen[a.id] {
			seen[a.id] = true
			alerts = append(alerts, a)
		}
	}
	if err := rows.Err(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, sqlError(r, err)
	}
	return alerts, nil
}

// save upserts the rule's alerts in one script: they are appended to a
// temporary staging table first, since one INSERT per alert costs a round
// trip each.
func save(ctx context.Context, db *store.DB, r *Rule, params map[string]any, alerts []alert, runID string) (int, error) {
	paramJSON, err := json.Marshal(params)
	if err != nil {
		return 0, err
	}
	fresh := 0
	err = db.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.ExecContext(ctx, alertStageSQL); err != nil {
			return fmt.Errorf("stage alerts: %w", err)
		}
		defer tx.ExecContext(context.WithoutCancel(ctx),
			`DROP TABLE IF EXISTS temp.main.alert_stage; DROP TABLE IF EXISTS temp.main.alert_kept`)
		err := store.AppendTemp(ctx, tx.Conn, "alert_stage", func(app *duckdb.Appender) error {
			for _, a := range alerts {
				err := app.AppendRow(a.id, a.score, a.subjectType, a.subjectKey, timeValue(a.start), timeValue(a.end),
					a.totalUSD, int32(len(a.txnIDs)), a.txnIDs, a.summary)
				if err != nil {
					return fmt.Errorf("stage alert %s: %w", a.id, err)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		err = tx.ExecScript(ctx, upsertAlertSQL, sql.Named("rule_id", r.ID), sql.Named("rule_version", int32(r.Version)),
			sql.Named("severity", r.Severity), sql.Named("run_id", store.Nullable(runID)), sql.Named("params", string(paramJSON)))
		if err != nil {
			return fmt.Errorf("save alerts: %w", err)
		}
		// The alerts are one per id (query), so the new ones are those the
		// script did not find kept.
		var kept int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM temp.main.alert_kept`).Scan(&kept); err != nil {
			return err
		}
		fresh = len(alerts) - kept
		return nil
	})
	return fresh, err
}

// timeValue passes a window's time to the appender, which wants a
// time.Time or nothing.
func timeValue(v any) any {
	if t, ok := v.(time.Time); ok {
		return t
	}
	return nil
}

// alertID is stable over reruns: rule, version, subject and the start of
// the window. The end is left out, so that a payment arriving later in the
// same window updates the alert instead of making a second one.
func alertID(r *Rule, subjectType, subjectKey string, start any) string {
	h := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d\x00%s\x00%s\x00%s", r.ID, r.Version, subjectType, subjectKey, display(start)))
	return "A" + hex.EncodeToString(h[:10])
}

func makeAlert(r *Rule, explain explainTemplate, row map[string]any) (alert, error) {
	a := alert{
		subjectType: text(row["subject_type"]),
		subjectKey:  text(row["subject_key"]),
		start:       row["window_start"],
		end:         row["window_end"],
		totalUSD:    decimalText(row["total_usd"]),
	}
	if a.subjectType == "" || a.subjectKey == "" {
		return a, fmt.Errorf("%w: a row without subject_type or subject_key", ErrInvalidRule)
	}
	score, ok := number(row["score"])
	if !ok || score < 0 || score > 100 {
		return a, fmt.Errorf("%w: score %v of %s %s is not a number from 0 to 100", ErrInvalidRule, row["score"], a.subjectType, a.subjectKey)
	}
	a.score = score
	list, ok := row["txn_ids"].([]any)
	if !ok || len(list) == 0 {
		return a, fmt.Errorf("%w: txn_ids of %s %s must be a non-empty list", ErrInvalidRule, a.subjectType, a.subjectKey)
	}
	for _, id := range list {
		a.txnIDs = append(a.txnIDs, fmt.Sprint(id))
	}
	row["n_txn"] = int64(len(list))
	a.id = alertID(r, a.subjectType, a.subjectKey, a.start)
	a.summary = explain.fill(row)
	return a, nil
}

func text(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// explainTemplate is an explain template cut once at its placeholders:
// a rule with tens of thousands of alerts would otherwise run the
// regular expression over the template for each.
type explainTemplate struct {
	text  []string // text[i] comes before name[i]; the last has no name
	names []string
}

func parseExplain(tmpl string) explainTemplate {
	var t explainTemplate
	last := 0
	for _, m := range explainRe.FindAllStringSubmatchIndex(tmpl, -1) {
		t.text = append(t.text, tmpl[last:m[0]])
		t.names = append(t.names, tmpl[m[2]:m[3]])
		last = m[1]
	}
	t.text = append(t.text, tmpl[last:])
	return t
}

// fill writes the row's values into the template, one line; a
// placeholder the row lacks stays as it is.
func (t explainTemplate) fill(row map[string]any) string {
	var b strings.Builder
	for i, name := range t.names {
		b.WriteString(t.text[i])
		if v, ok := row[name]; ok {
			b.WriteString(display(v))
		} else {
			b.WriteString("{" + name + "}")
		}
	}
	b.WriteString(t.text[len(t.names)])
	return oneLine(b.String())
}

// oneLine puts a text on one line with single spaces; most summaries
// already are, and are returned as they are.
func oneLine(s string) string {
	prevSpace := true // a leading space is to go too
	for i := 0; i < len(s); i++ {
		c := s[i]
		space := c == ' '
		if c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c >= utf8.RuneSelf || (space && prevSpace) {
			return strings.Join(strings.Fields(s), " ")
		}
		prevSpace = space
	}
	if prevSpace && s != "" {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
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
	case int64, int32, int, uint64, uint32:
		return groupThousands(fmt.Sprint(x))
	case *big.Int:
		return groupThousands(x.String())
	case []string:
		return strings.Join(x, ", ")
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
	case int16:
		return float64(x), true
	case int8:
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

var (
	//go:embed sql/upsert_alert.sql
	upsertAlertSQL string
	//go:embed sql/alert_stage.sql
	alertStageSQL string
	//go:embed sql/name_sounds_keys.sql
	nameSoundsKeysSQL string
	//go:embed sql/rule_txns.sql
	ruleTxnsSQL string
)
