package seeds

import "github.com/smartcity/portfolio/domain"

// Smart Xuzhou (市政府关于加快推进“智慧徐州”建设的实施意见, 2014): the cloud centre built by
// purchase of services under “不扩建、不新建、集中部署”, the meat-and-vegetable traceability system
// of the Ministry of Commerce's fourth pilot batch, the intelligent transport system, the
// logistics information platform of the “金融物流” model and the “沙集模式” of rural e-commerce.
// The special fund is managed by 市智慧办 together with 市财政局 (扎口管理); projects are approved
// by 市智慧办 with documents of the commission it sits in: 徐经信 (市经信委) until the 2019
// reorganisation, 徐工信 (市工业和信息化局) after. Budgets, dates, document numbers and measurements are the
// seed's plausible choices; the 2015 targets quoted (100Mbps e-government extranet access) are
// the opinions'.
func loadXuzhou(l *loader) {
	xuzhouCloudCentre(l)
	xuzhouMeatVegetableTraceability(l)
	xuzhouIntelligentTransport(l)
	xuzhouLogisticsPlatform(l)
	pizhouGovernmentCloud(l)
	suiningShajiECommerce(l)
}

// “智慧徐州”云中心: EVALUATED in 2018.
func xuzhouCloudCentre(l *loader) {
	p := l.propose("XZ-2014-001", ownerXZBigData, officeXuzhou, proposal{
		Name:   "“智慧徐州”云中心",
		Domain: domain.DomainBroadbandCloud, Region: "320300",
		Description: "以“安全高效、节约成本、运维专业”为目标,采用购买服务模式集约建设“智慧徐州”云中心。" +
			"按照“不扩建、不新建、集中部署”的原则,新增智慧应用直接部署在云中心,各部门已建非涉密应用系统逐步迁移。",
		// Planned 4800万元 (not in the documents): 智慧徐州发展专项资金 3200万 + 自筹 1600万.
		Funding: domain.FundingPlan{FiscalSpecialFund: wan(3200), SelfRaised: wan(1600)},
		Start:   "2014-06-01", End: "2016-06-30",
	})
	p.indicator("apps", "迁入云中心的部门应用系统", "个", "0", "150", "2016-12-31")
	p.indicator("bandwidth", "电子政务外网接入带宽", "Mbps", "20", "100", "2015-12-31")
	p.plan("m1", "云中心机房与网络建成", "2015-03-31", 30)
	p.plan("m2", "云平台上线,新增智慧应用集中部署", "2015-09-30", 30)
	p.plan("m3", "已建非涉密应用系统迁移(首批)", "2016-03-31", 40)
	p.submit()
	p.review(expertCUMT, 89, "购买服务模式可降低一次性投入,建议服务合同明确可用性与安全责任。")
	p.review(expertNJU, 86, "迁移计划应按部门分批,先迁公共服务类应用。")
	p.approve("徐经信〔2014〕87号", wan(4500), "2014-08-18")
	p.startConstruction("2014-09-01")
	p.spend("2014-11-20", wan(1400), domain.ExpenditureEquipment, "云中心网络与安全设备")
	p.achieve("m1", "2015-03-26", "机房与网络通过第三方测试;电子政务外网接入带宽达到100Mbps。")
	p.progress("2015-03-31", 30, "机房与网络建成。")
	p.spend("2015-05-15", wan(900), domain.ExpenditureSoftware, "云管理平台与虚拟化软件")
	p.achieve("m2", "2015-09-28", "云平台上线运行,新增应用全部部署于云中心。")
	p.progress("2015-09-30", 60, "云平台上线,开始迁移。")
	p.spend("2015-12-10", wan(780), domain.ExpenditureServices, "购买云服务(2015年度)")
	p.measure("apps", "2015-12-31", "48", "")
	p.measure("bandwidth", "2015-12-31", "100", "")
	p.achieve("m3", "2016-04-15", "首批121个部门非涉密应用系统完成迁移,迁移验收清单。")
	p.progress("2016-04-30", 100, "首批迁移完成,较计划晚两周。")
	p.spend("2016-05-20", wan(650), domain.ExpenditureServices, "应用迁移服务")
	p.measure("apps", "2016-06-30", "121", "")
	p.requestAcceptance("三项里程碑全部完成,累计支出3730万元。")
	p.accept("2016-06-28", "云中心运行稳定,迁移计划按期完成,同意通过验收。")
	p.startOperation("2016-07-01")
	p.measure("apps", "2016-12-31", "163", "")
	p.evaluate("2018-06-30", 90, "全市智慧应用统一承载,基础层面共建共享,避免了部门重复建设机房,绩效评价优秀。")
}

// 肉菜流通追溯体系: IN_OPERATION since 2016.
func xuzhouMeatVegetableTraceability(l *loader) {
	p := l.propose("XZ-2014-002", ownerXZCommerce, officeXuzhou, proposal{
		Name:   "徐州市肉菜流通追溯体系",
		Domain: domain.DomainFoodSafety, Region: "320300",
		Description: "以商务部第四批肉菜流通追溯体系建设试点城市为契机,采用卡标共用模式,实现对食品质量的全过程、" +
			"多层次链条监管;建立企业经营专题数据库并纳入信用评价体系;以“溯源码、批次编号”为凭证," +
			"通过网站、查询终端、手机等渠道提供追溯信息服务。",
		// Planned 2800万元 (not in the documents): 中央及市级财政专项 2000万 + 企业自筹 800万.
		Funding: domain.FundingPlan{FiscalSpecialFund: wan(2000), SelfRaised: wan(800)},
		Start:   "2014-07-01", End: "2016-06-30",
	})
	p.indicator("nodes", "纳入追溯体系的肉菜流通节点企业", "家", "0", "500", "2016-06-30")
	p.indicator("terminals", "追溯查询终端", "台", "0", "300", "2016-06-30")
	p.plan("m1", "城市追溯管理平台上线", "2015-03-31", 30)
	p.plan("m2", "批发市场、农贸市场、超市追溯节点建成", "2015-12-31", 40)
	p.plan("m3", "查询终端与手机查询上线", "2016-03-31", 30)
	p.submit()
	p.review(expertCUMT, 85, "卡标共用模式成熟,建议与市场监管部门数据共享。")
	p.review(expertSEU, 82, "节点企业数据采集应降低商户操作负担。")
	p.approve("徐经信〔2014〕102号", wan(2600), "2014-09-25")
	p.startConstruction("2014-10-20")
	p.spend("2014-12-15", wan(600), domain.ExpenditureSoftware, "城市追溯管理平台开发")
	p.achieve("m1", "2015-03-20", "追溯管理平台上线,与商务部追溯平台对接。")
	p.progress("2015-03-31", 30, "管理平台上线。")
	p.spend("2015-06-30", wan(900), domain.ExpenditureEquipment, "追溯电子秤、读卡器等节点设备")
	p.measure("nodes", "2015-06-30", "180", "")
	p.spend("2015-11-30", wan(500), domain.ExpenditureEquipment, "追溯查询终端")
	p.achieve("m2", "2015-12-25", "生猪屠宰、批发市场、农贸市场和超市节点建成,节点验收表。")
	p.measure("nodes", "2015-12-31", "420", "")
	p.progress("2015-12-31", 70, "节点建设完成,查询终端部署中。")
	p.spend("2016-03-20", wan(200), domain.ExpenditureServices, "监理与系统测评")
	p.achieve("m3", "2016-04-08", "查询终端与手机查询上线运行。")
	p.measure("terminals", "2016-04-30", "312", "")
	p.progress("2016-04-30", 100, "建设内容全部完成。")
	p.measure("nodes", "2016-06-30", "536", "")
	p.requestAcceptance("三项里程碑全部完成,累计支出2200万元,试点任务完成。")
	p.accept("2016-06-15", "达到商务部试点验收要求,同意通过验收。")
	p.startOperation("2016-07-01")
	p.measure("nodes", "2017-12-31", "610", "")
	p.spend("2018-03-31", wan(150), domain.ExpenditureServices, "系统运维(2017年度)")
}

// 智能交通体系二期: IN_CONSTRUCTION, with a rescheduled milestone, an overdue one and a budget
// revision waiting for the office.
func xuzhouIntelligentTransport(l *loader) {
	p := l.propose("XZ-2025-003", ownerXZTraffic, officeXuzhou, proposal{
		Name:   "徐州市智能交通体系二期(智能泊车与交通诱导)",
		Domain: domain.DomainTransport, Region: "320300",
		Description: "在智能交通监控平台基础上,建设交通信息共享与交换体系、智能泊车管理系统、交通诱导与信号配时优化," +
			"统一出租车电召服务和城际交通运输信息服务,形成“内部出行便捷、外部过境通畅、内外部衔接顺畅”的交通格局。",
		// Planned 3600万元 (not in the documents): 智慧徐州发展专项资金 2400万 + 自筹 1200万.
		Funding: domain.FundingPlan{FiscalSpecialFund: wan(2400), SelfRaised: wan(1200)},
		Start:   "2025-03-01", End: "2027-06-30",
	})
	p.indicator("parking", "接入智能泊车系统的泊位", "个", "0", "30000", "2027-06-30")
	p.indicator("speed", "主城区高峰时段平均车速", "km/h", "18.5", "22", "2027-06-30")
	p.plan("m1", "交通信息共享与交换平台上线", "2025-10-31", 20)
	p.plan("m2", "主城区智能泊车管理系统(一期)", "2026-03-31", 25)
	p.plan("m3", "交通诱导系统与信号配时优化", "2026-09-30", 30)
	p.plan("m4", "出租车统一电召与城际交通信息服务", "2027-06-30", 25)
	p.submit()
	p.review(expertCUMT, 84, "泊位数据应向社会停车场开放接入,建议采用政府购买服务运营。")
	p.review(expertSEU, 80, "信号配时优化需分区域试点,评估后推广。")
	p.approve("徐工信〔2025〕35号", wan(3500), "2025-04-18")
	p.startConstruction("2025-05-12")
	p.spend("2025-07-15", wan(600), domain.ExpenditureSoftware, "交通信息共享与交换平台开发")
	p.achieve("m1", "2025-10-28", "交通信息共享交换平台上线,接入公安、交通运输、城管数据。")
	p.spend("2025-12-10", wan(900), domain.ExpenditureEquipment, "泊位检测器与停车诱导屏(首批)")
	p.progress("2025-12-31", 22, "交换平台上线,智能泊车设备安装中。")
	p.reschedule("m2", "2026-06-30", "城市轨道交通施工占道,主干道停车诱导屏安装点位调整,经市智慧办同意顺延一个季度。")
	p.spend("2026-05-30", wan(1100), domain.ExpenditureEquipment, "泊位检测器与停车诱导屏(二批)")
	p.achieve("m2", "2026-06-22", "主城区智能泊车系统(一期)上线,接入泊位12400个。")
	p.measure("parking", "2026-06-30", "12400", "")
	p.progress("2026-06-30", 45, "智能泊车一期上线;交通诱导系统开发中。")
	p.spend("2026-09-25", wan(260), domain.ExpenditureServices, "工程监理(2026年度)")
	p.progressNote("2026-09-30", 42, "交通诱导系统因信号机改造范围扩大而滞后。",
		"信号机改造范围由86个路口扩大至142个,按新口径重新测算完成比例,进度较上次报告下调。")
	p.measure("parking", "2026-10-31", "16850", "")
	p.measure("speed", "2026-10-31", "19.2", "")
	p.proposeRevision("signals", wan(4150),
		"阶段性成果评估后动态调整:信号机改造范围由86个路口扩大至142个,增加信号机和检测设备650万元。")
}

// 物流公共信息服务平台(金融物流): RETURNED for revision after the first review round.
func xuzhouLogisticsPlatform(l *loader) {
	p := l.propose("XZ-2026-004", ownerXZDRC, officeXuzhou, proposal{
		Name:   "徐州物流公共信息服务平台(金融物流)",
		Domain: domain.DomainLogistics, Region: "320300",
		Description: "积极引入金融物流模式,构建物流公共信息服务平台,整合银行、工矿企业、物流企业资源,支持在线交易、" +
			"贷款融资,实现物流、信息流、资金流“三流合一”和金融业、物流业、制造业“三业融合”。",
		// Planned 5000万元 (not in the documents).
		Funding: domain.FundingPlan{FiscalSpecialFund: wan(1500), SelfRaised: wan(1000), BankLoan: wan(2500)},
		Start:   "2027-01-01", End: "2028-12-31",
	})
	p.plan("m1", "物流公共信息服务平台上线", "2027-12-31", 50)
	p.plan("m2", "金融物流供应链服务上线", "2028-12-31", 50)
	p.submit()
	p.review(expertCUMT, 68, "方向正确,但银行、工矿企业、物流企业的数据共享和风险分担机制不明确。")
	p.review(expertNJU, 72, "2500万元银行贷款的还款来源缺少测算;平台应部署在“智慧徐州”云中心。")
	p.returnForRevision("请补充:一、金融物流模式下各方数据共享与风险分担机制;二、银行贷款2500万元的还款来源测算;" +
		"三、按“不扩建、不新建、集中部署”原则改为部署在“智慧徐州”云中心后重新申报。")
	// The owner answers the loan question by turning to a PPP (demo_ppp_xuzhou.go): social capital
	// replaces the self-raised money and the bank loan, repaid from platform fees and a
	// viability-gap subsidy. Not resubmitted yet: the PPP's affordability review comes first.
	revised := p.details
	p.revise(proposal{
		Name: revised.Name, Domain: revised.Domain, Region: revised.Region,
		Description: revised.Description + "采用PPP模式(BOT,可行性缺口补助)引入社会资本建设运营,平台部署在“智慧徐州”云中心。",
		Funding:     domain.FundingPlan{FiscalSpecialFund: wan(1500), PPPSocialCapital: wan(3500)},
		Start:       "2027-01-01", End: "2028-12-31",
	})
}

// 邳州市政务云平台: REJECTED as duplicate construction.
func pizhouGovernmentCloud(l *loader) {
	p := l.propose("PZ-2015-001", ownerPZEconIT, officeXuzhou, proposal{
		Name:   "邳州市政务云平台",
		Domain: domain.DomainBroadbandCloud, Region: "320382",
		Description: "自建政务云机房和云计算平台,承载市级部门业务系统。",
		// Planned 1500万元 (not in the documents).
		Funding: domain.FundingPlan{FiscalSpecialFund: wan(900), SelfRaised: wan(600)},
		Start:   "2015-07-01", End: "2016-12-31",
	})
	p.submit()
	p.review(expertCUMT, 55, "与“智慧徐州”云中心功能重复,县级应用可直接部署在市云中心。")
	p.review(expertSEU, 58, "自建机房利用率低、运维成本高,不符合集约化建设要求。")
	p.reject("根据《市政府关于加快推进“智慧徐州”建设的实施意见》“不扩建、不新建、集中部署”的原则," +
		"新增智慧应用应直接部署在“智慧徐州”云中心。本项目拟自建机房与云平台,属重复建设,不予立项;请依托市云中心申请云服务。")
}

// 睢宁县沙集农村电子商务公共服务平台: ACCEPTED, not yet in operation.
func suiningShajiECommerce(l *loader) {
	p := l.propose("SN-2024-001", ownerSNCommerce, officeXuzhou, proposal{
		Name:   "睢宁县“沙集模式”农村电子商务公共服务平台",
		Domain: domain.DomainECommerce, Region: "320324",
		Description: "强力推动农村电子商务发展与应用,支持“沙集模式”在条件成熟的乡镇推广:建设县级电商公共服务中心、" +
			"镇村电商服务站和农产品溯源与网销平台。",
		// Planned 1300万元 (not in the documents).
		Funding: domain.FundingPlan{FiscalSpecialFund: wan(800), SelfRaised: wan(500)},
		Start:   "2024-03-01", End: "2026-06-30",
	})
	p.indicator("towns", "建成电商服务站的乡镇", "个", "3", "12", "2026-06-30")
	p.indicator("retail", "县域网络零售额", "亿元", "120", "180", "2026-06-30")
	p.plan("m1", "县级电商公共服务中心建成", "2024-12-31", 30)
	p.plan("m2", "“沙集模式”推广至12个乡镇服务站", "2025-09-30", 40)
	p.plan("m3", "农产品溯源与网销平台上线", "2026-06-30", 30)
	p.submit()
	p.review(expertCUMT, 83, "沙集模式经验成熟,建议加强家具产业以外的农产品上行。")
	p.review(expertNJU, 80, "溯源平台应对接市肉菜及农产品追溯体系。")
	p.approve("徐工信〔2024〕61号", wan(1250), "2024-05-16")
	p.startConstruction("2024-06-03")
	p.spend("2024-09-30", wan(350), domain.ExpenditureConstruction, "县级电商公共服务中心装修改造")
	p.achieve("m1", "2024-12-18", "县级电商公共服务中心投入使用。")
	p.progress("2024-12-31", 30, "服务中心建成,镇村站点建设中。")
	p.spend("2025-06-20", wan(420), domain.ExpenditureEquipment, "镇村电商服务站设备")
	p.achieve("m2", "2025-10-15", "12个乡镇电商服务站建成运营,较计划晚半个月。")
	p.measure("towns", "2025-10-31", "12", "")
	p.measure("retail", "2025-12-31", "158", "")
	p.progress("2025-12-31", 70, "镇村站点全部建成,溯源与网销平台开发中。")
	p.spend("2026-03-31", wan(300), domain.ExpenditureSoftware, "农产品溯源与网销平台开发")
	p.achieve("m3", "2026-06-26", "溯源与网销平台上线,对接市级追溯平台。")
	p.progress("2026-06-30", 100, "全部建设内容完成。")
	p.measure("retail", "2026-06-30", "176", "")
	p.spend("2026-07-20", wan(80), domain.ExpenditureServices, "监理与验收测评")
	p.requestAcceptance("三项里程碑全部完成,累计支出1150万元。")
	p.accept("2026-11-06", "建设内容全部完成,同意通过验收;请于年底前投入运营。")
}
