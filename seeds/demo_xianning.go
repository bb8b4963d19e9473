package seeds

import "github.com/smartcity/portfolio/domain"

// Smart Xianning (咸政发〔2016〕6号): the 1 billion yuan 智慧咸宁建设基金 with fiscal money as the
// seed fund, PPP, and the 2017 targets — 680,000 fixed-broadband users of which 480,000 FTTH,
// fibre to every administrative village, 2 million 3G/4G users, e-commerce turnover of 15 billion
// yuan of which 5 billion online retail. The targets are the decision's; baselines, measurements,
// budgets, dates and document numbers are the seed's plausible choices.
func loadXianning(l *loader) {
	opticalXianning(l)
	xianningECommerce(l)
	xianningSmartTourism(l)
	chibiSmartAgriculture(l)
	chongyangIPTV(l)
	xianningUtilityTunnel(l) // demo_xianning_ppp.go
	xianningDataCentre(l)
}

// 光网咸宁: EVALUATED in 2019, all 2017 targets met.
func opticalXianning(l *loader) {
	p := l.propose("XN-2016-001", ownerXNEconIT, officeXianning, proposal{
		Name:   "“光网咸宁”宽带中国示范城市工程",
		Domain: domain.DomainBroadbandCloud, Region: "421200",
		Description: "大力实施宽带中国战略,落实光纤到户两项国家标准,新建区域宽带共享接入、已建区域“光进铜退”改造," +
			"全面实现光纤到企入户、行政村通光缆、自然村通宽带,城市和农村家庭分别具备100M、20M接入能力。",
		// Planned 2.8亿元 (not in the documents): 智慧咸宁建设基金 6000万 + 基础电信运营商自筹 1.8亿 + 银行贷款 4000万.
		Funding: domain.FundingPlan{ConstructionFund: wan(6000), SelfRaised: wan(18000), BankLoan: wan(4000)},
		Start:   "2016-04-01", End: "2017-12-31",
	})
	p.indicator("broadband", "固定宽带用户", "万户", "40.6", "68", "2017-12-31")
	p.indicator("ftth", "光纤到户(FTTH)用户", "万户", "21.3", "48", "2017-12-31")
	p.indicator("villages", "行政村光纤通达率", "%", "78", "100", "2017-12-31")
	p.indicator("mobile", "3G、4G总用户", "万户", "130", "200", "2017-12-31")
	p.plan("m1", "城区“光进铜退”改造完成", "2016-12-31", 35)
	p.plan("m2", "行政村光纤村村通", "2017-09-30", 35)
	p.plan("m3", "城市100M、农村20M家庭接入能力达标", "2017-12-31", 30)
	p.submit()
	p.review(expertHUST, 90, "目标与“宽带中国”示范城市创建要求一致,运营商投资承诺明确。")
	p.review(expertHBUST, 87, "建议同步推进武汉咸宁通信同城和4G行政村全覆盖。")
	p.approve("咸经信〔2016〕41号", wan(28000), "2016-06-08")
	p.startConstruction("2016-06-20")
	p.spend("2016-08-30", wan(7800), domain.ExpenditureConstruction, "城区管道与光缆“光进铜退”改造")
	p.spend("2016-12-15", wan(5600), domain.ExpenditureEquipment, "OLT、分光器等接入设备")
	p.achieve("m1", "2016-12-26", "城区“光进铜退”改造完成,运营商竣工资料。")
	p.measure("broadband", "2016-12-31", "55.2", "")
	p.measure("ftth", "2016-12-31", "35.8", "")
	p.measure("villages", "2016-12-31", "91", "")
	p.measure("mobile", "2016-12-31", "168", "")
	p.progress("2016-12-31", 35, "城区改造完成,农村光缆建设中。")
	p.spend("2017-05-20", wan(6900), domain.ExpenditureConstruction, "行政村光缆线路建设")
	p.achieve("m2", "2017-09-20", "全市行政村实现光纤村村通,市经信委核查表。")
	p.progress("2017-09-30", 70, "行政村光纤全部通达。")
	p.spend("2017-11-10", wan(4300), domain.ExpenditureEquipment, "农村宽带接入设备与提速改造")
	p.achieve("m3", "2017-12-29", "第三方测速:城市家庭100M、农村家庭20M接入能力达标。")
	p.measure("broadband", "2017-12-31", "69.4", "2017年目标68万户,已完成")
	p.measure("ftth", "2017-12-31", "49.1", "2017年目标48万户,已完成")
	p.measure("villages", "2017-12-31", "100", "")
	p.measure("mobile", "2017-12-31", "206", "")
	p.progress("2017-12-31", 100, "建设内容全部完成,2017年目标全部实现。")
	p.spend("2018-01-15", wan(600), domain.ExpenditureServices, "工程监理与第三方测速")
	p.requestAcceptance("三项里程碑全部完成,2017年目标全部实现,累计支出2.52亿元。")
	p.accept("2018-03-20", "同意通过验收。")
	p.startOperation("2018-04-01")
	p.evaluate("2019-03-28", 93, "2017年目标全部实现:固定宽带用户69.4万户(目标68万户),FTTH用户49.1万户(目标48万户),"+
		"行政村光纤通达率100%,“宽带中国”示范城市创建成效明显。")
}

// 咸宁市电子商务公共服务平台: IN_OPERATION since 2018.
func xianningECommerce(l *loader) {
	p := l.propose("XN-2016-002", ownerXNCommerce, officeXianning, proposal{
		Name:   "咸宁市电子商务公共服务平台",
		Domain: domain.DomainECommerce, Region: "421200",
		Description: "加强农村电子商务平台和服务体系建设,建设市级电子商务公共服务中心和县乡村三级农村电商服务体系," +
			"引导农民利用电子商务创新创业。2017年目标:电子商务交易额150亿元,其中网络零售额50亿元。",
		// Planned 2500万元 (not in the documents): 智慧咸宁建设基金 1500万 + 企业自筹 1000万.
		Funding: domain.FundingPlan{ConstructionFund: wan(1500), SelfRaised: wan(1000)},
		Start:   "2016-05-01", End: "2017-12-31",
	})
	p.indicator("turnover", "电子商务交易额", "亿元", "86", "150", "2017-12-31")
	p.indicator("retail", "网络零售额", "亿元", "22", "50", "2017-12-31")
	p.plan("m1", "市级电子商务公共服务中心建成", "2016-12-31", 40)
	p.plan("m2", "县乡村三级农村电商服务体系建成", "2017-10-31", 60)
	p.submit()
	p.review(expertWHU, 84, "目标与智慧咸宁决定一致,建议与物流配送体系统筹。")
	p.review(expertHBUST, 82, "农村服务站点需明确运营主体和可持续机制。")
	p.approve("咸经信〔2016〕58号", wan(2400), "2016-07-15")
	p.startConstruction("2016-08-01")
	p.spend("2016-10-20", wan(500), domain.ExpenditureConstruction, "市级电商公共服务中心改造")
	p.achieve("m1", "2016-12-16", "市级电商公共服务中心开业运营。")
	p.measure("turnover", "2016-12-31", "118", "")
	p.measure("retail", "2016-12-31", "36", "")
	p.progress("2016-12-31", 40, "公共服务中心建成。")
	p.spend("2017-03-15", wan(700), domain.ExpenditureSoftware, "电商公共服务平台与农产品网销系统")
	p.spend("2017-09-30", wan(600), domain.ExpenditureEquipment, "县乡村电商服务站设备")
	p.achieve("m2", "2017-11-10", "县乡村三级电商服务站点建成运营,较计划晚十天。")
	p.measure("turnover", "2017-12-31", "156", "2017年目标150亿元,已完成")
	p.measure("retail", "2017-12-31", "52", "2017年目标50亿元,已完成")
	p.progress("2017-12-31", 100, "建设内容全部完成。")
	p.requestAcceptance("两项里程碑全部完成,2017年目标实现,累计支出1800万元。")
	p.accept("2018-01-19", "同意通过验收。")
	p.startOperation("2018-02-01")
	p.measure("turnover", "2018-12-31", "191", "")
	p.measure("retail", "2018-12-31", "67", "")
	p.spend("2019-01-20", wan(120), domain.ExpenditureServices, "平台运营服务(2018年度)")
}

// 咸宁智慧旅游一体化平台: IN_CONSTRUCTION, one milestone rescheduled with a reason.
func xianningSmartTourism(l *loader) {
	p := l.propose("XN-2024-003", ownerXNTourism, officeXianning, proposal{
		Name:   "咸宁智慧旅游一体化平台(温泉·九宫山·赤壁古战场)",
		Domain: domain.DomainTourism, Region: "421200",
		Description: "发展智慧旅游,建设全域旅游大数据中心、景区电子联票与分时预约、线上智慧旅游平台与游客服务小程序," +
			"推动旅游服务线上预订与线下服务结合。",
		// Planned 3000万元 (not in the documents): 智慧咸宁建设基金 1800万 + 景区企业自筹 1200万.
		Funding: domain.FundingPlan{ConstructionFund: wan(1800), SelfRaised: wan(1200)},
		Start:   "2024-04-01", End: "2027-03-31",
	})
	p.indicator("booking", "A级景区分时预约覆盖率", "%", "10", "100", "2026-12-31")
	p.plan("m1", "全域旅游大数据中心建成", "2025-03-31", 30)
	p.plan("m2", "景区电子联票与分时预约上线", "2025-10-31", 30)
	p.plan("m3", "线上智慧旅游平台与游客服务小程序上线", "2026-12-31", 40)
	p.submit()
	p.review(expertWHU, 85, "全域旅游数据整合思路清晰。")
	p.review(expertHUST, 83, "电子联票需与景区票务系统统一接口标准。")
	p.approve("咸经信〔2024〕23号", wan(2900), "2024-06-20")
	p.startConstruction("2024-07-15")
	p.spend("2024-10-30", wan(600), domain.ExpenditureEquipment, "旅游大数据中心计算与存储资源")
	p.progress("2024-12-31", 15, "大数据中心建设中。")
	p.achieve("m1", "2025-03-28", "全域旅游大数据中心建成,接入景区客流与交通数据。")
	p.spend("2025-04-20", wan(500), domain.ExpenditureSoftware, "旅游大数据分析系统")
	p.progress("2025-06-30", 35, "电子联票与分时预约开发中。")
	p.reschedule("m2", "2026-04-30", "九宫山景区游客中心及索道改造延期,闸机与预约系统安装顺延,经市智慧办同意调整至2026年4月。")
	p.spend("2025-11-30", wan(450), domain.ExpenditureSoftware, "电子联票与分时预约系统")
	p.measure("booking", "2025-12-31", "40", "")
	p.progress("2025-12-31", 45, "温泉景区分时预约上线,九宫山景区待改造完成。")
	p.achieve("m2", "2026-04-26", "全市A级景区电子联票与分时预约上线。")
	p.spend("2026-05-15", wan(520), domain.ExpenditureEquipment, "景区闸机与自助售取票设备")
	p.measure("booking", "2026-06-30", "78", "")
	p.progress("2026-06-30", 62, "电子联票上线,线上平台开发中。")
	p.progress("2026-10-31", 70, "游客服务小程序内测。")
}

// 赤壁市智慧农业云服务平台: SUSPENDED from construction for a rectification.
func chibiSmartAgriculture(l *loader) {
	p := l.propose("XN-2025-004", ownerCBAgri, officeXianning, proposal{
		Name:   "赤壁市智慧农业云服务平台(青砖茶产业物联网)",
		Domain: domain.DomainAgriculture, Region: "421281",
		Description: "加快农业物联网技术在农业生产、农产品加工流通和农业信息服务的应用推广,以茶产业为重点建设茶园物联网监测、" +
			"智慧农业云服务平台和农产品网销与溯源对接。",
		// Planned 900万元 (not in the documents): 智慧咸宁建设基金 600万 + 自筹 300万.
		Funding: domain.FundingPlan{ConstructionFund: wan(600), SelfRaised: wan(300)},
		Start:   "2025-03-01", End: "2026-12-31",
	})
	p.indicator("area", "物联网监测覆盖茶园面积", "亩", "0", "50000", "2026-12-31")
	p.plan("m1", "茶园物联网监测点建成", "2025-10-31", 40)
	p.plan("m2", "智慧农业云服务平台上线", "2026-06-30", 40)
	p.plan("m3", "农产品网销与溯源对接", "2026-12-31", 20)
	p.submit()
	p.review(expertHBUST, 80, "茶产业特色鲜明,监测点布设需结合主产区。")
	p.review(expertWHU, 78, "云平台应部署在市政府大数据中心,避免自建。")
	p.approve("咸经信〔2025〕17号", wan(880), "2025-04-22")
	p.startConstruction("2025-05-20")
	p.spend("2025-07-20", wan(320), domain.ExpenditureEquipment, "茶园环境监测传感器与网关")
	p.achieve("m1", "2025-11-12", "茶园物联网监测点建成并联网。")
	p.spend("2025-12-15", wan(180), domain.ExpenditureSoftware, "智慧农业云服务平台开发(首付)")
	p.measure("area", "2025-12-31", "18000", "")
	p.progress("2025-12-31", 40, "监测点建成,平台开发中。")
	p.progress("2026-06-30", 48, "平台开发滞后于计划。")
	p.suspend("2026年7月专项审计发现平台开发合同变更未履行审批程序、工程监理缺位,暂停建设并限期整改;整改完成前暂停资金拨付。")
}

// 崇阳县幸福新农村IPTV惠民服务平台: CANCELLED by its owner while under review.
func chongyangIPTV(l *loader) {
	p := l.propose("CY-2016-001", ownerCYCountyGov, officeXianning, proposal{
		Name:   "崇阳县“幸福新农村IPTV”惠民服务平台",
		Domain: domain.DomainCommunity, Region: "421223",
		Description: "推广“幸福新农村IPTV”惠民服务平台,提高农村信息化应用水平。",
		// Planned 500万元 (not in the documents).
		Funding: domain.FundingPlan{ConstructionFund: wan(300), SelfRaised: wan(200)},
		Start:   "2016-09-01", End: "2017-12-31",
	})
	p.submit()
	p.review(expertHBUST, 72, "内容与市级三网融合工程重叠,建议并入市级统一建设。")
	p.cancel(ownerCYCountyGov, "市级统一推进“幸福新农村IPTV”惠民服务平台和广电网络双向化、智能化改造,本县平台并入市级三网融合工程统一建设,避免重复建设,撤回申报。")
}
