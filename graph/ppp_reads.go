package graph

import (
	"context"
	"fmt"
	"slices"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/graph/model"
	"github.com/smartcity/portfolio/graph/readmodel"
)

// Helpers of the PPP query resolvers: visibility, arguments, and the domain's records as the
// schema shows them.

// pppScope is the PPP arrangements an actor may see: an owner its own organisation's; finance,
// office, leadership and administrators all; anyone else (experts) none. Hidden arrangements are
// absent rather than FORBIDDEN, as funding applications are.
func pppScope(a domain.Actor) readmodel.Scope {
	if a.Role == domain.RoleExpert {
		return readmodel.Scope{}
	}
	return applicationScope(a)
}

// pppScopeOf is the request's actor's PPP scope.
func pppScopeOf(ctx context.Context) (readmodel.Scope, error) {
	a, err := actorFrom(ctx)
	if err != nil {
		return readmodel.Scope{}, err
	}
	return pppScope(a), nil
}

// seesArrangement applies a PPP scope to an arrangement already read.
func seesArrangement(s readmodel.Scope, x *readmodel.PPPArrangement) bool {
	return x != nil && (s.All || (s.OwnerOrg != "" && s.OwnerOrg == x.OwnerOrganization))
}

// pppQuery turns the schema's filter into a read-model query within scope, checking region and project.
func pppQuery(scope readmodel.Scope, f *model.PPPArrangementFilter) (readmodel.PPPQuery, error) {
	q := readmodel.PPPQuery{Scope: scope}
	if f == nil {
		return q, nil
	}
	q.Stages, q.Owner = f.Stage, text(f.OwnerOrganization)
	if f.OperationMode != nil {
		q.Mode = *f.OperationMode
	}
	q.Mechanism = mechanismOf(f.ReturnMechanism)
	var err error
	if f.Region != nil && *f.Region != "" {
		if q.RegionPattern, err = readmodel.RegionPattern(*f.Region); err != nil {
			return q, err
		}
	}
	if f.Project != nil {
		if q.Project, err = parseIDAs("project", *f.Project, domain.ParseProjectID); err != nil {
			return q, err
		}
	}
	return q, nil
}

// pppAggregate is the arrangement replayed from its events (batched and cached per request).
func (r *rootResolver) pppAggregate(ctx context.Context, id domain.PPPArrangementID) (*domain.PPPArrangement, error) {
	return r.stateFrom(ctx).loaders.ppp.aggregates.Load(ctx, id)
}

// pppLedger is a region's ledger replayed from its events; nil when it was never opened.
func (r *rootResolver) pppLedger(ctx context.Context, region domain.RegionCode) (*domain.PPPLedger, error) {
	l, err := r.stateFrom(ctx).loaders.ppp.ledgers.Load(ctx, region)
	if err != nil || !l.Exists() {
		return nil, err
	}
	return l, nil
}

// maxHeadroomYears bounds a headroom query: a cooperation term is at most 30 years.
const maxHeadroomYears = 50

// headroom is the ledger's figures year by year, from the domain's own yearly queries.
func headroom(l *domain.PPPLedger, fromYear, toYear int, mechanism domain.PPPReturnMechanism) ([]*model.PPPYearHeadroom, error) {
	if toYear < fromYear {
		return nil, &domain.ValidationError{Field: "toYear", Reason: fmt.Sprintf("%d is before fromYear %d", toYear, fromYear)}
	}
	if n := toYear - fromYear + 1; n > maxHeadroomYears {
		return nil, &domain.ValidationError{Field: "toYear", Reason: fmt.Sprintf("%d–%d spans %d years, at most %d allowed", fromYear, toYear, n, maxHeadroomYears)}
	}
	out := make([]*model.PPPYearHeadroom, 0, toYear-fromYear+1)
	for y := fromYear; y <= toYear; y++ {
		h := &model.PPPYearHeadroom{Year: y, Obligations: l.Obligations(y), Level: l.WarningLevel(y)}
		if b, ok := l.Budget(y); ok {
			ratio, _ := l.Ratio(y)
			h.Budget, h.RatioBp = &b, &ratio
		}
		if rule, ok := l.RuleInForce(y, mechanism); ok {
			h.Rule = pppRule(rule)
		}
		if c, ok := l.Cap(y, mechanism); ok {
			left, _ := l.Headroom(y, mechanism)
			h.Cap, h.Headroom, h.AtCap = &c, &left, left == 0
		}
		out = append(out, h)
	}
	return out, nil
}

func pppRule(r domain.PPPAffordabilityRule) *model.PPPAffordabilityRule {
	out := &model.PPPAffordabilityRule{CapBp: r.CapBP, ValidFrom: r.ValidFrom, Basis: optText(r.Basis)}
	if r.ReturnMechanism != "" {
		m := r.ReturnMechanism
		out.ReturnMechanism = &m
	}
	return out
}

func pppPayment(p domain.PPPPayment) *model.PPPPayment {
	out := &model.PPPPayment{ID: string(p.ID), Year: p.Year, Kind: p.Kind, Scheduled: p.Amount, DueOn: p.DueOn,
		PerformanceDeduction: p.Amount - p.Payable, Payable: p.Payable, Paid: p.Paid, Outstanding: p.Outstanding()}
	out.LastPaidOn = optDate(p.LastPaidOn)
	return out
}

// paymentSchedule is an arrangement's payments year by year: every year with an obligation, a
// payment or an assessment, in order.
func paymentSchedule(x *domain.PPPArrangement) []*model.PPPYearPayments {
	var years []int
	for _, o := range x.Obligations() {
		years = append(years, o.Year)
	}
	for _, p := range x.Payments() {
		years = append(years, p.Year)
	}
	for _, a := range x.Assessments() {
		years = append(years, a.Year)
	}
	slices.Sort(years)
	years = slices.Compact(years)
	out := make([]*model.PPPYearPayments, len(years))
	for i, y := range years {
		scheduled, payable, paid := x.Scheduled(y), x.Payable(y), x.Paid(y)
		row := &model.PPPYearPayments{Year: y, Obligation: x.Obligation(y), Scheduled: scheduled,
			Unscheduled: x.Obligation(y) - scheduled, PerformanceDeduction: scheduled - payable, Payable: payable,
			Paid: paid, Difference: payable - paid}
		if a, ok := x.Assessment(y); ok {
			row.Assessment = &a
		}
		out[i] = row
	}
	return out
}

// optText is nil for "".
func optText(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// optDate is nil for the zero date.
func optDate(d domain.Date) *domain.Date {
	if d.IsZero() {
		return nil
	}
	return &d
}
