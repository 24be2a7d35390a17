// Package ingest loads source files into transactions, or into quarantine
// with reasons, keeping each row traceable to its file, sheet and row.
package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/cmrflow/cmrflow/ingest/bankfmt"
	"github.com/cmrflow/cmrflow/internal/words"
	"github.com/cmrflow/cmrflow/store"
)

//go:embed sql/overlap.sql
var overlapSQL string

// ErrUnknownLayout means no profile or header synonym recognised the file.
var ErrUnknownLayout = errors.New("no known layout")

const (
	// headerSearchRows is how far down a header row may sit below titles.
	headerSearchRows = 20
	// decisionRows are read before the per-file decisions (day or month
	// first, decimal comma or point) are taken; they stay in memory.
	decisionRows = 2000
)

// Options tune a load.
type Options struct {
	Kind     string // hawala, remittance, bank or auto
	Profile  string // built-in profile name or a YAML file
	RunID    string
	Logger   *slog.Logger
	Progress io.Writer // where a progress line goes for long files; nil for none
}

// FileResult is what happened to one file.
type FileResult struct {
	Path            string
	SourceID        string
	Format          string
	Profile         string
	Kind            string
	RowsRead        int
	RowsLoaded      int
	RowsQuarantined int
	NoUSDRate       int
	AlreadyLoaded   bool
	Notes           []string // decisions and skipped parts, for the person loading
}

// FileError is a file that did not load; nothing of it is in the database.
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string {
	err := e.Err
	// "x.csv: open x.csv: no such file" says the path twice.
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == e.Path {
		err = pe.Err
	}
	if errors.Is(err, context.Canceled) {
		return e.Path + ": interrupted; nothing of it was loaded"
	}
	return fmt.Sprintf("%s: %v", e.Path, err)
}

func (e *FileError) Unwrap() error { return e.Err }

// Files loads every file under paths (folders are walked), each in its own
// transaction. A file that fails leaves nothing behind and the others go
// on; the returned error joins every file's error.
func Files(ctx context.Context, db *store.DB, paths []string, opts Options) ([]FileResult, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	profiles, err := resolveProfiles(opts.Profile, opts.Kind)
	if err != nil {
		return nil, err
	}
	files, err := expand(paths)
	if err != nil {
		return nil, err
	}
	if err := ensureFX(ctx, db, opts.Logger); err != nil {
		return nil, err
	}
	if n, size := removeStaleStages(db.Path); n > 0 {
		opts.Logger.Info("removed the stage files an interrupted load left beside the database", "files", n, "bytes", size)
	}
	var results []FileResult
	var errs []error
	for _, path := range files {
		if err := ctx.Err(); err != nil {
			return results, err
		}
		res, err := loadFile(ctx, db, path, profiles, opts)
		if err != nil {
			errs = append(errs, &FileError{Path: path, Err: err})
			continue
		}
		results = append(results, res)
	}
	return results, errors.Join(errs...)
}

// expand turns folders into the files in them, sorted; hidden files and
// notes (Markdown) are not data.
func expand(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, &FileError{Path: p, Err: err}
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if strings.HasPrefix(d.Name(), ".") && path != p {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && !strings.EqualFold(filepath.Ext(path), ".md") {
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			return nil, &FileError{Path: p, Err: err}
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

func hashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// record is one row of a sheet or text file: its number as a person sees
// it, its cells, and why it could not be read, if it could not.
type record struct {
	row   int
	cells []string
	bad   string
}

// rowSource is one sheet (or a whole text file) read row by row.
type rowSource interface {
	Next() (record, error) // io.EOF at the end
	Close() error
}

// sniff tells a file's format from its first bytes, never from its name.
func sniff(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return "", err
	}
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "xls", nil
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "xlsx", nil
	}
	if f := bankfmt.Sniff(head); f != "" {
		return f, nil
	}
	return "text", nil
}

type loader struct {
	ctx      context.Context
	path     string
	name     string
	dir      string // where stage files go
	profiles []*Profile
	opts     Options
	log      *slog.Logger
	stages   []*stageFile
	res      *FileResult
	progress *progress
	nonBlank int // rows with text seen while looking for a header

	stagePrefix string // of this database and process (see removeStaleStages)
}

// newStage opens a stage for one sheet; the loader removes it.
func (l *loader) newStage(lay *layout, m *mapper, sheet string) (*stageFile, error) {
	st, err := newStageFile(l.dir, l.stagePrefix, lay, m, sheet, l.res.SourceID)
	if err != nil {
		return nil, fmt.Errorf("stage: %w", err)
	}
	l.stages = append(l.stages, st)
	return st, nil
}

func loadFile(ctx context.Context, db *store.DB, path string, profiles []*Profile, opts Options) (FileResult, error) {
	res := FileResult{Path: path}
	sourceID, size, err := hashFile(path)
	if err != nil {
		return res, err
	}
	res.SourceID = sourceID
	var seen int
	if err := db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM sources WHERE source_id = $1`, sourceID).Scan(&seen); err != nil {
		return res, err
	}
	if seen > 0 {
		res.AlreadyLoaded = true
		return res, nil
	}
	if res.Format, err = sniff(path); err != nil {
		return res, err
	}
	l := &loader{ctx: ctx, path: path, name: filepath.Base(path), dir: stageDir(db.Path), stagePrefix: stagePrefix(db.Path, os.Getpid()), profiles: profiles, opts: opts,
		log: opts.Logger, res: &res, progress: newProgress(opts.Progress, filepath.Base(path))}
	defer func() {
		l.progress.done()
		for _, st := range l.stages {
			st.remove()
		}
	}()
	switch res.Format {
	case "xls":
		err = ErrLegacyExcel
	case "xlsx":
		err = l.workbook()
	case "mt940", "camt053":
		err = l.bank(res.Format)
	default:
		err = l.text()
	}
	for _, st := range l.stages {
		if cErr := st.close(); err == nil {
			err = cErr
		}
	}
	if err != nil {
		return res, err
	}
	if res.Profile == "" && l.nonBlank == 0 {
		return res, fmt.Errorf("%w: the file holds no rows (it is empty or blank)", ErrUnknownLayout)
	}
	if res.Profile == "" {
		return res, fmt.Errorf("%w: no header row in the first %d rows matches a profile or the header synonyms (try --profile)", ErrUnknownLayout, headerSearchRows)
	}

	var earlier int
	if err := db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM sources`).Scan(&earlier); err != nil {
		return res, err
	}
	l.progress.loading(res.RowsRead)
	err = db.Write(ctx, func(tx *store.Tx) error {
		for _, st := range l.stages {
			if err := st.load(ctx, tx, sourceID); err != nil {
				return fmt.Errorf("load rows: %w", err)
			}
		}
		if earlier > 0 && res.RowsLoaded > 0 {
			if err := noteOverlap(ctx, tx, sourceID, &res); err != nil {
				return fmt.Errorf("compare with files loaded before: %w", err)
			}
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM transactions WHERE source_id = $1 AND amount_usd IS NULL`, sourceID).Scan(&res.NoUSDRate); err != nil {
			return err
		}
		abs, _ := filepath.Abs(path)
		notes := res.Notes
		if notes == nil {
			notes = []string{}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO sources (source_id, path, file_name, kind, profile, size_bytes, rows_read,
			rows_loaded, rows_quarantined, loaded_at, run_id, format, notes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
			sourceID, abs, res.name(), res.Kind, res.Profile, size, res.RowsRead, res.RowsLoaded,
			res.RowsQuarantined, time.Now().UTC(), store.Nullable(opts.RunID), res.Format, notes)
		return err
	})
	if err != nil {
		return res, err
	}
	if res.NoUSDRate > 0 {
		res.note("%s no exchange rate for their currency and day: amount_usd left empty (load rates with cmrflow fx load)", words.Count(res.NoUSDRate, "row has", "rows have"))
	}
	return res, nil
}

func (r *FileResult) name() string { return filepath.Base(r.Path) }

// noteOverlap flags the rows a file loaded before already holds (see
// sql/overlap.sql) and says so in the file's notes.
func noteOverlap(ctx context.Context, tx *store.Tx, sourceID string, res *FileResult) error {
	if err := tx.ExecScript(ctx, overlapSQL, sql.Named("source_id", sourceID)); err != nil {
		return err
	}
	var n, row, otherRow int
	var other sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT count(*), coalesce(min(source_row), 0), coalesce(arg_min(other_row, source_row), 0),
		arg_min(other_file, source_row) FROM ingest_overlap`).Scan(&n, &row, &otherRow, &other)
	if err == nil && n > 0 {
		res.note("%s also in a file loaded before, with the same reference, amount, time and parties (an overlapping export?), e.g. row %d is row %d of %s: loaded, and flagged in transactions.flags",
			words.Count(n, "row is", "rows are"), row, otherRow, other.String)
	}
	if _, dErr := tx.ExecContext(ctx, `DROP TABLE ingest_overlap`); err == nil {
		err = dErr
	}
	return err
}

func (r *FileResult) note(format string, args ...any) {
	r.Notes = append(r.Notes, fmt.Sprintf(format, args...))
}

func (l *loader) text() error {
	src, err := openText(l.path, l.progress)
	if err != nil {
		return err
	}
	defer src.Close()
	l.res.Format = fmt.Sprintf("text (%s, %s)", src.encoding, delimiterName(src.comma))
	_, err = l.sheet(src, "", false, false)
	return err
}

func delimiterName(c byte) string {
	switch c {
	case '\t':
		return "tab-delimited"
	case ';':
		return "semicolon-delimited"
	case '|':
		return "pipe-delimited"
	}
	return "comma-delimited"
}

func (l *loader) workbook() error {
	book, err := openXLSX(l.path)
	if err != nil {
		return fmt.Errorf("read workbook: %w", err)
	}
	defer book.Close()
	for _, name := range book.Sheets() {
		src, err := book.open(name)
		if err != nil {
			return err
		}
		matched, err := l.sheet(src, name, true, book.date1904)
		src.Close()
		if err != nil {
			return err
		}
		if !matched {
			l.res.note("sheet %q skipped: no known header in its first %d rows", name, headerSearchRows)
			l.log.Info("sheet skipped: no known header", "file", l.name, "sheet", name)
		} else if book.hidden(name) {
			l.res.note("sheet %q is hidden in Excel: loaded like the others", name)
		}
	}
	return nil
}

// sheet finds the sheet's header, takes the per-file decisions on a sample
// of rows, then maps every data row into the stage. It reports whether the
// sheet held a known layout.
func (l *loader) sheet(src rowSource, sheetName string, serial, date1904 bool) (bool, error) {
	where := l.name
	if sheetName != "" {
		where = fmt.Sprintf("%s sheet %q", l.name, sheetName)
	}
	var lay *layout
	var pending []record
	var prev []string
	titles := 0
	for i := 0; i < headerSearchRows && lay == nil; i++ {
		rec, err := src.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return false, err
		}
		if blank(rec.cells) {
			continue
		}
		l.nonBlank++
		if rec.bad == "" {
			if found, ok := detect(rec.cells, l.profiles, l.opts.Kind, true); ok {
				lay = found
				if lay.dataRow {
					pending = append(pending, rec)
					break
				}
				// The row below may name the columns under merged group
				// labels: then the two rows are the header.
				next, err := src.Next()
				if err != nil && !errors.Is(err, io.EOF) {
					return false, err
				}
				if err == nil {
					if sub, ok := detect(combineHeaders(rec.cells, next.cells), l.profiles, l.opts.Kind, true); ok &&
						next.bad == "" && !sub.dataRow && sub.mapped() > lay.mapped() {
						lay = sub
					} else {
						pending = append(pending, next)
					}
				}
				break
			}
			// A two-row header: group labels, often merged cells, over
			// the column names ("Sender" over "Name | Phone").
			if prev != nil {
				if found, ok := detect(combineHeaders(prev, rec.cells), l.profiles, l.opts.Kind, true); ok && !found.dataRow {
					lay = found
					titles--
					break
				}
			}
			prev = rec.cells
		}
		titles++
	}
	if lay == nil {
		return false, nil
	}
	if titles > 0 {
		above := "above the header"
		if lay.dataRow {
			above = "before the first data row"
		}
		l.res.note("%s: %s %s skipped (titles, notes)", where, words.Count(titles, "row", "rows"), above)
	}
	if l.res.Profile == "" {
		l.res.Profile, l.res.Kind = lay.p.Name, lay.p.Kind
	} else if l.res.Profile != lay.p.Name {
		l.res.Profile += "," + lay.p.Name
	}

	for len(pending) < decisionRows {
		rec, err := src.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return true, err
		}
		pending = append(pending, rec)
	}
	m := newMapper(lay, serial, date1904)
	l.decide(m, pending, where)
	stage, err := l.newStage(lay, m, sheetName)
	if err != nil {
		return true, err
	}

	comments, n := 0, 0
	next := func() (record, bool, error) {
		for {
			var rec record
			if len(pending) > 0 {
				rec, pending = pending[0], pending[1:]
			} else {
				if n++; n%4096 == 0 && l.ctx.Err() != nil {
					return rec, false, l.ctx.Err()
				}
				var err error
				rec, err = src.Next()
				if errors.Is(err, io.EOF) {
					return rec, false, nil
				}
				if err != nil {
					return rec, false, err
				}
			}
			if blank(rec.cells) {
				continue
			}
			if p := lay.p.SkipPrefix; p != "" && len(rec.cells) > 0 && strings.HasPrefix(rec.cells[0], p) {
				comments++
				continue
			}
			return rec, true, nil
		}
	}
	worker := func() func(record) mapped {
		return func(rec record) mapped {
			var row mapped
			if rec.bad != "" {
				row = badRow(rec)
			} else {
				row = m.row(rec.row, rec.cells)
			}
			if len(row.reasons) > 0 {
				l.log.Debug("row quarantined", "where", where, "row", rec.row, "reasons", strings.Join(row.reasons, "; "))
			}
			return row
		}
	}
	read, loaded, quarantined, err := mapParallel(l.ctx, stage, next, worker, l.progress.tick)
	l.res.RowsRead += read
	l.res.RowsLoaded += loaded
	l.res.RowsQuarantined += quarantined
	if err != nil {
		return true, err
	}
	if comments > 0 {
		l.res.note("%s: %s (%q) skipped", where, words.Count(comments, "comment line", "comment lines"), lay.p.SkipPrefix)
	}
	return true, nil
}

// decide takes the per-file decisions from a sample of data rows: whether
// dates put the day or the month first, and which separator is decimal.
// What the sample could not settle is said in the notes.
func (l *loader) decide(m *mapper, sample []record, where string) {
	var dates, amounts []string
	for _, rec := range sample {
		if rec.bad == "" {
			dates = append(dates, m.field(rec.cells, "occurred_at"))
			amounts = append(amounts, m.field(rec.cells, "amount"), m.field(rec.cells, "debit_amount"), m.field(rec.cells, "credit_amount"))
		}
	}
	if m.dates.order == "" && !m.dates.ethiopian {
		order, settled, conflict := decideDateOrder(dates, "dmy")
		m.dates.order = order
		switch {
		case conflict:
			l.res.note("%s: dates disagree on day and month order; read as %s, the majority (rows that contradict it are quarantined only if impossible)", where, order)
		case !settled && anyAmbiguousDate(dates):
			l.res.note("%s: dates like 03/04 do not say whether the day or the month comes first; read day first (set date_order in a profile to change)", where)
		case settled:
			l.log.Debug("date order decided", "where", where, "order", order)
		}
	}
	if l.profileDecimalUnset(m) {
		sep, settled := decideDecimal(amounts, ".")
		m.decimalComma = sep == ","
		if !settled && anyGrouped(amounts) {
			l.res.note("%s: amounts like 1,234 could use either separator for decimals; read %q as the decimal separator (set decimal in a profile to change)", where, sep)
		}
	}
}

func (l *loader) profileDecimalUnset(m *mapper) bool {
	return m.l.p.Decimal == "" && !m.serial
}

func anyAmbiguousDate(dates []string) bool {
	for _, d := range dates {
		p, err := splitDate(d)
		if err == nil && p.month == 0 && len(p.nums) == 3 && len(p.nums[0]) != 4 {
			return true
		}
	}
	return false
}

func anyGrouped(amounts []string) bool {
	for _, a := range amounts {
		if i := strings.LastIndexAny(a, ",."); i >= 0 && len(a)-i-1 == 3 {
			return true
		}
	}
	return false
}

// combineHeaders joins group labels over column names; a group label
// stands over every column to its right until the next label.
func combineHeaders(top, names []string) []string {
	out := make([]string, max(len(top), len(names)))
	group := ""
	for i := range out {
		t, n := "", ""
		if i < len(top) {
			t = strings.TrimSpace(top[i])
		}
		if i < len(names) {
			n = strings.TrimSpace(names[i])
		}
		if t != "" {
			group = t
		}
		switch {
		case n == "":
			out[i] = t
		case group == "":
			out[i] = n
		default:
			out[i] = group + " " + n
		}
	}
	return out
}

// badRow is a record that could not be read at all.
func badRow(rec record) mapped {
	return mapped{row: rec.row, reasons: []string{"the row cannot be read: " + rec.bad},
		raw: `{"row as written":` + string(appendJSONString(nil, strings.Join(rec.cells, ""))) + `}`}
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
