package link

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/cmrflow/cmrflow/store"
)

// Names for generated parties: common Horn-of-Africa and Arabic given
// names, so that blocking meets the crowding real data has.
var benchNames = strings.Fields(`tesfay yonas dawit haile mehari tekle berhane amanuel yohannes samuel filmon
	kibrom mulugeta habtom goitom afewerki tesfamariam michael efrem biniam aron natnael isaias solomon yemane
	zerai weldu asmerom kahsay abraham daniel henok mussie robel siem teklu okbay fitsum girmay abel ermias
	tewelde gebremedhin hagos berhe tsegay negash woldemichael gebreyesus habte andemariam medhanie kidane
	ghirmay tesfu debesay habtemariam zekarias mohammed ahmed osman ali ibrahim abdelrahman omar yousif hassan
	hussein khalid mustafa adam ismail salih abdallah idris babiker hamid suleiman tarig elfatih jamal nasr
	faisal musa abubakar elsadig mahmoud said khalifa ramadan faraj abdulsalam nuri salem miloud younis bashir`)

// BenchmarkLink links CMRFLOW_BENCH_PARTIES parties (default 100,000; the
// README quotes 1,000,000) against 1,000 HVTs with five names each and
// reports the seconds and the pairs each blocking rule proposed.
func BenchmarkLink(b *testing.B) {
	ctx := context.Background()
	parties := 100_000
	if n, err := strconv.Atoi(os.Getenv("CMRFLOW_BENCH_PARTIES")); err == nil && n > 0 {
		parties = n
	}
	db, err := store.Open(ctx, "", store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	names := "['" + strings.Join(benchNames, "','") + "']"
	k := len(benchNames)
	// Each transaction has a new sender and a new beneficiary, each with a
	// phone of its own and a three-part name drawn from the list.
	_, err = db.SQL.ExecContext(ctx, `INSERT INTO transactions (txn_id, source_id, source_row, kind, occurred_at, amount, currency, amount_usd,
			sender_name, sender_name_key, sender_phone, beneficiary_name, beneficiary_name_key, beneficiary_phone, raw)
		WITH n AS (SELECT i, `+names+` AS v FROM range($1) t(i))
		SELECT 'T' || i, 's', i + 2, 'remittance', TIMESTAMP '2025-01-01' + INTERVAL (i % 180) DAY, 100, 'USD', 100,
		       s, s, '+3161' || lpad(CAST(i AS VARCHAR), 7, '0'), r, r, '+2519' || lpad(CAST(i AS VARCHAR), 8, '0'), '{}'
		FROM (SELECT i,
		        v[1 + (i * 7) % $2] || ' ' || v[1 + (i * 13 + 5) % $2] || ' ' || v[1 + (i * 31 + 11) % $2] AS s,
		        -- the first thousand beneficiaries bear the HVTs' full names, so links are written too
		        CASE WHEN i < 1000 THEN v[1 + (i * 11) % $2] || ' ' || v[1 + (i * 19 + 4) % $2] || ' ' || v[1 + (i * 29 + 9) % $2]
		             ELSE v[1 + (i * 17 + 3) % $2] || ' ' || v[1 + (i * 23 + 7) % $2] || ' ' || v[1 + (i * 37 + 2) % $2] END AS r
		      FROM n)`, parties/2, k)
	if err != nil {
		b.Fatal(err)
	}
	// 1,000 HVTs: a full name, without the grandfather, father first, and
	// two other spellings' worth of aliases (a split and a weak one).
	_, err = db.SQL.ExecContext(ctx, `INSERT INTO watchlist (hvt_id, primary_name, aliases, phones, accounts, nationalities, source, weak_aliases)
		WITH n AS (SELECT i, `+names+` AS v FROM range(1000) t(i)),
		     h AS (SELECT i, v[1 + (i * 11) % $1] AS g, v[1 + (i * 19 + 4) % $1] AS f, v[1 + (i * 29 + 9) % $1] AS gf FROM n)
		SELECT 'HVT-' || i, g || ' ' || f || ' ' || gf,
		       [g || ' ' || f, f || ' ' || g, g || ' ' || f || ' ' || gf || 'e', 'wedi ' || f],
		       ['+97150' || lpad(CAST(i AS VARCHAR), 7, '0')], [], ['ER'], 'bench', ['wedi ' || f]
		FROM h`, k)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var res Result
	for range b.N {
		if res, err = Run(ctx, db, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(res.Took.Seconds(), "s/run")
	b.ReportMetric(float64(res.Parties), "parties")
	b.ReportMetric(float64(res.Compared), "pairs_compared")
	// Every rule, also those that proposed nothing (phone and account here).
	for _, rule := range ruleNames {
		b.ReportMetric(float64(res.Comparisons[rule]), "pairs_"+strings.ReplaceAll(strings.ReplaceAll(rule, " ", "_"), "'", ""))
	}
	b.ReportMetric(float64(res.Links), "links")
	b.ReportMetric(float64(res.Review), "review")
}
