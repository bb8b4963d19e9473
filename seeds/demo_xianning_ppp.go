package seeds

import "github.com/smartcity/portfolio/domain"

// Smart Xianning's PPP projects. 咸政发〔2016〕6号 asks to bring PPP into “信息基础设施、公共服务等项目”,
// to “推进城市地下综合管廊建设,加快对通信、电力、燃气、供排水等管网的智能化改造” and to carry out
// 《咸宁市政府大数据中心建设方案》 with its “五大系统” (云政务服务、网上执法、网上审批、网上公共资源交易、
// 网上监督). The two projects below follow those lines; their investment, terms, bidders, figures,
// dates and document numbers are the seed's plausible choices. Together their obligations put the
// city above 7% of its general public budget: the warning zone, below the 10% cap.

// 咸宁市城市地下综合管廊及管网智能化PPP项目: IN_OPERATION since 2020.
func xianningUtilityTunnel(l *loader) {
	p := l.propose("XN-2017-005", ownerXNHousing, officeXianning, proposal{
		Name:   "咸宁市城市地下综合管廊及管网智能化PPP项目",
		Domain: domain.DomainCityManagement, Region: "421200",
		Description: "推进城市地下综合管廊建设,加快对通信、电力、燃气、供排水等管网的智能化改造;建设管廊智能监控与运维管理平台。" +
			"采用PPP模式(BOT,可行性缺口补助,合作期20年),通过公开招标选择社会资本。",
		// 38亿元: 社会资本 34.2亿 + 智慧咸宁建设基金作为政府出资代表出资 3.8亿 (10%).
		Funding: domain.FundingPlan{PPPSocialCapital: wan(342000), ConstructionFund: wan(38000)},
		Start:   "2018-01-01", End: "2019-12-31",
	})
	p.indicator("length", "建成城市地下综合管廊", "公里", "0", "42", "2019-12-31")
	p.indicator("kinds", "入廊管线种类", "类", "0", "6", "2019-12-31")
	p.plan("m1", "一期管廊主体结构完工", "2018-12-31", 40)
	p.plan("m2", "管廊智能监控与运维管理平台上线", "2019-09-30", 30)
	p.plan("m3", "通信、电力、燃气、供排水管线全部入廊", "2019-12-31", 30)
	p.submit()
	p.review(expertWHU, 84, "管廊与管网智能化改造统筹推进,监控平台应接入市政府大数据中心。")
	p.review(expertHUST, 82, "入廊收费标准需与管线单位协商确定,作为可行性缺口补助测算基础。")
	p.approve("咸经信〔2017〕58号", wan(380000), "2017-12-26")
	p.startConstruction("2018-03-01")
	p.spend("2018-08-31", wan(120000), domain.ExpenditureConstruction, "一期管廊土建(社会资本方出资)")
	p.achieve("m1", "2018-12-20", "一期管廊主体结构完工,监理验收合格。")
	p.spend("2018-12-28", wan(80000), domain.ExpenditureConstruction, "二期管廊土建")
	p.progress("2018-12-31", 45, "一期主体完工,二期土建推进中。")
	p.measure("length", "2019-06-30", "28", "")
	p.spend("2019-06-28", wan(90000), domain.ExpenditureEquipment, "管廊通风、排水、供电与消防设备")
	p.progress("2019-06-30", 75, "管廊主体基本完工,设备安装中。")
	p.spend("2019-09-20", wan(6000), domain.ExpenditureSoftware, "管廊智能监控与运维管理平台")
	p.achieve("m2", "2019-09-26", "智能监控与运维管理平台上线,接入温湿度、气体、视频与人员定位数据。")
	p.spend("2019-12-15", wan(60000), domain.ExpenditureConstruction, "管线入廊与附属工程")
	p.achieve("m3", "2019-12-18", "六类管线全部入廊。")
	p.measure("length", "2019-12-31", "42.6", "")
	p.measure("kinds", "2019-12-31", "6", "")
	p.progress("2019-12-31", 100, "建设内容全部完成。")
	p.requestAcceptance("三项里程碑全部完成,建成管廊42.6公里,累计投资35.6亿元(含社会资本方出资)。")
	p.accept("2019-12-31", "建设内容全部完成,同意通过验收,转入运营期按绩效付费。")
	p.startOperation("2020-01-01")
}

// 咸宁市政府大数据中心扩容及“五大系统”升级: APPROVED; its PPP is in procurement.
func xianningDataCentre(l *loader) {
	p := l.propose("XN-2025-006", ownerXNData, officeXianning, proposal{
		Name:   "咸宁市政府大数据中心扩容及“五大系统”升级",
		Domain: domain.DomainEGovernment, Region: "421200",
		Description: "深化实施《咸宁市政府大数据中心建设方案》,扩容计算与存储资源池,升级云政务服务、网上执法、网上审批、" +
			"网上公共资源交易、网上监督等“五大系统”;采用PPP模式(BOT,政府付费,合作期10年)。",
		// 2.4亿元: 社会资本 1.9亿 + 智慧咸宁建设基金 5000万.
		Funding: domain.FundingPlan{PPPSocialCapital: wan(19000), ConstructionFund: wan(5000)},
		Start:   "2026-12-01", End: "2027-12-31",
	})
	p.indicator("systems", "接入政府大数据中心的部门业务系统", "个", "86", "160", "2027-12-31")
	p.plan("m1", "计算与存储资源池扩容", "2027-06-30", 50)
	p.plan("m2", "“五大系统”升级上线", "2027-12-31", 50)
	p.submit()
	p.review(expertHBUST, 83, "扩容规模与部门上云需求匹配。")
	p.review(expertWHU, 81, "政府付费应与系统可用性和数据共享绩效挂钩。")
	p.approve("咸经信〔2026〕12号", wan(24000), "2026-05-20")
}

// The Xianning arrangements (demo_ppp_ledgers.go opens the city's ledger).
func loadPPPXianning(l *loader) {
	utilityTunnelPPP(l)
	dataCentrePPP(l)
}

// The utility tunnel's PPP: EXECUTION since 2018; 2023's payments cut by 10% for a failing
// performance assessment.
func utilityTunnelPPP(l *loader) {
	x := l.identifyPPP("XN-2017-005", financeXianning, domain.PPPTerms{
		OperationMode: domain.PPPModeBOT, ReturnMechanism: domain.PPPViabilityGap, TermYears: 20, StartYear: 2018,
		TotalInvestment: wan(380000), GovernmentEquityBP: 1000,
		// From operation on, 3.9亿元 a year: 3亿 availability + 9000万 on performance.
		Obligations: yearly(2020, 2037, wan(39000)),
	})
	x.approveIdentification("2017-07-10", "同意按PPP模式开展前期工作。")
	x.valueForMoney("2017-08-20", 80, wan(812000), wan(765000))
	x.approvePreparation("2017-09-15", "咸财金〔2017〕23号:财政承受能力论证通过;运营期年度支出责任3.9亿元,约占市本级一般公共预算支出7%,列入预警,"+
		"此后新增PPP项目须从严论证。")
	x.launchTender(domain.PPPPublicTender, "XNZC2017-G102", "2017-10-08")
	x.bid("某建工集团有限公司与某管廊运营有限公司联合体", wan(376500), "2017-11-10")
	x.bid("某市政工程股份有限公司(联合体)", wan(379800), "2017-11-10")
	x.selectPartner("某建工集团有限公司与某管廊运营有限公司联合体", "2017-11-28")
	x.signContract("XN-GL-PPP-2017-01", "2017-12-20")
	x.setUpCompany("咸宁市城市综合管廊投资运营有限公司(项目公司)", wan(76000))
	x.approveProcurement("2018-01-05", "PPP项目合同已签订,项目公司已设立,转入执行。")
	x.operate(
		operatingYear{Year: 2020, Availability: wan(30000), Performed: wan(9000), Score: 84, AssessedOn: "2021-02-05", PaidOn: "2021-04-15"},
		operatingYear{Year: 2021, Availability: wan(30000), Performed: wan(9000), Score: 86, AssessedOn: "2022-01-28", PaidOn: "2022-04-12"},
		operatingYear{Year: 2022, Availability: wan(30000), Performed: wan(9000), Score: 81, AssessedOn: "2023-02-06", PaidOn: "2023-04-18"},
		// 燃气舱巡检与监控系统故障处置未达合同标准: a failing score, 10% off the year's payments.
		operatingYear{Year: 2023, Availability: wan(30000), Performed: wan(9000), Score: 58, DeductionBP: 1000, AssessedOn: "2024-02-02", PaidOn: "2024-04-16"},
		operatingYear{Year: 2024, Availability: wan(30000), Performed: wan(9000), Score: 83, AssessedOn: "2025-01-27", PaidOn: "2025-04-10"},
		operatingYear{Year: 2025, Availability: wan(30000), Performed: wan(9000), Score: 85, AssessedOn: "2026-01-26", PaidOn: "2026-04-14"},
		operatingYear{Year: 2026, Availability: wan(30000), Performed: wan(9000)},
	)
}

// The data centre's PPP: PROCUREMENT, the partner selected and the contract not yet signed. Its
// affordability approval took the city's obligations from 2027 on to about 7.2% of the budget.
func dataCentrePPP(l *loader) {
	x := l.identifyPPP("XN-2025-006", financeXianning, domain.PPPTerms{
		OperationMode: domain.PPPModeBOT, ReturnMechanism: domain.PPPGovernmentPays, TermYears: 10, StartYear: 2026,
		TotalInvestment: wan(24000), GovernmentEquityBP: 1000, Obligations: yearly(2027, 2035, wan(4200)),
	})
	x.approveIdentification("2025-12-05", "同意按PPP模式(政府付费)开展前期工作;全市PPP支出责任已处预警区间,请审慎论证。")
	x.valueForMoney("2026-03-20", 80, wan(43000), wan(39600))
	x.approvePreparation("2026-06-30", "咸财金〔2026〕19号:财政承受能力论证通过;2027年起全市PPP年度支出责任约占一般公共预算支出7.2%,"+
		"仍处预警区间,未超过10%上限。")
	x.launchTender(domain.PPPPublicTender, "XNZC2026-G047", "2026-08-10")
	x.bid("某云计算科技股份有限公司", wan(23600), "2026-09-15")
	x.bid("某电信运营商咸宁分公司", wan(23850), "2026-09-15")
	x.bid("某数字政府服务有限公司(联合体)", wan(23900), "2026-09-15")
	x.selectPartner("某云计算科技股份有限公司", "2026-10-20")
}
