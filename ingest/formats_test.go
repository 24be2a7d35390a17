package ingest

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sharedFormat returns a real sample file written by a bank or another
// project; they live beside the repository (CI has them), never in it.
func sharedFormat(t *testing.T, rel string) string {
	t.Helper()
	path := filepath.Join("..", "..", "shared", "formats", rel)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s not found: the real sample files (../shared/formats) are not beside this checkout", path)
	}
	return path
}

// txnRows returns the loaded transactions of one file, one line each.
func txnRows(t *testing.T, path string, opts Options) (FileResult, []string, []string) {
	t.Helper()
	db := openDB(t)
	res, err := Files(context.Background(), db, []string{path}, opts)
	if err != nil {
		t.Fatal(err)
	}
	txns := column(t, db, `SELECT concat_ws('|', source_row, strftime(occurred_at, '%Y-%m-%d'), amount, currency,
		coalesce(sender_name, '-'), coalesce(sender_account, '-'), coalesce(beneficiary_name, '-'),
		coalesce(beneficiary_account, '-'), coalesce(memo, '-')) FROM transactions ORDER BY source_row`)
	quarantined := column(t, db, `SELECT source_row || ': ' || reasons FROM quarantine ORDER BY source_row`)
	return res[0], txns, quarantined
}

func TestRabobankCSV(t *testing.T) {
	res, txns, q := txnRows(t, sharedFormat(t, "bank_csv/rabobank_CSV_A_20180414_112204.csv"), Options{})
	if res.Profile != "rabobank_csv" || res.Kind != "bank" || res.RowsRead != 3 || res.RowsLoaded != 2 || res.RowsQuarantined != 1 ||
		res.Format != "text (windows-1252, comma-delimited)" {
		t.Fatalf("result %+v", res)
	}
	want := []string{
		"2|2018-03-01|337.490|EUR|-|NL77RABO0311467415|-|3114904483|RENTE LENING",
		"4|2018-03-16|750.000|EUR|-|NL77RABO0311467415|W. Koelewijn|NL47BUNQ2025181418|Naar Bunq",
	}
	if strings.Join(txns, "\n") != strings.Join(want, "\n") {
		t.Errorf("transactions\n%s\nwant\n%s", strings.Join(txns, "\n"), strings.Join(want, "\n"))
	}
	// The second data row lacks its opening quote: it is kept, not guessed.
	if len(q) != 1 || !strings.HasPrefix(q[0], "3: the row cannot be read: field 1: a quote inside an unquoted field") {
		t.Errorf("quarantine %q", q)
	}
}

func TestABNAMROTab(t *testing.T) {
	res, txns, q := txnRows(t, sharedFormat(t, "bank_csv/abnamro_TXT_SAMPLE.TAB"), Options{})
	if res.Profile != "abnamro_tab" || res.RowsRead != 26 || res.RowsLoaded != 26 || len(q) != 0 {
		t.Fatalf("result %+v, quarantine %q", res, q)
	}
	for _, want := range []string{
		"14|2021-12-30|25.000|EUR|-|123456789|-|-|BEA NR:A1B23C 30.12.21/09.15 Hema EV123,PAS123 ZAANDAM",
		"|2023-02-02|39.350|EUR|-|123456789|Next to Pay via Mollie|NL01RABO0123456789|SEPA iDEAL IBAN: NL01RABO0123456789",
		"|2023-12-31|261.750|EUR|FizzBuz Foobarfizbuzbank|NL01RABO0123456789|-|123456789|/TRTP/SEPA OVERBOEKING/",
	} {
		found := false
		for _, txn := range txns {
			if strings.Contains(txn, want) {
				found = true
			}
		}
		if !found {
			t.Errorf("no transaction like %q in\n%s", want, strings.Join(txns, "\n"))
		}
	}
	if !strings.Contains(strings.Join(res.Notes, "\n"), "comment lines") {
		t.Errorf("notes %q do not mention the skipped comment lines", res.Notes)
	}
}

func TestBankStatements(t *testing.T) {
	tests := []struct {
		file    string
		entries int
		want    string // one transaction, as txnRows writes it
	}{
		{"mt940/asn_0708271685_09022020_164516.940.txt", 8, ""},
		{"mt940/betterplace_sepa_snippet.sta", 11, ""},
		{"mt940/fruitl00p_triodos_sample.sta", 8, ""},
		{"mt940/jejik_ing.sta", 7, ""},
		{"mt940/zilverline_abnamro_structured.txt", 10, ""},
		{"mt940/zilverline_ing_mt940_iban.txt", 21, ""},
		{"mt940/zilverline_rabobank_mt940_structured.txt", 9,
			"6|2013-04-03|127.500|EUR|-|NL50RABO0123456789|Nespresso Nederland B.V.|NL96RBOS0523149468|674725433 1120000153447185 14144467636004962"},
		{"camt053/genkgo_camt053.v2.multi.statement.xml", 2, ""},
		{"camt053/viafintech_053_valid_example.xml", 5, ""},
		{"camt053/viafintech_053_valid_example_v4.xml", 32, ""},
		{"camt053/viafintech_053_valid_example_v8.xml", 3, ""},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			res, txns, q := txnRows(t, sharedFormat(t, tt.file), Options{})
			if res.Kind != "bank" || res.RowsRead != tt.entries || res.RowsLoaded != tt.entries || len(q) != 0 {
				t.Fatalf("result %+v, quarantine %q", res, q)
			}
			if tt.want != "" && !slices.Contains(txns, tt.want) {
				t.Errorf("no transaction %q in\n%s", tt.want, strings.Join(txns, "\n"))
			}
			for _, txn := range txns {
				parts := strings.Split(txn, "|")
				// Every entry has the account holder on one side.
				if parts[5] == "-" && parts[7] == "-" {
					t.Errorf("entry without the account holder: %s", txn)
				}
			}
		})
	}
}
