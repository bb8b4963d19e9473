package seeds

import (
	"fmt"
	"time"

	"github.com/smartcity/portfolio/domain"
)

var (
	scaleOffice = domain.Actor{UserID: "seed-scale-office", Role: domain.RoleOffice, OrgID: "scale-smart-office"}
	scaleExpert = domain.Actor{UserID: "seed-scale-expert", Role: domain.RoleExpert, OrgID: "scale-expert-committee"}
)

func scaleFinance(city domain.RegionCode) domain.Actor {
	return domain.Actor{UserID: "seed-scale-finance-" + string(city), Role: domain.RoleFinance, OrgID: "scale-finance-" + string(city)}
}

// history runs commands on one aggregate and keeps every event they return.
type history struct {
	events []domain.Event
	err    error
}

func (h *history) do(evs []domain.Event, err error) bool {
	if h.err != nil {
		return false
	}
	if err != nil {
		h.err = err
		return false
	}
	h.events = append(h.events, evs...)
	return true
}

// establishFunds establishes one special fund per city of the catalogue.
func (g *generator) establishFunds(w *batchWriter) error {
	for _, r := range g.regions {
		if r.Level != domain.RegionCity {
			continue
		}
		id := domain.FundID(g.id())
		f := &domain.Fund{}
		evs, err := f.Establish(scaleFinance(r.Code), domain.EstablishFund{ID: id, Name: r.Name + "智慧城市建设专项资金", Kind: domain.FundSpecial,
			FiscalYear: 2020, Pool: domain.Yuan(20_000_000_000),
			SupportModes: []domain.SupportMode{domain.SupportInvestmentSubsidy, domain.SupportLoanInterestSubsidy, domain.SupportPurchaseOfServices}})
		if err != nil {
			return fmt.Errorf("scale: fund for %s: %w", r.Code, err)
		}
		g.fundIDs[r.Code], g.funds[id] = id, f
		w.addShared(domain.FundStreamID(id), domain.FundStreamType, evs)
	}
	return nil
}

// stage is how far a generated project has come.
type stage int

const (
	stProposed stage = iota
	stUnderReview
	stReturned
	stRejected
	stApproved
	stConstruction
	stAcceptanceRequested
	stAccepted
	stOperation
	stEvaluated
	stSuspended
	stCancelled
)

// stageOf draws a stage with roughly the shape of a real portfolio: most projects being built.
func (g *generator) stageOf() stage {
	switch r := g.rng.IntN(100); {
	case r < 8:
		return stProposed
	case r < 14:
		return stUnderReview
	case r < 17:
		return stReturned
	case r < 20:
		return stRejected
	case r < 28:
		return stApproved
	case r < 62:
		return stConstruction
	case r < 67:
		return stAcceptanceRequested
	case r < 73:
		return stAccepted
	case r < 88:
		return stOperation
	case r < 95:
		return stEvaluated
	case r < 98:
		return stSuspended
	}
	return stCancelled
}

// project generates project i's history (and its funding application, if any) and queues it.
func (g *generator) project(w *batchWriter, i int) error {
	region := g.regions[g.rng.IntN(len(g.regions))]
	owner := domain.Actor{UserID: fmt.Sprintf("seed-scale-owner-%03d", i%300), Role: domain.RoleOwner, OrgID: fmt.Sprintf("scale-org-%03d", i%300)}
	start := domain.DateOf(domain.MustDate("2016-03-01").Time().AddDate(0, 0, g.rng.IntN(3400)))
	end := domain.DateOf(start.Time().AddDate(0, 0, 365+g.rng.IntN(1100)))
	invest := domain.Yuan(int64(1_000_000 + g.rng.IntN(200_000_000)))
	fiscal := invest * domain.Money(30+g.rng.IntN(40)) / 100
	id := domain.ProjectID(g.id())
	dom := g.domains[g.rng.IntN(len(g.domains))]
	p := &domain.Project{}
	h := &history{}
	// A PPP project's non-fiscal money is the social-capital partner's (scale_ppp.go).
	isPPP := g.rng.IntN(100) < pppShare
	funding := domain.FundingPlan{FiscalSpecialFund: fiscal, SelfRaised: invest - fiscal}
	if isPPP {
		funding = domain.FundingPlan{FiscalSpecialFund: fiscal, PPPSocialCapital: invest - fiscal}
	}
	h.do(p.Propose(owner, domain.ProposeProject{ID: id, Code: g.code(i), ProjectDetails: domain.ProjectDetails{
		Name: fmt.Sprintf("%s%s示范工程%d", region.Name, dom, i), Domain: dom, Region: region.Code,
		Description: "规模测试项目 " + string(dom), PlannedInvestment: invest,
		Funding: funding, PlannedStart: start, PlannedEnd: end,
	}}))
	st := g.stageOf()
	approvedOn := domain.DateOf(start.Time().AddDate(0, 0, -30))
	if st >= stApproved && st != stCancelled && start.After(scaleToday) {
		st = stApproved // not started yet by today
	}
	// Milestones are planned with the proposal: 3 to 5, weights adding up to 100.
	var milestones []domain.MilestoneID
	n := 3 + g.rng.IntN(3)
	span := end.Time().Sub(start.Time())
	for k := 0; k < n; k++ {
		mid := domain.MilestoneID(g.id())
		weight := 100 / n
		if k == n-1 {
			weight = 100 - weight*(n-1)
		}
		date := domain.DateOf(start.Time().Add(span * time.Duration(k+1) / time.Duration(n)))
		if h.do(p.PlanMilestone(owner, domain.PlanMilestone{MilestoneID: mid, Name: fmt.Sprintf("里程碑%d", k+1), PlannedDate: date, Weight: weight})) {
			milestones = append(milestones, mid)
		}
	}
	if st == stCancelled {
		h.do(p.Cancel(scaleOffice, domain.CancelProject{Reason: "规划调整"}))
	}
	if st >= stUnderReview && st != stCancelled {
		h.do(p.SubmitForReview(owner, domain.SubmitProjectForReview{}))
		switch st {
		case stReturned:
			h.do(p.ReturnForRevision(scaleOffice, domain.ReturnProjectForRevision{Reason: "投资估算需细化"}))
		case stRejected:
			h.do(p.Reject(scaleOffice, domain.RejectProject{Reason: "与已建系统重复"}))
		}
	}
	if st >= stApproved && st != stCancelled {
		h.do(p.RecordExpertReview(scaleExpert, domain.RecordExpertReview{Score: 60 + g.rng.IntN(40), Opinion: "同意立项"}))
		h.do(p.Approve(scaleOffice, domain.ApproveProject{DocumentNo: fmt.Sprintf("规模〔%d〕%d号", approvedOn.Year, i),
			ApprovedBudget: invest * 9 / 10, ApprovedOn: approvedOn, Today: scaleToday}))
	}
	if st >= stConstruction && st != stCancelled {
		g.build(h, p, owner, start, milestones, st)
	}
	if h.err != nil {
		return h.err
	}
	if err := w.add(domain.ProjectCodeStreamID(g.code(i)), domain.ProjectCodeStreamType, 0, []domain.Event{domain.ClaimProjectCode(h.events[0].(*domain.ProjectProposed))}); err != nil {
		return err
	}
	if err := w.add(domain.ProjectStreamID(id), domain.ProjectStreamType, 0, h.events); err != nil {
		return err
	}
	if isPPP && st != stRejected && st != stCancelled {
		if err := g.ppp(w, p, owner, region); err != nil {
			return err
		}
	}
	if st >= stConstruction && st != stCancelled && st != stSuspended && g.rng.IntN(100) < 30 {
		return g.application(w, p, owner, region, milestones)
	}
	return nil
}

// build takes an approved project through construction and, by its stage, on to acceptance,
// operation, evaluation or suspension, with milestones achieved, money spent, progress reported
// and an indicator measured along the way. Dates only move forward and never pass scaleToday.
func (g *generator) build(h *history, p *domain.Project, owner domain.Actor, start domain.Date, milestones []domain.MilestoneID, st stage) {
	h.do(p.StartConstruction(owner, domain.StartConstruction{StartedOn: start, Today: scaleToday}))
	last := start
	for _, m := range p.Milestones() {
		if m.PlannedDate.After(scaleToday) || g.rng.IntN(100) >= 80 {
			continue
		}
		on := g.date(m.PlannedDate, 45)
		if on.Before(last) {
			on = last
		}
		h.do(p.AchieveMilestone(owner, domain.AchieveMilestone{MilestoneID: m.ID, AchievedOn: on, Evidence: "阶段验收报告", Today: scaleToday}))
	}
	budget := p.ApprovedBudget()
	spentOn := start
	for k := 2 + g.rng.IntN(4); k > 0; k-- {
		spentOn = g.date(spentOn, 120)
		amount := budget * domain.Money(5+g.rng.IntN(10)) / 100
		h.do(p.RecordExpenditure(owner, domain.RecordExpenditure{SpentOn: spentOn, Amount: amount, Category: "EQUIPMENT", Description: "设备采购", Today: scaleToday}))
	}
	reportOn, pct := start, 0
	for k := 1 + g.rng.IntN(3); k > 0; k-- {
		reportOn = g.date(reportOn, 150)
		pct = min(100, pct+10+g.rng.IntN(30))
		h.do(p.ReportProgress(owner, domain.ReportProgress{AsOf: reportOn, Percent: pct, Narrative: "按计划推进", Today: scaleToday}))
	}
	ind := domain.IndicatorID(g.id())
	h.do(p.DefineIndicator(owner, domain.DefineIndicator{IndicatorID: ind, Name: "覆盖用户数", Unit: "户",
		Baseline: domain.QuantityOf(int64(g.rng.IntN(100_000))), Target: domain.QuantityOf(int64(100_000 + g.rng.IntN(900_000))), TargetDate: p.PlannedEnd()}))
	measuredOn := start
	for k := 1 + g.rng.IntN(3); k > 0; k-- {
		measuredOn = g.date(measuredOn, 200)
		h.do(p.RecordMeasurement(owner, domain.RecordMeasurement{IndicatorID: ind, MeasuredOn: measuredOn, Value: domain.QuantityOf(int64(50_000 + g.rng.IntN(900_000))), Today: scaleToday}))
	}
	for _, d := range []domain.Date{reportOn, spentOn, measuredOn} {
		if d.After(last) {
			last = d
		}
	}
	switch st {
	case stSuspended:
		h.do(p.Suspend(scaleOffice, domain.SuspendProject{Reason: "资金未到位"}))
		return
	case stConstruction:
		return
	}
	h.do(p.RequestAcceptance(owner, domain.RequestAcceptance{Summary: "申请竣工验收"}))
	if st == stAcceptanceRequested {
		return
	}
	last = g.date(last, 60)
	h.do(p.Accept(scaleOffice, domain.AcceptProject{AcceptedOn: last, Conclusion: "验收合格", Today: scaleToday}))
	if st == stAccepted {
		return
	}
	last = g.date(last, 60)
	h.do(p.StartOperation(owner, domain.StartOperation{StartedOn: last, Today: scaleToday}))
	if st == stOperation {
		return
	}
	last = g.date(last, 200)
	h.do(p.Evaluate(scaleOffice, domain.EvaluateProject{EvaluatedOn: last, Score: 60 + g.rng.IntN(40), Conclusion: "绩效良好", Today: scaleToday}))
}

// application applies for money from the project's city fund, takes the application through
// screening and scoring to approval with one tranche on the first milestone, and pays the tranche
// when that milestone is achieved. A refusal by the domain (say, a date rule) drops the
// application; nothing half-made is written.
func (g *generator) application(w *batchWriter, p *domain.Project, owner domain.Actor, region domain.Region, milestones []domain.MilestoneID) error {
	city := g.city(region)
	fundID, ok := g.fundIDs[city]
	if !ok || len(milestones) == 0 {
		return nil
	}
	fund := g.funds[fundID]
	x := &domain.FundingApplication{}
	h, fh := &history{}, &history{}
	appID := domain.ApplicationID(g.id())
	requested := p.FundingPlan().FiscalSpecialFund / 2
	h.do(x.Draft(owner, p, fund, domain.DraftApplication{ID: appID, ApplicationRequest: domain.ApplicationRequest{
		SupportMode: domain.SupportInvestmentSubsidy, RequestedAmount: requested, Justification: "申请专项资金补助"}}))
	h.do(x.Submit(owner, domain.SubmitApplication{}))
	h.do(x.Screen(scaleOffice, domain.ScreenApplication{Passed: true}))
	h.do(x.AssignExperts(scaleOffice, domain.AssignApplicationExperts{Experts: []domain.Actor{scaleExpert}}))
	h.do(x.Score(scaleExpert, domain.ScoreApplication{Score: 70 + g.rng.IntN(30), Opinion: "建议支持"}))
	approvedOn := g.date(p.ConstructionStart(), 60)
	tranche := domain.TrancheID(g.id())
	if h.err != nil {
		return nil // nothing reached the fund yet
	}
	// A refused command changes neither aggregate, so a refusal from here on only ends the
	// application's history early.
	ae, fe, err := domain.ApproveApplication(scaleFinance(city), x, fund, p, domain.ApproveApplicationCmd{ApprovedAmount: requested, ApprovedOn: approvedOn, Today: scaleToday,
		Tranches: []domain.ApprovedTranche{{TrancheID: tranche, MilestoneID: milestones[0], Amount: requested}}})
	if err == nil {
		h.do(ae, nil)
		fh.do(fe, nil)
		if m, ok := p.Milestone(milestones[0]); ok && m.Achieved() {
			on := approvedOn
			if m.AchievedOn.After(on) {
				on = m.AchievedOn
			}
			if ae, fe, err := domain.DisburseTranche(scaleFinance(city), x, fund, p, domain.DisburseTrancheCmd{TrancheID: tranche, DisbursedOn: on, VoucherNo: "拨款" + string(appID[:8]), Today: scaleToday}); err == nil {
				h.do(ae, nil)
				fh.do(fe, nil)
			}
		}
	}
	g.applications++
	w.addShared(domain.FundStreamID(fundID), domain.FundStreamType, fh.events)
	return w.add(domain.ApplicationStreamID(appID), domain.ApplicationStreamType, 0, h.events)
}
