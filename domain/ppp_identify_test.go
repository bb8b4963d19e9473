package domain

import (
	"strings"
	"testing"
)

func identifyWhen(a Actor, f func(*IdentifyPPP)) pppWhen {
	c := IdentifyPPP{ID: arrID1, Terms: pppTerms()}
	if f != nil {
		f(&c)
	}
	return func(w pppWorld) ([]Event, []Event, error) {
		events, err := w.arr.Identify(a, w.project, c)
		return events, nil, err
	}
}

// termsCases are the validation cases of the terms, shared by Identify and ReviseIdentification.
func termsCases(when func(f func(*PPPTerms)) pppWhen, given []Event) []pppCase {
	obl := func(ys ...PPPYearAmount) func(*PPPTerms) { return func(t *PPPTerms) { t.Obligations = ys } }
	bad := func(name string, f func(*PPPTerms), msg string) pppCase {
		return pppCase{name: name, arr: given, when: when(f), wantErr: ErrInvalid, wantMsg: msg}
	}
	return []pppCase{
		bad("an unknown operation mode is refused", func(t *PPPTerms) { t.OperationMode = "BT" }, `"BT" is not one of BOT, BOO, TOT, ROT, OM, MC`),
		bad("an unknown return mechanism is refused", func(t *PPPTerms) { t.ReturnMechanism = "TOLLS" }, "returnMechanism"),
		bad("a term under 10 years is refused", func(t *PPPTerms) { t.TermYears = 9 }, "termYears: 9 is outside 10..30"),
		bad("a term over 30 years is refused", func(t *PPPTerms) { t.TermYears = 31; t.Obligations = nil }, "termYears: 31 is outside 10..30"),
		bad("a start year before 2000 is refused", func(t *PPPTerms) { t.StartYear = 1999 }, "startYear"),
		bad("a term running past 2099 is refused", func(t *PPPTerms) { t.StartYear = 2095; t.Obligations = nil }, "ends in 2109"),
		bad("a total investment of zero is refused", func(t *PPPTerms) { t.TotalInvestment = 0 }, "totalInvestment"),
		bad("a total investment beyond the maximum is refused", func(t *PPPTerms) { t.TotalInvestment = MaxMoney + 1 }, "exceeds the maximum"),
		bad("a negative government share is refused", func(t *PPPTerms) { t.GovernmentEquityBP = -1 }, "governmentEquityBp: -1 is negative"),
		bad("a government share of 50% would be a controlling stake", func(t *PPPTerms) { t.GovernmentEquityBP = 5000 },
			"50.00% would give the government a controlling stake: at most 49.99%"),
		bad("an obligation before the term is refused", obl(PPPYearAmount{2016, 1}), "year 2016 is outside the term 2017–2031"),
		bad("an obligation after the term is refused", obl(PPPYearAmount{2032, 1}), "year 2032 is outside the term 2017–2031"),
		bad("a year listed twice is refused", obl(PPPYearAmount{2018, 1}, PPPYearAmount{2018, 2}), "year 2018 is listed twice"),
		bad("a negative obligation is refused", obl(PPPYearAmount{2018, -100}), "the 2018 amount is negative: -1.00 yuan"),
		bad("an obligation beyond the maximum is refused", obl(PPPYearAmount{2018, MaxMoney + 1}), "exceeds the maximum"),
		bad("USER_PAYS may have no government payments",
			func(t *PPPTerms) { t.ReturnMechanism = PPPUserPays }, "a USER_PAYS arrangement has no government payments, but 2017 has"),
		bad("GOVERNMENT_PAYS needs some government payments",
			func(t *PPPTerms) { t.ReturnMechanism = PPPGovernmentPays; t.Obligations = []PPPYearAmount{{2018, 0}} },
			"a GOVERNMENT_PAYS arrangement needs a government payment in at least one year"),
	}
}

func TestIdentifyPPP(t *testing.T) {
	identify := func(f func(*PPPTerms)) pppWhen {
		return identifyWhen(pppOwner, func(c *IdentifyPPP) {
			if f != nil {
				f(&c.Terms)
			}
		})
	}
	cases := []pppCase{
		{
			name: "the project's owner identifies its project as a PPP in the project's region", when: identifyWhen(pppOwner, nil),
			thenArr: []Event{pppIdentified()},
			check: func(t *testing.T, w pppWorld) {
				x := w.arr
				if x.ID() != arrID1 || x.ProjectID() != pid || x.ProjectCode() != haCode || x.OwnerOrg() != pppOwner.OrgID ||
					x.Region() != haRegion || x.Stage() != PPPIdentification || x.Version() != 1 || x.FinanceOrg() != "" {
					t.Errorf("arrangement not set up: %+v", x)
				}
				if x.OperationMode() != PPPModeBOT || x.ReturnMechanism() != PPPViabilityGap || x.TermYears() != 15 ||
					x.StartYear() != 2017 || x.EndYear() != 2031 || x.TotalInvestment() != Yuan(1_500_000_000) || x.GovernmentEquityBP() != 2000 {
					t.Errorf("terms %+v", x.Terms())
				}
				if x.Obligation(2018) != Yuan(120_000_000) || x.Obligation(2020) != 0 || x.TotalObligations() != Yuan(300_000_000) ||
					x.HoldsReservation() {
					t.Errorf("obligations %v, holds a reservation: %v", x.Obligations(), x.HoldsReservation())
				}
				x.Obligations()[0].Amount = 1
				x.Terms().Obligations[0].Amount = 1
				if x.Obligation(2017) != Yuan(60_000_000) {
					t.Errorf("a caller changed the obligations through an accessor")
				}
			},
		},
		{name: "the office identifies a project", when: identifyWhen(office, nil), thenArr: []Event{pppIdentified()}},
		{
			name: "obligations are stored in year order without zero years",
			when: identify(func(t *PPPTerms) {
				t.Obligations = []PPPYearAmount{{2019, Yuan(120_000_000)}, {2020, 0}, {2017, Yuan(60_000_000)}, {2018, Yuan(120_000_000)}}
			}),
			thenArr: []Event{pppIdentified()},
		},
		{
			name: "USER_PAYS with all years zero has no obligations",
			when: identify(func(t *PPPTerms) {
				t.ReturnMechanism, t.Obligations = PPPUserPays, []PPPYearAmount{{2018, 0}, {2019, 0}}
			}),
			thenArr: []Event{func() Event {
				e := pppIdentified()
				e.Terms.ReturnMechanism, e.Terms.Obligations = PPPUserPays, nil
				return e
			}()},
		},
		{
			name: "a government share of 49.99% and a term of 30 years are the limits",
			when: identify(func(t *PPPTerms) { t.GovernmentEquityBP, t.TermYears = 4999, 30 }),
			thenArr: []Event{func() Event {
				e := pppIdentified()
				e.Terms.GovernmentEquityBP, e.Terms.TermYears = 4999, 30
				return e
			}()},
		},
		{
			name: "an approved project of another organisation's owner is refused", when: identifyWhen(owner, nil),
			wantErr: ErrForbidden, wantMsg: "project HA-2016-001 belongs to organisation org-ha-bigdata",
		},
		{name: "finance does not identify", when: identifyWhen(pppFinance, nil), wantErr: ErrForbidden, wantMsg: "requires role [owner office]"},
		{name: "leadership does not identify", when: identifyWhen(leadership, nil), wantErr: ErrForbidden},
		{name: "an arrangement is identified once", arr: pppHistory(PPPIdentification), when: identifyWhen(pppOwner, nil), wantErr: ErrState, wantMsg: "already identified"},
		{name: "the id must be a UUID", when: identifyWhen(pppOwner, func(c *IdentifyPPP) { c.ID = "ppp-1" }), wantErr: ErrInvalid, wantMsg: "not a UUID"},
		{
			name: "the id must be canonical", when: identifyWhen(pppOwner, func(c *IdentifyPPP) { c.ID = PPPArrangementID(strings.ToUpper(string(arrID1))) }),
			wantErr: ErrInvalid, wantMsg: "canonical",
		},
		{
			name: "a project that was never proposed is refused", proj: []Event{},
			when: identifyWhen(pppOwner, nil), wantErr: ErrNotFound, wantMsg: "project",
		},
		{
			name: "a rejected project is refused", proj: pppProject(StatusRejected),
			when: identifyWhen(pppOwner, nil), wantErr: ErrState, wantMsg: "project HA-2016-001 is REJECTED",
		},
		{
			name: "a cancelled project is refused", proj: pppProject(StatusCancelled),
			when: identifyWhen(office, nil), wantErr: ErrState, wantMsg: "is CANCELLED",
		},
		{name: "a proposed project may be identified", proj: pppProject(StatusProposed), when: identifyWhen(pppOwner, nil), thenArr: []Event{pppIdentified()}},
		{name: "a project in operation may be identified", proj: pppProject(StatusInOperation), when: identifyWhen(pppOwner, nil), thenArr: []Event{pppIdentified()}},
	}
	runPPPCases(t, append(cases, termsCases(identify, nil)...))

	t.Run("a nil project is refused", func(t *testing.T) {
		_, err := (&PPPArrangement{}).Identify(pppOwner, nil, IdentifyPPP{ID: arrID1, Terms: pppTerms()})
		checkErr(t, err, ErrNotFound, "project")
	})
}

func TestReviseIdentification(t *testing.T) {
	revise := func(a Actor, f func(*PPPTerms)) pppWhen {
		terms := pppTerms()
		terms.Obligations = []PPPYearAmount{{2017, Yuan(50_000_000)}, {2018, Yuan(100_000_000)}}
		if f != nil {
			f(&terms)
		}
		return onArr((*PPPArrangement).ReviseIdentification, a, RevisePPPIdentification{Terms: terms})
	}
	revised := &PPPIdentificationRevised{ArrangementID: arrID1, Terms: func() PPPTerms {
		t := pppTerms()
		t.Obligations = []PPPYearAmount{{2017, Yuan(50_000_000)}, {2018, Yuan(100_000_000)}}
		return t
	}()}
	identified := pppHistory(PPPIdentification)
	cases := []pppCase{
		{
			name: "the owner revises the terms before the gate", arr: identified, when: revise(pppOwner, nil), thenArr: []Event{revised},
			check: func(t *testing.T, w pppWorld) {
				if w.arr.TotalObligations() != Yuan(150_000_000) || w.arr.Obligation(2019) != 0 {
					t.Errorf("obligations %v", w.arr.Obligations())
				}
			},
		},
		{name: "the office revises the terms", arr: identified, when: revise(office, nil), thenArr: []Event{revised}},
		{name: "a revision may follow a revision", arr: with(identified, revised), when: revise(pppOwner, func(t *PPPTerms) { t.TermYears = 20 }),
			thenArr: []Event{&PPPIdentificationRevised{ArrangementID: arrID1, Terms: func() PPPTerms { t := revised.Terms; t.TermYears = 20; return t }()}}},
		{
			name: "a revision that changes nothing is refused", arr: identified,
			when: revise(pppOwner, func(t *PPPTerms) { *t = pppTerms() }), wantErr: ErrInvalid, wantMsg: "changes nothing",
		},
		{name: "another organisation's owner may not revise", arr: identified, when: revise(owner, nil), wantErr: ErrForbidden, wantMsg: "org-ha-bigdata"},
		{name: "finance does not revise", arr: identified, when: revise(pppFinance, nil), wantErr: ErrForbidden},
		{name: "an arrangement never identified cannot be revised", when: revise(pppOwner, nil), wantErr: ErrNotFound, wantMsg: "never identified"},
		{
			name: "the terms are fixed once the identification gate has passed", arr: pppHistory(PPPPreparation),
			when: revise(pppOwner, nil), wantErr: ErrState,
			wantMsg: "cannot revise the PPP identification: PPP arrangement of project HA-2016-001 is in stage PREPARATION (allowed only when IDENTIFICATION)",
		},
		{name: "a cancelled arrangement cannot be revised", arr: pppHistory(PPPCancelled), when: revise(office, nil), wantErr: ErrState, wantMsg: "CANCELLED"},
	}
	runPPPCases(t, append(cases, termsCases(func(f func(*PPPTerms)) pppWhen { return revise(pppOwner, f) }, identified)...))
}

func TestApproveIdentification(t *testing.T) {
	approve := func(a Actor, on string) pppWhen {
		return onArr((*PPPArrangement).ApproveIdentification, a,
			ApprovePPPIdentification{ApprovedOn: MustDate(on), Note: " 同意开展准备 ", Today: pppToday})
	}
	identified := pppHistory(PPPIdentification)
	runPPPCases(t, []pppCase{
		{
			name: "a finance bureau passes the gate and approves the arrangement from now on", arr: identified,
			when:    approve(pppFinance, "2016-03-15"),
			thenArr: []Event{&PPPIdentificationApproved{ArrangementID: arrID1, FinanceOrg: pppFinance.OrgID, ApprovedOn: pppIdentifiedOn, Note: "同意开展准备"}},
			check: func(t *testing.T, w pppWorld) {
				g, ok := w.arr.Gate(PPPIdentification)
				if w.arr.Stage() != PPPPreparation || w.arr.FinanceOrg() != pppFinance.OrgID || !ok || g.ApprovedOn != pppIdentifiedOn ||
					w.arr.StageSince() != pppIdentifiedOn || len(w.arr.Gates()) != 1 {
					t.Errorf("stage %s since %s, finance %s, gates %+v", w.arr.Stage(), w.arr.StageSince(), w.arr.FinanceOrg(), w.arr.Gates())
				}
				if _, ok := w.arr.Gate(PPPPreparation); ok {
					t.Errorf("the preparation gate has not passed")
				}
			},
		},
		{name: "the owner may not pass a gate", arr: identified, when: approve(pppOwner, "2016-03-15"), wantErr: ErrForbidden, wantMsg: "requires role [finance]"},
		{name: "the office may not pass a gate", arr: identified, when: approve(office, "2016-03-15"), wantErr: ErrForbidden},
		{
			name: "a finance actor without an organisation may not pass a gate", arr: identified,
			when: approve(Actor{UserID: "u", Role: RoleFinance}, "2016-03-15"), wantErr: ErrForbidden, wantMsg: "no organisation",
		},
		{name: "an arrangement never identified has no gate", when: approve(pppFinance, "2016-03-15"), wantErr: ErrNotFound},
		{
			name: "the gate passes once", arr: pppHistory(PPPPreparation), when: approve(pppFinance, "2016-03-15"),
			wantErr: ErrState, wantMsg: "is in stage PREPARATION (allowed only when IDENTIFICATION)",
		},
		{name: "the approval date may not be after today", arr: identified, when: approve(pppFinance, "2032-07-01"), wantErr: ErrInvalid, wantMsg: "after today"},
	})
}
