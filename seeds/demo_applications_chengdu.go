package seeds

import "github.com/smartcity/portfolio/domain"

// Applications to 成都市信息化建设专项资金 (2026年度), decided by 成都市财政局: the Shuangliu IoT
// platform's subsidy approved with its first tranche paid and its loan interest subsidy half
// scored, and the emergency command upgrade screened and waiting for experts. Amounts, dates and
// document numbers are the seed's plausible choices.
func loadApplicationsChengdu(l *loader) {
	fund := l.fund("CD-FUND-2026")
	shuangliuIoTSubsidy(l, fund)
	shuangliuIoTLoanInterest(l, fund)
	emergencyCommandSubsidy(l, fund)
}

// 双流区物联网公共服务平台: APPROVED; m1 paid, m2 (overdue) and m3 waiting for their milestones.
func shuangliuIoTSubsidy(l *loader, fund *fund) {
	x := l.draftApplication("CD-2025-006", fund, "cd-2026", fundingRequest{
		Mode: domain.SupportInvestmentSubsidy, Amount: wan(1200),
		Justification: "双流为物联网制造产业区,平台为RFID、传感器企业提供公共测试、应用验证和信息安全服务," +
			"属“推进两化融合”的信息化建设,申请专项资金投资补助1200万元。",
	})
	x.submit()
	x.pass("材料齐全,符合两化融合支持方向。")
	x.assign(expertUESTC, expertSCU)
	x.score(expertUESTC, 84, "公共服务属性明确,应用中心已建成,建议支持。")
	x.score(expertSCU, 82, "测试服务资质认定周期较长,第二期拨付应以取得资质为条件。")
	x.approve("成财建〔2026〕12号", "2026-02-10", wan(1000),
		tranche{"m1", wan(300)}, tranche{"m2", wan(300)}, tranche{"m3", wan(400)})
	x.disburse("m1", "2026-03-06", "成财拨〔2026〕0158号")
}

// 双流区物联网公共服务平台 loan interest: UNDER_EXPERT_REVIEW, one of two experts has scored.
func shuangliuIoTLoanInterest(l *loader, fund *fund) {
	x := l.draftApplication("CD-2025-006", fund, "cd-2026-interest", fundingRequest{
		Mode: domain.SupportLoanInterestSubsidy, Amount: wan(60),
		Justification: "平台测试仪器与信息安全中心建设使用银行贷款1000万元,申请按年利率3%贴息两年,共60万元。",
	})
	x.submit()
	x.pass("贷款合同与付息凭证齐全。")
	x.assign(expertUESTC, expertCAICT)
	x.score(expertUESTC, 80, "贴息测算合理,建议支持。")
}

// 应急指挥提升工程(二期): SCREENED, waiting for experts to be assigned.
func emergencyCommandSubsidy(l *loader, fund *fund) {
	x := l.draftApplication("CD-2026-005", fund, "cd-2026", fundingRequest{
		Mode: domain.SupportInvestmentSubsidy, Amount: wan(6500),
		Justification: "应急指挥提升工程(二期)已立项(成经信〔2026〕64号),整合公安、消防、人防、卫生、防汛等应急信息资源," +
			"属公共性、公益性信息化建设,申请专项资金投资补助6500万元。",
	})
	x.submit()
	x.pass("材料齐全;项目尚未开工,请专家重点评审分期拨付安排。")
}
