package pipeline

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"

	"github.com/cmrflow/cmrflow/ingest"
	"github.com/cmrflow/cmrflow/link"
	"github.com/cmrflow/cmrflow/reports"
	"github.com/cmrflow/cmrflow/rules"
	"github.com/cmrflow/cmrflow/samples"
	"github.com/cmrflow/cmrflow/store"
)

// PassResult is what one full pass over a workspace did.
type PassResult struct {
	Rates     int
	Files     []ingest.FileResult
	HVTs      int
	Rules     []rules.Result
	Link      link.Result
	Report    reports.Result
	Workspace string
	Database  string
}

// Pass runs every stage once over a workspace: exchange rates and the inbox
// are loaded, then the watchlist, then rules, links and the report.
func Pass(ctx context.Context, cfg *Config, log *slog.Logger) (PassResult, error) {
	res := PassResult{Workspace: cfg.dir, Database: cfg.Path(cfg.Database)}
	db, err := store.Open(ctx, res.Database, store.Options{Logger: log})
	if err != nil {
		return res, err
	}
	defer db.Close()
	r := &Runner{DB: db, Log: log}
	if cfg.FX != "" {
		files, _ := filepath.Glob(filepath.Join(cfg.Path(cfg.FX), "*.csv"))
		for _, f := range files {
			fx, err := r.LoadFX(ctx, f)
			if err != nil {
				return res, fmt.Errorf("fx: %w", err)
			}
			for _, note := range fx.Notes {
				log.Warn("fx: "+note, "file", f)
			}
			res.Rates += fx.Rates
		}
	}
	if res.Files, err = r.Ingest(ctx, []string{cfg.Path(cfg.Inbox)}, ingest.Options{}); err != nil {
		return res, fmt.Errorf("ingest: %w", err)
	}
	if res.HVTs, err = r.LoadWatchlist(ctx, []string{cfg.Path(cfg.Watchlist)}); err != nil {
		return res, fmt.Errorf("watchlist: %w", err)
	}
	dirs := make([]string, len(cfg.Rules.Dirs))
	for i, d := range cfg.Rules.Dirs {
		dirs[i] = cfg.Path(d)
	}
	if res.Rules, err = r.Detect(ctx, rules.Options{Dirs: dirs, Set: cfg.Rules.Set}); err != nil {
		return res, fmt.Errorf("detect: %w", err)
	}
	if res.Link, err = r.Link(ctx, cfg.Link); err != nil {
		return res, fmt.Errorf("link: %w", err)
	}
	if res.Report, err = r.Report(ctx, reports.Options{OutDir: cfg.Path(cfg.Reports)}); err != nil {
		return res, fmt.Errorf("report: %w", err)
	}
	return res, nil
}

// DemoResult is what the demo generated and found.
type DemoResult struct {
	PassResult
	Samples samples.Summary
	Truth   string
}

// Demo makes dir a workspace, fills it with generated sample data and runs
// every stage over it; opts.Out is dir.
func Demo(ctx context.Context, dir string, opts samples.Options, log *slog.Logger) (DemoResult, error) {
	var res DemoResult
	cfg, err := Init(dir)
	if err != nil {
		return res, err
	}
	opts.Out = cfg.dir
	res.Samples, err = samples.Generate(ctx, opts)
	if err != nil {
		return res, fmt.Errorf("generate samples: %w", err)
	}
	res.Truth = filepath.Join(cfg.dir, "truth")
	res.PassResult, err = Pass(ctx, cfg, log)
	return res, err
}
