package ingest

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	_ "embed"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/cmrflow/cmrflow/store"
)

//go:embed sql/load.sql
var loadSQL string

// loadTemplate fills in generated column names only; every value is bound.
var loadTemplate = template.Must(template.New("load.sql").Funcs(template.FuncMap{
	"text": func(string) string { return "" },
}).Parse(loadSQL))

// stageFile holds one sheet's rows on their way into DuckDB, as clean CSV
// files its parallel reader loads in bulk: good rows (the canonical values
// Go reads per row, then the cells as read, from which SQL builds raw) and
// bad rows (reasons and raw) apart. Parties are numbered, one number per
// distinct party as written, and normalised once each into small tables
// the load joins (a file names the same senders and collectors again and
// again, and a phone number takes microseconds to check). The files live
// beside the database, owner-only, and only as long as the load.
type stageFile struct {
	good, bad   *os.File
	w, wBad     *bufio.Writer
	m           *mapper
	header      []string // names of the cells, the keys of raw
	sheet, kind string
	sourceID    string
	dup         [len(textFields)]int // the cell a text field may equal, or -1
	days        map[dayKey]bool      // currency and day of every good row, for the rates
	parties     [2]partyTable        // senders and beneficiaries
	line        []byte
	goodN, badN int
	closed      bool
}

type dayKey struct {
	currency string
	day      time.Time // midnight UTC
}

// partyTable numbers the distinct parties of one side from 1.
type partyTable struct {
	ids  map[string]int64
	list []party
	key  []byte
}

// id numbers a party; 0 is a party the row does not name.
func (t *partyTable) id(p party) int64 {
	if p.name == "" && p.phone == "" && p.account == "" && p.country == "" {
		return 0
	}
	t.key = append(append(append(append(append(append(append(t.key[:0],
		p.name...), 0), p.phone...), 0), p.account...), 0), p.country...)
	if id, ok := t.ids[string(t.key)]; ok {
		return id
	}
	if t.ids == nil {
		t.ids = map[string]int64{}
	}
	p.city = "" // cities are loaded as text
	t.list = append(t.list, p)
	t.ids[string(t.key)] = int64(len(t.list))
	return int64(len(t.list))
}

func newStageFile(dir, prefix string, l *layout, m *mapper, sheet, sourceID string) (*stageFile, error) {
	s := &stageFile{m: m, header: l.header, sheet: sheet, kind: l.p.Kind, sourceID: sourceID, days: map[dayKey]bool{}}
	for i, f := range textFields {
		s.dup[i] = -1
		if cols := l.cols[f]; len(cols) == 1 {
			s.dup[i] = cols[0]
		}
	}
	var err error
	if s.good, err = createPrivate(dir, prefix); err != nil {
		return nil, err
	}
	if s.bad, err = createPrivate(dir, prefix); err != nil {
		s.good.Close()
		os.Remove(s.good.Name())
		return nil, err
	}
	s.w, s.wBad = bufio.NewWriterSize(s.good, 1<<20), bufio.NewWriterSize(s.bad, 64<<10)
	return s, nil
}

func createPrivate(dir, prefix string) (*os.File, error) {
	f, err := os.CreateTemp(dir, prefix+"*.csv")
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

// encodeGood appends one good row but for its party numbers, which write
// adds: source row, txn id, date, amount, currency, flags, the text fields
// (empty when equal to their cell), raw unless SQL can build it from the
// cells, then the cells.
func (s *stageFile) encodeGood(b []byte, r *mapped, cells []string) []byte {
	b = strconv.AppendInt(b, int64(r.row), 10)
	b = append(b, ',')
	b = s.appendTxnID(b, r.row)
	b = append(b, ',')
	b = appendTime(b, r.when)
	b = append(append(b, ','), r.amount...)
	b = append(append(b, ','), r.cur...)
	b = append(b, ',')
	if len(r.flags) > 0 {
		b = appendCell(b, jsonList(r.flags))
	}
	for i, v := range r.text {
		b = append(b, ',')
		switch d := s.dup[i]; {
		case d < 0 && v == "":
		case d >= 0 && d < len(cells) && cells[d] == v:
		default:
			// Quoted, so that an empty text stays apart from NULL, which
			// stands for the cell.
			b = appendCSV(b, v)
		}
	}
	b = append(b, ',')
	at := len(b)
	if r.raw == "" {
		if out, safe := appendCells(b, cells, len(s.header)); safe {
			return append(out, '\n')
		}
	}
	raw := r.raw
	if raw == "" {
		raw = rawJSON(s.header, cells)
	}
	b, _ = appendCells(appendCell(b[:at], raw), cells, len(s.header))
	return append(b, '\n')
}

// appendCells writes n cells, each after a comma, quoted only when they
// must be; safe reports cells that JSON writes as they are.
func appendCells(b []byte, cells []string, n int) (_ []byte, safe bool) {
	safe = true
	for i := range n {
		b = append(b, ',')
		if i >= len(cells) {
			continue
		}
		c := cells[i]
		if plain(c) {
			b = append(b, c...)
			continue
		}
		b = appendCell(b, c)
		for j := 0; j < len(c) && safe; j++ {
			safe = c[j] >= 0x20 && c[j] != '"' && c[j] != '\\'
		}
	}
	return b, safe
}

// plain reports a cell without control characters, quotes, backslashes or
// commas, which goes as it is into the stage and into JSON. It looks at
// eight bytes at a time (the zero-byte tests of "Bit Twiddling Hacks").
func plain(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := load64(s, i)
		q, bs, c := x^(ones*'"'), x^(ones*'\\'), x^(ones*',')
		if ((x-ones*0x20)&^x|(q-ones)&^q|(bs-ones)&^bs|(c-ones)&^c)&highs != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if b := s[i]; b < 0x20 || b == '"' || b == '\\' || b == ',' {
			return false
		}
	}
	return true
}

// appendTime writes YYYY-MM-DD hh:mm:ss.
func appendTime(b []byte, t time.Time) []byte {
	y, mo, d := t.Date()
	h, mi, sec := t.Clock()
	b = append(b, byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
	for i, v := range [...]int{int(mo), d, h, mi, sec} {
		b = append(b, "-- ::"[i], byte('0'+v/10), byte('0'+v%10))
	}
	return b
}

// appendTxnID writes the transaction id: stable, so the same file, sheet
// and row give the same id.
func (s *stageFile) appendTxnID(b []byte, row int) []byte {
	var buf [128]byte
	msg := append(append(append(append(buf[:0], s.sourceID...), 0), s.sheet...), 0)
	sum := sha256.Sum256(strconv.AppendInt(msg, int64(row), 10))
	return hex.AppendEncode(append(b, 'T'), sum[:10])
}

func encodeBad(b []byte, row int, reasons, raw string) []byte {
	b = strconv.AppendInt(b, int64(row), 10)
	b = append(b, ',')
	b = appendCSV(b, reasons)
	b = append(b, ',')
	b = appendCSV(b, raw)
	return append(b, '\n')
}

// appendCell writes a cell, quoted only when it must be.
func appendCell(b []byte, v string) []byte {
	if strings.ContainsAny(v, ",\"\r\n") {
		return appendCSV(b, v)
	}
	return append(b, v...)
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

var sides = [2]string{"sender", "beneficiary"}

// load moves the stage into transactions and quarantine, inside tx.
func (s *stageFile) load(ctx context.Context, tx *store.Tx, sourceID string) error {
	if _, err := tx.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE ingest_days (currency VARCHAR, day DATE)`); err != nil {
		return err
	}
	err := tx.Append(ctx, "ingest_days", func(a *duckdb.Appender) error {
		for k := range s.days {
			if err := a.AppendRow(k.currency, k.day); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("stage days: %w", err)
	}
	for i, side := range sides {
		if err := s.loadParties(ctx, tx, side, &s.parties[i]); err != nil {
			return fmt.Errorf("stage %s: %w", side, err)
		}
	}

	var cells, parts []string
	args := []sql.NamedArg{
		sql.Named("path", s.good.Name()), sql.Named("bad_path", s.bad.Name()),
		sql.Named("source_id", sourceID), sql.Named("sheet", store.Nullable(s.sheet)), sql.Named("kind", s.kind),
	}
	// raw is built as json_object would write it: the keys are bound.
	key := []byte{'{'}
	for i, h := range s.header {
		if i > 0 {
			key = append(key[:0], `",`...)
		}
		key = append(appendJSONString(key, h), `:"`...)
		cells = append(cells, fmt.Sprintf("c%d", i+1))
		parts = append(parts, fmt.Sprintf("$k%d", i+1), cells[i])
		args = append(args, sql.Named(fmt.Sprintf("k%d", i+1), string(key)))
	}
	raw := "NULL"
	if len(cells) > 0 {
		raw = "concat(" + strings.Join(parts, ", ") + `, '"}')`
	}
	t, err := loadTemplate.Clone()
	if err != nil {
		return err
	}
	t.Funcs(template.FuncMap{
		// A text left NULL equals its cell.
		"text": func(field string) string {
			for i, f := range textFields {
				if f == field && s.dup[i] >= 0 {
					return fmt.Sprintf("nullif(coalesce(s.%s, s.c%d), '')", field, s.dup[i]+1)
				}
			}
			return "s." + field
		},
	})
	var script strings.Builder
	if err := t.Execute(&script, struct {
		Cells []string
		Raw   string
		Good  bool
		Bad   bool
	}{cells, raw, s.goodN > 0, s.badN > 0}); err != nil {
		return err
	}
	return unordered(ctx, tx, script.String(), args...)
}

// unordered runs a script with preserve_insertion_order off, so that
// DuckDB inserts on every core instead of keeping the stage's order, which
// means nothing here (rows are found by source_row). The setting belongs
// to the connection, not the transaction, and an aborted transaction
// refuses every statement: so when the script fails, the transaction is
// rolled back, the setting reset, and a new transaction opened for Write
// to roll back in its turn.
func unordered(ctx context.Context, tx *store.Tx, script string, args ...sql.NamedArg) error {
	if _, err := tx.ExecContext(ctx, `SET preserve_insertion_order = false`); err != nil {
		return err
	}
	if err := tx.ExecScript(ctx, script, args...); err != nil {
		// A fresh context: the reset must run even when ctx is done.
		bg := context.Background()
		if _, rbErr := tx.ExecContext(bg, `ROLLBACK`); rbErr == nil {
			_, _ = tx.ExecContext(bg, `RESET preserve_insertion_order`)
			_, _ = tx.ExecContext(bg, `BEGIN TRANSACTION`)
		}
		return err
	}
	_, err := tx.ExecContext(ctx, `RESET preserve_insertion_order`)
	return err
}

// loadParties normalises one side's distinct parties, on every core, into
// the table the load joins.
func (s *stageFile) loadParties(ctx context.Context, tx *store.Tx, side string, t *partyTable) error {
	type normal struct {
		p     party
		key   string
		flags []string
	}
	out := make([]normal, len(t.list))
	each(len(t.list), func() func(int) {
		m := *s.m // with memos of its own (see memo)
		m.phones, m.keys, m.countries, m.accounts = &memo{}, &memo{}, &memo{}, &memo{}
		return func(i int) {
			out[i].p, out[i].key, out[i].flags = m.side(t.list[i], side)
		}
	})
	table := "ingest_" + side
	_, err := tx.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE `+table+` (id BIGINT, name VARCHAR, name_key VARCHAR,
		phone VARCHAR, account VARCHAR, country VARCHAR, flags VARCHAR[])`)
	if err != nil {
		return err
	}
	return tx.Append(ctx, table, func(a *duckdb.Appender) error {
		for i, n := range out {
			var flags any
			if len(n.flags) > 0 {
				flags = n.flags
			}
			err := a.AppendRow(int64(i+1), store.Nullable(n.p.name), store.Nullable(n.key), store.Nullable(n.p.phone),
				store.Nullable(n.p.account), store.Nullable(n.p.country), flags)
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// each calls fn(0) … fn(n-1) on every core; newWorker gives each worker
// its fn.
func each(n int, newWorker func() func(i int)) {
	workers := max(1, min(runtime.GOMAXPROCS(0), n/64))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		fn := newWorker()
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// stageDir puts the stage beside the database file (same disk, same
// protection), or in the temporary folder for an in-memory database.
func stageDir(dbPath string) string {
	if dbPath == "" || dbPath == ":memory:" {
		return ""
	}
	return filepath.Dir(dbPath)
}

// stagePrefix names the stage files of one database and process, so that
// a load can tell those a killed load left behind.
func stagePrefix(dbPath string, pid int) string {
	return stageBase(dbPath) + strconv.Itoa(pid) + "-"
}

func stageBase(dbPath string) string { return ".cmrflow-stage-" + filepath.Base(dbPath) + "-" }

// removeStaleStages deletes the stage files a killed load into this
// database left beside it: rows in plain text, and often large. Another
// process cannot be loading into a database this one holds open, and this
// process's own are spared.
func removeStaleStages(dbPath string) (files int, size int64) {
	dir := stageDir(dbPath)
	if dir == "" {
		return 0, 0
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, 0
	}
	base, own := stageBase(dbPath), stagePrefix(dbPath, os.Getpid())
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, base) || strings.HasPrefix(name, own) || !strings.HasSuffix(name, ".csv") || !e.Type().IsRegular() {
			continue
		}
		pid := strings.TrimPrefix(name, base)
		if i := strings.IndexByte(pid, '-'); i <= 0 || strings.Trim(pid[:i], "0123456789") != "" {
			continue
		}
		info, err := e.Info()
		if err == nil && os.Remove(filepath.Join(dir, name)) == nil {
			files++
			size += info.Size()
		}
	}
	return files, size
}

// batch is a run of records mapped and encoded together by one worker.
type batch struct {
	seq         int
	recs        []record
	good, bad   []byte
	ends        []int      // where each good row ends in good
	parties     [][2]party // each good row's sender and beneficiary
	days        map[dayKey]bool
	nGood, nBad int
}

const batchRows = 1024

func (b *batch) reset() {
	clear(b.recs)
	clear(b.parties)
	b.recs, b.good, b.bad, b.ends, b.parties = b.recs[:0], b.good[:0], b.bad[:0], b.ends[:0], b.parties[:0]
	clear(b.days)
	b.nGood, b.nBad = 0, 0
}

// encode maps a batch into stage lines.
func (s *stageFile) encode(b *batch, mapRec func(record) mapped) {
	if b.days == nil {
		b.days = map[dayKey]bool{}
	}
	var last dayKey
	for _, rec := range b.recs {
		r := mapRec(rec)
		if len(r.reasons) > 0 {
			raw := r.raw
			if raw == "" {
				raw = rawJSON(s.header, rec.cells)
			}
			b.bad = encodeBad(b.bad, r.row, strings.Join(r.reasons, "; "), raw)
			b.nBad++
			continue
		}
		b.good = s.encodeGood(b.good, &r, rec.cells)
		b.ends = append(b.ends, len(b.good))
		b.parties = append(b.parties, [2]party{r.sender, r.ben})
		if k := (dayKey{r.cur, r.when.Truncate(24 * time.Hour)}); k != last {
			b.days[k], last = true, k
		}
		b.nGood++
	}
}

// write appends an encoded batch to the files, numbering its parties.
func (s *stageFile) write(b *batch) error {
	for k := range b.days {
		s.days[k] = true
	}
	s.goodN += b.nGood
	s.badN += b.nBad
	start := 0
	for i, end := range b.ends {
		s.line = s.line[:0]
		for side, p := range b.parties[i] {
			if id := s.parties[side].id(p); id > 0 {
				s.line = strconv.AppendInt(s.line, id, 10)
			}
			s.line = append(s.line, ',')
		}
		s.line = append(s.line, b.good[start:end]...)
		if _, err := s.w.Write(s.line); err != nil {
			return err
		}
		start = end
	}
	_, err := s.wBad.Write(b.bad)
	return err
}

// mapParallel maps records on every core and writes them in the order they
// came: next returns the next record (false at the end); newWorker gives
// each worker its own mapping function.
func mapParallel(ctx context.Context, stage *stageFile, next func() (record, bool, error),
	newWorker func() func(record) mapped, tick func(int)) (read, loaded, quarantined int, err error) {
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
	// Written batches come back to be filled again: their buffers are most
	// of what a load allocates.
	free := make(chan *batch, workers*4)
	feedErr := make(chan error, 1)
	go func() {
		defer close(todo)
		for seq := 0; ; seq++ {
			var b *batch
			select {
			case b = <-free:
				b.reset()
			default:
				b = &batch{recs: make([]record, 0, batchRows)}
			}
			b.seq = seq
			var err error
			end := false
			for len(b.recs) < batchRows {
				rec, ok, e := next()
				if e != nil || !ok {
					err, end = e, true
					break
				}
				b.recs = append(b.recs, rec)
			}
			if len(b.recs) > 0 {
				select {
				case todo <- b:
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
			select {
			case free <- nb:
			default:
			}
		}
	}
	if err := <-feedErr; err != nil {
		return read, loaded, quarantined, err
	}
	return read, loaded, quarantined, writeErr
}
