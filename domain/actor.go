package domain

import "fmt"

// Role is what a user is allowed to do in the portfolio.
type Role string

// The roles of DOMAIN.md.
const (
	RoleOwner      Role = "owner"      // project owner (项目单位): proposes and reports, own organisation only
	RoleOffice     Role = "office"     // smart-city office (智慧办): screens, approves initiation, assesses
	RoleExpert     Role = "expert"     // expert committee member (专家): scores what is assigned
	RoleFinance    Role = "finance"    // finance bureau (财政局): funds, funding decisions, disbursement
	RoleLeadership Role = "leadership" // leading group (领导小组): reads everything, changes nothing
	RoleAdmin      Role = "admin"      // administrator: organisations and accounts
)

// Roles lists every role, in a stable order.
var Roles = []Role{RoleOwner, RoleOffice, RoleExpert, RoleFinance, RoleLeadership, RoleAdmin}

// ParseRole accepts exactly one of the role names.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if string(r) == s {
			return r, nil
		}
	}
	return "", fmt.Errorf("unknown role %q (want one of owner, office, expert, finance, leadership, admin): %w", s, ErrInvalid)
}

// Actor is who records a fact: the user, the role they act in and their organisation.
type Actor struct {
	UserID string `json:"user"`
	Role   Role   `json:"role"`
	OrgID  string `json:"org,omitempty"`
}

// String is "user (role, org)" for messages and logs.
func (a Actor) String() string {
	if a.OrgID == "" {
		return fmt.Sprintf("%s (%s)", a.UserID, a.Role)
	}
	return fmt.Sprintf("%s (%s, %s)", a.UserID, a.Role, a.OrgID)
}

// require returns a ForbiddenError unless the actor holds one of the roles.
func (a Actor) require(action string, roles ...Role) error {
	for _, r := range roles {
		if a.Role == r {
			return nil
		}
	}
	return &ForbiddenError{Actor: a, Action: action, Reason: fmt.Sprintf("requires role %v", roles)}
}
