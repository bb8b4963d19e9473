package domain

// HandOverPPPAssets records the handover of the assets to the government.
type HandOverPPPAssets struct {
	HandedOverOn Date
	Description  string // what was handed over
	Today        Date
}

// ClosePPPArrangement closes the arrangement after the handover.
type ClosePPPArrangement struct {
	ClosedOn Date
	Note     string // optional
	Today    Date
}

// CancelPPPArrangementCmd cancels the arrangement.
type CancelPPPArrangementCmd struct {
	Reason      string
	CancelledOn Date
	Today       Date
}

// HandOverAssets lets the owner or the office record the handover while TRANSFER, once.
func (x *PPPArrangement) HandOverAssets(a Actor, c HandOverPPPAssets) ([]Event, error) {
	const action = "hand over the PPP assets"
	if err := x.act(a, action, PPPTransfer, RoleOwner, RoleOffice); err != nil {
		return nil, err
	}
	if x.handover != nil {
		return nil, &StateError{Entity: x.entity(), Action: action, State: "with the assets handed over already on " + x.handover.HandedOverOn.String()}
	}
	desc, err := requireText("description", c.Description, maxTextLen)
	if err != nil {
		return nil, err
	}
	if err := x.checkStepDate("handedOverOn", c.HandedOverOn, c.Today); err != nil {
		return nil, err
	}
	return x.record(&PPPAssetsHandedOver{ArrangementID: x.id, HandedOverOn: c.HandedOverOn, Description: desc})
}

// Close lets the arrangement's finance bureau pass the transfer gate once the assets are handed
// over; the arrangement is CLOSED. The ledger keeps its obligations: they were the region's spending.
func (x *PPPArrangement) Close(a Actor, c ClosePPPArrangement) ([]Event, error) {
	const action = "close the PPP arrangement"
	if err := x.act(a, action, PPPTransfer, RoleFinance); err != nil {
		return nil, err
	}
	if x.handover == nil {
		return nil, &StateError{Entity: x.entity(), Action: action, State: "without the assets handed over"}
	}
	if err := checkPastDate("closedOn", c.ClosedOn, c.Today); err != nil {
		return nil, err
	}
	if err := checkNotBefore("closedOn", c.ClosedOn, x.handover.HandedOverOn, "handover on"); err != nil {
		return nil, err
	}
	note, err := optionalText("note", c.Note, maxTextLen)
	if err != nil {
		return nil, err
	}
	return x.record(&PPPArrangementClosed{ArrangementID: x.id, ClosedOn: c.ClosedOn, Note: note})
}

// CancelPPPArrangement lets the office or the arrangement's finance bureau cancel an arrangement
// in any stage before CLOSED, with a reason. After the preparation gate the region's ledger holds
// the arrangement's obligations, and releases all of them (PPPArrangementCancelled +
// PPPReservationReleased); before it, or without obligations, there is nothing to release, the
// ledger may be nil and ledgerEvents is empty.
func CancelPPPArrangement(a Actor, arr *PPPArrangement, ledger *PPPLedger, c CancelPPPArrangementCmd) (arrEvents, ledgerEvents []Event, err error) {
	const action = "cancel the PPP arrangement"
	if arr == nil {
		return nil, nil, &NotFoundError{Entity: "PPP arrangement", ID: "(not given)"}
	}
	if err := arr.authorize(a, action, RoleOffice, RoleFinance); err != nil {
		return nil, nil, err
	}
	if err := arr.requireStage(action, livePPPStages...); err != nil {
		return nil, nil, err
	}
	reason, err := requireText("reason", c.Reason, maxTextLen)
	if err != nil {
		return nil, nil, err
	}
	if err := arr.checkStepDate("cancelledOn", c.CancelledOn, c.Today); err != nil {
		return nil, nil, err
	}
	cancelled := &PPPArrangementCancelled{ArrangementID: arr.id, PreviousStage: arr.stage, Reason: reason, CancelledOn: c.CancelledOn}
	if !arr.HoldsReservation() {
		return commitPPP(arr, nil, cancelled, nil)
	}
	if err := arr.requireLedger(ledger); err != nil {
		return nil, nil, err
	}
	return commitPPP(arr, ledger, cancelled, &PPPReservationReleased{
		Region: arr.region, ArrangementID: arr.id, Obligations: arr.Obligations(), Reason: reason, ReleasedOn: c.CancelledOn,
	})
}
