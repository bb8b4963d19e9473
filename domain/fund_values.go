package domain

// FundKind is the kind of fund (DOMAIN.md "Money").
type FundKind string

// The fund kinds.
const (
	FundSpecial      FundKind = "SPECIAL_FUND"      // 专项资金: a yearly fiscal pool
	FundConstruction FundKind = "CONSTRUCTION_FUND" // 建设基金: e.g. Xianning's 1 billion yuan fund
	FundGuidance     FundKind = "GUIDANCE_FUND"     // 引导基金: fiscal seed money attracting social capital
)

// FundKinds lists every fund kind.
func FundKinds() []FundKind { return []FundKind{FundSpecial, FundConstruction, FundGuidance} }

// ParseFundKind accepts exactly one of the fund kind names.
func ParseFundKind(s string) (FundKind, error) { return parseEnum("kind", s, FundKinds()) }

// String returns the kind name.
func (k FundKind) String() string { return string(k) }

// SupportMode is how a fund supports a project (the support modes named in the policy documents).
type SupportMode string

// The support modes.
const (
	SupportInvestmentSubsidy   SupportMode = "INVESTMENT_SUBSIDY"    // 投资补助
	SupportCapitalInjection    SupportMode = "CAPITAL_INJECTION"     // 基金注资
	SupportGuaranteeSubsidy    SupportMode = "GUARANTEE_SUBSIDY"     // 担保补贴
	SupportLoanInterestSubsidy SupportMode = "LOAN_INTEREST_SUBSIDY" // 贷款贴息
	SupportPurchaseOfServices  SupportMode = "PURCHASE_OF_SERVICES"  // 购买服务
)

// SupportModes lists every support mode.
func SupportModes() []SupportMode {
	return []SupportMode{
		SupportInvestmentSubsidy, SupportCapitalInjection, SupportGuaranteeSubsidy,
		SupportLoanInterestSubsidy, SupportPurchaseOfServices,
	}
}

// ParseSupportMode accepts exactly one of the support mode names.
func ParseSupportMode(s string) (SupportMode, error) {
	return parseEnum("supportMode", s, SupportModes())
}

// String returns the support mode name.
func (m SupportMode) String() string { return string(m) }

// FundStatus is whether a fund still takes reservations.
type FundStatus string

// The fund statuses.
const (
	FundStatusOpen   FundStatus = "OPEN"   // takes applications and reservations
	FundStatusClosed FundStatus = "CLOSED" // no new applications or reservations; reserved money may still be paid or released
)

// FundStatuses lists every fund status.
func FundStatuses() []FundStatus { return []FundStatus{FundStatusOpen, FundStatusClosed} }

// ParseFundStatus accepts exactly one of the fund status names.
func ParseFundStatus(s string) (FundStatus, error) { return parseEnum("status", s, FundStatuses()) }

// String returns the status name.
func (s FundStatus) String() string { return string(s) }

// The supported fiscal years of a fund.
const (
	minFiscalYear = 2000
	maxFiscalYear = 2099
)
