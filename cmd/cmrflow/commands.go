package main

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cmrflow/cmrflow/ingest"
	"github.com/cmrflow/cmrflow/internal/words"
	"github.com/cmrflow/cmrflow/link"
	"github.com/cmrflow/cmrflow/pipeline"
	"github.com/cmrflow/cmrflow/reports"
	"github.com/cmrflow/cmrflow/rules"
	"github.com/cmrflow/cmrflow/samples"
	"github.com/cmrflow/cmrflow/store"
)

func (a *app) demoCmd() *cobra.Command {
	var dir string
	var opts samples.Options
	cmd := &cobra.Command{
		Use:   "demo [--dir DIR] [--seed N | --scenario NAME]",
		Short: "Generate sample data, run every stage, write a report, print where",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			abs, err := filepath.Abs(dir)
			if err != nil {
				return err
			}
			if opts.Scenario != "" && cmd.Flags().Changed("seed") {
				return &usageError{errors.New("--scenario fixes the seed; give one or the other")}
			}
			res, err := pipeline.Demo(ctx, abs, opts, a.log)
			a.printf("workspace %s\n", abs)
			a.printf("generated %d transactions with %d planted ransom cases (answers in %s)\n",
				res.Samples.Transactions, res.Samples.Cases, res.Truth)
			a.printPass(res.PassResult)
			if err != nil {
				return err
			}
			db, err := a.openAt(ctx, res.Database)
			if err != nil {
				return err
			}
			defer db.Close()
			a.printf("\nstrongest alerts\n")
			if err := reports.TopAlerts(ctx, db, a.out, 5); err != nil {
				return err
			}
			a.printf("\nnext: open the report, or look around with\n  cmrflow --db %s status\n  cmrflow --db %s sql \"select rule_id, summary from alerts\"\n",
				res.Database, res.Database)
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "cmrflow-demo", "workspace folder to create or reuse")
	cmd.Flags().Uint64Var(&opts.Seed, "seed", 1, "seed of the sample generator")
	cmd.Flags().StringVar(&opts.Scenario, "scenario", "", "a world of the trainer's kit instead: "+scenarioNames())
	return cmd
}

func (a *app) printPass(res pipeline.PassResult) {
	if res.Rates > 0 {
		a.printf("fx: %d exchange rates loaded\n", res.Rates)
	}
	a.printIngest(res.Files)
	if res.HVTs > 0 {
		a.printf("watchlist: %d HVTs loaded\n", res.HVTs)
	}
	a.printDetect(res.Rules)
	if res.Link.Parties > 0 {
		a.printLink(res.Link)
	}
	if res.Report.Path != "" {
		a.printReport(res.Report)
	}
}

func (a *app) printIngest(files []ingest.FileResult) {
	for _, f := range files {
		name := filepath.Base(f.Path)
		if f.AlreadyLoaded {
			a.printf("%s: already loaded (same bytes), nothing changed\n", name)
			continue
		}
		a.printf("%s: %s read, %d loaded, %d quarantined (layout %s, %s; %s)\n",
			name, words.Count(f.RowsRead, "row", "rows"), f.RowsLoaded, f.RowsQuarantined, f.Profile, f.Kind, f.Format)
		for _, n := range f.Notes {
			a.printf("  %s\n", n)
		}
	}
}

func (a *app) printDetect(results []rules.Result) {
	for _, r := range results {
		if r.Err != nil {
			a.printf("%s v%d: FAILED: %v\n", r.RuleID, r.Version, r.Err)
			continue
		}
		a.printf("%s v%d: %s (%d new) in %d ms\n", r.RuleID, r.Version, words.Count(r.Alerts, "alert", "alerts"), r.New, r.Duration.Milliseconds())
	}
}

func (a *app) printReport(res reports.Result) {
	a.printf("report: %s (%s, %s, %s, %s)\n", res.Path, words.Count(res.Alerts, "alert", "alerts"),
		words.Count(res.Evidence, "evidence row", "evidence rows"), words.Count(res.Links, "HVT link", "HVT links"),
		words.Count(res.Quarantine, "quarantined row", "quarantined rows"))
}

func (a *app) initCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "init [DIR]",
		Short: "Create a workspace: cmrflow.yaml, inbox/, archive/, failed/, reports/, watchlist/",
		Args:  args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			dir := "."
			if len(argv) == 1 {
				dir = argv[0]
			}
			cfg, err := pipeline.Init(dir)
			if err != nil {
				return err
			}
			db, err := a.openAt(cmd.Context(), cfg.Path(cfg.Database))
			if err != nil {
				return err
			}
			defer db.Close()
			a.printf("workspace ready: %s (database %s)\n", cfg.Path("."), db.Path)
			return nil
		},
	}
}

func (a *app) ingestCmd() *cobra.Command {
	var opts ingest.Options
	var strict bool
	cmd := &cobra.Command{
		Use:   "ingest [--kind hawala|remittance|bank|auto] [--profile NAME|FILE] [--strict] PATH...",
		Short: "Load files (or folders of files) into transactions, bad rows into quarantine",
		Args:  args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, paths []string) error {
			return a.withDB(cmd.Context(), false, func(db *store.DB) error {
				if a.terminal() {
					opts.Progress = a.errOut
				}
				files, err := a.runner(db).Ingest(cmd.Context(), paths, opts)
				a.printIngest(files)
				if err != nil {
					return err
				}
				quarantined := 0
				for _, f := range files {
					quarantined += f.RowsQuarantined
				}
				if strict && quarantined > 0 {
					return &strictError{rows: quarantined}
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&opts.Kind, "kind", "auto", "what the files are when the layout cannot tell: hawala, remittance, bank or auto")
	cmd.Flags().StringVar(&opts.Profile, "profile", "", "column mapping: a built-in profile name or a YAML file")
	cmd.Flags().BoolVar(&strict, "strict", false, "exit 3 when any row was quarantined")
	return cmd
}

func (a *app) fxCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "fx", Short: "Exchange rates used to convert amounts to USD and EUR"}
	cmd.AddCommand(&cobra.Command{
		Use:   "load FILE.csv",
		Short: "Load rates (currency,day,usd_per_unit or units_per_usd) and convert loaded amounts again",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			return a.withDB(cmd.Context(), false, func(db *store.DB) error {
				res, err := a.runner(db).LoadFX(cmd.Context(), argv[0])
				if err != nil {
					return err
				}
				a.printf("fx: %d rates loaded from %s\n", res.Rates, argv[0])
				for _, note := range res.Notes {
					a.printf("  %s\n", note)
				}
				return nil
			})
		},
	})
	return cmd
}

func (a *app) watchlistCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "watchlist", Short: "Manage the HVT watchlist"}
	cmd.AddCommand(&cobra.Command{
		Use:   "load PATH...",
		Short: "Load watchlists (native YAML, CSV or xlsx, UN consolidated XML, FtM JSON lines); entries are updated by hvt_id",
		Args:  args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, paths []string) error {
			return a.withDB(cmd.Context(), false, func(db *store.DB) error {
				files, err := a.runner(db).LoadWatchlistFiles(cmd.Context(), paths)
				if err != nil {
					return err
				}
				a.printWatchlist(files)
				return nil
			})
		},
	})
	return cmd
}

// printWatchlist writes one line per file: its format and what the load
// did with its entries, then what it noticed.
func (a *app) printWatchlist(files []link.FileResult) {
	for _, f := range files {
		if f.Format == "" {
			a.printf("watchlist: %s: skipped\n", f.Path)
		} else {
			line := fmt.Sprintf("watchlist: %s (%s): %d entries: %d added, %d updated, %d unchanged",
				f.Path, f.Format, f.Entries, f.Added, f.Updated, f.Unchanged)
			if f.Relisted > 0 {
				line += fmt.Sprintf(", %d listed again", f.Relisted)
			}
			if f.Skipped > 0 {
				line += fmt.Sprintf("; %d records skipped", f.Skipped)
			}
			a.printf("%s\n", line)
			if len(f.Absent) > 0 {
				a.printf("  no longer in it, kept on the watchlist (delisting is for an analyst to decide): %s\n",
					strings.Join(f.Absent, ", "))
			}
		}
		for _, n := range f.Notes {
			a.printf("  %s\n", n)
		}
	}
}

func (a *app) reportCmd() *cobra.Command {
	var opts reports.Options
	var formats []string
	cmd := &cobra.Command{
		Use:   "report [--out DIR] [--format xlsx]",
		Short: "Write the report: summary, alerts, evidence rows with file, sheet and row",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			for _, f := range formats {
				if f != "xlsx" {
					return &usageError{fmt.Errorf("--format %s: this build writes xlsx only", f)}
				}
			}
			return a.withDB(cmd.Context(), false, func(db *store.DB) error {
				res, err := a.runner(db).Report(cmd.Context(), opts)
				if err != nil {
					return err
				}
				a.printReport(res)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&opts.OutDir, "out", "reports", "folder to write into")
	cmd.Flags().StringSliceVar(&formats, "format", []string{"xlsx"}, "report formats (xlsx)")
	return cmd
}

func (a *app) sqlCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "sql [--format table|csv|json] QUERY",
		Short: "Run one read-only query and print the result",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if !slices.Contains(reports.Formats, format) {
				return &usageError{fmt.Errorf("--format %q: use one of %s", format, strings.Join(reports.Formats, ", "))}
			}
			return a.withDB(cmd.Context(), true, func(db *store.DB) error {
				return db.ReadQuery(cmd.Context(), argv[0], func(rows *sql.Rows) error {
					return reports.WriteRows(rows, a.out, format)
				})
			})
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "table, csv or json")
	return cmd
}

func (a *app) statusCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: "Sources, counts, alerts by rule and the last runs",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withDB(cmd.Context(), true, func(db *store.DB) error {
				return reports.Status(cmd.Context(), db, a.out)
			})
		},
	}
}

func (a *app) samplesCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "samples", Short: "Synthetic data with known answers"}
	var opts samples.Options
	gen := &cobra.Command{
		Use:   "generate [--out DIR] [--seed N] [--rows N] [--cases N] [--scenario NAME]",
		Short: "Write sample inbox files, a watchlist and the truth; same seed, same bytes",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Rows < 0 || opts.Cases < 0 {
				return &usageError{errors.New("--rows and --cases must not be negative")}
			}
			if opts.Scenario != "" && (cmd.Flags().Changed("seed") || cmd.Flags().Changed("rows") || cmd.Flags().Changed("cases")) {
				return &usageError{errors.New("--scenario fixes seed, rows and cases; give one or the others")}
			}
			sum, err := samples.Generate(cmd.Context(), opts)
			if err != nil {
				return err
			}
			a.printf("wrote %d transactions (%d planted cases, %d deliberately broken rows) into %s\n",
				sum.Transactions, sum.Cases, sum.Broken, opts.Out)
			for _, f := range sum.Files {
				a.printf("  %s\n", f)
			}
			return nil
		},
	}
	var truth string
	var asJSON bool
	var threshold float64
	eval := &cobra.Command{
		Use:   "eval --truth DIR [--json] [--threshold T]",
		Short: "Score the alerts and HVT links in the database against the samples' truth",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if truth == "" {
				return &usageError{errors.New("--truth DIR is required (the truth folder of a samples run)")}
			}
			return a.withDB(cmd.Context(), true, func(db *store.DB) error {
				ev, err := samples.Eval(cmd.Context(), db, truth, threshold)
				if err != nil {
					return err
				}
				if asJSON {
					enc := json.NewEncoder(a.out)
					enc.SetIndent("", "  ")
					return enc.Encode(ev)
				}
				return ev.WriteTable(a.out)
			})
		},
	}
	eval.Flags().StringVar(&truth, "truth", "", "the truth folder written by samples generate (or demo)")
	eval.Flags().BoolVar(&asJSON, "json", false, "print JSON instead of a table")
	eval.Flags().Float64Var(&threshold, "threshold", 0.90, "link score at or above which a link counts")
	cmd.AddCommand(eval)
	gen.Flags().StringVar(&opts.Out, "out", "cmrflow-samples", "folder to write into")
	gen.Flags().Uint64Var(&opts.Seed, "seed", 1, "seed; the same seed and options give the same bytes")
	gen.Flags().IntVar(&opts.Rows, "rows", 0, "background transactions (default 20,000: with four cases about 0.1 % illicit)")
	gen.Flags().IntVar(&opts.Cases, "cases", 0, "planted ransom cases (default 4; every fourth is a captive sold on and ransomed again)")
	gen.Flags().StringVar(&opts.Scenario, "scenario", "", "a world of the trainer's kit: "+scenarioNames())
	cmd.AddCommand(gen)
	var kitDir string
	kit := &cobra.Command{
		Use:   "kit [--out DIR]",
		Short: "Write the trainer's kit: per scenario the story, exercises and answer key",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := samples.WriteKit(cmd.Context(), kitDir); err != nil {
				return err
			}
			a.printf("wrote the trainer's kit into %s\n", kitDir)
			return nil
		},
	}
	kit.Flags().StringVar(&kitDir, "out", filepath.Join("samples", "training"), "folder to write into")
	cmd.AddCommand(kit)
	return cmd
}

func scenarioNames() string {
	names := make([]string, len(samples.Scenarios))
	for i, s := range samples.Scenarios {
		names[i] = s.Name
	}
	return strings.Join(names, ", ")
}
