// Package ingest loads source files into transactions, or into quarantine
// with reasons, keeping each row traceable to its file, sheet and row.
package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
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

	"github.com/duckdb/duckdb-go/v2"

	"github.com/cmrflow/cmrflow/store"
)

var (
	//go:embed sql/stage.sql
	stageSQL string
	//go:embed sql/promote.sql
	promoteSQL string
)

// ErrUnknownLayout means no profile recognised the file's header.
var ErrUnknownLayout = errors.New("no known layout")

// headerSearchRows is how far down a header row may sit below titles.
const headerSearchRows = 20

// Options tune a load.
type Options struct {
	Kind    string // hawala, remittance, bank or auto
	Profile string // built-in profile name or a YAML file
	RunID   string
	Logger  *slog.Logger
}

// FileResult is what happened to one file.
type FileResult struct {
	Path            string
	SourceID        string
	Profile         string
	Kind            string
	RowsRead        int
	RowsLoaded      int
	RowsQuarantined int
	NoUSDRate       int
	AlreadyLoaded   bool
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
	return fmt.Sprintf("%s: %v", e.Path, err)
}
func (e *FileError) Unwrap() error { return e.Err }

// Files loads every file under paths (folders are walked), each in its own
// transaction. A file that fails leaves nothing behind and the others go
// on; the returned error joins every file's error.
func Files(ctx context.Context, db *store.DB, paths []string, opts Options) ([]FileResult, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	profiles, err := resolveProfiles(opts.Profile, opts.Kind)
	if err != nil {
		return nil, err
	}
	files, err := expand(paths)
	if err != nil {
		return nil, err
	}
	var results []FileResult
	var errs []error
	for _, path := range files {
		if err := ctx.Err(); err != nil {
			return results, err
		}
		res, err := loadFile(ctx, db, path, profiles, opts.RunID, log)
		if err != nil {
			errs = append(errs, &FileError{Path: path, Err: err})
			continue
		}
		results = append(results, res)
	}
	return results, errors.Join(errs...)
}

// expand turns folders into the files in them, sorted; hidden files and
// the workspace's own notes are not data.
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

// rowSource is one sheet (or a whole text file) read row by row.
type rowSource interface {
	Next() (row int, cells []string, err error) // io.EOF at the end
	Close() error
}

type sheetInput struct {
	name     string // "" for text files
	serial   bool   // numeric date cells are Excel serials
	date1904 bool
	open     func() (rowSource, error)
}

// sheetsOf tells the file's format from its first bytes, not its name.
func sheetsOf(path string) ([]sheetInput, func() error, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	magic := make([]byte, 8)
	n, _ := io.ReadFull(f, magic)
	f.Close()
	magic = magic[:n]
	switch {
	case bytes.HasPrefix(magic, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, nil, ErrLegacyExcel
	case bytes.HasPrefix(magic, []byte("PK\x03\x04")):
		book, err := openXLSX(path)
		if err != nil {
			return nil, nil, fmt.Errorf("read workbook: %w", err)
		}
		var sheets []sheetInput
		for _, name := range book.Sheets() {
			sheets = append(sheets, sheetInput{name: name, serial: true, date1904: book.date1904,
				open: func() (rowSource, error) { return book.open(name) }})
		}
		return sheets, book.Close, nil
	}
	return []sheetInput{{open: func() (rowSource, error) { return openCSV(path) }}},
		func() error { return nil }, nil
}

func loadFile(ctx context.Context, db *store.DB, path string, profiles []*Profile, runID string, log *slog.Logger) (FileResult, error) {
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
	sheets, closeBook, err := sheetsOf(path)
	if err != nil {
		return res, err
	}
	defer closeBook()

	fileName := filepath.Base(path)
	err = db.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.ExecContext(ctx, stageSQL); err != nil {
			return fmt.Errorf("stage: %w", err)
		}
		var quarantined []quarantineRow
		err := tx.Append(ctx, "ingest_stage", func(a *duckdb.Appender) error {
			for _, sh := range sheets {
				p, err := loadSheet(ctx, sh, profiles, sourceID, fileName, a, &res, &quarantined, log)
				if err != nil {
					return err
				}
				if p != nil && res.Profile == "" {
					res.Profile, res.Kind = p.Name, p.Kind
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		if res.Profile == "" {
			return fmt.Errorf("%w: no header row in the first %d rows matches a profile (try --profile)", ErrUnknownLayout, headerSearchRows)
		}
		if len(quarantined) > 0 {
			err := tx.Append(ctx, "ingest_quarantine_stage", func(a *duckdb.Appender) error {
				for _, q := range quarantined {
					if err := a.AppendRow(sourceID, q.sheet, int32(q.row), q.raw, q.reasons); err != nil {
						return fmt.Errorf("quarantine row %d: %w", q.row, err)
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, promoteSQL); err != nil {
			return fmt.Errorf("type rows: %w", err)
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM transactions WHERE source_id = $1 AND amount_usd IS NULL`, sourceID).Scan(&res.NoUSDRate); err != nil {
			return err
		}
		abs, _ := filepath.Abs(path)
		_, err = tx.ExecContext(ctx, `INSERT INTO sources VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
			sourceID, abs, fileName, res.Kind, res.Profile, size, res.RowsRead, res.RowsLoaded,
			res.RowsQuarantined, time.Now().UTC(), nullable(runID))
		return err
	})
	if err != nil {
		return res, err
	}
	if res.NoUSDRate > 0 {
		log.Warn("no exchange rate for some rows; amount_usd left empty", "file", fileName, "rows", res.NoUSDRate)
	}
	return res, nil
}

type quarantineRow struct {
	sheet   any
	row     int
	raw     string
	reasons string
}

// loadSheet finds the sheet's header, then maps each data row into the
// stage or into quarantine. It returns the matching profile, or nil when
// the sheet holds no known layout.
func loadSheet(ctx context.Context, sh sheetInput, profiles []*Profile, sourceID, fileName string,
	a *duckdb.Appender, res *FileResult, quarantined *[]quarantineRow, log *slog.Logger) (*Profile, error) {
	src, err := sh.open()
	if err != nil {
		return nil, err
	}
	defer src.Close()

	var (
		p      *Profile
		idx    map[string]int
		header []string
		titles int
	)
	for i := 0; i < headerSearchRows && p == nil; i++ {
		_, cells, err := src.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		for _, cand := range profiles {
			if m, ok := cand.headerIndex(cells); ok {
				p, idx, header = cand, m, uniqueHeaders(cells)
				break
			}
		}
		if p == nil && !blank(cells) {
			titles++
		}
	}
	where := fileName
	if sh.name != "" {
		where = fmt.Sprintf("%s sheet %q", fileName, sh.name)
	}
	if p == nil {
		if sh.name != "" {
			log.Info("sheet skipped: no known header", "file", fileName, "sheet", sh.name)
		}
		return nil, nil
	}
	if titles > 0 {
		log.Info("rows above the header skipped", "where", where, "rows", titles)
	}
	var sheet any
	if sh.name != "" {
		sheet = sh.name
	}
	m := mapper{p: p, idx: idx, serial: sh.serial, date1904: sh.date1904}
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		row, cells, err := src.Next()
		if errors.Is(err, io.EOF) {
			return p, nil
		}
		if err != nil {
			var fe *FormatError
			if errors.As(err, &fe) {
				fe.Sheet = sh.name
			}
			return nil, err
		}
		if blank(cells) {
			continue
		}
		res.RowsRead++
		raw := rawJSON(header, cells)
		t, reasons := m.row(cells, header)
		if len(reasons) > 0 {
			res.RowsQuarantined++
			*quarantined = append(*quarantined, quarantineRow{sheet: sheet, row: row, raw: raw, reasons: strings.Join(reasons, "; ")})
			log.Debug("row quarantined", "where", where, "row", row, "reasons", strings.Join(reasons, "; "))
			continue
		}
		res.RowsLoaded++
		err = a.AppendRow(txnID(sourceID, sh.name, row), sourceID, sheet, int32(row), p.Kind,
			t.val("reference"), t.when, t.val("amount"), t.val("currency"),
			t.val("sender_name"), t.val("sender_name_key"), t.val("sender_phone"), t.val("sender_account"),
			t.val("sender_country"), t.val("sender_city"),
			t.val("beneficiary_name"), t.val("beneficiary_name_key"), t.val("beneficiary_phone"),
			t.val("beneficiary_account"), t.val("beneficiary_country"), t.val("beneficiary_city"),
			t.val("sending_agent"), t.val("paying_agent"), t.val("memo"), raw)
		if err != nil {
			return nil, fmt.Errorf("%s row %d: %w", where, row, err)
		}
	}
}

// txnID is stable: the same file, sheet and row always give the same id.
func txnID(sourceID, sheet string, row int) string {
	h := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%s\x00%d", sourceID, sheet, row)))
	return "T" + hex.EncodeToString(h[:10])
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
