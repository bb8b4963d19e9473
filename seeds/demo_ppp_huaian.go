package seeds

import "github.com/smartcity/portfolio/domain"

// Huai'an's PPP arrangements. The province's 2018 reply: Huai'an was the first city in Jiangsu to
// build its smart city as a PPP, a provincial PPP pilot reported for the national demonstration
// list, and chose 中兴通讯股份有限公司 by public tender as social-capital partner, builder and
// operator. The terms (BOT, viability-gap subsidy, 15 years, the government's 20% of the project
// company), the other bidders, the figures, dates and document numbers are the seed's plausible
// choices: the reply gives none.
func loadPPPHuaian(l *loader) {
	smartHuaianPPP(l)
	qingjiangpuElderlyCarePPP(l)
}

// “智慧淮安”PPP: EXECUTION since 2016, availability and performance payments made every year of
// operation from 2020 after the year's performance assessment (2022's with a deduction); 2026's
// payments scheduled, not yet due.
func smartHuaianPPP(l *loader) {
	x := l.identifyPPP("HA-2016-001", financeHuaian, domain.PPPTerms{
		OperationMode: domain.PPPModeBOT, ReturnMechanism: domain.PPPViabilityGap, TermYears: 15, StartYear: 2016,
		TotalInvestment: wan(55000), GovernmentEquityBP: 2000,
		// Construction 2016–2019 at the partner's cost; from operation on, 5200万元 a year of
		// viability-gap subsidy: 3600万 availability + 1600万 on performance.
		Obligations: yearly(2020, 2030, wan(5200)),
	})
	x.approveIdentification("2016-03-15", "列入省级PPP试点项目,同意开展物有所值评价和财政承受能力论证。")
	x.valueForMoney("2016-04-20", 82, wan(61200), wan(56800))
	x.approvePreparation("2016-05-10", "淮财金〔2016〕11号:财政承受能力论证通过,运营期年度支出责任5200万元,占一般公共预算支出比例约0.1%。")
	x.launchTender(domain.PPPPublicTender, "HAZC2016-G088", "2016-05-20")
	x.bid("中兴通讯股份有限公司", wan(54200), "2016-06-20")
	x.bid("江苏省某信息产业集团有限公司(联合体)", wan(55600), "2016-06-20")
	x.bid("某通信服务股份有限公司", wan(56100), "2016-06-20")
	x.selectPartner("中兴通讯股份有限公司", "2016-07-01")
	x.signContract("HA-PPP-2016-001", "2016-07-15")
	x.setUpCompany("淮安智慧城市建设运营有限公司(项目公司)", wan(27000)) // 政府出资代表持股20%: 5400万元
	x.approveProcurement("2016-08-01", "采购结果公示无异议,PPP项目合同已签订,项目公司已设立,转入执行。")
	x.operate(
		operatingYear{Year: 2020, Availability: wan(3600), Performed: wan(1600), Score: 86, AssessedOn: "2021-01-25", PaidOn: "2021-03-15"},
		operatingYear{Year: 2021, Availability: wan(3600), Performed: wan(1600), Score: 88, AssessedOn: "2022-01-20", PaidOn: "2022-03-10"},
		// 视频资源在线率未达到合同约定的95%: 5% off the year's payments.
		operatingYear{Year: 2022, Availability: wan(3600), Performed: wan(1600), Score: 72, DeductionBP: 500, AssessedOn: "2023-01-18", PaidOn: "2023-03-20"},
		operatingYear{Year: 2023, Availability: wan(3600), Performed: wan(1600), Score: 85, AssessedOn: "2024-01-22", PaidOn: "2024-03-12"},
		operatingYear{Year: 2024, Availability: wan(3600), Performed: wan(1600), Score: 90, AssessedOn: "2025-01-20", PaidOn: "2025-03-14"},
		operatingYear{Year: 2025, Availability: wan(3600), Performed: wan(1600), Score: 87, AssessedOn: "2026-01-21", PaidOn: "2026-03-16"},
		operatingYear{Year: 2026, Availability: wan(3600), Performed: wan(1600)},
	)
}

// 清江浦区智慧养老服务平台: IDENTIFICATION only, the district's proposal to run its 虚拟养老院
// platform as an operation-and-maintenance PPP (not yet before the finance bureau).
func qingjiangpuElderlyCarePPP(l *loader) {
	l.identifyPPP("HA-2026-002", financeHuaian, domain.PPPTerms{
		OperationMode: domain.PPPModeOM, ReturnMechanism: domain.PPPViabilityGap, TermYears: 10, StartYear: 2027,
		TotalInvestment: wan(660), Obligations: yearly(2028, 2036, wan(48)),
	})
}

// yearly is the same amount in every year from first to last.
func yearly(first, last int, amount domain.Money) []domain.PPPYearAmount {
	var out []domain.PPPYearAmount
	for y := first; y <= last; y++ {
		out = append(out, domain.PPPYearAmount{Year: y, Amount: amount})
	}
	return out
}
