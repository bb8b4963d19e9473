package seeds

import "github.com/smartcity/portfolio/domain"

// Xuzhou's PPP arrangements. The Smart Xuzhou opinions ask to attract social capital; these two
// are the seed's: a PPP given up when its tender failed, and one waiting for the finance bureau's
// affordability review. Terms, figures, bidders, dates and document numbers are the seed's.
func loadPPPXuzhou(l *loader) {
	xuzhouParkingPPP(l)
	xuzhouLogisticsPPP(l)
}

// 智能交通体系二期 (smart parking): CANCELLED in procurement. First prepared as a PPP repaid by
// parking fees and a viability-gap subsidy; the public tender drew a single bidder and failed
// (流标), so the city ended the PPP, the ledger released the reserved obligations, and the project
// was approved in 2025 with the special fund and the police's own money, operated by purchase of
// services (as the experts advised).
func xuzhouParkingPPP(l *loader) {
	x := l.identifyPPP("XZ-2025-003", financeXuzhou, domain.PPPTerms{
		OperationMode: domain.PPPModeBOT, ReturnMechanism: domain.PPPViabilityGap, TermYears: 10, StartYear: 2025,
		TotalInvestment: wan(3600), GovernmentEquityBP: 1000, Obligations: yearly(2026, 2034, wan(380)),
	})
	x.approveIdentification("2024-09-05", "同意按PPP模式开展前期工作,以停车收费为主要回报来源。")
	x.valueForMoney("2024-10-15", 71, wan(4650), wan(4380))
	x.approvePreparation("2024-11-08", "徐财金〔2024〕37号:财政承受能力论证通过,年度可行性缺口补助380万元。")
	x.launchTender(domain.PPPPublicTender, "XZZC2024-G156", "2024-12-02")
	x.bid("徐州某智慧停车运营有限公司", wan(3580), "2025-01-06")
	x.cancel("2025-01-20", "公开招标截止时仅1家社会资本响应,不足3家,依法流标;经市政府同意终止PPP模式,释放已预留的财政支出责任,"+
		"项目改由“智慧徐州”发展专项资金和自筹资金建设,泊位运营采用政府购买服务。")
}

// 物流公共信息服务平台(金融物流): PREPARATION. After the office returned the project asking where
// the bank loan's repayment would come from, the owner turned it into a PPP; the value-for-money
// assessment passed and the arrangement waits for 徐州市财政局's fiscal affordability review.
func xuzhouLogisticsPPP(l *loader) {
	x := l.identifyPPP("XZ-2026-004", financeXuzhou, domain.PPPTerms{
		OperationMode: domain.PPPModeBOT, ReturnMechanism: domain.PPPViabilityGap, TermYears: 12, StartYear: 2027,
		TotalInvestment: wan(5000), GovernmentEquityBP: 1500, Obligations: yearly(2028, 2038, wan(420)),
	})
	x.approveIdentification("2026-09-28", "同意按PPP模式(可行性缺口补助)开展物有所值评价和财政承受能力论证。")
	x.valueForMoney("2026-11-05", 76, wan(6900), wan(6350))
}
