// Command cmrflow follows ransom money on the Central Mediterranean Route:
// ingest, detect, link and report over an embedded DuckDB database.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/cmrflow/cmrflow/ingest"
	"github.com/cmrflow/cmrflow/pipeline"
	"github.com/cmrflow/cmrflow/reports"
	"github.com/cmrflow/cmrflow/rules"
	"github.com/cmrflow/cmrflow/store"
)

// Exit codes, as documented in the README.
const (
	exitOK          = 0
	exitFailed      = 1
	exitUsage       = 2
	exitQuarantined = 3
)

// usageError is a command line the user must correct.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// strictError is a load that finished but quarantined rows under --strict.
type strictError struct{ rows int }

func (e *strictError) Error() string {
	if e.rows == 1 {
		return "1 row was quarantined (--strict)"
	}
	return fmt.Sprintf("%d rows were quarantined (--strict)", e.rows)
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := newRoot(os.Stdout, os.Stderr).ExecuteContext(ctx)
	stop()
	code := exitCode(err)
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintln(os.Stderr, "cmrflow: "+line)
		}
	}
	os.Exit(code)
}

func exitCode(err error) int {
	var ue *usageError
	var se *strictError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &se):
		return exitQuarantined
	case errors.As(err, &ue),
		errors.Is(err, pipeline.ErrConfig),
		errors.Is(err, ingest.ErrProfile),
		errors.Is(err, ingest.ErrFX),
		errors.Is(err, rules.ErrInvalidRule),
		errors.Is(err, rules.ErrBadOverride),
		errors.Is(err, reports.ErrFormat),
		errors.Is(err, store.ErrNotReadOnly):
		return exitUsage
	}
	return exitFailed
}

// app holds what every command shares: global flags, output and logger.
type app struct {
	dbPath    string
	logFormat string
	verbose   bool
	quiet     bool
	out       io.Writer
	errOut    io.Writer
	log       *slog.Logger
}

func newRoot(out, errOut io.Writer) *cobra.Command {
	a := &app{out: out, errOut: errOut}
	root := &cobra.Command{
		Use:   "cmrflow",
		Short: "Follow ransom money on the Central Mediterranean Route",
		Long: `cmrflow loads hawala ledgers, MTO exports and bank statements into an embedded
DuckDB database, runs ransom-payment pattern rules, links the results to an
HVT watchlist and writes reports. It never reaches the network.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return a.setup()
		},
	}
	defaultDB := os.Getenv("CMRFLOW_DB")
	if defaultDB == "" {
		defaultDB = "cmrflow.duckdb"
	}
	pf := root.PersistentFlags()
	pf.StringVar(&a.dbPath, "db", defaultDB, "database file ($CMRFLOW_DB)")
	pf.StringVar(&a.logFormat, "log-format", "text", "log format on stderr: text or json")
	pf.BoolVarP(&a.verbose, "verbose", "v", false, "more detail on stderr")
	pf.BoolVarP(&a.quiet, "quiet", "q", false, "only warnings and errors on stderr")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	root.SetOut(out)
	root.SetErr(errOut)

	root.AddCommand(a.demoCmd(), a.initCmd(), a.ingestCmd(), a.fxCmd(), a.watchlistCmd(), a.detectCmd(),
		a.linkCmd(), a.hvtCmd(), a.reportCmd(), a.sqlCmd(), a.statusCmd(), a.rulesCmd(), a.samplesCmd())
	return root
}

func (a *app) setup() error {
	if a.verbose && a.quiet {
		return &usageError{errors.New("-v and -q cannot be used together")}
	}
	level := slog.LevelInfo
	switch {
	case a.verbose:
		level = slog.LevelDebug
	case a.quiet:
		level = slog.LevelWarn
	}
	opts := &slog.HandlerOptions{Level: level}
	switch a.logFormat {
	case "text":
		a.log = slog.New(slog.NewTextHandler(a.errOut, opts))
	case "json":
		a.log = slog.New(slog.NewJSONHandler(a.errOut, opts))
	default:
		return &usageError{fmt.Errorf("--log-format %q: use text or json", a.logFormat)}
	}
	return nil
}

// open opens the --db database for writing and brings its schema up to date.
func (a *app) open(ctx context.Context) (*store.DB, error) {
	return a.openAt(ctx, a.dbPath)
}

func (a *app) openAt(ctx context.Context, path string) (*store.DB, error) {
	return store.Open(ctx, path, store.Options{Logger: a.log})
}

// openReadOnly opens an existing database without changing it.
func (a *app) openReadOnly(ctx context.Context) (*store.DB, error) {
	db, err := store.Open(ctx, a.dbPath, store.Options{ReadOnly: true, Logger: a.log})
	if errors.Is(err, store.ErrNoDatabase) {
		return nil, fmt.Errorf("no database at %s (give --db, or run cmrflow ingest or cmrflow demo first)", a.dbPath)
	}
	return db, err
}

func (a *app) runner(db *store.DB) *pipeline.Runner {
	return &pipeline.Runner{DB: db, Log: a.log, Trigger: "cli"}
}

// terminal reports whether stderr is a terminal, where progress may be drawn.
func (a *app) terminal() bool {
	f, ok := a.errOut.(*os.File)
	if !ok || a.quiet {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func (a *app) printf(format string, args ...any) {
	fmt.Fprintf(a.out, format, args...)
}

// args checks positional arguments and reports misuse as a usage error.
func args(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if err := check(cmd, a); err != nil {
			return &usageError{fmt.Errorf("%s: %w", cmd.CommandPath(), err)}
		}
		return nil
	}
}

// withDB opens the --db database, for writing or read-only, runs fn on it
// and closes it.
func (a *app) withDB(ctx context.Context, readOnly bool, fn func(*store.DB) error) error {
	open := a.open
	if readOnly {
		open = a.openReadOnly
	}
	db, err := open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(db)
}
