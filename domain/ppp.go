package domain

import "slices"

// PPPArrangement is a project's public-private partnership (政府和社会资本合作) through the
// Ministry of Finance's five stages: identification, preparation, procurement, execution and
// transfer. The project's owner organisation or the smart-city office prepares each stage; the
// finance bureau approves each gate. One event stream per arrangement. See PPPStage.
//
// The state machine (who acts in brackets):
//
//	(none)         --Identify [owner, office]----------------------> IDENTIFICATION
//	IDENTIFICATION --ReviseIdentification [owner, office]----------> IDENTIFICATION
//	IDENTIFICATION --ApproveIdentification [finance]---------------> PREPARATION
//	PREPARATION    --RecordValueForMoney [owner, office]-----------> PREPARATION
//	PREPARATION    --ApprovePreparation [finance]------------------> PROCUREMENT  (VfM passed; ledger reserves)
//	PROCUREMENT    --LaunchTender, RecordBid, SelectPartner,
//	                 SignContract, SetUpProjectCompany [owner, office]> PROCUREMENT
//	PROCUREMENT    --ApproveProcurement [finance]------------------> EXECUTION    (all of the above done)
//	EXECUTION      --SchedulePayment, RecordPayment [finance]------> EXECUTION
//	EXECUTION      --RecordPerformanceAssessment [owner, office]---> EXECUTION
//	EXECUTION      --ApproveTransferStart [finance]----------------> TRANSFER
//	TRANSFER       --HandOverAssets [owner, office]----------------> TRANSFER
//	TRANSFER       --Close [finance]-------------------------------> CLOSED       (assets handed over; terminal)
//	any live stage --CancelPPPArrangement [office, finance]--------> CANCELLED    (ledger releases after preparation; terminal)
//
// It is loaded with ReplayPPPArrangement and changed only through its command methods and the
// cross-aggregate functions ApprovePreparation and CancelPPPArrangement; fields are read through
// accessors.
type PPPArrangement struct {
	id          PPPArrangementID
	projectID   ProjectID
	projectCode ProjectCode
	ownerOrg    string
	region      RegionCode
	terms       PPPTerms
	financeOrg  string

	stage      PPPStage
	stageSince Date // the day the current stage's gate opened it; zero in identification
	gates      []PPPGate

	vfm         []PPPValueForMoney
	tender      *PPPTender
	bids        []PPPBid
	partner     string
	selectedOn  Date
	contract    *PPPContract
	company     *PPPProjectCompany
	payments    []PPPPayment
	assessments []PPPAssessment
	handover    *PPPHandover

	cancelledFrom PPPStage
	cancelReason  string
	cancelledOn   Date

	version int
}

// ID is the arrangement's id.
func (x *PPPArrangement) ID() PPPArrangementID { return x.id }

// Exists reports whether the arrangement has been identified (its stream is not empty).
func (x *PPPArrangement) Exists() bool { return x.version > 0 }

// Version is the number of events applied, i.e. the stream version to expect when appending.
func (x *PPPArrangement) Version() int { return x.version }

// ProjectID is the project the arrangement delivers.
func (x *PPPArrangement) ProjectID() ProjectID { return x.projectID }

// ProjectCode is the project's code, for messages and lists.
func (x *PPPArrangement) ProjectCode() ProjectCode { return x.projectCode }

// OwnerOrg is the project's owner organisation, which prepares the arrangement with the office.
func (x *PPPArrangement) OwnerOrg() string { return x.ownerOrg }

// Region is the project's region, whose ledger carries the arrangement's obligations.
func (x *PPPArrangement) Region() RegionCode { return x.region }

// FinanceOrg is the finance bureau that passed the identification gate and approves the later
// ones; empty before.
func (x *PPPArrangement) FinanceOrg() string { return x.financeOrg }

// Stage is where the arrangement stands.
func (x *PPPArrangement) Stage() PPPStage { return x.stage }

// StageSince is the day the current stage's gate opened it; zero during identification.
func (x *PPPArrangement) StageSince() Date { return x.stageSince }

// Terms are the identified terms.
func (x *PPPArrangement) Terms() PPPTerms { return x.terms.clone() }

// OperationMode is the identified operation mode.
func (x *PPPArrangement) OperationMode() PPPOperationMode { return x.terms.OperationMode }

// ReturnMechanism is the identified return mechanism.
func (x *PPPArrangement) ReturnMechanism() PPPReturnMechanism { return x.terms.ReturnMechanism }

// TermYears is the cooperation term in years.
func (x *PPPArrangement) TermYears() int { return x.terms.TermYears }

// StartYear is the first year of the term.
func (x *PPPArrangement) StartYear() int { return x.terms.StartYear }

// EndYear is the last year of the term.
func (x *PPPArrangement) EndYear() int { return x.terms.endYear() }

// TotalInvestment is the identified total investment.
func (x *PPPArrangement) TotalInvestment() Money { return x.terms.TotalInvestment }

// GovernmentEquityBP is the government's share of the project company, in basis points (< 5000).
func (x *PPPArrangement) GovernmentEquityBP() int { return x.terms.GovernmentEquityBP }

// Obligations lists the government's yearly payment obligations, in year order.
func (x *PPPArrangement) Obligations() []PPPYearAmount { return slices.Clone(x.terms.Obligations) }

// Obligation is the government's payment obligation in a year; 0 outside the term or without one.
func (x *PPPArrangement) Obligation(year int) Money { return x.terms.obligation(year) }

// TotalObligations is the sum of the yearly obligations over the term.
func (x *PPPArrangement) TotalObligations() Money {
	var sum Money
	for _, y := range x.terms.Obligations {
		sum += y.Amount
	}
	return sum
}

// HoldsReservation reports whether the region's ledger holds the arrangement's obligations: it
// passed the preparation gate with obligations and was not cancelled.
func (x *PPPArrangement) HoldsReservation() bool {
	return x.stage.holdsReservation() && len(x.terms.Obligations) > 0
}

// Gates lists the passed gates in order.
func (x *PPPArrangement) Gates() []PPPGate { return slices.Clone(x.gates) }

// Gate is the passed gate that closed a stage; ok is false when it has not passed.
func (x *PPPArrangement) Gate(stage PPPStage) (PPPGate, bool) {
	i := slices.IndexFunc(x.gates, func(g PPPGate) bool { return g.Stage == stage })
	if i < 0 {
		return PPPGate{}, false
	}
	return x.gates[i], true
}

// ValueForMoney is the latest value-for-money assessment, the one that counts; ok is false before one.
func (x *PPPArrangement) ValueForMoney() (PPPValueForMoney, bool) {
	if n := len(x.vfm); n > 0 {
		return x.vfm[n-1], true
	}
	return PPPValueForMoney{}, false
}

// ValueForMoneyAssessments lists every value-for-money assessment in recording order.
func (x *PPPArrangement) ValueForMoneyAssessments() []PPPValueForMoney { return slices.Clone(x.vfm) }

// entity names the arrangement in messages.
func (x *PPPArrangement) entity() string {
	if x.projectCode == "" {
		return "PPP arrangement " + string(x.id)
	}
	return "PPP arrangement of project " + string(x.projectCode)
}

// endYear is the last year of the term.
func (t PPPTerms) endYear() int { return t.StartYear + t.TermYears - 1 }

// obligation is the obligation of a year; 0 without one.
func (t PPPTerms) obligation(year int) Money {
	for _, y := range t.Obligations {
		if y.Year == year {
			return y.Amount
		}
	}
	return 0
}

// clone copies the terms so that a caller cannot change the aggregate's obligations.
func (t PPPTerms) clone() PPPTerms {
	t.Obligations = slices.Clone(t.Obligations)
	return t
}
