package seeds

import "github.com/smartcity/portfolio/domain"

// Smart Jiangsu (苏政发〔2014〕103号) and the province's 2018 reply to proposal 0768: the major
// demonstration projects the reply names (畅行江苏, 智慧健康, 警务大数据, 国土“一张图”), and a
// Nanjing smart-community upgrade. Figures quoted from the reply: ETC cards 587万张, 巴士管家
// 1800万 users, 13 cities / 93 counties / 41 tertiary hospitals on the health platform, police
// data 435类525亿条 and 349类76亿条. Budgets, dates, document numbers and the measurements
// between those figures are the seed's plausible choices. Approval documents are 苏经信 (省经信委)
// up to 2018 and 苏工信 (省工业和信息化厅) after the reorganisation.
func loadJiangsu(l *loader) {
	changxingJiangsu(l)
	smartHealth(l)
	policeBigData(l)
	landCloud(l)
	nanjingSmartCommunity(l)
}

// 畅行江苏: IN_OPERATION since 2019.
func changxingJiangsu(l *loader) {
	p := l.propose("JS-2016-001", ownerJSTransport, officeJiangsu, proposal{
		Name:   "“畅行江苏”综合交通出行信息服务工程",
		Domain: domain.DomainTransport, Region: "320000",
		Description: "智慧江苏重大示范工程(交通领域)。建设交通一卡通互联互通清分结算平台、高速公路ETC扩容、" +
			"“巴士管家”出行服务和水上便捷过闸APP,实现交通一卡通县(市、区)全覆盖,构建交通运输物流公共信息服务平台。",
		// Planned 8500万元 (not in the documents): 省工业和信息化专项引导资金 3000万 + 厅部门预算自筹 5500万.
		Funding: domain.FundingPlan{FiscalSpecialFund: wan(3000), SelfRaised: wan(5500)},
		Start:   "2016-03-01", End: "2018-12-31",
	})
	p.indicator("etc", "公路ETC卡发行量", "万张", "320", "600", "2018-12-31")
	p.indicator("bus", "“巴士管家”APP注册用户", "万人", "300", "2000", "2018-12-31")
	p.indicator("card", "交通一卡通县(市、区)覆盖率", "%", "35", "100", "2018-12-31")
	p.plan("m1", "交通一卡通互联互通清分结算平台上线", "2017-06-30", 25)
	p.plan("m2", "高速公路ETC车道扩容及发卡", "2017-12-31", 25)
	p.plan("m3", "“巴士管家”出行服务与水上便捷过闸APP上线", "2018-06-30", 25)
	p.plan("m4", "交通一卡通县(市、区)全覆盖", "2018-12-31", 25)
	p.submit()
	p.review(expertSEU, 88, "方案与智慧江苏实施意见“大力发展智慧交通、智慧物流”一致,一卡通清分平台技术路线成熟。")
	p.review(expertCAICT, 84, "建议ETC发卡与银行合作分担成本,APP统一身份认证接入省智慧门户。")
	p.approve("苏经信〔2016〕112号", wan(8200), "2016-05-20")
	p.startConstruction("2016-06-15")
	p.spend("2016-08-10", wan(1850), domain.ExpenditureEquipment, "高速公路ETC车道设备采购(首批)")
	p.progress("2016-12-31", 20, "ETC车道改造完成首批,清分结算平台完成需求与设计。")
	p.measure("etc", "2016-12-31", "415", "")
	p.spend("2017-03-15", wan(1200), domain.ExpenditureSoftware, "交通一卡通互联互通清分结算平台开发")
	p.achieve("m1", "2017-06-26", "清分结算平台上线运行,13个设区市公交卡接入;省交通运输厅上线验收报告。")
	p.spend("2017-11-20", wan(2100), domain.ExpenditureEquipment, "高速公路ETC车道扩容设备(二批)")
	p.achieve("m2", "2017-12-28", "新增ETC车道并完成发卡系统改造;运营公司发卡统计表。")
	p.progress("2017-12-31", 55, "一卡通平台和ETC扩容完成,“巴士管家”平台开发中。")
	p.measure("bus", "2017-12-31", "1200", "")
	p.spend("2018-05-18", wan(980), domain.ExpenditureSoftware, "“巴士管家”出行服务平台与水上便捷过闸APP开发")
	p.measure("etc", "2018-05-31", "587", "省政府2018年提案答复口径")
	p.measure("bus", "2018-05-31", "1800", "注册用户超过1800万(省政府2018年提案答复)")
	p.achieve("m3", "2018-06-20", "“巴士管家”APP注册用户超过1800万,水上便捷过闸APP用户近3万个。")
	p.progress("2018-06-30", 78, "出行服务平台上线,县域一卡通推进中。")
	p.spend("2018-10-30", wan(650), domain.ExpenditureServices, "工程监理与第三方测评")
	p.achieve("m4", "2018-11-30", "交通一卡通在全国率先实现县(市、区)全覆盖;省交通运输厅通报。")
	p.measure("card", "2018-11-30", "100", "")
	p.measure("etc", "2018-12-31", "652", "")
	p.progress("2018-12-31", 100, "全部建设内容完成,申请验收。")
	p.requestAcceptance("四项里程碑全部完成,累计支出6780万元,申请竣工验收。")
	p.accept("2019-03-28", "建设内容全部完成,系统运行稳定,同意通过竣工验收。")
	p.startOperation("2019-04-01")
	p.spend("2019-08-15", wan(420), domain.ExpenditureServices, "平台运维服务(2019年度)")
}

// 智慧健康: EVALUATED in 2021.
func smartHealth(l *loader) {
	p := l.propose("JS-2016-002", ownerJSHealth, officeJiangsu, proposal{
		Name:   "“智慧健康”省市县三级健康信息平台",
		Domain: domain.DomainHealth, Region: "320000",
		Description: "智慧江苏重大示范工程(卫生领域)。建设省级人口健康信息平台,与13个设区市、县(市、区)平台" +
			"和三级医院互联互通,推进居民健康卡与社会保障卡应用集成。",
		// Planned 1亿元 (not in the documents): 省级财政专项 6000万 + 部门自筹 4000万.
		Funding: domain.FundingPlan{FiscalSpecialFund: wan(6000), SelfRaised: wan(4000)},
		Start:   "2016-01-01", End: "2018-12-31",
	})
	// Targets set to the 2018 reply's figures (93 county platforms, 41 tertiary hospitals).
	p.indicator("county", "与省平台对接的县(市、区)平台", "个", "0", "93", "2018-12-31")
	p.indicator("hosp", "与省平台对接的三级医院", "家", "0", "41", "2018-12-31")
	p.plan("m1", "省级人口健康信息平台建成", "2016-12-31", 30)
	p.plan("m2", "13个设区市平台完成对接", "2017-09-30", 30)
	p.plan("m3", "县级平台和三级医院完成对接", "2018-06-30", 40)
	p.submit()
	p.review(expertSEU, 90, "省市县三级架构清晰,符合“建设省市两级公共服务云平台”要求。")
	p.review(expertCAICT, 86, "需同步落实信息安全等级保护三级要求,健康数据分级授权。")
	p.approve("苏经信〔2016〕58号", wan(9600), "2016-04-12")
	p.startConstruction("2016-05-10")
	p.spend("2016-07-20", wan(2600), domain.ExpenditureEquipment, "省级平台服务器、存储及安全设备")
	p.spend("2016-10-15", wan(1800), domain.ExpenditureSoftware, "省级平台基础软件与数据交换系统")
	p.achieve("m1", "2016-12-20", "省级平台上线试运行报告;等保测评报告。")
	p.progress("2016-12-31", 30, "省级平台建成试运行。")
	p.spend("2017-06-30", wan(2200), domain.ExpenditureSoftware, "设区市平台对接与居民健康档案共享")
	p.achieve("m2", "2017-09-15", "省平台与13个设区市平台完成对接,联调测试报告。")
	p.measure("county", "2017-12-31", "61", "")
	p.measure("hosp", "2017-12-31", "28", "")
	p.progress("2017-12-31", 70, "设区市全部对接,县级平台陆续接入。")
	p.spend("2018-04-10", wan(1900), domain.ExpenditureSoftware, "县级平台与三级医院接口改造")
	p.achieve("m3", "2018-06-10", "省平台与13个市、93个县(市、区)平台和41家三级医院完成对接。")
	p.measure("county", "2018-06-10", "93", "省政府2018年提案答复口径")
	p.measure("hosp", "2018-06-10", "41", "省政府2018年提案答复口径")
	p.progress("2018-06-30", 100, "三级平台互联互通全部完成。")
	p.spend("2018-09-30", wan(700), domain.ExpenditureServices, "监理、等保测评与验收审计")
	p.requestAcceptance("三项里程碑全部完成,累计支出9200万元。")
	p.accept("2018-11-20", "平台运行稳定,实现省市县三级互联互通,同意通过验收。")
	p.startOperation("2018-12-01")
	p.evaluate("2021-06-30", 92, "三级平台持续稳定运行,支撑分级诊疗与健康档案共享,绩效评价优秀。")
}

// 警务大数据: EVALUATED in 2022.
func policeBigData(l *loader) {
	p := l.propose("JS-2017-003", ownerJSPolice, officeJiangsu, proposal{
		Name:   "“警务大数据”工程",
		Domain: domain.DomainPublicSecurity, Region: "320000",
		Description: "智慧江苏重大示范工程(公安领域)。建设警务云计算平台,汇聚整合公安内部业务数据与社会数据," +
			"建设大数据实战应用平台,服务社会治安防控。",
		// Planned 1.8亿元 (not in the documents): 省级财政专项 1.2亿 + 部门自筹 6000万.
		Funding: domain.FundingPlan{FiscalSpecialFund: wan(12000), SelfRaised: wan(6000)},
		Start:   "2017-01-01", End: "2019-12-31",
	})
	p.indicator("internal", "汇聚公安内部业务数据", "亿条", "120", "500", "2018-12-31")
	p.indicator("social", "汇聚社会数据", "亿条", "10", "60", "2018-12-31")
	p.plan("m1", "警务云计算平台建成", "2017-12-31", 30)
	p.plan("m2", "内部与社会数据汇聚整合", "2018-06-30", 35)
	p.plan("m3", "大数据实战应用平台上线", "2019-06-30", 35)
	p.submit()
	p.review(expertNJU, 87, "数据汇聚范围明确,建议同步建设数据分级分类与安全审计。")
	p.review(expertSEU, 85, "云平台应按“集约建设、避免重复”原则与省政务云统筹。")
	p.approve("苏经信〔2017〕36号", wan(17500), "2017-03-10")
	p.startConstruction("2017-04-01")
	p.spend("2017-06-20", wan(5200), domain.ExpenditureEquipment, "警务云计算平台硬件")
	p.achieve("m1", "2017-12-22", "警务云平台上线运行报告。")
	p.progress("2017-12-31", 30, "警务云平台建成。")
	p.spend("2018-03-15", wan(3800), domain.ExpenditureSoftware, "数据汇聚治理与资源目录")
	p.achieve("m2", "2018-05-31", "汇聚整合内部业务数据435类525亿条,社会数据349类76亿条。")
	p.measure("internal", "2018-05-31", "525", "435类;省政府2018年提案答复口径")
	p.measure("social", "2018-05-31", "76", "349类;省政府2018年提案答复口径")
	p.progress("2018-06-30", 65, "数据汇聚完成,实战应用平台开发中。")
	p.spend("2018-11-30", wan(4600), domain.ExpenditureSoftware, "大数据实战应用平台开发")
	p.achieve("m3", "2019-06-18", "实战应用平台上线,全省13个市公安局接入。")
	p.progress("2019-06-30", 100, "全部建设内容完成。")
	p.spend("2019-08-30", wan(1100), domain.ExpenditureServices, "监理与安全测评")
	p.requestAcceptance("三项里程碑全部完成,累计支出1.47亿元。")
	p.accept("2019-11-15", "同意通过验收。")
	p.startOperation("2019-12-01")
	p.evaluate("2022-03-31", 89, "数据汇聚规模和实战应用成效显著,建议加强数据共享开放。")
}

// 智慧国土“一张图”·国土云 (phase II): ACCEPTANCE_REQUESTED.
func landCloud(l *loader) {
	p := l.propose("JS-2023-004", ownerJSLand, officeJiangsu, proposal{
		Name:   "智慧国土“一张图”与全省“国土云”(二期)",
		Domain: domain.DomainLandResources, Region: "320000",
		Description: "落实苏政发〔2014〕103号“大力推进智慧国土‘一张图’建设,加快构建覆盖全省的‘国土云’”," +
			"建设时空信息数据库和省市县一体化“国土云”,实现“天上看、网上管、地上查”。",
		// Planned 6800万元 (not in the documents): 省级财政专项 4500万 + 部门自筹 2300万.
		Funding: domain.FundingPlan{FiscalSpecialFund: wan(4500), SelfRaised: wan(2300)},
		Start:   "2023-07-01", End: "2026-09-30",
	})
	p.indicator("county", "市县接入“国土云”比例", "%", "0", "100", "2026-09-30")
	p.plan("m1", "时空信息数据库建成", "2024-06-30", 30)
	p.plan("m2", "“国土云”省级平台上线", "2025-06-30", 35)
	p.plan("m3", "市县全部接入并完成联调", "2026-06-30", 35)
	p.submit()
	p.review(expertNJU, 86, "时空数据库设计合理,建议与省大数据共享交换平台对接。")
	p.review(expertSEU, 83, "市县接入需明确数据更新机制。")
	p.approve("苏工信〔2023〕77号", wan(6600), "2023-09-12")
	p.startConstruction("2023-10-09")
	p.spend("2023-12-20", wan(1500), domain.ExpenditureEquipment, "国土云存储与计算资源")
	p.progress("2024-03-31", 15, "时空信息数据库建设中。")
	p.achieve("m1", "2024-06-25", "时空信息数据库通过测试,入库数据质检报告。")
	p.spend("2024-09-30", wan(1800), domain.ExpenditureSoftware, "国土云平台开发")
	p.progress("2024-12-31", 45, "国土云平台开发中。")
	p.achieve("m2", "2025-06-28", "国土云省级平台上线运行报告。")
	p.measure("county", "2025-06-30", "42", "")
	p.spend("2025-11-15", wan(1600), domain.ExpenditureSoftware, "市县接入改造")
	p.measure("county", "2026-06-30", "100", "")
	p.achieve("m3", "2026-06-29", "13个设区市及所属县(市、区)全部接入,联调报告。")
	p.progress("2026-06-30", 100, "建设内容全部完成。")
	p.spend("2026-08-20", wan(700), domain.ExpenditureServices, "监理与第三方测评")
	p.requestAcceptance("三项里程碑全部完成,累计支出5600万元,申请竣工验收。")
}

// 南京市智慧社区平台升级: UNDER_REVIEW, one expert of two has scored.
func nanjingSmartCommunity(l *loader) {
	p := l.propose("NJ-2026-001", ownerNJIndIT, officeJiangsu, proposal{
		Name:   "南京市智慧社区综合管理与服务信息平台升级",
		Domain: domain.DomainCommunity, Region: "320100",
		Description: "在已建智慧社区综合管理与服务信息平台基础上,整合社区管理、公共服务、便民服务和居家养老," +
			"推进“一站式”服务向街道社区延伸。",
		// Planned 3200万元 (not in the documents).
		Funding: domain.FundingPlan{FiscalSpecialFund: wan(1200), SelfRaised: wan(2000)},
		Start:   "2027-01-01", End: "2028-06-30",
	})
	p.plan("m1", "平台升级上线", "2027-09-30", 60)
	p.plan("m2", "全市街道社区推广应用", "2028-06-30", 40)
	p.indicator("coverage", "接入平台的社区覆盖率", "%", "62", "100", "2028-06-30")
	p.submit()
	p.review(expertSEU, 81, "需求明确;建议复用省政务服务“一张网”身份认证,避免重复建设。")
}
