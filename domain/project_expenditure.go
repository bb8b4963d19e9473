package domain

// ExpenditureCategory classifies what project money was spent on.
type ExpenditureCategory string

// The expenditure categories.
const (
	ExpenditureEquipment    ExpenditureCategory = "EQUIPMENT"    // 设备购置
	ExpenditureSoftware     ExpenditureCategory = "SOFTWARE"     // 软件开发与购置
	ExpenditureConstruction ExpenditureCategory = "CONSTRUCTION" // 工程建设
	ExpenditureServices     ExpenditureCategory = "SERVICES"     // 服务 (监理, 咨询, 运维)
	ExpenditureOther        ExpenditureCategory = "OTHER"        // 其他
)

// ExpenditureCategories lists every expenditure category in a stable order.
func ExpenditureCategories() []ExpenditureCategory {
	return []ExpenditureCategory{
		ExpenditureEquipment, ExpenditureSoftware, ExpenditureConstruction, ExpenditureServices, ExpenditureOther,
	}
}

// ParseExpenditureCategory accepts exactly one of the category names.
func ParseExpenditureCategory(s string) (ExpenditureCategory, error) {
	return parseEnum("category", s, ExpenditureCategories())
}

// RecordExpenditure reports money spent on the project.
type RecordExpenditure struct {
	SpentOn     Date
	Amount      Money
	Category    ExpenditureCategory
	Description string
	Today       Date
}

// RecordExpenditure lets the owner record spending from approval until operation. The total spent
// may never exceed the approved budget; a larger need goes through a budget revision.
func (p *Project) RecordExpenditure(a Actor, c RecordExpenditure) ([]Event, error) {
	const action = "record an expenditure"
	if err := p.authorize(a, action, RoleOwner); err != nil {
		return nil, err
	}
	if err := p.requireStatus(action, statusesApprovedToOperation...); err != nil {
		return nil, err
	}
	if err := checkAmount("amount", c.Amount); err != nil {
		return nil, err
	}
	if err := checkPastDate("spentOn", c.SpentOn, c.Today); err != nil {
		return nil, err
	}
	category, err := ParseExpenditureCategory(string(c.Category))
	if err != nil {
		return nil, err
	}
	description, err := requireText("description", c.Description, maxTextLen)
	if err != nil {
		return nil, err
	}
	// Both terms are at most MaxMoney, so the sum cannot overflow.
	if after := p.spent + c.Amount; after > p.approvedBudget {
		return nil, invalid("amount", "expenditure of %s yuan would bring spending to %s, above the approved budget %s",
			c.Amount, after, p.approvedBudget)
	}
	return p.record(&ExpenditureRecorded{
		ProjectID: p.id, SpentOn: c.SpentOn, Amount: c.Amount, Category: category, Description: description,
	})
}
