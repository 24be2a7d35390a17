package ingest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Layouts nobody wrote a profile for are read from their headers, in the
// languages of the field.
func TestHeaderSynonyms(t *testing.T) {
	tests := []struct {
		name, file, content string
		kind                string
		want                []string // concat_ws('|', kind, occurred_at, amount, currency, sender_name, sender_account, beneficiary_name, beneficiary_account, memo)
		notes               []string
	}{
		{
			name: "Dutch bank export with decimal commas and Af/Bij",
			file: "ing.csv",
			content: `"Datum";"Naam / Omschrijving";"Rekening";"Tegenrekening";"Code";"Af Bij";"Bedrag (EUR)";"Mutatiesoort";"Mededelingen"
"20250314";"M OSMAN";"NL91ABNA0417164300";"NL20INGB0001234567";"GT";"Af";"1.500,00";"Online bankieren";"familie"
"20250315";"SALARIS BV";"NL91ABNA0417164300";"NL39RABO0300065264";"OV";"Bij";"2.345,67";"Overschrijving";"salaris maart"
`,
			want: []string{
				"bank|2025-03-14 00:00:00|1500.000|EUR|-|NL91ABNA0417164300|M OSMAN|NL20INGB0001234567|familie",
				"bank|2025-03-15 00:00:00|2345.670|EUR|SALARIS BV|NL39RABO0300065264|-|NL91ABNA0417164300|salaris maart",
			},
		},
		{
			name: "Italian MTO export with first and last names, day-first dates and a separate time",
			file: "mto.csv",
			content: `Riferimento,Data,Ora,Nome mittente,Cognome mittente,Beneficiario,Importo,Valuta,Causale
IT-1,14/03/2025,10:22,Senait,Tewelde,Mohamed Osman Ali,"1.200,00",EUR,famiglia
IT-2,03/04/2025,09:00,Yonas,Haile,Mohamed Osman Ali,"800,00",EUR,
`,
			want: []string{
				"remittance|2025-03-14 10:22:00|1200.000|EUR|Senait Tewelde|-|Mohamed Osman Ali|-|famiglia",
				"remittance|2025-04-03 09:00:00|800.000|EUR|Yonas Haile|-|Mohamed Osman Ali|-|-",
			},
		},
		{
			name: "hawala book with a title, Arabic and Amharic headers",
			file: "ledger.csv",
			content: `دفتر الحوالات - مارس
,,,
التاريخ,المرسل,ተቀባይ,ስልክ,المبلغ,العملة
2025-03-05,محمد عثمان,Kidane Zekarias,+971501234567,"USD 4,000",
2025-03-06,Abel Tesfay,Kidane Zekarias,+971501234567,300,USD
`,
			kind: "hawala",
			want: []string{
				"hawala|2025-03-05 00:00:00|4000.000|USD|محمد عثمان|-|Kidane Zekarias|-|-",
				"hawala|2025-03-06 00:00:00|300.000|USD|Abel Tesfay|-|Kidane Zekarias|-|-",
			},
			notes: []string{"1 row above the header skipped"},
		},
		{
			name: "month-first dates are recognised from a day above 12",
			file: "us.csv",
			content: `Date,Sender,Receiver,Amount,Currency
03/04/2025,A B,C D,100,USD
03/14/2025,A B,C D,"1,250.00",USD
`,
			want: []string{
				"remittance|2025-03-04 00:00:00|100.000|USD|A B|-|C D|-|-",
				"remittance|2025-03-14 00:00:00|1250.000|USD|A B|-|C D|-|-",
			},
		},
		{
			name: "ambiguous dates are read day first, and the note says so",
			file: "eu.csv",
			content: `Date,Sender,Receiver,Amount,Currency
03/04/2025,A B,C D,100,USD
`,
			want:  []string{"remittance|2025-04-03 00:00:00|100.000|USD|A B|-|C D|-|-"},
			notes: []string{"read day first"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openDB(t)
			res, err := Files(context.Background(), db, []string{writeFile(t, tt.file, tt.content)}, Options{Kind: tt.kind})
			if err != nil {
				t.Fatal(err)
			}
			if res[0].RowsQuarantined != 0 || res[0].Profile != "auto" {
				t.Fatalf("result %+v, quarantine %q", res[0], column(t, db, `SELECT reasons FROM quarantine`))
			}
			got := column(t, db, `SELECT concat_ws('|', kind, occurred_at, amount, currency, coalesce(sender_name, '-'),
				coalesce(sender_account, '-'), coalesce(beneficiary_name, '-'), coalesce(beneficiary_account, '-'), coalesce(memo, '-'))
				FROM transactions ORDER BY source_row`)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			notes := strings.Join(res[0].Notes, "\n")
			for _, n := range tt.notes {
				if !strings.Contains(notes, n) {
					t.Errorf("notes %q lack %q", notes, n)
				}
			}
		})
	}
}

// Payer and payee columns of every kind are found, and numbers a
// spreadsheet stored without their + are read as international, also
// when the row's country is another (a collector in Sudan on a UAE SIM).
func TestPayerPayeeColumnsAndNumbersWithoutPlus(t *testing.T) {
	db := openDB(t)
	path := writeFile(t, "book.csv", `Date,Payer,Payer Phone,Payer Country,Payer City,Payee,Payee Phone,Payee Country,Payee City,Payee Account,Amount,Currency
2025-03-05,Abel Tesfay,31612345678,NL,Utrecht,Kidane Zekarias,971501234567,SD,Khartoum,AE070331234567890123456,300,USD
`)
	if _, err := Files(context.Background(), db, []string{path}, Options{}); err != nil {
		t.Fatal(err)
	}
	got := column(t, db, `SELECT concat_ws('|', sender_phone, sender_country, sender_city, beneficiary_phone,
		beneficiary_country, beneficiary_city, beneficiary_account, coalesce(flags::VARCHAR, '-')) FROM transactions`)
	want := "+31612345678|NL|Utrecht|+971501234567|SD|Khartoum|AE070331234567890123456|-"
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// A workbook as a broker keeps it: a title, a two-row header whose group
// labels are merged cells, a formula for the USD value, a totals sheet.
func TestWorkbookWithMergedHeaderAndFormulas(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "March"))
	must(f.SetSheetRow("March", "A1", &[]any{"Hagos Money Transfer — March 2025"}))
	must(f.SetSheetRow("March", "A2", &[]any{"Date", "Sender", nil, "Receiver", nil, "Amount ETB", "Rate", "Amount USD"}))
	must(f.SetSheetRow("March", "A3", &[]any{nil, "Name", "Phone", "Name", "Phone"}))
	must(f.MergeCell("March", "B2", "C2"))
	must(f.MergeCell("March", "D2", "E2"))
	must(f.SetSheetRow("March", "A4", &[]any{"2025-03-05", "Abel Tesfay", "+251911234567", "Kidane Zekarias", "+971501234567", 250000, 125}))
	must(f.SetCellFormula("March", "H4", "F4/G4"))
	must(f.SetCellValue("March", "H4", 2000)) // the cached value Excel would have stored
	must(f.SetSheetRow("March", "A5", &[]any{"2025-03-06", "Senait Berhe", "+251911765432", "Kidane Zekarias"}))
	_, err := f.NewSheet("Totals")
	must(err)
	must(f.SetSheetRow("Totals", "A1", &[]any{"Total ETB", 250000}))
	path := filepath.Join(t.TempDir(), "ledger.xlsx")
	must(f.SaveAs(path))

	db := openDB(t)
	res, err := Files(context.Background(), db, []string{path}, Options{Kind: "hawala"})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].RowsRead != 2 || res[0].RowsLoaded != 1 || res[0].RowsQuarantined != 1 {
		t.Fatalf("result %+v", res[0])
	}
	var got string
	if err := db.SQL.QueryRow(`SELECT concat_ws('|', source_sheet, source_row, amount, currency, sender_name, sender_phone, beneficiary_name, beneficiary_phone) FROM transactions`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	// The first amount column wins: the ETB amount, in ETB.
	if got != "March|4|250000.000|ETB|Abel Tesfay|+251911234567|Kidane Zekarias|+971501234567" {
		t.Errorf("got %s", got)
	}
	notes := strings.Join(res[0].Notes, "\n")
	if !strings.Contains(notes, `sheet "Totals" skipped`) {
		t.Errorf("notes %q", notes)
	}
}

// A ledger kept in Addis Ababa: dates in the Ethiopian calendar, countries
// by name, local phone numbers, names in Ge'ez script.
func TestEthiopianLedger(t *testing.T) {
	content := `Date (E.C.),Sender,Sender Country,Sender Phone,Receiver,Receiver Country,Receiver Phone,Amount,Currency
29/04/2017,ኪዳነ ዘካርያስ,Ethiopia,0911 234567,Mohamed Osman Ali,Soedan,0912345678,"15,000.00",Birr
1 መስከረም 2018,Senait Tewelde,ኢትዮጵያ,12345,Aron Tsegay,Emirates,+971501234567,200,USD
`
	db := openDB(t)
	res, err := Files(context.Background(), db, []string{writeFile(t, "addis.csv", content)}, Options{Kind: "hawala"})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].RowsLoaded != 2 {
		t.Fatalf("result %+v", res[0])
	}
	got := column(t, db, `SELECT concat_ws('|', strftime(occurred_at, '%Y-%m-%d'), amount, currency, sender_name_key, sender_country,
		sender_phone, beneficiary_country, beneficiary_phone, coalesce(array_to_string(flags, '; '), '-'))
		FROM transactions ORDER BY source_row`)
	want := []string{
		// 29 Tahsas 2017 E.C. is Ethiopian Christmas, 7 January 2025.
		"2025-01-07|15000.000|ETB|kidane zekarias|ET|+251911234567|SD|+249912345678|-",
		`2025-09-11|200.000|USD|senait tewelde|ET|12345|AE|+971501234567|sender_phone "12345" is not a valid number`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Statements that put the amount in one of two columns, debit or credit:
// the column gives the way the money went, a zero in the other is no
// amount, and an amount in both is a reason, not a guess.
func TestDebitAndCreditColumns(t *testing.T) {
	db := openDB(t)
	path := writeFile(t, "statement.csv", `Date,Description,Counterparty,Debit (EUR),Credit (EUR),Balance
05/03/2025,TRANSFER FROM ABEL,Abel Tesfay,,"1.500,00","2.500,00"
06/03/2025,TRANSFER TO KIDANE,Kidane Zekarias,"1.200,00",0,"1.300,00"
07/03/2025,BOTH WAYS,Kidane Zekarias,"10,00","20,00","1.310,00"
08/03/2025,NEITHER,Kidane Zekarias,,,"1.310,00"
`)
	res, err := Files(context.Background(), db, []string{path}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r := res[0]; r.Kind != "bank" || r.RowsLoaded != 2 || r.RowsQuarantined != 2 {
		t.Fatalf("result %+v", r)
	}
	got := column(t, db, `SELECT concat_ws('|', source_row, amount, currency, coalesce(sender_name, '-'), coalesce(beneficiary_name, '-'))
		FROM transactions ORDER BY source_row`)
	want := []string{"2|1500.000|EUR|Abel Tesfay|-", "3|1200.000|EUR|-|Kidane Zekarias"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q, want %q", got, want)
	}
	q := column(t, db, `SELECT source_row || ' ' || reasons FROM quarantine ORDER BY source_row`)
	if len(q) != 2 || !strings.Contains(q[0], "an amount both ways") || !strings.Contains(q[1], `no amount, nor under "Credit (EUR)"`) {
		t.Errorf("quarantine %q", q)
	}
}

// The built-in M-Pesa profile: shillings, the other side's phone and name
// from the details, paid in as a credit, withdrawn as a debit.
func TestMpesaStatement(t *testing.T) {
	db := openDB(t)
	path := writeFile(t, "mpesa.csv", `Receipt No.,Completion Time,Details,Transaction Status,Paid In,Withdrawn,Balance
QFT1ABC2DE,2025-03-05 10:22:01,Funds received from - 254712345678 JOHN DOE,Completed,15000.00,,25000.00
QFT1ABC2DF,2025-03-05 11:00:00,Customer Transfer to - 0722000111 MARY WANJIKU,Completed,,12000.00,13000.00
QFT1ABC2DG,2025-03-06 09:00:00,Merchant Payment to 123456 - NAIVAS SUPERMARKET,Completed,,850.00,12150.00
QFT1ABC2DH,2025-03-06 12:00:00,Customer Transfer to - 2547******678 JANE W,Completed,,500.00,11650.00
`)
	res, err := Files(context.Background(), db, []string{path}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r := res[0]; r.Profile != "mpesa_statement" || r.RowsLoaded != 4 {
		t.Fatalf("result %+v", r)
	}
	got := column(t, db, `SELECT concat_ws('|', reference, amount, currency, coalesce(sender_name, '-'), coalesce(sender_phone, '-'),
		coalesce(beneficiary_name, '-'), coalesce(beneficiary_phone, '-'), coalesce(array_to_string(flags, ';'), '-')) FROM transactions ORDER BY source_row`)
	want := []string{
		"QFT1ABC2DE|15000.000|KES|JOHN DOE|+254712345678|-|-|-",
		"QFT1ABC2DF|12000.000|KES|-|-|MARY WANJIKU|+254722000111|-",
		"QFT1ABC2DG|850.000|KES|-|-|NAIVAS SUPERMARKET|-|-",
		`QFT1ABC2DH|500.000|KES|-|-|JANE W|2547******678|beneficiary_phone "2547******678" is not a valid number`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestProfileNeedsAnAmount(t *testing.T) {
	base := "name: p\nkind: bank\nmatch: [Date]\ncurrency: EUR\ncolumns:\n  occurred_at: Date\n"
	for _, tt := range []struct{ columns, err string }{
		{"  amount: Amount\n", ""},
		{"  debit_amount: Debit\n  credit_amount: Credit\n", ""},
		{"  debit_amount: Debit\n", "columns.amount is required (or debit_amount and credit_amount"},
		{"  counterparty_phone: Phone\n", "columns.amount is required"},
		{"  amount: Amount\n  credit_amount: Credit\n", "not both"},
	} {
		_, err := parseProfile("p.yaml", []byte(base+tt.columns))
		if (err == nil) != (tt.err == "") || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("%q: error %v, want %q", tt.columns, err, tt.err)
		}
	}
}

// A hidden sheet loads like the others, and the notes say it was hidden:
// whoever opens the workbook in Excel does not see it.
func TestHiddenSheetLoadsAndIsNamed(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	for _, sheet := range []string{"Sheet1", "Kept aside"} {
		if sheet != "Sheet1" {
			if _, err := f.NewSheet(sheet); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.SetSheetRow(sheet, "A1", &[]any{"Date", "Sender", "Payee", "Amount USD"}); err != nil {
			t.Fatal(err)
		}
		if err := f.SetSheetRow(sheet, "A2", &[]any{"2025-03-05", "Abel Tesfay", "Kidane Zekarias", 4000}); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SetSheetVisible("Kept aside", false); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ledger.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	db := openDB(t)
	res, err := Files(context.Background(), db, []string{path}, Options{Kind: "hawala"})
	if err != nil {
		t.Fatal(err)
	}
	notes := strings.Join(res[0].Notes, "\n")
	if res[0].RowsLoaded != 2 || !strings.Contains(notes, `sheet "Kept aside" is hidden in Excel: loaded like the others`) || strings.Contains(notes, `"Sheet1" is hidden`) {
		t.Errorf("result %+v", res[0])
	}
}

// An export lists cancelled and refunded transfers beside the paid ones:
// they load (they are records), flagged, also under a built-in profile
// that names no status column.
func TestTransfersNotCompletedFlagged(t *testing.T) {
	db := openDB(t)
	path := writeFile(t, "mto.csv", `MTCN,Date,Sender Name,Receiver Name,Amount,Currency,Status
200,2025-03-01 10:00,A B,C D,10,USD,Paid
201,2025-03-02 10:00,A B,C D,11,USD,CANCELLED
202,2025-03-03 10:00,A B,C D,12,USD,Refunded - customer request
203,2025-03-04 10:00,A B,C D,13,USD,Completed
204,2025-03-05 10:00,A B,C D,14,USD,Annulé
`)
	res, err := Files(context.Background(), db, []string{path}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Profile != "mto_export" || res[0].RowsLoaded != 5 {
		t.Fatalf("result %+v", res[0])
	}
	got := column(t, db, `SELECT source_row || ' ' || coalesce(array_to_string(flags, ';'), '-') FROM transactions ORDER BY source_row`)
	want := []string{
		"2 -",
		`3 status "CANCELLED": the money may not have moved`,
		`4 status "Refunded - customer request": the money may not have moved`,
		"5 -",
		`6 status "Annulé": the money may not have moved`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The same rows are out of every sum, for the same reason.
	got = column(t, db, `SELECT source_row || ' ' || coalesce(not_counted, '-') FROM transactions ORDER BY source_row`)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("not_counted\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
