package projections

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
)

// Summary is the read model behind the portfolio summary (internal/portfolio): history tables
// that keep every version of each project, milestone, indicator, funding application and PPP
// ledger year with the interval of recorded time it was valid in, so that the summary answers
// both "now" (the current rows) and "as of any past date" (the rows valid then) from indexes.
// It is one projector, so that a rebuild reads the event history once for all of its tables, and
// a Batcher: catch-up and rebuild give it their whole batch, which it folds in memory so that each
// version is written once (fold.go).
type Summary struct{}

// Name implements Projector.
func (Summary) Name() string { return "summary.v1" }

// Tables implements Projector.
func (Summary) Tables() []string {
	return []string{"summary_projects", "summary_now", "summary_region_days", "summary_region_waits", "summary_applications",
		"summary_ppp_budgets", "summary_ppp_obligations", "summary_ppp_rules"}
}

// Handles implements Projector.
func (Summary) Handles(streamType, eventType string) bool {
	switch streamType {
	case domain.ProjectStreamType:
		return summaryProjectEvents[eventType]
	case domain.ApplicationStreamType:
		return true
	case domain.PPPLedgerStreamType:
		return summaryLedgerEvents[eventType]
	}
	return false
}

// Apply implements Projector: one event is a batch of one.
func (s Summary) Apply(ctx context.Context, tx pgx.Tx, rec eventstore.Recorded, ev domain.Event) error {
	return applyBatcher(ctx, tx, s, []Applied{{Rec: rec, Event: ev}})
}

// PrepareBatch implements Batcher: the current versions of the things the events concern are
// read once, the events applied to them in memory (a command's events make one version), and each
// version written once. Then what the batch changed in each project's and application's current
// version moves the region aggregates: each changed project's current row (summary_now) is
// written once, and the regions' figures change by what the new current versions contribute
// less what the stored ones did, per region and day, in one statement.
func (Summary) PrepareBatch(evs []Applied, reads *pgx.Batch) func(context.Context, pgx.Tx) error {
	projects, apps := newProjectFolder(), newApplicationFolder()
	budgets, obligations := newLedgerFolder(summaryPPPBudgets), newLedgerFolder(summaryPPPObligations)
	var projectIDs, appIDs, regions []string
	seen := map[string]bool{}
	for _, a := range evs {
		if seen[a.Rec.StreamID] {
			continue
		}
		seen[a.Rec.StreamID] = true
		switch a.Rec.StreamType {
		case domain.ProjectStreamType:
			projectIDs = append(projectIDs, projectID(a.Rec))
		case domain.ApplicationStreamType:
			appIDs = append(appIDs, applicationID(a.Rec))
		case domain.PPPLedgerStreamType:
			regions = append(regions, ledgerRegion(a.Rec))
		}
	}
	queueLoadProjects(reads, projects, projectIDs)
	queueLoadApplications(reads, apps, appIDs)
	queueLoadLedgers(reads, budgets, obligations, regions)
	return func(ctx context.Context, tx pgx.Tx) error {
		before := regionsBeforeBatch(projects, apps)
		for _, a := range evs {
			var err error
			switch a.Rec.StreamType {
			case domain.ProjectStreamType:
				err = applySummaryProject(projects, a.Rec, a.Event)
			case domain.ApplicationStreamType:
				err = applySummaryApplication(apps, a.Rec, a.Event)
			case domain.PPPLedgerStreamType:
				err = applySummaryLedger(ctx, tx, budgets, obligations, a.Rec, a.Event)
			}
			if err != nil {
				return fmt.Errorf("apply %s %s v%d: %w", a.Rec.Type, a.Rec.StreamID, a.Rec.Version, err)
			}
		}
		moves, err := planRegionMoves(ctx, tx, before, projects, apps)
		if err != nil {
			return err
		}
		for _, w := range []interface {
			write(context.Context, pgx.Tx) error
		}{projects, apps, budgets, obligations, moves} {
			if err := w.write(ctx, tx); err != nil {
				return err
			}
		}
		return nil
	}
}
