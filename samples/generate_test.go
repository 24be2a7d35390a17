package samples

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

var optionSets = []struct {
	name string
	opts Options
}{
	{"defaults", Options{Seed: 7}},
	{"many cases", Options{Seed: 1, Rows: 300, Cases: 8}},
	{"one case", Options{Seed: 42, Rows: 5000, Cases: 1}},
	{"tiny", Options{Seed: 3, Rows: 1, Cases: 1}},
}

// rec is one inbox data row as read back from disk.
type rec struct {
	file, ref       string
	row             int
	at              time.Time
	broken          bool
	raw             string // the cell that makes a row broken
	from, to        string // phones
	toName, country string // country of the sender (MTO only)
	cents           int64
}

type dataset struct {
	sum        Summary
	mto, led   []rec
	cases      [][]string // truth/cases.csv without header
	collectors [][]string
	hvts       [][]string
}

func generate(t *testing.T, opts Options) *dataset {
	t.Helper()
	opts.Out = t.TempDir()
	sum, err := Generate(context.Background(), opts)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	d := &dataset{sum: sum,
		mto:        readMTO(t, filepath.Join(opts.Out, "inbox", mtoFile)),
		led:        readLedger(t, filepath.Join(opts.Out, "inbox", ledgerFile)),
		cases:      readCSV(t, filepath.Join(opts.Out, "truth", "cases.csv"), casesHeader),
		collectors: readCSV(t, filepath.Join(opts.Out, "truth", "collectors.csv"), collHeader),
		hvts:       readCSV(t, filepath.Join(opts.Out, "truth", "hvts.csv"), hvtTruthHeader),
	}
	return d
}

func readCSV(t *testing.T, path string, header []string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(recs) == 0 || !slices.Equal(recs[0], header) {
		t.Fatalf("%s: header %q, want %q", path, recs[0], header)
	}
	return recs[1:]
}

func readMTO(t *testing.T, path string) []rec {
	t.Helper()
	var out []rec
	for i, r := range readCSV(t, path, mtoHeader) {
		at, err := time.Parse("2006-01-02 15:04", r[1])
		if err != nil {
			t.Fatalf("%s row %d: %v", path, i+2, err)
		}
		x := rec{file: mtoFile, ref: r[0], row: i + 2, at: at, from: r[3], country: r[4], to: r[7], toName: r[6]}
		if f, err := strconv.ParseFloat(r[10], 64); err != nil {
			x.broken, x.raw = true, r[10]
		} else {
			x.cents = int64(math.Round(f * 100))
		}
		out = append(out, x)
	}
	return out
}

func readLedger(t *testing.T, path string) []rec {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows(ledgerSheet)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []rec
	for n := 1; rows.Next(); n++ {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		cols = append(cols, make([]string, len(ledgerHeader)-len(cols))...) // a row ends at its last cell
		if n == 1 {
			if !slices.Equal(cols, ledgerHeader) {
				t.Fatalf("ledger header %q", cols)
			}
			continue
		}
		x := rec{file: ledgerFile, ref: cols[1], row: n, from: cols[3], to: cols[8], toName: cols[7]}
		if v, err := strconv.ParseFloat(cols[0], 64); err != nil {
			x.broken, x.raw = true, cols[0]
		} else if x.at, err = excelize.ExcelDateToTime(v, false); err != nil {
			t.Fatal(err)
		}
		amount, err := strconv.ParseFloat(cols[6], 64)
		if err != nil {
			t.Fatalf("ledger row %d amount %q: %v", n, cols[6], err)
		}
		x.cents = int64(math.Round(amount * 100))
		out = append(out, x)
	}
	if err := rows.Error(); err != nil {
		t.Fatal(err)
	}
	return out
}

// lookup finds the inbox row a truth row points at.
func (d *dataset) lookup(t *testing.T, truth []string) rec {
	t.Helper()
	recs := d.mto
	if truth[2] == ledgerFile {
		recs = d.led
	}
	n, err := strconv.Atoi(truth[4])
	if err != nil || n < 2 || n-2 >= len(recs) {
		t.Fatalf("truth %q: row out of range", truth)
	}
	return recs[n-2]
}

// fanIns returns the receivers (by key) that got money from 3 or more
// distinct senders, USD 3,000 or more in total, within 14 days.
func fanIns(recs []rec, key func(rec) string) []string {
	by := map[string][]rec{}
	for _, r := range recs {
		if !r.broken {
			by[key(r)] = append(by[key(r)], r)
		}
	}
	var out []string
	for k, rs := range by {
		slices.SortFunc(rs, func(a, b rec) int { return a.at.Compare(b.at) })
		for i := range rs {
			senders, sum := map[string]bool{}, int64(0)
			for j := i; j < len(rs) && rs[j].at.Sub(rs[i].at) <= 14*24*time.Hour; j++ {
				senders[rs[j].from] = true
				sum += rs[j].cents
			}
			if len(senders) >= 3 && sum >= 3000*100 {
				out = append(out, k)
				break
			}
		}
	}
	slices.Sort(out)
	return out
}

func TestDeterministic(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	ctx := context.Background()
	sa, err := Generate(ctx, Options{Out: a, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(ctx, Options{Out: b, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(ctx, Options{Out: c, Seed: 8}); err != nil {
		t.Fatal(err)
	}
	if len(sa.Files) != 6 || !slices.IsSorted(sa.Files) {
		t.Fatalf("files %q", sa.Files)
	}
	read := func(dir, rel string) []byte {
		t.Helper()
		buf, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		return buf
	}
	for _, path := range sa.Files {
		rel, _ := filepath.Rel(a, path)
		if !bytes.Equal(read(a, rel), read(b, rel)) {
			t.Errorf("%s differs between two runs with seed 7", rel)
		}
		if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, err %v", rel, st.Mode(), err)
		}
	}
	rel := filepath.Join("inbox", mtoFile)
	if bytes.Equal(read(a, rel), read(c, rel)) {
		t.Error("seeds 7 and 8 gave the same MTO export")
	}
}

func TestTruthConsistent(t *testing.T) {
	for _, tc := range optionSets {
		t.Run(tc.name, func(t *testing.T) {
			d := generate(t, tc.opts)
			if got := len(d.mto) + len(d.led); got != d.sum.Transactions {
				t.Errorf("read %d rows, summary says %d", got, d.sum.Transactions)
			}
			for _, recs := range [][]rec{d.mto, d.led} {
				dated := slices.DeleteFunc(slices.Clone(recs), func(r rec) bool { return r.broken })
				if !slices.IsSortedFunc(dated, func(a, b rec) int { return a.at.Compare(b.at) }) {
					t.Errorf("%s not sorted by date", recs[0].file)
				}
			}
			collector, hvtPhone := map[string]string{}, map[string]string{}
			for _, h := range d.hvts {
				hvtPhone[h[0]] = h[2]
			}
			for _, c := range d.collectors {
				collector[c[0]] = c[2]
				if hvtPhone[c[3]] == "" {
					t.Errorf("collector %q: unknown HVT", c)
				}
			}
			if len(collector) != d.sum.Cases {
				t.Errorf("%d collectors for %d cases", len(collector), d.sum.Cases)
			}
			for _, tr := range d.cases {
				r := d.lookup(t, tr)
				if r.ref != tr[5] {
					t.Errorf("truth %q: row holds reference %q", tr, r.ref)
				}
				wantSheet, wantTo := "", collector[tr[0]]
				if tr[1] == rolePassOn {
					wantSheet = ledgerSheet
					for _, c := range d.collectors {
						if c[0] == tr[0] {
							wantTo = hvtPhone[c[3]]
						}
					}
					if r.from != collector[tr[0]] {
						t.Errorf("truth %q: pass-on from %s, not the collector", tr, r.from)
					}
				}
				if tr[3] != wantSheet || r.to != wantTo {
					t.Errorf("truth %q: sheet %q, receiver %s; want %q, %s", tr, tr[3], r.to, wantSheet, wantTo)
				}
			}
		})
	}
}

func TestFanIn(t *testing.T) {
	for _, tc := range optionSets {
		t.Run(tc.name, func(t *testing.T) {
			d := generate(t, tc.opts)
			inCase := map[string]bool{}
			for _, tr := range d.cases {
				inCase[tr[2]+"/"+tr[4]] = true
			}
			var background, all []rec
			for _, r := range slices.Concat(d.mto, d.led) {
				all = append(all, r)
				if !inCase[r.file+"/"+strconv.Itoa(r.row)] {
					background = append(background, r)
				}
			}
			if got := fanIns(background, func(r rec) string { return r.to }); len(got) > 0 {
				t.Errorf("background fan-in by phone: %q", got)
			}
			if got := fanIns(background, func(r rec) string { return r.toName }); len(got) > 0 {
				t.Errorf("background fan-in by name: %q", got)
			}
			senders := map[string]map[string]bool{}
			for _, r := range background {
				if senders[r.to] == nil {
					senders[r.to] = map[string]bool{}
				}
				if senders[r.to][r.from] = true; len(senders[r.to]) > 2 {
					t.Fatalf("background receiver %s has more than 2 senders", r.to)
				}
			}
			flagged := fanIns(all, func(r rec) string { return r.to })
			for _, c := range d.collectors {
				if !slices.Contains(flagged, c[2]) {
					t.Errorf("case %s: collector %s forms no fan-in", c[0], c[2])
				}
			}
		})
	}
}

func TestCaseShape(t *testing.T) {
	for _, tc := range optionSets {
		t.Run(tc.name, func(t *testing.T) {
			d := generate(t, tc.opts)
			seen := map[string]string{} // party phone -> case
			for _, c := range d.collectors {
				var ransom, passOn []rec
				for _, tr := range d.cases {
					if tr[0] == c[0] && tr[1] == roleRansom {
						ransom = append(ransom, d.lookup(t, tr))
					} else if tr[0] == c[0] {
						passOn = append(passOn, d.lookup(t, tr))
					}
				}
				senders, countries := map[string]bool{}, map[string]bool{}
				var in, out int64
				for _, r := range ransom {
					senders[r.from], countries[r.country] = true, true
					in += r.cents
					if r.cents >= 3000*100 {
						t.Errorf("%s: instalment %d cents not below 3,000", c[0], r.cents)
					}
				}
				for p := range senders {
					if other, ok := seen[p]; ok && other != c[0] {
						t.Errorf("relative %s in %s and %s", p, other, c[0])
					}
					seen[p] = c[0]
				}
				if other, ok := seen[c[2]]; ok {
					t.Errorf("collector %s of %s already in %s", c[2], c[0], other)
				}
				seen[c[2]] = c[0]
				if n := len(senders); n < 3 || n > 5 {
					t.Errorf("%s: %d relatives", c[0], n)
				}
				if n := len(countries); n < 2 || n > 4 {
					t.Errorf("%s: %d countries", c[0], n)
				}
				if in < 3000*100 || in > 15000*100 {
					t.Errorf("%s: ransom %d cents", c[0], in)
				}
				first, last := ransom[0].at, ransom[len(ransom)-1].at
				if last.Sub(first) >= 14*24*time.Hour {
					t.Errorf("%s: payments span %v", c[0], last.Sub(first))
				}
				if len(passOn) < 1 || len(passOn) > 2 {
					t.Fatalf("%s: %d pass-on rows", c[0], len(passOn))
				}
				lastDay := time.Date(last.Year(), last.Month(), last.Day(), 0, 0, 0, 0, time.UTC)
				for _, r := range passOn {
					out += r.cents
					if days := r.at.Sub(lastDay).Hours() / 24; days < 1 || days > 5 {
						t.Errorf("%s: passed on %v days after the last payment", c[0], days)
					}
				}
				if out*100 < in*80 || out > in {
					t.Errorf("%s: passed on %d of %d cents", c[0], out, in)
				}
			}
		})
	}
}

func TestBrokenRows(t *testing.T) {
	for _, tc := range optionSets {
		t.Run(tc.name, func(t *testing.T) {
			d := generate(t, tc.opts)
			if d.sum.Broken != 2 {
				t.Errorf("summary says %d broken rows", d.sum.Broken)
			}
			inCase := map[string]bool{}
			for _, tr := range d.cases {
				inCase[tr[5]] = true
			}
			for _, f := range []struct {
				recs []rec
				want string
			}{{d.mto, "TBC"}, {d.led, brokenDate}} {
				var broken []rec
				for _, r := range f.recs {
					if r.broken {
						broken = append(broken, r)
					}
				}
				if len(broken) != 1 || broken[0].raw != f.want || inCase[broken[0].ref] {
					t.Errorf("%s: broken rows %+v, want one background row with %q", f.recs[0].file, broken, f.want)
				}
			}
		})
	}
}

func TestGenerateErrors(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Generate(ctx, Options{Out: t.TempDir()}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: got %v", err)
	}
	for _, opts := range []Options{{}, {Out: t.TempDir(), Rows: -1}, {Out: t.TempDir(), Cases: -1}} {
		if _, err := Generate(context.Background(), opts); err == nil {
			t.Errorf("%+v: no error", opts)
		}
	}
}
