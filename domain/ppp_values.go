package domain

// PPPStage is where a PPP arrangement stands among the Ministry of Finance's five stages
// (财金〔2014〕113号): each stage ends with a gate the finance bureau approves.
type PPPStage string

// The PPP stages, in order, and the two ends.
const (
	PPPIdentification PPPStage = "IDENTIFICATION" // 项目识别: mode, return mechanism, term, investment, obligations
	PPPPreparation    PPPStage = "PREPARATION"    // 项目准备: value for money (物有所值) and fiscal affordability (财政承受能力)
	PPPProcurement    PPPStage = "PROCUREMENT"    // 项目采购: tender, bids, partner, contract, project company
	PPPExecution      PPPStage = "EXECUTION"      // 项目执行: government payments and performance assessments
	PPPTransfer       PPPStage = "TRANSFER"       // 项目移交: assets handed over to the government
	PPPClosed         PPPStage = "CLOSED"         // 结束 (terminal)
	PPPCancelled      PPPStage = "CANCELLED"      // 终止 (terminal)
)

// PPPStages lists every stage in order.
func PPPStages() []PPPStage {
	return []PPPStage{PPPIdentification, PPPPreparation, PPPProcurement, PPPExecution, PPPTransfer, PPPClosed, PPPCancelled}
}

// ParsePPPStage accepts exactly one of the stage names.
func ParsePPPStage(s string) (PPPStage, error) { return parseEnum("stage", s, PPPStages()) }

// IsTerminal reports whether nothing can happen to an arrangement in this stage any more.
func (s PPPStage) IsTerminal() bool { return s == PPPClosed || s == PPPCancelled }

// holdsReservation reports whether an arrangement in this stage has passed the fiscal
// affordability gate, so that the region's ledger holds its obligations.
func (s PPPStage) holdsReservation() bool {
	return s == PPPProcurement || s == PPPExecution || s == PPPTransfer || s == PPPClosed
}

// String returns the stage name.
func (s PPPStage) String() string { return string(s) }

// PPPOperationMode is how the social-capital partner builds, owns, operates and transfers the assets.
type PPPOperationMode string

// The operation modes of the Ministry of Finance's PPP guidance.
const (
	PPPModeBOT PPPOperationMode = "BOT" // 建设-运营-移交
	PPPModeBOO PPPOperationMode = "BOO" // 建设-拥有-运营
	PPPModeTOT PPPOperationMode = "TOT" // 转让-运营-移交
	PPPModeROT PPPOperationMode = "ROT" // 改建-运营-移交
	PPPModeOM  PPPOperationMode = "OM"  // 委托运营 (O&M)
	PPPModeMC  PPPOperationMode = "MC"  // 管理合同
)

// PPPOperationModes lists every operation mode.
func PPPOperationModes() []PPPOperationMode {
	return []PPPOperationMode{PPPModeBOT, PPPModeBOO, PPPModeTOT, PPPModeROT, PPPModeOM, PPPModeMC}
}

// ParsePPPOperationMode accepts exactly one of the operation mode names.
func ParsePPPOperationMode(s string) (PPPOperationMode, error) {
	return parseEnum("operationMode", s, PPPOperationModes())
}

// String returns the mode name.
func (m PPPOperationMode) String() string { return string(m) }

// PPPReturnMechanism is how the partner is paid back.
type PPPReturnMechanism string

// The return mechanisms.
const (
	PPPUserPays       PPPReturnMechanism = "USER_PAYS"       // 使用者付费: no government payments
	PPPGovernmentPays PPPReturnMechanism = "GOVERNMENT_PAYS" // 政府付费
	PPPViabilityGap   PPPReturnMechanism = "VIABILITY_GAP"   // 可行性缺口补助
)

// PPPReturnMechanisms lists every return mechanism.
func PPPReturnMechanisms() []PPPReturnMechanism {
	return []PPPReturnMechanism{PPPUserPays, PPPGovernmentPays, PPPViabilityGap}
}

// ParsePPPReturnMechanism accepts exactly one of the return mechanism names.
func ParsePPPReturnMechanism(s string) (PPPReturnMechanism, error) {
	return parseEnum("returnMechanism", s, PPPReturnMechanisms())
}

// String returns the mechanism name.
func (m PPPReturnMechanism) String() string { return string(m) }

// PPPProcurementMethod is how the social-capital partner is chosen (财库〔2014〕215号).
type PPPProcurementMethod string

// The procurement methods.
const (
	PPPPublicTender            PPPProcurementMethod = "PUBLIC_TENDER"            // 公开招标
	PPPInvitedTender           PPPProcurementMethod = "INVITED_TENDER"           // 邀请招标
	PPPCompetitiveNegotiation  PPPProcurementMethod = "COMPETITIVE_NEGOTIATION"  // 竞争性谈判
	PPPCompetitiveConsultation PPPProcurementMethod = "COMPETITIVE_CONSULTATION" // 竞争性磋商
	PPPSingleSource            PPPProcurementMethod = "SINGLE_SOURCE"            // 单一来源采购
)

// PPPProcurementMethods lists every procurement method.
func PPPProcurementMethods() []PPPProcurementMethod {
	return []PPPProcurementMethod{PPPPublicTender, PPPInvitedTender, PPPCompetitiveNegotiation, PPPCompetitiveConsultation, PPPSingleSource}
}

// ParsePPPProcurementMethod accepts exactly one of the procurement method names.
func ParsePPPProcurementMethod(s string) (PPPProcurementMethod, error) {
	return parseEnum("method", s, PPPProcurementMethods())
}

// String returns the method name.
func (m PPPProcurementMethod) String() string { return string(m) }

// PPPPaymentKind is what a government payment pays for.
type PPPPaymentKind string

// The payment kinds.
const (
	PPPAvailabilityPayment PPPPaymentKind = "AVAILABILITY" // 可用性付费
	PPPUsagePayment        PPPPaymentKind = "USAGE"        // 使用量付费
	PPPPerformancePayment  PPPPaymentKind = "PERFORMANCE"  // 绩效付费
)

// PPPPaymentKinds lists every payment kind.
func PPPPaymentKinds() []PPPPaymentKind {
	return []PPPPaymentKind{PPPAvailabilityPayment, PPPUsagePayment, PPPPerformancePayment}
}

// ParsePPPPaymentKind accepts exactly one of the payment kind names.
func ParsePPPPaymentKind(s string) (PPPPaymentKind, error) {
	return parseEnum("kind", s, PPPPaymentKinds())
}

// String returns the kind name.
func (k PPPPaymentKind) String() string { return string(k) }

// PPPWarningLevel grades a year's PPP obligations against the region's general public budget.
type PPPWarningLevel string

// The warning levels.
const (
	PPPLevelOK       PPPWarningLevel = "OK"       // below 7% of the budget
	PPPLevelWarning  PPPWarningLevel = "WARNING"  // 7% or more: the documents' practice is to warn (预警)
	PPPLevelExceeded PPPWarningLevel = "EXCEEDED" // above the cap of the rule for all arrangements; commands never get here
)

// String returns the level name.
func (l PPPWarningLevel) String() string { return string(l) }

// PPPYearAmount is an amount of money falling in one calendar (fiscal) year.
type PPPYearAmount struct {
	Year   int   `json:"year"`
	Amount Money `json:"amount"`
}

// The numbers of the PPP rules.
const (
	pppMinTermYears       = 10 // the MoF rule: a cooperation term of 10 to 30 years
	pppMaxTermYears       = 30
	pppMaxGovEquityBP     = 4999 // the government may not hold a controlling stake in the project company
	pppVfMPassScore       = 60   // a qualitative VfM score below 60 fails (财金〔2015〕167号)
	pppWarningBP          = 700  // obligations at 7% of the budget or more are flagged
	basisPointsWhole      = 10000
	pppStandardCapBP      = 1000 // 财金〔2015〕21号: at most 10% of the general public budget
	pppStandardRuleBasis  = "财金〔2015〕21号"
	pppStandardRuleFromYr = 2015
)
