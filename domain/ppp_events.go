package domain

// Events of a PPP arrangement's stream from identification to procurement; ppp_events_execution.go
// has the rest. Their type names are stored: never rename.

// PPPTerms are the arrangement's terms set at identification and revisable until the
// identification gate passes. Obligations are the government's yearly payment obligations
// (财政支出责任) over the term, in year order, only years with a positive amount.
type PPPTerms struct {
	OperationMode      PPPOperationMode   `json:"operationMode"`
	ReturnMechanism    PPPReturnMechanism `json:"returnMechanism"`
	TermYears          int                `json:"termYears"`          // 10..30
	StartYear          int                `json:"startYear"`          // the first year of the term
	TotalInvestment    Money              `json:"totalInvestment"`    // positive, at most MaxMoney
	GovernmentEquityBP int                `json:"governmentEquityBp"` // 0..4999: never a controlling stake
	Obligations        []PPPYearAmount    `json:"obligations,omitempty"`
}

// PPPArrangementIdentified.v1: the owner or the office identified a project as a PPP arrangement
// (项目识别). The region and the owner organisation are the project's.
type PPPArrangementIdentified struct {
	ArrangementID PPPArrangementID `json:"arrangementId"`
	ProjectID     ProjectID        `json:"projectId"`
	ProjectCode   ProjectCode      `json:"projectCode"`
	OwnerOrg      string           `json:"ownerOrg"`
	Region        RegionCode       `json:"region"`
	Terms         PPPTerms         `json:"terms"`
}

// PPPIdentificationRevised.v1: the terms were replaced before the identification gate.
type PPPIdentificationRevised struct {
	ArrangementID PPPArrangementID `json:"arrangementId"`
	Terms         PPPTerms         `json:"terms"`
}

// PPPIdentificationApproved.v1: the finance bureau passed the identification gate; FinanceOrg
// is the bureau, which approves every later gate of the arrangement.
type PPPIdentificationApproved struct {
	ArrangementID PPPArrangementID `json:"arrangementId"`
	FinanceOrg    string           `json:"financeOrg"`
	ApprovedOn    Date             `json:"approvedOn"`
	Note          string           `json:"note,omitempty"`
}

// PPPValueForMoneyRecorded.v1: a value-for-money assessment (物有所值评价) was recorded: the
// experts' qualitative score and the quantitative comparison of the public sector comparator
// (PSC) with the PPP value (PPPV). Passed is PPPV < PSC and a score of at least 60; the latest
// assessment counts.
type PPPValueForMoneyRecorded struct {
	ArrangementID    PPPArrangementID `json:"arrangementId"`
	QualitativeScore int              `json:"qualitativeScore"`
	PSC              Money            `json:"psc"`
	PPPV             Money            `json:"pppv"`
	Passed           bool             `json:"passed"`
	AssessedOn       Date             `json:"assessedOn"`
}

// PPPPreparationApproved.v1: the finance bureau passed the preparation gate, the fiscal
// affordability check (财政承受能力论证); the region's ledger reserved the obligations in the
// same transaction (PPPObligationsReserved).
type PPPPreparationApproved struct {
	ArrangementID PPPArrangementID `json:"arrangementId"`
	ApprovedOn    Date             `json:"approvedOn"`
	Note          string           `json:"note,omitempty"`
}

// PPPTenderLaunched.v1: the procurement of the social-capital partner was launched.
type PPPTenderLaunched struct {
	ArrangementID PPPArrangementID     `json:"arrangementId"`
	Method        PPPProcurementMethod `json:"method"`
	NoticeNo      string               `json:"noticeNo,omitempty"`
	LaunchedOn    Date                 `json:"launchedOn"`
}

// PPPBidRecorded.v1: a bidder's bid was recorded.
type PPPBidRecorded struct {
	ArrangementID PPPArrangementID `json:"arrangementId"`
	Bidder        string           `json:"bidder"`
	Amount        Money            `json:"amount"`
	BidOn         Date             `json:"bidOn"`
}

// PPPPartnerSelected.v1: one of the bidders was selected as the social-capital partner.
type PPPPartnerSelected struct {
	ArrangementID PPPArrangementID `json:"arrangementId"`
	Partner       string           `json:"partner"`
	SelectedOn    Date             `json:"selectedOn"`
}

// PPPContractSigned.v1: the PPP contract was signed with the partner.
type PPPContractSigned struct {
	ArrangementID PPPArrangementID `json:"arrangementId"`
	ContractNo    string           `json:"contractNo"`
	SignedOn      Date             `json:"signedOn"`
}

// PPPProjectCompanySetUp.v1: the project company (SPV) was set up.
type PPPProjectCompanySetUp struct {
	ArrangementID     PPPArrangementID `json:"arrangementId"`
	Name              string           `json:"name"`
	RegisteredCapital Money            `json:"registeredCapital"`
}

// PPPProcurementApproved.v1: the finance bureau passed the procurement gate; execution begins.
type PPPProcurementApproved struct {
	ArrangementID PPPArrangementID `json:"arrangementId"`
	ApprovedOn    Date             `json:"approvedOn"`
	Note          string           `json:"note,omitempty"`
}

// PPPEvent is an event of a PPP arrangement's stream; ForArrangement names it for routing.
type PPPEvent interface {
	Event
	ForArrangement() PPPArrangementID
}

// EventType is "PPPArrangementIdentified.v1".
func (*PPPArrangementIdentified) EventType() string { return "PPPArrangementIdentified.v1" }

// EventType is "PPPIdentificationRevised.v1".
func (*PPPIdentificationRevised) EventType() string { return "PPPIdentificationRevised.v1" }

// EventType is "PPPIdentificationApproved.v1".
func (*PPPIdentificationApproved) EventType() string { return "PPPIdentificationApproved.v1" }

// EventType is "PPPValueForMoneyRecorded.v1".
func (*PPPValueForMoneyRecorded) EventType() string { return "PPPValueForMoneyRecorded.v1" }

// EventType is "PPPPreparationApproved.v1".
func (*PPPPreparationApproved) EventType() string { return "PPPPreparationApproved.v1" }

// EventType is "PPPTenderLaunched.v1".
func (*PPPTenderLaunched) EventType() string { return "PPPTenderLaunched.v1" }

// EventType is "PPPBidRecorded.v1".
func (*PPPBidRecorded) EventType() string { return "PPPBidRecorded.v1" }

// EventType is "PPPPartnerSelected.v1".
func (*PPPPartnerSelected) EventType() string { return "PPPPartnerSelected.v1" }

// EventType is "PPPContractSigned.v1".
func (*PPPContractSigned) EventType() string { return "PPPContractSigned.v1" }

// EventType is "PPPProjectCompanySetUp.v1".
func (*PPPProjectCompanySetUp) EventType() string { return "PPPProjectCompanySetUp.v1" }

// EventType is "PPPProcurementApproved.v1".
func (*PPPProcurementApproved) EventType() string { return "PPPProcurementApproved.v1" }

// ForArrangement is the id of the arrangement the event belongs to.
func (e *PPPArrangementIdentified) ForArrangement() PPPArrangementID { return e.ArrangementID }

// ForArrangement is the id of the arrangement the event belongs to.
func (e *PPPIdentificationRevised) ForArrangement() PPPArrangementID { return e.ArrangementID }

// ForArrangement is the id of the arrangement the event belongs to.
func (e *PPPIdentificationApproved) ForArrangement() PPPArrangementID { return e.ArrangementID }

// ForArrangement is the id of the arrangement the event belongs to.
func (e *PPPValueForMoneyRecorded) ForArrangement() PPPArrangementID { return e.ArrangementID }

// ForArrangement is the id of the arrangement the event belongs to.
func (e *PPPPreparationApproved) ForArrangement() PPPArrangementID { return e.ArrangementID }

// ForArrangement is the id of the arrangement the event belongs to.
func (e *PPPTenderLaunched) ForArrangement() PPPArrangementID { return e.ArrangementID }

// ForArrangement is the id of the arrangement the event belongs to.
func (e *PPPBidRecorded) ForArrangement() PPPArrangementID { return e.ArrangementID }

// ForArrangement is the id of the arrangement the event belongs to.
func (e *PPPPartnerSelected) ForArrangement() PPPArrangementID { return e.ArrangementID }

// ForArrangement is the id of the arrangement the event belongs to.
func (e *PPPContractSigned) ForArrangement() PPPArrangementID { return e.ArrangementID }

// ForArrangement is the id of the arrangement the event belongs to.
func (e *PPPProjectCompanySetUp) ForArrangement() PPPArrangementID { return e.ArrangementID }

// ForArrangement is the id of the arrangement the event belongs to.
func (e *PPPProcurementApproved) ForArrangement() PPPArrangementID { return e.ArrangementID }

var _ = registerEvents(
	func() Event { return &PPPArrangementIdentified{} },
	func() Event { return &PPPIdentificationRevised{} },
	func() Event { return &PPPIdentificationApproved{} },
	func() Event { return &PPPValueForMoneyRecorded{} },
	func() Event { return &PPPPreparationApproved{} },
	func() Event { return &PPPTenderLaunched{} },
	func() Event { return &PPPBidRecorded{} },
	func() Event { return &PPPPartnerSelected{} },
	func() Event { return &PPPContractSigned{} },
	func() Event { return &PPPProjectCompanySetUp{} },
	func() Event { return &PPPProcurementApproved{} },
)
