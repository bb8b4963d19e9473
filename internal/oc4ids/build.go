package oc4ids

import (
	"fmt"
	"strings"

	"github.com/smartcity/portfolio/domain"
)

// build turns what was recorded about a project into its OC4IDS project. day is the calendar
// day the export describes (the asOf day, or today): milestones due before it and not met are
// "notMet".
func build(src *source, day domain.Date) Project {
	p := src.project
	ps := newPartyList()
	owner := ps.org(p.OwnerOrg(), rolePublicAuthority, roleBuyer)
	out := Project{
		ID:       IDPrefix + string(p.ID()),
		Updated:  instant(src.updated),
		Language: "zh",
		Identifiers: []Identifier{
			{ID: string(p.Code()), Scheme: schemeCode},
			{ID: string(p.ID()), Scheme: schemeUUID},
		},
		PublicAuthority: owner,
		Title:           p.Name(),
		Description:     p.Description(),
		Status:          projectStatus(p.Status(), p.SuspendedFrom()),
		Type:            projectTypeConstruction,
		Sector:          sector(p.Domain()),
		Period:          period(p.PlannedStart(), p.PlannedEnd()),
		Locations:       []Location{location(p.Region())},
	}
	ppp := liveArrangement(src.arrangements)
	out.Budget = budget(src, ppp, ps)
	out.Milestones = milestones(p, ppp, day)
	out.Transactions = transactions(src, ppp, ps)
	if !p.ConstructionStart().IsZero() {
		out.ImplementationPeriod = period(p.ConstructionStart(), p.AcceptedOn())
	}
	if !p.OperationStart().IsZero() {
		out.MaintenancePeriod = period(p.OperationStart(), domain.Date{})
	}
	out.Completion = completion(p)
	for _, org := range src.reviewOrgs {
		ps.org(org, roleReviewBody)
	}
	if ppp != nil {
		pppParties(ppp, ps)
	}
	out.Parties = ps.parties()
	return out
}

func period(start, end domain.Date) *Period {
	if start.IsZero() && end.IsZero() {
		return nil
	}
	return &Period{StartDate: dateTime(start), EndDate: dateTime(end)}
}

// location is the project's administrative division: its GB/T 2260 code is the location's id
// (the locationGazetteers codelist has no scheme for it) and the names go in the address.
func location(code domain.RegionCode) Location {
	r, ok := domain.LookupRegion(code)
	if !ok {
		return Location{ID: string(code), Description: "GB/T 2260 " + string(code), Address: &Address{CountryName: "中国"}}
	}
	loc := Location{
		ID:          string(code),
		Description: fmt.Sprintf("%s (%s, GB/T 2260 %s)", r.FullName(), r.NameEN, code),
		Address:     &Address{CountryName: "中国"},
	}
	path := r.Path()
	loc.Address.Region = path[0].Name
	if len(path) > 1 {
		loc.Address.Locality = path[len(path)-1].Name
	}
	return loc
}

// liveArrangement is the project's latest PPP arrangement that was not cancelled, if any.
func liveArrangement(xs []*domain.PPPArrangement) *domain.PPPArrangement {
	for i := len(xs) - 1; i >= 0; i-- {
		if xs[i].Stage() != domain.PPPCancelled {
			return xs[i]
		}
	}
	return nil
}

// funded reports whether an application's money was granted (it may have been paid since).
func funded(x *domain.FundingApplication) bool {
	return x.Status() == domain.AppApproved || x.Status() == domain.AppClosed
}

// committed is the special-fund money an approved application stands for: the approved amount
// less what was cancelled unpaid and what was recovered.
func committed(x *domain.FundingApplication) domain.Money {
	return x.ApprovedAmount() - x.CancelledAmount() - x.RecoveredAmount()
}

// budget is the approved budget (the planned investment before approval) broken down by
// funding source: one line per approved special-fund application, the PPP social capital while
// a live arrangement exists, and the owner's own funds (everything else: self-raised money,
// construction funds and loans) as the remainder.
func budget(src *source, ppp *domain.PPPArrangement, ps *partyList) *Budget {
	p := src.project
	b := &Budget{}
	total := p.PlannedInvestment()
	b.Description = "Planned total investment as proposed; not yet approved."
	if !p.ApprovedOn().IsZero() {
		total = p.ApprovedBudget()
		b.ApprovalDate = dateTime(p.ApprovedOn())
		b.Description = "Approved budget (立项), approval document " + p.ApprovalDocumentNo() + "."
		if p.InitialApprovedBudget() != total {
			b.Description += fmt.Sprintf(" Revised from %s yuan.", p.InitialApprovedBudget())
		}
	}
	b.Amount = value(total)
	var lines []BudgetBreakdown
	rest := total
	for _, x := range src.applications {
		amount := committed(x)
		if !funded(x) || amount <= 0 {
			continue
		}
		desc := fmt.Sprintf("Special fund %s (%s), application %s", src.funds[x.FundID()], x.SupportMode(), x.ID())
		if x.DocumentNo() != "" {
			desc += ", decision " + x.DocumentNo()
		}
		lines = append(lines, BudgetBreakdown{
			ID: "special-fund-" + string(x.ID()), Description: desc, Amount: value(amount),
			SourceParty: ps.org(x.ManagingOrg(), roleFunder), ApprovalDate: dateTime(x.ApprovedOn()),
		})
		rest -= amount
	}
	if social := p.FundingPlan().PPPSocialCapital; ppp != nil && social > 0 {
		line := BudgetBreakdown{
			ID:          "ppp-social-capital",
			Description: fmt.Sprintf("PPP social capital as planned, arrangement %s (%s, stage %s)", ppp.ID(), ppp.OperationMode(), ppp.Stage()),
			Amount:      value(social),
		}
		if partner, on, ok := ppp.Partner(); ok {
			line.SourceParty = ps.named(partner, roleFunder)
			line.ApprovalDate = dateTime(on)
		}
		lines = append(lines, line)
		rest -= social
	}
	if rest > 0 {
		lines = append(lines, BudgetBreakdown{
			ID:          "own-funds",
			Description: "Own funds and other sources of the owner (self-raised money, construction funds, loans): the rest of the budget",
			Amount:      value(rest), SourceParty: ps.org(p.OwnerOrg(), roleFunder),
		})
	}
	b.BudgetBreakdowns = []BudgetBreakdowns{{ID: "funding-source", Description: "Budget by funding source", BudgetBreakdown: lines}}
	return b
}

// closed reports whether a project ended without being delivered: its open milestones will not be met.
func closed(p *domain.Project) bool {
	return p.Status() == domain.StatusRejected || p.Status() == domain.StatusCancelled
}

// milestoneStatus says where a milestone stands on day: met on its date; not met once its due
// date has passed or the project was closed; scheduled otherwise.
func milestoneStatus(m *Milestone, due, met domain.Date, closed bool, day domain.Date) {
	m.DueDate, m.DateMet = dateTime(due), dateTime(met)
	switch {
	case !met.IsZero():
		m.Status, m.DateModified = statusMet, dateTime(met)
	case closed || (!due.IsZero() && due.Before(day)):
		m.Status, m.DateModified = statusNotMet, dateTime(day)
	default:
		m.Status = statusScheduled
	}
}

// milestones are the lifecycle's milestones (approval, start of construction, acceptance,
// start of operation, a PPP contract's signature) with their codes, then the owner's own.
func milestones(p *domain.Project, ppp *domain.PPPArrangement, day domain.Date) []Milestone {
	end := closed(p)
	approval := Milestone{ID: "lifecycle-approval", Title: "立项 Project approval", Type: milestoneTypeApproval, Code: codeProjectApproval}
	milestoneStatus(&approval, domain.Date{}, p.ApprovedOn(), end, day)
	if doc := p.ApprovalDocumentNo(); doc != "" {
		approval.Description = "Approval document " + doc
	}
	start := Milestone{ID: "lifecycle-commencement", Title: "开工 Start of construction", Type: milestoneTypeDelivery, Code: codeCommencement}
	milestoneStatus(&start, p.PlannedStart(), p.ConstructionStart(), end, day)
	accept := Milestone{ID: "lifecycle-completion", Title: "验收 Acceptance", Type: milestoneTypeDelivery, Code: codeCompletion}
	milestoneStatus(&accept, p.PlannedEnd(), p.AcceptedOn(), end, day)
	if c := p.AcceptanceConclusion(); c != "" {
		accept.Description = c
	}
	out := []Milestone{approval, start, accept}
	if on := p.OperationStart(); !on.IsZero() {
		op := Milestone{ID: "lifecycle-commissioning", Title: "运行 Start of operation", Type: milestoneTypeDelivery, Code: codeCommissioning}
		milestoneStatus(&op, domain.Date{}, on, end, day)
		out = append(out, op)
	}
	if ppp != nil {
		if c, ok := ppp.Contract(); ok {
			m := Milestone{ID: "ppp-contract", Title: "PPP 合同签署 PPP contract signed", Type: milestoneTypeContractClose,
				Code: codeCommercialClose, Description: "PPP contract " + c.ContractNo}
			milestoneStatus(&m, domain.Date{}, c.SignedOn, false, day)
			out = append(out, m)
		}
	}
	for _, ms := range p.Milestones() {
		m := Milestone{ID: string(ms.ID), Title: ms.Name, Type: milestoneTypeDelivery,
			Description: fmt.Sprintf("Weight %d%% of the project", ms.Weight)}
		if ms.Reschedules > 0 {
			m.Description += fmt.Sprintf("; rescheduled %d time(s), first planned for %s", ms.Reschedules, ms.OriginalDate)
		}
		milestoneStatus(&m, ms.PlannedDate, ms.AchievedOn, end, day)
		out = append(out, m)
	}
	return out
}

// transactions are the money paid to and from the project: each special-fund tranche paid (its
// id is the payment voucher number), each recovery, and each PPP government payment.
func transactions(src *source, ppp *domain.PPPArrangement, ps *partyList) []Transaction {
	p := src.project
	var out []Transaction
	seen := map[string]bool{}
	for _, x := range src.applications {
		if !funded(x) {
			continue
		}
		for _, t := range x.Tranches() {
			if t.Status != domain.TrancheStatusDisbursed {
				continue
			}
			id := t.VoucherNo
			if strings.TrimSpace(id) == "" || seen[id] {
				id = "tranche-" + string(t.ID)
			}
			seen[id] = true
			tx := Transaction{
				ID: id, Date: dateTime(t.DisbursedOn), Value: value(t.Amount),
				Payer: ps.org(x.ManagingOrg(), roleFunder, rolePayer), Payee: ps.org(p.OwnerOrg(), rolePayee),
			}
			if m, ok := p.Milestone(t.MilestoneID); ok {
				tx.RelatedImplementationMilestone = &MilestoneRef{ID: string(m.ID), Title: m.Name}
			}
			out = append(out, tx)
		}
		for i, r := range x.Recoveries() {
			out = append(out, Transaction{
				ID: fmt.Sprintf("recovery-%s-%d", x.ID(), i+1), Date: dateTime(r.RecoveredOn), Value: value(r.Amount),
				Payer: ps.org(p.OwnerOrg(), rolePayer), Payee: ps.org(x.ManagingOrg(), rolePayee),
			})
		}
	}
	if ppp != nil {
		for _, pay := range ppp.Payments() {
			if pay.Paid <= 0 {
				continue
			}
			tx := Transaction{ID: "ppp-payment-" + string(pay.ID), Date: dateTime(pay.LastPaidOn), Value: value(pay.Paid)}
			if org := ppp.FinanceOrg(); org != "" {
				tx.Payer = ps.org(org, rolePayer)
			}
			if c, ok := ppp.ProjectCompany(); ok {
				tx.Payee = ps.named(c.Name, rolePayee)
			} else if partner, _, ok := ppp.Partner(); ok {
				tx.Payee = ps.named(partner, rolePayee)
			}
			out = append(out, tx)
		}
	}
	return out
}

// pppParties adds the arrangement's bidders, partner and project company.
func pppParties(x *domain.PPPArrangement, ps *partyList) {
	for _, b := range x.Bids() {
		ps.named(b.Bidder, roleTenderer)
	}
	if partner, _, ok := x.Partner(); ok {
		ps.named(partner, roleSupplier)
	}
	if c, ok := x.ProjectCompany(); ok {
		ps.named(c.Name, roleSupplier)
	}
}

// completion is filled once the project was accepted (验收): the acceptance date, and what it
// cost (the expenditures recorded by then).
func completion(p *domain.Project) *Completion {
	if p.AcceptedOn().IsZero() {
		return nil
	}
	c := &Completion{
		EndDate:           dateTime(p.AcceptedOn()),
		FinalValue:        value(p.Spent()),
		FinalValueDetails: fmt.Sprintf("Expenditures recorded: %s yuan against an approved budget of %s yuan.", p.Spent(), p.ApprovedBudget()),
	}
	if s := p.AcceptanceConclusion(); s != "" {
		c.EndDateDetails = "Accepted: " + s
	}
	if on, score, conclusion, ok := p.Evaluation(); ok {
		c.FinalScopeDetails = fmt.Sprintf("Evaluated on %s with a score of %d: %s", on, score, conclusion)
	}
	return c
}
