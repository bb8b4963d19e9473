package domain

import (
	"fmt"
	"strings"
)

// SignPPPContract records the signed PPP contract.
type SignPPPContract struct {
	ContractNo string
	SignedOn   Date
	Today      Date
}

// SetUpPPPProjectCompany records the project company (SPV).
type SetUpPPPProjectCompany struct {
	Name              string
	RegisteredCapital Money // positive, at most the total investment
}

// ApprovePPPProcurement passes the procurement gate.
type ApprovePPPProcurement struct {
	ApprovedOn Date
	Note       string // optional
	Today      Date
}

// SignContract records the contract with the selected partner, once.
func (x *PPPArrangement) SignContract(a Actor, c SignPPPContract) ([]Event, error) {
	const action = "sign the PPP contract"
	if err := x.act(a, action, PPPProcurement, RoleOwner, RoleOffice); err != nil {
		return nil, err
	}
	if err := x.requirePartner(action); err != nil {
		return nil, err
	}
	if x.contract != nil {
		return nil, &StateError{Entity: x.entity(), Action: action,
			State: fmt.Sprintf("with contract %s signed already on %s", x.contract.ContractNo, x.contract.SignedOn)}
	}
	no, err := requireText("contractNo", c.ContractNo, maxDocNoLen)
	if err != nil {
		return nil, err
	}
	if err := checkPastDate("signedOn", c.SignedOn, c.Today); err != nil {
		return nil, err
	}
	if err := checkNotBefore("signedOn", c.SignedOn, x.selectedOn, "partner's selection on"); err != nil {
		return nil, err
	}
	return x.record(&PPPContractSigned{ArrangementID: x.id, ContractNo: no, SignedOn: c.SignedOn})
}

// SetUpProjectCompany records the project company set up with the selected partner, once; its
// registered capital may not exceed the total investment.
func (x *PPPArrangement) SetUpProjectCompany(a Actor, c SetUpPPPProjectCompany) ([]Event, error) {
	const action = "set up the PPP project company"
	if err := x.act(a, action, PPPProcurement, RoleOwner, RoleOffice); err != nil {
		return nil, err
	}
	if err := x.requirePartner(action); err != nil {
		return nil, err
	}
	if x.company != nil {
		return nil, &StateError{Entity: x.entity(), Action: action, State: "with project company " + x.company.Name + " set up already"}
	}
	name, err := requireText("name", c.Name, maxNameLen)
	if err != nil {
		return nil, err
	}
	if err := checkAmount("registeredCapital", c.RegisteredCapital); err != nil {
		return nil, err
	}
	if c.RegisteredCapital > x.terms.TotalInvestment {
		return nil, invalid("registeredCapital", "%s yuan exceeds the total investment of %s yuan", c.RegisteredCapital, x.terms.TotalInvestment)
	}
	return x.record(&PPPProjectCompanySetUp{ArrangementID: x.id, Name: name, RegisteredCapital: c.RegisteredCapital})
}

// ApproveProcurement lets the arrangement's finance bureau pass the procurement gate once the
// tender, the partner, the contract and the project company are all recorded, not before the
// contract's signature. The arrangement moves to EXECUTION.
func (x *PPPArrangement) ApproveProcurement(a Actor, c ApprovePPPProcurement) ([]Event, error) {
	const action = "approve the PPP procurement"
	if err := x.act(a, action, PPPProcurement, RoleFinance); err != nil {
		return nil, err
	}
	var missing []string
	if x.tender == nil {
		missing = append(missing, "no tender launched")
	}
	if x.partner == "" {
		missing = append(missing, "no partner selected")
	}
	if x.contract == nil {
		missing = append(missing, "no contract signed")
	}
	if x.company == nil {
		missing = append(missing, "no project company set up")
	}
	if len(missing) > 0 {
		return nil, &StateError{Entity: x.entity(), Action: action, State: "with procurement incomplete: " + strings.Join(missing, ", ")}
	}
	if err := checkPastDate("approvedOn", c.ApprovedOn, c.Today); err != nil {
		return nil, err
	}
	if err := checkNotBefore("approvedOn", c.ApprovedOn, x.contract.SignedOn, "contract's signature on"); err != nil {
		return nil, err
	}
	note, err := optionalText("note", c.Note, maxTextLen)
	if err != nil {
		return nil, err
	}
	return x.record(&PPPProcurementApproved{ArrangementID: x.id, ApprovedOn: c.ApprovedOn, Note: note})
}

// requirePartner refuses the action before a partner is selected.
func (x *PPPArrangement) requirePartner(action string) error {
	if x.partner == "" {
		return &StateError{Entity: x.entity(), Action: action, State: "without a selected partner"}
	}
	return nil
}
