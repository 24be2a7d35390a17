package pipeline

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/cmrflow/cmrflow/ingest"
	"github.com/cmrflow/cmrflow/link"
	"github.com/cmrflow/cmrflow/reports"
	"github.com/cmrflow/cmrflow/rules"
	"github.com/cmrflow/cmrflow/store"
)

// Runner runs stages against one database and records each run.
type Runner struct {
	DB      *store.DB
	Log     *slog.Logger
	Trigger string // cli or cron
}

// record runs fn as one entry of the run ledger: started, then ok or
// failed with its error and stats. Cancellation is recorded as such.
func (r *Runner) record(ctx context.Context, command string, fn func(runID string) (any, error)) error {
	runID := newRunID()
	trigger := r.Trigger
	if trigger == "" {
		trigger = "cli"
	}
	_, err := r.DB.SQL.ExecContext(ctx, `INSERT INTO runs (run_id, trigger, started_at, status, stats) VALUES ($1, $2, $3, 'running', CAST($4 AS JSON))`,
		runID, trigger, time.Now().UTC(), fmt.Sprintf(`{"command": %q}`, command))
	if err != nil {
		return fmt.Errorf("record run: %w", err)
	}
	stats, runErr := fn(runID)
	status := "ok"
	var errText any
	switch {
	case errors.Is(runErr, context.Canceled):
		status = "cancelled"
	case runErr != nil:
		status, errText = "failed", runErr.Error()
	}
	statsJSON, _ := json.Marshal(map[string]any{"command": command, "result": stats})
	// A fresh context, so that a cancelled run is still written down.
	_, err = r.DB.SQL.ExecContext(context.WithoutCancel(ctx), `UPDATE runs SET finished_at = $2, status = $3, stats = CAST($4 AS JSON), error = $5 WHERE run_id = $1`,
		runID, time.Now().UTC(), status, string(statsJSON), errText)
	if err != nil {
		r.logger().Warn("could not record the end of a run", "run", runID, "err", err)
	}
	return runErr
}

func (r *Runner) logger() *slog.Logger {
	if r.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return r.Log
}

func newRunID() string {
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return "R" + time.Now().UTC().Format("20060102T150405") + "-" + hex.EncodeToString(b)
}

// Ingest loads files into transactions and quarantine.
func (r *Runner) Ingest(ctx context.Context, paths []string, opts ingest.Options) ([]ingest.FileResult, error) {
	var res []ingest.FileResult
	err := r.record(ctx, "ingest", func(runID string) (any, error) {
		opts.RunID, opts.Logger = runID, r.logger()
		var err error
		res, err = ingest.Files(ctx, r.DB, paths, opts)
		return res, err
	})
	return res, err
}

// LoadFX loads exchange rates and converts loaded amounts again.
func (r *Runner) LoadFX(ctx context.Context, path string) (ingest.FXResult, error) {
	var res ingest.FXResult
	err := r.record(ctx, "fx load", func(string) (any, error) {
		var err error
		res, err = ingest.LoadFX(ctx, r.DB, path)
		return map[string]any{"rates": res.Rates, "notes": res.Notes}, err
	})
	return res, err
}

// LoadWatchlist loads HVT watchlist files and returns how many entries
// they hold.
func (r *Runner) LoadWatchlist(ctx context.Context, paths []string) (int, error) {
	files, err := r.LoadWatchlistFiles(ctx, paths)
	n := 0
	for _, f := range files {
		n += f.Entries
	}
	return n, err
}

// LoadWatchlistFiles loads HVT watchlist files in any of their formats
// (folders are walked) and says per file what was added, updated and left
// unchanged.
func (r *Runner) LoadWatchlistFiles(ctx context.Context, paths []string) ([]link.FileResult, error) {
	var files []link.FileResult
	err := r.record(ctx, "watchlist load", func(string) (any, error) {
		var err error
		files, err = link.LoadFiles(ctx, r.DB, paths, link.LoadOptions{Logger: r.logger()})
		entries := 0
		for _, f := range files {
			entries += f.Entries
		}
		return map[string]any{"entries": entries, "files": files}, err
	})
	return files, err
}

// Detect runs the rules. A rule that fails is recorded in the run's stats
// and error, and the others still run.
func (r *Runner) Detect(ctx context.Context, opts rules.Options) ([]rules.Result, error) {
	var res []rules.Result
	err := r.record(ctx, "detect", func(runID string) (any, error) {
		opts.RunID, opts.Logger = runID, r.logger()
		var err error
		res, err = rules.Run(ctx, r.DB, opts)
		if err != nil {
			return nil, err
		}
		stats := map[string]any{}
		var failed []error
		for _, x := range res {
			s := map[string]any{"version": x.Version, "alerts": x.Alerts, "new": x.New, "ms": x.Duration.Milliseconds(), "params": x.Params}
			if x.Preset != "" {
				s["preset"] = x.Preset
			}
			if !opts.Since.IsZero() {
				s["since"] = opts.Since.Format(time.RFC3339)
			}
			if x.Err != nil {
				s["error"] = x.Err.Error()
				failed = append(failed, x.Err)
			}
			stats[x.RuleID] = s
		}
		if len(failed) > 0 {
			return stats, &RulesFailedError{Err: errors.Join(failed...)}
		}
		return stats, nil
	})
	return res, err
}

// RulesFailedError says some rules failed while the others ran.
type RulesFailedError struct{ Err error }

func (e *RulesFailedError) Error() string { return "some rules failed: " + e.Err.Error() }
func (e *RulesFailedError) Unwrap() error { return e.Err }

// Link resolves parties and links them to the watchlist.
func (r *Runner) Link(ctx context.Context, cfg LinkConfig) (link.Result, error) {
	var res link.Result
	err := r.record(ctx, "link", func(runID string) (any, error) {
		var err error
		res, err = link.Run(ctx, r.DB, link.Options{RunID: runID, Logger: r.logger(),
			Link: cfg.Threshold, Review: cfg.Review, Hops: cfg.Hops})
		return res, err
	})
	return res, err
}

// Report writes the xlsx report.
func (r *Runner) Report(ctx context.Context, opts reports.Options) (reports.Result, error) {
	var res reports.Result
	err := r.record(ctx, "report", func(string) (any, error) {
		var err error
		res, err = reports.Write(ctx, r.DB, opts)
		return res, err
	})
	return res, err
}
