package link

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/unicode"

	"github.com/cmrflow/cmrflow/store"
)

// The real excerpt of the UN list, kept outside the project.
var sharedSanctions = filepath.Join("..", "..", "shared", "formats", "sanctions")

func openDB(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), "", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestDetectWatchlistFormat(t *testing.T) {
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte("hvt_id\tprimary_name\r\nA\tB\r\n"))
	cases := []struct {
		name    string
		content string
		want    Format
		err     string
	}{
		{"yaml after comments", "# HVTs of operation Sahara\n\n- hvt_id: A\n  primary_name: B\n", FormatYAML, ""},
		{"yaml document marker", "---\n- hvt_id: A\n", FormatYAML, ""},
		{"yaml empty list", "[]\n", FormatYAML, ""},
		{"yaml mapping, to be told it needs a list", "hvt_id: A\nprimary_name: B\n", FormatYAML, ""},
		{"csv", "hvt_id,primary_name\nA,B\n", FormatCSV, ""},
		{"csv with BOM, quotes and spaced headers", "\xef\xbb\xbf\"HVT ID\",\"Primary name\"\r\nA,B\r\n", FormatCSV, ""},
		{"csv with semicolons, hvt_id not first", "primary_name;hvt_id\nB;A\n", FormatCSV, ""},
		{"excel unicode text", string(utf16), FormatCSV, ""},
		{"xlsx", "PK\x03\x04\x14\x00\x06\x00", FormatXLSX, ""},
		{"legacy xls", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "", "legacy .xls workbook"},
		{"un list", "<?xml version=\"1.0\"?>\n<!-- excerpt -->\n<CONSOLIDATED_LIST dateGenerated=\"x\"><INDIVIDUALS/></CONSOLIDATED_LIST>", FormatUN, ""},
		{"other xml", "<?xml version=\"1.0\"?><sdnList></sdnList>", "", "XML whose root is <sdnList>"},
		{"ftm", "{\"id\": \"NK-1\", \"schema\": \"Person\", \"properties\": {}}\n", FormatFtM, ""},
		{"other json", "{\"name\": \"A\"}\n", "", "not FollowTheMoney"},
		{"markdown", "# Read me\n\nOur lists live here.\n", "", "not a watchlist: neither"},
		{"csv without hvt_id", "name,phone\nA,+971501234567\n", "", "not a watchlist: neither"},
		{"empty", "", "", "the file is empty"},
		{"blank lines", "\n  \n", "", "the file is empty"},
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00", "", "binary content"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := detect("f", []byte(c.content))
			if c.err == "" {
				if err != nil || got != c.want {
					t.Errorf("got %q, %v; want %q", got, err, c.want)
				}
				return
			}
			var pe *ProblemError
			if !errors.As(err, &pe) || !errors.Is(err, ErrWatchlist) || !strings.Contains(err.Error(), c.err) {
				t.Errorf("got %q, %v; want an error with %q", got, err, c.err)
			}
		})
	}
	// The real files: the UN excerpt is one, the EU's export is not.
	if _, err := os.Stat(sharedSanctions); err != nil {
		t.Skipf("%s is missing (the real sanctions excerpts live outside the project): %v", sharedSanctions, err)
	}
	if got, err := detectFile(filepath.Join(sharedSanctions, "jaggeman_un_sample.xml")); got != FormatUN || err != nil {
		t.Errorf("UN excerpt: %q, %v", got, err)
	}
	if _, err := detectFile(filepath.Join(sharedSanctions, "jaggeman_eu_sample.xml")); err == nil || !strings.Contains(err.Error(), "<export>") {
		t.Errorf("EU export: %v", err)
	}
}

// The real UN excerpt: people become entries under their reference
// numbers, entities and the record without any id are skipped, alias
// quality and leading zeros survive.
func TestRealUNExcerpt(t *testing.T) {
	path := filepath.Join(sharedSanctions, "jaggeman_un_sample.xml")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s is missing (the real sanctions excerpts live outside the project): %v", path, err)
	}
	p := parseForTest(t, path)
	if len(p.Problems) > 0 {
		t.Fatalf("problems: %q", p.Problems)
	}
	byID := map[string]Entry{}
	var ids []string
	for _, e := range p.Entries {
		byID[e.HVTID] = e
		ids = append(ids, e.HVTID)
	}
	if want := []string{"CDi.001", "XXi.002", "IRi.022", "CDi.003"}; !slices.Equal(ids, want) {
		t.Errorf("entries %q, want %q", ids, want)
	}
	// 3 entities and the individual with neither reference nor DATAID.
	if p.Skipped != 4 {
		t.Errorf("skipped %d, want 4; notes %q", p.Skipped, p.Notes)
	}
	e := byID["CDi.001"]
	if e.PrimaryName != "ERIC BADEGE" || !slices.Equal(e.Nationalities, []string{"CD"}) || e.BirthDate != "1971" || len(e.Aliases) != 0 {
		t.Errorf("CDi.001: %+v", e)
	}
	e = byID["CDi.003"]
	if e.PrimaryName != "GASTON IYAMUREMYE" || !slices.Equal(e.Aliases, []string{"Rumuli", "Byiringiro Victor Rumuli"}) ||
		!slices.Equal(e.WeakAliases, []string{"Rumuli"}) || !slices.Equal(e.Nationalities, []string{"RW"}) {
		t.Errorf("CDi.003: %+v", e)
	}
	e = byID["XXi.002"]
	if e.PrimaryName != "MULTI ALIAS PERSON" || !slices.Equal(e.Aliases, []string{"Alias One", "Alias Two"}) || len(e.WeakAliases) != 0 ||
		!slices.Equal(e.Nationalities, []string{"SE", "NO"}) {
		t.Errorf("XXi.002: %+v", e)
	}
	var docs []string
	for _, id := range byID["IRi.022"].Identifiers {
		if id.Kind == "document" {
			docs = append(docs, id.Type+" "+id.Value)
		}
	}
	if want := []string{"Passport (Iran (Islamic Republic of)) A0003039", "National Identification Number (Iran (Islamic Republic of)) 0035011785"}; !slices.Equal(docs, want) {
		t.Errorf("IRi.022 documents %q, want %q", docs, want)
	}
	if n := byID["IRi.022"].Notes; !strings.HasPrefix(n, "UN list Iran, listed on 2007-03-24. [Old Reference # I.47.C.7]") {
		t.Errorf("IRi.022 notes %q", n)
	}

	// Loaded twice: the second time changes nothing.
	db := openDB(t)
	for i, want := range []FileResult{{Added: 4}, {Unchanged: 4}} {
		res, err := LoadFiles(context.Background(), db, []string{path}, LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if r := res[0]; r.Entries != 4 || r.Added != want.Added || r.Unchanged != want.Unchanged || r.Updated != 0 {
			t.Errorf("load %d: %+v", i+1, r)
		}
	}
}

// tableJSON is a query's rows as a JSON array, for golden files.
func tableJSON(t *testing.T, db *store.DB, query string) []byte {
	t.Helper()
	rows, err := db.SQL.Query(`SELECT CAST(to_json(q) AS VARCHAR) FROM (` + query + `) q`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := []any{}
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return marshal(t, out)
}

func historyCount(t *testing.T, db *store.DB) int {
	t.Helper()
	var n int
	if err := db.SQL.QueryRow(`SELECT count(*) FROM watchlist_history`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Loading the same list again changes nothing; a list loaded again under
// another name changes nothing; a reloaded list updates entries by hvt_id
// with one history row per changed entry, and keeps entries it no longer
// lists, recorded once as absent, and as relisted when named again.
func TestWatchlistReloadKeepsHistory(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	dir := filepath.Join("testdata", "watchlist", "reload")
	tmp := t.TempDir()
	list := filepath.Join(tmp, "hvts.yaml")
	copyFile(t, filepath.Join(dir, "v1.yaml"), list)
	clock := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	load := func(path string) FileResult {
		t.Helper()
		res, err := LoadFiles(ctx, db, []string{path}, LoadOptions{Now: func() time.Time { return clock }})
		if err != nil {
			t.Fatal(err)
		}
		if len(res) != 1 {
			t.Fatalf("results %+v", res)
		}
		return res[0]
	}
	type counts struct{ added, updated, unchanged int }
	check := func(step string, r FileResult, want counts, history int) {
		t.Helper()
		if got := (counts{r.Added, r.Updated, r.Unchanged}); got != want {
			t.Errorf("%s: %+v, want %+v", step, r, want)
		}
		if n := historyCount(t, db); n != history {
			t.Errorf("%s: %d history rows, want %d", step, n, history)
		}
	}
	watchlist := `SELECT * FROM watchlist ORDER BY hvt_id`

	check("first load", load(list), counts{added: 3}, 3)
	first := tableJSON(t, db, watchlist)
	clock = clock.Add(time.Hour)
	check("same file again", load(list), counts{unchanged: 3}, 3)
	renamed := filepath.Join(tmp, "copy", "hvts-2026-01.yaml")
	copyFile(t, list, renamed)
	check("same list under another name", load(renamed), counts{unchanged: 3}, 3)
	if again := tableJSON(t, db, watchlist); !bytes.Equal(again, first) {
		t.Errorf("the watchlist changed:\n%s\nwas\n%s", again, first)
	}

	absent := func(step string, r FileResult, want ...string) {
		t.Helper()
		if !slices.Equal(r.Absent, want) {
			t.Errorf("%s: absent %v, want %v", step, r.Absent, want)
		}
	}

	// v2 drops HVT-003: kept on the watchlist, recorded once as absent.
	clock = time.Date(2026, 2, 5, 9, 0, 0, 0, time.UTC)
	copyFile(t, filepath.Join(dir, "v2.yaml"), list)
	r := load(list)
	check("a month later", r, counts{added: 1, updated: 1, unchanged: 1}, 6)
	absent("a month later", r, "HVT-003")
	r = load(list)
	check("a month later, again", r, counts{unchanged: 3}, 6)
	absent("a month later, again", r)
	golden(t, filepath.Join(dir, "watchlist.golden.json"), tableJSON(t, db, watchlist))
	if n := tableJSON(t, db, `SELECT hvt_id FROM watchlist ORDER BY hvt_id`); !bytes.Contains(n, []byte("HVT-003")) {
		t.Errorf("HVT-003 left the watchlist: %s", n)
	}
	// Another file's load says nothing of the entries of hvts.yaml.
	other := filepath.Join(tmp, "copy", "other.yaml")
	copyFile(t, filepath.Join(dir, "v2.yaml"), other)
	absent("another file", load(other))

	// v1 again: HVT-003 is listed again, HVT-004 absent.
	clock = time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)
	copyFile(t, filepath.Join(dir, "v1.yaml"), list)
	r = load(list)
	check("v1 again", r, counts{updated: 1, unchanged: 1}, 9)
	if r.Relisted != 1 {
		t.Errorf("v1 again: %d relisted, want 1", r.Relisted)
	}
	absent("v1 again", r, "HVT-004")

	golden(t, filepath.Join(dir, "history.golden.json"), tableJSON(t, db,
		`SELECT hvt_id, changed_at, source, change, before, after FROM watchlist_history ORDER BY changed_at, hvt_id`))
}

// A problem in any file loads nothing from any file, and the error lists
// every problem of every file.
func TestWatchlistLoadIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	tmp := t.TempDir()
	parse := filepath.Join("testdata", "watchlist", "parse")
	copyFile(t, filepath.Join(parse, "good.yaml"), filepath.Join(tmp, "a.yaml"))
	copyFile(t, filepath.Join(parse, "bad_rows.csv"), filepath.Join(tmp, "b.csv"))
	copyFile(t, filepath.Join(parse, "broken.ftm.json"), filepath.Join(tmp, "c.json"))
	// HVT-002 again, in another file.
	if err := os.WriteFile(filepath.Join(tmp, "d.csv"), []byte("hvt_id,primary_name\nHVT-002,Someone Else\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := LoadFiles(ctx, db, []string{tmp}, LoadOptions{})
	var pe *ProblemError
	if !errors.Is(err, ErrWatchlist) || !errors.As(err, &pe) {
		t.Fatalf("error %v", err)
	}
	for _, want := range []string{
		filepath.Join(tmp, "b.csv") + ":3: bad watchlist: hvt_id is missing",
		filepath.Join(tmp, "b.csv") + ":7: bad watchlist: HVT-206, column aliases:",
		filepath.Join(tmp, "c.json") + ":2: bad watchlist: not a JSON object",
		filepath.Join(tmp, "d.csv") + ":2: bad watchlist: HVT-002: listed twice: also at " + filepath.Join(tmp, "a.yaml") + ":20",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in\n%v", want, err)
		}
	}
	var n int
	if err := db.SQL.QueryRow(`SELECT (SELECT count(*) FROM watchlist) + (SELECT count(*) FROM watchlist_history)`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d rows written, %v", n, err)
	}
	// A file named on the command line must be a watchlist.
	readme := filepath.Join(tmp, "README.md")
	if err := os.WriteFile(readme, []byte("# Lists\n\nFrom the liaison officer.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadFiles(ctx, db, []string{readme}, LoadOptions{}); !errors.Is(err, ErrWatchlist) || !strings.Contains(err.Error(), "not a watchlist") {
		t.Errorf("README: %v", err)
	}
	if _, err := LoadFiles(ctx, db, []string{filepath.Join(tmp, "missing.yaml")}, LoadOptions{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

// A folder is walked: every format in one load, each file's counts, files
// that are not lists skipped and said so, hidden and lock files ignored.
func TestWatchlistLoadFolder(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	tmp := t.TempDir()
	parse := filepath.Join("testdata", "watchlist", "parse")
	copyFile(t, filepath.Join(parse, "good.yaml"), filepath.Join(tmp, "own", "hvts.yaml"))
	copyFile(t, filepath.Join(parse, "good.csv"), filepath.Join(tmp, "own", "more.csv"))
	copyFile(t, filepath.Join(parse, "un_small.xml"), filepath.Join(tmp, "un", "consolidated.xml"))
	copyFile(t, filepath.Join(parse, "people.ftm.json"), filepath.Join(tmp, "opensanctions", "entities.ftm.json"))
	writeXLSX(t, filepath.Join(tmp, "own", "book.xlsx"), []xlsxSheetSpec{{"HVTs", [][]any{
		{"hvt_id", "primary_name", "phones", "nationalities"},
		{"HVT-801", "Tewelde Goitom", "0911 234567", "ET"},
	}}})
	for name, content := range map[string]string{
		"README.md":            "# Lists\n\nFrom the liaison officer.\n",
		".hvts.yaml.swp":       "\x00\x01",
		"own/~$book.xlsx":      "lock",
		".git/config":          "[core]\n",
		"un/notes-on-list.txt": "Downloaded 2026-01-05 from the UN.\n",
	} {
		path := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	res, err := LoadFiles(ctx, db, []string{tmp}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := bytes.ReplaceAll(marshal(t, res), []byte(tmp+string(filepath.Separator)), []byte("TMP/"))
	golden(t, filepath.Join("testdata", "watchlist", "folder.golden.json"), got)
	var n int
	if err := db.SQL.QueryRow(`SELECT count(*) FROM watchlist`).Scan(&n); err != nil || n != 3+3+2+2+1 {
		t.Errorf("%d entries, %v", n, err)
	}
	// What the linker reads: weak aliases among the aliases, identifiers
	// with their source and reliability.
	var aliases, weak []any
	var ids string
	err = db.SQL.QueryRow(`SELECT aliases, weak_aliases, CAST(identifiers AS VARCHAR) FROM watchlist WHERE hvt_id = 'HVT-001'`).Scan(&aliases, &weak, &ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(aliases) != 3 || len(weak) != 1 || weak[0] != "Walid" ||
		!strings.Contains(ids, `{"kind":"phone","value":"+251911234567","written":"0911 234567","source":"intercept 2025-03","reliability":"confirmed"}`) {
		t.Errorf("HVT-001: aliases %v, weak %v, identifiers %s", aliases, weak, ids)
	}
}

// LoadWatchlist keeps its older signature: the number of entries read.
func TestLoadWatchlistCounts(t *testing.T) {
	db := openDB(t)
	n, err := LoadWatchlist(context.Background(), db, []string{filepath.Join("testdata", "watchlist", "reload", "v1.yaml")})
	if err != nil || n != 3 {
		t.Errorf("%d, %v", n, err)
	}
}

func TestTableValue(t *testing.T) {
	cases := []struct {
		in, value, quality, source, reliability, err string
	}{
		{in: " Walid ", value: "Walid"},
		{in: "Walid (weak)", value: "Walid", quality: "weak"},
		{in: "Walid (Strong) [source=K-12]", value: "Walid", quality: "strong", source: "K-12"},
		{in: "Walid [reliability = low, source = ledger p. 4, row 7] (weak)", value: "Walid", quality: "weak", source: "ledger p. 4, row 7", reliability: "low"},
		{in: "Abu Walid (the elder)", value: "Abu Walid (the elder)"},
		{in: "Walid [source=a] [source=b]", err: "two [ ] annotations"},
		{in: "Walid [who=me]", err: `unknown annotation "who"`},
		{in: "Walid [K-12]", err: "write the annotation as"},
		{in: "Walid]", err: "a ] without its ["},
		{in: "Walid (weak) (strong)", err: "two qualities"},
		{in: "Walid [source=a, source=b]", err: "source is given twice"},
	}
	for _, c := range cases {
		v, msg := tableValue(c.in, true)
		if c.err != "" {
			if !strings.Contains(msg, c.err) {
				t.Errorf("%q: %q, want %q", c.in, msg, c.err)
			}
			continue
		}
		if msg != "" || v.value != c.value || v.quality != c.quality || v.source != c.source || v.reliability != c.reliability {
			t.Errorf("%q: %+v %q", c.in, v, msg)
		}
	}
	if got := splitList("a; b [source=x; y]; c"); !slices.Equal(got, []string{"a", " b [source=x; y]", " c"}) {
		t.Errorf("splitList: %q", got)
	}
	for in, want := range map[string]string{"9.71501234567E+11": "971501234567", "971501234567": "971501234567", "12.5": "12.5"} {
		if got := integerText(in); got != want {
			t.Errorf("integerText(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"1984": "1984", "30748": "1984-03-07", "1984-03": "1984-03", "30": "30"} {
		if got := excelBirthDate(in, false); got != want {
			t.Errorf("excelBirthDate(%q) = %q, want %q", in, got, want)
		}
	}
}

// Two files of one name in one load are one list: an entry neither names
// is absent once, an entry the other names is not absent.
func TestWatchlistAbsentAcrossFilesOfOneName(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	tmp := t.TempDir()
	first := filepath.Join(tmp, "a", "hvts.yaml")
	copyFile(t, filepath.Join("testdata", "watchlist", "reload", "v1.yaml"), first)
	if _, err := LoadFiles(ctx, db, []string{first}, LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	write := func(path, body string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// a/hvts.yaml keeps HVT-001, b/hvts.yaml now holds HVT-002; HVT-003 is in neither.
	write(first, "- hvt_id: HVT-001\n  primary_name: Kidane Zekarias Habtemariam\n  aliases: [Kidane Zacharias, Walid]\n  phones: [\"+971501234567\"]\n  nationalities: [ER]\n  birth_date: \"1984\"\n")
	second := filepath.Join(tmp, "b", "hvts.yaml")
	write(second, "- hvt_id: HVT-002\n  primary_name: Ermias Ghirmay Medhanie\n  phones: [\"+218912345678\"]\n  nationalities: [ER]\n")
	res, err := LoadFiles(ctx, db, []string{first, second}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var absent []string
	for _, r := range res {
		absent = append(absent, r.Absent...)
	}
	if !slices.Equal(absent, []string{"HVT-003"}) {
		t.Errorf("absent %v, want [HVT-003]", absent)
	}
	var n int
	if err := db.SQL.QueryRow(`SELECT count(*) FROM watchlist_history WHERE change = 'absent'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("%d absent rows in the history (%v), want 1", n, err)
	}
}
