package domain

import (
	"slices"
	"strings"
	"testing"
)

// appCommandRow is one application command, valid in every status it allows, for the matrices below.
type appCommandRow struct {
	name     string
	roles    []Role              // the roles that may give the command
	allowed  []ApplicationStatus // the statuses that allow it
	reviewed bool                // needs every expert's score in when UNDER_EXPERT_REVIEW
	run      func(w fundingWorld, a Actor) (appEvents, fundEvents []Event, err error)
}

func appRun[C any](method func(*FundingApplication, Actor, C) ([]Event, error), c C) func(fundingWorld, Actor) ([]Event, []Event, error) {
	return func(w fundingWorld, a Actor) ([]Event, []Event, error) {
		events, err := method(w.app, a, c)
		return events, nil, err
	}
}

func appCommandRows() []appCommandRow {
	own, off, fin := []Role{RoleOwner}, []Role{RoleOffice}, []Role{RoleFinance}
	request := ApplicationRequest{SupportMode: SupportPurchaseOfServices, RequestedAmount: Yuan(2_800_000), Justification: "j"}
	return []appCommandRow{
		{"Revise", own, appStatusesEditable, false, func(w fundingWorld, a Actor) ([]Event, []Event, error) {
			events, err := w.app.Revise(a, w.fund, ReviseApplication{ApplicationRequest: request})
			return events, nil, err
		}},
		{"Submit", own, []ApplicationStatus{AppDraft}, false, appRun((*FundingApplication).Submit, SubmitApplication{})},
		{"Resubmit", own, []ApplicationStatus{AppReturned}, false, appRun((*FundingApplication).Resubmit, ResubmitApplication{})},
		{"Withdraw", own, appStatusesPending, false, appRun((*FundingApplication).Withdraw, WithdrawApplication{})},
		{"Screen", off, []ApplicationStatus{AppSubmitted}, false, appRun((*FundingApplication).Screen, ScreenApplication{Passed: true})},
		{"AssignExperts", off, []ApplicationStatus{AppScreened}, false,
			appRun((*FundingApplication).AssignExperts, AssignApplicationExperts{Experts: []Actor{expertC}})},
		{"Score", []Role{RoleExpert}, []ApplicationStatus{AppUnderExpertReview}, false,
			appRun((*FundingApplication).Score, ScoreApplication{Score: 60, Opinion: "o"})},
		{"Reject", fin, appStatusesDecidable, true, appRun((*FundingApplication).Reject, RejectApplication{Reason: "r"})},
		{"ReturnForRevision", fin, appStatusesDecidable, true,
			appRun((*FundingApplication).ReturnForRevision, ReturnApplicationForRevision{Reason: "r"})},
		{"ApproveApplication", fin, appStatusesDecidable, true, func(w fundingWorld, a Actor) ([]Event, []Event, error) {
			return ApproveApplication(a, w.app, w.fund, w.project, approveCmd(nil))
		}},
		{"DisburseTranche", fin, []ApplicationStatus{AppApproved}, false, func(w fundingWorld, a Actor) ([]Event, []Event, error) {
			return DisburseTranche(a, w.app, w.fund, w.project, DisburseTrancheCmd{TrancheID: tr2, DisbursedOn: today, VoucherNo: "v", Today: today})
		}},
		{"RecoverMoney", fin, appStatusesPaid, false, func(w fundingWorld, a Actor) ([]Event, []Event, error) {
			return RecoverMoney(a, w.app, w.fund, RecoverMoneyCmd{Amount: 1, Reason: "r", RecoveredOn: today, Today: today})
		}},
		{"CancelRemainder", fin, []ApplicationStatus{AppApproved}, false, func(w fundingWorld, a Actor) ([]Event, []Event, error) {
			return CancelRemainder(a, w.app, w.fund, CancelRemainderCmd{Reason: "r", CancelledOn: today, Today: today})
		}},
	}
}

// matrixWorld is the application in status with its fund, and a project whose milestones are all
// achieved. APPROVED has its first tranche paid, so that every money command has something to act on.
func matrixWorld(t *testing.T, row appCommandRow, status ApplicationStatus) fundingWorld {
	t.Helper()
	app := appHistory(status)
	switch {
	case status == AppApproved:
		app = appPaid()
	case status == AppUnderExpertReview && row.reviewed:
		app = appReviewed()
	}
	ms2Achieved := &MilestoneAchieved{ProjectID: pid, MilestoneID: ms2, AchievedOn: MustDate("2018-07-01"), Evidence: "e"}
	return replayWorld(t, app, fundFor(app), fundedProject(ms2Achieved))
}

func TestEveryApplicationCommandSucceedsInEveryStatusItAllowsAndIsRefusedInAllOthers(t *testing.T) {
	for _, row := range appCommandRows() {
		for _, status := range ApplicationStatuses() {
			t.Run(row.name+" when "+string(status), func(t *testing.T) {
				w := matrixWorld(t, row, status)
				appEvents, _, err := row.run(w, actorFor(row.roles[0]))
				if slices.Contains(row.allowed, status) {
					if err != nil || len(appEvents) != 1 {
						t.Fatalf("want one application event, got %d and error %v", len(appEvents), err)
					}
					checkFundSplit(t, w.fund)
					checkFundMatchesApplication(t, w.fund, w.app)
					return
				}
				checkErr(t, err, ErrState, string(status))
			})
		}
	}
}

func TestEveryApplicationCommandRefusesEveryOtherRoleAndOtherOrganisations(t *testing.T) {
	for _, row := range appCommandRows() {
		status := row.allowed[0]
		for _, role := range Roles {
			if slices.Contains(row.roles, role) {
				continue
			}
			t.Run(row.name+" by "+string(role), func(t *testing.T) {
				_, _, err := row.run(matrixWorld(t, row, status), actorFor(role))
				checkErr(t, err, ErrForbidden, string(role))
			})
		}
		var outsider Actor
		switch row.roles[0] {
		case RoleOwner:
			outsider = otherOwner
		case RoleFinance:
			outsider = otherFinance
		case RoleExpert:
			outsider = expertC // not assigned
		default:
			continue
		}
		t.Run(row.name+" by "+outsider.UserID, func(t *testing.T) {
			_, _, err := row.run(matrixWorld(t, row, status), outsider)
			checkErr(t, err, ErrForbidden, "")
		})
	}
}

func TestReplayRefusesStreamsThatCannotBeAnApplication(t *testing.T) {
	approved := appHistory(AppApproved)
	var nilEvent *ApplicationSubmitted
	badApproval := appApproved()
	badApproval.ApprovedAmount++
	for _, tc := range []struct {
		name   string
		events []Event
		want   string
	}{
		{"a stream that does not start with the draft", []Event{&ApplicationSubmitted{ApplicationID: appID1, Round: 1}}, "does not start with ApplicationDrafted"},
		{"a second draft", []Event{appDrafted(), appDrafted()}, "already drafted"},
		{"an event of another application", []Event{appDrafted(), &ApplicationSubmitted{ApplicationID: appID2, Round: 1}}, "belongs to funding application " + string(appID2)},
		{"an event of another aggregate", []Event{appDrafted(), reservedFor(1)}, "not a funding application event"},
		{"a nil event", []Event{appDrafted(), nilEvent}, "nil event"},
		{"an approval whose tranches do not add up", with(appReviewed(), badApproval), "tranches total 2500000.00 yuan, approved amount is 2500000.01 yuan"},
		{"a payment of an unknown tranche", with(approved, &TrancheDisbursed{ApplicationID: appID1, TrancheID: tr3, Amount: 1}), "unknown tranche"},
		{"a tranche paid twice", with(approved, tr1Disbursed(), tr1Disbursed()), "is DISBURSED"},
		{"a tranche paid a different amount", with(approved, &TrancheDisbursed{ApplicationID: appID1, TrancheID: tr1, Amount: 1}), "cannot pay 0.01 yuan"},
		{"a recovery beyond the money paid", with(approved, &MoneyRecovered{ApplicationID: appID1, Amount: 1}), "recovering 0.01 yuan of 0.00 yuan"},
		{"a cancellation of the wrong remainder", with(approved, &RemainderCancelled{ApplicationID: appID1, Amount: 1}), "cancelling 0.01 yuan, but 2500000.00 yuan remain"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReplayFundingApplication(tc.events)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("want an error mentioning %q, got %v", tc.want, err)
			}
		})
	}
}

func TestAnEmptyStreamIsAnApplicationNotYetDrafted(t *testing.T) {
	x, err := ReplayFundingApplication(nil)
	if err != nil || x.Exists() || x.Version() != 0 || x.Status() != "" {
		t.Errorf("exists %v, version %d, status %q, error %v", x.Exists(), x.Version(), x.Status(), err)
	}
	f, err := ReplayFund(nil)
	if err != nil || f.Exists() || f.Version() != 0 || f.Status() != "" {
		t.Errorf("fund exists %v, version %d, status %q, error %v", f.Exists(), f.Version(), f.Status(), err)
	}
}

func TestApplicationAccessorsHandOutCopies(t *testing.T) {
	failed := with(appHistory(AppSubmitted), &ApplicationScreeningFailed{ApplicationID: appID1, Round: 1, Reasons: []string{"a"}})
	w := replayWorld(t, appPaid(), fundFor(appPaid()), fundedProject())
	w.app.Tranches()[0].Amount = 1
	w.app.AssignedExperts()[0].UserID = "x"
	w.app.Scores()[0].Score = 1
	w.app.AllScores()[0].Score = 1
	if tr, _ := w.app.Tranche(tr1); tr.Amount != Yuan(1_000_000) {
		t.Errorf("a caller changed a tranche to %s", tr.Amount)
	}
	if !w.app.IsAssigned(expertA.UserID) || w.app.Scores()[0].Score != 86 {
		t.Errorf("a caller changed the experts or scores")
	}
	x, _ := ReplayFundingApplication(failed)
	r, _ := x.Screening()
	r.Reasons[0] = "b"
	x.Screenings()[0].Reasons[0] = "c"
	if r, _ := x.Screening(); r.Reasons[0] != "a" {
		t.Errorf("a caller changed a screening reason to %q", r.Reasons[0])
	}
	if _, ok := w.app.Tranche(tr3); ok {
		t.Error("an unknown tranche was found")
	}
}
