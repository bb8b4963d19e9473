package domain

// Events of a region's fiscal affordability ledger (财政承受能力). The first three are the finance
// bureau's own; the last two are stored in the same transaction as the arrangement's gate
// approval or cancellation that caused them. Their type names are stored: never rename.

// PPPLedgerOpened.v1: a finance bureau opened the region's ledger and keeps it from now on.
type PPPLedgerOpened struct {
	Region     RegionCode `json:"region"`
	FinanceOrg string     `json:"financeOrg"`
}

// PPPBudgetRecorded.v1: the region's general public budget (一般公共预算支出) of a year was
// recorded; a later record of the same year replaces it, and then carries the reason.
type PPPBudgetRecorded struct {
	Region RegionCode `json:"region"`
	Year   int        `json:"year"`
	Budget Money      `json:"budget"`
	Reason string     `json:"reason,omitempty"`
}

// PPPAffordabilityRuleSet.v1: a cap on the yearly PPP obligations as a share of the general
// public budget, in force for the years from ValidFrom on until a later rule of the same scope.
// An empty ReturnMechanism applies to all arrangements; otherwise the rule applies only to
// arrangements of that mechanism, on top of the rule for all. A rule of the same scope and
// ValidFrom as an earlier one replaces it.
type PPPAffordabilityRuleSet struct {
	Region          RegionCode         `json:"region"`
	CapBP           int                `json:"capBp"`
	ValidFrom       Date               `json:"validFrom"`
	ReturnMechanism PPPReturnMechanism `json:"returnMechanism,omitempty"`
	Basis           string             `json:"basis,omitempty"` // the document, e.g. 财金〔2015〕21号
}

// PPPObligationsReserved.v1: an arrangement passed the fiscal affordability gate and the ledger
// reserved its yearly obligations.
type PPPObligationsReserved struct {
	Region          RegionCode         `json:"region"`
	ArrangementID   PPPArrangementID   `json:"arrangementId"`
	ReturnMechanism PPPReturnMechanism `json:"returnMechanism"`
	Obligations     []PPPYearAmount    `json:"obligations"`
	ReservedOn      Date               `json:"reservedOn"`
}

// PPPReservationReleased.v1: a cancelled arrangement's reservation was released; Obligations are
// the amounts released, the whole reservation.
type PPPReservationReleased struct {
	Region        RegionCode       `json:"region"`
	ArrangementID PPPArrangementID `json:"arrangementId"`
	Obligations   []PPPYearAmount  `json:"obligations"`
	Reason        string           `json:"reason"`
	ReleasedOn    Date             `json:"releasedOn"`
}

// PPPLedgerEvent is an event of a region's ledger stream; ForRegion names the region for routing.
type PPPLedgerEvent interface {
	Event
	ForRegion() RegionCode
}

// EventType is "PPPLedgerOpened.v1".
func (*PPPLedgerOpened) EventType() string { return "PPPLedgerOpened.v1" }

// EventType is "PPPBudgetRecorded.v1".
func (*PPPBudgetRecorded) EventType() string { return "PPPBudgetRecorded.v1" }

// EventType is "PPPAffordabilityRuleSet.v1".
func (*PPPAffordabilityRuleSet) EventType() string { return "PPPAffordabilityRuleSet.v1" }

// EventType is "PPPObligationsReserved.v1".
func (*PPPObligationsReserved) EventType() string { return "PPPObligationsReserved.v1" }

// EventType is "PPPReservationReleased.v1".
func (*PPPReservationReleased) EventType() string { return "PPPReservationReleased.v1" }

// ForRegion is the region whose ledger the event belongs to.
func (e *PPPLedgerOpened) ForRegion() RegionCode { return e.Region }

// ForRegion is the region whose ledger the event belongs to.
func (e *PPPBudgetRecorded) ForRegion() RegionCode { return e.Region }

// ForRegion is the region whose ledger the event belongs to.
func (e *PPPAffordabilityRuleSet) ForRegion() RegionCode { return e.Region }

// ForRegion is the region whose ledger the event belongs to.
func (e *PPPObligationsReserved) ForRegion() RegionCode { return e.Region }

// ForRegion is the region whose ledger the event belongs to.
func (e *PPPReservationReleased) ForRegion() RegionCode { return e.Region }

var _ = registerEvents(
	func() Event { return &PPPLedgerOpened{} },
	func() Event { return &PPPBudgetRecorded{} },
	func() Event { return &PPPAffordabilityRuleSet{} },
	func() Event { return &PPPObligationsReserved{} },
	func() Event { return &PPPReservationReleased{} },
)
