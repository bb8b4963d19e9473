package oc4ids

import "encoding/json"

// The part of the OC4IDS 0.9 project schema the export fills, as Go types. Field names and
// nesting follow the schema; every optional field is omitted when empty, since the schema wants
// at least one item in every array and one property in every object.

// Project is one OC4IDS project.
type Project struct {
	ID                   string         `json:"id"`
	Updated              string         `json:"updated,omitempty"`
	Language             string         `json:"language,omitempty"`
	Identifiers          []Identifier   `json:"identifiers,omitempty"`
	PublicAuthority      *OrgRef        `json:"publicAuthority,omitempty"`
	Title                string         `json:"title,omitempty"`
	Description          string         `json:"description,omitempty"`
	Status               string         `json:"status,omitempty"`
	Type                 string         `json:"type,omitempty"`
	Sector               []string       `json:"sector,omitempty"`
	Budget               *Budget        `json:"budget,omitempty"`
	Period               *Period        `json:"period,omitempty"`
	Locations            []Location     `json:"locations,omitempty"`
	Parties              []Organization `json:"parties,omitempty"`
	ImplementationPeriod *Period        `json:"implementationPeriod,omitempty"`
	MaintenancePeriod    *Period        `json:"maintenancePeriod,omitempty"`
	Milestones           []Milestone    `json:"milestones,omitempty"`
	Completion           *Completion    `json:"completion,omitempty"`
	Transactions         []Transaction  `json:"transactions,omitempty"`
}

// Identifier is a SimpleIdentifier: an id within a scheme.
type Identifier struct {
	ID     string `json:"id"`
	Scheme string `json:"scheme,omitempty"`
}

// OrgRef points at an entry of parties by id and name.
type OrgRef struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// Value is an amount with its currency. The amount is written as a decimal number with two
// places straight from integer fen, never through a float.
type Value struct {
	Amount   json.Number `json:"amount"`
	Currency string      `json:"currency"`
}

// Period is a span of dates (date-times at midnight China time).
type Period struct {
	StartDate string `json:"startDate,omitempty"`
	EndDate   string `json:"endDate,omitempty"`
}

// Budget is the project's total value with its breakdown by funding source.
type Budget struct {
	Description      string             `json:"description,omitempty"`
	Amount           *Value             `json:"amount,omitempty"`
	ApprovalDate     string             `json:"approvalDate,omitempty"`
	BudgetBreakdowns []BudgetBreakdowns `json:"budgetBreakdowns,omitempty"`
}

// BudgetBreakdowns is a group of budget lines sharing one dimension.
type BudgetBreakdowns struct {
	ID              string            `json:"id"`
	Description     string            `json:"description,omitempty"`
	BudgetBreakdown []BudgetBreakdown `json:"budgetBreakdown,omitempty"`
}

// BudgetBreakdown is one budget line.
type BudgetBreakdown struct {
	ID           string  `json:"id"`
	Description  string  `json:"description,omitempty"`
	Amount       *Value  `json:"amount,omitempty"`
	SourceParty  *OrgRef `json:"sourceParty,omitempty"`
	ApprovalDate string  `json:"approvalDate,omitempty"`
}

// Location is where the project is delivered: its administrative division.
type Location struct {
	ID          string   `json:"id"`
	Description string   `json:"description,omitempty"`
	Address     *Address `json:"address,omitempty"`
}

// Address is a postal-style address; the export fills the division names only.
type Address struct {
	Locality    string `json:"locality,omitempty"`
	Region      string `json:"region,omitempty"`
	CountryName string `json:"countryName,omitempty"`
}

// Organization is a party with its roles in the project.
type Organization struct {
	ID    string   `json:"id"`
	Name  string   `json:"name"`
	Roles []string `json:"roles"`
}

// Milestone is a dated event of the project.
type Milestone struct {
	ID           string `json:"id"`
	Title        string `json:"title,omitempty"`
	Type         string `json:"type,omitempty"`
	Description  string `json:"description,omitempty"`
	Code         string `json:"code,omitempty"`
	DueDate      string `json:"dueDate,omitempty"`
	DateMet      string `json:"dateMet,omitempty"`
	DateModified string `json:"dateModified,omitempty"`
	Status       string `json:"status,omitempty"`
}

// MilestoneRef points at a milestone of the project.
type MilestoneRef struct {
	ID    string `json:"id"`
	Title string `json:"title,omitempty"`
}

// Completion is what the project came to: when it ended and what it cost.
type Completion struct {
	EndDate           string `json:"endDate,omitempty"`
	EndDateDetails    string `json:"endDateDetails,omitempty"`
	FinalValue        *Value `json:"finalValue,omitempty"`
	FinalValueDetails string `json:"finalValueDetails,omitempty"`
	FinalScopeDetails string `json:"finalScopeDetails,omitempty"`
}

// Transaction is money that moved: a tranche paid, money recovered, a PPP payment.
type Transaction struct {
	ID                             string        `json:"id"`
	Date                           string        `json:"date,omitempty"`
	Value                          *Value        `json:"value,omitempty"`
	Payer                          *OrgRef       `json:"payer,omitempty"`
	Payee                          *OrgRef       `json:"payee,omitempty"`
	RelatedImplementationMilestone *MilestoneRef `json:"relatedImplementationMilestone,omitempty"`
}
