package seeds

import (
	"fmt"
	"time"

	"github.com/smartcity/portfolio/domain"
)

// The generated portfolio's PPP: about one project in ten is financed with social capital and has
// a PPP arrangement, taken by the domain's own commands as far as its drawn stage and the calendar
// allow. Each region with an arrangement past identification gets a fiscal affordability ledger,
// opened on first use by its city's finance bureau with the standard 10% rule and a general public
// budget for every year an arrangement may owe money in; the preparation gate reserves against it,
// so the cap holds by construction, and an arrangement the cap refuses stays in preparation.

// pppShare is the percentage of generated projects that are PPPs.
const pppShare = 10

// Years the scale ledgers record budgets for: every year a generated arrangement may owe money in.
const scaleBudgetFrom, scaleBudgetTo = 2015, 2046

// pppStage draws how far a generated arrangement goes, before the calendar cuts it short.
func (g *generator) pppStage() domain.PPPStage {
	switch r := g.rng.IntN(100); {
	case r < 12:
		return domain.PPPIdentification
	case r < 27:
		return domain.PPPPreparation
	case r < 45:
		return domain.PPPProcurement
	case r < 90:
		return domain.PPPExecution
	}
	return domain.PPPCancelled
}

// ledger is the region's ledger, opened (and its events queued) on first use.
func (g *generator) ledger(w *batchWriter, region domain.Region) (*domain.PPPLedger, error) {
	if l, ok := g.ledgers[region.Code]; ok {
		return l, nil
	}
	l, h := &domain.PPPLedger{}, &history{}
	finance := scaleFinance(g.city(region))
	h.do(l.Open(finance, domain.OpenPPPLedger{Region: region.Code}))
	h.do(l.SetAffordabilityRule(finance, domain.StandardPPPAffordabilityRule()))
	// A city's general public budget of 300 to 900 亿元 in 2015, a county's of 25 to 90 亿元,
	// growing 3 to 6% a year.
	base := domain.Yuan(int64(25+g.rng.IntN(66)) * 100_000_000)
	if region.Level == domain.RegionCity {
		base = domain.Yuan(int64(300+g.rng.IntN(601)) * 100_000_000)
	}
	growth := domain.Money(103 + g.rng.IntN(4))
	budget := base
	for y := scaleBudgetFrom; y <= scaleBudgetTo; y++ {
		h.do(l.RecordBudget(finance, domain.RecordPPPBudget{Year: y, Budget: budget}))
		budget = budget * growth / 100 / 10_000 * 10_000 // whole yuan hundreds
	}
	if h.err != nil {
		return nil, fmt.Errorf("scale: PPP ledger of %s: %w", region.Code, h.err)
	}
	g.ledgers[region.Code] = l
	w.addShared(domain.PPPLedgerStreamID(region.Code), domain.PPPLedgerStreamType, h.events)
	return l, nil
}

// ppp generates the project's PPP arrangement. Its dates run from 200 days before the project's
// planned start; a step that would fall after scaleToday, or that the domain refuses (the cap),
// ends the arrangement's history where it is.
func (g *generator) ppp(w *batchWriter, p *domain.Project, owner domain.Actor, region domain.Region) error {
	target := g.pppStage()
	finance := scaleFinance(g.city(region))
	start := p.PlannedStart()
	invest := p.PlannedInvestment()
	term := 10 + g.rng.IntN(11)
	yearly := invest * domain.Money(8+g.rng.IntN(7)) / 100
	terms := domain.PPPTerms{OperationMode: domain.PPPModeBOT, ReturnMechanism: domain.PPPViabilityGap, TermYears: term, StartYear: start.Year,
		TotalInvestment: invest, GovernmentEquityBP: 1000 * g.rng.IntN(3)}
	for y := start.Year + 1; y < start.Year+term; y++ {
		terms.Obligations = append(terms.Obligations, domain.PPPYearAmount{Year: y, Amount: yearly})
	}
	x := &domain.PPPArrangement{}
	h, lh := &history{}, &history{}
	id := domain.PPPArrangementID(g.id())
	if !h.do(x.Identify(owner, p, domain.IdentifyPPP{ID: id, Terms: terms})) {
		return fmt.Errorf("scale: identify PPP: %w", h.err)
	}
	g.pppArrangements++
	defer func() { g.pppStages[x.Stage()]++ }()
	on := domain.DateOf(start.Time().AddDate(0, 0, -200))
	// next moves the calendar on by days and reports whether the step's day has come.
	next := func(days int) bool {
		on = domain.DateOf(on.Time().AddDate(0, 0, days))
		return !on.After(scaleToday) && h.err == nil
	}
	queue := func() error {
		w.addShared(domain.PPPLedgerStreamID(region.Code), domain.PPPLedgerStreamType, lh.events)
		return w.add(domain.PPPArrangementStreamID(id), domain.PPPArrangementStreamType, 0, h.events)
	}
	if target == domain.PPPIdentification || !next(0) {
		return queue()
	}
	h.do(x.ApproveIdentification(finance, domain.ApprovePPPIdentification{ApprovedOn: on, Today: scaleToday}))
	if !next(30) {
		return queue()
	}
	h.do(x.RecordValueForMoney(owner, domain.RecordPPPValueForMoney{QualitativeScore: 60 + g.rng.IntN(35),
		PSC: invest * 13 / 10, PPPV: invest * domain.Money(110+g.rng.IntN(15)) / 100, AssessedOn: on, Today: scaleToday}))
	if target == domain.PPPPreparation || !next(30) {
		return queue()
	}
	l, err := g.ledger(w, region)
	if err != nil {
		return err
	}
	ae, le, err := domain.ApprovePreparation(finance, x, l, domain.ApprovePPPPreparation{ApprovedOn: on, Today: scaleToday})
	if err != nil {
		return queue() // refused (the cap): it stays in preparation, nothing of the refusal is written
	}
	h.do(ae, nil)
	lh.do(le, nil)
	if target == domain.PPPCancelled {
		if next(20 + g.rng.IntN(200)) {
			ae, le, err := domain.CancelPPPArrangement(finance, x, l, domain.CancelPPPArrangementCmd{Reason: "社会资本响应不足,终止PPP", CancelledOn: on, Today: scaleToday})
			h.do(ae, err)
			lh.do(le, err)
		}
		return queue()
	}
	bidders := []string{"社会资本方A", "社会资本方B", "社会资本方C"}[:1+g.rng.IntN(3)]
	if next(10) {
		h.do(x.LaunchTender(owner, domain.LaunchPPPTender{Method: domain.PPPPublicTender, LaunchedOn: on, Today: scaleToday}))
	}
	if next(30) {
		for _, b := range bidders {
			h.do(x.RecordBid(owner, domain.RecordPPPBid{Bidder: b, Amount: invest * domain.Money(95+g.rng.IntN(6)) / 100, BidOn: on, Today: scaleToday}))
		}
	}
	if target == domain.PPPProcurement && g.rng.IntN(2) == 0 || !next(10) {
		return queue()
	}
	h.do(x.SelectPartner(owner, domain.SelectPPPPartner{Partner: bidders[0], SelectedOn: on, Today: scaleToday}))
	if !next(14) {
		return queue()
	}
	h.do(x.SignContract(owner, domain.SignPPPContract{ContractNo: "PPP-" + string(id[:8]), SignedOn: on, Today: scaleToday}))
	h.do(x.SetUpProjectCompany(owner, domain.SetUpPPPProjectCompany{Name: "项目公司" + string(id[:8]), RegisteredCapital: invest / 5}))
	if target == domain.PPPProcurement || !next(14) {
		return queue()
	}
	h.do(x.ApproveProcurement(finance, domain.ApprovePPPProcurement{ApprovedOn: on, Today: scaleToday}))
	g.operatePPP(h, x, finance, owner)
	return queue()
}

// operatePPP schedules, assesses and pays each year of the obligations that is over by
// scaleToday's assessment season, at most five.
func (g *generator) operatePPP(h *history, x *domain.PPPArrangement, finance, owner domain.Actor) {
	for _, o := range x.Obligations() {
		assessed := domain.Date{Year: o.Year + 1, Month: time.January, Day: 20}
		if assessed.After(scaleToday) || len(x.Assessments()) == 5 || h.err != nil {
			return
		}
		pay := domain.PPPPaymentID(g.id())
		h.do(x.SchedulePayment(finance, domain.SchedulePPPPayment{PaymentID: pay, Year: o.Year, Kind: domain.PPPAvailabilityPayment,
			Amount: o.Amount, DueOn: domain.Date{Year: o.Year, Month: time.December, Day: 31}}))
		score, deduction := 60+g.rng.IntN(40), 0
		if score < 70 {
			deduction = 500
		}
		h.do(x.RecordPerformanceAssessment(owner, domain.RecordPPPPerformanceAssessment{Year: o.Year, Score: score, DeductionBP: deduction,
			AssessedOn: assessed, Today: scaleToday}))
		if p, ok := x.Payment(pay); ok && p.Outstanding() > 0 {
			h.do(x.RecordPayment(finance, domain.RecordPPPPayment{PaymentID: pay, Amount: p.Outstanding(),
				PaidOn: domain.Date{Year: o.Year + 1, Month: time.March, Day: 1}, Today: scaleToday}))
		}
	}
}
