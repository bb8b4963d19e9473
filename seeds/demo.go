// Package seeds loads demonstration data into the portfolio: a portfolio of smart-city projects
// taken from the five policy documents of DOMAIN.md (Smart Jiangsu, Smart Xuzhou, Huai'an's PPP,
// Smart Xianning and Chengdu's 12th Five-Year informatization plan).
//
// Besides the projects, the demo holds the programmes' funds (智慧咸宁建设基金, the “智慧徐州”
// special fund, the provincial special fund of Smart Jiangsu, Chengdu's informatization fund and
// a closed Huai'an fund) and the projects' funding applications to them in every status, with
// tranches paid and waiting, money recovered and a remainder cancelled (demo_funds.go,
// demo_applications_*.go). And PPP arrangements at the stages the documents speak of: 智慧淮安,
// with 中兴通讯 chosen by public tender, in execution with payments made and performance assessed,
// and others in procurement, in preparation, only identified and cancelled, against the fiscal
// affordability ledgers of Huai'an, Xuzhou and Xianning, whose finance bureaus record the yearly
// general public budgets and the 10% rule; Xianning stands above the 7% warning line
// (demo_ppp*.go, demo_xianning_ppp.go).
//
// Everything is loaded through the command service, so every read model can be rebuilt from the
// events it wrote. Every command carries a fixed actor and a deterministic idempotency key
// ("seed/demo/<project code>/<step>", "seed/demo/<fund code>/<step>",
// "seed/demo/<project code>/application/<key>/<step>", "seed/demo/<project code>/ppp/<step>" and
// "seed/demo/ppp-ledger/<region>/<step>"): loading the demo again replays every command's first
// result and writes nothing.
//
// Names, organisations, document styles, figures and targets come from the documents. Where the
// documents give no figure (the budget of a single project, dates, document numbers,
// intermediate measurements), the seed chooses a plausible one; the content files say so.
package seeds

import (
	"context"
	"fmt"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/app"
)

// Summary is what one LoadDemo run did.
type Summary struct {
	// Projects is the number of projects in the demo portfolio.
	Projects int
	// Commands is the number of commands sent, whether they wrote or were replayed.
	Commands int
	// Replayed is the number of commands answered with the result of an earlier run; they wrote
	// nothing. On a second run it equals Commands.
	Replayed int
	// ProjectIDs maps each demo project's code to its id (the same on every run).
	ProjectIDs map[domain.ProjectCode]domain.ProjectID
	// Funds is the number of funds in the demo.
	Funds int
	// Applications is the number of funding applications in the demo.
	Applications int
	// FundIDs maps each demo fund's seed code (e.g. XZ-FUND-2026) to its id (the same on every run).
	FundIDs map[string]domain.FundID
	// ApplicationIDs maps each demo funding application, named "<project code>/<seed key>", to
	// its id (the same on every run).
	ApplicationIDs map[string]domain.ApplicationID
	// PPPLedgers is the number of regions whose fiscal affordability ledger the demo keeps.
	PPPLedgers int
	// PPPArrangements is the number of PPP arrangements in the demo.
	PPPArrangements int
	// PPPArrangementIDs maps the code of each demo project with a PPP arrangement to the
	// arrangement's id (the same on every run).
	PPPArrangementIDs map[domain.ProjectCode]domain.PPPArrangementID
}

// Written is the number of commands that wrote events in this run.
func (s Summary) Written() int { return s.Commands - s.Replayed }

// HistoryEnd is the latest date the demo's history uses (achievements, spending, measurements,
// decisions). The service's today must not be earlier, or the domain would refuse those facts as
// lying in the future.
var HistoryEnd = domain.MustDate("2026-11-20")

// keyPrefix starts every idempotency key and correlation id the demo uses.
const keyPrefix = "seed/demo/"

// LoadDemo loads the demo portfolio through svc's commands. It is idempotent: a second call
// replays every command (Summary.Replayed == Summary.Commands) and writes no event. It stops at
// the first command that fails and returns what it did up to then; calling it again resumes
// there. Run one load at a time against a store: two loads racing each other may see a project
// code claimed by the other and fail (harmlessly; the next load replays what either wrote).
func LoadDemo(ctx context.Context, svc *app.Service) (Summary, error) {
	l := &loader{ctx: ctx, svc: svc, today: svc.Today(),
		sum: Summary{
			ProjectIDs:        map[domain.ProjectCode]domain.ProjectID{},
			FundIDs:           map[string]domain.FundID{},
			ApplicationIDs:    map[string]domain.ApplicationID{},
			PPPArrangementIDs: map[domain.ProjectCode]domain.PPPArrangementID{},
		},
		projects: map[domain.ProjectCode]*project{},
		funds:    map[string]*fund{},
	}
	if l.today.Before(HistoryEnd) {
		return l.sum, fmt.Errorf("the demo's history runs to %s but the service's today is %s: %w",
			HistoryEnd, l.today, domain.ErrInvalid)
	}
	// The projects first, then the funds and the applications of the projects to them
	// (demo_funds.go, demo_applications_*.go), then the regions' fiscal affordability ledgers and
	// the projects' PPP arrangements (demo_ppp_*.go).
	for _, load := range []func(*loader){
		loadJiangsu, loadXuzhou, loadHuaian, loadXianning, loadChengdu,
		loadFunds,
		loadApplicationsJiangsu, loadApplicationsXuzhou, loadApplicationsHuaian, loadApplicationsXianning, loadApplicationsChengdu,
		loadPPPLedgers,
		loadPPPHuaian, loadPPPXuzhou, loadPPPXianning,
	} {
		load(l)
		if l.err != nil {
			return l.sum, l.err
		}
	}
	return l.sum, nil
}

// loader runs the demo's commands in order and keeps the first error: once a command fails,
// every later step is skipped, so the content files read as a plain list of steps. It keeps the
// projects and funds it loaded, by code, for the funding applications to refer to.
type loader struct {
	ctx      context.Context
	svc      *app.Service
	today    domain.Date
	sum      Summary
	err      error
	projects map[domain.ProjectCode]*project
	funds    map[string]*fund
}

// count records one command's outcome.
func (l *loader) count(out app.Outcome) {
	l.sum.Commands++
	if out.Replayed {
		l.sum.Replayed++
	}
}

// project is one demo project being loaded: its code and id, its owner and the office that
// decides on it, and the ids the server minted for its milestones, indicators and revisions,
// by the seed's own local keys.
type project struct {
	l          *loader
	code       domain.ProjectCode
	id         domain.ProjectID
	owner      domain.Actor
	office     domain.Actor
	details    domain.ProjectDetails
	round      int
	steps      map[string]int
	milestones map[string]domain.MilestoneID
	indicators map[string]domain.IndicatorID
	revisions  map[string]domain.BudgetRevisionID
}

// proposal is what an owner proposes; the planned investment is the funding plan's total, so
// the plan always adds up.
type proposal struct {
	Name        string
	Domain      domain.ProjectDomain
	Region      domain.RegionCode
	Description string
	Funding     domain.FundingPlan
	Start, End  string
}

func (s proposal) details() domain.ProjectDetails {
	return domain.ProjectDetails{
		Name: s.Name, Domain: s.Domain, Region: s.Region, Description: s.Description,
		PlannedInvestment: s.Funding.Total(), Funding: s.Funding,
		PlannedStart: day(s.Start), PlannedEnd: day(s.End),
	}
}

// propose proposes a project (or replays its proposal) and returns it for the next steps.
func (l *loader) propose(code string, owner, office domain.Actor, s proposal) *project {
	p := &project{
		l: l, code: domain.ProjectCode(code), owner: owner, office: office, details: s.details(),
		steps:      map[string]int{},
		milestones: map[string]domain.MilestoneID{},
		indicators: map[string]domain.IndicatorID{},
		revisions:  map[string]domain.BudgetRevisionID{},
	}
	if l.err != nil {
		return p
	}
	l.sum.Projects++
	l.projects[p.code] = p
	input := struct {
		Code    domain.ProjectCode
		Details domain.ProjectDetails
	}{p.code, p.details}
	out, err := l.svc.ProposeProject(l.ctx, p.request(owner, p.step("propose")), input, p.details, p.code)
	if err != nil {
		l.err = fmt.Errorf("seed project %s: propose: %w", code, err)
		return p
	}
	l.count(out)
	p.id = out.Ref.ProjectID
	l.sum.ProjectIDs[p.code] = p.id
	return p
}

// step names a step uniquely within the project: the base name, numbered from the second use on.
func (p *project) step(base string) string { return stepName(p.steps, base) }

func (p *project) request(a domain.Actor, step string) app.Request {
	return app.Request{
		Actor:          a,
		CorrelationID:  keyPrefix + string(p.code),
		IdempotencyKey: keyPrefix + string(p.code) + "/" + step,
	}
}

// do runs one command on the project. input is what a client would send: it must be the same on
// every run, so it never holds today's date or an id minted in this run (those go in the domain
// command built by act and in ref).
func (p *project) do(a domain.Actor, name, step string, input any, ref app.Ref, act app.ProjectAction) app.Ref {
	l := p.l
	if l.err != nil {
		return app.Ref{}
	}
	out, err := l.svc.OnProject(l.ctx, p.request(a, step), name, p.id, input, ref, act)
	if err != nil {
		l.err = fmt.Errorf("seed project %s: step %s: %w", p.code, step, err)
		return app.Ref{}
	}
	l.count(out)
	return out.Ref
}

// day reads a date literal of the seed.
func day(s string) domain.Date { return domain.MustDate(s) }

// wan is an amount in 万元 (ten thousand yuan), the unit the documents and budgets use.
func wan(n int64) domain.Money { return domain.Yuan(n * 10_000) }

// qty reads a quantity literal of the seed.
func qty(s string) domain.Quantity { return domain.MustQuantity(s) }

// ---- review and approval ----

func (p *project) submit() {
	p.round++
	p.do(p.owner, "SubmitProjectForReview", p.step(fmt.Sprintf("submit/%d", p.round)), domain.SubmitProjectForReview{}, app.Ref{},
		func(pr *domain.Project, a domain.Actor) ([]domain.Event, error) {
			return pr.SubmitForReview(a, domain.SubmitProjectForReview{})
		})
}

func (p *project) review(expert domain.Actor, score int, opinion string) {
	c := domain.RecordExpertReview{Score: score, Opinion: opinion}
	p.do(expert, "RecordExpertReview", p.step(fmt.Sprintf("review/%d/%s", p.round, expert.UserID)), c, app.Ref{},
		func(pr *domain.Project, a domain.Actor) ([]domain.Event, error) { return pr.RecordExpertReview(a, c) })
}

func (p *project) returnForRevision(reason string) {
	c := domain.ReturnProjectForRevision{Reason: reason}
	p.do(p.office, "ReturnProjectForRevision", p.step(fmt.Sprintf("return/%d", p.round)), c, app.Ref{},
		func(pr *domain.Project, a domain.Actor) ([]domain.Event, error) { return pr.ReturnForRevision(a, c) })
}

// revise replaces the project's details with s, as the owner does after a return.
func (p *project) revise(s proposal) {
	p.details = s.details()
	c := domain.ReviseProject{ProjectDetails: p.details}
	p.do(p.owner, "ReviseProject", p.step(fmt.Sprintf("revise/%d", p.round)), c, app.Ref{},
		func(pr *domain.Project, a domain.Actor) ([]domain.Event, error) { return pr.Revise(a, c) })
}

func (p *project) reject(reason string) {
	c := domain.RejectProject{Reason: reason}
	p.do(p.office, "RejectProject", p.step("reject"), c, app.Ref{},
		func(pr *domain.Project, a domain.Actor) ([]domain.Event, error) { return pr.Reject(a, c) })
}

func (p *project) approve(docNo string, budget domain.Money, on string) {
	c := domain.ApproveProject{DocumentNo: docNo, ApprovedBudget: budget, ApprovedOn: day(on)}
	p.do(p.office, "ApproveProject", p.step("approve"), c, app.Ref{},
		func(pr *domain.Project, a domain.Actor) ([]domain.Event, error) {
			c.Today = p.l.today
			return pr.Approve(a, c)
		})
}

// cancel closes the project; by is the owner (before approval) or the office.
func (p *project) cancel(by domain.Actor, reason string) {
	c := domain.CancelProject{Reason: reason}
	p.do(by, "CancelProject", p.step("cancel"), c, app.Ref{},
		func(pr *domain.Project, a domain.Actor) ([]domain.Event, error) { return pr.Cancel(a, c) })
}

// ---- lifecycle ----

func (p *project) startConstruction(on string) {
	c := domain.StartConstruction{StartedOn: day(on)}
	p.do(p.owner, "StartConstruction", p.step("start-construction"), c, app.Ref{},
		func(pr *domain.Project, a domain.Actor) ([]domain.Event, error) {
			c.Today = p.l.today
			return pr.StartConstruction(a, c)
		})
}

func (p *project) requestAcceptance(summary string) {
	c := domain.RequestAcceptance{Summary: summary}
	p.do(p.owner, "RequestAcceptance", p.step("request-acceptance"), c, app.Ref{},
		func(pr *domain.Project, a domain.Actor) ([]domain.Event, error) { return pr.RequestAcceptance(a, c) })
}

func (p *project) rejectAcceptance(reason string) {
	c := domain.RejectAcceptance{Reason: reason}
	p.do(p.office, "RejectAcceptance", p.step("reject-acceptance"), c, app.Ref{},
		func(pr *domain.Project, a domain.Actor) ([]domain.Event, error) { return pr.RejectAcceptance(a, c) })
}

func (p *project) accept(on, conclusion string) {
	c := domain.AcceptProject{AcceptedOn: day(on), Conclusion: conclusion}
	p.do(p.office, "AcceptProject", p.step("accept"), c, app.Ref{},
		func(pr *domain.Project, a domain.Actor) ([]domain.Event, error) {
			c.Today = p.l.today
			return pr.Accept(a, c)
		})
}

func (p *project) startOperation(on string) {
	c := domain.StartOperation{StartedOn: day(on)}
	p.do(p.owner, "StartOperation", p.step("start-operation"), c, app.Ref{},
		func(pr *domain.Project, a domain.Actor) ([]domain.Event, error) {
			c.Today = p.l.today
			return pr.StartOperation(a, c)
		})
}

func (p *project) evaluate(on string, score int, conclusion string) {
	c := domain.EvaluateProject{EvaluatedOn: day(on), Score: score, Conclusion: conclusion}
	p.do(p.office, "EvaluateProject", p.step("evaluate"), c, app.Ref{},
		func(pr *domain.Project, a domain.Actor) ([]domain.Event, error) {
			c.Today = p.l.today
			return pr.Evaluate(a, c)
		})
}

func (p *project) suspend(reason string) {
	c := domain.SuspendProject{Reason: reason}
	p.do(p.office, "SuspendProject", p.step("suspend"), c, app.Ref{},
		func(pr *domain.Project, a domain.Actor) ([]domain.Event, error) { return pr.Suspend(a, c) })
}

func (p *project) resume(note string) {
	c := domain.ResumeProject{Note: note}
	p.do(p.office, "ResumeProject", p.step("resume"), c, app.Ref{},
		func(pr *domain.Project, a domain.Actor) ([]domain.Event, error) { return pr.Resume(a, c) })
}

// ---- milestones, progress, spending ----

// plan plans a milestone known to the seed by key.
func (p *project) plan(key, name, date string, weight int) {
	c := domain.PlanMilestone{Name: name, PlannedDate: day(date), Weight: weight}
	id := domain.NewMilestoneID()
	ref := p.do(p.owner, "PlanMilestone", p.step("milestone/"+key+"/plan"), c, app.Ref{MilestoneID: id},
		func(pr *domain.Project, a domain.Actor) ([]domain.Event, error) {
			c.MilestoneID = id
			return pr.PlanMilestone(a, c)
		})
	p.milestones[key] = ref.MilestoneID
}

func (p *project) reschedule(key, newDate, reason string) {
	c := domain.RescheduleMilestone{MilestoneID: p.milestones[key], NewDate: day(newDate), Reason: reason}
	p.do(p.owner, "RescheduleMilestone", p.step("milestone/"+key+"/reschedule"), c, app.Ref{MilestoneID: c.MilestoneID},
		func(pr *domain.Project, a domain.Actor) ([]domain.Event, error) { return pr.RescheduleMilestone(a, c) })
}

func (p *project) achieve(key, on, evidence string) {
	c := domain.AchieveMilestone{MilestoneID: p.milestones[key], AchievedOn: day(on), Evidence: evidence}
	p.do(p.owner, "AchieveMilestone", p.step("milestone/"+key+"/achieve"), c, app.Ref{MilestoneID: c.MilestoneID},
		func(pr *domain.Project, a domain.Actor) ([]domain.Event, error) {
			c.Today = p.l.today
			return pr.AchieveMilestone(a, c)
		})
}

func (p *project) progress(asOf string, percent int, narrative string) {
	p.progressNote(asOf, percent, narrative, "")
}

// progressNote reports progress with a note, which a report below the previous one needs.
func (p *project) progressNote(asOf string, percent int, narrative, note string) {
	c := domain.ReportProgress{AsOf: day(asOf), Percent: percent, Narrative: narrative, Note: note}
	p.do(p.owner, "ReportProgress", p.step("progress/"+asOf), c, app.Ref{},
		func(pr *domain.Project, a domain.Actor) ([]domain.Event, error) {
			c.Today = p.l.today
			return pr.ReportProgress(a, c)
		})
}

func (p *project) spend(on string, amount domain.Money, category domain.ExpenditureCategory, description string) {
	c := domain.RecordExpenditure{SpentOn: day(on), Amount: amount, Category: category, Description: description}
	p.do(p.owner, "RecordExpenditure", p.step("expenditure/"+on), c, app.Ref{},
		func(pr *domain.Project, a domain.Actor) ([]domain.Event, error) {
			c.Today = p.l.today
			return pr.RecordExpenditure(a, c)
		})
}

// ---- indicators ----

// indicator defines an indicator known to the seed by key.
func (p *project) indicator(key, name, unit, baseline, target, targetDate string) {
	c := domain.DefineIndicator{Name: name, Unit: unit, Baseline: qty(baseline), Target: qty(target), TargetDate: day(targetDate)}
	id := domain.NewIndicatorID()
	ref := p.do(p.owner, "DefineIndicator", p.step("indicator/"+key+"/define"), c, app.Ref{IndicatorID: id},
		func(pr *domain.Project, a domain.Actor) ([]domain.Event, error) {
			c.IndicatorID = id
			return pr.DefineIndicator(a, c)
		})
	p.indicators[key] = ref.IndicatorID
}

func (p *project) measure(key, on, value, note string) {
	c := domain.RecordMeasurement{IndicatorID: p.indicators[key], MeasuredOn: day(on), Value: qty(value), Note: note}
	p.do(p.owner, "RecordMeasurement", p.step("indicator/"+key+"/measure/"+on), c, app.Ref{IndicatorID: c.IndicatorID},
		func(pr *domain.Project, a domain.Actor) ([]domain.Event, error) {
			c.Today = p.l.today
			return pr.RecordMeasurement(a, c)
		})
}

// ---- budget revisions ----

// proposeRevision asks for a new approved budget; key names the revision for the office's decision.
func (p *project) proposeRevision(key string, newBudget domain.Money, reason string) {
	c := domain.ProposeBudgetRevision{NewBudget: newBudget, Reason: reason}
	id := domain.NewBudgetRevisionID()
	ref := p.do(p.owner, "ProposeBudgetRevision", p.step("revision/"+key+"/propose"), c, app.Ref{RevisionID: id},
		func(pr *domain.Project, a domain.Actor) ([]domain.Event, error) {
			c.RevisionID = id
			return pr.ProposeBudgetRevision(a, c)
		})
	p.revisions[key] = ref.RevisionID
}

func (p *project) approveRevision(key, note string) {
	c := domain.ApproveBudgetRevision{RevisionID: p.revisions[key], Note: note}
	p.do(p.office, "ApproveBudgetRevision", p.step("revision/"+key+"/approve"), c, app.Ref{RevisionID: c.RevisionID},
		func(pr *domain.Project, a domain.Actor) ([]domain.Event, error) {
			return pr.ApproveBudgetRevision(a, c)
		})
}

func (p *project) rejectRevision(key, reason string) {
	c := domain.RejectBudgetRevision{RevisionID: p.revisions[key], Reason: reason}
	p.do(p.office, "RejectBudgetRevision", p.step("revision/"+key+"/reject"), c, app.Ref{RevisionID: c.RevisionID},
		func(pr *domain.Project, a domain.Actor) ([]domain.Event, error) { return pr.RejectBudgetRevision(a, c) })
}
