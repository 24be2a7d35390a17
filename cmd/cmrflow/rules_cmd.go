package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/cmrflow/cmrflow/pipeline"
	"github.com/cmrflow/cmrflow/rules"
	"github.com/cmrflow/cmrflow/store"
)

// ruleFlags are the flags that choose rules and their parameters: folders
// of user rules, overrides, and a workspace configuration that gives both.
type ruleFlags struct {
	dirs, sets []string
	config     string
}

func (f *ruleFlags) register(cmd *cobra.Command, withSet bool) {
	cmd.Flags().StringArrayVar(&f.dirs, "rules", nil, "folder of your own rules (.sql) and word lists (.csv); repeatable")
	cmd.Flags().StringVar(&f.config, "config", "", "take rules.dirs and rules.set from this cmrflow.yaml too")
	if withSet {
		cmd.Flags().StringArrayVar(&f.sets, "set", nil, "override a parameter, RULE.PARAM=VALUE, or choose a preset, RULE.preset=NAME; repeatable")
	}
}

// resolve merges the configuration's folders and overrides with the
// command line's; the command line wins.
func (f *ruleFlags) resolve() ([]string, map[string]string, error) {
	var dirs []string
	set := map[string]string{}
	if f.config != "" {
		cfg, err := pipeline.LoadConfig(f.config)
		if err != nil {
			return nil, nil, err
		}
		for _, d := range cfg.Rules.Dirs {
			dirs = append(dirs, cfg.Path(d))
		}
		for k, v := range cfg.Rules.Set {
			set[k] = v
		}
	}
	dirs = append(dirs, f.dirs...)
	cli, err := parseSets(f.sets)
	if err != nil {
		return nil, nil, err
	}
	for k, v := range cli {
		set[k] = v
	}
	return dirs, set, nil
}

func parseSets(sets []string) (map[string]string, error) {
	out := map[string]string{}
	for _, s := range sets {
		k, v, ok := strings.Cut(s, "=")
		if !ok || k == "" {
			return nil, &usageError{fmt.Errorf("--set %q: write RULE.PARAM=VALUE or RULE.preset=NAME", s)}
		}
		out[k] = v
	}
	return out, nil
}

// parseSince reads --since: a date (the start of that day, UTC) or an
// RFC 3339 time.
func parseSince(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, &usageError{fmt.Errorf("--since %q: give a date such as 2025-03-01", s)}
}

func (a *app) detectCmd() *cobra.Command {
	var f ruleFlags
	var since string
	cmd := &cobra.Command{
		Use:   "detect [--rules DIR]... [--set RULE.PARAM=VALUE]... [--since DATE]",
		Short: "Run the ransom-pattern rules and write alerts",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			dirs, set, err := f.resolve()
			if err != nil {
				return err
			}
			opts := rules.Options{Dirs: dirs, Set: set}
			if since != "" {
				if opts.Since, err = parseSince(since); err != nil {
					return err
				}
			}
			return a.withDB(cmd.Context(), false, func(db *store.DB) error {
				res, err := a.runner(db).Detect(cmd.Context(), opts)
				a.printDetect(res)
				return err
			})
		},
	}
	f.register(cmd, true)
	cmd.Flags().StringVar(&since, "since", "", "only transactions on or after this date (2025-03-01)")
	return cmd
}

func (a *app) rulesCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "rules", Short: "The ransom-pattern rules: list, show, test"}
	cmd.AddCommand(a.rulesListCmd(), a.rulesShowCmd(), a.rulesTestCmd())
	return cmd
}

func (a *app) loadRules(f *ruleFlags) (*rules.Set, map[string]string, error) {
	dirs, set, err := f.resolve()
	if err != nil {
		return nil, nil, err
	}
	rs, err := rules.Load(dirs)
	if err != nil {
		return nil, nil, err
	}
	for _, line := range rs.Notes {
		a.log.Info(line)
	}
	return rs, set, nil
}

func (a *app) rulesListCmd() *cobra.Command {
	var f ruleFlags
	cmd := &cobra.Command{
		Use:   "list [--rules DIR]...",
		Short: "One rule a line: id, version, severity, title",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			rs, _, err := a.loadRules(&f)
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(a.out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tVERSION\tSEVERITY\tTITLE")
			for _, r := range rs.Rules {
				fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", r.ID, r.Version, r.Severity, r.Title)
			}
			return tw.Flush()
		},
	}
	f.register(cmd, false)
	return cmd
}

func (a *app) rulesShowCmd() *cobra.Command {
	var f ruleFlags
	var table string
	cmd := &cobra.Command{
		Use:   "show ID [--set RULE.PARAM=VALUE]... [--table NAME]",
		Short: "A rule's header, parameters with their current values, sources, tables and SQL",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			rs, set, err := a.loadRules(&f)
			if err != nil {
				return err
			}
			r, ok := rs.Rule(argv[0])
			if !ok {
				return &usageError{fmt.Errorf("no rule %q (see cmrflow rules list)", argv[0])}
			}
			if table != "" {
				return printTable(a.out, r, table)
			}
			values, err := rules.Bind(rs.Rules, set)
			if err != nil {
				return err
			}
			return printRule(a.out, r, values[r.ID])
		},
	}
	f.register(cmd, true)
	cmd.Flags().StringVar(&table, "table", "", "print the CSV file behind one of the rule's tables instead (to copy and edit it)")
	return cmd
}

func printTable(w io.Writer, r *rules.Rule, name string) error {
	for _, t := range r.Tables {
		if t.Name == name {
			b, err := t.ReadFile()
			if err != nil {
				return err
			}
			_, err = w.Write(b)
			return err
		}
	}
	var names []string
	for _, t := range r.Tables {
		names = append(names, t.Name)
	}
	if len(names) == 0 {
		return &usageError{fmt.Errorf("rule %s has no tables", r.ID)}
	}
	return &usageError{fmt.Errorf("rule %s has no table %q (tables: %s)", r.ID, name, strings.Join(names, ", "))}
}

func printRule(out io.Writer, r *rules.Rule, v rules.Values) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s v%d (%s): %s\n", r.ID, r.Version, r.Severity, r.Title)
	fmt.Fprintf(&b, "file: %s\n", r.File)
	if r.Description != "" {
		fmt.Fprintf(&b, "\n%s\n", wrapText(r.Description, 78, ""))
	}
	if len(r.Indicators) > 0 {
		fmt.Fprintf(&b, "\nsources\n")
		for _, id := range r.Indicators {
			if s, ok := rules.SourceOf(id); ok {
				fmt.Fprintf(&b, "  %s: %s\n", id, s)
			} else {
				fmt.Fprintf(&b, "  %s\n", id)
			}
		}
	}
	if len(r.Params) > 0 {
		fmt.Fprintf(&b, "\nparameters (current value; the default when it differs)\n")
		tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		for _, p := range r.Params {
			cur := rules.FormatValue(v.Param[p.Name])
			def := ""
			if d := rules.FormatValue(p.Default); d != cur {
				def = "(default " + d + ")"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s %s\n", p.Name, p.Type, cur, p.Doc, def)
		}
		tw.Flush()
	}
	if len(r.Presets) > 0 {
		chosen := v.Preset
		if chosen == "" {
			chosen = "none (the defaults)"
		}
		fmt.Fprintf(&b, "\npresets (choose with --set %s.preset=NAME; chosen: %s)\n", r.ID, chosen)
		for _, p := range r.Presets {
			var kv []string
			for _, param := range r.Params {
				if val, ok := p.Values[param.Name]; ok {
					kv = append(kv, param.Name+"="+rules.FormatValue(val))
				}
			}
			fmt.Fprintf(&b, "  %s: %s\n", p.Name, strings.Join(kv, " "))
		}
	}
	if len(r.Tables) > 0 {
		fmt.Fprintf(&b, "\ntables (print one with --table NAME)\n")
		for _, t := range r.Tables {
			fmt.Fprintf(&b, "  %s: %s\n", t.Name, t.Source())
		}
	}
	fmt.Fprintf(&b, "\nexplain\n%s\n", wrapText(r.Explain, 78, "  "))
	fmt.Fprintf(&b, "\nSQL (from line %d)\n%s\n", r.SQLLine, strings.Trim(r.SQL, "\n"))
	_, err := io.WriteString(out, b.String())
	return err
}

func wrapText(s string, width int, indent string) string {
	var lines []string
	line := indent
	for _, w := range strings.Fields(s) {
		if len(line) > len(indent) && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = indent
		}
		if len(line) > len(indent) {
			line += " "
		}
		line += w
	}
	return strings.Join(append(lines, line), "\n")
}

// testsFailedError is a rules test run in which some cases failed.
type testsFailedError struct{ failed, cases int }

func (e *testsFailedError) Error() string {
	return fmt.Sprintf("%d of %d rule test cases failed", e.failed, e.cases)
}

func (a *app) rulesTestCmd() *cobra.Command {
	var f ruleFlags
	cmd := &cobra.Command{
		Use:   "test [PATH...] [--rules DIR]...",
		Short: "Run rule tests (<rule id>_test.yaml files, or the folders holding them; none: the built-ins' own)",
		Args:  args(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, paths []string) error {
			dirs, _, err := f.resolve()
			if err != nil {
				return err
			}
			results, err := rules.Test(cmd.Context(), paths, dirs, a.log)
			cases, failed := 0, 0
			for _, r := range results {
				cases += len(r.Cases)
				failed += r.Failed()
				if r.Failed() == 0 {
					a.printf("ok    %s: %s, %d cases\n", r.File, r.Rule, len(r.Cases))
					continue
				}
				for _, c := range r.Cases {
					if len(c.Problems) == 0 {
						continue
					}
					a.printf("FAIL  %s:%d: %s: case %q\n", r.File, c.Line, r.Rule, c.Name)
					for _, p := range c.Problems {
						a.printf("        %s\n", p)
					}
				}
			}
			if err != nil {
				return err
			}
			a.printf("%d files, %d cases, %d failed\n", len(results), cases, failed)
			if failed > 0 {
				return &testsFailedError{failed, cases}
			}
			if cases == 0 {
				return errors.New("no rule tests ran")
			}
			return nil
		},
	}
	f.register(cmd, false)
	return cmd
}
