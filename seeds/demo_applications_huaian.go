package seeds

import "github.com/smartcity/portfolio/domain"

// Huai'an's 2016 special fund paid the government side of the “智慧淮安” PPP (政府出资代表持股20%):
// two tranches paid, the rest cancelled in the 2018 clean-up of the PPP project database when the
// government's remaining payments moved to the operation period's viability-gap subsidy; the
// fund was closed once its year was settled. Amounts, dates and document numbers are the seed's.
func loadApplicationsHuaian(l *loader) {
	fund := l.fund("HA-FUND-2016")
	huaianPPPCapital(l, fund)
	fund.close("2016年度专项资金已清算:拨付“智慧淮安”PPP项目政府出资5400万元,其余额度按预算管理规定收回市级财政统筹使用。")
}

// “智慧淮安”PPP项目 government capital: CLOSED, its remainder cancelled.
func huaianPPPCapital(l *loader, fund *fund) {
	x := l.draftApplication("HA-2016-001", fund, "ha-2016", fundingRequest{
		Mode: domain.SupportCapitalInjection, Amount: wan(9000),
		Justification: "“智慧淮安”PPP项目经公开招标确定中兴通讯股份有限公司为社会资本合作方。政府出资代表按20%持股" +
			"出资项目公司,申请市级专项资金注资9000万元,按建设里程碑分期到位。",
	})
	x.submit()
	x.pass("已通过物有所值评价和财政承受能力论证。")
	x.assign(expertHYIT, expertSEU)
	x.score(expertHYIT, 86, "政府出资比例与PPP合同一致,建议按里程碑分期注资。")
	x.score(expertSEU, 84, "注资应与项目公司绩效考核挂钩。")
	x.approve("淮财建〔2016〕68号", "2016-08-30", wan(9000),
		tranche{"m1", wan(2700)}, tranche{"m2", wan(2700)}, tranche{"m3", wan(2000)}, tranche{"m4", wan(1600)})
	x.disburse("m1", "2017-07-12", "淮财拨〔2017〕0291号")
	x.disburse("m2", "2018-02-06", "淮财拨〔2018〕0047号")
	x.cancelRemainder("2018-06-29", "按财办金〔2017〕92号开展PPP项目库集中清理,经财政承受能力复核,政府建设期出资以已到位的5400万元为限;"+
		"其余3600万元调整为运营期按绩效考核结果支付的可行性缺口补助,列入年度预算,不再从本专项资金拨付。")
}
