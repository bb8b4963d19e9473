package seeds

import "github.com/smartcity/portfolio/domain"

// The fiscal affordability ledgers (财政承受能力) of the three regions with PPP arrangements in the
// demo, each kept by the city's finance bureau: the Ministry of Finance's rule that the yearly PPP
// obligations of all arrangements may not exceed 10% of the general public budget
// (财金〔2015〕21号), and the general public budget expenditure (一般公共预算支出) of every year an
// arrangement owes money in. Past years are final accounts, later years the medium-term fiscal
// plan's forecasts, as the affordability reviews use them. The documents give no budget figure:
// the amounts are the seed's plausible choices, of the order of each government's real budget.
func loadPPPLedgers(l *loader) {
	// 淮安市 (whole city), 2016–2030: the term of the “智慧淮安” PPP.
	ha := l.openLedger("320800", financeHuaian)
	ha.standardRule()
	ha.budgets(2016, yiTenths(4550, 4723, 4986, 5204, 5412, 5538, 5661, 5785, 5902, 6020, 6124, 6246, 6369, 6482, 6601)...)

	// 徐州市 (whole city), 2024–2038: the terms of the intelligent-transport and logistics PPPs.
	xz := l.openLedger("320300", financeXuzhou)
	xz.standardRule()
	xz.budgets(2024, yiTenths(8805, 8972, 9126, 9300, 9486, 9676, 9870, 10067, 10268, 10474, 10683, 10897, 11115, 11337, 11564)...)

	// 咸宁市 (city level, 市本级), 2017–2037: the term of the utility-tunnel PPP. The tunnel's
	// availability payments alone take about 7% of it: Xianning is in the warning zone.
	xn := l.openLedger("421200", financeXianning)
	xn.standardRule()
	xn.budgets(2017, yiTenths(512, 536, 551, 543, 558, 569, 574, 579, 586, 593, 601, 610, 619, 628, 637, 646, 655, 664, 673, 682, 691)...)
}

// yiTenths turns amounts in tenths of 亿元 (10 million yuan), the unit budget reports round to,
// into money.
func yiTenths(tenths ...int64) []domain.Money {
	out := make([]domain.Money, len(tenths))
	for i, t := range tenths {
		out[i] = wan(t * 1000)
	}
	return out
}
