package projections

import (
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
)

// The history table of the project stream: a project's versions, with its milestones and
// indicators (element i of each array is the i-th milestone or indicator, in the order they were
// planned or defined). Ids and numbers go as text arrays and are cast in SQL.
var summaryProjects = history{table: "summary_projects", key: []string{"project_id"}, keyTypes: []string{"uuid"}, cols: []string{
	"project_id", "seq", "valid_from", "valid_to", "code", "region_code", "province", "city", "county",
	"domain", "status", "owner_org", "year", "approved_budget", "spent", "reported_percent",
	"ms_id", "ms_name", "ms_weight", "ms_planned", "ms_achieved",
	"ind_id", "ind_baseline", "ind_target", "ind_target_date", "ind_latest", "ind_latest_date",
	"ms_plan_dates", "ms_plan_cum", "ms_open_dates", "ind_count", "ind_measured", "ind_attained", "ind_att_sum",
	"ind_att_n", "ind_open_dates"},
	casts: map[string]string{"ms_id": "::text[]::uuid[]", "ind_id": "::text[]::uuid[]",
		"ind_baseline": "::text[]::numeric[]", "ind_target": "::text[]::numeric[]", "ind_latest": "::text[]::numeric[]",
		"ind_att_sum": "::text::numeric"}}

// projectRow is a version of a project in summary_projects (the columns but the key, seq and the
// validity). Its derived figures are computed before it is written (summary_derive.go).
type projectRow struct {
	code, regionCode, province    string
	city, county                  *string
	domain, status, ownerOrg      string
	year                          int32
	approvedBudget, spent         int64
	reportedPercent               int32
	msID, msName                  []string
	msWeight                      []int32
	msPlanned, msAchieved         []pgtype.Date
	indID, indBaseline, indTarget []string
	indTargetDate                 []pgtype.Date
	indLatest                     []*string // NULL: not measured
	indLatestDate                 []pgtype.Date
	derived
}

// now is what the region aggregates need of the version.
func (r *projectRow) now() *nowRow {
	region := r.province
	if r.county != nil {
		region = *r.county
	} else if r.city != nil {
		region = *r.city
	}
	return &nowRow{region: region, status: r.status, approvedBudget: r.approvedBudget, spent: r.spent,
		reportedPercent: r.reportedPercent, derived: r.derived}
}

func (r projectRow) clone() projectRow {
	r.msID, r.msName, r.msWeight = slices.Clone(r.msID), slices.Clone(r.msName), slices.Clone(r.msWeight)
	r.msPlanned, r.msAchieved = slices.Clone(r.msPlanned), slices.Clone(r.msAchieved)
	r.indID, r.indBaseline, r.indTarget = slices.Clone(r.indID), slices.Clone(r.indBaseline), slices.Clone(r.indTarget)
	r.indTargetDate, r.indLatest, r.indLatestDate = slices.Clone(r.indTargetDate), slices.Clone(r.indLatest), slices.Clone(r.indLatestDate)
	r.derived = r.derived.clone()
	return r
}

func newProjectFolder() *folder[string, projectRow] {
	return newFolder(summaryProjects, projectRow.clone, func(id string) []any { return []any{id} },
		func(id string, v version[projectRow], to *time.Time) []any {
			r := v.row
			return []any{id, v.seq, v.from, to, r.code, r.regionCode, r.province, r.city, r.county,
				r.domain, r.status, r.ownerOrg, r.year, r.approvedBudget, r.spent, r.reportedPercent,
				orEmpty(r.msID), orEmpty(r.msName), orEmpty(r.msWeight), orEmpty(r.msPlanned), orEmpty(r.msAchieved),
				orEmpty(r.indID), orEmpty(r.indBaseline), orEmpty(r.indTarget), orEmpty(r.indTargetDate),
				orEmpty(r.indLatest), orEmpty(r.indLatestDate),
				r.msPlanDates, r.msPlanCum, r.msOpenDates, r.indCount, r.indMeasured, r.indAttained, r.indAttSum,
				r.indAttN, r.indOpenDates}
		})
}

// orEmpty is s, or an empty slice for nil (which would be written as NULL).
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// queueLoadProjects queues the read of the current versions of the projects ids into f.
func queueLoadProjects(reads *pgx.Batch, f *folder[string, projectRow], ids []string) {
	if len(ids) == 0 {
		return
	}
	f.queueLoad(reads, `SELECT project_id::text, valid_from, seq, code, region_code, province, city, county, domain,
			status, owner_org, year, approved_budget, spent, reported_percent, ms_id::text[], ms_name, ms_weight,
			ms_planned, ms_achieved, ind_id::text[], ind_baseline::text[], ind_target::text[], ind_target_date,
			ind_latest::text[], ind_latest_date, ms_plan_dates, ms_plan_cum, ms_open_dates, ind_count, ind_measured,
			ind_attained, ind_att_sum::text, ind_att_n, ind_open_dates
		FROM summary_projects WHERE valid_to IS NULL AND project_id = ANY($1::text[]::uuid[])`, []any{ids},
		func(id *string, from *time.Time, seq *int, r *projectRow) []any {
			return []any{id, from, seq, &r.code, &r.regionCode, &r.province, &r.city, &r.county, &r.domain, &r.status,
				&r.ownerOrg, &r.year, &r.approvedBudget, &r.spent, &r.reportedPercent, &r.msID, &r.msName, &r.msWeight,
				&r.msPlanned, &r.msAchieved, &r.indID, &r.indBaseline, &r.indTarget, &r.indTargetDate, &r.indLatest,
				&r.indLatestDate, &r.msPlanDates, &r.msPlanCum, &r.msOpenDates, &r.indCount, &r.indMeasured,
				&r.indAttained, &r.indAttSum, &r.indAttN, &r.indOpenDates}
		})
}

// pgDate is d as a date column's value.
func pgDate(d domain.Date) pgtype.Date { return pgtype.Date{Time: d.Time(), Valid: true} }

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

// applySummaryProject applies a project event to the project's versions.
func applySummaryProject(f *folder[string, projectRow], rec eventstore.Recorded, ev domain.Event) error {
	id := projectID(rec)
	project := func(fn func(*projectRow) error) error { return f.change(id, rec, fn) }
	status := func(s domain.ProjectStatus) error {
		return project(func(r *projectRow) error { r.status = string(s); return nil })
	}
	switch e := ev.(type) {
	case *domain.ProjectProposed:
		province, city, county, err := regionPath(e.Region)
		if err != nil {
			return err
		}
		return f.create(id, rec, projectRow{code: string(e.Code), regionCode: string(e.Region), province: province,
			city: city, county: county, domain: string(e.Domain), status: string(domain.StatusProposed),
			ownerOrg: string(e.OwnerOrg), year: int32(e.PlannedStart.Year)})
	case *domain.ProjectRevised:
		province, city, county, err := regionPath(e.Region)
		if err != nil {
			return err
		}
		return project(func(r *projectRow) error {
			r.regionCode, r.province, r.city, r.county = string(e.Region), province, city, county
			r.domain, r.year = string(e.Domain), int32(e.PlannedStart.Year)
			return nil
		})
	case *domain.ProjectSubmittedForReview:
		return status(domain.StatusUnderReview)
	case *domain.ProjectApproved:
		return project(func(r *projectRow) error {
			r.status, r.approvedBudget = string(domain.StatusApproved), int64(e.ApprovedBudget)
			return nil
		})
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
		return project(func(r *projectRow) error { r.reportedPercent = int32(e.Percent); return nil })
	case *domain.ExpenditureRecorded:
		return project(func(r *projectRow) error { r.spent += int64(e.Amount); return nil })
	case *domain.BudgetRevisionApproved:
		return project(func(r *projectRow) error { r.approvedBudget = int64(e.NewBudget); return nil })
	case *domain.MilestonePlanned:
		return project(func(r *projectRow) error {
			r.msID, r.msName = append(r.msID, string(e.MilestoneID)), append(r.msName, e.Name)
			r.msWeight, r.msPlanned = append(r.msWeight, int32(e.Weight)), append(r.msPlanned, pgDate(e.PlannedDate))
			r.msAchieved = append(r.msAchieved, pgtype.Date{})
			return nil
		})
	case *domain.MilestoneRescheduled:
		return project(func(r *projectRow) error {
			i, err := element(r.msID, string(e.MilestoneID), "milestone", id)
			if err == nil {
				r.msPlanned[i] = pgDate(e.NewDate)
			}
			return err
		})
	case *domain.MilestoneAchieved:
		return project(func(r *projectRow) error {
			i, err := element(r.msID, string(e.MilestoneID), "milestone", id)
			if err == nil {
				r.msAchieved[i] = pgDate(e.AchievedOn)
			}
			return err
		})
	case *domain.IndicatorDefined:
		return project(func(r *projectRow) error {
			r.indID, r.indBaseline = append(r.indID, string(e.IndicatorID)), append(r.indBaseline, e.Baseline.String())
			r.indTarget, r.indTargetDate = append(r.indTarget, e.Target.String()), append(r.indTargetDate, pgDate(e.TargetDate))
			r.indLatest, r.indLatestDate = append(r.indLatest, nil), append(r.indLatestDate, pgtype.Date{})
			return nil
		})
	case *domain.IndicatorMeasured:
		return project(func(r *projectRow) error {
			i, err := element(r.indID, string(e.IndicatorID), "indicator", id)
			if err != nil {
				return err
			}
			// The latest value is the one measured last; of two on the same day, the one recorded
			// last (the same rule as indicator_view).
			if on := e.MeasuredOn.Time(); !r.indLatestDate[i].Valid || !r.indLatestDate[i].Time.After(on) {
				v := e.Value.String()
				r.indLatest[i], r.indLatestDate[i] = &v, pgtype.Date{Time: on, Valid: true}
			}
			return nil
		})
	}
	return nil
}

// element is the index of id in ids (a project's milestones or indicators).
func element(ids []string, id, what, project string) (int, error) {
	i := slices.Index(ids, id)
	if i < 0 {
		return 0, fmt.Errorf("%s %s is not in the summary's version of project %s", what, id, project)
	}
	return i, nil
}
