package reports

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"
	"io"

	"github.com/cmrflow/cmrflow/store"
)

var (
	//go:embed sql/status_counts.sql
	statusCountsSQL string
	//go:embed sql/status_sources.sql
	statusSourcesSQL string
	//go:embed sql/status_alerts.sql
	statusAlertsSQL string
	//go:embed sql/status_runs.sql
	statusRunsSQL string
	//go:embed sql/status_hvts.sql
	statusHVTsSQL string
	//go:embed sql/status_risk.sql
	statusRiskSQL string
)

// Status prints what the database holds: sources, counts, alerts by rule
// and the last runs.
func Status(ctx context.Context, db *store.DB, w io.Writer) error {
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(w, "database %s (schema v%d)\n", db.Path, v); err != nil {
		return err
	}
	sections := []struct{ title, query string }{
		{"Sources", statusSourcesSQL},
		{"Counts", statusCountsSQL},
		{"Alerts by rule", statusAlertsSQL},
		{"Alerts by the nearest HVT their money reaches", statusHVTsSQL},
		{"Riskiest parties", statusRiskSQL},
		{"Last runs", statusRunsSQL},
	}
	for _, s := range sections {
		if _, err := fmt.Fprintf(w, "\n%s\n", s.title); err != nil {
			return err
		}
		err := db.ReadQuery(ctx, s.query, func(rows *sql.Rows) error { return WriteRows(rows, w, "table") })
		if err != nil {
			return fmt.Errorf("status %s: %w", s.title, err)
		}
	}
	return nil
}

//go:embed sql/top_alerts.sql
var topAlertsSQL string

// TopAlerts prints the n strongest alerts as a table.
func TopAlerts(ctx context.Context, db *store.DB, w io.Writer, n int) error {
	rows, err := db.SQL.QueryContext(ctx, topAlertsSQL, sql.Named("n", n))
	if err != nil {
		return err
	}
	defer rows.Close()
	return WriteRows(rows, w, "table")
}
