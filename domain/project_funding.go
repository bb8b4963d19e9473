package domain

import "fmt"

// FundingSource is one of the sources a project's planned investment is raised from.
type FundingSource string

// The funding sources of a project's plan.
const (
	SourceFiscalSpecialFund FundingSource = "FISCAL_SPECIAL_FUND" // 财政专项资金
	SourceConstructionFund  FundingSource = "CONSTRUCTION_FUND"   // 建设基金
	SourcePPPSocialCapital  FundingSource = "PPP_SOCIAL_CAPITAL"  // PPP 社会资本
	SourceSelfRaised        FundingSource = "SELF_RAISED"         // 自筹
	SourceBankLoan          FundingSource = "BANK_LOAN"           // 银行贷款
)

// FundingSources lists every funding source in the order of FundingPlan's fields.
func FundingSources() []FundingSource {
	return []FundingSource{
		SourceFiscalSpecialFund, SourceConstructionFund, SourcePPPSocialCapital, SourceSelfRaised, SourceBankLoan,
	}
}

// ParseFundingSource accepts exactly one of the funding source names.
func ParseFundingSource(s string) (FundingSource, error) {
	return parseEnum("fundingSource", s, FundingSources())
}

// FundingPlan splits a project's planned total investment by source. The sources must add up
// exactly to the planned total investment.
type FundingPlan struct {
	FiscalSpecialFund Money `json:"fiscalSpecialFund"`
	ConstructionFund  Money `json:"constructionFund"`
	PPPSocialCapital  Money `json:"pppSocialCapital"`
	SelfRaised        Money `json:"selfRaised"`
	BankLoan          Money `json:"bankLoan"`
}

// Amount is the money planned from one source (0 for an unknown source).
func (f FundingPlan) Amount(src FundingSource) Money {
	switch src {
	case SourceFiscalSpecialFund:
		return f.FiscalSpecialFund
	case SourceConstructionFund:
		return f.ConstructionFund
	case SourcePPPSocialCapital:
		return f.PPPSocialCapital
	case SourceSelfRaised:
		return f.SelfRaised
	case SourceBankLoan:
		return f.BankLoan
	}
	return 0
}

// Total is the sum of all sources. Each source is at most MaxMoney, so the sum cannot overflow.
func (f FundingPlan) Total() Money {
	var t Money
	for _, s := range FundingSources() {
		t += f.Amount(s)
	}
	return t
}

// check refuses a negative or oversized source and a plan that does not add up to total.
func (f FundingPlan) check(total Money) error {
	for _, s := range FundingSources() {
		switch a := f.Amount(s); {
		case a < 0:
			return invalid("funding", "%s is %s yuan, must not be negative", s, a)
		case a > MaxMoney:
			return invalid("funding", "%s is %s yuan, above the maximum of %s", s, a, MaxMoney)
		}
	}
	if t := f.Total(); t != total {
		return invalid("funding", "sources total %s yuan (%s), but the planned investment is %s yuan", t, f, total)
	}
	return nil
}

// String lists the sources with their amounts, for messages.
func (f FundingPlan) String() string {
	return fmt.Sprintf("fiscal special fund %s + construction fund %s + PPP social capital %s + self-raised %s + bank loan %s",
		f.FiscalSpecialFund, f.ConstructionFund, f.PPPSocialCapital, f.SelfRaised, f.BankLoan)
}
