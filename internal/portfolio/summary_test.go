package portfolio_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/portfolio"
	"github.com/smartcity/portfolio/projections"
)

func str(s string) *string       { return &s }
func fen(m int64) *domain.Money  { v := domain.Money(m); return &v }
func date(s string) *domain.Date { d := domain.MustDate(s); return &d }
func intp(n int) *int            { return &n }
func utc(t time.Time) time.Time  { return t.UTC() }
func yuan(n int64) domain.Money  { return domain.Yuan(n) }
func jsonOf(t *testing.T, v any) string {
	b, err := json.MarshalIndent(v, "", " ")
	must(t, err)
	return string(b)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) summary(q portfolio.Query) *portfolio.Result {
	f.t.Helper()
	r, err := f.reader.Summary(context.Background(), q)
	must(f.t, err)
	return r
}

func requireGroup(t *testing.T, what string, got, want portfolio.Group) {
	t.Helper()
	if g, w := jsonOf(t, got), jsonOf(t, want); g != w {
		t.Fatalf("%s:\n got %s\nwant %s", what, g, w)
	}
}

// The figures below are computed by hand from the fixture's story (see newFixture). P1's budget
// (BAC) is 100,000,000 fen; P2 is under review without a budget, so it adds to the counts only.
func TestSummaryAsOfEachDayShowsOnlyWhatWasRecordedByThen(t *testing.T) {
	f := newFixture(t)
	noIndicatorsMeasured := portfolio.Indicators{Count: 2}

	t.Run("the first day: budgets approved, nothing spent or planned yet", func(t *testing.T) {
		r := f.summary(portfolio.Query{AsOf: date("2025-01-10")})
		if !r.Historical || r.AsOf != domain.MustDate("2025-01-10") {
			t.Fatalf("as of %s, historical %v", r.AsOf, r.Historical)
		}
		if r.Position.Events != f.eventsByDay1 || !r.Position.RecordedAt.Equal(at("2025-01-10")) || r.Position.TransactionID == 0 {
			t.Fatalf("position %+v, want %d events, the last at %s", r.Position, f.eventsByDay1, at("2025-01-10"))
		}
		requireGroup(t, "totals", r.Totals, portfolio.Group{
			Projects: 2, ApprovedBudget: yuan(1_000_000),
			BudgetExecutionRate: str("0.0000"), PlannedPercent: str("0.00"), ReportedPercent: str("0.00"),
			Rating:     portfolio.Rating{Green: 2},
			Indicators: noIndicatorsMeasured,
		})
		want := []portfolio.PPPYear{{Region: "320300", Year: 2025, Budget: yuan(10_000_000), CapBP: intp(1000), Cap: fen(int64(yuan(1_000_000))), Headroom: fen(int64(yuan(1_000_000)))}}
		if g, w := jsonOf(t, r.PPPHeadroom), jsonOf(t, want); g != w {
			t.Fatalf("PPP headroom:\n got %s\nwant %s", g, w)
		}
	})

	t.Run("2025-02-15: spent and reported, nothing planned yet, the application waits for screening", func(t *testing.T) {
		r := f.summary(portfolio.Query{AsOf: date("2025-02-15")})
		// EV = 1e8 × 40% = 4e7; AC = 5e6; CPI = 8; EAC = BAC × AC / EV = 12,500,000.
		requireGroup(t, "totals", r.Totals, portfolio.Group{
			Projects: 2, ApprovedBudget: yuan(1_000_000), Spent: yuan(50_000),
			BudgetExecutionRate: str("0.0500"), PlannedPercent: str("0.00"), ReportedPercent: str("40.00"),
			EarnedValue: portfolio.EarnedValue{EV: yuan(400_000), AC: yuan(50_000), CPI: str("8.0000"), EAC: fen(12_500_000)},
			Rating:      portfolio.Rating{Green: 2},
			// Submitted 2025-02-01 10:00; the day ends 14 days and 14 hours later.
			Waiting:    []portfolio.StepWait{{Step: "SCREENING", Count: 1, OldestSince: utc(at("2025-02-01")), OldestWaitDays: 14}},
			Indicators: noIndicatorsMeasured,
		})
	})

	t.Run("2025-04-14: M1 overdue by 14 days makes P1 amber; I2's target date has passed", func(t *testing.T) {
		r := f.summary(portfolio.Query{AsOf: date("2025-04-14")})
		requireGroup(t, "totals", r.Totals, portfolio.Group{
			Projects: 2, ApprovedBudget: yuan(1_000_000), Spent: yuan(50_000),
			BudgetExecutionRate: str("0.0500"), PlannedPercent: str("40.00"), ReportedPercent: str("40.00"),
			EarnedValue:       portfolio.EarnedValue{PV: yuan(400_000), EV: yuan(400_000), AC: yuan(50_000), SPI: str("1.0000"), CPI: str("8.0000"), EAC: fen(12_500_000)},
			Rating:            portfolio.Rating{Amber: 1, Green: 1},
			OverdueMilestones: 1,
			MostOverdue: []portfolio.OverdueMilestone{{ProjectID: string(f.p1), ProjectCode: "XZ-TS-001", MilestoneID: string(f.m1),
				Name: "骨干网建成", PlannedDate: domain.MustDate("2025-03-31"), DaysOverdue: 14}},
			Waiting:    []portfolio.StepWait{{Step: "EXPERT_SCORING", Count: 1, OldestSince: utc(at("2025-03-01")), OldestWaitDays: 44}},
			Indicators: portfolio.Indicators{Count: 2, Missed: 1},
		})
	})

	t.Run("2025-05-05: M1 overdue by 35 days makes P1 red; measurements and the second spending count", func(t *testing.T) {
		r := f.summary(portfolio.Query{AsOf: date("2025-05-05")})
		// AC = 3e7; CPI = 4e7 / 3e7; EAC = 1e8 × 3e7 / 4e7 = 75,000,000. I1 attains 50%, I2 90%.
		requireGroup(t, "totals", r.Totals, portfolio.Group{
			Projects: 2, ApprovedBudget: yuan(1_000_000), Spent: yuan(300_000),
			BudgetExecutionRate: str("0.3000"), PlannedPercent: str("40.00"), ReportedPercent: str("40.00"),
			EarnedValue:       portfolio.EarnedValue{PV: yuan(400_000), EV: yuan(400_000), AC: yuan(300_000), SPI: str("1.0000"), CPI: str("1.3333"), EAC: fen(75_000_000)},
			Rating:            portfolio.Rating{Red: 1, Green: 1},
			OverdueMilestones: 1,
			MostOverdue: []portfolio.OverdueMilestone{{ProjectID: string(f.p1), ProjectCode: "XZ-TS-001", MilestoneID: string(f.m1),
				Name: "骨干网建成", PlannedDate: domain.MustDate("2025-03-31"), DaysOverdue: 35}},
			Waiting:    []portfolio.StepWait{{Step: "FINANCE_DECISION", Count: 1, OldestSince: utc(at("2025-04-15")), OldestWaitDays: 20}},
			Indicators: portfolio.Indicators{Count: 2, Measured: 2, Missed: 1, AverageAttainment: str("70.00")},
		})
		if r.PPPHeadroom[0].Budget != yuan(10_000_000) {
			t.Fatalf("the budget replaced on 2025-05-10 shows on 2025-05-05: %+v", r.PPPHeadroom)
		}
	})
}

// current is the fixture's state on 2025-06-01: M1 achieved, 45% reported, A1 approved with one
// tranche of two paid, the 2025 PPP budget replaced.
func current(f *fixture) portfolio.Group {
	// PV = 4e7, EV = 1e8 × 45% = 4.5e7, AC = 3e7: SPI 1.125, CPI 1.5, EAC = 1e8 × 3e7 / 4.5e7.
	return portfolio.Group{
		Projects: 2, ApprovedBudget: yuan(1_000_000), Funded: yuan(400_000), Reserved: yuan(250_000), Disbursed: yuan(150_000), Spent: yuan(300_000),
		DisbursementRate: str("0.3750"), BudgetExecutionRate: str("0.3000"), PlannedPercent: str("40.00"), ReportedPercent: str("45.00"),
		EarnedValue: portfolio.EarnedValue{PV: yuan(400_000), EV: yuan(450_000), AC: yuan(300_000), SPI: str("1.1250"), CPI: str("1.5000"), EAC: fen(66_666_666)},
		Rating:      portfolio.Rating{Green: 2},
		Indicators:  portfolio.Indicators{Count: 2, Measured: 2, Missed: 1, AverageAttainment: str("70.00")},
	}
}

func TestCurrentSummaryGroupsAndFilters(t *testing.T) {
	f := newFixture(t)
	r := f.summary(portfolio.Query{})
	if r.Historical || r.AsOf != domain.MustDate("2025-06-01") || !r.Position.RecordedAt.Equal(at("2025-05-10")) || r.Position.Offset == 0 {
		t.Fatalf("as of %s historical %v position %+v", r.AsOf, r.Historical, r.Position)
	}
	requireGroup(t, "totals", r.Totals, current(f))
	want := []portfolio.PPPYear{{Region: "320300", Year: 2025, Budget: yuan(12_000_000), CapBP: intp(1000), Cap: fen(int64(yuan(1_200_000))), Headroom: fen(int64(yuan(1_200_000)))}}
	if g, w := jsonOf(t, r.PPPHeadroom), jsonOf(t, want); g != w {
		t.Fatalf("PPP headroom:\n got %s\nwant %s", g, w)
	}

	p2 := portfolio.Group{Projects: 1, Rating: portfolio.Rating{Green: 1}}
	p1 := current(f)
	p1.Projects, p1.Rating = 1, portfolio.Rating{Green: 1}
	key := func(d portfolio.Dimension, v, label string) []portfolio.GroupKey {
		return []portfolio.GroupKey{{Dimension: d, Value: v, Label: label}}
	}

	t.Run("by city", func(t *testing.T) {
		r := f.summary(portfolio.Query{GroupBy: []portfolio.Dimension{portfolio.ByCity}})
		if r.GroupCount != 2 || len(r.Groups) != 2 {
			t.Fatalf("%d groups of %d", len(r.Groups), r.GroupCount)
		}
		g1, g2 := p1, p2
		g1.Keys, g2.Keys = key(portfolio.ByCity, "320300", "徐州市"), key(portfolio.ByCity, "320800", "淮安市")
		requireGroup(t, "Xuzhou", r.Groups[0], g1)
		requireGroup(t, "Huai'an", r.Groups[1], g2)
		requireGroup(t, "totals", r.Totals, current(f))
	})
	t.Run("by county: a city-level project has none", func(t *testing.T) {
		r := f.summary(portfolio.Query{GroupBy: []portfolio.Dimension{portfolio.ByCounty}})
		g1, g2 := p1, p2
		g1.Keys, g2.Keys = key(portfolio.ByCounty, "320312", "铜山区"), key(portfolio.ByCounty, "", "")
		if len(r.Groups) != 2 {
			t.Fatalf("%d groups", len(r.Groups))
		}
		requireGroup(t, "none", r.Groups[0], g2)
		requireGroup(t, "Tongshan", r.Groups[1], g1)
	})
	t.Run("by fund: only projects with an application", func(t *testing.T) {
		r := f.summary(portfolio.Query{GroupBy: []portfolio.Dimension{portfolio.ByFund, portfolio.ByStatus}})
		g1 := p1
		g1.Keys = []portfolio.GroupKey{{Dimension: portfolio.ByFund, Value: string(f.fund), Label: string(f.fund)},
			{Dimension: portfolio.ByStatus, Value: "IN_CONSTRUCTION", Label: "IN_CONSTRUCTION"}}
		if len(r.Groups) != 1 {
			t.Fatalf("%d groups", len(r.Groups))
		}
		requireGroup(t, "fund", r.Groups[0], g1)
		p1.Keys = nil
		requireGroup(t, "totals", r.Totals, p1)
	})
	t.Run("filtered by region, owner, status, year, domain, fund and support mode", func(t *testing.T) {
		only2 := p2
		for _, flt := range []portfolio.Filter{{Region: "320800"}, {OwnerOrg: "ha-commerce-bureau"}, {Status: "UNDER_REVIEW"},
			{Domain: "FOOD_SAFETY", Year: 2025}, {Region: "320000", Domain: "FOOD_SAFETY"}} {
			r := f.summary(portfolio.Query{Filter: flt})
			requireGroup(t, fmt.Sprintf("%+v", flt), r.Totals, only2)
		}
		p1.Keys = nil
		for _, flt := range []portfolio.Filter{{Region: "320300"}, {FundID: string(f.fund)}, {SupportMode: "INVESTMENT_SUBSIDY", Region: "320312"}} {
			r := f.summary(portfolio.Query{Filter: flt})
			requireGroup(t, fmt.Sprintf("%+v", flt), r.Totals, p1)
		}
		if r := f.summary(portfolio.Query{Filter: portfolio.Filter{Region: "320800"}}); len(r.PPPHeadroom) != 0 {
			t.Fatalf("Huai'an shows Xuzhou's PPP ledger: %+v", r.PPPHeadroom)
		}
		if r := f.summary(portfolio.Query{Filter: portfolio.Filter{Year: 2024}}); r.Totals.Projects != 0 || len(r.Groups) != 0 {
			t.Fatalf("2024 holds %+v", r.Totals)
		}
	})
}

func TestAnAsOfAnswerStaysTheSameAfterMoreEventsAreRecorded(t *testing.T) {
	f := newFixture(t)
	q := portfolio.Query{AsOf: date("2025-05-05"), GroupBy: []portfolio.Dimension{portfolio.ByCity, portfolio.ByStatus}}
	before := f.summary(q)

	// Later: spending dated back into April, progress, a rescheduled milestone, a new project.
	f.clock.set(time.Date(2025, 6, 2, 9, 0, 0, 0, cst))
	today := f.svc.Today()
	f.project(f.p1, owner, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
		return p.RecordExpenditure(a, domain.RecordExpenditure{SpentOn: domain.MustDate("2025-04-20"), Amount: domain.Yuan(10_000), Category: "EQUIPMENT", Description: "补录", Today: today})
	})
	f.project(f.p1, owner, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
		return p.RescheduleMilestone(a, domain.RescheduleMilestone{MilestoneID: f.m2, NewDate: domain.MustDate("2025-04-30"), Reason: "提前"})
	})
	f.project(f.p2, office, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
		return p.Reject(a, domain.RejectProject{Reason: "重复建设"})
	})
	// Asked again, and computed again (not the kept answer): the same.
	for _, r := range []*portfolio.Reader{f.reader, f.reader.Uncached()} {
		after, err := r.Summary(context.Background(), q)
		must(t, err)
		if g, w := jsonOf(t, after), jsonOf(t, before); g != w {
			t.Fatalf("the same as-of question changed:\n got %s\nwant %s", g, w)
		}
	}
	// The current answer does see them.
	if now := f.summary(portfolio.Query{}); now.Totals.Spent != yuan(310_000) || now.Totals.Rating.NotRated != 1 {
		t.Fatalf("current totals %+v", now.Totals)
	}
}

func TestSummaryRebuiltEqualsLive(t *testing.T) {
	f := newFixture(t)
	snap := func() string {
		var out string
		for _, table := range (projections.Summary{}).Tables() {
			var s *string
			must(t, f.db.Pool.QueryRow(context.Background(), fmt.Sprintf(`SELECT string_agg(to_jsonb(t)::text, E'\n' ORDER BY to_jsonb(t)::text) FROM %s t`, table)).Scan(&s))
			// Reserving PPP obligations takes an arrangement through preparation; the fixture has none.
			// and the fixture's only application is decided, so none waits.
			if s == nil && table != "summary_ppp_obligations" && table != "summary_region_waits" {
				t.Fatalf("%s is empty: the fixture should fill every summary table", table)
			}
			if s != nil {
				out += table + "\n" + *s + "\n"
			}
		}
		return out
	}
	live := snap()
	must(t, f.runner.Close())
	if _, err := f.runner.Rebuild(context.Background(), projections.Summary{}); err != nil {
		t.Fatal(err)
	}
	if rebuilt := snap(); rebuilt != live {
		t.Fatalf("rebuilt summary differs from live:\n%s\n---\n%s", rebuilt, live)
	}
}

func TestBadQueriesAreRefused(t *testing.T) {
	f := newFixture(t)
	for name, q := range map[string]portfolio.Query{
		"an unknown dimension":         {GroupBy: []portfolio.Dimension{"PLANET"}},
		"a dimension twice":            {GroupBy: []portfolio.Dimension{portfolio.ByCity, portfolio.ByCity}},
		"too many dimensions":          {GroupBy: []portfolio.Dimension{portfolio.ByCity, portfolio.ByStatus, portfolio.ByDomain, portfolio.ByYear}},
		"a limit beyond the maximum":   {Limit: portfolio.MaxGroups + 1},
		"an unknown region":            {Filter: portfolio.Filter{Region: "999999"}},
		"an unknown domain":            {Filter: portfolio.Filter{Domain: "SPACE"}},
		"an unknown status":            {Filter: portfolio.Filter{Status: "DREAMING"}},
		"an unknown support mode":      {Filter: portfolio.Filter{SupportMode: "GIFT"}},
		"a year out of range":          {Filter: portfolio.Filter{Year: 3000}},
		"a fund that is not a fund":    {Filter: portfolio.Filter{FundID: "0192f0d2-0000-7000-8000-000000000000"}},
		"an owner who owns nothing":    {Filter: portfolio.Filter{OwnerOrg: "nobody"}},
		"as of tomorrow":               {AsOf: date("2025-06-02")},
		"as of before the first event": {AsOf: date("2025-01-09")},
		"a malformed fund id":          {Filter: portfolio.Filter{FundID: "fund-1"}},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := f.reader.Summary(context.Background(), q)
			var v *domain.ValidationError
			if !errors.Is(err, domain.ErrInvalid) || !errors.As(err, &v) {
				t.Fatalf("got %v, want a validation error", err)
			}
		})
	}
}

// A kept answer is served while the read model stands at the position it was computed at, to
// every asker at once by one computation, and never after an event has moved the position.
func TestAnswersAreKeptUntilAnEventMovesThePosition(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	q := portfolio.Query{GroupBy: []portfolio.Dimension{portfolio.ByCounty}}
	before := portfolio.Computations(f.reader)

	// Sixteen askers at once: one computation, sixteen equal answers, equal to a fresh computation.
	const askers = 16
	got := make([]string, askers)
	var wg sync.WaitGroup
	for i := range askers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := f.reader.Summary(ctx, q)
			if err != nil {
				t.Error(err)
				return
			}
			got[i] = jsonOf(t, r)
		}()
	}
	wg.Wait()
	if n := portfolio.Computations(f.reader) - before; n != 1 {
		t.Fatalf("%d askers of one question at one position caused %d computations, want 1", askers, n)
	}
	fresh, err := f.reader.Uncached().Summary(ctx, q)
	must(t, err)
	for i, g := range got {
		if g != jsonOf(t, fresh) {
			t.Fatalf("asker %d got\n%s\nwant (computed afresh)\n%s", i, g, jsonOf(t, fresh))
		}
	}

	// An event moves the position: the next answer is computed again and shows it.
	f.project(f.p1, owner, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
		return p.RecordExpenditure(a, domain.RecordExpenditure{SpentOn: f.svc.Today(), Amount: domain.Yuan(5_000), Category: "EQUIPMENT", Description: "追加", Today: f.svc.Today()})
	})
	after := f.summary(q)
	if n := portfolio.Computations(f.reader) - before; n != 2 {
		t.Fatalf("after an event: %d computations in all, want 2", n)
	}
	if after.Totals.Spent != fresh.Totals.Spent+yuan(5_000) || after.Position == fresh.Position {
		t.Fatalf("after an event the answer shows spent %s at %+v, want %s at a new position (was %+v)",
			after.Totals.Spent, after.Position, fresh.Totals.Spent+yuan(5_000), fresh.Position)
	}
}
