package domain

// Events of a fund's stream. The first three are the finance bureau's own; the last four record
// money moving inside the fund because of a funding application, and are stored in the same
// transaction as the application's event that caused them. Their type names are stored: never rename.

// FundEstablished.v1: the finance bureau set up a fund with its pool and allowed support modes.
type FundEstablished struct {
	FundID       FundID        `json:"fundId"`
	Name         string        `json:"name"`
	Kind         FundKind      `json:"kind"`
	FiscalYear   int           `json:"fiscalYear"`
	Pool         Money         `json:"pool"`
	ManagingOrg  string        `json:"managingOrg"`
	SupportModes []SupportMode `json:"supportModes"`
}

// FundToppedUp.v1: the finance bureau added money to the pool; all of it becomes available.
type FundToppedUp struct {
	FundID FundID `json:"fundId"`
	Amount Money  `json:"amount"`
	Note   string `json:"note,omitempty"`
}

// FundClosed.v1: the finance bureau closed the fund to new reservations.
type FundClosed struct {
	FundID FundID `json:"fundId"`
	Reason string `json:"reason"`
}

// FundMoneyReserved.v1: an approved application reserved money: available → reserved.
type FundMoneyReserved struct {
	FundID        FundID        `json:"fundId"`
	ApplicationID ApplicationID `json:"applicationId"`
	Amount        Money         `json:"amount"`
	ReservedOn    Date          `json:"reservedOn"`
}

// FundMoneyDisbursed.v1: a tranche of an application was paid (拨付): reserved → disbursed.
type FundMoneyDisbursed struct {
	FundID        FundID        `json:"fundId"`
	ApplicationID ApplicationID `json:"applicationId"`
	TrancheID     TrancheID     `json:"trancheId"`
	Amount        Money         `json:"amount"`
	DisbursedOn   Date          `json:"disbursedOn"`
}

// FundMoneyRecovered.v1: money paid to an application was recovered (收回): disbursed → available.
type FundMoneyRecovered struct {
	FundID        FundID        `json:"fundId"`
	ApplicationID ApplicationID `json:"applicationId"`
	Amount        Money         `json:"amount"`
	Reason        string        `json:"reason"`
	RecoveredOn   Date          `json:"recoveredOn"`
}

// FundReservationReleased.v1: the unpaid remainder of an application's reservation was released:
// reserved → available.
type FundReservationReleased struct {
	FundID        FundID        `json:"fundId"`
	ApplicationID ApplicationID `json:"applicationId"`
	Amount        Money         `json:"amount"`
	Reason        string        `json:"reason"`
	ReleasedOn    Date          `json:"releasedOn"`
}

// FundEvent is an event of a fund's stream; ForFund names the fund for routing.
type FundEvent interface {
	Event
	ForFund() FundID
}

// EventType is "FundEstablished.v1".
func (*FundEstablished) EventType() string { return "FundEstablished.v1" }

// EventType is "FundToppedUp.v1".
func (*FundToppedUp) EventType() string { return "FundToppedUp.v1" }

// EventType is "FundClosed.v1".
func (*FundClosed) EventType() string { return "FundClosed.v1" }

// EventType is "FundMoneyReserved.v1".
func (*FundMoneyReserved) EventType() string { return "FundMoneyReserved.v1" }

// EventType is "FundMoneyDisbursed.v1".
func (*FundMoneyDisbursed) EventType() string { return "FundMoneyDisbursed.v1" }

// EventType is "FundMoneyRecovered.v1".
func (*FundMoneyRecovered) EventType() string { return "FundMoneyRecovered.v1" }

// EventType is "FundReservationReleased.v1".
func (*FundReservationReleased) EventType() string { return "FundReservationReleased.v1" }

// ForFund is the id of the fund the event belongs to.
func (e *FundEstablished) ForFund() FundID { return e.FundID }

// ForFund is the id of the fund the event belongs to.
func (e *FundToppedUp) ForFund() FundID { return e.FundID }

// ForFund is the id of the fund the event belongs to.
func (e *FundClosed) ForFund() FundID { return e.FundID }

// ForFund is the id of the fund the event belongs to.
func (e *FundMoneyReserved) ForFund() FundID { return e.FundID }

// ForFund is the id of the fund the event belongs to.
func (e *FundMoneyDisbursed) ForFund() FundID { return e.FundID }

// ForFund is the id of the fund the event belongs to.
func (e *FundMoneyRecovered) ForFund() FundID { return e.FundID }

// ForFund is the id of the fund the event belongs to.
func (e *FundReservationReleased) ForFund() FundID { return e.FundID }

var _ = registerEvents(
	func() Event { return &FundEstablished{} },
	func() Event { return &FundToppedUp{} },
	func() Event { return &FundClosed{} },
	func() Event { return &FundMoneyReserved{} },
	func() Event { return &FundMoneyDisbursed{} },
	func() Event { return &FundMoneyRecovered{} },
	func() Event { return &FundReservationReleased{} },
)
