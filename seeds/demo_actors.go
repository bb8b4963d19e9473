package seeds

import "github.com/smartcity/portfolio/domain"

// The demo's organisations, as the short ids accounts carry, and the fixed seed users who act for
// them. Every owner acts only for its own organisation; experts come from universities and
// institutes that own no demo project, so no expert ever reviews a project of their own
// organisation.

// owner is the seed user who proposes and reports for org (项目单位).
func owner(org string) domain.Actor {
	return domain.Actor{UserID: "seed-owner-" + org, Role: domain.RoleOwner, OrgID: org}
}

// office is the seed user of a smart-city office (智慧办) who screens, approves and accepts.
func office(user, org string) domain.Actor {
	return domain.Actor{UserID: user, Role: domain.RoleOffice, OrgID: org}
}

// expert is the seed user of a member of an expert advisory committee (专家咨询委员会).
func expert(org string) domain.Actor {
	return domain.Actor{UserID: "seed-expert-" + org, Role: domain.RoleExpert, OrgID: org}
}

// Smart-city offices, one per programme: the provincial one and the cities'.
var (
	// 江苏省信息化领导小组办公室 (设在省经信委), which steers Smart Jiangsu (苏政发〔2014〕103号).
	officeJiangsu = office("seed-office-js", "js-smart-office")
	// 徐州市“智慧徐州”建设工作领导小组办公室 (市智慧办, 设在市经信委).
	officeXuzhou = office("seed-office-xz", "xz-smart-office")
	// 淮安市智慧城市建设领导小组办公室.
	officeHuaian = office("seed-office-ha", "ha-smart-office")
	// 智慧咸宁建设领导小组办公室 (设在市经信委, 咸政发〔2016〕6号).
	officeXianning = office("seed-office-xn", "xn-smart-office")
	// 成都市信息化工作领导小组办公室 (成府发〔2012〕31号: 信息化行政主管部门).
	officeChengdu = office("seed-office-cd", "cd-info-office")
)

// finance is the seed user of a finance bureau (财政局 / 财政厅) who sets up and tops up funds, decides
// applications, pays tranches and recovers money. A fund is managed by the bureau of the finance
// user who establishes it.
func finance(user, org string) domain.Actor {
	return domain.Actor{UserID: user, Role: domain.RoleFinance, OrgID: org}
}

// Finance bureaus, one per programme; each manages the funds of its government.
var (
	financeJiangsu  = finance("seed-finance-js", "js-finance-dept")   // 江苏省财政厅
	financeXuzhou   = finance("seed-finance-xz", "xz-finance-bureau") // 徐州市财政局 (co-manages the special fund with 市智慧办)
	financeHuaian   = finance("seed-finance-ha", "ha-finance-bureau") // 淮安市财政局
	financeXianning = finance("seed-finance-xn", "xn-finance-bureau") // 咸宁市财政局
	financeChengdu  = finance("seed-finance-cd", "cd-finance-bureau") // 成都市财政局
)

// Experts of the committees; their organisations own no project.
var (
	expertNJU   = expert("nju")   // 南京大学
	expertSEU   = expert("seu")   // 东南大学
	expertCUMT  = expert("cumt")  // 中国矿业大学 (徐州)
	expertHYIT  = expert("hyit")  // 淮阴工学院 (淮安)
	expertHUST  = expert("hust")  // 华中科技大学
	expertWHU   = expert("whu")   // 武汉大学
	expertHBUST = expert("hbust") // 湖北科技学院 (咸宁)
	expertUESTC = expert("uestc") // 电子科技大学 (成都)
	expertSCU   = expert("scu")   // 四川大学
	expertCAICT = expert("caict") // 中国信息通信研究院
)

// Project owners (项目单位).
var (
	// Jiangsu province and Nanjing.
	ownerJSTransport = owner("js-transport-dept")         // 江苏省交通运输厅
	ownerJSHealth    = owner("js-health-commission")      // 江苏省卫生和计划生育委员会
	ownerJSPolice    = owner("js-public-security-dept")   // 江苏省公安厅
	ownerJSLand      = owner("js-natural-resources-dept") // 江苏省自然资源厅 (原省国土资源厅)
	ownerNJIndIT     = owner("nj-industry-it-bureau")     // 南京市工业和信息化局

	// Xuzhou and its counties.
	ownerXZBigData  = owner("xz-bigdata-bureau")     // 徐州市大数据管理局 (the opinions' 市信息资源管理中心)
	ownerXZCommerce = owner("xz-commerce-bureau")    // 徐州市商务局
	ownerXZTraffic  = owner("xz-traffic-police")     // 徐州市公安局交通警察支队
	ownerXZDRC      = owner("xz-development-reform") // 徐州市发展和改革委员会
	ownerPZEconIT   = owner("pz-economy-it-bureau")  // 邳州市经济和信息化局
	ownerSNCommerce = owner("sn-commerce-bureau")    // 睢宁县商务局

	// Huai'an and its districts.
	ownerHACityGov  = owner("ha-city-gov")          // 淮安市人民政府
	ownerHAQJPCivil = owner("ha-qjp-civil-affairs") // 淮安市清江浦区民政局

	// Xianning and its counties.
	ownerXNEconIT    = owner("xn-economy-it-commission")       // 咸宁市经济和信息化委员会
	ownerXNCommerce  = owner("xn-commerce-bureau")             // 咸宁市商务局
	ownerXNTourism   = owner("xn-culture-tourism-bureau")      // 咸宁市文化和旅游局
	ownerCBAgri      = owner("cb-agriculture-rural-bureau")    // 赤壁市农业农村局
	ownerCYCountyGov = owner("cy-county-gov")                  // 崇阳县人民政府
	ownerXNHousing   = owner("xn-housing-construction-bureau") // 咸宁市住房和城乡建设局
	ownerXNData      = owner("xn-data-bureau")                 // 咸宁市政务服务和大数据管理局

	// Chengdu and its districts.
	ownerCDEconIT    = owner("cd-economy-it-commission")       // 成都市经济和信息化委员会
	ownerCDHiTech    = owner("cd-hitech-zone")                 // 成都高新技术产业开发区管理委员会
	ownerCDTransport = owner("cd-transport-commission")        // 成都市交通运输委员会
	ownerCDUrban     = owner("cd-urban-management-commission") // 成都市城市管理委员会
	ownerCDEmergency = owner("cd-emergency-bureau")            // 成都市应急管理局
	ownerSLEconIT    = owner("sl-economy-it-bureau")           // 成都市双流区经济和信息化主管部门 (经信局)
)

// DemoActors are one account per role of the demo portfolio, for `portfolio up` to print tokens
// a person can paste into GraphiQL: the owner of the Xuzhou cloud centre, Xuzhou's smart office,
// an expert, the Xuzhou finance bureau (徐州市财政局, which manages the “智慧徐州” special fund and
// has an application waiting for its decision and a tranche ready to pay), the Jiangsu leading
// group and an administrator.
func DemoActors() []domain.Actor {
	return []domain.Actor{
		ownerXZBigData,
		officeXuzhou,
		expertNJU,
		financeXuzhou,
		{UserID: "seed-leadership-js", Role: domain.RoleLeadership, OrgID: "js-leading-group"},
		{UserID: "seed-admin", Role: domain.RoleAdmin},
	}
}
