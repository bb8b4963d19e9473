package seeds

import "github.com/smartcity/portfolio/domain"

// Huai'an, from Jiangsu's 2018 reply: the first smart city in the province built as a PPP, a
// provincial PPP pilot reported for the national demonstration list, with 中兴通讯股份有限公司
// chosen by public tender as social-capital partner, builder and operator. Its investment, the
// split between social capital and the government, the dates and document numbers are the seed's
// plausible choices (the reply gives none). Also a district smart-elderly-care proposal after the
// reply's “虚拟养老院” pilots.
func loadHuaian(l *loader) {
	huaianPPP(l)
	qingjiangpuElderlyCare(l)
}

// “智慧淮安”PPP项目: returned once, then approved; suspended and resumed in the 2018 clean-up of
// the PPP project database; budget revised (approved); IN_OPERATION since 2020.
func huaianPPP(l *loader) {
	first := proposal{
		Name:   "“智慧淮安”PPP项目",
		Domain: domain.DomainEGovernment, Region: "320800",
		Description: "全省率先采用政府和社会资本合作(PPP)模式建设智慧城市,建设城市运营管理中心、智慧政务与信息资源共享平台" +
			"及智慧城管、智慧交通等民生应用,通过公开招标选择社会资本合作方和建设运营商。",
		// First proposal 6亿元 (not in the documents): PPP 社会资本 4.8亿 + 市级财政 1.2亿.
		Funding: domain.FundingPlan{FiscalSpecialFund: wan(12000), PPPSocialCapital: wan(48000)},
		Start:   "2016-01-01", End: "2019-12-31",
	}
	p := l.propose("HA-2016-001", ownerHACityGov, officeHuaian, first)
	p.submit()
	p.review(expertHYIT, 74, "PPP模式有示范意义,但缺少物有所值评价和财政承受能力论证。")
	p.review(expertSEU, 76, "政府出资比例和可行性缺口补助测算不清。")
	p.returnForRevision("请补充物有所值评价和财政承受能力论证报告(年度政府PPP支出不超过一般公共预算支出的10%)," +
		"明确运作方式、合作期限、政府出资比例和回报机制后重新提交。")
	revised := first
	revised.Description = first.Description + "运作方式BOT,合作期15年,回报机制为可行性缺口补助,政府出资代表持股20%;" +
		"已通过物有所值评价和财政承受能力论证,列为省级PPP试点项目并报国家示范。经公开招标确定中兴通讯股份有限公司为社会资本合作方和建设运营商。"
	// Revised to 5.5亿元: PPP 社会资本 4.6亿 + 市级财政 9000万.
	revised.Funding = domain.FundingPlan{FiscalSpecialFund: wan(9000), PPPSocialCapital: wan(46000)}
	p.revise(revised)
	p.submit()
	p.review(expertHYIT, 86, "补充材料完整,财政承受能力论证结论可行。")
	p.review(expertSEU, 85, "建议绩效考核与可行性缺口补助挂钩。")
	p.approve("淮经信〔2016〕52号", wan(55000), "2016-07-26")
	p.indicator("systems", "接入城市运营管理中心的部门业务系统", "个", "0", "60", "2019-12-31")
	p.indicator("video", "整合接入的城市视频监控资源", "路", "3000", "20000", "2019-12-31")
	p.plan("m1", "城市运营管理中心建成", "2017-06-30", 25)
	p.plan("m2", "智慧政务与信息资源共享平台上线", "2017-12-31", 25)
	p.plan("m3", "智慧城管、智慧交通等民生应用上线", "2018-12-31", 30)
	p.plan("m4", "全市运营服务体系与数据开放", "2019-06-30", 20)
	p.startConstruction("2016-09-01")
	p.spend("2016-12-20", wan(9800), domain.ExpenditureConstruction, "城市运营管理中心土建与机房(社会资本方出资)")
	p.spend("2017-06-15", wan(12600), domain.ExpenditureEquipment, "运营管理中心大屏、网络与计算设备")
	p.achieve("m1", "2017-06-28", "城市运营管理中心建成投用,中兴通讯交付报告。")
	p.progress("2017-06-30", 28, "运营管理中心建成。")
	p.spend("2017-12-10", wan(8400), domain.ExpenditureSoftware, "智慧政务与信息资源共享平台")
	p.measure("systems", "2017-12-31", "18", "")
	p.progress("2017-12-31", 45, "政务平台联调中。")
	p.achieve("m2", "2018-01-20", "智慧政务与信息资源共享平台上线,较计划晚三周。")
	p.suspend("2018年按财政部办公厅《关于规范政府和社会资本合作(PPP)综合信息平台项目库管理的通知》(财办金〔2017〕92号)" +
		"开展项目库集中清理,暂停建设,补充完善物有所值评价和财政承受能力论证材料。")
	p.resume("经省财政厅复核,项目符合规范要求,保留在PPP项目库,恢复建设。")
	p.proposeRevision("video", wan(58200), "依据阶段性成果动态调整后续建设方案:新增“雪亮工程”视频资源整合接入,增加投资3200万元,由社会资本方出资。")
	p.approveRevision("video", "经市智慧办会同市财政局审核,同意调整;增加部分由社会资本方出资,不增加政府支出责任。")
	p.spend("2018-10-30", wan(9900), domain.ExpenditureSoftware, "智慧城管、智慧交通应用开发")
	p.progress("2018-12-31", 68, "民生应用开发完成,试运行中。")
	p.achieve("m3", "2019-03-15", "智慧城管、智慧交通等民生应用上线,因项目库清理暂停顺延。")
	p.spend("2019-04-30", wan(8700), domain.ExpenditureEquipment, "视频资源整合接入设备")
	p.measure("video", "2019-06-30", "16500", "")
	p.achieve("m4", "2019-09-30", "运营服务体系建立,政务数据开放门户上线。")
	p.spend("2019-09-20", wan(3100), domain.ExpenditureServices, "监理、审计与绩效评价")
	p.measure("systems", "2019-09-30", "63", "")
	p.progress("2019-09-30", 100, "建设期全部内容完成。")
	p.requestAcceptance("四项里程碑全部完成,累计支出5.25亿元(含社会资本方出资)。")
	p.accept("2019-12-20", "建设内容全部完成,同意通过验收,转入运营期绩效考核。")
	p.startOperation("2020-01-01")
	p.measure("video", "2020-12-31", "21800", "")
}

// 清江浦区智慧养老服务平台: PROPOSED, not yet submitted.
func qingjiangpuElderlyCare(l *loader) {
	p := l.propose("HA-2026-002", ownerHAQJPCivil, officeHuaian, proposal{
		Name:   "清江浦区智慧养老服务平台(虚拟养老院)",
		Domain: domain.DomainCommunity, Region: "320812",
		Description: "建设“虚拟养老院”信息化社区居家养老服务平台,辖区养老服务机构全部接入全省统一业务管理系统," +
			"提供助餐、助医、紧急呼叫等上门服务;拟采用委托运营(O&M)PPP模式引入专业养老服务运营商。",
		// Planned 660万元 (not in the documents), the platform's operator investing 260万 as a PPP
		// (demo_ppp_huaian.go).
		Funding: domain.FundingPlan{FiscalSpecialFund: wan(400), PPPSocialCapital: wan(260)},
		Start:   "2027-03-01", End: "2028-06-30",
	})
	p.plan("m1", "虚拟养老院平台上线", "2027-12-31", 60)
	p.plan("m2", "辖区养老服务机构全部接入", "2028-06-30", 40)
	p.indicator("elders", "平台服务的居家老人", "人", "0", "12000", "2028-06-30")
}
