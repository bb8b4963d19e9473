package domain

import (
	"fmt"
	"strings"
)

// RecordPPPValueForMoney records a value-for-money assessment (物有所值评价): the experts'
// qualitative score and the quantitative comparison of the PSC with the PPP value.
type RecordPPPValueForMoney struct {
	QualitativeScore int   // 0..100; 60 or more passes
	PSC              Money // public sector comparator
	PPPV             Money // PPP value; must be below the PSC to pass
	AssessedOn       Date
	Today            Date
}

// ApprovePPPPreparation passes the preparation gate, the fiscal affordability check.
type ApprovePPPPreparation struct {
	ApprovedOn Date
	Note       string // optional, e.g. the affordability report's number
	Today      Date
}

// RecordValueForMoney lets the owner or the office record an assessment while PREPARATION. An
// assessment that fails is recorded too: the latest one is the one that counts, so a failed
// assessment may be redone.
func (x *PPPArrangement) RecordValueForMoney(a Actor, c RecordPPPValueForMoney) ([]Event, error) {
	const action = "record a value-for-money assessment"
	if err := x.act(a, action, PPPPreparation, RoleOwner, RoleOffice); err != nil {
		return nil, err
	}
	if err := checkRange("qualitativeScore", c.QualitativeScore, 0, maxScore); err != nil {
		return nil, err
	}
	if err := checkAmount("psc", c.PSC); err != nil {
		return nil, err
	}
	if err := checkAmount("pppv", c.PPPV); err != nil {
		return nil, err
	}
	if err := x.checkStepDate("assessedOn", c.AssessedOn, c.Today); err != nil {
		return nil, err
	}
	return x.record(&PPPValueForMoneyRecorded{
		ArrangementID: x.id, QualitativeScore: c.QualitativeScore, PSC: c.PSC, PPPV: c.PPPV,
		Passed: c.PPPV < c.PSC && c.QualitativeScore >= pppVfMPassScore, AssessedOn: c.AssessedOn,
	})
}

// ApprovePreparation lets the arrangement's finance bureau, which must also keep the region's
// ledger, pass the preparation gate of an arrangement whose latest value-for-money assessment
// passed. It is the fiscal affordability gate (财政承受能力论证): for every year with an
// obligation, the region's general public budget of the year must be recorded, and the
// obligations already reserved for the year plus this arrangement's may not exceed the cap of the
// rule in force for the arrangement's mechanism (a *PPPAffordabilityError names the figures).
// Then the ledger reserves the obligations (PPPPreparationApproved + PPPObligationsReserved; an
// arrangement without obligations reserves nothing and ledgerEvents is empty).
func ApprovePreparation(a Actor, arr *PPPArrangement, ledger *PPPLedger, c ApprovePPPPreparation) (arrEvents, ledgerEvents []Event, err error) {
	const action = "approve the PPP preparation"
	if arr == nil {
		return nil, nil, &NotFoundError{Entity: "PPP arrangement", ID: "(not given)"}
	}
	if err := arr.act(a, action, PPPPreparation, RoleFinance); err != nil {
		return nil, nil, err
	}
	vfm, err := arr.requirePassedVfM(action)
	if err != nil {
		return nil, nil, err
	}
	if err := arr.requireLedger(ledger); err != nil {
		return nil, nil, err
	}
	if err := ledger.requireKeeper(a, action); err != nil {
		return nil, nil, err
	}
	if err := arr.checkStepDate("approvedOn", c.ApprovedOn, c.Today); err != nil {
		return nil, nil, err
	}
	if err := checkNotBefore("approvedOn", c.ApprovedOn, vfm.AssessedOn, "value-for-money assessment on"); err != nil {
		return nil, nil, err
	}
	note, err := optionalText("note", c.Note, maxTextLen)
	if err != nil {
		return nil, nil, err
	}
	approved := &PPPPreparationApproved{ArrangementID: arr.id, ApprovedOn: c.ApprovedOn, Note: note}
	if len(arr.terms.Obligations) == 0 {
		return commitPPP(arr, ledger, approved, nil)
	}
	return commitPPP(arr, ledger, approved, &PPPObligationsReserved{
		Region: arr.region, ArrangementID: arr.id, ReturnMechanism: arr.terms.ReturnMechanism,
		Obligations: arr.Obligations(), ReservedOn: c.ApprovedOn,
	})
}

// requirePassedVfM returns the latest value-for-money assessment, refusing the action when there
// is none or it did not pass, saying why.
func (x *PPPArrangement) requirePassedVfM(action string) (PPPValueForMoney, error) {
	v, ok := x.ValueForMoney()
	if !ok {
		return v, &StateError{Entity: x.entity(), Action: action, State: "without a value-for-money assessment"}
	}
	if v.Passed {
		return v, nil
	}
	var why []string
	if v.PPPV >= v.PSC {
		why = append(why, fmt.Sprintf("the PPP value of %s yuan is not below the PSC of %s yuan", v.PPPV, v.PSC))
	}
	if v.QualitativeScore < pppVfMPassScore {
		why = append(why, fmt.Sprintf("the qualitative score of %d is below %d", v.QualitativeScore, pppVfMPassScore))
	}
	return v, &StateError{Entity: x.entity(), Action: action,
		State: fmt.Sprintf("failing value for money in the assessment of %s: %s", v.AssessedOn, strings.Join(why, " and "))}
}

// requireLedger refuses a ledger that is missing or is not the one of the arrangement's region.
func (x *PPPArrangement) requireLedger(l *PPPLedger) error {
	if l == nil || !l.Exists() {
		return &NotFoundError{Entity: "PPP ledger of region", ID: string(x.region)}
	}
	if l.Region() != x.region {
		return invalid("ledger", "the %s is in region %s, not %s", x.entity(), x.region, l.Region())
	}
	return nil
}
