package portfolio

import (
	"time"

	"github.com/smartcity/portfolio/domain"
)

// Result is a summary: the totals over the filtered portfolio, the groups, PPP headroom, and the
// event position the figures were computed from.
type Result struct {
	// AsOf is the date the figures describe: the query's asOf, or today (China Standard Time).
	AsOf domain.Date
	// Historical is true when the answer was computed from the history as of the end of AsOf.
	Historical bool
	// Position is the last event the figures include.
	Position Position
	// Totals adds up every project that passes the filter (each once, whatever the grouping).
	Totals Group
	// Groups are the groups in key order, at most Query.Limit of them.
	Groups []Group
	// GroupCount is how many groups there are in all, including those beyond the limit.
	GroupCount int
	// PPPHeadroom is the fiscal affordability of PPP in each region within the region filter that
	// has a ledger, by year.
	PPPHeadroom []PPPYear
}

// Position names the event history an answer was computed from, so that the same question can
// be checked to give the same figures later.
type Position struct {
	// TransactionID and Offset are the global position of the last event included (the event
	// store's order); both 0 when there is none.
	TransactionID uint64
	Offset        int64
	// RecordedAt is when that event was recorded (UTC).
	RecordedAt time.Time
	// Events is how many events had been recorded by the end of AsOf (as-of answers only; 0 for
	// current answers, which name the position the summary read model had reached).
	Events int64
}

// GroupKey is one dimension's value of a group.
type GroupKey struct {
	Dimension Dimension
	// Value is the code (region code, domain, status, year, owner organisation, fund id or
	// support mode); empty when the project has none at that level (a city-level project by county).
	Value string
	// Label is a readable name where the catalogue has one (regions, domains); otherwise Value.
	Label string
}

// Group is the summary of the projects of one group.
//
// Money is integer fen. Ratios and percentages are exact decimal text computed by PostgreSQL
// (ratios rounded half away from zero to 4 places, percentages to 2), nil when the denominator is 0.
type Group struct {
	// Keys are the group's values, one per Query.GroupBy dimension (none for the totals).
	Keys []GroupKey
	// Projects is how many projects the group holds.
	Projects int
	// ApprovedBudget is the sum of the projects' approved budgets (BAC; 0 before approval).
	ApprovedBudget domain.Money
	// Funded is the approved funding: the amounts approved on the group's funding applications.
	Funded domain.Money
	// Reserved is approved funding not yet paid nor cancelled: approved − disbursed − cancelled.
	Reserved domain.Money
	// Disbursed is the money paid out net of recoveries: tranches disbursed − money recovered.
	Disbursed domain.Money
	// Spent is the projects' recorded expenditure (AC).
	Spent domain.Money
	// DisbursementRate is Disbursed / Funded.
	DisbursementRate *string
	// BudgetExecutionRate (执行率) is Spent / ApprovedBudget.
	BudgetExecutionRate *string
	// PlannedPercent is PV / BAC × 100: the budget-weighted share of milestone weight planned to be
	// done by the as-of date (sum of the weights of milestones whose planned date is on or before it).
	PlannedPercent *string
	// ReportedPercent is EV / BAC × 100: the budget-weighted latest reported progress.
	ReportedPercent *string
	// EarnedValue rolls up the projects' earned value.
	EarnedValue EarnedValue
	// Rating counts the projects per red/amber/green rating.
	Rating Rating
	// OverdueMilestones counts the milestones of live projects planned before the as-of date and not achieved.
	OverdueMilestones int
	// MostOverdue lists up to MaxOverdueListed of them, the most overdue first.
	MostOverdue []OverdueMilestone
	// Waiting counts the group's funding applications waiting at each step, with the oldest wait.
	Waiting []StepWait
	// Indicators compares the indicators' latest values with their targets.
	Indicators Indicators
}

// EarnedValue is the earned-value roll-up: per project PV = BAC × planned %, EV = BAC × reported %,
// AC = spent, with BAC the approved budget; the group's PV, EV and AC are the sums (rounded down
// to the fen), and its ratios are ratios of the sums: SPI = EV / PV, CPI = EV / AC,
// EAC = BAC / CPI = BAC × AC / EV (rounded down to the fen; nil when EV is 0).
type EarnedValue struct {
	PV  domain.Money
	EV  domain.Money
	AC  domain.Money
	SPI *string
	CPI *string
	EAC *domain.Money
}

// Rating counts projects by the red/amber/green rule. A live project (any status but REJECTED,
// CANCELLED and EVALUATED) is RED when its SPI or CPI is below 0.8 or a milestone is overdue by
// more than 30 days; AMBER when its SPI or CPI is below 0.9 or any milestone is overdue; GREEN
// otherwise. SPI counts only once something is planned (PV > 0), CPI once money is spent (AC > 0).
// Projects in the other statuses are not rated.
type Rating struct {
	Red, Amber, Green, NotRated int
}

// OverdueMilestone is a milestone past its planned date and not achieved.
type OverdueMilestone struct {
	ProjectID   string
	ProjectCode string
	MilestoneID string
	Name        string
	PlannedDate domain.Date
	// DaysOverdue is the as-of date minus the planned date.
	DaysOverdue int
}

// StepWait is how many funding applications wait at one step, and since when the oldest waits.
type StepWait struct {
	// Step is SCREENING, EXPERT_ASSIGNMENT, EXPERT_SCORING, FINANCE_DECISION or OWNER_REVISION.
	Step  string
	Count int
	// OldestSince is when the longest-waiting application reached the step (UTC).
	OldestSince time.Time
	// OldestWaitDays is the whole days from OldestSince to the as-of instant.
	OldestWaitDays int
}

// Indicators compares indicators with their targets. An indicator's attainment is
// (latest − baseline) / (target − baseline) × 100 (not capped; nil when target = baseline); it is
// attained when its latest value has reached the target (in the target's direction from the
// baseline), and missed when its target date is before the as-of date and it is not attained.
type Indicators struct {
	Count    int
	Measured int
	Attained int
	Missed   int
	// AverageAttainment is the mean attainment % of the measured indicators.
	AverageAttainment *string
}

// PPPYear is one region's PPP fiscal affordability (财政承受能力) in one year: the cap is the budget
// times the rule for every arrangement in force on January 1 of the year; headroom is what may
// still be added, never negative.
type PPPYear struct {
	Region      string
	Year        int
	Budget      domain.Money
	Obligations domain.Money
	// CapBP is the cap in basis points of the budget; nil without a rule in force.
	CapBP    *int
	Cap      *domain.Money
	Headroom *domain.Money
}
