package main

import (
	"errors"
	"sort"

	"github.com/spf13/cobra"

	"github.com/cmrflow/cmrflow/link"
	"github.com/cmrflow/cmrflow/pipeline"
	"github.com/cmrflow/cmrflow/reports"
	"github.com/cmrflow/cmrflow/store"
)

func (a *app) linkCmd() *cobra.Command {
	var cfg pipeline.LinkConfig
	var config string
	var review bool
	cmd := &cobra.Command{
		Use:   "link [--review] [--config cmrflow.yaml] [--threshold T] [--review-threshold T] [--hops K]",
		Short: "Resolve parties and link them to the HVT watchlist; --review lists the links waiting for an analyst",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if review {
				return a.withDB(ctx, true, func(db *store.DB) error {
					return reports.ReviewQueue(ctx, db, a.out)
				})
			}
			if config != "" {
				c, err := pipeline.LoadConfig(config)
				if err != nil {
					return err
				}
				for name, v := range map[string]*float64{"threshold": &cfg.Threshold, "review-threshold": &cfg.Review} {
					if !cmd.Flags().Changed(name) {
						*v = map[string]float64{"threshold": c.Link.Threshold, "review-threshold": c.Link.Review}[name]
					}
				}
				if !cmd.Flags().Changed("hops") {
					cfg.Hops = c.Link.Hops
				}
			}
			if cfg.Threshold <= 0 || cfg.Threshold > 1 || cfg.Review <= 0 || cfg.Review > cfg.Threshold || cfg.Hops < 0 {
				return &usageError{errors.New("--review-threshold must lie in (0, --threshold], --threshold in (0, 1], --hops not negative")}
			}
			return a.withDB(ctx, false, func(db *store.DB) error {
				res, err := a.runner(db).Link(ctx, cfg)
				if err != nil {
					return err
				}
				a.printLink(res)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&review, "review", false, "list the links in the review band instead of linking")
	cmd.Flags().StringVar(&config, "config", "", "take link.threshold, link.review and link.hops from this cmrflow.yaml")
	cmd.Flags().Float64Var(&cfg.Threshold, "threshold", 0.90, "score at or above which a party is linked")
	cmd.Flags().Float64Var(&cfg.Review, "review-threshold", 0.70, "score from which a link waits in the review queue")
	cmd.Flags().IntVar(&cfg.Hops, "hops", 2, "how many payments back from a linked party the network walk goes")
	for _, d := range []struct{ use, decision, short string }{
		{"confirm HVT PARTY [--note TEXT]", "confirmed", "Confirm a link: it stays linked over reruns and reloads"},
		{"reject HVT PARTY [--note TEXT]", "rejected", "Reject a link: it stays unlinked over reruns and reloads"},
	} {
		var note string
		sub := &cobra.Command{
			Use:   d.use,
			Short: d.short,
			Args:  args(cobra.ExactArgs(2)),
			RunE: func(cmd *cobra.Command, argv []string) error {
				return a.withDB(cmd.Context(), false, func(db *store.DB) error {
					if err := link.Decide(cmd.Context(), db, argv[0], argv[1], d.decision, note); err != nil {
						if errors.Is(err, link.ErrNoLink) {
							return &usageError{err}
						}
						return err
					}
					a.printf("%s %s: %s\n", argv[0], argv[1], d.decision)
					return nil
				})
			},
		}
		sub.Flags().StringVar(&note, "note", "", "why, for the record")
		cmd.AddCommand(sub)
	}
	return cmd
}

func (a *app) printLink(res link.Result) {
	a.printf("link: %d parties, %d links to HVTs, %d waiting for review, %d parties whose money reaches a linked one (%s)\n",
		res.Parties, res.Links, res.Review, res.Network, res.Took.Round(1e6))
	rules := make([]string, 0, len(res.Comparisons))
	for r := range res.Comparisons {
		rules = append(rules, r)
	}
	sort.Strings(rules)
	for _, r := range rules {
		a.log.Debug("blocking", "rule", r, "pairs", res.Comparisons[r])
	}
	a.log.Debug("compared", "pairs", res.Compared)
}

func (a *app) hvtCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "hvt", Short: "The HVTs on the watchlist"}
	cmd.AddCommand(&cobra.Command{
		Use:   "show ID",
		Short: "An HVT's names, linked parties with scores and explanations, money in by channel and month, alerts that reach it",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			return a.withDB(cmd.Context(), true, func(db *store.DB) error {
				err := reports.HVT(cmd.Context(), db, argv[0], a.out)
				if errors.Is(err, reports.ErrNoHVT) {
					return &usageError{err}
				}
				return err
			})
		},
	})
	return cmd
}
