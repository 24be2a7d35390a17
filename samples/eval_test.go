package samples

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/cmrflow/cmrflow/store"
)

// Alerts are scored against the truth: one whose evidence is mostly ransom
// money is right, of one case or several (a resale, a hub), one on a decoy
// or on background traffic is wrong, half and half is wrong, the decoys'
// alerts are counted, and low-severity alerts stay out of the medium and
// high score.
func TestEvalAlerts(t *testing.T) {
	ctx := context.Background()
	truth := t.TempDir()
	for name, body := range map[string]string{
		"cases.csv": "case_id,role,source_file,source_sheet,source_row,reference\n" +
			"CASE-001,ransom_payment,f.csv,,2,\nCASE-001,ransom_payment,f.csv,,3,\nCASE-001,ransom_payment,f.csv,,4,\n" +
			"CASE-002,ransom_payment,f.csv,,5,\nCASE-002,ransom_payment,f.csv,,6,\n" +
			"CASE-003,ransom_payment,f.csv,,7,\nCASE-003,ransom_payment,f.csv,,8,\n",
		"resales.csv": "case_id,resold_from\nCASE-002,CASE-001\n",
		"decoys.csv":  "decoy_id,kind,source_file,source_sheet,source_row,reference\nDECOY-001,shop,f.csv,,9,\nDECOY-001,shop,f.csv,,10,\nDECOY-001,shop,f.csv,,11,\n",
		"hvts.csv":    "hvt_id,name,phone\nHVT-001,A B C,+971501234567\n",
	} {
		if err := os.WriteFile(filepath.Join(truth, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	db, err := store.Open(ctx, "", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = db.SQL.Exec(`INSERT INTO sources (source_id, path, file_name, kind, profile, size_bytes, rows_read, rows_loaded, rows_quarantined, loaded_at)
		VALUES ('S', 'f.csv', 'f.csv', 'remittance', 'auto', 1, 11, 11, 0, now());
		INSERT INTO transactions (txn_id, source_id, source_row, kind, occurred_at, amount, currency, raw)
		SELECT 'T' || i, 'S', i, 'remittance', TIMESTAMP '2025-01-01', 100, 'USD', '{}' FROM range(2, 13) r(i);
		INSERT INTO alerts (alert_id, rule_id, rule_version, severity, score, subject_type, subject_key, n_txn, txn_ids, summary) VALUES
		('A1', 'fan_in_collector', 1, 'high', 90, 'beneficiary', 'x', 3, ['T2', 'T3', 'T4'], ''),
		('A2', 're_extortion', 1, 'high', 90, 'family', 'y', 4, ['T3', 'T4', 'T5', 'T6'], ''),
		('A3', 'ransom_band', 1, 'low', 50, 'beneficiary', 'z', 3, ['T9', 'T10', 'T11'], ''),
		('A4', 'ransom_band', 1, 'low', 50, 'beneficiary', 'w', 3, ['T7', 'T9', 'T12'], ''),
		('A5', 'hub_sink', 1, 'high', 80, 'party', 'v', 2, ['T2', 'T7'], ''),
		('A6', 'shared_identifier', 1, 'medium', 60, 'phone', 'u', 2, ['T8', 'T12'], '')`)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := Eval(ctx, db, truth, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Cases.TP != 3 || ev.Cases.FP != 3 || ev.Cases.FN != 0 || ev.PlantedCases != 3 {
		t.Errorf("cases %+v of %d", ev.Cases, ev.PlantedCases)
	}
	if s := ev.CasesMediumHigh; s.TP != 3 || s.FP != 1 || s.FN != 0 {
		t.Errorf("medium and high %+v", s)
	}
	if r := ev.PerRule["hub_sink"]; r.TP != 1 || r.Recall != 2.0/3 {
		t.Errorf("hub_sink %+v", r)
	}
	if r := ev.PerRule["re_extortion"]; r.TP != 1 || r.FP != 0 || r.Recall != 2.0/3 {
		t.Errorf("re_extortion %+v", r)
	}
	if r := ev.PerRule["ransom_band"]; r.TP != 0 || r.FP != 2 {
		t.Errorf("ransom_band %+v", r)
	}
	if ev.Decoys != 1 || ev.DecoysAlerted != 1 || ev.DecoyAlerts != 1 {
		t.Errorf("decoys %d, alerted %d, alerts mostly theirs %d", ev.Decoys, ev.DecoysAlerted, ev.DecoyAlerts)
	}
}
