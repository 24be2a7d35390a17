package link

import (
	"context"
	"math"
	"strings"
	"testing"
)

// A collector with a fan-in alert who pays an HVT: risk combines the alert
// and the hop to the HVT, with a reason for each; a dismissed alert counts
// for nothing.
func TestPartyRisk(t *testing.T) {
	ctx := context.Background()
	db := withWatchlist(t)
	_, err := db.SQL.Exec(`INSERT INTO transactions (txn_id, source_id, source_row, kind, occurred_at, amount, currency, amount_usd,
			sender_name, sender_name_key, sender_phone, beneficiary_name, beneficiary_name_key, beneficiary_phone, raw) VALUES
		('T0', 's', 2, 'remittance', '2025-03-01', 2000, 'USD', 2000, 'Abel Tesfay', 'abel tesfay', '+31612345678', 'Mohamed Osman Ali', 'mohamed osman ali', '+249912345678', '{}'),
		('T1', 's', 3, 'hawala', '2025-03-10', 4000, 'USD', 4000, 'Mohamed Osman Ali', 'mohamed osman ali', '+249912345678', 'Kidane Zekarias', 'kidane zekarias', '+971501234567', '{}');
		INSERT INTO alerts (alert_id, rule_id, rule_version, severity, score, subject_type, subject_key, n_txn, txn_ids, summary) VALUES
		('A1', 'fan_in_collector', 1, 'high', 80, 'beneficiary', '+249912345678', 1, ['T0'], 'paid by many'),
		('A2', 'ransom_band', 1, 'medium', 90, 'beneficiary', '+249912345678', 1, ['T0'], 'a ransom-sized sum')`)
	if err != nil {
		t.Fatal(err)
	}
	risk := func() (int, string, float64) {
		var r int
		var why string
		var s float64
		err := db.SQL.QueryRow(`SELECT p.risk, p.risk_reasons, (SELECT max(score) FROM hvt_links WHERE method <> 'network')
			FROM parties p WHERE list_contains(p.phones, '+249912345678')`).Scan(&r, &why, &s)
		if err != nil {
			t.Fatal(err)
		}
		return r, why, s
	}
	if _, err := Run(ctx, db, Options{}); err != nil {
		t.Fatal(err)
	}
	r, why, s := risk()
	want := int(math.Round(100 * (1 - (1-0.8*0.8)*(1-0.5*0.9)*(1-0.6*s))))
	if r != want || !strings.Contains(why, "HVT-001 1 payment hop from it") || !strings.Contains(why, "+64 fan_in_collector (1 alert, high, top score 80)") ||
		!strings.Contains(why, "+45 ransom_band") {
		t.Errorf("risk %d, want %d; %q", r, want, why)
	}
	if _, err := db.SQL.Exec(`UPDATE alerts SET status = 'dismissed' WHERE alert_id = 'A2'`); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(ctx, db, Options{}); err != nil {
		t.Fatal(err)
	}
	if r, why, s = risk(); r != int(math.Round(100*(1-(1-0.64)*(1-0.6*s)))) || strings.Contains(why, "ransom_band") {
		t.Errorf("after dismissing: risk %d; %q", r, why)
	}
}
