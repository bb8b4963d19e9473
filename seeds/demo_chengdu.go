package seeds

import "github.com/smartcity/portfolio/domain"

// Chengdu's 12th Five-Year informatization plan (成府发〔2012〕31号): the key projects “宽带成都”
// (光网城市), the cloud computing project, intelligent transport, the extension of digital city
// management (数字城管拓展工程) and the emergency command upgrade (应急指挥提升工程), plus the
// plan's Internet-of-things push with 双流 as manufacturing area. The 2015 targets quoted are the
// plan's: household broadband penetration above 80% (41.4% in 2010), 20Mbps urban and 8Mbps rural
// access, fibre to 100% of administrative villages, 1000万亿次/秒 of computing (140 in 2010),
// 1000PB of storage and disaster backup, digital city management across 全域成都. Budgets, dates,
// document numbers and intermediate measurements are the seed's plausible choices.
func loadChengdu(l *loader) {
	broadbandChengdu(l)
	chengduCloudCentre(l)
	chengduIntelligentTransport(l)
	chengduDigitalCityManagement(l)
	chengduEmergencyCommand(l)
	shuangliuIoTPlatform(l)
}

// “宽带成都”光网城市工程: EVALUATED in 2017, 2015 targets met.
func broadbandChengdu(l *loader) {
	p := l.propose("CD-2013-001", ownerCDEconIT, officeChengdu, proposal{
		Name:   "“宽带成都”工程(光网城市)",
		Domain: domain.DomainBroadbandCloud, Region: "510100",
		Description: "大力推进“光网城市”建设:新建住宅小区和楼宇按光纤入户建设,已建小区加快光纤入户改造,实现城区家庭、" +
			"企业和政府用户光网全覆盖以及农村光纤进村;全面推进以3G、LTE为主、无线局域网为补充的“无线城市”建设。",
		// Planned 5亿元 (not in the documents): 市级财政 8000万 + 基础电信运营商自筹 3.6亿 + 银行贷款 6000万.
		Funding: domain.FundingPlan{FiscalSpecialFund: wan(8000), SelfRaised: wan(36000), BankLoan: wan(6000)},
		Start:   "2013-01-01", End: "2015-12-31",
	})
	p.indicator("households", "家庭宽带普及率", "%", "41.4", "80", "2015-12-31")
	p.indicator("urban", "城市用户互联网接入能力", "Mbps", "2", "20", "2015-12-31")
	p.indicator("rural", "农村用户互联网接入能力", "Mbps", "1", "8", "2015-12-31")
	p.indicator("villages", "行政村通光纤比例", "%", "60", "100", "2015-12-31")
	p.plan("m1", "主城区光网改造与新建住宅光纤入户", "2013-12-31", 30)
	p.plan("m2", "近郊区(市)县光网覆盖", "2014-12-31", 35)
	p.plan("m3", "农村光纤进村与无线城市全域覆盖", "2015-12-31", 35)
	p.submit()
	p.review(expertUESTC, 89, "目标与“十二五”规划一致,运营商共建共享方案可行。")
	p.review(expertSCU, 86, "建议把管线、基站纳入城市基础设施统筹规划,减少重复开挖。")
	p.approve("成经信〔2013〕46号", wan(50000), "2013-03-18")
	p.startConstruction("2013-04-01")
	p.spend("2013-09-30", wan(12000), domain.ExpenditureConstruction, "主城区光缆管线与光纤入户改造")
	p.achieve("m1", "2013-12-26", "主城区光网改造完成,新建住宅光纤入户标准全面执行。")
	p.measure("households", "2013-12-31", "55.3", "")
	p.measure("urban", "2013-12-31", "8", "")
	p.measure("rural", "2013-12-31", "2", "")
	p.measure("villages", "2013-12-31", "78", "")
	p.progress("2013-12-31", 30, "主城区光网改造完成。")
	p.spend("2014-06-30", wan(14500), domain.ExpenditureConstruction, "近郊区(市)县光网建设")
	p.achieve("m2", "2014-12-22", "近郊区(市)县城区光网覆盖完成。")
	p.measure("households", "2014-12-31", "68.9", "")
	p.measure("urban", "2014-12-31", "12", "")
	p.measure("rural", "2014-12-31", "4", "")
	p.measure("villages", "2014-12-31", "92", "")
	p.progress("2014-12-31", 65, "近郊光网覆盖完成,农村光纤进村推进中。")
	p.spend("2015-05-31", wan(13800), domain.ExpenditureConstruction, "农村光纤进村线路")
	p.spend("2015-10-31", wan(6200), domain.ExpenditureEquipment, "无线城市基站与WLAN热点设备")
	p.achieve("m3", "2015-12-28", "行政村通光纤比例100%,3G/LTE全域覆盖。")
	p.measure("households", "2015-12-31", "81.6", "2015年目标80%,已完成")
	p.measure("urban", "2015-12-31", "20", "")
	p.measure("rural", "2015-12-31", "8", "")
	p.measure("villages", "2015-12-31", "100", "")
	p.progress("2015-12-31", 100, "全部建设内容完成,2015年目标实现。")
	p.requestAcceptance("三项里程碑全部完成,累计支出4.65亿元。")
	p.accept("2016-03-25", "2015年规划目标全部实现,同意通过验收。")
	p.startOperation("2016-04-01")
	p.evaluate("2017-06-30", 90, "家庭宽带普及率81.6%,城乡接入能力达到20M/8M,行政村通光纤100%,国际性区域通信枢纽地位增强。")
}

// 成都云计算中心: IN_OPERATION since 2016; a budget increase for the backup base was refused.
func chengduCloudCentre(l *loader) {
	p := l.propose("CD-2013-002", ownerCDHiTech, officeChengdu, proposal{
		Name:   "成都云计算中心(政务云、社会云及数据灾备基地)",
		Domain: domain.DomainBroadbandCloud, Region: "510100",
		Description: "推动传统信息基础设施向云计算模式转型,按1+N模式构建政务云、社会云、企业云和高性能计算云等基础平台," +
			"加快数据存储和灾备中心建设,打造国家级第三方数据灾备基地。",
		// Planned 3亿元 (not in the documents): 市级财政 1.5亿 + 自筹 1亿 + 银行贷款 5000万.
		Funding: domain.FundingPlan{FiscalSpecialFund: wan(15000), SelfRaised: wan(10000), BankLoan: wan(5000)},
		Start:   "2013-03-01", End: "2015-12-31",
	})
	p.indicator("compute", "云计算数据计算能力", "万亿次/秒", "140", "1000", "2015-12-31")
	p.indicator("storage", "数据存储和灾备能力", "PB", "50", "1000", "2015-12-31")
	p.plan("m1", "政务云平台上线", "2014-03-31", 30)
	p.plan("m2", "1+N云服务体系(社会云、企业云、高性能计算云)", "2014-12-31", 35)
	p.plan("m3", "数据存储与灾备基地建成", "2015-10-31", 35)
	p.submit()
	p.review(expertUESTC, 88, "1+N模式合理,建议推动电子政务系统向云模式迁移。")
	p.review(expertCAICT, 85, "灾备基地应按国家标准分级建设。")
	p.approve("成经信〔2013〕88号", wan(29000), "2013-05-20")
	p.startConstruction("2013-06-18")
	p.spend("2013-10-31", wan(9500), domain.ExpenditureEquipment, "政务云计算与存储设备")
	p.achieve("m1", "2014-03-25", "政务云平台上线,首批部门系统迁入。")
	p.measure("compute", "2014-06-30", "420", "")
	p.progress("2014-06-30", 35, "政务云上线,社会云建设中。")
	p.spend("2014-09-30", wan(7800), domain.ExpenditureEquipment, "社会云与高性能计算云设备")
	p.achieve("m2", "2014-12-19", "社会云、企业云和高性能计算云开通服务。")
	p.progress("2014-12-31", 65, "1+N云服务体系形成。")
	p.proposeRevision("backup", wan(33000), "数据灾备基地扩容至1200PB,新增投资4000万元。")
	p.rejectRevision("backup", "扩容部分应由企业按市场化方式投资建设,不增加财政预算;按原批复规模实施。")
	p.spend("2015-06-30", wan(6900), domain.ExpenditureConstruction, "数据存储与灾备基地机房")
	p.achieve("m3", "2015-12-20", "灾备基地建成投用,因机房电力增容晚于计划。")
	p.measure("compute", "2015-12-31", "1050", "2015年目标1000万亿次/秒,已完成")
	p.measure("storage", "2015-12-31", "1020", "2015年目标1000PB,已完成")
	p.progress("2015-12-31", 100, "全部建设内容完成。")
	p.spend("2016-01-10", wan(1200), domain.ExpenditureServices, "监理与等保测评")
	p.requestAcceptance("三项里程碑全部完成,累计支出2.54亿元。")
	p.accept("2016-01-28", "同意通过验收。")
	p.startOperation("2016-02-01")
}

// 智能交通工程: IN_OPERATION since 2016.
func chengduIntelligentTransport(l *loader) {
	p := l.propose("CD-2014-003", ownerCDTransport, officeChengdu, proposal{
		Name:   "成都市智能交通工程",
		Domain: domain.DomainTransport, Region: "510100",
		Description: "整合交通信息资源,推动物联网技术在智能交通领域的应用,建设和完善智能交通指挥、交通诱导、交通智能调度、" +
			"交通信息服务、电子智能收费等交通管理与服务信息平台。",
		// Planned 1.2亿元 (not in the documents).
		Funding: domain.FundingPlan{FiscalSpecialFund: wan(9000), SelfRaised: wan(3000)},
		Start:   "2014-01-01", End: "2016-06-30",
	})
	p.indicator("crossings", "交通信息采集覆盖路口", "个", "300", "1200", "2016-06-30")
	p.indicator("bus", "公交实时到站信息覆盖线路比例", "%", "20", "100", "2016-06-30")
	p.plan("m1", "智能交通指挥与交通诱导平台", "2014-12-31", 35)
	p.plan("m2", "交通智能调度与公交电子站牌", "2015-09-30", 35)
	p.plan("m3", "交通信息服务与电子智能收费", "2016-03-31", 30)
	p.submit()
	p.review(expertUESTC, 86, "建设内容与“十二五”规划智能交通工程一致。")
	p.review(expertSCU, 84, "建议与数字城管、应急指挥共享视频资源。")
	p.approve("成经信〔2014〕21号", wan(11500), "2014-03-05")
	p.startConstruction("2014-04-10")
	p.spend("2014-08-30", wan(3800), domain.ExpenditureEquipment, "路口信息采集与诱导屏设备")
	p.achieve("m1", "2014-12-18", "智能交通指挥与诱导平台上线。")
	p.measure("crossings", "2014-12-31", "780", "")
	p.progress("2014-12-31", 35, "指挥与诱导平台上线。")
	p.spend("2015-05-20", wan(3600), domain.ExpenditureSoftware, "公交智能调度系统")
	p.achieve("m2", "2015-09-25", "公交智能调度与电子站牌上线。")
	p.measure("bus", "2015-09-30", "86", "")
	p.progress("2015-09-30", 70, "公交调度上线。")
	p.spend("2015-12-31", wan(2900), domain.ExpenditureSoftware, "出行信息服务与电子收费系统")
	p.achieve("m3", "2016-03-29", "出行信息服务APP与电子智能收费上线。")
	p.measure("crossings", "2016-03-31", "1260", "")
	p.measure("bus", "2016-03-31", "100", "")
	p.progress("2016-03-31", 100, "全部建设内容完成。")
	p.spend("2016-05-10", wan(500), domain.ExpenditureServices, "监理与第三方测评")
	p.requestAcceptance("三项里程碑全部完成,累计支出1.08亿元。")
	p.accept("2016-07-20", "同意通过验收。")
	p.startOperation("2016-08-01")
}

// 数字城管拓展工程: acceptance refused once, then accepted; EVALUATED in 2018.
func chengduDigitalCityManagement(l *loader) {
	p := l.propose("CD-2013-004", ownerCDUrban, officeChengdu, proposal{
		Name:   "数字城管拓展工程",
		Domain: domain.DomainCityManagement, Region: "510100",
		Description: "在现有数字城管信息系统平台基础上拓展覆盖范围,形成覆盖全域成都,整合环卫、景观、执法、城市照明、" +
			"道桥管护、城市扬尘污染源监控等信息系统的综合信息服务平台。",
		// Planned 7000万元 (not in the documents).
		Funding: domain.FundingPlan{FiscalSpecialFund: wan(5200), SelfRaised: wan(1800)},
		Start:   "2013-06-01", End: "2015-12-31",
	})
	// 全域成都: the 19 区(市)县 of 2012.
	p.indicator("districts", "数字城管覆盖区(市)县", "个", "12", "19", "2015-12-31")
	p.indicator("closure", "城市管理问题结案率", "%", "88", "95", "2015-12-31")
	p.plan("m1", "平台扩容与全域覆盖", "2014-12-31", 40)
	p.plan("m2", "环卫、景观、执法、照明、道桥、扬尘监控系统整合", "2015-09-30", 40)
	p.plan("m3", "综合信息服务平台上线", "2015-12-31", 20)
	p.submit()
	p.review(expertSCU, 84, "全域覆盖目标明确,建议推广网格化管理。")
	p.review(expertUESTC, 82, "扬尘监控数据接口需尽早与环保部门确定。")
	p.approve("成经信〔2013〕121号", wan(6800), "2013-07-22")
	p.startConstruction("2013-08-15")
	p.spend("2013-12-20", wan(2100), domain.ExpenditureEquipment, "平台扩容与区(市)县分中心设备")
	p.measure("districts", "2014-06-30", "15", "")
	p.achieve("m1", "2014-12-26", "数字城管覆盖全部19个区(市)县。")
	p.progress("2014-12-31", 40, "全域覆盖完成。")
	p.spend("2015-04-30", wan(2300), domain.ExpenditureSoftware, "专业系统整合")
	p.achieve("m2", "2015-09-28", "环卫、景观、执法、照明、道桥和扬尘监控系统接入。")
	p.measure("districts", "2015-10-31", "19", "")
	p.measure("closure", "2015-10-31", "93.2", "")
	p.spend("2015-11-30", wan(1500), domain.ExpenditureSoftware, "综合信息服务平台开发")
	p.achieve("m3", "2015-12-28", "综合信息服务平台上线。")
	p.progress("2015-12-31", 100, "全部建设内容完成。")
	p.requestAcceptance("三项里程碑全部完成,申请验收。")
	p.rejectAcceptance("验收检查发现城市扬尘污染源监控系统尚未与平台实现实时数据对接,不具备验收条件,请整改后重新申请。")
	p.progressNote("2016-01-31", 95, "扬尘监控数据对接整改中。", "验收专家组认定扬尘监控子系统未完成实时对接,进度调减5个百分点。")
	p.progress("2016-03-31", 100, "扬尘监控数据实时对接完成。")
	p.spend("2016-03-31", wan(300), domain.ExpenditureServices, "整改与第三方测评")
	p.requestAcceptance("整改完成,扬尘监控实时数据已接入,重新申请验收。")
	p.accept("2016-04-26", "整改到位,同意通过验收。")
	p.startOperation("2016-05-01")
	p.measure("closure", "2016-12-31", "96.1", "")
	p.evaluate("2018-05-30", 85, "全域覆盖、系统整合目标实现;城市管理问题结案率96.1%;建议深化网格化与大数据分析。")
}

// 应急指挥提升工程(二期): APPROVED, construction not yet started.
func chengduEmergencyCommand(l *loader) {
	p := l.propose("CD-2026-005", ownerCDEmergency, officeChengdu, proposal{
		Name:   "应急指挥提升工程(二期)",
		Domain: domain.DomainEmergency, Region: "510100",
		Description: "整合公安、消防、人防、卫生、防汛、防震减灾、地质灾害、机要通信、应急通信等应急信息资源," +
			"形成分散管理、集中调度、统一指挥的应急信息资源管理机制,实现跨行业、跨部门的统一指挥调度和业务协同。",
		// Planned 8000万元 (not in the documents).
		Funding: domain.FundingPlan{FiscalSpecialFund: wan(6500), SelfRaised: wan(1500)},
		Start:   "2026-12-01", End: "2028-06-30",
	})
	p.indicator("systems", "接入统一指挥平台的部门与专业系统", "个", "9", "32", "2028-06-30")
	p.plan("m1", "公共安全信息监测分析预警平台", "2027-03-31", 25)
	p.plan("m2", "统一指挥调度与信息发布系统", "2027-09-30", 35)
	p.plan("m3", "跨部门协同与公共安全教育培训系统", "2028-03-31", 40)
	p.submit()
	p.review(expertUESTC, 88, "整合范围完整,建议复用城市运行视频资源。")
	p.review(expertSCU, 85, "应急通信需考虑极端条件下的冗余链路。")
	p.approve("成经信〔2026〕64号", wan(7800), "2026-10-20")
	p.spend("2026-11-10", wan(85), domain.ExpenditureServices, "工程监理及造价咨询招标代理")
}

// 双流区物联网公共服务平台: IN_CONSTRUCTION with an overdue milestone.
func shuangliuIoTPlatform(l *loader) {
	p := l.propose("CD-2025-006", ownerSLEconIT, officeChengdu, proposal{
		Name:   "双流区物联网公共服务平台(应用、测试与信息安全中心)",
		Domain: domain.DomainManufacturing, Region: "510116",
		Description: "以双流为物联网制造产业区,建设物联网研发、应用和信息安全三大中心,为RFID、传感器等物联网企业" +
			"提供公共测试、应用验证和信息安全服务。",
		// Planned 3000万元 (not in the documents).
		Funding: domain.FundingPlan{FiscalSpecialFund: wan(1200), SelfRaised: wan(800), BankLoan: wan(1000)},
		Start:   "2025-06-01", End: "2027-05-31",
	})
	p.indicator("firms", "接入公共服务平台的物联网企业", "家", "0", "200", "2027-05-31")
	p.plan("m1", "物联网应用中心与测试床建成", "2025-12-31", 30)
	p.plan("m2", "RFID与传感器公共测试服务上线", "2026-08-31", 30)
	p.plan("m3", "物联网信息安全中心建成", "2027-03-31", 40)
	p.submit()
	p.review(expertUESTC, 83, "与高新区研发区错位发展,定位清晰。")
	p.review(expertCAICT, 81, "测试服务需取得资质认定,周期应留足。")
	p.approve("成经信〔2025〕39号", wan(3000), "2025-07-08")
	p.startConstruction("2025-08-01")
	p.spend("2025-09-20", wan(700), domain.ExpenditureEquipment, "测试床与应用验证设备")
	p.progress("2025-12-31", 25, "应用中心建设中。")
	p.achieve("m1", "2026-01-15", "物联网应用中心与测试床投入使用。")
	p.spend("2026-03-30", wan(450), domain.ExpenditureEquipment, "RFID与传感器测试仪器")
	p.measure("firms", "2026-06-30", "64", "")
	p.progress("2026-06-30", 38, "测试服务资质认定进行中。")
	p.spend("2026-08-15", wan(300), domain.ExpenditureSoftware, "公共测试服务管理系统")
	p.measure("firms", "2026-10-31", "88", "")
	p.progress("2026-10-31", 44, "测试服务因资质认定未完成而延后上线。")
}
