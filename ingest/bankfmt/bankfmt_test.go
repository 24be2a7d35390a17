package bankfmt

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The sample files are real bank exports described in SOURCES.md. They are
// read in place and never copied into the repository.
const samplesDir = "../../../shared/formats"

func samples(t testing.TB) string {
	t.Helper()
	if _, err := os.Stat(samplesDir); err != nil {
		t.Skip("…/shared/formats not found: sample bank files are not in this checkout")
	}
	return samplesDir
}

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// want is the part of an Entry a sample test pins down.
type want struct {
	index                         int
	line                          int
	booking, value                string
	amount, currency              string
	credit, reversal              bool
	counterparty, cpAccount, memo string
	reference                     string
}

func readFile(t *testing.T, path string) ([]Entry, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if strings.Contains(path, "camt053") {
		return ReadCAMT053(f)
	}
	return ReadMT940(f)
}

func TestSampleFiles(t *testing.T) {
	dir := samples(t)
	tests := []struct {
		file  string
		count int // MT940: :61: lines; camt: see the comment on each
		want  []want
	}{
		{"mt940/asn_0708271685_09022020_164516.940.txt", 8, []want{{
			// Counterparty from the first :86: line; a memo line cut at column 65 mid-word.
			index: 2, line: 50, booking: "2020-01-05", value: "2020-01-05", amount: "801.55", currency: "EUR",
			counterparty: "international card services", cpAccount: "NL08ABNA9999999999",
			memo:      "000000000000000000000000000000000 0000000000000000 Betaling aan ICS 99999999999 ICS Referentie: 2020-01-05 19:47 000000000000000",
			reference: "NL08ABNA9999999999",
		}}},
		{"mt940/betterplace_sepa_snippet.sta", 11, []want{{
			// CR mark with funds code; ?32/?33 name; SVWZ memo; EREF reference.
			index: 0, line: 5, booking: "2007-09-04", value: "2007-09-07", amount: "50990.05", currency: "EUR", credit: true,
			counterparty: "KARL KAUFMANN", cpAccount: "DE14508800500194785000",
			memo: "Verw CTSc-01 BC-PPP TFNr 22 004", reference: "EndToEndId TFNR 22 004 00001",
		}, {
			// DR mark; no SVWZ, so the whole purpose text.
			index: 3, line: 19, booking: "2007-09-04", value: "2007-09-04", amount: "1500.00", currency: "EUR",
			memo:      "KREF+TFNr 01022 MSGID CTSc-01 EBB MTLG:SEPA-Ueberweisungsauftrag Datei mit 0000001 Zahlungen",
			reference: "536D80EFEC56ACF8",
		}, {
			index: 6, line: 35, booking: "2007-09-04", value: "2007-09-04", amount: "15000", currency: "EUR", credit: true,
			memo:      "EREF+TFNR 40001 00002 MTLG:Grund nicht spezifiziert Reject aus SEPA-Ueberweisungsauftrag",
			reference: "TFNR 40001 00002",
		}}},
		{"mt940/fruitl00p_triodos_sample.sta", 8, []want{{
			// >20 BIC and >21 IBAN; the name is inside the description, not in a subfield.
			index: 2, line: 15, booking: "2012-11-23", value: "2012-11-23", amount: "150.00", currency: "EUR", credit: true,
			cpAccount: "AA99BBBB0555555555",
			memo:      "TENAAMSTELLING TEGENREKENING EN ADRES TEGENREKENING EN PLAATS TEGENREKENING EN EEN LANGE OMSCHRIJVING VAN DE TRANSACTIE",
		}}},
		{"mt940/jejik_ing.sta", 7, []want{{
			// TAB inside :86:.
			index: 1, line: 12, booking: "2010-07-22", value: "2010-07-22", amount: "3.03", currency: "EUR",
			memo: "0111111111 GPSEOUL SPOEDBETALING MPBZS1016000047 GPSEOUL",
		}, {
			// Soft hyphens dropped.
			index: 2, line: 14, booking: "2010-07-22", value: "2010-07-22", amount: "1.11", currency: "EUR",
			memo:      "0111111111 ING iDEAL KN: TMG TANGO TRANSACTIENR 0050000534527978 10062010 15:32 TMG TANGO ING Bank inzake GPKyoto",
			reference: "TMG TANGO",
		}, {
			index: 6, line: 22, booking: "2010-07-23", value: "2010-07-23", amount: "1.00", currency: "EUR", credit: true,
			memo: "0111111111 Hr S Marechal ROSMALEN Hr S Marechal ROSMALEN Betaling transactiedatum: 22-07-2010",
		}}},
		{"mt940/zilverline_abnamro_structured.txt", 10, []want{{
			index: 2, line: 12, booking: "2014-01-13", value: "2014-01-13", amount: "10", currency: "EUR",
			counterparty: "FOOBAR", cpAccount: "NL25ABNA0987654321", memo: "SAVINGS",
		}, {
			// Labelled text ("NAAM: …").
			index: 3, line: 25, booking: "2014-01-27", value: "2014-01-26", amount: "4", currency: "EUR", credit: true,
			counterparty: "NS GROEP INZAKE NSR IDEA", cpAccount: "NL70ABNA0888888888",
			memo: "4851430136 0030000 735822580 NS E-TICKET(S)", reference: "26-01-2014 18:14 003000 0735822580",
		}}},
		{"mt940/zilverline_ing_mt940_iban.txt", 21, []want{{
			index: 0, line: 8, booking: "2014-08-25", value: "2014-08-25", amount: "192.36", currency: "EUR",
			counterparty: "B Bert", cpAccount: "NL57ABNA0876543211", memo: "22-08-2014 Omschrijving", reference: "14237654096217",
		}, {
			index: 8, line: 40, booking: "2014-08-25", value: "2014-08-25", amount: "73.62", currency: "EUR",
			counterparty: "KPN - MOBIEL", cpAccount: "NL75INGB0000012345",
			memo: "Factuurnr: 2015/123456789.00. Kijk voor meer informatie op KPN.comof Hi.nl", reference: "02164810730000043",
		}}},
		{"mt940/zilverline_rabobank_mt940_structured.txt", 9, []want{{
			// Counterparty account on the line after :61:.
			index: 0, line: 6, booking: "2013-04-03", value: "2013-04-03", amount: "127.50", currency: "EUR",
			counterparty: "Nespresso Nederland B.V.", cpAccount: "NL96RBOS0523149468",
			memo: "674725433 1120000153447185 14144467636004962", reference: "02-04-2013 22:56 1120000153447185",
		}, {
			index: 3, line: 24, booking: "2013-04-04", value: "2013-04-04", amount: "1640.76", currency: "EUR", credit: true,
			counterparty: "DLN CONSULTING", cpAccount: "0117888613", memo: "factuurnummer 201303-128cursus certified PO",
		}}},
		// 2 Stmt with one Ntry each.
		{"camt053/genkgo_camt053.v2.multi.statement.xml", 2, []want{{
			index: 1, line: 145, booking: "2014-12-31", value: "2015-01-02", amount: "7.00", currency: "EUR",
			counterparty: "Company Name 2", cpAccount: "NL56AGDH9619008421", memo: "Transaction Description 2", reference: "000000002",
		}}},
		// 4 Ntry / 5 TxDtls: the last Ntry is a batch of 2 with amounts.
		{"camt053/viafintech_053_valid_example.xml", 5, []want{{
			index: 0, line: 60, booking: "2013-12-27", value: "2013-12-27", amount: "2.00", currency: "EUR",
			counterparty: "Testkonto Nummer 2", cpAccount: "DE09300606010012345671",
			memo: "TEST BERWEISUNG MITTELS BLZUND KONTONUMMER - DTA", reference: "EndToEndReference",
		}, {
			index: 3, line: 277, booking: "2013-12-27", value: "2013-12-27", amount: "3.50", currency: "EUR",
			counterparty: "Testkonto Nummer 1", cpAccount: "DE14740618130000033626",
			memo: "Sammelueberwseisung 2. Zahlung TAN:283044", reference: "STZV-EtE27122013-11:02-1",
		}}},
		// 13 Ntry / 32 TxDtls, every TxDtls with an amount: one entry each.
		{"camt053/viafintech_053_valid_example_v4.xml", 32, []want{{
			index: 6, line: 292, booking: "2016-05-27", value: "2016-05-30", amount: "100.00", currency: "CHF", credit: true,
			counterparty: "Hans Kaufmann",
			memo:         "SAMMELGUTSCHRIFT ESR VERARBEITUNG VOM 27.05.2016 KUNDENNUMMER 01-000000-4 PAKET ID: 160527CH000000RU",
			reference:    "CreditorReference",
		}, {
			// Reversed direct debit: money out, the payer is still the Dbtr.
			index: 30, line: 1907, booking: "2016-04-10", value: "2016-04-10", amount: "6.00", currency: "CHF", reversal: true,
			counterparty: "Bernasconi Maria", cpAccount: "CH3709000000250094580", memo: "Mitteilung 128", reference: "EndToEnd-2B6C-CHDDBB5",
		}}},
		// 3 Ntry with one TxDtls each.
		{"camt053/viafintech_053_valid_example_v8.xml", 3, []want{{
			index: 0, line: 84, booking: "2023-06-20", value: "2023-06-20", amount: "474.4", currency: "CHF", credit: true,
			counterparty: "Jon Doe", memo: "INVOICE R77561", reference: "80000004540000100095",
		}, {
			index: 2, line: 259, booking: "2023-06-20", value: "2023-06-20", amount: "20.97", currency: "EUR",
			counterparty: "DHL Express (Schweiz) AG", cpAccount: "CH2222222222222222222",
			memo: "e-banking Order // FILETRANSFER", reference: "1208481",
		}}},
	}

	// Every sample file is covered, so a new one cannot go untested.
	covered := map[string]bool{}
	for _, tt := range tests {
		covered[tt.file] = true
	}
	for _, sub := range []string{"mt940", "camt053"} {
		files, _ := filepath.Glob(filepath.Join(dir, sub, "*"))
		for _, f := range files {
			if name := sub + "/" + filepath.Base(f); !covered[name] {
				t.Errorf("sample %s has no test case", name)
			}
		}
	}

	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			entries, err := readFile(t, path)
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			if len(entries) != tt.count {
				t.Fatalf("got %d entries, want %d", len(entries), tt.count)
			}
			text, _ := os.ReadFile(path)
			lines := strings.Split(string(text), "\n")
			for i, e := range entries {
				if e.Problem != "" {
					t.Errorf("entry %d (line %d): unexpected problem %q", i, e.Line, e.Problem)
				}
				if e.Line < 1 || e.Line > len(lines) {
					t.Fatalf("entry %d: line %d out of range", i, e.Line)
				}
				// Line points at where the entry starts.
				if l := strings.TrimSpace(lines[e.Line-1]); !strings.HasPrefix(l, ":61:") && l != "<Ntry>" && l != "<TxDtls>" {
					t.Errorf("entry %d: line %d is %q, not the entry start", i, e.Line, l)
				}
				if e.Statement == "" || e.Account == "" || e.BookingDate.IsZero() {
					t.Errorf("entry %d: missing statement, account or booking date: %+v", i, e)
				}
			}
			for _, w := range tt.want {
				e := entries[w.index]
				got := want{w.index, e.Line, e.BookingDate.Format(time.DateOnly), e.ValueDate.Format(time.DateOnly),
					e.Amount, e.Currency, e.Credit, e.Reversal, e.Counterparty, e.CounterpartyAccount, e.Memo, e.Reference}
				if got != w {
					t.Errorf("entry %d:\n got %+v\nwant %+v", w.index, got, w)
				}
			}
		})
	}
}

// SOURCES.md counts Ntry and TxDtls; check the files still say so.
func TestCAMTSampleCounts(t *testing.T) {
	dir := samples(t)
	for file, c := range map[string][2]int{
		"genkgo_camt053.v2.multi.statement.xml": {2, 2},
		"viafintech_053_valid_example.xml":      {4, 5},
		"viafintech_053_valid_example_v4.xml":   {13, 32},
		"viafintech_053_valid_example_v8.xml":   {3, 3},
	} {
		b, err := os.ReadFile(filepath.Join(dir, "camt053", file))
		if err != nil {
			t.Fatal(err)
		}
		if n, tx := bytes.Count(b, []byte("<Ntry>")), bytes.Count(b, []byte("<TxDtls>")); n != c[0] || tx != c[1] {
			t.Errorf("%s: %d Ntry / %d TxDtls, SOURCES.md says %d / %d", file, n, tx, c[0], c[1])
		}
	}
}

func TestRawFields(t *testing.T) {
	dir := samples(t)
	mt, err := readFile(t, filepath.Join(dir, "mt940/zilverline_rabobank_mt940_structured.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range mt[0].Raw {
		names = append(names, f.Name)
	}
	if got := strings.Join(names, " "); got != ":20: :25: :28C: :60F: :61: :86:" {
		t.Errorf("MT940 raw tags = %s", got)
	}
	if got := mt[0].Raw[4].Value; got != "130403D000000000127,50N102EREF\nNL96RBOS0523149468" {
		t.Errorf("MT940 raw :61: = %q", got)
	}

	// Raw keeps what the bank wrote, soft hyphens included; Memo drops them.
	ing, err := readFile(t, filepath.Join(dir, "mt940/jejik_ing.sta"))
	if err != nil {
		t.Fatal(err)
	}
	if raw := ing[2].Raw[len(ing[2].Raw)-1]; raw.Name != ":86:" || !strings.Contains(raw.Value, "10\u00ad06\u00ad2010") {
		t.Errorf("jejik raw :86: = %q", raw)
	}

	camt, err := readFile(t, filepath.Join(dir, "camt053/viafintech_053_valid_example_v4.xml"))
	if err != nil {
		t.Fatal(err)
	}
	raw := map[string][]string{}
	for _, f := range camt[6].Raw { // first TxDtls of the batch of 10
		raw[f.Name] = append(raw[f.Name], f.Value)
	}
	for name, v := range map[string]string{
		"Amt": "1000.00", "Amt@Ccy": "CHF", "NtryDtls/Btch/NbOfTxs": "10",
		"NtryDtls/TxDtls/Amt": "100.00", "NtryDtls/TxDtls/RltdPties/Dbtr/Nm": "Hans Kaufmann",
	} {
		if got := raw[name]; len(got) != 1 || got[0] != v {
			t.Errorf("camt raw %s = %q, want only %q", name, got, v)
		}
	}
}

func TestParse61(t *testing.T) {
	tests := []struct {
		in               string
		value, booking   string
		amount, txCode   string
		credit, reversal bool
		custRef, bankRef string
		problem          string // substring; "" for none
	}{
		{in: "1401260127C4,N944NONREF", value: "2014-01-26", booking: "2014-01-27", amount: "4", txCode: "N944", credit: true, custRef: "NONREF"},
		{in: "100722D25,03NTRFNONREF", value: "2010-07-22", booking: "2010-07-22", amount: "25.03", txCode: "NTRF", custRef: "NONREF"},
		{in: "2001050105RC12,50NTRFREF1//BANK2", value: "2020-01-05", booking: "2020-01-05", amount: "12.50", txCode: "NTRF", reversal: true, custRef: "REF1", bankRef: "BANK2"},
		{in: "200105RD7,NCHGNONREF", value: "2020-01-05", booking: "2020-01-05", amount: "7", txCode: "NCHG", credit: true, reversal: true, custRef: "NONREF"},
		{in: "200105RCR7,00NTRFX", value: "2020-01-05", booking: "2020-01-05", amount: "7.00", txCode: "NTRF", reversal: true, custRef: "X"},
		{in: "0709070904CR50990,05NTRFNONREF//0724710333343453", value: "2007-09-07", booking: "2007-09-04", amount: "50990.05", txCode: "NTRF", credit: true, custRef: "NONREF", bankRef: "0724710333343453"},
		{in: "0709040904DR1500,00NTRFKREF+//536D80EFEC56ACF8", value: "2007-09-04", booking: "2007-09-04", amount: "1500.00", txCode: "NTRF", custRef: "KREF+", bankRef: "536D80EFEC56ACF8"},
		{in: "1312310101C1,00NTRFNONREF", value: "2013-12-31", booking: "2014-01-01", amount: "1.00", txCode: "NTRF", credit: true, custRef: "NONREF"},
		{in: "1401011231D1,00NTRFNONREF", value: "2014-01-01", booking: "2013-12-31", amount: "1.00", txCode: "NTRF", custRef: "NONREF"},
		{in: "121123D10,00NIT NONREF", value: "2012-11-23", booking: "2012-11-23", amount: "10.00", txCode: "NIT", custRef: "NONREF"},
		{in: "130403D000000000127,50N102EREF", value: "2013-04-03", booking: "2013-04-03", amount: "127.50", txCode: "N102", custRef: "EREF"},
		{in: "991231C0,00S103X", value: "1999-12-31", booking: "1999-12-31", amount: "0.00", txCode: "S103", credit: true, custRef: "X"},
		{in: "140101C12.50NTRF", value: "2014-01-01", booking: "2014-01-01", credit: true, custRef: ".50NTRF", problem: ":61: amount \"12\""},
		{in: "140101C1,2,3NTRF", value: "2014-01-01", booking: "2014-01-01", txCode: "NTRF", credit: true, problem: ":61: amount"},
		{in: "141301C1,00NTRF", value: "0001-01-01", booking: "0001-01-01", amount: "1.00", txCode: "NTRF", credit: true, problem: "value date"},
		{in: "1401010230C1,00NTRF", value: "2014-01-01", booking: "2014-01-01", amount: "1.00", txCode: "NTRF", credit: true, problem: "entry date"},
		{in: "140101X1,00NTRF", value: "2014-01-01", booking: "2014-01-01", problem: "debit/credit mark"},
		{in: "140101C1,00", value: "2014-01-01", booking: "2014-01-01", amount: "1.00", credit: true, problem: "transaction type"},
		{in: "14", value: "0001-01-01", booking: "0001-01-01", problem: "value date"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var e Entry
			cust, bank, problems := parse61(tt.in, &e)
			p := strings.Join(problems, "; ")
			if tt.problem == "" && p != "" || tt.problem != "" && !strings.Contains(p, tt.problem) {
				t.Errorf("problems = %q, want %q", p, tt.problem)
			}
			if got := e.ValueDate.Format(time.DateOnly); got != tt.value {
				t.Errorf("value date = %s, want %s", got, tt.value)
			}
			if got := e.BookingDate.Format(time.DateOnly); got != tt.booking {
				t.Errorf("booking date = %s, want %s", got, tt.booking)
			}
			if e.Amount != tt.amount || e.TxCode != tt.txCode || e.Credit != tt.credit || e.Reversal != tt.reversal {
				t.Errorf("amount %q txcode %q credit %v reversal %v; want %q %q %v %v",
					e.Amount, e.TxCode, e.Credit, e.Reversal, tt.amount, tt.txCode, tt.credit, tt.reversal)
			}
			if cust != tt.custRef || bank != tt.bankRef {
				t.Errorf("refs = %q, %q; want %q, %q", cust, bank, tt.custRef, tt.bankRef)
			}
		})
	}
}

const inlineMT940 = `:20:STMT1
:25:NL91ABNA0417164300
:28C:1/1
:60F:C240101EUR100,00
:61:2401020102D12,34,56NTRFNONREF
:86:/BENM//NAME/Someone/REMI/first/
:61:2401030103C50,00NTRFNONREF//B2
:86:/ORDP//NAME/Payer Name/REMI/ransom part 1/
:62F:C240103EUR137,66
-
`

func TestMalformedAmountIsAProblem(t *testing.T) {
	entries, err := ReadMT940(strings.NewReader(inlineMT940))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Fatalf("got %d entries, want 2: a bad entry is never dropped", len(entries))
	}
	bad, good := entries[0], entries[1]
	if !strings.Contains(bad.Problem, ":61: amount") || bad.Line != 5 || bad.Counterparty != "Someone" {
		t.Errorf("bad entry: problem %q line %d counterparty %q", bad.Problem, bad.Line, bad.Counterparty)
	}
	if good.Problem != "" || good.Amount != "50.00" || good.Counterparty != "Payer Name" || good.Memo != "ransom part 1" || good.Reference != "B2" {
		t.Errorf("good entry: %+v", good)
	}
}

func TestCAMTBatches(t *testing.T) {
	doc := func(ntryAmt, txs string) string {
		return `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt>
<Id>S1</Id><Acct><Id><Othr><Id>12345</Id></Othr></Id></Acct>
<Ntry>
<Amt Ccy="EUR">` + ntryAmt + `</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><DtTm>2024-03-01T10:00:00+01:00</DtTm></BookgDt>
<NtryDtls>` + txs + `</NtryDtls><AddtlNtryInf>batch</AddtlNtryInf>
</Ntry></Stmt></BkToCstmrStmt></Document>`
	}
	tx := func(amt, name string) string {
		a := ""
		if amt != "" {
			a = `<Amt Ccy="EUR">` + amt + `</Amt>`
		}
		return "<TxDtls>" + a + "<RltdPties><Dbtr><Nm>" + name + "</Nm></Dbtr></RltdPties></TxDtls>\n"
	}
	tests := []struct {
		name, ntryAmt, txs string
		amounts, names     []string
		problem            string
	}{
		{"split", "30.00", tx("10.00", "A") + tx("20.00", "B"), []string{"10.00", "20.00"}, []string{"A", "B"}, ""},
		{"no amounts: one entry", "30.00", tx("", "A") + tx("", "B"), []string{"30.00"}, []string{""}, ""},
		{"sum differs", "30.00", tx("10.00", "A") + tx("5.00", "B"), []string{"10.00", "5.00"}, []string{"A", "B"}, "add up to 15.00"},
		{"one TxDtls takes the Ntry amount", "30.00", tx("29.00", "A"), []string{"30.00"}, []string{"A"}, ""},
		{"bad amount", "3O.00", tx("", "A"), []string{""}, []string{"A"}, `Amt "3O.00" is not a decimal amount`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries, err := ReadCAMT053(strings.NewReader(doc(tt.ntryAmt, tt.txs)))
			if err != nil {
				t.Fatal(err)
			}
			var amounts, names []string
			for _, e := range entries {
				amounts, names = append(amounts, e.Amount), append(names, e.Counterparty)
				if tt.problem == "" && e.Problem != "" || !strings.Contains(e.Problem, tt.problem) {
					t.Errorf("problem = %q, want %q", e.Problem, tt.problem)
				}
				if e.Account != "12345" || e.BookingDate != date("2024-03-01") || !e.ValueDate.IsZero() {
					t.Errorf("account %q booking %v value %v", e.Account, e.BookingDate, e.ValueDate)
				}
			}
			if strings.Join(amounts, " ") != strings.Join(tt.amounts, " ") || strings.Join(names, " ") != strings.Join(tt.names, " ") {
				t.Errorf("amounts %q names %q, want %q %q", amounts, names, tt.amounts, tt.names)
			}
		})
	}
}

func TestFormatErrors(t *testing.T) {
	truncatedCAMT := `<?xml version="1.0"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Id>S</Id>
<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2024-01-01</Dt></BookgDt></Ntry>
<Ntry><Amt Ccy="EUR">2.00</Amt>`
	tests := []struct {
		name    string
		read    func(io.Reader) ([]Entry, error)
		in      string
		line    int
		entries int
	}{
		{"mt940 not mt940", ReadMT940, "Date,Amount\n2024-01-01,5\n", 1, 0},
		{"mt940 empty", ReadMT940, "", 1, 0},
		{"mt940 no :20:", ReadMT940, "\n:25:NL91ABNA0417164300\n:60F:C240101EUR1,00\n:61:240101C1,00NTRF\n-\n", 2, 0},
		{"mt940 truncated envelope", ReadMT940, "{1:F01ASNBNL21XXXX0000000000}{2:O940ASNBNL21XXXXN}{4:\n" +
			":20:X\n:25:NL91ABNA0417164300\n:60F:C240101EUR1,00\n:61:240101C1,00NTRFNONREF\n", 1, 1},
		{"camt not XML", ReadCAMT053, "this is not xml", 1, 0},
		{"camt other root", ReadCAMT053, `<rss version="2.0"></rss>`, 1, 0},
		{"camt.052", ReadCAMT053, `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.02"><BkToCstmrAcctRpt/></Document>`, 1, 0},
		{"camt truncated", ReadCAMT053, truncatedCAMT, 4, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries, err := tt.read(strings.NewReader(tt.in))
			var fe *FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want *FormatError", err)
			}
			if fe.Line != tt.line || len(entries) != tt.entries {
				t.Errorf("line %d with %d entries, want line %d with %d (%v)", fe.Line, len(entries), tt.line, tt.entries, err)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	dir := samples(t)
	for _, format := range []string{"mt940", "camt053"} {
		files, _ := filepath.Glob(filepath.Join(dir, format, "*"))
		if len(files) == 0 {
			t.Fatalf("no %s samples", format)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, head := range [][]byte{b[:min(len(b), 512)], b, append([]byte("\ufeff"), b[:min(len(b), 512)]...)} {
				if got := Sniff(head); got != format {
					t.Errorf("Sniff(%s, %d bytes) = %q, want %q", filepath.Base(f), len(head), got, format)
				}
			}
		}
	}
	csvs, _ := filepath.Glob(filepath.Join(dir, "bank_csv", "*"))
	for _, f := range csvs {
		b, _ := os.ReadFile(f)
		if got := Sniff(b[:min(len(b), 512)]); got != "" {
			t.Errorf("Sniff(%s) = %q, want \"\"", filepath.Base(f), got)
		}
	}
	for _, tt := range []struct{ name, in, want string }{
		{"csv", "Datum,Naam / Omschrijving,Rekening,Tegenrekening,Code,Af Bij,Bedrag (EUR)\n", ""},
		{"xlsx", "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", ""},
		{"empty", "", ""},
		{"camt without namespace", "<Document><BkToCstmrStmt><GrpHdr>", "camt053"},
		{"camt.053.001.10, Latin-1", `<?xml version="1.0" encoding="ISO-8859-1"?>` + "\n" +
			`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.10">`, "camt053"},
		{"camt.054", `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn>`, ""},
		{"other XML", "<rss><channel>", ""},
		{"bare MT940, CRLF", ":20:X\r\n:25:Y\r\n", "mt940"},
		{"MT942 envelope", "{1:F01ABNANL2AAXXX0000000000}{2:O942ABNANL2AXXXN}{4:\n:20:X\n", ""},
		{"text mentioning :20:", "Just some text\n:20: is a tag\n", ""},
	} {
		if got := Sniff([]byte(tt.in)); got != tt.want {
			t.Errorf("Sniff(%s) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

var amountRe = regexp.MustCompile(`^\d+(\.\d+)?$`)

func FuzzReadMT940(f *testing.F) {
	f.Add([]byte(inlineMT940))
	f.Add([]byte("{1:F01X}{2:O940X}{4:\r\n:20:A\r\n:60F:C240101EUR1,\r\n:61:2401010101RD1,NTRF//\r\n:86:?20x?3\r\n-}{5:}{1:F01X}{4:\n"))
	if files, err := filepath.Glob(filepath.Join(samplesDir, "mt940", "*")); err == nil {
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, _ := ReadMT940(bytes.NewReader(data))
		for _, e := range entries {
			if e.Line < 1 {
				t.Errorf("entry without a line: %+v", e)
			}
			// An entry without a problem is usable as it is.
			if e.Problem == "" && (!amountRe.MatchString(e.Amount) || len(e.Currency) != 3 || e.ValueDate.IsZero()) {
				t.Errorf("entry has no problem but amount %q currency %q value date %v", e.Amount, e.Currency, e.ValueDate)
			}
		}
	})
}

func FuzzReadCAMT053(f *testing.F) {
	f.Add([]byte(`<Document><BkToCstmrStmt><Stmt><Ntry><Amt Ccy="EUR">1</Amt><NtryDtls><TxDtls/><TxDtls/></NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>`))
	if files, err := filepath.Glob(filepath.Join(samplesDir, "camt053", "*")); err == nil {
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, _ := ReadCAMT053(bytes.NewReader(data))
		for _, e := range entries {
			if e.Problem == "" && (!amountRe.MatchString(e.Amount) || e.Currency == "" || e.BookingDate.IsZero()) {
				t.Errorf("entry has no problem but amount %q currency %q booking date %v", e.Amount, e.Currency, e.BookingDate)
			}
		}
	})
}
