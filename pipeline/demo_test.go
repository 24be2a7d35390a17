package pipeline

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cmrflow/cmrflow/samples"
	"github.com/cmrflow/cmrflow/store"
)

// readTruth returns "file|sheet|row" -> case id for the planted payments.
func readTruth(t *testing.T, dir string) (map[string]string, map[string]string) {
	t.Helper()
	recs := readCSV(t, filepath.Join(dir, "truth", "cases.csv"))
	rows := map[string]string{}
	for _, r := range recs[1:] {
		if r[1] == "ransom_payment" {
			rows[r[2]+"|"+r[3]+"|"+r[4]] = r[0]
		}
	}
	for _, r := range readCSV(t, filepath.Join(dir, "truth", "decoys.csv"))[1:] {
		rows[r[2]+"|"+r[3]+"|"+r[4]] = r[0]
	}
	// Each HVT's first phone is the one its watchlist entry lists.
	hvts, seen := map[string]string{}, map[string]bool{}
	for _, r := range readCSV(t, filepath.Join(dir, "truth", "hvts.csv"))[1:] {
		if !seen[r[0]] {
			hvts[r[2]], seen[r[0]] = r[0], true
		}
	}
	return rows, hvts
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestDemoFindsThePlantedCasesAndOnlyThem(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	res, err := Demo(ctx, dir, samples.Options{Seed: 7}, nil)
	if err != nil {
		t.Fatal(err)
	}
	truthRows, truthHVTs := readTruth(t, dir)
	db, err := store.Open(ctx, res.Database, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	// Each fan-in alert's evidence lies inside one planted case or one
	// innocent look-alike, and every case has an alert: the rule fires on
	// the planted cases and the decoys made to resemble them, never on
	// ordinary background traffic.
	rows, err := db.SQL.QueryContext(ctx, `SELECT a.alert_id, s.file_name, coalesce(t.source_sheet, ''), t.source_row
		FROM alerts a, unnest(a.txn_ids) u(txn_id) JOIN transactions t ON t.txn_id = u.txn_id JOIN sources s USING (source_id)
		WHERE a.rule_id = 'fan_in_collector'`)
	if err != nil {
		t.Fatal(err)
	}
	caseOf := map[string]map[string]bool{}
	found := map[string]bool{}
	for rows.Next() {
		var alert, file, sheet string
		var row int
		if err := rows.Scan(&alert, &file, &sheet, &row); err != nil {
			t.Fatal(err)
		}
		c, ok := truthRows[fmt.Sprintf("%s|%s|%d", file, sheet, row)]
		if !ok {
			t.Errorf("alert %s cites %s row %d, which is neither a planted ransom payment nor a decoy's", alert, file, row)
		}
		if caseOf[alert] == nil {
			caseOf[alert] = map[string]bool{}
		}
		caseOf[alert][c] = true
		if strings.HasPrefix(c, "CASE-") {
			found[c] = true
		}
	}
	rows.Close()
	for alert, cases := range caseOf {
		if len(cases) != 1 {
			t.Errorf("alert %s mixes cases %v", alert, cases)
		}
	}
	if len(found) != res.Samples.Cases {
		t.Errorf("%d alerts cover %d of %d planted cases", len(caseOf), len(found), res.Samples.Cases)
	}

	// Every HVT's listed phone links its party, and whatever else links
	// holds a phone the truth gives that HVT (found by name).
	allPhones := map[string]string{}
	for _, r := range readCSV(t, filepath.Join(dir, "truth", "hvts.csv"))[1:] {
		allPhones[r[2]] = r[0]
	}
	// The demo loads each HVT twice, from the native list and the UN excerpt.
	canon := map[string]string{}
	for _, r := range readCSV(t, filepath.Join(dir, "truth", "hvt_lists.csv"))[1:] {
		canon[r[2]] = r[0]
	}
	lrows, err := db.SQL.QueryContext(ctx, `SELECT l.hvt_id, unnest(p.phones) FROM hvt_links l JOIN parties p USING (party_id)
		WHERE l.status = 'link'`)
	if err != nil {
		t.Fatal(err)
	}
	linked := map[string]string{}
	for lrows.Next() {
		var hvt, phone string
		if err := lrows.Scan(&hvt, &phone); err != nil {
			t.Fatal(err)
		}
		if c, ok := canon[hvt]; ok {
			hvt = c
		}
		linked[phone] = hvt
	}
	lrows.Close()
	for phone, hvt := range truthHVTs {
		if linked[phone] != hvt {
			t.Errorf("%s's listed phone %s links to %q", hvt, phone, linked[phone])
		}
	}
	for phone, hvt := range linked {
		if allPhones[phone] != hvt {
			t.Errorf("a party with phone %s is linked to %s, which the truth does not give it", phone, hvt)
		}
	}

	// Nothing lost: every data row is loaded or quarantined, with a reason.
	var read, loaded, quarantined, txns, q int
	err = db.SQL.QueryRowContext(ctx, `SELECT sum(rows_read), sum(rows_loaded), sum(rows_quarantined),
		(SELECT count(*) FROM transactions), (SELECT count(*) FROM quarantine WHERE reasons <> '') FROM sources`).
		Scan(&read, &loaded, &quarantined, &txns, &q)
	if err != nil {
		t.Fatal(err)
	}
	if read != res.Samples.Transactions || loaded != txns || quarantined != q || q != res.Samples.Broken || loaded+quarantined != read {
		t.Errorf("read %d loaded %d quarantined %d; table rows %d + %d; generated %d with %d broken",
			read, loaded, quarantined, txns, q, res.Samples.Transactions, res.Samples.Broken)
	}
	checkReport(t, res.Report.Path, truthRows)

	ev, err := samples.Eval(ctx, db, filepath.Join(dir, "truth"), 0.9)
	if err != nil {
		t.Fatal(err)
	}
	// Every false alarm of the fan-in rule is on a decoy; none on
	// background traffic. (The weaker rules alert on background too.)
	fanIn := ev.PerRule["fan_in_collector"]
	fanInDecoyAlerts := 0
	for _, cases := range caseOf {
		for c := range cases {
			if !strings.HasPrefix(c, "CASE-") {
				fanInDecoyAlerts++
			}
		}
	}
	if fanIn.Recall != 1 || fanIn.TP != res.Samples.Cases || fanIn.FP != fanInDecoyAlerts || ev.Decoys == 0 || ev.PlantedCases != res.Samples.Cases {
		t.Errorf("eval %+v", ev)
	}
	// Links are all right; the parties known only by an HVT's unlisted
	// phone and a short or swapped name wait in the review band.
	if ev.Links.Precision != 1 || ev.Links.TP < len(truthHVTs) {
		t.Errorf("links %+v", ev.Links)
	}
	// Linking on phones never links an innocent namesake; the exact-name
	// baseline does, for the man who shares an HVT's listed alias.
	if ev.Namesakes == 0 || *ev.FalseLinksPer1000Namesakes != 0 || *ev.BaselineFalseLinksPer1000Namesakes == 0 {
		t.Errorf("namesakes %d, false links per 1,000: %v, baseline %v", ev.Namesakes, *ev.FalseLinksPer1000Namesakes, *ev.BaselineFalseLinksPer1000Namesakes)
	}
}

// checkReport opens the workbook as an analyst would: every evidence row
// names its file and row, and those of fan-in alerts point at planted
// payments.
func checkReport(t *testing.T, path string, truthRows map[string]string) {
	t.Helper()
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("report %s: %v, mode %v", path, err, fi.Mode())
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "Summary,Alerts,Evidence,HVT links,Quarantine" {
		t.Errorf("sheets %s", got)
	}
	rows, err := f.GetRows("Evidence")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || rows[0][3] != "File" || rows[0][4] != "Sheet" || rows[0][5] != "Row" {
		t.Fatalf("evidence header %v", rows[0])
	}
	for _, r := range rows[1:] {
		for len(r) < 6 {
			r = append(r, "")
		}
		if r[1] != "fan_in_collector" {
			continue
		}
		if _, ok := truthRows[r[3]+"|"+r[4]+"|"+r[5]]; !ok {
			t.Errorf("evidence row %v does not point at a planted payment", r[:6])
		}
	}
}

// queryText reads one text from the workspace's database, opened read-only.
func queryText(t *testing.T, dir, query string) string {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(dir, "cmrflow.duckdb"), store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var s string
	if err := db.SQL.QueryRowContext(ctx, query).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestDemoTwiceChangesNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	counts := func() string {
		return queryText(t, dir, `SELECT concat_ws(' ', (SELECT count(*) FROM transactions), (SELECT count(*) FROM quarantine),
			(SELECT count(*) FROM sources), (SELECT string_agg(alert_id, ',' ORDER BY alert_id) FROM alerts),
			(SELECT count(*) FROM hvt_links), (SELECT count(*) FROM watchlist))`)
	}
	if _, err := Demo(ctx, dir, samples.Options{Seed: 3}, nil); err != nil {
		t.Fatal(err)
	}
	first := counts()
	res, err := Demo(ctx, dir, samples.Options{Seed: 3}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		if !f.AlreadyLoaded {
			t.Errorf("%s loaded again", f.Path)
		}
	}
	if again := counts(); again != first {
		t.Errorf("second demo changed the database:\n%s\n%s", first, again)
	}
}

// TestResentExportChangesNoAlert: the MTO sends again the last part of its
// export, with a status column, and with it three ransom payments tried
// before under other references and cancelled. Loaded after the demo, the
// resent rows and the cancelled tries load (flagged, not counted), and
// not one alert, evidence list or party total changes.
func TestResentExportChangesNoAlert(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	snapshot := func() string {
		return queryText(t, dir, `SELECT concat_ws(' | ',
			(SELECT string_agg(alert_id || ' ' || total_usd || ' ' || array_to_string(txn_ids, ','), '; ' ORDER BY alert_id) FROM alerts),
			(SELECT sum(usd_in) || ' ' || sum(usd_out) || ' ' || sum(n_in) FROM parties))`)
	}
	res, err := Demo(ctx, dir, samples.Options{Seed: 5}, nil)
	if err != nil {
		t.Fatal(err)
	}
	before := snapshot()

	mto := readCSV(t, filepath.Join(dir, "inbox", "mto_export.csv"))
	resent := [][]string{append(mto[0][:len(mto[0]):len(mto[0])], "Status")}
	tail := mto[len(mto)-1500:]
	for _, r := range tail {
		resent = append(resent, append(r[:len(r):len(r)], "Paid"))
	}
	var tried int
	for _, c := range readCSV(t, filepath.Join(res.Truth, "cases.csv"))[1:] {
		if c[1] != "ransom_payment" || c[2] != "mto_export.csv" || tried == 3 {
			continue
		}
		var row int
		if _, err := fmt.Sscan(c[4], &row); err != nil {
			t.Fatal(err)
		}
		r := mto[row-1]
		try := append([]string{r[0] + "X"}, r[1:]...)
		resent = append(resent, append(try, "Cancelled - compliance hold"))
		tried++
	}
	f, err := os.Create(filepath.Join(dir, "inbox", "mto_export_resent.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := csv.NewWriter(f).WriteAll(resent); err != nil {
		t.Fatal(err)
	}
	f.Close()

	again, err := Demo(ctx, dir, samples.Options{Seed: 5}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var loaded int
	for _, fr := range again.Files {
		if !fr.AlreadyLoaded {
			loaded += fr.RowsLoaded
		}
	}
	if after := snapshot(); after != before {
		t.Errorf("the resent export changed what was found:\nbefore %.300s\nafter  %.300s", before, after)
	}
	var copies, cancelled int
	counted := queryText(t, dir, `SELECT count(*) FILTER (WHERE not_counted LIKE 'also in mto_export.csv row %') || ' ' ||
		count(*) FILTER (WHERE not_counted LIKE 'status "Cancelled - compliance hold"%') FROM transactions`)
	if _, err := fmt.Sscan(counted, &copies, &cancelled); err != nil {
		t.Fatal(err)
	}
	// The tail may hold the export's one broken amount, which quarantine keeps.
	if tried != 3 || cancelled != 3 || copies < len(tail)-1 || loaded != copies+cancelled {
		t.Errorf("%d tries planted; loaded %d rows: %d copies of the %d resent, %d cancelled", tried, loaded, copies, len(tail), cancelled)
	}
	// The report's summary says how many rows count for nothing.
	book, err := excelize.OpenFile(again.Report.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	rows, err := book.GetRows("Summary")
	if err != nil {
		t.Fatal(err)
	}
	var said string
	for _, r := range rows {
		if len(r) == 2 && strings.HasPrefix(r[0], "of which not counted") {
			said = r[1]
		}
	}
	if want := fmt.Sprint(copies + cancelled); said != want {
		t.Errorf("summary: %q rows not counted, want %s", said, want)
	}
}
