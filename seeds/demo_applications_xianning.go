package seeds

import "github.com/smartcity/portfolio/domain"

// Applications to the 1 billion yuan 智慧咸宁建设基金, decided by 咸宁市财政局: the e-commerce
// platform's capital injection withdrawn and re-filed as an investment subsidy, which was closed
// after its first tranche when central money paid for the village network; the smart tourism
// platform approved, two tranches paid and the last waiting for its milestone. Amounts, dates and
// document numbers are the seed's plausible choices.
func loadApplicationsXianning(l *loader) {
	fund := l.fund("XN-FUND-2016")
	xianningECommerceInjection(l, fund)
	xianningECommerceSubsidy(l, fund)
	xianningTourismSubsidy(l, fund)
}

// 咸宁市电子商务公共服务平台, capital injection: WITHDRAWN by its owner.
func xianningECommerceInjection(l *loader, fund *fund) {
	x := l.draftApplication("XN-2016-002", fund, "xn-fund-injection", fundingRequest{
		Mode: domain.SupportCapitalInjection, Amount: wan(1500),
		Justification: "申请智慧咸宁建设基金向平台运营公司注资1500万元,建设市级电子商务公共服务中心和县乡村三级农村电商服务体系。",
	})
	x.submit()
	x.withdraw("经市财政局政策辅导,本平台属公益性公共服务平台,不适用基金注资方式;撤回后改按投资补助方式重新申报。")
}

// 咸宁市电子商务公共服务平台, investment subsidy: CLOSED, the second tranche cancelled.
func xianningECommerceSubsidy(l *loader, fund *fund) {
	x := l.draftApplication("XN-2016-002", fund, "xn-fund", fundingRequest{
		Mode: domain.SupportInvestmentSubsidy, Amount: wan(1500),
		Justification: "落实咸政发〔2016〕6号“加强农村电子商务平台和服务体系建设”,申请智慧咸宁建设基金投资补助1500万元," +
			"用于市级电子商务公共服务中心和县乡村三级农村电商服务体系建设。",
	})
	x.submit()
	x.pass("材料齐全。")
	x.assign(expertWHU, expertHBUST)
	x.score(expertWHU, 84, "目标与2017年电子商务交易额150亿元目标衔接,建议支持。")
	x.score(expertHBUST, 81, "农村服务站点应避免与其他渠道资金重复支持。")
	x.approve("咸财建〔2016〕45号", "2016-08-12", wan(1500), tranche{"m1", wan(600)}, tranche{"m2", wan(900)})
	x.disburse("m1", "2016-12-28", "咸财拨〔2016〕532号")
	x.cancelRemainder("2017-10-20", "县乡村三级农村电商服务站点已获2017年电子商务进农村综合示范中央财政资金支持建设,"+
		"为避免重复支持,第二期900万元不再从智慧咸宁建设基金拨付,额度收回基金。")
}

// 咸宁智慧旅游一体化平台: APPROVED; m1 and m2 paid, m3 waiting for its milestone.
func xianningTourismSubsidy(l *loader, fund *fund) {
	x := l.draftApplication("XN-2024-003", fund, "xn-fund", fundingRequest{
		Mode: domain.SupportInvestmentSubsidy, Amount: wan(1800),
		Justification: "发展智慧旅游,建设全域旅游大数据中心、景区电子联票与分时预约和线上智慧旅游平台," +
			"申请智慧咸宁建设基金投资补助1800万元,景区企业自筹1200万元。",
	})
	x.submit()
	x.pass("材料齐全。")
	x.assign(expertWHU, expertHUST)
	x.score(expertWHU, 85, "全域旅游数据整合思路清晰,建议支持。")
	x.score(expertHUST, 82, "景区企业自筹资金到位情况应作为后续拨付条件。")
	x.approve("咸财建〔2024〕29号", "2024-08-20", wan(1600),
		tranche{"m1", wan(480)}, tranche{"m2", wan(480)}, tranche{"m3", wan(640)})
	x.disburse("m1", "2025-04-16", "咸财拨〔2025〕0218号")
	x.disburse("m2", "2026-05-21", "咸财拨〔2026〕0264号")
}
