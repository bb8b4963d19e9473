package seeds

import (
	"fmt"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/app"
)

// The runner of the demo's money: funds (专项资金 / 建设基金) set up by finance bureaus, and the
// projects' funding applications (资金申报) to them, from the draft through screening, expert
// scores and the finance bureau's decision to the tranches paid, money recovered and remainders
// cancelled. Like the projects, every command goes through the service with a fixed actor and a
// deterministic idempotency key: "seed/demo/<fund code>/<step>" for a fund and
// "seed/demo/<project code>/application/<key>/<step>" for an application.

// ---- funds ----

// fund is one demo fund being loaded: its seed code, its id, the finance bureau that manages it
// and the smart-city office that screens its applications with it (扎口管理).
type fund struct {
	l       *loader
	code    string
	id      domain.FundID
	finance domain.Actor
	office  domain.Actor
	steps   map[string]int
}

// fundPlan is what a finance bureau establishes; the bureau is the fund's managing organisation.
type fundPlan struct {
	Name       string
	Kind       domain.FundKind
	FiscalYear int
	Pool       domain.Money
	Modes      []domain.SupportMode
}

// establishFund sets up a fund (or replays its establishment) and keeps it by code for the
// applications.
func (l *loader) establishFund(code string, finance, office domain.Actor, s fundPlan) *fund {
	f := &fund{l: l, code: code, finance: finance, office: office, steps: map[string]int{}}
	if l.err != nil {
		return f
	}
	l.sum.Funds++
	l.funds[code] = f
	c := domain.EstablishFund{Name: s.Name, Kind: s.Kind, FiscalYear: s.FiscalYear, Pool: s.Pool, SupportModes: s.Modes}
	out, err := l.svc.EstablishFund(l.ctx, f.request(finance, f.step("establish")), c, c)
	if err != nil {
		l.err = fmt.Errorf("seed fund %s: establish: %w", code, err)
		return f
	}
	l.count(out)
	f.id = out.Ref.FundID
	l.sum.FundIDs[code] = f.id
	return f
}

// fund finds a fund established earlier in the load.
func (l *loader) fund(code string) *fund {
	f, ok := l.funds[code]
	if !ok && l.err == nil {
		l.err = fmt.Errorf("seed fund %s was not established before its applications: %w", code, domain.ErrInvalid)
	}
	if !ok {
		return &fund{l: l, code: code, steps: map[string]int{}}
	}
	return f
}

func (f *fund) step(base string) string { return stepName(f.steps, base) }

func (f *fund) request(a domain.Actor, step string) app.Request {
	return app.Request{
		Actor:          a,
		CorrelationID:  keyPrefix + f.code,
		IdempotencyKey: keyPrefix + f.code + "/" + step,
	}
}

func (f *fund) do(name, step string, input any, act app.FundAction) {
	l := f.l
	if l.err != nil {
		return
	}
	out, err := l.svc.OnFund(l.ctx, f.request(f.finance, step), name, f.id, input, act)
	if err != nil {
		l.err = fmt.Errorf("seed fund %s: step %s: %w", f.code, step, err)
		return
	}
	l.count(out)
}

// topUp adds money to the pool, e.g. from a budget adjustment (预算调整).
func (f *fund) topUp(amount domain.Money, note string) {
	c := domain.TopUpFund{Amount: amount, Note: note}
	f.do("TopUpFund", f.step("top-up"), c, func(x *domain.Fund, a domain.Actor) ([]domain.Event, error) { return x.TopUp(a, c) })
}

// close closes the fund to new reservations.
func (f *fund) close(reason string) {
	c := domain.CloseFund{Reason: reason}
	f.do("CloseFund", f.step("close"), c, func(x *domain.Fund, a domain.Actor) ([]domain.Event, error) { return x.Close(a, c) })
}

// ---- funding applications ----

// application is one demo funding application being loaded: the project applying, the fund
// applied to, the seed's key for it (unique within the project), its id, its current round and
// the ids of its tranches by the seed's milestone keys.
type application struct {
	l        *loader
	p        *project
	f        *fund
	key      string
	id       domain.ApplicationID
	round    int
	steps    map[string]int
	tranches map[string]domain.TrancheID
}

// fundingRequest is what the project's owner asks the fund for.
type fundingRequest struct {
	Mode          domain.SupportMode
	Amount        domain.Money
	Justification string
}

func (r fundingRequest) domain() domain.ApplicationRequest {
	return domain.ApplicationRequest{SupportMode: r.Mode, RequestedAmount: r.Amount, Justification: r.Justification}
}

// tranche is one part of an approval, paid once the project's milestone (by the seed's key) is achieved.
type tranche struct {
	Milestone string
	Amount    domain.Money
}

// draftApplication lets the owner of the project (loaded earlier, by code) draft an application
// to the fund, or replays the draft.
func (l *loader) draftApplication(code domain.ProjectCode, f *fund, key string, r fundingRequest) *application {
	x := &application{l: l, f: f, key: key, steps: map[string]int{}, tranches: map[string]domain.TrancheID{}}
	p, ok := l.projects[code]
	if !ok {
		if l.err == nil {
			l.err = fmt.Errorf("seed application %s/%s: project %s was not loaded before it: %w", code, key, code, domain.ErrInvalid)
		}
		x.p = &project{l: l, code: code}
		return x
	}
	x.p = p
	if l.err != nil {
		return x
	}
	l.sum.Applications++
	c := domain.DraftApplication{ApplicationRequest: r.domain()}
	input := struct {
		ProjectID domain.ProjectID
		FundID    domain.FundID
		Request   domain.ApplicationRequest
	}{p.id, f.id, c.ApplicationRequest}
	step := x.step("draft")
	out, err := l.svc.DraftApplication(l.ctx, x.request(p.owner, step), input, p.id, f.id, c)
	if err != nil {
		l.err = fmt.Errorf("seed application %s: step %s: %w", x.name(), step, err)
		return x
	}
	l.count(out)
	x.id = out.Ref.ApplicationID
	l.sum.ApplicationIDs[x.name()] = x.id
	return x
}

// name is how the summary and the errors name the application: "<project code>/<key>".
func (x *application) name() string { return string(x.p.code) + "/" + x.key }

func (x *application) step(base string) string { return stepName(x.steps, base) }

func (x *application) request(a domain.Actor, step string) app.Request {
	return app.Request{
		Actor:          a,
		CorrelationID:  keyPrefix + string(x.p.code),
		IdempotencyKey: keyPrefix + string(x.p.code) + "/application/" + x.key + "/" + step,
	}
}

// do runs one command on the application. As for projects, input is what a client would send and
// is the same on every run; today's date and ids minted in this run go in the domain command
// built by act and in ref.
func (x *application) do(a domain.Actor, name, step string, input any, ref app.Ref, act app.ApplicationAction) app.Ref {
	l := x.l
	if l.err != nil {
		return app.Ref{}
	}
	out, err := l.svc.OnApplication(l.ctx, x.request(a, step), name, x.id, input, ref, act)
	if err != nil {
		l.err = fmt.Errorf("seed application %s: step %s: %w", x.name(), step, err)
		return app.Ref{}
	}
	l.count(out)
	return out.Ref
}

// ---- the owner ----

// revise replaces the request while the application is a draft or returned.
func (x *application) revise(r fundingRequest) {
	c := domain.ReviseApplication{ApplicationRequest: r.domain()}
	x.do(x.p.owner, "ReviseApplication", x.step(fmt.Sprintf("revise/%d", x.round)), c, app.Ref{},
		func(ap *domain.FundingApplication, f *domain.Fund, _ *domain.Project, a domain.Actor) ([]domain.Event, []domain.Event, error) {
			events, err := ap.Revise(a, f, c)
			return events, nil, err
		})
}

func (x *application) submit() {
	x.round++
	x.do(x.p.owner, "SubmitApplication", x.step(fmt.Sprintf("submit/%d", x.round)), domain.SubmitApplication{}, app.Ref{},
		func(ap *domain.FundingApplication, _ *domain.Fund, _ *domain.Project, a domain.Actor) ([]domain.Event, []domain.Event, error) {
			events, err := ap.Submit(a, domain.SubmitApplication{})
			return events, nil, err
		})
}

func (x *application) resubmit() {
	x.round++
	x.do(x.p.owner, "ResubmitApplication", x.step(fmt.Sprintf("submit/%d", x.round)), domain.ResubmitApplication{}, app.Ref{},
		func(ap *domain.FundingApplication, _ *domain.Fund, _ *domain.Project, a domain.Actor) ([]domain.Event, []domain.Event, error) {
			events, err := ap.Resubmit(a, domain.ResubmitApplication{})
			return events, nil, err
		})
}

func (x *application) withdraw(reason string) {
	c := domain.WithdrawApplication{Reason: reason}
	x.do(x.p.owner, "WithdrawApplication", x.step("withdraw"), c, app.Ref{},
		func(ap *domain.FundingApplication, _ *domain.Fund, _ *domain.Project, a domain.Actor) ([]domain.Event, []domain.Event, error) {
			events, err := ap.Withdraw(a, c)
			return events, nil, err
		})
}

// ---- the smart-city office and the experts ----

// pass screens the application through (形式审查通过), with an optional note.
func (x *application) pass(note string) {
	x.screen(domain.ScreenApplication{Passed: true, Note: note})
}

// fail fails the screening for the reasons given.
func (x *application) fail(reasons ...string) {
	x.screen(domain.ScreenApplication{Reasons: reasons})
}

func (x *application) screen(c domain.ScreenApplication) {
	x.do(x.f.office, "ScreenApplication", x.step(fmt.Sprintf("screen/%d", x.round)), c, app.Ref{},
		func(ap *domain.FundingApplication, _ *domain.Fund, _ *domain.Project, a domain.Actor) ([]domain.Event, []domain.Event, error) {
			events, err := ap.Screen(a, c)
			return events, nil, err
		})
}

func (x *application) assign(experts ...domain.Actor) {
	c := domain.AssignApplicationExperts{Experts: experts}
	x.do(x.f.office, "AssignApplicationExperts", x.step(fmt.Sprintf("experts/%d", x.round)), c, app.Ref{},
		func(ap *domain.FundingApplication, _ *domain.Fund, _ *domain.Project, a domain.Actor) ([]domain.Event, []domain.Event, error) {
			events, err := ap.AssignExperts(a, c)
			return events, nil, err
		})
}

func (x *application) score(expert domain.Actor, score int, opinion string) {
	c := domain.ScoreApplication{Score: score, Opinion: opinion}
	x.do(expert, "ScoreApplication", x.step(fmt.Sprintf("score/%d/%s", x.round, expert.UserID)), c, app.Ref{},
		func(ap *domain.FundingApplication, _ *domain.Fund, _ *domain.Project, a domain.Actor) ([]domain.Event, []domain.Event, error) {
			events, err := ap.Score(a, c)
			return events, nil, err
		})
}

// ---- the finance bureau ----

func (x *application) reject(reason string) {
	c := domain.RejectApplication{Reason: reason}
	x.do(x.f.finance, "RejectApplication", x.step("reject"), c, app.Ref{},
		func(ap *domain.FundingApplication, _ *domain.Fund, _ *domain.Project, a domain.Actor) ([]domain.Event, []domain.Event, error) {
			events, err := ap.Reject(a, c)
			return events, nil, err
		})
}

func (x *application) returnForRevision(reason string) {
	c := domain.ReturnApplicationForRevision{Reason: reason}
	x.do(x.f.finance, "ReturnApplicationForRevision", x.step(fmt.Sprintf("return/%d", x.round)), c, app.Ref{},
		func(ap *domain.FundingApplication, _ *domain.Fund, _ *domain.Project, a domain.Actor) ([]domain.Event, []domain.Event, error) {
			events, err := ap.ReturnForRevision(a, c)
			return events, nil, err
		})
}

// approve grants amount in tranches tied to the project's milestones (by the seed's keys), and
// reserves it in the fund. The tranche ids are minted here and passed in the ref, so a replay
// gets back the ids of the first run.
func (x *application) approve(docNo, on string, amount domain.Money, tranches ...tranche) {
	type trancheInput struct {
		MilestoneID domain.MilestoneID
		Amount      domain.Money
	}
	input := struct {
		ApprovedAmount domain.Money
		ApprovedOn     domain.Date
		DocumentNo     string
		Tranches       []trancheInput
	}{ApprovedAmount: amount, ApprovedOn: day(on), DocumentNo: docNo}
	ids := make([]domain.TrancheID, len(tranches))
	for i, t := range tranches {
		input.Tranches = append(input.Tranches, trancheInput{MilestoneID: x.p.milestones[t.Milestone], Amount: t.Amount})
		ids[i] = domain.NewTrancheID()
	}
	ref := x.do(x.f.finance, "ApproveApplication", x.step("approve"), input, app.Ref{TrancheIDs: ids},
		func(ap *domain.FundingApplication, f *domain.Fund, p *domain.Project, a domain.Actor) ([]domain.Event, []domain.Event, error) {
			c := domain.ApproveApplicationCmd{ApprovedAmount: amount, ApprovedOn: day(on), DocumentNo: docNo, Today: x.l.today}
			for i, t := range input.Tranches {
				c.Tranches = append(c.Tranches, domain.ApprovedTranche{TrancheID: ids[i], MilestoneID: t.MilestoneID, Amount: t.Amount})
			}
			return domain.ApproveApplication(a, ap, f, p, c)
		})
	if x.l.err != nil {
		return
	}
	if len(ref.TrancheIDs) != len(tranches) {
		x.l.err = fmt.Errorf("seed application %s: approval returned %d tranche ids for %d tranches", x.name(), len(ref.TrancheIDs), len(tranches))
		return
	}
	for i, t := range tranches {
		x.tranches[t.Milestone] = ref.TrancheIDs[i]
	}
}

// disburse pays the tranche of the milestone (by the seed's key), with the payment voucher (拨款凭证).
func (x *application) disburse(milestone, on, voucher string) {
	id := x.tranches[milestone]
	input := struct {
		TrancheID   domain.TrancheID
		DisbursedOn domain.Date
		VoucherNo   string
	}{id, day(on), voucher}
	x.do(x.f.finance, "DisburseTranche", x.step("tranche/"+milestone+"/disburse"), input, app.Ref{TrancheIDs: []domain.TrancheID{id}},
		func(ap *domain.FundingApplication, f *domain.Fund, p *domain.Project, a domain.Actor) ([]domain.Event, []domain.Event, error) {
			c := domain.DisburseTrancheCmd{TrancheID: id, DisbursedOn: day(on), VoucherNo: voucher, Today: x.l.today}
			return domain.DisburseTranche(a, ap, f, p, c)
		})
}

// recoverMoney takes paid money back into the fund (收回), with the reason.
func (x *application) recoverMoney(on string, amount domain.Money, reason string) {
	input := struct {
		Amount      domain.Money
		Reason      string
		RecoveredOn domain.Date
	}{amount, reason, day(on)}
	x.do(x.f.finance, "RecoverMoney", x.step("recover/"+on), input, app.Ref{},
		func(ap *domain.FundingApplication, f *domain.Fund, _ *domain.Project, a domain.Actor) ([]domain.Event, []domain.Event, error) {
			c := domain.RecoverMoneyCmd{Amount: amount, Reason: reason, RecoveredOn: day(on), Today: x.l.today}
			return domain.RecoverMoney(a, ap, f, c)
		})
}

// cancelRemainder cancels the tranches not yet paid, releases their money in the fund and closes
// the application (结项).
func (x *application) cancelRemainder(on, reason string) {
	input := struct {
		Reason      string
		CancelledOn domain.Date
	}{reason, day(on)}
	x.do(x.f.finance, "CancelRemainder", x.step("cancel-remainder"), input, app.Ref{},
		func(ap *domain.FundingApplication, f *domain.Fund, _ *domain.Project, a domain.Actor) ([]domain.Event, []domain.Event, error) {
			c := domain.CancelRemainderCmd{Reason: reason, CancelledOn: day(on), Today: x.l.today}
			return domain.CancelRemainder(a, ap, f, c)
		})
}
