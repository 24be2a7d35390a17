package ingest

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"text/template"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/cmrflow/cmrflow/store"
)

// loadTemplate fills in generated column names only; every value is bound.
var loadTemplate = template.Must(template.New("load.sql").Funcs(template.FuncMap{
	"col": func(string) string { return "" }, "raw": func() string { return "" },
}).Parse(loadSQL))

// stageFile holds one sheet's rows on their way into DuckDB, as clean CSV
// files its parallel reader loads in bulk: good rows (canonical values,
// then the cells as read, from which SQL builds raw) and bad rows (reasons
// and raw) apart. A canonical value equal to its cell is written once, as
// the cell. The files live beside the database, owner-only, and only as
// long as the load.
type stageFile struct {
	good, bad   *os.File
	w, wBad     *bufio.Writer
	header      []string // names of the cells, the keys of raw
	sheet, kind string
	dup         [nStageCols]int // the cell a canonical value may equal, or -1
	days        map[dayKey]bool // currency and day of every good row, for the rates
	goodN, badN int
	closed      bool
}

type dayKey struct {
	currency string
	day      string // YYYY-MM-DD
}

// goodCols are the stage columns of a good row, in file order.
var goodCols = []int{colRow, colFlags, colOccurredAt, colAmount, colCurrency, colReference,
	colSenderName, colSenderKey, colSenderPhone, colSenderAccount, colSenderCountry, colSenderCity,
	colBenName, colBenKey, colBenPhone, colBenAccount, colBenCountry, colBenCity,
	colSendingAgent, colPayingAgent, colMemo, colRaw}

// stageColumn names the transactions column each stage column feeds.
var stageColumn = map[int]string{
	colReference: "reference", colCurrency: "currency",
	colSenderName: "sender_name", colSenderPhone: "sender_phone", colSenderAccount: "sender_account",
	colSenderCountry: "sender_country", colSenderCity: "sender_city",
	colBenName: "beneficiary_name", colBenPhone: "beneficiary_phone", colBenAccount: "beneficiary_account",
	colBenCountry: "beneficiary_country", colBenCity: "beneficiary_city",
	colSendingAgent: "sending_agent", colPayingAgent: "paying_agent", colMemo: "memo",
}

func newStageFile(dir string, l *layout, sheet string) (*stageFile, error) {
	s := &stageFile{sheet: sheet, days: map[dayKey]bool{}}
	if l != nil {
		s.header, s.kind = l.header, l.p.Kind
	}
	for i := range s.dup {
		s.dup[i] = -1
	}
	if l != nil {
		for c, field := range stageColumn {
			if cols := l.cols[field]; len(cols) == 1 {
				s.dup[c] = cols[0]
			}
		}
	}
	var err error
	if s.good, err = createPrivate(dir); err != nil {
		return nil, err
	}
	if s.bad, err = createPrivate(dir); err != nil {
		s.good.Close()
		os.Remove(s.good.Name())
		return nil, err
	}
	s.w, s.wBad = bufio.NewWriterSize(s.good, 1<<20), bufio.NewWriterSize(s.bad, 64<<10)
	return s, nil
}

func createPrivate(dir string) (*os.File, error) {
	f, err := os.CreateTemp(dir, ".cmrflow-stage-*.csv")
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return f, nil
}

// encodeGood appends one good row. Canonical values are NULL when empty;
// a value equal to its cell is left NULL too and an empty one written as
// "" (see col in load). Cells are always quoted, so an empty cell stays an
// empty string.
func (s *stageFile) encodeGood(b []byte, r *stageRow, cells []string) []byte {
	ready := r[colRaw] != ""
	for i, c := range goodCols {
		if i > 0 {
			b = append(b, ',')
		}
		v := r[c]
		if d := s.dup[c]; d >= 0 && !ready {
			switch {
			case v == "":
				b = append(b, '"', '"')
			case d < len(cells) && cells[d] == v:
			default:
				b = appendCSV(b, v)
			}
			continue
		}
		if v != "" {
			b = appendCSV(b, v)
		}
	}
	for i := range s.header {
		b = append(b, ',')
		if ready {
			continue
		}
		if i < len(cells) {
			b = appendCSV(b, cells[i])
		} else {
			b = append(b, '"', '"')
		}
	}
	return append(b, '\n')
}

func encodeBad(b []byte, r *stageRow) []byte {
	b = appendCSV(b, r[colRow])
	b = append(b, ',')
	b = appendCSV(b, r[colReasons])
	b = append(b, ',')
	b = appendCSV(b, r[colRaw])
	return append(b, '\n')
}

func appendCSV(b []byte, v string) []byte {
	b = append(b, '"')
	for {
		i := strings.IndexByte(v, '"')
		if i < 0 {
			b = append(b, v...)
			break
		}
		b = append(b, v[:i+1]...)
		b = append(b, '"')
		v = v[i+1:]
	}
	return append(b, '"')
}

// close flushes the files; remove deletes them.
func (s *stageFile) close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	err1 := s.w.Flush()
	err2 := s.wBad.Flush()
	err3 := s.good.Close()
	err4 := s.bad.Close()
	for _, err := range []error{err1, err2, err3, err4} {
		if err != nil {
			return err
		}
	}
	return nil
}

func (s *stageFile) remove() {
	s.close()
	os.Remove(s.good.Name())
	os.Remove(s.bad.Name())
}

// load moves the stage into transactions and quarantine, inside tx.
func (s *stageFile) load(ctx context.Context, tx *store.Tx, sourceID string) error {
	if _, err := tx.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE ingest_days (currency VARCHAR, day DATE)`); err != nil {
		return err
	}
	err := tx.Append(ctx, "ingest_days", func(a *duckdb.Appender) error {
		for k := range s.days {
			day, err := time.Parse("2006-01-02", k.day)
			if err != nil {
				return err
			}
			if err := a.AppendRow(k.currency, day); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("stage days: %w", err)
	}

	cells := make([]string, len(s.header))
	args := []sql.NamedArg{
		sql.Named("path", s.good.Name()), sql.Named("bad_path", s.bad.Name()),
		sql.Named("source_id", sourceID), sql.Named("sheet", store.Nullable(s.sheet)),
		sql.Named("sheet_key", s.sheet), sql.Named("kind", s.kind),
	}
	var pairs []string
	for i, h := range s.header {
		cells[i] = fmt.Sprintf("c%d", i+1)
		pairs = append(pairs, fmt.Sprintf("$k%d, s.c%d", i+1, i+1))
		args = append(args, sql.Named(fmt.Sprintf("k%d", i+1), h))
	}
	raw := "CAST(s.raw AS JSON)"
	if len(pairs) > 0 {
		raw = fmt.Sprintf("coalesce(CAST(s.raw AS JSON), json_object(%s))", strings.Join(pairs, ", "))
	}
	columnOf := map[string]int{}
	for c, field := range stageColumn {
		columnOf[field] = c
	}
	t, err := loadTemplate.Clone()
	if err != nil {
		return err
	}
	t.Funcs(template.FuncMap{
		// A canonical value left NULL equals its cell; "" means empty.
		"col": func(field string) string {
			if d := s.dup[columnOf[field]]; d >= 0 {
				return fmt.Sprintf("(CASE WHEN s.%s IS NULL THEN s.c%d ELSE nullif(s.%s, '') END)", field, d+1, field)
			}
			return "s." + field
		},
		"raw": func() string { return raw },
	})
	var script strings.Builder
	if err := t.Execute(&script, struct {
		Cells []string
		Bad   bool
	}{cells, s.badN > 0}); err != nil {
		return err
	}
	if err := tx.ExecScript(ctx, script.String(), args...); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `DROP TABLE ingest_days`)
	return err
}

// stageDir puts the stage beside the database file (same disk, same
// protection), or in the temporary folder for an in-memory database.
func stageDir(dbPath string) string {
	if dbPath == "" || dbPath == ":memory:" {
		return ""
	}
	return filepath.Dir(dbPath)
}

// batch is a run of records mapped and encoded together by one worker.
type batch struct {
	seq         int
	recs        []record
	good, bad   []byte
	days        map[dayKey]bool
	nGood, nBad int
}

const batchRows = 1024

// encode maps a batch into stage lines.
func (s *stageFile) encode(b *batch, mapRec func(record) stageRow) {
	b.days = map[dayKey]bool{}
	for _, rec := range b.recs {
		row := mapRec(rec)
		if row[colOK] == "1" {
			b.good = s.encodeGood(b.good, &row, rec.cells)
			b.days[dayKey{row[colCurrency], row[colOccurredAt][:10]}] = true
			b.nGood++
		} else {
			b.bad = encodeBad(b.bad, &row)
			b.nBad++
		}
	}
}

// write appends an encoded batch to the files.
func (s *stageFile) write(b *batch) error {
	for k := range b.days {
		s.days[k] = true
	}
	s.goodN += b.nGood
	s.badN += b.nBad
	if _, err := s.w.Write(b.good); err != nil {
		return err
	}
	_, err := s.wBad.Write(b.bad)
	return err
}

// mapParallel maps records on every core and writes them in the order they
// came: next returns the next record (false at the end); newWorker gives
// each worker its own mapping function.
func mapParallel(ctx context.Context, stage *stageFile, next func() (record, bool, error),
	newWorker func() func(record) stageRow, tick func(int)) (read, loaded, quarantined int, err error) {
	workers := max(1, runtime.GOMAXPROCS(0))
	todo := make(chan *batch, workers*2)
	done := make(chan *batch, workers*2)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		mapRec := newWorker()
		go func() {
			defer wg.Done()
			for b := range todo {
				stage.encode(b, mapRec)
				done <- b
			}
		}()
	}
	feedErr := make(chan error, 1)
	go func() {
		defer close(todo)
		for seq := 0; ; seq++ {
			recs := make([]record, 0, batchRows)
			var err error
			end := false
			for len(recs) < batchRows {
				rec, ok, e := next()
				if e != nil || !ok {
					err, end = e, true
					break
				}
				recs = append(recs, rec)
			}
			if len(recs) > 0 {
				select {
				case todo <- &batch{seq: seq, recs: recs}:
				case <-ctx.Done():
					feedErr <- ctx.Err()
					return
				}
			}
			if end {
				feedErr <- err
				return
			}
		}
	}()
	go func() { wg.Wait(); close(done) }()

	pending := map[int]*batch{}
	want := 0
	var writeErr error
	for b := range done {
		pending[b.seq] = b
		for nb, ok := pending[want]; ok; nb, ok = pending[want] {
			delete(pending, want)
			want++
			if writeErr == nil {
				writeErr = stage.write(nb)
			}
			read += len(nb.recs)
			loaded += nb.nGood
			quarantined += nb.nBad
			tick(read)
		}
	}
	if err := <-feedErr; err != nil {
		return read, loaded, quarantined, err
	}
	return read, loaded, quarantined, writeErr
}
