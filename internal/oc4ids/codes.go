package oc4ids

import (
	"encoding/json"
	"time"

	"github.com/smartcity/portfolio/domain"
)

// Version is the OC4IDS schema version the export follows (major.minor, as a package states it).
const Version = "0.9"

// IDPrefix starts every project id. OC4IDS project ids are "oc4ids-" followed by a six-character
// prefix the Open Contracting Partnership registers for a publisher, then the publisher's own
// id. The portfolio has no registered prefix yet: "sc2cty" stands in for it until one is issued
// (then change this constant; nothing else depends on its value).
const IDPrefix = "oc4ids-sc2cty-"

// Schemes of the project identifiers.
const (
	schemeCode = "smartcity-portfolio:code" // the project's human code (e.g. XZ-2016-003)
	schemeUUID = "smartcity-portfolio:id"   // the project's id in the portfolio
)

// Currency of every amount: the portfolio keeps Chinese yuan.
const currency = "CNY"

// projectStatus maps the project lifecycle to the closed projectStatus codelist:
//
//	PROPOSED, UNDER_REVIEW, RETURNED     identification  (proposed, not yet approved: 立项 pending)
//	APPROVED                             preparation     (approved, construction not started)
//	IN_CONSTRUCTION, ACCEPTANCE_REQUESTED implementation
//	ACCEPTED                             completion      (验收: handed over, final cost known)
//	IN_OPERATION, EVALUATED              maintenance     (运行, post-evaluation still operating)
//	REJECTED, CANCELLED                  cancelled
//	SUSPENDED                            the code of the status it was suspended from
func projectStatus(s, suspendedFrom domain.ProjectStatus) string {
	switch s {
	case domain.StatusProposed, domain.StatusUnderReview, domain.StatusReturned:
		return "identification"
	case domain.StatusApproved:
		return "preparation"
	case domain.StatusInConstruction, domain.StatusAcceptanceRequested:
		return "implementation"
	case domain.StatusAccepted:
		return "completion"
	case domain.StatusInOperation, domain.StatusEvaluated:
		return "maintenance"
	case domain.StatusRejected, domain.StatusCancelled:
		return "cancelled"
	case domain.StatusSuspended:
		if suspendedFrom != "" && suspendedFrom != domain.StatusSuspended {
			return projectStatus(suspendedFrom, "")
		}
	}
	return ""
}

// sectorOf maps a project domain to the projectSector codelist. Every smart-city project is an
// information and communications project, so "communications" comes first; the sector of the
// service it digitises follows where the codelist has one.
var sectorOf = map[domain.ProjectDomain][]string{
	domain.DomainBroadbandCloud: {"communications"},
	domain.DomainEGovernment:    {"communications", "governance"},
	domain.DomainTransport:      {"communications", "transport"},
	domain.DomainLogistics:      {"communications", "transport"},
	domain.DomainTourism:        {"communications", "cultureSportsAndRecreation"},
	domain.DomainHealth:         {"communications", "health"},
	domain.DomainEducation:      {"communications", "education"},
	domain.DomainCommunity:      {"communications", "governance"},
	domain.DomainWater:          {"communications", "naturalResources"},
	domain.DomainPowerGrid:      {"communications", "energy"},
	domain.DomainCityManagement: {"communications", "governance"},
	domain.DomainEnvironment:    {"communications", "economy"},
	domain.DomainEmergency:      {"communications", "governance"},
	domain.DomainAgriculture:    {"communications", "economy"},
	domain.DomainManufacturing:  {"communications", "economy"},
	domain.DomainECommerce:      {"communications", "economy"},
	domain.DomainFoodSafety:     {"communications", "health"},
	domain.DomainCyberSecurity:  {"communications"},
	domain.DomainPublicSecurity: {"communications", "governance"},
	domain.DomainLandResources:  {"communications", "naturalResources"},
}

// sector is the domain's sectors; "communications" alone for a domain the map does not know.
func sector(d domain.ProjectDomain) []string {
	if s, ok := sectorOf[d]; ok {
		return append([]string(nil), s...)
	}
	return []string{"communications"}
}

// The codes the export uses from the other codelists.
const (
	projectTypeConstruction = "construction" // projectType: new systems are built

	roleBuyer           = "buyer"
	rolePublicAuthority = "publicAuthority"
	roleFunder          = "funder"
	rolePayer           = "payer"
	rolePayee           = "payee"
	roleReviewBody      = "reviewBody"
	roleSupplier        = "supplier"
	roleTenderer        = "tenderer"

	milestoneTypeApproval      = "approval"
	milestoneTypeDelivery      = "delivery"
	milestoneTypeContractClose = "contractClose"

	codeProjectApproval = "projectApproval"
	codeCommencement    = "commencement"
	codeCompletion      = "completion"
	codeCommissioning   = "commissioning"
	codeCommercialClose = "commercialClose"

	statusScheduled = "scheduled"
	statusMet       = "met"
	statusNotMet    = "notMet"
)

// value writes money as a decimal number of yuan with two places.
func value(m domain.Money) *Value {
	return &Value{Amount: json.Number(m.String()), Currency: currency}
}

// dateTime writes a calendar date as the start of that day in China; "" for no date.
func dateTime(d domain.Date) string {
	if d.IsZero() {
		return ""
	}
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, domain.ChinaTime).Format(time.RFC3339)
}

// instant writes a recorded instant in China time.
func instant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(domain.ChinaTime).Format(time.RFC3339)
}
