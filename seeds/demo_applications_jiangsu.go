package seeds

import "github.com/smartcity/portfolio/domain"

// Applications to the provincial special fund (2025年度省工业和信息化专项引导资金, 智慧江苏重点示范工程),
// screened by 省信息化办 and decided by 江苏省财政厅: the land cloud's subsidy approved and paid in
// full and its node services returned for revision, an operating project's upgrade rejected, and
// the Huai'an PPP's loan interest subsidy resubmitted after a return and being scored again.
// Amounts, dates and document numbers are the seed's plausible choices.
func loadApplicationsJiangsu(l *loader) {
	fund := l.fund("JS-FUND-2025")
	landCloudSubsidy(l, fund)
	changxingUpgradeSubsidy(l, fund)
	landCloudServices(l, fund)
	huaianPPPLoanInterest(l, fund)
}

// 智慧国土“一张图”·国土云(二期): APPROVED, every tranche paid.
func landCloudSubsidy(l *loader, fund *fund) {
	x := l.draftApplication("JS-2023-004", fund, "js-2025", fundingRequest{
		Mode: domain.SupportInvestmentSubsidy, Amount: wan(4500),
		Justification: "本项目为智慧江苏重点示范工程(国土领域),落实苏政发〔2014〕103号“加快构建覆盖全省的‘国土云’”要求。" +
			"时空信息数据库已于2024年6月建成,申请省级专项引导资金投资补助4500万元,用于“国土云”省级平台开发和市县接入改造。",
	})
	x.submit()
	x.pass("申报材料齐全,符合2025年度省工业和信息化专项引导资金申报指南(智慧江苏重点示范工程)。")
	x.assign(expertNJU, expertCAICT)
	x.score(expertNJU, 88, "建设成效明确,时空信息数据库已通过质检,建议按里程碑分期拨付。")
	x.score(expertCAICT, 85, "市县接入改造需与省大数据共享交换平台同步规划,避免重复投入。")
	x.approve("苏财工贸〔2025〕36号", "2025-04-18", wan(4000),
		tranche{"m1", wan(1200)}, tranche{"m2", wan(1400)}, tranche{"m3", wan(1400)})
	x.disburse("m1", "2025-05-09", "苏财拨〔2025〕1127号")
	x.disburse("m2", "2025-07-22", "苏财拨〔2025〕1865号")
	x.disburse("m3", "2026-07-30", "苏财拨〔2026〕1502号(2025年度结转资金)")
}

// 畅行江苏 upgrade: REJECTED, an operating system's renewal is the department's own budget.
func changxingUpgradeSubsidy(l *loader, fund *fund) {
	x := l.draftApplication("JS-2016-001", fund, "js-2025", fundingRequest{
		Mode: domain.SupportInvestmentSubsidy, Amount: wan(1500),
		Justification: "“畅行江苏”已实现交通一卡通县(市、区)全覆盖,申请省级专项引导资金1500万元,用于高速公路ETC车道设备更新" +
			"和交通一卡通清分结算平台扩容。",
	})
	x.submit()
	x.pass("材料齐全。")
	x.assign(expertSEU, expertCAICT)
	x.score(expertSEU, 62, "申报内容以既有设备更新和扩容为主,示范性和创新性不足。")
	x.score(expertCAICT, 65, "项目已于2019年竣工验收并进入运营期,运维和更新费用应有稳定的部门预算和通行费收入来源。")
	x.reject("项目已于2019年通过竣工验收并进入运营期,申报内容为既有系统设备更新与扩容,应由部门预算和ETC通行费收入安排," +
		"不符合专项引导资金“重点示范、精准投入”的支持方向,不予支持。")
}

// 国土云 node operation services: RETURNED for revision after the experts' scores.
func landCloudServices(l *loader, fund *fund) {
	x := l.draftApplication("JS-2023-004", fund, "js-2025-services", fundingRequest{
		Mode: domain.SupportPurchaseOfServices, Amount: wan(600),
		Justification: "“国土云”市县节点建成后,申请以政府购买服务方式支持2025—2027年市县节点运维和数据更新服务600万元。",
	})
	x.submit()
	x.pass("材料齐全。")
	x.assign(expertSEU, expertCAICT)
	x.score(expertSEU, 74, "市县数据更新机制是国土云持续发挥作用的关键,方向应予支持。")
	x.score(expertCAICT, 70, "三年服务一次申报不符合年度预算管理要求,服务标准和考核指标不明确。")
	x.returnForRevision("购买服务应按年度据实结算:请按2026年度服务内容、服务标准和绩效考核指标重新测算金额," +
		"并附市县节点数据更新责任清单后重新申报。")
}

// “智慧淮安”PPP loan interest subsidy: returned in the first round, revised and resubmitted; in
// the second round UNDER_EXPERT_REVIEW with one of two experts' scores in.
func huaianPPPLoanInterest(l *loader, fund *fund) {
	x := l.draftApplication("HA-2016-001", fund, "js-2025", fundingRequest{
		Mode: domain.SupportLoanInterestSubsidy, Amount: wan(900),
		Justification: "“智慧淮安”为省级PPP试点项目。社会资本方(中兴通讯股份有限公司)组建的项目公司获银行授信3亿元," +
			"申请省级专项引导资金按同期贷款市场报价利率的50%贴息三年,共900万元。",
	})
	x.submit()
	x.pass("材料齐全,PPP项目已入库。")
	x.assign(expertHYIT, expertSEU)
	x.score(expertHYIT, 70, "项目运营绩效良好,但贴息基数按授信额度测算,偏高。")
	x.score(expertSEU, 73, "应说明与省级PPP项目奖补资金的关系,避免同一项目重复支持。")
	x.returnForRevision("请补充项目公司贷款合同、实际提款和付息凭证;贴息基数应为实际提款额而非授信额度;" +
		"并说明与省级PPP项目奖补资金的划分,修改后重新申报。")
	x.revise(fundingRequest{
		Mode: domain.SupportLoanInterestSubsidy, Amount: wan(720),
		Justification: "“智慧淮安”为省级PPP试点项目。项目公司建设期实际提款2.4亿元(贷款合同及提款、付息凭证附后)," +
			"按同期贷款市场报价利率的50%贴息三年,申请720万元;未申请省级PPP项目奖补资金。",
	})
	x.resubmit()
	x.pass("补充材料齐全,贴息基数已按实际提款额调整。")
	x.assign(expertHYIT, expertNJU)
	x.score(expertHYIT, 82, "贴息基数和期限测算合理,与奖补资金划分清楚,建议支持。")
}
