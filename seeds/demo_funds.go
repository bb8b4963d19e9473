package seeds

import "github.com/smartcity/portfolio/domain"

// The demo's funds, each set up by the finance bureau that manages it and screened together with
// the smart-city office of its programme (扎口管理: 申报、评审、确定、使用、分配、管理):
//
//   - 智慧咸宁建设基金: the 1 billion yuan construction fund of 咸政发〔2016〕6号, fiscal money as its
//     seed fund (种子基金) attracting social capital, supporting projects “通过投资补助、基金注资、
//     担保补贴、贷款贴息等多种方式”. Name, amount and support modes are the decision's.
//   - “智慧徐州”发展专项资金: the special fund of the Smart Xuzhou opinions, “由市智慧办会同市财政局扎口管理”,
//     which promote purchase of services (购买服务) and fiscal seed money. The yearly pool of 2026
//     and its top-up are the seed's plausible choices.
//   - 省工业和信息化专项引导资金 (智慧江苏): the provincial special fund from which, by the province's
//     2018 reply, “在年度工业和信息化专项引导资金中对重点信息化项目给予相应政策资金支持”; 苏政发〔2014〕
//     103号 asks to 整合统筹安排相关信息化专项资金. The 2025 pool is the seed's choice.
//   - 成都市信息化建设专项资金: the fund 成府发〔2012〕31号 sets up “促进缩小数字鸿沟、推进两化融合”,
//     alongside venture capital and IP-pledge financing; the 2026 pool is the seed's choice.
//   - “智慧淮安”建设专项资金 (2016年度): the city's fiscal money for the government side of the
//     Huai'an PPP (政府出资代表持股); the documents give no figure, so name and pool are the seed's.
//     It is closed: its year is settled.
func loadFunds(l *loader) {
	l.establishFund("JS-FUND-2025", financeJiangsu, officeJiangsu, fundPlan{
		Name: "2025年度省工业和信息化专项引导资金(智慧江苏重点示范工程)",
		Kind: domain.FundSpecial, FiscalYear: 2025, Pool: wan(30000),
		Modes: []domain.SupportMode{domain.SupportInvestmentSubsidy, domain.SupportLoanInterestSubsidy, domain.SupportPurchaseOfServices},
	})

	xz := l.establishFund("XZ-FUND-2026", financeXuzhou, officeXuzhou, fundPlan{
		Name: "“智慧徐州”发展专项资金(2026年度)",
		Kind: domain.FundSpecial, FiscalYear: 2026, Pool: wan(5000),
		Modes: []domain.SupportMode{domain.SupportInvestmentSubsidy, domain.SupportPurchaseOfServices, domain.SupportLoanInterestSubsidy},
	})
	xz.topUp(wan(2000), "2026年市级预算调整方案经市人大常委会批准,追加“智慧徐州”发展专项资金2000万元(徐财预〔2026〕58号),"+
		"重点支持智能交通、农村电商等阶段性成果突出的重点工程。")

	l.establishFund("HA-FUND-2016", financeHuaian, officeHuaian, fundPlan{
		Name: "“智慧淮安”建设专项资金(2016年度)",
		Kind: domain.FundSpecial, FiscalYear: 2016, Pool: wan(10000),
		Modes: []domain.SupportMode{domain.SupportCapitalInjection, domain.SupportInvestmentSubsidy, domain.SupportPurchaseOfServices},
	})

	l.establishFund("XN-FUND-2016", financeXianning, officeXianning, fundPlan{
		Name: "智慧咸宁建设基金",
		Kind: domain.FundConstruction, FiscalYear: 2016, Pool: wan(100000), // 10亿元 (咸政发〔2016〕6号)
		Modes: []domain.SupportMode{
			domain.SupportInvestmentSubsidy, domain.SupportCapitalInjection,
			domain.SupportGuaranteeSubsidy, domain.SupportLoanInterestSubsidy,
		},
	})

	l.establishFund("CD-FUND-2026", financeChengdu, officeChengdu, fundPlan{
		Name: "成都市信息化建设专项资金(2026年度)",
		Kind: domain.FundSpecial, FiscalYear: 2026, Pool: wan(12000),
		Modes: []domain.SupportMode{
			domain.SupportInvestmentSubsidy, domain.SupportLoanInterestSubsidy,
			domain.SupportGuaranteeSubsidy, domain.SupportPurchaseOfServices,
		},
	})
}
