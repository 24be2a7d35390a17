package samples

import (
	"cmp"
	"context"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/cmrflow/cmrflow/store"
)

var (
	//go:embed sql/eval_evidence.sql
	evalEvidenceSQL string
	//go:embed sql/eval_parties.sql
	evalPartiesSQL string
	//go:embed sql/eval_names.sql
	evalNamesSQL string
)

// ErrTruth is a truth folder that cannot be read.
var ErrTruth = errors.New("bad truth folder")

// Score is precision, recall and their harmonic mean.
type Score struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Severity  string  `json:"severity,omitempty"` // a rule's, in the per-rule scores
}

func score(tp, fp, fn int) Score {
	s := Score{TP: tp, FP: fp, FN: fn}
	if tp+fp > 0 {
		s.Precision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		s.Recall = float64(tp) / float64(tp+fn)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// ThresholdScore is the link score at one threshold.
type ThresholdScore struct {
	Threshold float64 `json:"threshold"`
	Score
}

// Evaluation scores what the database holds against the truth.
type Evaluation struct {
	Cases Score `json:"cases"`
	// Alerts of medium and high severity: what a rule raises on its own
	// (low-severity rules are leads that feed party risk).
	CasesMediumHigh Score            `json:"cases_medium_and_high"`
	Alerts          int              `json:"alerts"`
	PlantedCases    int              `json:"planted_cases"`
	PerRule         map[string]Score `json:"per_rule"`
	Links           Score            `json:"links"`
	Threshold       float64          `json:"threshold"`
	LinksByScore    []ThresholdScore `json:"links_by_threshold"`
	BaselineLinks   Score            `json:"baseline_links"`
	// False links per 1,000 innocent near-namesakes; nil when the truth
	// names none.
	FalseLinksPer1000Namesakes         *float64 `json:"false_links_per_1000_namesakes"`
	BaselineFalseLinksPer1000Namesakes *float64 `json:"baseline_false_links_per_1000_namesakes"`
	Namesakes                          int      `json:"namesakes"`
	// Innocent look-alikes planted (truth/decoys.csv), how many drew an
	// alert, and the alerts whose evidence is mostly theirs.
	Decoys        int      `json:"decoys"`
	DecoysAlerted int      `json:"decoys_alerted"`
	DecoyAlerts   int      `json:"decoy_alerts"`
	Notes         []string `json:"notes"`
}

type rowKey struct {
	file, sheet string
	row         int
}

// Eval scores alerts and HVT links against the truth folder written by
// Generate. An alert is correct when most of its evidence is ransom money
// (rows of planted cases, one or several); a case is found when a correct
// alert covers any of its transactions. A link is correct when the party holds the phone the truth
// gives that HVT.
func Eval(ctx context.Context, db *store.DB, truthDir string, threshold float64) (Evaluation, error) {
	ev := Evaluation{PerRule: map[string]Score{}, Threshold: threshold}
	caseOf, err := readCaseTruth(filepath.Join(truthDir, "cases.csv"))
	if err != nil {
		return ev, err
	}
	hvtPhones, err := readHVTTruth(filepath.Join(truthDir, "hvts.csv"))
	if err != nil {
		return ev, err
	}
	decoyOf := map[rowKey]string{}
	if _, err := os.Stat(filepath.Join(truthDir, "decoys.csv")); err == nil {
		recs, err := readTruthCSV(filepath.Join(truthDir, "decoys.csv"), decoyHeader)
		if err != nil {
			return ev, err
		}
		for _, r := range recs {
			row, err := strconv.Atoi(r[4])
			if err != nil {
				return ev, fmt.Errorf("%w: decoys.csv: row %q", ErrTruth, r[4])
			}
			decoyOf[rowKey{r[2], r[3], row}] = r[0]
		}
	}
	decoys := map[string]bool{}
	for _, d := range decoyOf {
		decoys[d] = true
	}
	ev.Decoys = len(decoys)
	cases := map[string]bool{}
	for _, c := range caseOf {
		cases[c] = true
	}
	ev.PlantedCases = len(cases)

	// alert -> rule, and per alert the cases its evidence falls in.
	type alertEv struct {
		rule     string
		severity string
		n        int
		inCase   map[string]int
		inDecoy  map[string]int
		outside  int
	}
	alerts := map[string]*alertEv{}
	rows, err := db.SQL.QueryContext(ctx, evalEvidenceSQL)
	if err != nil {
		return ev, fmt.Errorf("read alerts: %w", err)
	}
	for rows.Next() {
		var id, rule, severity, file, sheet string
		var row int
		if err := rows.Scan(&id, &rule, &severity, &file, &sheet, &row); err != nil {
			rows.Close()
			return ev, err
		}
		a := alerts[id]
		if a == nil {
			a = &alertEv{rule: rule, severity: severity, inCase: map[string]int{}, inDecoy: map[string]int{}}
			alerts[id] = a
		}
		a.n++
		if c, ok := caseOf[rowKey{file, sheet, row}]; ok {
			a.inCase[c]++
		} else if d, ok := decoyOf[rowKey{file, sheet, row}]; ok {
			a.inDecoy[d]++
			a.outside++
		} else {
			a.outside++
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return ev, err
	}
	ev.Alerts = len(alerts)

	type tally struct {
		tp, fp   int
		found    map[string]bool
		severity string // a rule's
	}
	overall := tally{found: map[string]bool{}}
	mediumHigh := tally{found: map[string]bool{}}
	decoyHit := map[string]bool{}
	perRule := map[string]*tally{}
	for _, a := range alerts {
		t := perRule[a.rule]
		if t == nil {
			t = &tally{found: map[string]bool{}, severity: a.severity}
			perRule[a.rule] = t
		}
		// Ransom money is what an alert should show: the evidence of a hub
		// that several collectors pay, or of a family paying twice after
		// a resale, spans several cases and is right.
		illicit := 0
		for _, n := range a.inCase {
			illicit += n
		}
		tallies := []*tally{t, &overall}
		if a.severity != "low" {
			tallies = append(tallies, &mediumHigh)
		}
		for _, t := range tallies {
			if 2*illicit > a.n {
				t.tp++
				for c := range a.inCase {
					t.found[c] = true
				}
			} else {
				t.fp++
			}
		}
		for d, n := range a.inDecoy {
			if 2*n > a.n {
				ev.DecoyAlerts++
			}
			decoyHit[d] = true
		}
	}
	ev.DecoysAlerted = len(decoyHit)
	caseScore := func(t *tally) Score {
		s := score(t.tp, t.fp, 0)
		found := len(t.found)
		r := score(found, 0, len(cases)-found)
		s.Recall, s.FN = r.Recall, r.FN
		if s.Precision+s.Recall > 0 {
			s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
		}
		s.Severity = t.severity
		return s
	}
	ev.Cases = caseScore(&overall)
	ev.CasesMediumHigh = caseScore(&mediumHigh)
	for rule, t := range perRule {
		ev.PerRule[rule] = caseScore(t)
	}

	namesakes := map[string]bool{} // phones of innocent near-namesakes
	if _, err := os.Stat(filepath.Join(truthDir, "namesakes.csv")); err == nil {
		recs, err := readTruthCSV(filepath.Join(truthDir, "namesakes.csv"), namesakeHeader)
		if err != nil {
			return ev, err
		}
		for _, r := range recs {
			namesakes[r[1]] = true
		}
	} else {
		ev.Notes = append(ev.Notes, "the truth names no innocent near-namesakes: false links per 1,000 of them cannot be measured on these samples")
	}
	listIDs := map[string]string{} // an HVT's id on another list -> its id
	if _, err := os.Stat(filepath.Join(truthDir, "hvt_lists.csv")); err == nil {
		recs, err := readTruthCSV(filepath.Join(truthDir, "hvt_lists.csv"), hvtListHeader)
		if err != nil {
			return ev, err
		}
		for _, r := range recs {
			listIDs[r[2]] = r[0]
		}
	}
	if err := evalLinks(ctx, db, hvtPhones, namesakes, listIDs, &ev); err != nil {
		return ev, err
	}
	return ev, nil
}

func evalLinks(ctx context.Context, db *store.DB, hvtPhones map[string]string, namesakes map[string]bool, listIDs map[string]string, ev *Evaluation) error {
	// The same person on two lists is one HVT: a link to his UN entry is a
	// link to him.
	canon := func(id string) string { return cmp.Or(listIDs[id], id) }
	names := map[string][]string{} // lower-cased name -> HVTs listed under it
	rows, err := db.SQL.QueryContext(ctx, evalNamesSQL)
	if err != nil {
		return fmt.Errorf("read watchlist: %w", err)
	}
	for rows.Next() {
		var hvt, name string
		if err := rows.Scan(&hvt, &name); err != nil {
			rows.Close()
			return err
		}
		names[name] = append(names[name], canon(hvt))
	}
	rows.Close()

	type pair struct{ hvt, party string }
	truth := map[pair]bool{}
	namesakeParty := map[string]bool{}
	predicted := map[pair]float64{}
	baseline := map[pair]bool{}
	rows, err = db.SQL.QueryContext(ctx, evalPartiesSQL)
	if err != nil {
		return fmt.Errorf("read parties: %w", err)
	}
	for rows.Next() {
		var party, name string
		var phones, hvts, scores []any
		if err := rows.Scan(&party, &name, &phones, &hvts, &scores); err != nil {
			rows.Close()
			return err
		}
		for _, p := range phones {
			if hvt, ok := hvtPhones[fmt.Sprint(p)]; ok {
				truth[pair{hvt, party}] = true
			}
			if namesakes[fmt.Sprint(p)] {
				namesakeParty[party] = true
			}
		}
		for i, h := range hvts {
			s, _ := scores[i].(float64)
			k := pair{canon(fmt.Sprint(h)), party}
			predicted[k] = max(predicted[k], s)
		}
		for _, hvt := range names[strings.ToLower(strings.TrimSpace(name))] {
			baseline[pair{hvt, party}] = true
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	count := func(pred map[pair]bool) Score {
		tp, fp := 0, 0
		for p := range pred {
			if truth[p] {
				tp++
			} else {
				fp++
			}
		}
		return score(tp, fp, len(truth)-tp)
	}
	at := func(th float64) Score {
		pred := map[pair]bool{}
		for p, s := range predicted {
			if s >= th {
				pred[p] = true
			}
		}
		return count(pred)
	}
	ev.Links = at(ev.Threshold)
	for _, th := range []float64{0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99} {
		ev.LinksByScore = append(ev.LinksByScore, ThresholdScore{th, at(th)})
	}
	ev.BaselineLinks = count(baseline)
	if len(namesakes) > 0 {
		// A namesake counts once however many HVTs it is wrongly linked to.
		per1000 := func(linked func(pair) bool, pairs map[pair]bool) *float64 {
			wrong := map[string]bool{}
			for p := range pairs {
				if namesakeParty[p.party] && linked(p) {
					wrong[p.party] = true
				}
			}
			v := float64(len(wrong)) * 1000 / float64(len(namesakes))
			return &v
		}
		all := map[pair]bool{}
		for p := range predicted {
			all[p] = true
		}
		ev.Namesakes = len(namesakes)
		ev.FalseLinksPer1000Namesakes = per1000(func(p pair) bool { return predicted[p] >= ev.Threshold }, all)
		ev.BaselineFalseLinksPer1000Namesakes = per1000(func(pair) bool { return true }, baseline)
	}
	return nil
}

func readTruthCSV(path string, header []string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrTruth, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	var out [][]string
	for first := true; ; first = false {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w: %w", path, ErrTruth, err)
		}
		if first {
			if strings.Join(rec, ",") != strings.Join(header, ",") {
				return nil, fmt.Errorf("%s: %w: header %v, want %v", path, ErrTruth, rec, header)
			}
			continue
		}
		out = append(out, rec)
	}
}

func readCaseTruth(path string) (map[rowKey]string, error) {
	recs, err := readTruthCSV(path, casesHeader)
	if err != nil {
		return nil, err
	}
	out := map[rowKey]string{}
	for i, r := range recs {
		row, err := strconv.Atoi(r[4])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w: source_row %q", path, i+2, ErrTruth, r[4])
		}
		out[rowKey{r[2], r[3], row}] = r[0]
	}
	return out, nil
}

func readHVTTruth(path string) (map[string]string, error) {
	recs, err := readTruthCSV(path, hvtTruthHeader)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, r := range recs {
		out[r[2]] = r[0]
	}
	return out, nil
}

// WriteTable prints the evaluation for a person.
func (ev Evaluation) WriteTable(w io.Writer) error {
	pct := func(f float64) string {
		if math.IsNaN(f) {
			return "—"
		}
		return fmt.Sprintf("%.2f", f)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "cases: %d planted, %d alerts\n", ev.PlantedCases, ev.Alerts)
	fmt.Fprintf(&b, "%-30s %9s %6s %6s %6s %6s\n", "", "precision", "recall", "f1", "tp", "fp")
	line := func(name string, s Score) {
		fmt.Fprintf(&b, "%-30s %9s %6s %6s %6d %6d\n", name, pct(s.Precision), pct(s.Recall), pct(s.F1), s.TP, s.FP)
	}
	line("medium and high severity", ev.CasesMediumHigh)
	line("all rules", ev.Cases)
	rules := make([]string, 0, len(ev.PerRule))
	for r := range ev.PerRule {
		rules = append(rules, r)
	}
	sort.Strings(rules)
	for _, r := range rules {
		line(fmt.Sprintf("  %s (%s)", r, ev.PerRule[r].Severity), ev.PerRule[r])
	}
	fmt.Fprintf(&b, "\nHVT links\n")
	line(fmt.Sprintf("cmrflow (score ≥ %.2f)", ev.Threshold), ev.Links)
	line("exact-name baseline", ev.BaselineLinks)
	for _, t := range ev.LinksByScore {
		line(fmt.Sprintf("  score ≥ %.2f", t.Threshold), t.Score)
	}
	if ev.FalseLinksPer1000Namesakes != nil {
		fmt.Fprintf(&b, "false links per 1,000 innocent near-namesakes (%d of them): cmrflow %.1f, exact-name baseline %.1f\n",
			ev.Namesakes, *ev.FalseLinksPer1000Namesakes, *ev.BaselineFalseLinksPer1000Namesakes)
	}
	if ev.Decoys > 0 {
		fmt.Fprintf(&b, "innocent look-alikes (school fees, busy shops): %d planted, %d drew an alert, %d alerts are mostly theirs\n",
			ev.Decoys, ev.DecoysAlerted, ev.DecoyAlerts)
	}
	for _, n := range ev.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
