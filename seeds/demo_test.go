package seeds_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/app"
	"github.com/smartcity/portfolio/internal/eventstore"
	"github.com/smartcity/portfolio/internal/testdb"
	"github.com/smartcity/portfolio/projections"
	"github.com/smartcity/portfolio/seeds"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// wantProjects is the size of the demo portfolio.
const wantProjects = 24

func newService(t *testing.T) (*app.Service, *pgxpool.Pool) {
	t.Helper()
	db := testdb.New(t)
	return app.NewService(eventstore.New(db.Pool, nil), nil, nil), db.Pool
}

func countEvents(t *testing.T, pool *pgxpool.Pool) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM events`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestLoadDemoCoversEveryStatusAndIsIdempotent(t *testing.T) {
	ctx := context.Background()
	svc, pool := newService(t)

	start := time.Now()
	first, err := seeds.LoadDemo(ctx, svc)
	if err != nil {
		t.Fatalf("first load: %v", err)
	}
	t.Logf("first load: %d projects, %d commands, %d replayed, %d events in %v",
		first.Projects, first.Commands, first.Replayed, countEvents(t, pool), time.Since(start).Round(time.Millisecond))
	if first.Projects != wantProjects || len(first.ProjectIDs) != wantProjects {
		t.Fatalf("loaded %d projects (%d ids), want %d", first.Projects, len(first.ProjectIDs), wantProjects)
	}
	if first.Replayed != 0 || first.Written() != first.Commands {
		t.Fatalf("first load into an empty store replayed %d of %d commands", first.Replayed, first.Commands)
	}

	// Every status is present, read back from the events (the write model).
	byStatus := map[domain.ProjectStatus][]domain.ProjectCode{}
	projects := map[domain.ProjectCode]*domain.Project{}
	for code, id := range first.ProjectIDs {
		p, err := svc.Project(ctx, id)
		if err != nil {
			t.Fatalf("replay %s: %v", code, err)
		}
		if p.Code() != code {
			t.Fatalf("project %s has code %s", id, p.Code())
		}
		projects[code] = p
		byStatus[p.Status()] = append(byStatus[p.Status()], code)
	}
	for _, s := range domain.ProjectStatuses() {
		if len(byStatus[s]) == 0 {
			t.Errorf("no demo project is %s", s)
		}
	}
	t.Logf("by status: %v", byStatus)

	checkPortfolio(t, svc.Today(), projects)

	// A second load replays every command and writes nothing.
	before := countEvents(t, pool)
	start = time.Now()
	second, err := seeds.LoadDemo(ctx, svc)
	if err != nil {
		t.Fatalf("second load: %v", err)
	}
	t.Logf("second load: %d commands, %d replayed in %v", second.Commands, second.Replayed, time.Since(start).Round(time.Millisecond))
	if second.Commands != first.Commands || second.Replayed != second.Commands || second.Written() != 0 {
		t.Fatalf("second load: %d commands (first %d), %d replayed; want all replayed", second.Commands, first.Commands, second.Replayed)
	}
	if after := countEvents(t, pool); after != before {
		t.Fatalf("second load wrote %d events", after-before)
	}
	for code, id := range first.ProjectIDs {
		if second.ProjectIDs[code] != id {
			t.Fatalf("%s: second load returned id %s, first %s", code, second.ProjectIDs[code], id)
		}
	}
}

// checkPortfolio checks the facts the demo promises beyond statuses.
func checkPortfolio(t *testing.T, today domain.Date, projects map[domain.ProjectCode]*domain.Project) {
	t.Helper()
	var overdue, rescheduled, achievedWithEvidence, measurements int
	var pendingRevisions, approvedRevisions int
	var ppp bool
	for code, p := range projects {
		if p.FundingPlan().Total() != p.PlannedInvestment() {
			t.Errorf("%s: funding plan %s does not add up to %s", code, p.FundingPlan(), p.PlannedInvestment())
		}
		if p.Spent() > p.ApprovedBudget() {
			t.Errorf("%s: spent %s above approved budget %s", code, p.Spent(), p.ApprovedBudget())
		}
		if p.FundingPlan().PPPSocialCapital > 0 {
			ppp = true
		}
		if p.Status() != domain.StatusSuspended && !p.Status().IsTerminal() {
			overdue += len(p.OverdueMilestones(today))
		}
		for _, m := range p.Milestones() {
			if m.Reschedules > 0 {
				rescheduled++
			}
			if m.Achieved() && m.Evidence != "" {
				achievedWithEvidence++
			}
		}
		for _, ind := range p.Indicators() {
			measurements += len(ind.Measurements)
		}
		for _, r := range p.BudgetRevisions() {
			switch r.Status {
			case domain.RevisionPending:
				pendingRevisions++
			case domain.RevisionApproved:
				approvedRevisions++
			}
		}
	}
	if overdue == 0 || rescheduled == 0 || achievedWithEvidence == 0 || measurements == 0 {
		t.Errorf("overdue %d, rescheduled %d, achieved with evidence %d, measurements %d: want each > 0",
			overdue, rescheduled, achievedWithEvidence, measurements)
	}
	if pendingRevisions != 1 || approvedRevisions != 1 {
		t.Errorf("%d pending and %d approved budget revisions, want 1 and 1", pendingRevisions, approvedRevisions)
	}
	if !ppp {
		t.Error("no project is funded with PPP social capital")
	}

	// The documents' headline targets are there.
	xn := projects["XN-2016-001"]
	targets := map[string]string{}
	for _, ind := range xn.Indicators() {
		targets[ind.Name] = ind.Target.String() + " " + ind.Unit + " by " + ind.TargetDate.String()
	}
	if got := targets["固定宽带用户"]; got != "68 万户 by 2017-12-31" {
		t.Errorf("Xianning fixed-broadband target: %q", got)
	}
	if got := targets["光纤到户(FTTH)用户"]; got != "48 万户 by 2017-12-31" {
		t.Errorf("Xianning FTTH target: %q", got)
	}
	if ha := projects["HA-2016-001"]; ha.ApprovedBudget() == ha.InitialApprovedBudget() {
		t.Errorf("Huai'an PPP budget was not revised: %s", ha.ApprovedBudget())
	}
}

func TestLoadDemoRefusesAClockBeforeItsHistory(t *testing.T) {
	svc, pool := newService(t)
	early := svc.WithClock(func() time.Time { return seeds.HistoryEnd.Time().AddDate(0, 0, -1) })
	if _, err := seeds.LoadDemo(context.Background(), early); err == nil {
		t.Fatal("LoadDemo accepted a today before the demo's history ends")
	}
	if n := countEvents(t, pool); n != 0 {
		t.Fatalf("a refused load wrote %d events", n)
	}
}

// The read models rebuilt from the demo's events agree with the write model.
func TestDemoReadModelsRebuildFromEvents(t *testing.T) {
	ctx := context.Background()
	svc, pool := newService(t)
	sum, err := seeds.LoadDemo(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	runner := projections.NewRunner(pool, nil, nil, projections.Config{}, projections.All()...)
	start := time.Now()
	n, err := runner.RebuildAll(ctx)
	if err != nil {
		t.Fatalf("rebuild the read models: %v", err)
	}
	t.Logf("rebuilt %d read models from %d events in %v", len(projections.All()), n, time.Since(start).Round(time.Millisecond))

	rows, err := pool.Query(ctx, `SELECT code, status FROM project_view`)
	if err != nil {
		t.Fatal(err)
	}
	viewed := map[domain.ProjectCode]domain.ProjectStatus{}
	for rows.Next() {
		var code, status string
		if err := rows.Scan(&code, &status); err != nil {
			t.Fatal(err)
		}
		viewed[domain.ProjectCode(code)] = domain.ProjectStatus(status)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(viewed) != len(sum.ProjectIDs) {
		t.Fatalf("project_view has %d projects, the demo %d", len(viewed), len(sum.ProjectIDs))
	}
	for code, id := range sum.ProjectIDs {
		p, err := svc.Project(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if viewed[code] != p.Status() {
			t.Errorf("%s: project_view says %s, the events %s", code, viewed[code], p.Status())
		}
	}
}
