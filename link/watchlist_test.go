package link

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// -update rewrites the golden files; defined here unless another test file
// of the package already defines it.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files under testdata/")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// golden compares got with a file under testdata/, or rewrites it with
// -update (go test ./link -run Watchlist -update).
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if updating() {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./link -run Watchlist -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run go test ./link -run Watchlist -update and review the diff):\n%s", path, got)
	}
}

// parsed is what reading one file gives, as the golden files hold it.
type parsed struct {
	Format   Format   `json:"format"`
	Entries  []Entry  `json:"entries"`
	Skipped  int      `json:"skipped"`
	Notes    []string `json:"notes,omitempty"`
	Problems []string `json:"problems,omitempty"`
}

func parseForTest(t *testing.T, path string) parsed {
	t.Helper()
	var p parsed
	format, err := detectFile(path)
	if err != nil {
		p.Problems = strings.Split(err.Error(), "\n")
		return p
	}
	res := FileResult{Path: path, Format: format}
	err = parseFile(context.Background(), &res, map[string]string{}, func(e *Entry) error {
		p.Entries = append(p.Entries, *e)
		return nil
	})
	if err != nil {
		if !errors.Is(err, ErrWatchlist) {
			t.Fatalf("%s: %v is not a watchlist problem", path, err)
		}
		p.Problems = strings.Split(err.Error(), "\n")
	}
	if res.Entries != len(p.Entries) {
		t.Errorf("%s: %d entries counted, %d emitted", path, res.Entries, len(p.Entries))
	}
	p.Format, p.Skipped, p.Notes = format, res.Skipped, res.Notes
	return p
}

func marshal(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Every file under testdata/watchlist/parse, good and bad, in every
// format, against its golden file: the entries, notes and problems.
func TestParseWatchlistFormats(t *testing.T) {
	dir := filepath.Join("testdata", "watchlist", "parse")
	files, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f.Name(), ".golden.json") {
			continue
		}
		t.Run(f.Name(), func(t *testing.T) {
			path := filepath.Join(dir, f.Name())
			golden(t, path+".golden.json", marshal(t, parseForTest(t, path)))
		})
	}
}

// xlsx inputs are built here, so that testdata holds no binary files; the
// goldens are under testdata/watchlist/xlsx.
func TestParseWatchlistXLSX(t *testing.T) {
	header := []any{"HVT ID", "Primary name", "Aliases", "Phones", "Accounts", "Nationalities", "Birth date", "Notes"}
	cases := []struct {
		name   string
		sheets []xlsxSheetSpec
	}{
		{"good", []xlsxSheetSpec{
			{"Read me", [][]any{{"HVTs of operation Sahara; one row each."}}},
			{"HVTs", [][]any{
				header,
				{"HVT-601", "Kidane Zekarias", "Walid (weak); Kidane Zacharias [source=informant K-12]", int64(971501234567), "AE070331234567890123456",
					"ER", time.Date(1984, 3, 7, 0, 0, 0, 0, time.UTC), "typed +971…: Excel keeps 971…"},
				{},
				{"HVT-602", "Ermias Ghirmay", nil, "0911 234567; +218 91 234 5678", nil, "ET", 1980},
				{1003, "Numeric Id", nil, nil, int64(123456789), nil, "1975-06"},
			}},
		}},
		{"bad", []xlsxSheetSpec{
			{"HVTs", [][]any{
				{},
				header,
				{"HVT-701", "A B", "Abu A (medium)", "+1 555", nil, "Atlantis", 30},
				{"HVT-701", "C D"},
				{nil, "E F"},
			}},
		}},
		{"no_header", []xlsxSheetSpec{
			{"Sheet1", [][]any{{"name", "phone"}, {"A B", "+971501234567"}}},
		}},
	}
	tmp := t.TempDir()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(tmp, c.name+".xlsx")
			writeXLSX(t, path, c.sheets)
			got := bytes.ReplaceAll(marshal(t, parseForTest(t, path)), []byte(tmp+string(filepath.Separator)), []byte("TMP/"))
			golden(t, filepath.Join("testdata", "watchlist", "xlsx", c.name+".golden.json"), got)
		})
	}
}

type xlsxSheetSpec struct {
	name string
	rows [][]any
}

func writeXLSX(t *testing.T, path string, sheets []xlsxSheetSpec) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			if len(row) == 0 {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}
