package domain

import "fmt"

// The finance bureau's decisions that move money change two aggregates at once: the application
// and its fund. Each function below checks both, builds the events of both streams, applies them
// to both receivers only when every check has passed, and returns them so that the caller appends
// them in one transaction (both or neither). Afterwards the fund's Allocation for the application
// matches the application's own figures.

// ApproveApplicationCmd grants money in tranches, each tied to a milestone of the project.
type ApproveApplicationCmd struct {
	ApprovedAmount Money
	Tranches       []ApprovedTranche // amounts add up to ApprovedAmount; each milestone at most once
	ApprovedOn     Date
	DocumentNo     string // optional funding decision document, e.g. 徐财建〔2017〕12号
	Today          Date
}

// DisburseTrancheCmd pays one tranche whose milestone has been achieved.
type DisburseTrancheCmd struct {
	TrancheID   TrancheID
	DisbursedOn Date
	VoucherNo   string // payment voucher (拨款凭证) number
	Today       Date
}

// RecoverMoneyCmd takes paid money back into the fund (收回).
type RecoverMoneyCmd struct {
	Amount      Money
	Reason      string
	RecoveredOn Date
	Today       Date
}

// CancelRemainderCmd cancels the approved money not yet paid and closes the application.
type CancelRemainderCmd struct {
	Reason      string
	CancelledOn Date
	Today       Date
}

// ApproveApplication lets the fund's finance bureau approve an application UNDER_EXPERT_REVIEW
// whose experts have all scored, for a project still fundable. The amount, at most the amount
// requested, is reserved in the fund (ApplicationApproved + FundMoneyReserved); it is refused when
// the fund is closed or has less money available.
func ApproveApplication(a Actor, app *FundingApplication, fund *Fund, project *Project, c ApproveApplicationCmd) (appEvents, fundEvents []Event, err error) {
	const action = "approve the funding application"
	if app == nil {
		return nil, nil, &NotFoundError{Entity: "funding application", ID: "(not given)"}
	}
	if err := app.checkDecidable(a, action); err != nil {
		return nil, nil, err
	}
	if err := app.requireFund(fund); err != nil {
		return nil, nil, err
	}
	if err := app.requireProject(project); err != nil {
		return nil, nil, err
	}
	if err := requireProjectStatus(project, action, projectStatusesFundable); err != nil {
		return nil, nil, err
	}
	if err := checkAmount("approvedAmount", c.ApprovedAmount); err != nil {
		return nil, nil, err
	}
	if c.ApprovedAmount > app.requested {
		return nil, nil, invalid("approvedAmount", "%s yuan exceeds the %s yuan requested", c.ApprovedAmount, app.requested)
	}
	if err := checkPastDate("approvedOn", c.ApprovedOn, c.Today); err != nil {
		return nil, nil, err
	}
	doc, err := optionalText("documentNo", c.DocumentNo, maxDocNoLen)
	if err != nil {
		return nil, nil, err
	}
	tranches, err := checkTranches(project, c.ApprovedAmount, c.Tranches)
	if err != nil {
		return nil, nil, err
	}
	return commitFunding(app, fund,
		&ApplicationApproved{ApplicationID: app.id, ApprovedAmount: c.ApprovedAmount, ApprovedOn: c.ApprovedOn, DocumentNo: doc, Tranches: tranches},
		&FundMoneyReserved{FundID: fund.ID(), ApplicationID: app.id, Amount: c.ApprovedAmount, ReservedOn: c.ApprovedOn})
}

// DisburseTranche lets the fund's finance bureau pay a tranche of an APPROVED application once its
// milestone is achieved in the project (TrancheDisbursed + FundMoneyDisbursed). The payment date
// lies between the approval (and the milestone's achievement) and today.
func DisburseTranche(a Actor, app *FundingApplication, fund *Fund, project *Project, c DisburseTrancheCmd) (appEvents, fundEvents []Event, err error) {
	const action = "disburse a tranche"
	if err := app.checkPaying(a, action, fund, AppApproved); err != nil {
		return nil, nil, err
	}
	if err := app.requireProject(project); err != nil {
		return nil, nil, err
	}
	t, ok := app.Tranche(c.TrancheID)
	if !ok {
		return nil, nil, &NotFoundError{Entity: "tranche", ID: string(c.TrancheID)}
	}
	if t.Status != TrancheStatusPending {
		return nil, nil, &StateError{Entity: "tranche " + string(t.ID), Action: action,
			State: fmt.Sprintf("%s on %s (voucher %s)", t.Status, t.DisbursedOn, t.VoucherNo)}
	}
	if err := requireProjectStatus(project, action, projectStatusesPayable); err != nil {
		return nil, nil, err
	}
	m, ok := project.Milestone(t.MilestoneID)
	if !ok {
		return nil, nil, &NotFoundError{Entity: "milestone", ID: string(t.MilestoneID)}
	}
	if !m.Achieved() {
		return nil, nil, &StateError{Entity: fmt.Sprintf("milestone %q (%s)", m.Name, m.ID), Action: action,
			State: fmt.Sprintf("not achieved yet (planned for %s)", m.PlannedDate)}
	}
	voucher, err := requireText("voucherNo", c.VoucherNo, maxDocNoLen)
	if err != nil {
		return nil, nil, err
	}
	if err := checkPastDate("disbursedOn", c.DisbursedOn, c.Today); err != nil {
		return nil, nil, err
	}
	if err := checkNotBefore("disbursedOn", c.DisbursedOn, app.approvedOn, "approval date"); err != nil {
		return nil, nil, err
	}
	if err := checkNotBefore("disbursedOn", c.DisbursedOn, m.AchievedOn, fmt.Sprintf("achievement of milestone %q on", m.Name)); err != nil {
		return nil, nil, err
	}
	return commitFunding(app, fund,
		&TrancheDisbursed{ApplicationID: app.id, TrancheID: t.ID, MilestoneID: t.MilestoneID, Amount: t.Amount, DisbursedOn: c.DisbursedOn, VoucherNo: voucher},
		&FundMoneyDisbursed{FundID: fund.ID(), ApplicationID: app.id, TrancheID: t.ID, Amount: t.Amount, DisbursedOn: c.DisbursedOn})
}

// RecoverMoney lets the fund's finance bureau take back money paid to an APPROVED or CLOSED
// application, at most what was paid and not yet recovered (MoneyRecovered + FundMoneyRecovered).
// The money becomes available in the fund again.
func RecoverMoney(a Actor, app *FundingApplication, fund *Fund, c RecoverMoneyCmd) (appEvents, fundEvents []Event, err error) {
	const action = "recover money"
	if err := app.checkPaying(a, action, fund, appStatusesPaid...); err != nil {
		return nil, nil, err
	}
	if app.NetDisbursed() == 0 {
		return nil, nil, &StateError{Entity: app.entity(), Action: action,
			State: fmt.Sprintf("holding no paid money (%s yuan paid, %s yuan recovered)", app.disbursed, app.recovered)}
	}
	if err := checkAmount("amount", c.Amount); err != nil {
		return nil, nil, err
	}
	if c.Amount > app.NetDisbursed() {
		return nil, nil, invalid("amount", "recovering %s yuan exceeds the %s yuan disbursed to the application and not yet recovered",
			c.Amount, app.NetDisbursed())
	}
	reason, err := requireText("reason", c.Reason, maxTextLen)
	if err != nil {
		return nil, nil, err
	}
	if err := checkPastDate("recoveredOn", c.RecoveredOn, c.Today); err != nil {
		return nil, nil, err
	}
	if err := checkNotBefore("recoveredOn", c.RecoveredOn, app.firstPayment(), "first disbursement"); err != nil {
		return nil, nil, err
	}
	return commitFunding(app, fund,
		&MoneyRecovered{ApplicationID: app.id, Amount: c.Amount, Reason: reason, RecoveredOn: c.RecoveredOn},
		&FundMoneyRecovered{FundID: fund.ID(), ApplicationID: app.id, Amount: c.Amount, Reason: reason, RecoveredOn: c.RecoveredOn})
}

// CancelRemainder lets the fund's finance bureau close an APPROVED application: the tranches not
// yet paid are cancelled and their money released in the fund (RemainderCancelled +
// FundReservationReleased). With every tranche paid the remainder is 0 and the fund has nothing
// to release, so fundEvents is empty.
func CancelRemainder(a Actor, app *FundingApplication, fund *Fund, c CancelRemainderCmd) (appEvents, fundEvents []Event, err error) {
	const action = "cancel the remainder of the funding application"
	if err := app.checkPaying(a, action, fund, AppApproved); err != nil {
		return nil, nil, err
	}
	reason, err := requireText("reason", c.Reason, maxTextLen)
	if err != nil {
		return nil, nil, err
	}
	if err := checkPastDate("cancelledOn", c.CancelledOn, c.Today); err != nil {
		return nil, nil, err
	}
	if err := checkNotBefore("cancelledOn", c.CancelledOn, app.approvedOn, "approval date"); err != nil {
		return nil, nil, err
	}
	if err := checkNotBefore("cancelledOn", c.CancelledOn, app.lastPayment(), "last disbursement"); err != nil {
		return nil, nil, err
	}
	remainder := app.ReservedAmount()
	cancelled := &RemainderCancelled{ApplicationID: app.id, Amount: remainder, Reason: reason, CancelledOn: c.CancelledOn}
	if remainder == 0 {
		return commitFunding(app, fund, cancelled, nil)
	}
	return commitFunding(app, fund, cancelled,
		&FundReservationReleased{FundID: fund.ID(), ApplicationID: app.id, Amount: remainder, Reason: reason, ReleasedOn: c.CancelledOn})
}

// checkPaying is the shared check of the money movements after approval: the managing finance
// bureau, the status, and the application's own fund.
func (x *FundingApplication) checkPaying(a Actor, action string, fund *Fund, allowed ...ApplicationStatus) error {
	if x == nil {
		return &NotFoundError{Entity: "funding application", ID: "(not given)"}
	}
	if err := x.authorize(a, action, RoleFinance); err != nil {
		return err
	}
	if err := x.requireStatus(action, allowed...); err != nil {
		return err
	}
	return x.requireFund(fund)
}

// commitFunding checks the application's event and the fund's event (nil for none) against their
// receivers, and only when both fit applies them, so that a refusal leaves both untouched.
func commitFunding(app *FundingApplication, fund *Fund, appEvent, fundEvent Event) (appEvents, fundEvents []Event, err error) {
	if err := app.checkApplicable(appEvent); err != nil {
		return nil, nil, fmt.Errorf("funding command built an inapplicable application event: %w", err)
	}
	if fundEvent != nil {
		// The fund's own rules (open, money available, enough reserved) are the caller's business
		// errors: they come back unwrapped, naming the figures.
		if err := fund.check(fundEvent); err != nil {
			return nil, nil, err
		}
	}
	if appEvents, err = app.record(appEvent); err != nil {
		return nil, nil, err
	}
	if fundEvent == nil {
		return appEvents, nil, nil
	}
	if fundEvents, err = fund.record(fundEvent); err != nil {
		return nil, nil, err
	}
	return appEvents, fundEvents, nil
}
