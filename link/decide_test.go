package link

import (
	"context"
	"errors"
	"testing"
)

// A pair in the review band waits for an analyst; a decision holds when
// link runs again.
func TestReviewAndDecisionsSurviveReruns(t *testing.T) {
	ctx := context.Background()
	db := withWatchlist(t)
	var err error
	// Two parts of the HVT's name and no identifier: review, not a link.
	_, err = db.SQL.Exec(`INSERT INTO transactions (txn_id, source_id, source_row, kind, occurred_at, amount, currency, amount_usd,
			sender_name, sender_name_key, sender_phone, beneficiary_name, beneficiary_name_key, beneficiary_phone, raw) VALUES
		('T1', 's', 2, 'hawala', '2025-03-10', 4000, 'USD', 4000, 'Mohamed Osman Ali', 'mohamed osman ali', '+249912345678', 'Kidane Zacharias', 'kidane zacharias', '+251911234567', '{}')`)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(ctx, db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var party string
	if err := db.SQL.QueryRow(`SELECT party_id FROM hvt_links WHERE status = 'review' AND hvt_id = 'HVT-001'`).Scan(&party); err != nil || res.Review != 1 || res.Links != 0 {
		t.Fatalf("review queue: %+v, %v", res, err)
	}
	if err := Decide(ctx, db, "HVT-001", "P-none", "confirmed", ""); !errors.Is(err, ErrNoLink) {
		t.Errorf("a decision on an unknown pair: %v", err)
	}
	if err := Decide(ctx, db, "HVT-001", party, "confirmed", "same phone in the case file"); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if res, err = Run(ctx, db, Options{}); err != nil {
			t.Fatal(err)
		}
		var status string
		if err := db.SQL.QueryRow(`SELECT status FROM hvt_links WHERE hvt_id = 'HVT-001' AND party_id = $1 AND method = 'name'`, party).Scan(&status); err != nil || status != "confirmed" || res.Links != 1 || res.Review != 0 {
			t.Errorf("after a rerun: %q, %+v, %v", status, res, err)
		}
	}
}
