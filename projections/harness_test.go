package projections_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/app"
	"github.com/smartcity/portfolio/internal/eventstore"
	"github.com/smartcity/portfolio/internal/testdb"
	"github.com/smartcity/portfolio/projections"
)

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(runChildProjector())
	}
	testdb.Main(m)
}

var (
	owner  = domain.Actor{UserID: "zhang", Role: domain.RoleOwner, OrgID: "xz-bigdata-bureau"}
	office = domain.Actor{UserID: "li", Role: domain.RoleOffice, OrgID: "js-smart-office"}
	expert = domain.Actor{UserID: "wang", Role: domain.RoleExpert, OrgID: "nju"}
)

// env is a database with a store, a runner over all projectors and a command service.
type env struct {
	db     *testdb.DB
	store  *eventstore.Store
	runner *projections.Runner
	svc    *app.Service
}

func newEnv(t testing.TB, start bool) *env {
	t.Helper()
	db := testdb.New(t)
	signal := eventstore.NewSignal()
	e := &env{db: db, store: eventstore.New(db.Pool, nil, eventstore.WithCommitSignal(signal))}
	e.runner = projections.NewRunner(db.Pool, signal, slog.New(slog.DiscardHandler), projections.Config{PollInterval: 20 * time.Millisecond}, projections.All()...)
	e.svc = app.NewService(e.store, nil, nil)
	if start {
		if err := e.runner.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = e.runner.Close() })
	}
	return e
}

// workload drives n projects through a realistic history and returns the last position written.
func workload(t testing.TB, svc *app.Service, n int, tag string) eventstore.Position {
	t.Helper()
	ctx := context.Background()
	var last eventstore.Position
	must := func(o app.Outcome, err error) app.Outcome {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		last = o.Position
		return o
	}
	today := svc.Today()
	for i := 0; i < n; i++ {
		details := domain.ProjectDetails{
			Name: fmt.Sprintf("徐州云计算中心 %s-%d", tag, i), Domain: "BROADBAND_CLOUD", Region: "320300",
			Description: "cloud centre", PlannedInvestment: domain.Yuan(1_000_000),
			Funding:      domain.FundingPlan{FiscalSpecialFund: domain.Yuan(600_000), SelfRaised: domain.Yuan(400_000)},
			PlannedStart: domain.MustDate("2024-01-01"), PlannedEnd: domain.MustDate("2026-12-31"),
		}
		code := domain.ProjectCode(strings.ToUpper(fmt.Sprintf("XZ-%s-%04d", tag, i)))
		id := must(svc.ProposeProject(ctx, app.Request{Actor: owner}, code, details, code)).Ref.ProjectID
		do := func(a domain.Actor, name string, act app.ProjectAction) {
			must(svc.OnProject(ctx, app.Request{Actor: a}, name, id, name, app.Ref{}, act))
		}
		do(owner, "SubmitProjectForReview", func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
			return p.SubmitForReview(a, domain.SubmitProjectForReview{})
		})
		if i%5 == 4 {
			continue // some projects stay under review
		}
		do(expert, "RecordExpertReview", func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
			return p.RecordExpertReview(a, domain.RecordExpertReview{Score: 80 + i%20, Opinion: "sound"})
		})
		do(office, "ApproveProject", func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
			return p.Approve(a, domain.ApproveProject{DocumentNo: "徐经信〔2024〕1号", ApprovedBudget: domain.Yuan(900_000), ApprovedOn: domain.MustDate("2024-02-01"), Today: today})
		})
		do(owner, "StartConstruction", func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
			return p.StartConstruction(a, domain.StartConstruction{StartedOn: domain.MustDate("2024-03-01"), Today: today})
		})
		m1, m2 := domain.NewMilestoneID(), domain.NewMilestoneID()
		do(owner, "PlanMilestone", func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
			return p.PlanMilestone(a, domain.PlanMilestone{MilestoneID: m1, Name: "机房建成", PlannedDate: domain.MustDate("2024-06-30"), Weight: 40})
		})
		do(owner, "PlanMilestone", func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
			return p.PlanMilestone(a, domain.PlanMilestone{MilestoneID: m2, Name: "平台上线", PlannedDate: domain.MustDate("2025-06-30"), Weight: 60})
		})
		do(owner, "AchieveMilestone", func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
			return p.AchieveMilestone(a, domain.AchieveMilestone{MilestoneID: m1, AchievedOn: domain.MustDate("2024-07-02"), Evidence: "验收单", Today: today})
		})
		do(owner, "RecordExpenditure", func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
			return p.RecordExpenditure(a, domain.RecordExpenditure{SpentOn: domain.MustDate("2024-05-01"), Amount: domain.Money(12_345_67 + i), Category: "EQUIPMENT", Description: "servers", Today: today})
		})
		do(owner, "ReportProgress", func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
			return p.ReportProgress(a, domain.ReportProgress{AsOf: domain.MustDate("2024-08-01"), Percent: 45, Narrative: "on track", Today: today})
		})
		ind := domain.NewIndicatorID()
		do(owner, "DefineIndicator", func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
			return p.DefineIndicator(a, domain.DefineIndicator{IndicatorID: ind, Name: "固定宽带用户", Unit: "户", Baseline: domain.MustQuantity("500000"), Target: domain.MustQuantity("680000"), TargetDate: domain.MustDate("2026-12-31")})
		})
		do(owner, "RecordMeasurement", func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
			return p.RecordMeasurement(a, domain.RecordMeasurement{IndicatorID: ind, MeasuredOn: domain.MustDate("2025-01-01"), Value: domain.MustQuantity("612000.5"), Today: today})
		})
	}
	return last
}

// snapshot returns every row of every read-model table, as sorted JSON text.
func snapshot(t testing.TB, pool *pgxpool.Pool) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, p := range projections.All() {
		for _, table := range p.Tables() {
			rows, err := pool.Query(context.Background(), fmt.Sprintf(`SELECT to_jsonb(t)::text FROM %s t ORDER BY 1`, table))
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var s string
				if err := rows.Scan(&s); err != nil {
					t.Fatal(err)
				}
				out[table] = append(out[table], s)
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
		}
	}
	return out
}

func requireEqualSnapshots(t *testing.T, what string, got, want map[string][]string) {
	t.Helper()
	for table, rows := range want {
		if len(got[table]) != len(rows) {
			t.Fatalf("%s: %s has %d rows, want %d", what, table, len(got[table]), len(rows))
		}
		for i := range rows {
			if got[table][i] != rows[i] {
				t.Fatalf("%s: %s row %d differs:\n got %s\nwant %s", what, table, i, got[table][i], rows[i])
			}
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%s: tables %d, want %d", what, len(got), len(want))
	}
}

func waitFor(t testing.TB, r *projections.Runner, pos eventstore.Position) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := r.WaitFor(ctx, pos); err != nil {
		t.Fatal(err)
	}
}
