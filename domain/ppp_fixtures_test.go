package domain

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
)

// The PPP tests follow 智慧淮安: Huai'an identified its smart-city project as a PPP and chose
// 中兴通讯股份有限公司 by public tender as the social-capital partner and operator.
const (
	haRegion    RegionCode       = "320800"
	haCode      ProjectCode      = "HA-2016-001"
	arrID1      PPPArrangementID = "0190f1a2-0000-7000-8000-000000000101"
	arrID2      PPPArrangementID = "0190f1a2-0000-7000-8000-000000000102"
	pay1        PPPPaymentID     = "0190f1a2-0000-7000-8000-000000000201"
	pay2        PPPPaymentID     = "0190f1a2-0000-7000-8000-000000000202"
	zte                          = "中兴通讯股份有限公司"
	otherBidder                  = "示例信息技术有限公司"
)

// Who acts in the PPP tests, besides office, leadership, expertA (the project fixtures), owner
// (another organisation here) and finance (another bureau here).
var (
	pppOwner   = Actor{UserID: "u-ha-owner", Role: RoleOwner, OrgID: "org-ha-bigdata"}
	pppFinance = Actor{UserID: "u-ha-finance", Role: RoleFinance, OrgID: "org-ha-finance"}
)

// The arrangement's calendar.
var (
	pppIdentifiedOn = MustDate("2016-03-15")
	pppVfMOn        = MustDate("2016-04-20")
	pppPreparedOn   = MustDate("2016-05-10")
	pppLaunchedOn   = MustDate("2016-05-20")
	pppBidOn        = MustDate("2016-06-20")
	pppSelectedOn   = MustDate("2016-07-01")
	pppSignedOn     = MustDate("2016-07-15")
	pppProcuredOn   = MustDate("2016-08-01")
	pppTransferOn   = MustDate("2031-12-31")
	pppHandedOn     = MustDate("2032-01-15")
	pppClosedOn     = MustDate("2032-03-01")
	pppToday        = MustDate("2032-06-30")
)

// haBudget is Huai'an's general public budget in every year of the tests: 40 billion yuan, so
// that the standard 10% cap is 4 billion.
var haBudget = Yuan(40_000_000_000)

// pppProject is the Huai'an project in a status, owned by pppOwner's organisation.
func pppProject(status ProjectStatus) []Event {
	h := history(status)
	p := *h[0].(*ProjectProposed)
	p.Code, p.OwnerOrg, p.Name, p.Region = haCode, pppOwner.OrgID, "智慧淮安", haRegion
	h[0] = &p
	return h
}

func pppTerms() PPPTerms {
	return PPPTerms{
		OperationMode: PPPModeBOT, ReturnMechanism: PPPViabilityGap, TermYears: 15, StartYear: 2017,
		TotalInvestment: Yuan(1_500_000_000), GovernmentEquityBP: 2000,
		Obligations: []PPPYearAmount{{2017, Yuan(60_000_000)}, {2018, Yuan(120_000_000)}, {2019, Yuan(120_000_000)}},
	}
}

func pppIdentified() *PPPArrangementIdentified {
	return &PPPArrangementIdentified{
		ArrangementID: arrID1, ProjectID: pid, ProjectCode: haCode, OwnerOrg: pppOwner.OrgID, Region: haRegion, Terms: pppTerms(),
	}
}

func pppVfM(score int, psc, pppv Money) *PPPValueForMoneyRecorded {
	return &PPPValueForMoneyRecorded{ArrangementID: arrID1, QualitativeScore: score, PSC: psc, PPPV: pppv,
		Passed: pppv < psc && score >= 60, AssessedOn: pppVfMOn}
}

func pppScheduled(id PPPPaymentID, year int, amount Money) *PPPPaymentScheduled {
	return &PPPPaymentScheduled{ArrangementID: arrID1, PaymentID: id, Year: year, Kind: PPPAvailabilityPayment, Amount: amount,
		DueOn: MustDate(fmt.Sprintf("%d-12-31", year))}
}

// pppHistory is an arrangement stream that leaves the arrangement in stage: PREPARATION without a
// value-for-money assessment, PROCUREMENT with nothing procured yet, EXECUTION without payments,
// TRANSFER before the handover. CANCELLED was cancelled in PROCUREMENT.
func pppHistory(stage PPPStage) []Event {
	switch stage {
	case PPPIdentification:
		return []Event{pppIdentified()}
	case PPPPreparation:
		return with(pppHistory(PPPIdentification),
			&PPPIdentificationApproved{ArrangementID: arrID1, FinanceOrg: pppFinance.OrgID, ApprovedOn: pppIdentifiedOn, Note: "同意开展准备"})
	case PPPProcurement:
		return with(pppAssessed(), &PPPPreparationApproved{ArrangementID: arrID1, ApprovedOn: pppPreparedOn, Note: "财政承受能力论证通过"})
	case PPPExecution:
		return with(pppProcured(), &PPPProcurementApproved{ArrangementID: arrID1, ApprovedOn: pppProcuredOn})
	case PPPTransfer:
		return with(pppHistory(PPPExecution), &PPPTransferStarted{ArrangementID: arrID1, ApprovedOn: pppTransferOn})
	case PPPClosed:
		return with(pppHistory(PPPTransfer), &PPPAssetsHandedOver{ArrangementID: arrID1, HandedOverOn: pppHandedOn, Description: "平台与机房整体移交"},
			&PPPArrangementClosed{ArrangementID: arrID1, ClosedOn: pppClosedOn})
	case PPPCancelled:
		return with(pppHistory(PPPProcurement),
			&PPPArrangementCancelled{ArrangementID: arrID1, PreviousStage: PPPProcurement, Reason: "项目调整", CancelledOn: pppBidOn})
	}
	panic("no arrangement history for " + stage)
}

// pppAssessed is PREPARATION with a passed value-for-money assessment.
func pppAssessed() []Event {
	return with(pppHistory(PPPPreparation), pppVfM(82, Yuan(1_650_000_000), Yuan(1_520_000_000)))
}

// pppProcured is PROCUREMENT with every step done: ZTE chosen by public tender.
func pppProcured() []Event {
	return with(pppHistory(PPPProcurement),
		&PPPTenderLaunched{ArrangementID: arrID1, Method: PPPPublicTender, NoticeNo: "HAZC2016-G088", LaunchedOn: pppLaunchedOn},
		&PPPBidRecorded{ArrangementID: arrID1, Bidder: zte, Amount: Yuan(1_480_000_000), BidOn: pppBidOn},
		&PPPBidRecorded{ArrangementID: arrID1, Bidder: otherBidder, Amount: Yuan(1_510_000_000), BidOn: pppBidOn},
		&PPPPartnerSelected{ArrangementID: arrID1, Partner: zte, SelectedOn: pppSelectedOn},
		&PPPContractSigned{ArrangementID: arrID1, ContractNo: "HA-PPP-2016-001", SignedOn: pppSignedOn},
		&PPPProjectCompanySetUp{ArrangementID: arrID1, Name: "智慧淮安项目公司", RegisteredCapital: Yuan(300_000_000)},
	)
}

func pppLedgerOpened() *PPPLedgerOpened {
	return &PPPLedgerOpened{Region: haRegion, FinanceOrg: pppFinance.OrgID}
}

func standardRuleSet() *PPPAffordabilityRuleSet {
	return &PPPAffordabilityRuleSet{Region: haRegion, CapBP: 1000, ValidFrom: MustDate("2015-01-01"), Basis: "财金〔2015〕21号"}
}

func budgetRecorded(year int, amount Money) *PPPBudgetRecorded {
	return &PPPBudgetRecorded{Region: haRegion, Year: year, Budget: amount}
}

// pppLedger is Huai'an's ledger: opened, the standard rule, a budget for 2016 to 2020, then extra.
func pppLedger(extra ...Event) []Event {
	out := []Event{pppLedgerOpened(), standardRuleSet()}
	for y := 2016; y <= 2020; y++ {
		out = append(out, budgetRecorded(y, haBudget))
	}
	return append(out, extra...)
}

// pppLedgerFor is pppLedger (with extra) followed by the ledger's side of an arrangement stream.
func pppLedgerFor(arr []Event, extra ...Event) []Event {
	out := pppLedger(extra...)
	var terms PPPTerms
	for _, e := range arr {
		switch e := e.(type) {
		case *PPPArrangementIdentified:
			terms = e.Terms
		case *PPPIdentificationRevised:
			terms = e.Terms
		case *PPPPreparationApproved:
			if len(terms.Obligations) > 0 {
				out = append(out, &PPPObligationsReserved{Region: haRegion, ArrangementID: e.ArrangementID,
					ReturnMechanism: terms.ReturnMechanism, Obligations: terms.Obligations, ReservedOn: e.ApprovedOn})
			}
		case *PPPArrangementCancelled:
			if e.PreviousStage.holdsReservation() && len(terms.Obligations) > 0 {
				out = append(out, &PPPReservationReleased{Region: haRegion, ArrangementID: e.ArrangementID,
					Obligations: terms.Obligations, Reason: e.Reason, ReleasedOn: e.CancelledOn})
			}
		}
	}
	return out
}

// reservedBy is a reservation of another arrangement in the ledger.
func reservedBy(id PPPArrangementID, m PPPReturnMechanism, ys ...PPPYearAmount) *PPPObligationsReserved {
	return &PPPObligationsReserved{Region: haRegion, ArrangementID: id, ReturnMechanism: m, Obligations: ys, ReservedOn: MustDate("2016-01-10")}
}

// pppWorld is what a PPP command sees: the arrangement, its region's ledger and its project.
type pppWorld struct {
	arr     *PPPArrangement
	ledger  *PPPLedger
	project *Project
}

type pppWhen func(w pppWorld) (arrEvents, ledgerEvents []Event, err error)

// pppCase is one given-streams / when-command / then-events-or-error case over the arrangement
// and ledger streams (the project is pppProject(StatusApproved) unless given).
type pppCase struct {
	name                string
	arr, ledger, proj   []Event
	when                pppWhen
	thenArr, thenLedger []Event
	wantErr             error
	wantMsg             string
	check               func(*testing.T, pppWorld)
}

func runPPPCases(t *testing.T, cases []pppCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.proj == nil {
				tc.proj = pppProject(StatusApproved)
			}
			w := replayPPPWorld(t, tc.arr, tc.ledger, tc.proj)
			gotArr, gotLedger, err := tc.when(w)
			if tc.wantErr != nil {
				checkPPPErr(t, err, tc.wantErr, tc.wantMsg)
				if gotArr != nil || gotLedger != nil {
					t.Errorf("a refused command returned events %s %s", dump(gotArr), dump(gotLedger))
				}
				if unchanged := replayPPPWorld(t, tc.arr, tc.ledger, tc.proj); !reflect.DeepEqual(w, unchanged) {
					t.Errorf("a refused command changed the arrangement or the ledger")
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if !reflect.DeepEqual(gotArr, tc.thenArr) {
				t.Errorf("arrangement events differ\n got: %s\nwant: %s", dump(gotArr), dump(tc.thenArr))
			}
			if !reflect.DeepEqual(gotLedger, tc.thenLedger) {
				t.Errorf("ledger events differ\n got: %s\nwant: %s", dump(gotLedger), dump(tc.thenLedger))
			}
			if want := replayPPPWorld(t, with(tc.arr, tc.thenArr...), with(tc.ledger, tc.thenLedger...), tc.proj); !reflect.DeepEqual(w, want) {
				t.Errorf("the command left the aggregates unlike a replay of given + then events")
			}
			checkLedgerMatchesArrangement(t, w.ledger, w.arr)
			if tc.check != nil {
				tc.check(t, w)
			}
		})
	}
}

func replayPPPWorld(t *testing.T, arr, ledger, project []Event) pppWorld {
	t.Helper()
	x, err := ReplayPPPArrangement(arr)
	if err != nil {
		t.Fatalf("replay given arrangement events: %v", err)
	}
	l, err := ReplayPPPLedger(ledger)
	if err != nil {
		t.Fatalf("replay given ledger events: %v", err)
	}
	return pppWorld{arr: x, ledger: l, project: mustReplay(t, project)}
}

// onArr turns an arrangement command method into the "when" of a case.
func onArr[C any](method func(*PPPArrangement, Actor, C) ([]Event, error), a Actor, c C) pppWhen {
	return func(w pppWorld) ([]Event, []Event, error) {
		events, err := method(w.arr, a, c)
		return events, nil, err
	}
}

// onLedger turns a ledger command method into the "when" of a case.
func onLedger[C any](method func(*PPPLedger, Actor, C) ([]Event, error), a Actor, c C) pppWhen {
	return func(w pppWorld) ([]Event, []Event, error) {
		events, err := method(w.ledger, a, c)
		return nil, events, err
	}
}

// checkPPPErr is checkErr that also accepts the typed affordability error for ErrState.
func checkPPPErr(t *testing.T, err, want error, msg string) {
	t.Helper()
	if ae := (*PPPAffordabilityError)(nil); errors.As(err, &ae) && want == ErrState {
		if !errors.Is(err, ErrState) {
			t.Fatalf("affordability error %v does not wrap ErrState", err)
		}
		checkErr(t, &StateError{Entity: "x", Action: "y", State: err.Error()}, want, msg)
		return
	}
	checkErr(t, err, want, msg)
}

// checkLedgerMatchesArrangement asserts that the ledger holds the arrangement's obligations exactly
// when the arrangement says it does.
func checkLedgerMatchesArrangement(t *testing.T, l *PPPLedger, x *PPPArrangement) {
	t.Helper()
	if !l.Exists() || !x.Exists() || l.Region() != x.Region() {
		return
	}
	r, ok := l.Reservation(x.ID())
	holds := ok && !r.Released
	if holds != x.HoldsReservation() {
		t.Fatalf("arrangement in %s says it holds a reservation: %v; the ledger: %+v", x.Stage(), x.HoldsReservation(), r)
	}
	if holds && !reflect.DeepEqual(r.Obligations, x.Obligations()) {
		t.Fatalf("ledger reserves %v, the arrangement's obligations are %v", r.Obligations, x.Obligations())
	}
}

func pppEventSamples() []Event {
	d := MustDate("2017-07-15")
	terms := PPPTerms{OperationMode: PPPModeROT, ReturnMechanism: PPPGovernmentPays, TermYears: 12, StartYear: 2018,
		TotalInvestment: 123456789, GovernmentEquityBP: 4999, Obligations: []PPPYearAmount{{2018, 1}, {2029, 2}}}
	return []Event{
		&PPPArrangementIdentified{ArrangementID: arrID1, ProjectID: pid, ProjectCode: "HA-1", OwnerOrg: "o", Region: "320800", Terms: terms},
		&PPPIdentificationRevised{ArrangementID: arrID1, Terms: terms},
		&PPPIdentificationApproved{ArrangementID: arrID1, FinanceOrg: "f", ApprovedOn: d, Note: "n"},
		&PPPValueForMoneyRecorded{ArrangementID: arrID1, QualitativeScore: 61, PSC: 10, PPPV: 9, Passed: true, AssessedOn: d},
		&PPPPreparationApproved{ArrangementID: arrID1, ApprovedOn: d, Note: "n"},
		&PPPTenderLaunched{ArrangementID: arrID1, Method: PPPCompetitiveConsultation, NoticeNo: "no", LaunchedOn: d},
		&PPPBidRecorded{ArrangementID: arrID1, Bidder: "b", Amount: 8, BidOn: d},
		&PPPPartnerSelected{ArrangementID: arrID1, Partner: "b", SelectedOn: d},
		&PPPContractSigned{ArrangementID: arrID1, ContractNo: "c", SignedOn: d},
		&PPPProjectCompanySetUp{ArrangementID: arrID1, Name: "n", RegisteredCapital: 7},
		&PPPProcurementApproved{ArrangementID: arrID1, ApprovedOn: d, Note: "n"},
		&PPPPaymentScheduled{ArrangementID: arrID1, PaymentID: pay1, Year: 2019, Kind: PPPUsagePayment, Amount: 6, DueOn: d},
		&PPPPaymentRecorded{ArrangementID: arrID1, PaymentID: pay1, Amount: 5, PaidOn: d},
		&PPPPerformanceAssessed{ArrangementID: arrID1, Year: 2019, Score: 55, DeductionBP: 1500, AssessedOn: d},
		&PPPTransferStarted{ArrangementID: arrID1, ApprovedOn: d, Note: "n"},
		&PPPAssetsHandedOver{ArrangementID: arrID1, HandedOverOn: d, Description: "d"},
		&PPPArrangementClosed{ArrangementID: arrID1, ClosedOn: d, Note: "n"},
		&PPPArrangementCancelled{ArrangementID: arrID1, PreviousStage: PPPExecution, Reason: "r", CancelledOn: d},
	}
}

func pppLedgerEventSamples() []Event {
	d := MustDate("2017-07-15")
	ys := []PPPYearAmount{{2018, 1}, {2019, 2}}
	return []Event{
		&PPPLedgerOpened{Region: "320800", FinanceOrg: "f"},
		&PPPBudgetRecorded{Region: "320800", Year: 2019, Budget: 99, Reason: "r"},
		&PPPAffordabilityRuleSet{Region: "320800", CapBP: 500, ValidFrom: d, ReturnMechanism: PPPGovernmentPays, Basis: "b"},
		&PPPObligationsReserved{Region: "320800", ArrangementID: arrID1, ReturnMechanism: PPPViabilityGap, Obligations: ys, ReservedOn: d},
		&PPPReservationReleased{Region: "320800", ArrangementID: arrID1, Obligations: ys, Reason: "r", ReleasedOn: d},
	}
}

// withTerms is an arrangement stream whose identification carries changed terms.
func withTerms(events []Event, f func(*PPPTerms)) []Event {
	out := slices.Clone(events)
	e := *out[0].(*PPPArrangementIdentified)
	e.Terms = e.Terms.clone()
	f(&e.Terms)
	out[0] = &e
	return out
}
