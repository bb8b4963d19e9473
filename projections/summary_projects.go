package projections

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
)

// The history table of the project stream: a project's versions, with its milestones and
// indicators.
var summaryProjects = history{table: "summary_projects", key: []string{"project_id"}, cols: []string{
	"project_id", "seq", "valid_from", "valid_to", "code", "region_code", "province", "city", "county",
	"domain", "status", "owner_org", "year", "approved_budget", "spent", "reported_percent",
	"ms_id", "ms_name", "ms_weight", "ms_planned", "ms_achieved",
	"ind_id", "ind_baseline", "ind_target", "ind_target_date", "ind_latest", "ind_latest_date"}}

// at is the SQL expression of array col with element i (an SQL expression) replaced by v.
func at(col, i, v string) string {
	return fmt.Sprintf("%[1]s[:%[2]s - 1] || %[3]s || %[1]s[%[2]s + 1:]", col, i, v)
}

// summaryProjectEvents are the project events that change a figure of the summary.
var summaryProjectEvents = eventTypes(
	&domain.ProjectProposed{}, &domain.ProjectRevised{}, &domain.ProjectSubmittedForReview{},
	&domain.ProjectApproved{}, &domain.ProjectRejected{}, &domain.ProjectReturnedForRevision{},
	&domain.ConstructionStarted{}, &domain.AcceptanceRequested{}, &domain.ProjectAccepted{},
	&domain.AcceptanceRejected{}, &domain.OperationStarted{}, &domain.ProjectEvaluated{},
	&domain.ProjectSuspended{}, &domain.ProjectResumed{}, &domain.ProjectCancelled{},
	&domain.ProgressReported{}, &domain.ExpenditureRecorded{}, &domain.BudgetRevisionApproved{},
	&domain.MilestonePlanned{}, &domain.MilestoneRescheduled{}, &domain.MilestoneAchieved{},
	&domain.IndicatorDefined{}, &domain.IndicatorMeasured{},
)

// regionPath splits a region into the province, city and county columns (NULL above its level).
func regionPath(code domain.RegionCode) (province string, city, county *string, err error) {
	r, ok := domain.LookupRegion(code)
	if !ok {
		return "", nil, nil, fmt.Errorf("region %s is not in the catalogue", code)
	}
	p, c, k := r.Levels()
	orNull := func(code domain.RegionCode) *string {
		if code == "" {
			return nil
		}
		s := string(code)
		return &s
	}
	return string(p), orNull(c), orNull(k), nil
}

func applySummaryProject(ctx context.Context, tx pgx.Tx, rec eventstore.Recorded, ev domain.Event) error {
	key := []any{projectID(rec)}
	project := func(set []assign, args ...any) error {
		return summaryProjects.must(ctx, tx, rec, key, set, args...)
	}
	status := func(s domain.ProjectStatus) error { return project(assigns("status", "$3"), s) }
	switch e := ev.(type) {
	case *domain.ProjectProposed:
		province, city, county, err := regionPath(e.Region)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO summary_projects (project_id, seq, valid_from, code, region_code, province, city, county,
			domain, status, owner_org, year) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
			e.ProjectID, rec.Version, rec.RecordedAt, e.Code, e.Region, province, city, county, e.Domain,
			domain.StatusProposed, e.OwnerOrg, e.PlannedStart.Year)
		return err
	case *domain.ProjectRevised:
		province, city, county, err := regionPath(e.Region)
		if err != nil {
			return err
		}
		return project(assigns("region_code", "$3", "province", "$4", "city", "$5::text", "county", "$6::text",
			"domain", "$7", "year", "$8::integer"), e.Region, province, city, county, e.Domain, e.PlannedStart.Year)
	case *domain.ProjectSubmittedForReview:
		return status(domain.StatusUnderReview)
	case *domain.ProjectApproved:
		return project(assigns("status", "$3", "approved_budget", "$4::bigint"), domain.StatusApproved, e.ApprovedBudget)
	case *domain.ProjectRejected:
		return status(domain.StatusRejected)
	case *domain.ProjectReturnedForRevision:
		return status(domain.StatusReturned)
	case *domain.ConstructionStarted, *domain.AcceptanceRejected:
		return status(domain.StatusInConstruction)
	case *domain.AcceptanceRequested:
		return status(domain.StatusAcceptanceRequested)
	case *domain.ProjectAccepted:
		return status(domain.StatusAccepted)
	case *domain.OperationStarted:
		return status(domain.StatusInOperation)
	case *domain.ProjectEvaluated:
		return status(domain.StatusEvaluated)
	case *domain.ProjectSuspended:
		return status(domain.StatusSuspended)
	case *domain.ProjectResumed:
		return status(e.ResumedStatus)
	case *domain.ProjectCancelled:
		return status(domain.StatusCancelled)
	case *domain.ProgressReported:
		return project(assigns("reported_percent", "$3::integer"), e.Percent)
	case *domain.ExpenditureRecorded:
		return project(assigns("spent", "spent + $3::bigint"), e.Amount)
	case *domain.BudgetRevisionApproved:
		return project(assigns("approved_budget", "$3::bigint"), e.NewBudget)
	case *domain.MilestonePlanned:
		return project(assigns("ms_id", "ms_id || $3::uuid", "ms_name", "ms_name || $4::text", "ms_weight", "ms_weight || $5::integer",
			"ms_planned", "ms_planned || $6::date", "ms_achieved", "ms_achieved || NULL::date"),
			e.MilestoneID, e.Name, e.Weight, e.PlannedDate.Time())
	case *domain.MilestoneRescheduled:
		return project(assigns("ms_planned", at("ms_planned", "array_position(ms_id, $3::uuid)", "$4::date")), e.MilestoneID, e.NewDate.Time())
	case *domain.MilestoneAchieved:
		return project(assigns("ms_achieved", at("ms_achieved", "array_position(ms_id, $3::uuid)", "$4::date")), e.MilestoneID, e.AchievedOn.Time())
	case *domain.IndicatorDefined:
		return project(assigns("ind_id", "ind_id || $3::uuid", "ind_baseline", "ind_baseline || $4::numeric",
			"ind_target", "ind_target || $5::numeric", "ind_target_date", "ind_target_date || $6::date",
			"ind_latest", "ind_latest || NULL::numeric", "ind_latest_date", "ind_latest_date || NULL::date"),
			e.IndicatorID, e.Baseline.String(), e.Target.String(), e.TargetDate.Time())
	case *domain.IndicatorMeasured:
		// The latest value is the one measured last; of two on the same day, the one recorded last
		// (the same rule as indicator_view).
		const i, newer = "array_position(ind_id, $3::uuid)", "coalesce(ind_latest_date[array_position(ind_id, $3::uuid)] <= $4::date, true)"
		return project(assigns(
			"ind_latest", at("ind_latest", i, "CASE WHEN "+newer+" THEN $5::numeric ELSE ind_latest["+i+"] END"),
			"ind_latest_date", at("ind_latest_date", i, "CASE WHEN "+newer+" THEN $4::date ELSE ind_latest_date["+i+"] END")),
			e.IndicatorID, e.MeasuredOn.Time(), e.Value.String())
	}
	return nil
}
