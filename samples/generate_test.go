package samples

import (
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/unicode"

	"github.com/cmrflow/cmrflow/internal/normalize"
)

var optionSets = []struct {
	name string
	opts Options
}{
	{"scenario two-layers", Options{Scenario: "two-layers"}},
	{"defaults", Options{Seed: 7}},
	{"many cases", Options{Seed: 1, Rows: 300, Cases: 8}},
	{"one case", Options{Seed: 42, Rows: 5000, Cases: 1}},
	{"tiny", Options{Seed: 3, Rows: 1, Cases: 1}},
}

// rec is one inbox data row as read back from disk.
type rec struct {
	file, sheet, ref string
	row              int
	at               time.Time
	broken           bool
	raw              string // the cell that makes a row broken
	from, to         string // phone, else account, else name
	toName, country  string // country of the sender, where the file says
	cents            int64  // US cents, converted with fx/rates.csv as ingest does
	usd              int64  // Addis book: the broker's own dollar value, in cents
}

type dataset struct {
	sum        Summary
	recs       map[string][]rec // by file, in file order
	cases      [][]string       // truth/cases.csv without header
	collectors [][]string
	hvts       [][]string
	resales    [][]string // case_id, resold_from
	decoys     [][]string // decoy_id, kind, file, sheet, row, reference
	layers     [][]string // case_id, intermediary name and phone, hvt_id
}

// all returns every inbox row.
func (d *dataset) all() []rec {
	var out []rec
	for _, f := range inboxFiles {
		out = append(out, d.recs[f]...)
	}
	return out
}

var inboxFiles = []string{mtoFile, mto2File, ledgerFile, addisFile, bankFile, mt940File}

func generate(t *testing.T, opts Options) *dataset {
	t.Helper()
	opts.Out = t.TempDir()
	sum, err := Generate(context.Background(), opts)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	inbox := func(name string) string { return filepath.Join(opts.Out, "inbox", name) }
	fx := readRates(t, filepath.Join(opts.Out, "fx", "rates.csv"))
	d := &dataset{sum: sum,
		recs: map[string][]rec{
			mtoFile:    readMTO(t, inbox(mtoFile)),
			mto2File:   readMTO2(t, inbox(mto2File), fx),
			ledgerFile: readLedger(t, inbox(ledgerFile)),
			addisFile:  readAddis(t, inbox(addisFile), fx),
			bankFile:   readBankCSV(t, inbox(bankFile), fx),
			mt940File:  readMT940(t, inbox(mt940File), fx),
		},
		cases:      readCSV(t, filepath.Join(opts.Out, "truth", "cases.csv"), casesHeader),
		collectors: readCSV(t, filepath.Join(opts.Out, "truth", "collectors.csv"), collHeader),
		hvts:       readCSV(t, filepath.Join(opts.Out, "truth", "hvts.csv"), hvtTruthHeader),
		resales:    readCSV(t, filepath.Join(opts.Out, "truth", "resales.csv"), resaleHeader),
		decoys:     readCSV(t, filepath.Join(opts.Out, "truth", "decoys.csv"), decoyHeader),
		layers:     readCSV(t, filepath.Join(opts.Out, "truth", "layers.csv"), layerHeader),
	}
	return d
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readCSV(t *testing.T, path string, header []string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(readFile(t, path))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(recs) == 0 || !slices.Equal(recs[0], header) {
		t.Fatalf("%s: header %q, want %q", path, recs[0], header)
	}
	return recs[1:]
}

// fxTable is usd_per_unit in 1e-8 units by "CUR day".
type fxTable map[string]int64

func readRates(t *testing.T, path string) fxTable {
	t.Helper()
	out := fxTable{}
	for _, r := range readCSV(t, path, fxHeader) {
		whole, frac, _ := strings.Cut(r[2], ".")
		n, err := strconv.ParseInt(whole+(frac + "00000000")[:8], 10, 64)
		if err != nil || len(frac) > 8 {
			t.Fatalf("%s: rate %q", path, r)
		}
		out[r[0]+" "+r[1]] = n
	}
	return out
}

// usd converts an amount as ingest does: amount times the day's rate,
// rounded to cents.
func (fx fxTable) usd(t *testing.T, minor int64, cur string, at time.Time) int64 {
	t.Helper()
	if cur == "USD" {
		return minor
	}
	r, ok := fx[cur+" "+at.Format(time.DateOnly)]
	if !ok {
		t.Fatalf("no %s rate for %s in fx/rates.csv", cur, at.Format(time.DateOnly))
	}
	return (minor*r + fxScale/2) / fxScale
}

// minorUnits reads "1234.56" or "1234,56" as 123456.
func minorUnits(t *testing.T, s string) int64 {
	t.Helper()
	whole, frac, ok := strings.Cut(strings.Replace(s, ",", ".", 1), ".")
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if !ok || len(frac) != 2 || err != nil {
		t.Fatalf("amount %q: want two decimals", s)
	}
	return n
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

// readMTO2 reads Excel's "Unicode Text": UTF-16 LE with a BOM, tabs, CR LF.
func readMTO2(t *testing.T, path string, fx fxTable) []rec {
	t.Helper()
	b := readFile(t, path)
	if !bytes.HasPrefix(b, []byte{0xFF, 0xFE}) {
		t.Fatalf("%s: no UTF-16 LE byte-order mark", path)
	}
	text, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(b)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	lines := strings.Split(strings.TrimSuffix(string(text), "\r\n"), "\r\n")
	if strings.Contains(string(text), "\n") && strings.Count(string(text), "\n") != len(lines) {
		t.Fatalf("%s: a line ends without CR LF", path)
	}
	if !slices.Equal(strings.Split(lines[0], "\t"), mto2Header) {
		t.Fatalf("%s: header %q", path, lines[0])
	}
	iso := map[string]string{}
	for k, v := range countryName {
		iso[v] = k
	}
	var out []rec
	for i, l := range lines[1:] {
		c := strings.Split(l, "\t")
		if len(c) != len(mto2Header) {
			t.Fatalf("%s line %d: %d cells", path, i+2, len(c))
		}
		at, err := time.Parse("02/01/2006 15:04", c[1]+" "+c[2])
		if err != nil {
			t.Fatalf("%s line %d: %v", path, i+2, err)
		}
		phone := func(s string) string {
			if !strings.HasPrefix(s, "00") {
				t.Fatalf("%s line %d: phone %q not written 00…", path, i+2, s)
			}
			return "+" + s[2:]
		}
		out = append(out, rec{file: mto2File, ref: c[0], row: i + 2, at: at, from: phone(c[5]), country: iso[c[6]],
			to: phone(c[10]), toName: c[8] + " " + c[9], cents: fx.usd(t, minorUnits(t, c[13]), c[14], at)})
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
		x := rec{file: ledgerFile, sheet: ledgerSheet, ref: cols[1], row: n, from: cols[3], to: cols[8], toName: cols[7]}
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

// readAddis reads the broker's book sheet by sheet: a title in row 1, the
// header in row 2, Ethiopian-calendar dates, birr, rate and a USD formula.
func readAddis(t *testing.T, path string, fx fxTable) []rec {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []rec
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) < 3 || !strings.HasPrefix(rows[0][0], addisBroker) || !slices.Equal(rows[1], addisHeader) {
			t.Fatalf("%s: sheet %q starts %q", path, sheet, rows[:min(2, len(rows))])
		}
		for i, c := range rows[2:] {
			n := i + 3
			at, err := normalize.ParseEthiopianDate(c[0])
			if err != nil {
				t.Fatalf("%s %s row %d: %v", path, sheet, n, err)
			}
			if y, m, _ := normalize.GregorianToEthiopian(at); fmt.Sprintf("%s %d", ethiopianMonths[m-1], y) != sheet {
				t.Errorf("%s %s row %d: date %s is not in the sheet's month", path, sheet, n, c[0])
			}
			num := func(s string) float64 {
				v, err := strconv.ParseFloat(s, 64)
				if err != nil {
					t.Fatalf("%s %s row %d: %v", path, sheet, n, err)
				}
				return v
			}
			etb, rate, usd := num(c[5]), num(c[6]), num(c[7])
			if formula, _ := f.GetCellFormula(sheet, "H"+strconv.Itoa(n)); formula != fmt.Sprintf("F%d/G%d", n, n) || math.Abs(etb/rate-usd) > 1e-9 {
				t.Errorf("%s %s row %d: USD %v is not F/G = %v/%v (formula %q)", path, sheet, n, usd, etb, rate, formula)
			}
			out = append(out, rec{file: addisFile, sheet: sheet, ref: c[9], row: n, at: at, from: c[2],
				to: strings.ReplaceAll(c[4], " ", ""), toName: c[3], usd: int64(math.Round(usd * 100)),
				cents: fx.usd(t, int64(math.Round(etb*100)), "ETB", at)})
		}
	}
	return out
}

// readBankCSV reads the ING-style export: the account holder pays on Af
// and is paid on Bij.
func readBankCSV(t *testing.T, path string, fx fxTable) []rec {
	t.Helper()
	cr := csv.NewReader(bytes.NewReader(readFile(t, path)))
	cr.Comma = ';'
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if !slices.Equal(recs[0], bankHeader) {
		t.Fatalf("%s: header %q", path, recs[0])
	}
	var out []rec
	for i, c := range recs[1:] {
		at, err := time.Parse("20060102", c[0])
		if err != nil {
			t.Fatalf("%s line %d: %v", path, i+2, err)
		}
		checkIBAN(t, c[2])
		other := c[1]
		if c[3] != "" {
			checkIBAN(t, c[3])
			other = c[3]
		}
		x := rec{file: bankFile, row: i + 2, at: at, from: c[2], to: other, toName: c[1], country: "NL",
			cents: fx.usd(t, minorUnits(t, c[6]), "EUR", at)}
		switch c[5] {
		case "Bij":
			x.from, x.to, x.toName = other, c[2], ""
		case "Af":
		default:
			t.Fatalf("%s line %d: Af Bij %q", path, i+2, c[5])
		}
		out = append(out, x)
	}
	return out
}

// readMT940 reads each :61: with the :86: after it; the row is the line of
// the :61:. Each statement's closing balance must follow from its opening.
func readMT940(t *testing.T, path string, fx fxTable) []rec {
	t.Helper()
	text := string(readFile(t, path))
	if !strings.HasSuffix(text, "-\r\n") {
		t.Fatalf("%s: does not end with a statement trailer", path)
	}
	lines := strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n")
	balance := func(s string) int64 {
		n := minorUnits(t, s[10:])
		if s[0] == 'D' {
			return -n
		}
		return n
	}
	var out []rec
	var account string
	var running int64
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if len(l) > 65 {
			t.Errorf("%s line %d: longer than 65 characters", path, i+1)
		}
		switch {
		case strings.HasPrefix(l, ":25:"):
			account = l[4:]
			checkIBAN(t, account)
		case strings.HasPrefix(l, ":60F:"):
			running = balance(l[5:])
		case strings.HasPrefix(l, ":62F:"):
			if got := balance(l[5:]); got != running {
				t.Errorf("%s line %d: closing balance %d, bookings give %d", path, i+1, got, running)
			}
		case strings.HasPrefix(l, ":61:"):
			at, err := time.Parse("060102", l[4:10])
			if err != nil {
				t.Fatalf("%s line %d: %v", path, i+1, err)
			}
			mark := l[14:15]
			amount := l[15:strings.Index(l, "N")]
			info := ""
			for j := i + 1; j < len(lines) && (j == i+1 || !strings.HasPrefix(lines[j], ":")) && lines[j] != "-"; j++ {
				info += lines[j]
			}
			info = strings.TrimPrefix(info, ":86:")
			field := func(tag string) string {
				_, v, _ := strings.Cut(info, "/"+tag+"/")
				v, _, _ = strings.Cut(v, "/")
				return v
			}
			other := field("NAME")
			if iban := field("IBAN"); iban != "" {
				checkIBAN(t, iban)
				other = iban
			}
			x := rec{file: mt940File, ref: field("EREF"), row: i + 1, at: at, from: account, to: other, toName: field("NAME"),
				country: "NL", cents: fx.usd(t, minorUnits(t, amount), "EUR", at)}
			if mark == "C" {
				x.from, x.to, x.toName = other, account, ""
				running += minorUnits(t, amount)
			} else {
				running -= minorUnits(t, amount)
			}
			out = append(out, x)
		}
	}
	return out
}

func checkIBAN(t *testing.T, s string) {
	t.Helper()
	if iban, ok := normalize.IBAN(s); !ok || iban != s || !strings.HasPrefix(s, "NL") {
		t.Errorf("IBAN %q is not a valid compact Dutch IBAN", s)
	}
}

// lookup finds the inbox row a truth row points at.
func (d *dataset) lookup(t *testing.T, truth []string) rec {
	t.Helper()
	n, err := strconv.Atoi(truth[4])
	if err != nil {
		t.Fatalf("truth %q: row %q", truth, truth[4])
	}
	for _, r := range d.recs[truth[2]] {
		if r.sheet == truth[3] && r.row == n {
			return r
		}
	}
	t.Fatalf("truth %q: no such row", truth)
	return rec{}
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
	var want []string
	for _, f := range inboxFiles {
		want = append(want, filepath.Join(a, "inbox", f))
	}
	for _, f := range []string{"fx/rates.csv", "watchlist/hvts.yaml", "watchlist/un_consolidated_excerpt.xml", "truth/namesakes.csv", "truth/resales.csv", "truth/decoys.csv", "truth/layers.csv", "truth/hvt_lists.csv", "truth/cases.csv", "truth/hvts.csv", "truth/collectors.csv"} {
		want = append(want, filepath.Join(a, f))
	}
	slices.Sort(want)
	if !slices.Equal(sa.Files, want) {
		t.Fatalf("files %q, want %q", sa.Files, want)
	}
	read := func(dir, rel string) []byte {
		t.Helper()
		return readFile(t, filepath.Join(dir, rel))
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
	for _, f := range inboxFiles {
		rel := filepath.Join("inbox", f)
		if bytes.Equal(read(a, rel), read(c, rel)) {
			t.Errorf("seeds 7 and 8 gave the same %s", f)
		}
	}
}

func TestTruthConsistent(t *testing.T) {
	for _, tc := range optionSets {
		t.Run(tc.name, func(t *testing.T) {
			d := generate(t, tc.opts)
			if got := len(d.all()); got != d.sum.Transactions {
				t.Errorf("read %d rows, summary says %d", got, d.sum.Transactions)
			}
			for _, f := range inboxFiles {
				dated := slices.DeleteFunc(slices.Clone(d.recs[f]), func(r rec) bool { return r.broken })
				if len(dated) == 0 {
					t.Errorf("%s has no rows", f)
				}
				if !slices.IsSortedFunc(dated, func(a, b rec) int { return a.at.Compare(b.at) }) {
					t.Errorf("%s not sorted by date", f)
				}
			}
			collector, hvtOf := map[string]string{}, map[string]string{}
			hvtPhone := map[string][]string{} // an HVT's listed phone, then its second
			for _, h := range d.hvts {
				hvtPhone[h[0]] = append(hvtPhone[h[0]], h[2])
			}
			for id, phones := range hvtPhone {
				if len(phones) != 2 || phones[0] == phones[1] {
					t.Errorf("%s: phones %q", id, phones)
				}
			}
			for _, c := range d.collectors {
				collector[c[0]], hvtOf[c[0]] = c[2], c[3]
				if hvtPhone[c[3]] == nil {
					t.Errorf("collector %q: unknown HVT", c)
				}
			}
			layer := map[string]string{} // case -> intermediary's phone
			for _, l := range d.layers {
				layer[l[0]] = l[2]
			}
			if len(collector) != d.sum.Cases {
				t.Errorf("%d collectors for %d cases", len(collector), d.sum.Cases)
			}
			for _, tr := range d.cases {
				r := d.lookup(t, tr)
				if r.ref != tr[5] {
					t.Errorf("truth %q: row holds reference %q", tr, r.ref)
				}
				switch {
				case tr[1] == rolePassOn && layer[tr[0]] != "":
					if tr[2] != ledgerFile || r.from != collector[tr[0]] || r.to != layer[tr[0]] {
						t.Errorf("truth %q: pass-on %s -> %s in %s, not the collector to the intermediary", tr, r.from, r.to, tr[2])
					}
				case tr[1] == roleLayer:
					if tr[2] != ledgerFile || r.from != layer[tr[0]] || !slices.Contains(hvtPhone[hvtOf[tr[0]]], r.to) {
						t.Errorf("truth %q: %s -> %s in %s, not the intermediary to the HVT", tr, r.from, r.to, tr[2])
					}
				case tr[1] == rolePassOn:
					if tr[2] != ledgerFile || r.from != collector[tr[0]] || !slices.Contains(hvtPhone[hvtOf[tr[0]]], r.to) {
						t.Errorf("truth %q: pass-on %s -> %s in %s, not the collector to the HVT", tr, r.from, r.to, tr[2])
					}
				case tr[2] == bankFile || tr[2] == mt940File:
					// A relative pays a collector in Europe from a Dutch account.
					if !strings.HasPrefix(r.from, "NL") || !strings.HasPrefix(r.to, "NL") || r.to == collector[tr[0]] {
						t.Errorf("truth %q: bank payment %s -> %s", tr, r.from, r.to)
					}
				case tr[2] != mtoFile && tr[2] != addisFile:
					t.Errorf("truth %q: a ransom payment in %s", tr, tr[2])
				case r.to != collector[tr[0]]:
					t.Errorf("truth %q: paid %s, not the collector %s", tr, r.to, collector[tr[0]])
				}
			}
		})
	}
}

// TestFanIn counts receivers across every inbox file, by phone (else
// account, else name) and by name key: background traffic never forms a
// fan-in, each planted collector does. The checks on background senders do
// not depend on exchange rates, so they hold with ingest's built-in rates
// as with fx/rates.csv.
func TestFanIn(t *testing.T) {
	for _, tc := range optionSets {
		t.Run(tc.name, func(t *testing.T) {
			d := generate(t, tc.opts)
			inCase := map[string]bool{} // planted or decoy
			for _, tr := range d.cases {
				inCase[tr[2]+"/"+tr[3]+"/"+tr[4]] = true
			}
			for _, tr := range d.decoys {
				inCase[tr[2]+"/"+tr[3]+"/"+tr[4]] = true
			}
			var background []rec
			for _, r := range d.all() {
				if !inCase[r.file+"/"+r.sheet+"/"+strconv.Itoa(r.row)] {
					background = append(background, r)
				}
			}
			nameKey := func(r rec) string { return normalize.NameKey(cmp.Or(r.toName, r.to)) }
			if got := fanIns(background, func(r rec) string { return r.to }); len(got) > 0 {
				t.Errorf("background fan-in by phone or account: %q", got)
			}
			if got := fanIns(background, nameKey); len(got) > 0 {
				t.Errorf("background fan-in by name: %q", got)
			}
			for _, key := range []func(rec) string{func(r rec) string { return r.to }, nameKey} {
				senders := map[string]map[string]bool{}
				for _, r := range background {
					k := key(r)
					if senders[k] == nil {
						senders[k] = map[string]bool{}
					}
					if senders[k][r.from] = true; len(senders[k]) > 2 {
						t.Fatalf("background receiver %s has more than 2 senders", k)
					}
				}
			}
			flagged := fanIns(d.all(), func(r rec) string { return r.to })
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
			extraFiles := map[string]bool{}
			resoldFrom := map[string]string{}
			for _, rs := range d.resales {
				resoldFrom[rs[0]] = rs[1]
			}
			for _, c := range d.collectors {
				var mto, extra, passOn []rec
				for _, tr := range d.cases {
					switch {
					case tr[0] != c[0], tr[1] == roleLayer: // layers: TestTruthConsistent
					case tr[1] == rolePassOn:
						passOn = append(passOn, d.lookup(t, tr))
					case tr[2] == mtoFile:
						mto = append(mto, d.lookup(t, tr))
					default:
						extra = append(extra, d.lookup(t, tr))
						extraFiles[tr[2]] = true
					}
				}
				senders, countries := map[string]bool{}, map[string]bool{}
				var in, out int64
				first, last := mto[0].at, mto[0].at
				for _, r := range mto {
					senders[r.from], countries[r.country] = true, true
					in += r.cents
					first, last = minTime(first, r.at), maxTime(last, r.at)
					if r.cents >= 3000*100 {
						t.Errorf("%s: instalment %d cents not below 3,000", c[0], r.cents)
					}
				}
				for p := range senders {
					// Only a captive sold on brings the same family back.
					if other, ok := seen[p]; ok && other != c[0] && resoldFrom[c[0]] != other {
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
				if len(extra) > 1 {
					t.Errorf("%s: %d payments outside the MTO", c[0], len(extra))
				}
				spanFirst, spanLast := first, last // every ransom payment, in any channel
				for _, r := range extra {
					spanFirst, spanLast = minTime(spanFirst, r.at), maxTime(spanLast, r.at)
					if r.file == addisFile {
						if !senders[r.from] {
							t.Errorf("%s: Addis payment from %s, who is no relative", c[0], r.from)
						}
						if r.cents < r.usd-1 || r.cents > r.usd+1 {
							t.Errorf("%s: Addis row is USD %d cents by the book, %d by the rates", c[0], r.usd, r.cents)
						}
						in += r.usd
						last = maxTime(last, r.at)
					}
				}
				if spanLast.Sub(spanFirst) >= 14*24*time.Hour {
					t.Errorf("%s: payments span %v", c[0], spanLast.Sub(spanFirst))
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
				if out*100 < in*80 || out > in+100 {
					t.Errorf("%s: passed on %d of %d cents", c[0], out, in)
				}
			}
			// Every source beside the first MTO holds a planted payment once
			// there are enough cases for each.
			for i := range min(d.sum.Cases, 3*btoi(tc.opts.Scenario == "")) {
				if f := []string{bankFile, addisFile, mt940File}[i]; !extraFiles[f] {
					t.Errorf("no planted payment in %s", f)
				}
			}
		})
	}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
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
			want := map[string]string{mtoFile: "TBC", ledgerFile: brokenDate}
			for _, f := range inboxFiles {
				var broken []rec
				for _, r := range d.recs[f] {
					if r.broken {
						broken = append(broken, r)
					}
				}
				if want[f] == "" {
					if len(broken) > 0 {
						t.Errorf("%s: broken rows %+v", f, broken)
					}
				} else if len(broken) != 1 || broken[0].raw != want[f] || inCase[broken[0].ref] {
					t.Errorf("%s: broken rows %+v, want one background row with %q", f, broken, want[f])
				}
			}
		})
	}
}

// TestMoney checks the helpers that make IBANs and convert amounts against
// figures worked out by hand and ingest's built-in anchors.
func TestMoney(t *testing.T) {
	jan, jul := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		got, want string
	}{
		{"IBAN of the ISO 13616 example", nlIBAN("ABNA", 417164300), "NL91ABNA0417164300"},
		{"EUR on 1 January is the built-in anchor", formatRate(usdPerUnit("EUR", jan)), "1.03"},
		{"EUR on 1 July", formatRate(usdPerUnit("EUR", jul)), "1.17"},
		{"ETB on 1 January is 1/125", formatRate(usdPerUnit("ETB", jan)), "0.008"},
		{"birr per dollar on 1 July", strconv.FormatInt(birrPerUSD(jul), 10), "13700"},
		{"EUR 1,000.00 in US cents on 1 January", strconv.FormatInt(toUSD(100000, "EUR", jan), 10), "103000"},
		{"USD 500 in birr and back", strconv.FormatInt(toUSD(500*12500, "ETB", jan), 10), "50000"},
		{"decimal comma", decimal(125000, ","), "1250,00"},
		{"Ethiopian phone as a clerk writes it", spacedPhone("+251911234567"), "+251 91 123 4567"},
		{"Dutch phone as a clerk writes it", spacedPhone("+31612345678"), "+31 61 234 5678"},
		{"Ge'ez name", geezName("Tesfay Kidane Hagos"), "ተስፋይ ኪዳነ ሓጎስ"},
		{"no Ge'ez for an Arabic name", geezName("Mohamed Ali Osman"), ""},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	for bank := range 7 {
		code, _, _ := strings.Cut(nlBanks[bank], ":")
		if iban := nlIBAN(code, int64(1e9+bank*7919)); !strings.HasPrefix(iban, "NL") {
			t.Errorf("%s", iban)
		} else if _, ok := normalize.IBAN(iban); !ok {
			t.Errorf("nlIBAN gave invalid %s", iban)
		}
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

// The UN-list excerpt names every HVT under its primary name, with both
// aliases and their quality, and parses as the list's XML.
func TestUNListExcerpt(t *testing.T) {
	out := t.TempDir()
	if _, err := Generate(context.Background(), Options{Out: out, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, "watchlist", "un_consolidated_excerpt.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var list unList
	if err := xml.Unmarshal(b, &list); err != nil {
		t.Fatal(err)
	}
	// The truth lists each HVT twice: its listed phone, then the unlisted one.
	truth := readCSV(t, filepath.Join(out, "truth", "hvts.csv"), hvtTruthHeader)
	truth = slices.CompactFunc(truth, func(a, b []string) bool { return a[0] == b[0] })
	if len(list.Individuals) != len(truth) {
		t.Fatalf("%d individuals, %d HVTs in the truth", len(list.Individuals), len(truth))
	}
	for i, ind := range list.Individuals {
		name := strings.Join(strings.Fields(ind.First+" "+ind.Second+" "+ind.Third), " ")
		if !strings.EqualFold(name, truth[i][1]) || len(ind.Aliases) != 2 || ind.Aliases[0].Quality != "Good" ||
			ind.Aliases[1].Quality != "Low" || len(ind.Nationality) != 1 || ind.Birth.Year == "" {
			t.Errorf("individual %d: %+v (truth %v)", i, ind, truth[i])
		}
	}
}

// The fourth captive is one sold on: the first case's family pays again, a
// new collector, three to eight weeks later.
func TestResale(t *testing.T) {
	d := generate(t, Options{Seed: 11})
	if len(d.resales) != 1 || d.resales[0][0] != "CASE-004" || d.resales[0][1] != "CASE-001" {
		t.Fatalf("resales %q", d.resales)
	}
	payers := func(id string) (map[string]bool, time.Time, time.Time) {
		set := map[string]bool{}
		var first, last time.Time
		for _, tr := range d.cases {
			if tr[0] == id && tr[1] == roleRansom && tr[2] == mtoFile {
				r := d.lookup(t, tr)
				set[r.from] = true
				if first.IsZero() || r.at.Before(first) {
					first = r.at
				}
				last = maxTime(last, r.at)
			}
		}
		return set, first, last
	}
	a, _, aLast := payers("CASE-001")
	b, bFirst, _ := payers("CASE-004")
	for p := range b {
		if !a[p] {
			t.Errorf("CASE-004 payer %s did not pay in CASE-001", p)
		}
	}
	if gap := bFirst.Sub(aLast); gap < 14*24*time.Hour || gap > 70*24*time.Hour {
		t.Errorf("resale %v after the first ransom", gap)
	}
}

// Decoys look like ransoms and are not: a family paying a school's term fee
// in round instalments, and a shop paid by many customers in uneven sums.
func TestDecoys(t *testing.T) {
	for _, tc := range optionSets {
		t.Run(tc.name, func(t *testing.T) {
			d := generate(t, tc.opts)
			byID := map[string][]rec{}
			kind := map[string]string{}
			for _, tr := range d.decoys {
				r := d.lookup(t, tr)
				if r.ref != tr[5] {
					t.Errorf("%s: row %s has reference %s, truth says %s", tr[0], tr[4], r.ref, tr[5])
				}
				byID[tr[0]] = append(byID[tr[0]], r)
				kind[tr[0]] = tr[1]
			}
			if n := len(byID); n < 2 || n < d.sum.Cases {
				t.Fatalf("%d decoys for %d cases", n, d.sum.Cases)
			}
			for id, rows := range byID {
				senders, receivers := map[string]bool{}, map[string]bool{}
				var total int64
				first, last := rows[0].at, rows[0].at
				for _, r := range rows {
					senders[r.from], receivers[r.to] = true, true
					total += r.cents
					first, last = minTime(first, r.at), maxTime(last, r.at)
				}
				if len(receivers) != 1 {
					t.Errorf("%s: %d receivers", id, len(receivers))
				}
				switch kind[id] {
				case decoySchool:
					if n := len(senders); n < 2 || n > 3 || len(rows) < 3 || len(rows) > 5 {
						t.Errorf("%s: %d payers, %d payments", id, n, len(rows))
					}
					if total%(500*usd) != 0 || total < 2000*usd || total > 4500*usd {
						t.Errorf("%s: term fee %d cents", id, total)
					}
					if span := last.Sub(first); span > 42*24*time.Hour {
						t.Errorf("%s: paid over %v", id, span)
					}
				case decoyShop:
					if len(senders) < 40 {
						t.Errorf("%s: %d customers", id, len(senders))
					}
					for _, r := range rows {
						if r.cents < 40*usd || r.cents >= 401*usd {
							t.Errorf("%s: a sale of %d cents", id, r.cents)
						}
					}
				default:
					t.Errorf("%s: kind %q", id, kind[id])
				}
			}
		})
	}
}

// Each HVT appears under the variants records really show.
func TestHVTNameVariants(t *testing.T) {
	g := &gen{r: rand.New(rand.NewPCG(9, 9)), used: map[string]bool{}, companies: map[string]*party{}, phones: map[uint64]struct{}{}}
	for i := range hvtSpecs {
		h := g.newHVT(i)
		full := strings.Fields(h.p.name)
		if len(full) != 3 || len(h.variants) != 7 {
			t.Fatalf("%s: name %q, variants %q", h.id, h.p.name, h.variants)
		}
		given, father, grandfather := full[0], full[1], full[2]
		lo, hi := rune(0x1200), rune(0x137f) // Ethiopic
		if h.nat == "LY" {
			lo, hi = 0x0600, 0x06ff // Arabic
		}
		for j, want := range []string{
			h.p.name,
			given + " " + father, // grandfather dropped
			"",                   // given name spelled otherwise
			"",                   // weak alias
			father + " " + given, // father's name first
			given + " " + father + " " + splitNames[grandfather], // compound split
		} {
			if want != "" && h.variants[j] != want {
				t.Errorf("%s: variant %d is %q, want %q", h.id, j, h.variants[j], want)
			}
		}
		if strings.Fields(h.variants[2])[0] == given || !strings.HasSuffix(h.variants[2], " "+father) {
			t.Errorf("%s: strong alias %q", h.id, h.variants[2])
		}
		if w := strings.Fields(h.variants[3]); w[0] != "Wedi" && w[0] != "Abu" {
			t.Errorf("%s: weak alias %q", h.id, h.variants[3])
		}
		if rs := []rune(h.variants[6]); len(rs) == 0 || rs[0] < lo || rs[0] > hi {
			t.Errorf("%s (%s): script form %q", h.id, h.nat, h.variants[6])
		}
		if h.phone2 == "" || h.phone2 == h.p.phone {
			t.Errorf("%s: second phone %q", h.id, h.phone2)
		}
	}
}

// Past bulkFrom, rows stream onto the MTO export a segment at a time: the
// count is exact, the run deterministic, the planted world unchanged in
// front of them, transfer numbers unique, and a phone always one person.
func TestBulk(t *testing.T) {
	defer func(n int) { bulkFrom = n }(bulkFrom)
	bulkFrom = 3_000
	opts := Options{Seed: 12, Rows: 3_000 + 2*bulkSegment + 77}
	d := generate(t, opts)
	if got := len(d.all()); got != d.sum.Transactions {
		t.Errorf("read %d rows, summary says %d", got, d.sum.Transactions)
	}
	small := generate(t, Options{Seed: 12, Rows: 3_000})
	if extra := d.sum.Transactions - small.sum.Transactions; extra != 2*bulkSegment+77 {
		t.Errorf("%d bulk rows", extra)
	}
	for i, r := range small.recs[mtoFile] {
		if b := d.recs[mtoFile][i]; b != r {
			t.Fatalf("row %d differs from the run without bulk: %+v, %+v", r.row, b, r)
		}
	}
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		o := opts
		o.Out = dir
		if _, err := Generate(context.Background(), o); err != nil {
			t.Fatal(err)
		}
	}
	mto := readFile(t, filepath.Join(a, "inbox", mtoFile))
	if !bytes.Equal(mto, readFile(t, filepath.Join(b, "inbox", mtoFile))) {
		t.Error("two runs wrote different MTO exports")
	}
	recs, err := csv.NewReader(bytes.NewReader(mto)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	refs, person := map[string]bool{}, map[string]string{}
	for _, r := range recs[1:] {
		if refs[r[0]] || len(r[0]) != 10 {
			t.Fatalf("transfer number %q repeated or malformed", r[0])
		}
		refs[r[0]] = true
		for _, side := range [][2]string{{r[3], r[2]}, {r[7], r[6]}} {
			if name, ok := person[side[0]]; ok && name != side[1] {
				t.Fatalf("phone %s belongs to %q and %q", side[0], name, side[1])
			}
			person[side[0]] = side[1]
		}
	}
}

// Many cases bring many look-alikes: school names run out before families
// do, and a campus number keeps them apart.
func TestManyCases(t *testing.T) {
	sum, err := Generate(context.Background(), Options{Out: t.TempDir(), Seed: 4, Rows: 2000, Cases: 60})
	if err != nil || sum.Cases != 60 {
		t.Fatalf("%+v, %v", sum, err)
	}
}
