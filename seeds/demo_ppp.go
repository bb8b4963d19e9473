package seeds

import (
	"fmt"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/app"
)

// The runner of the demo's PPP (政府和社会资本合作): each region's fiscal affordability ledger
// (财政承受能力), kept by its finance bureau with the yearly general public budgets and the
// Ministry of Finance's 10% rule, and the projects' PPP arrangements through the five stages.
// Every command goes through the service with a fixed actor and a deterministic idempotency
// key: "seed/demo/ppp-ledger/<region>/<step>" for a ledger and "seed/demo/<project code>/ppp/<step>"
// for an arrangement (a demo project has at most one).

// ---- ledgers ----

// ledger is one region's ledger being loaded, kept by the finance bureau that opens it.
type ledger struct {
	l       *loader
	region  domain.RegionCode
	finance domain.Actor
	steps   map[string]int
}

// openLedger opens a region's ledger (or replays the opening).
func (l *loader) openLedger(region domain.RegionCode, finance domain.Actor) *ledger {
	g := &ledger{l: l, region: region, finance: finance, steps: map[string]int{}}
	if l.err != nil {
		return g
	}
	l.sum.PPPLedgers++
	c := domain.OpenPPPLedger{Region: region}
	g.do("OpenPPPLedger", "open", c, func(x *domain.PPPLedger, a domain.Actor) ([]domain.Event, error) { return x.Open(a, c) })
	return g
}

func (g *ledger) do(name, step string, input any, act app.LedgerAction) {
	l := g.l
	if l.err != nil {
		return
	}
	step = stepName(g.steps, step)
	out, err := l.svc.OnLedger(l.ctx, app.Request{
		Actor:          g.finance,
		CorrelationID:  keyPrefix + "ppp-ledger/" + string(g.region),
		IdempotencyKey: keyPrefix + "ppp-ledger/" + string(g.region) + "/" + step,
	}, name, g.region, input, act)
	if err != nil {
		l.err = fmt.Errorf("seed PPP ledger %s: step %s: %w", g.region, step, err)
		return
	}
	l.count(out)
}

// standardRule sets the rule of 财金〔2015〕21号: at most 10% of the general public budget, from 2015.
func (g *ledger) standardRule() {
	c := domain.StandardPPPAffordabilityRule()
	g.do("SetPPPAffordabilityRule", "rule/standard", c, func(x *domain.PPPLedger, a domain.Actor) ([]domain.Event, error) {
		return x.SetAffordabilityRule(a, c)
	})
}

// budgets records the general public budget (一般公共预算支出) of the years from first on, one
// amount a year.
func (g *ledger) budgets(first int, amounts ...domain.Money) {
	for i, amount := range amounts {
		c := domain.RecordPPPBudget{Year: first + i, Budget: amount}
		g.do("RecordPPPBudget", fmt.Sprintf("budget/%d", c.Year), c, func(x *domain.PPPLedger, a domain.Actor) ([]domain.Event, error) {
			return x.RecordBudget(a, c)
		})
	}
}

// ---- arrangements ----

// arrangement is one project's PPP arrangement being loaded: the project's owner prepares each
// stage, the finance bureau that keeps the region's ledger approves the gates and pays.
type arrangement struct {
	l        *loader
	p        *project
	id       domain.PPPArrangementID
	finance  domain.Actor
	steps    map[string]int
	payments map[string]domain.PPPPaymentID
}

// identifyPPP identifies a project loaded earlier (by code) as a PPP with the terms, or replays it.
func (l *loader) identifyPPP(code domain.ProjectCode, finance domain.Actor, t domain.PPPTerms) *arrangement {
	x := &arrangement{l: l, finance: finance, steps: map[string]int{}, payments: map[string]domain.PPPPaymentID{}}
	p, ok := l.projects[code]
	if !ok {
		if l.err == nil {
			l.err = fmt.Errorf("seed PPP arrangement of %s: the project was not loaded before it: %w", code, domain.ErrInvalid)
		}
		x.p = &project{l: l, code: code}
		return x
	}
	x.p = p
	if l.err != nil {
		return x
	}
	l.sum.PPPArrangements++
	input := struct {
		ProjectID domain.ProjectID
		Terms     domain.PPPTerms
	}{p.id, t}
	step := stepName(x.steps, "identify")
	out, err := l.svc.IdentifyPPP(l.ctx, x.request(p.owner, step), input, p.id, domain.IdentifyPPP{Terms: t})
	if err != nil {
		l.err = fmt.Errorf("seed PPP arrangement of %s: step %s: %w", code, step, err)
		return x
	}
	l.count(out)
	x.id = out.Ref.ArrangementID
	l.sum.PPPArrangementIDs[code] = x.id
	return x
}

func (x *arrangement) request(a domain.Actor, step string) app.Request {
	return app.Request{
		Actor:          a,
		CorrelationID:  keyPrefix + string(x.p.code),
		IdempotencyKey: keyPrefix + string(x.p.code) + "/ppp/" + step,
	}
}

// do runs one command on the arrangement. As everywhere in the demo, input is what a client would
// send and is the same on every run; today's date and ids minted in this run go in the domain
// command built by act and in ref.
func (x *arrangement) do(a domain.Actor, name, step string, input any, ref app.Ref, act app.PPPAction) app.Ref {
	l := x.l
	if l.err != nil {
		return app.Ref{}
	}
	step = stepName(x.steps, step)
	out, err := l.svc.OnPPP(l.ctx, x.request(a, step), name, x.id, input, ref, act)
	if err != nil {
		l.err = fmt.Errorf("seed PPP arrangement of %s: step %s: %w", x.p.code, step, err)
		return app.Ref{}
	}
	l.count(out)
	return out.Ref
}

// only adapts a command of the arrangement alone to a PPPAction.
func only(f func(x *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error)) app.PPPAction {
	return func(x *domain.PPPArrangement, _ *domain.PPPLedger, a domain.Actor) ([]domain.Event, []domain.Event, error) {
		events, err := f(x, a)
		return events, nil, err
	}
}

// stepName names a step uniquely within its owner: the base name, numbered from the second use on.
func stepName(steps map[string]int, base string) string {
	steps[base]++
	if n := steps[base]; n > 1 {
		return fmt.Sprintf("%s#%d", base, n)
	}
	return base
}
