package link

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cmrflow/cmrflow/store"
)

// ErrWatchlist marks a watchlist file that cannot be used.
var ErrWatchlist = errors.New("bad watchlist")

// ProblemError is one problem in a watchlist file, at its place: the
// entry's line (YAML, CSV, JSON lines, XML) or sheet and row (xlsx), and
// where the entry spans lines, the line of the value at fault.
type ProblemError struct {
	File   string
	Sheet  string // xlsx only
	Line   int    // the entry's line or row; 0 for the whole file
	HVTID  string
	At     int    // the line of the value at fault, when not Line
	Column string // CSV and xlsx
	Msg    string
}

func (e *ProblemError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	switch {
	case e.Sheet != "":
		fmt.Fprintf(&b, ": sheet %q row %d", e.Sheet, e.Line)
	case e.Line > 0:
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	b.WriteString(ErrWatchlist.Error())
	b.WriteString(": ")
	var where []string
	if e.HVTID != "" {
		where = append(where, e.HVTID)
	}
	if e.At > 0 && e.At != e.Line {
		where = append(where, fmt.Sprintf("line %d", e.At))
	}
	if e.Column != "" {
		where = append(where, "column "+e.Column)
	}
	if len(where) > 0 {
		b.WriteString(strings.Join(where, ", "))
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap makes every problem match ErrWatchlist.
func (e *ProblemError) Unwrap() error { return ErrWatchlist }

// Format is a watchlist file's layout, told from its content.
type Format string

// The formats LoadFiles reads.
const (
	FormatYAML Format = "yaml"     // native
	FormatCSV  Format = "csv"      // native
	FormatXLSX Format = "xlsx"     // native
	FormatUN   Format = "un-xml"   // UN Security Council consolidated list
	FormatFtM  Format = "ftm-json" // FollowTheMoney / OpenSanctions JSON lines
)

// Identifier is one thing an HVT is known by, with where it comes from and
// how far it is trusted; the watchlist's identifiers column holds them.
type Identifier struct {
	// Kind: name, alias, phone, account, nationality, birth_date or document.
	Kind string `json:"kind"`
	// Value as stored in its column: E.164, compact IBAN, ISO alpha-2.
	Value string `json:"value"`
	// Written is the list's text, when it differs from Value.
	Written     string `json:"written,omitempty"`
	Quality     string `json:"quality,omitempty"` // aliases: strong or weak
	Type        string `json:"type,omitempty"`    // documents: passport, national ID, …
	Source      string `json:"source,omitempty"`
	Reliability string `json:"reliability,omitempty"`
	// Problem says why a value from a published list was kept out of its
	// column (an invalid phone, an unknown country).
	Problem string `json:"problem,omitempty"`
}

// Entry is one HVT as stored in the watchlist table.
type Entry struct {
	HVTID         string       `json:"hvt_id"`
	PrimaryName   string       `json:"primary_name"`
	Aliases       []string     `json:"aliases"` // strong and weak
	WeakAliases   []string     `json:"weak_aliases"`
	Phones        []string     `json:"phones"`
	Accounts      []string     `json:"accounts"`
	Nationalities []string     `json:"nationalities"`
	BirthDate     string       `json:"birth_date,omitempty"`
	Notes         string       `json:"notes,omitempty"`
	Identifiers   []Identifier `json:"identifiers"`
	// Where the entry starts in its file.
	Sheet string `json:"sheet,omitempty"`
	Line  int    `json:"line"`
}

// FileResult is what a load did with one file.
type FileResult struct {
	Path      string `json:"path"`
	Format    Format `json:"format"` // empty: not a watchlist, skipped
	Entries   int    `json:"entries"`
	Added     int    `json:"added"`
	Updated   int    `json:"updated"`
	Unchanged int    `json:"unchanged"`
	Relisted  int    `json:"relisted"` // named again after a load found them absent
	// Absent lists the entries last loaded from a file of this name that
	// it no longer names: they stay on the watchlist, recorded in its
	// history, until an analyst decides.
	Absent []string `json:"absent,omitempty"`
	// Skipped counts records that are not HVT entries: UN entities, FtM
	// entities of other schemas, records without an id or a name.
	Skipped int      `json:"skipped"`
	Notes   []string `json:"notes,omitempty"`
}

// LoadOptions tune LoadFiles.
type LoadOptions struct {
	Logger *slog.Logger
	Now    func() time.Time // the history's changed_at; time.Now by default
}

// LoadWatchlist loads watchlist files (folders are walked) and returns how
// many entries they hold; see LoadFiles.
func LoadWatchlist(ctx context.Context, db *store.DB, paths []string) (int, error) {
	res, err := LoadFiles(ctx, db, paths, LoadOptions{})
	n := 0
	for _, r := range res {
		n += r.Entries
	}
	return n, err
}

// LoadFiles reads every watchlist file under paths, whatever its format,
// and upserts the entries by hvt_id in one transaction: an entry that is
// new or differs from the stored one is written with one watchlist_history
// row; an equal one is left alone. Any problem in any file loads nothing,
// and the error lists every problem.
func LoadFiles(ctx context.Context, db *store.DB, paths []string, opts LoadOptions) ([]FileResult, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	results, err := collectFiles(paths)
	if err != nil {
		return results, err
	}
	err = db.Write(ctx, func(tx *store.Tx) error {
		return saveEntries(ctx, tx, results, now().UTC())
	})
	if err != nil {
		return results, err
	}
	for _, r := range results {
		log.Debug("watchlist loaded", "file", r.Path, "format", r.Format, "entries", r.Entries,
			"added", r.Added, "updated", r.Updated, "unchanged", r.Unchanged, "skipped", r.Skipped)
	}
	return results, nil
}

// collectFiles walks folders and tells each file's format. A file named
// on the command line must be a watchlist; one found in a folder that is
// not (a README, a scan) is skipped and said so: its result has no format.
func collectFiles(paths []string) ([]FileResult, error) {
	var results []FileResult
	var errs []error
	seen := map[string]bool{}
	add := func(path string, explicit bool) {
		abs, err := filepath.Abs(path)
		if err == nil {
			if seen[abs] {
				return
			}
			seen[abs] = true
		}
		format, err := detectFile(path)
		switch {
		case err != nil && explicit:
			errs = append(errs, err)
		case err != nil:
			results = append(results, FileResult{Path: path, Notes: []string{problemText(err)}})
		default:
			results = append(results, FileResult{Path: path, Format: format})
		}
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("watchlist: %w", err))
			continue
		}
		if !fi.IsDir() {
			add(p, true)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			// Hidden files and Excel's lock files (~$book.xlsx) are never lists.
			if path != p && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$")) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				add(path, false)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("watchlist: %w", err))
		}
	}
	return results, errors.Join(errs...)
}

// problemText is a problem's message without its file, for a note.
func problemText(err error) string {
	var pe *ProblemError
	if errors.As(err, &pe) {
		return pe.Msg
	}
	return err.Error()
}
