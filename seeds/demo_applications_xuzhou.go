package seeds

import "github.com/smartcity/portfolio/domain"

// Applications to the “智慧徐州”发展专项资金 (2026年度), screened by 市智慧办 and decided and paid by
// 徐州市财政局 (the demo's finance account): the intelligent transport system's subsidy approved with
// two tranches paid and two waiting for their milestones, a second subsidy for the enlarged
// signal work waiting for the decision, the Shaji e-commerce subsidy (以奖代补) with money
// recovered after a spot check and its last tranche ready to pay, a traceability service
// purchase failed at screening and an upgrade still being drafted, and a service purchase waiting
// for screening. Amounts, dates and document numbers are the seed's plausible choices.
func loadApplicationsXuzhou(l *loader) {
	fund := l.fund("XZ-FUND-2026")
	xuzhouTransportSubsidy(l, fund)
	xuzhouSignalsSubsidy(l, fund)
	shajiECommerceSubsidy(l, fund)
	traceabilityServices(l, fund)
	traceabilityUpgrade(l, fund)
	shajiCentreServices(l, fund)
}

// 智能交通体系二期: APPROVED; m1 and m2 paid, m3 (overdue) and m4 waiting for their milestones.
func xuzhouTransportSubsidy(l *loader, fund *fund) {
	x := l.draftApplication("XZ-2025-003", fund, "xz-2026", fundingRequest{
		Mode: domain.SupportInvestmentSubsidy, Amount: wan(2400),
		Justification: "智能交通体系二期已立项(徐工信〔2025〕35号),交通信息共享与交换平台已上线。按资金计划申请" +
			"“智慧徐州”发展专项资金投资补助2400万元,按里程碑分期拨付。",
	})
	x.submit()
	x.pass("材料齐全,符合2026年度专项资金申报指南。")
	x.assign(expertCUMT, expertSEU)
	x.score(expertCUMT, 86, "阶段性成果明确,建议按里程碑分期拨付,信号配时优化完成后再拨付第三期。")
	x.score(expertSEU, 83, "补助比例可适当下调,泊车系统运营收益可覆盖部分投入。")
	x.approve("徐财建〔2026〕21号", "2026-03-26", wan(2000),
		tranche{"m1", wan(500)}, tranche{"m2", wan(600)}, tranche{"m3", wan(500)}, tranche{"m4", wan(400)})
	x.disburse("m1", "2026-04-14", "徐财拨〔2026〕0316号")
	x.disburse("m2", "2026-07-09", "徐财拨〔2026〕0587号")
}

// 智能交通体系二期, enlarged signal work: UNDER_EXPERT_REVIEW, both experts have scored, waiting for
// the finance bureau's decision.
func xuzhouSignalsSubsidy(l *loader, fund *fund) {
	x := l.draftApplication("XZ-2025-003", fund, "xz-2026-signals", fundingRequest{
		Mode: domain.SupportInvestmentSubsidy, Amount: wan(400),
		Justification: "依据阶段性成果动态调整:信号机改造范围由86个路口扩大至142个(预算调整申请已报市智慧办)," +
			"申请对新增56个路口的信号机和检测设备给予投资补助400万元。",
	})
	x.submit()
	x.pass("预算调整尚待市智慧办审批,请财政局决定时一并考虑。")
	x.assign(expertCUMT, expertNJU)
	x.score(expertCUMT, 81, "扩大改造范围有交通流量数据支撑,建议支持。")
	x.score(expertNJU, 77, "建议待预算调整批复后按批复规模核定补助金额。")
}

// 睢宁县“沙集模式”农村电商平台: APPROVED (以奖代补); m1 and m2 paid, 26万 recovered after a spot
// check, m3 achieved and ready to pay now that the project is accepted.
func shajiECommerceSubsidy(l *loader, fund *fund) {
	x := l.draftApplication("SN-2024-001", fund, "xz-2026", fundingRequest{
		Mode: domain.SupportInvestmentSubsidy, Amount: wan(800),
		Justification: "“沙集模式”农村电商平台已建成县级公共服务中心和12个乡镇电商服务站,按“以奖代补”方式申请" +
			"“智慧徐州”发展专项资金800万元。",
	})
	x.submit()
	x.pass("材料齐全,按以奖代补方式受理。")
	x.assign(expertCUMT, expertNJU)
	x.score(expertCUMT, 84, "沙集模式推广成效明显,县域网络零售额增长显著。")
	x.score(expertNJU, 80, "建议第三期待竣工验收后拨付。")
	x.approve("徐财建〔2026〕33号", "2026-04-28", wan(640),
		tranche{"m1", wan(190)}, tranche{"m2", wan(260)}, tranche{"m3", wan(190)})
	x.disburse("m1", "2026-05-20", "徐财拨〔2026〕0433号")
	x.disburse("m2", "2026-05-20", "徐财拨〔2026〕0434号")
	x.recoverMoney("2026-09-18", wan(26), "2026年9月市财政局会同市智慧办开展专项资金绩效抽查,发现魏集镇、凌城镇2个镇村电商服务站"+
		"建成后未实际运营,按“智慧徐州”发展专项资金管理办法收回对应补助资金26万元。")
}

// 肉菜流通追溯体系 operation services: SCREENING_FAILED.
func traceabilityServices(l *loader, fund *fund) {
	x := l.draftApplication("XZ-2014-002", fund, "xz-2026-services", fundingRequest{
		Mode: domain.SupportPurchaseOfServices, Amount: wan(180),
		Justification: "申请以政府购买服务方式支持肉菜流通追溯体系2026年度运维与数据服务180万元。",
	})
	x.submit()
	x.fail("系统日常运维经费应列入部门预算,不属于“智慧徐州”发展专项资金支持范围。",
		"未按申报指南提供2025年度运维服务绩效自评报告和服务合同。")
}

// 肉菜流通追溯体系 upgrade: DRAFT, revised once by its owner.
func traceabilityUpgrade(l *loader, fund *fund) {
	x := l.draftApplication("XZ-2014-002", fund, "xz-2026-upgrade", fundingRequest{
		Mode: domain.SupportInvestmentSubsidy, Amount: wan(350),
		Justification: "追溯体系升级:对接省重要产品追溯平台,扩展至农产品批发市场冷链环节。",
	})
	x.revise(fundingRequest{
		Mode: domain.SupportInvestmentSubsidy, Amount: wan(300),
		Justification: "追溯体系升级:对接省重要产品追溯平台,将“溯源码、批次编号”扩展至冷链环节,新增追溯节点120家;" +
			"利用“智慧徐州”云中心资源,不新建机房,申请投资补助300万元。",
	})
}

// 沙集电商公共服务中心 operation services: SUBMITTED, waiting for 市智慧办's screening.
func shajiCentreServices(l *loader, fund *fund) {
	x := l.draftApplication("SN-2024-001", fund, "xz-2026-services", fundingRequest{
		Mode: domain.SupportPurchaseOfServices, Amount: wan(150),
		Justification: "县级电商公共服务中心竣工验收后转入运营,申请以政府购买服务方式支持2027年度电商培训、" +
			"农产品网销孵化和镇村站点运营指导服务150万元。",
	})
	x.submit()
}
