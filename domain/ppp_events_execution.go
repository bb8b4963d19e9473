package domain

// Events of a PPP arrangement's stream in execution and transfer, and its two ends. Their type
// names are stored: never rename.

// PPPPaymentScheduled.v1: a government payment was scheduled for a year of the term.
type PPPPaymentScheduled struct {
	ArrangementID PPPArrangementID `json:"arrangementId"`
	PaymentID     PPPPaymentID     `json:"paymentId"`
	Year          int              `json:"year"`
	Kind          PPPPaymentKind   `json:"kind"`
	Amount        Money            `json:"amount"`
	DueOn         Date             `json:"dueOn"`
}

// PPPPaymentRecorded.v1: (part of) a scheduled payment was paid.
type PPPPaymentRecorded struct {
	ArrangementID PPPArrangementID `json:"arrangementId"`
	PaymentID     PPPPaymentID     `json:"paymentId"`
	Amount        Money            `json:"amount"`
	PaidOn        Date             `json:"paidOn"`
}

// PPPPerformanceAssessed.v1: a year's performance was assessed (绩效考核); DeductionBP is taken
// off every payment of that year.
type PPPPerformanceAssessed struct {
	ArrangementID PPPArrangementID `json:"arrangementId"`
	Year          int              `json:"year"`
	Score         int              `json:"score"`
	DeductionBP   int              `json:"deductionBp"`
	AssessedOn    Date             `json:"assessedOn"`
}

// PPPTransferStarted.v1: the finance bureau passed the execution gate; the transfer begins.
type PPPTransferStarted struct {
	ArrangementID PPPArrangementID `json:"arrangementId"`
	ApprovedOn    Date             `json:"approvedOn"`
	Note          string           `json:"note,omitempty"`
}

// PPPAssetsHandedOver.v1: the project company handed the assets over to the government.
type PPPAssetsHandedOver struct {
	ArrangementID PPPArrangementID `json:"arrangementId"`
	HandedOverOn  Date             `json:"handedOverOn"`
	Description   string           `json:"description"`
}

// PPPArrangementClosed.v1: the finance bureau closed the arrangement after the handover; terminal.
// The ledger keeps its obligations: they were the region's spending.
type PPPArrangementClosed struct {
	ArrangementID PPPArrangementID `json:"arrangementId"`
	ClosedOn      Date             `json:"closedOn"`
	Note          string           `json:"note,omitempty"`
}

// PPPArrangementCancelled.v1: the arrangement was cancelled; terminal. When it had passed the
// preparation gate, the ledger released its reservation in the same transaction
// (PPPReservationReleased).
type PPPArrangementCancelled struct {
	ArrangementID PPPArrangementID `json:"arrangementId"`
	PreviousStage PPPStage         `json:"previousStage"`
	Reason        string           `json:"reason"`
	CancelledOn   Date             `json:"cancelledOn"`
}

// EventType is "PPPPaymentScheduled.v1".
func (*PPPPaymentScheduled) EventType() string { return "PPPPaymentScheduled.v1" }

// EventType is "PPPPaymentRecorded.v1".
func (*PPPPaymentRecorded) EventType() string { return "PPPPaymentRecorded.v1" }

// EventType is "PPPPerformanceAssessed.v1".
func (*PPPPerformanceAssessed) EventType() string { return "PPPPerformanceAssessed.v1" }

// EventType is "PPPTransferStarted.v1".
func (*PPPTransferStarted) EventType() string { return "PPPTransferStarted.v1" }

// EventType is "PPPAssetsHandedOver.v1".
func (*PPPAssetsHandedOver) EventType() string { return "PPPAssetsHandedOver.v1" }

// EventType is "PPPArrangementClosed.v1".
func (*PPPArrangementClosed) EventType() string { return "PPPArrangementClosed.v1" }

// EventType is "PPPArrangementCancelled.v1".
func (*PPPArrangementCancelled) EventType() string { return "PPPArrangementCancelled.v1" }

// ForArrangement is the id of the arrangement the event belongs to.
func (e *PPPPaymentScheduled) ForArrangement() PPPArrangementID { return e.ArrangementID }

// ForArrangement is the id of the arrangement the event belongs to.
func (e *PPPPaymentRecorded) ForArrangement() PPPArrangementID { return e.ArrangementID }

// ForArrangement is the id of the arrangement the event belongs to.
func (e *PPPPerformanceAssessed) ForArrangement() PPPArrangementID { return e.ArrangementID }

// ForArrangement is the id of the arrangement the event belongs to.
func (e *PPPTransferStarted) ForArrangement() PPPArrangementID { return e.ArrangementID }

// ForArrangement is the id of the arrangement the event belongs to.
func (e *PPPAssetsHandedOver) ForArrangement() PPPArrangementID { return e.ArrangementID }

// ForArrangement is the id of the arrangement the event belongs to.
func (e *PPPArrangementClosed) ForArrangement() PPPArrangementID { return e.ArrangementID }

// ForArrangement is the id of the arrangement the event belongs to.
func (e *PPPArrangementCancelled) ForArrangement() PPPArrangementID { return e.ArrangementID }

var _ = registerEvents(
	func() Event { return &PPPPaymentScheduled{} },
	func() Event { return &PPPPaymentRecorded{} },
	func() Event { return &PPPPerformanceAssessed{} },
	func() Event { return &PPPTransferStarted{} },
	func() Event { return &PPPAssetsHandedOver{} },
	func() Event { return &PPPArrangementClosed{} },
	func() Event { return &PPPArrangementCancelled{} },
)
