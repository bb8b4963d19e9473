package domain

// ProjectDomain is the field a demonstration project serves, from the areas the Smart Jiangsu,
// Smart Xianning, Chengdu and Smart Xuzhou documents list.
type ProjectDomain string

// The project domains.
const (
	DomainBroadbandCloud ProjectDomain = "BROADBAND_CLOUD" // 宽带与云计算基础设施
	DomainEGovernment    ProjectDomain = "E_GOVERNMENT"    // 电子政务
	DomainTransport      ProjectDomain = "TRANSPORT"       // 智慧交通
	DomainLogistics      ProjectDomain = "LOGISTICS"       // 智慧物流
	DomainTourism        ProjectDomain = "TOURISM"         // 智慧旅游
	DomainHealth         ProjectDomain = "HEALTH"          // 智慧医疗
	DomainEducation      ProjectDomain = "EDUCATION"       // 智慧教育
	DomainCommunity      ProjectDomain = "COMMUNITY"       // 智慧社区
	DomainWater          ProjectDomain = "WATER"           // 智慧水利
	DomainPowerGrid      ProjectDomain = "POWER_GRID"      // 智能电网
	DomainCityManagement ProjectDomain = "CITY_MANAGEMENT" // 城市管理
	DomainEnvironment    ProjectDomain = "ENVIRONMENT"     // 智慧环保
	DomainEmergency      ProjectDomain = "EMERGENCY"       // 应急指挥
	DomainAgriculture    ProjectDomain = "AGRICULTURE"     // 智慧农业
	DomainManufacturing  ProjectDomain = "MANUFACTURING"   // 两化融合, 智能制造
	DomainECommerce      ProjectDomain = "E_COMMERCE"      // 电子商务
	DomainFoodSafety     ProjectDomain = "FOOD_SAFETY"     // 食品安全追溯
	DomainCyberSecurity  ProjectDomain = "CYBER_SECURITY"  // 网络与信息安全
	DomainPublicSecurity ProjectDomain = "PUBLIC_SECURITY" // 平安城市
	DomainLandResources  ProjectDomain = "LAND_RESOURCES"  // 国土资源
)

// projectDomainLabels gives each domain its Chinese label, in the stable listing order.
var projectDomainLabels = []struct {
	domain ProjectDomain
	label  string
}{
	{DomainBroadbandCloud, "宽带与云计算"},
	{DomainEGovernment, "电子政务"},
	{DomainTransport, "智慧交通"},
	{DomainLogistics, "智慧物流"},
	{DomainTourism, "智慧旅游"},
	{DomainHealth, "智慧医疗"},
	{DomainEducation, "智慧教育"},
	{DomainCommunity, "智慧社区"},
	{DomainWater, "智慧水利"},
	{DomainPowerGrid, "智能电网"},
	{DomainCityManagement, "城市管理"},
	{DomainEnvironment, "智慧环保"},
	{DomainEmergency, "应急指挥"},
	{DomainAgriculture, "智慧农业"},
	{DomainManufacturing, "两化融合"},
	{DomainECommerce, "电子商务"},
	{DomainFoodSafety, "食品安全追溯"},
	{DomainCyberSecurity, "网络与信息安全"},
	{DomainPublicSecurity, "平安城市"},
	{DomainLandResources, "国土资源"},
}

// ProjectDomains lists every project domain in a stable order.
func ProjectDomains() []ProjectDomain {
	out := make([]ProjectDomain, len(projectDomainLabels))
	for i, d := range projectDomainLabels {
		out[i] = d.domain
	}
	return out
}

// ParseProjectDomain accepts exactly one of the domain names.
func ParseProjectDomain(s string) (ProjectDomain, error) {
	return parseEnum("domain", s, ProjectDomains())
}

// Label is the domain's Chinese name, or "" for a value outside the enum.
func (d ProjectDomain) Label() string {
	for _, l := range projectDomainLabels {
		if l.domain == d {
			return l.label
		}
	}
	return ""
}
