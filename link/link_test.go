package link

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cmrflow/cmrflow/internal/dbtest"
	"github.com/cmrflow/cmrflow/reports"
	"github.com/cmrflow/cmrflow/store"
)

const watchlistYAML = `- hvt_id: HVT-001
  primary_name: Kidane Zekarias Habtemariam
  aliases: [{name: Walid, quality: weak}, Kidane Zacharias]
  phones: ["+971 50 123 4567"]
  nationalities: [ER]
  birth_date: "1984"
- hvt_id: HVT-002
  primary_name: Ermias Ghirmay
  phones: ["+218912345678"]
`

// withWatchlist opens an in-memory database holding watchlistYAML, loaded
// from a folder as a user would.
func withWatchlist(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), "", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	path := filepath.Join(t.TempDir(), "hvts.yaml")
	if err := os.WriteFile(path, []byte(watchlistYAML), 0o600); err != nil {
		t.Fatal(err)
	}
	if n, err := LoadWatchlist(context.Background(), db, []string{filepath.Dir(path)}); err != nil || n != 2 {
		t.Fatalf("load watchlist: %d, %v", n, err)
	}
	return db
}

func TestExactPhoneLink(t *testing.T) {
	ctx := context.Background()
	db := withWatchlist(t)
	var err error
	// The collector pays the HVT's Dubai phone under his name without the
	// grandfather's; an innocent namesake with another grandfather and
	// another phone must not link.
	_, err = db.SQL.Exec(`INSERT INTO transactions (txn_id, source_id, source_row, kind, occurred_at, amount, currency, amount_usd,
			sender_name, sender_name_key, sender_phone, beneficiary_name, beneficiary_name_key, beneficiary_phone, raw) VALUES
		('T1', 's', 2, 'hawala', '2025-03-10', 4000, 'USD', 4000, 'Mohamed Osman Ali', 'mohamed osman ali', '+249912345678', 'Kidane Zekarias', 'kidane zekarias', '+971501234567', '{}'),
		('T2', 's', 3, 'hawala', '2025-03-11', 300, 'USD', 300, 'Abel Tesfay', 'abel tesfay', '+31612345678', 'Kidane Zekarias Tesfamariam', 'kidane zekarias tesfamariam', '+251911234567', '{}')`)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(ctx, db, Options{RunID: "r1"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Parties != 4 || res.Links != 1 {
		t.Fatalf("result %+v, want 4 parties and 1 link", res)
	}
	var hvt, name, method, expl string
	var score float64
	err = db.SQL.QueryRow(`SELECT l.hvt_id, p.display_name, l.method, l.score, l.explanation
		FROM hvt_links l JOIN parties p USING (party_id) WHERE l.method <> 'network'`).Scan(&hvt, &name, &method, &score, &expl)
	if err != nil {
		t.Fatal(err)
	}
	if hvt != "HVT-001" || name != "Kidane Zekarias" || method != "phone" || score < 0.98 ||
		!strings.HasPrefix(expl, "+12.0 phone +971501234567 exact\n") || !strings.Contains(expl, "father zekarias=zekarias (exact)") {
		t.Errorf("link %s %s %s %.3f %q", hvt, name, method, score, expl)
	}
	// The collector who paid him is one hop away, with the path.
	var hops int
	var route string
	err = db.SQL.QueryRow(`SELECT p.display_name, l.hops, l.path FROM hvt_links l JOIN parties p USING (party_id)
		WHERE l.method = 'network'`).Scan(&name, &hops, &route)
	if err != nil || res.Network != 1 || name != "Mohamed Osman Ali" || hops != 1 ||
		route != "Mohamed Osman Ali → Kidane Zekarias: USD 4000.00 in 1 payment" {
		t.Errorf("network link: %s %d %q, %v (%d network links)", name, hops, route, err, res.Network)
	}
	// A rerun replaces rather than duplicates.
	if res, err := Run(ctx, db, Options{RunID: "r2"}); err != nil || res.Links != 1 {
		t.Fatalf("rerun: %+v, %v", res, err)
	}
}

func TestWatchlistErrorsNameTheirLine(t *testing.T) {
	bad := `- hvt_id: HVT-001
  primary_name: A B
  phones: ["0912345678"]
- hvt_id: HVT-002
  primary_name: C D
  colour: red
- primary_name: E F
`
	_, err := ParseWatchlist("w.yaml", []byte(bad))
	if !errors.Is(err, ErrWatchlist) {
		t.Fatalf("error %v", err)
	}
	for _, want := range []string{"w.yaml:1:", `phone "0912345678"`, "w.yaml:4:", "colour", "w.yaml:7: bad watchlist: hvt_id is missing"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in %v", want, err)
		}
	}
}

// TestRowsThatDoNotCountAddNothing: a second copy of a payment (two
// overlapping exports) and a cancelled transfer still say whose phone is
// whose, but add nothing to a party's totals or to the money paths.
func TestRowsThatDoNotCountAddNothing(t *testing.T) {
	ctx := context.Background()
	db := withWatchlist(t)
	_, err := db.SQL.Exec(`INSERT INTO transactions (txn_id, source_id, source_row, kind, occurred_at, amount, currency, amount_usd,
			sender_name, sender_name_key, sender_phone, beneficiary_name, beneficiary_name_key, beneficiary_phone, raw, not_counted) VALUES
		('T1', 's', 2, 'hawala', '2025-03-10', 4000, 'USD', 4000, 'Mohamed Osman Ali', 'mohamed osman ali', '+249912345678', 'Kidane Zekarias', 'kidane zekarias', '+971501234567', '{}', NULL),
		('T2', 't', 5, 'hawala', '2025-03-10', 4000, 'USD', 4000, 'Mohamed Osman Ali', 'mohamed osman ali', '+249912345678', 'Kidane Zekarias', 'kidane zekarias', '+971501234567', '{}',
		 'also in march.csv row 2 (same reference, amount, time and parties)'),
		('T3', 's', 3, 'hawala', '2025-03-12', 900, 'USD', 900, 'Abel Tesfay', 'abel tesfay', '+31612345678', 'Kidane Zekarias', 'kidane zekarias', '+971501234567', '{}',
		 'status "CANCELLED": the money may not have moved')`)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(ctx, db, Options{RunID: "r1"}); err != nil {
		t.Fatal(err)
	}
	var nIn int
	var usdIn string
	if err := db.SQL.QueryRow(`SELECT n_in, CAST(usd_in AS VARCHAR) FROM parties WHERE list_contains(phones, '+971501234567')`).Scan(&nIn, &usdIn); err != nil {
		t.Fatal(err)
	}
	if nIn != 1 || usdIn != "4000.00" {
		t.Errorf("HVT's party: %d payments in, USD %s; want 1 and 4000.00", nIn, usdIn)
	}
	paths := dbtest.Column(t, db.SQL, `SELECT p.display_name || ': ' || l.path FROM hvt_links l JOIN parties p USING (party_id)
		WHERE l.method = 'network' ORDER BY 1`)
	if want := "Mohamed Osman Ali: Mohamed Osman Ali → Kidane Zekarias: USD 4000.00 in 1 payment"; strings.Join(paths, "\n") != want {
		t.Errorf("network links\n%s\nwant\n%s", strings.Join(paths, "\n"), want)
	}
	// The HVT's report counts the payment once.
	var b strings.Builder
	if err := reports.HVT(ctx, db, "HVT-001", &b); err != nil {
		t.Fatal(err)
	}
	_, money, _ := strings.Cut(b.String(), "Money in, by channel and month\n")
	money, _, _ = strings.Cut(money, "\n\n")
	if lines := strings.Split(money, "\n"); len(lines) != 4 || !slices.Equal(strings.Fields(lines[2]), []string{"hawala", "2025-03", "1", "4000.00"}) {
		t.Errorf("money in: %q, want one row: hawala 2025-03 1 4000.00", money)
	}
}
