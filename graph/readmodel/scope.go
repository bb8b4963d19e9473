package readmodel

// Scope is which funding applications a reader may see. The zero Scope shows nothing, so that
// a reader nobody thought of sees nothing rather than everything.
type Scope struct {
	All        bool   // finance, office, leadership, administrators
	OwnerOrg   string // an owner: its organisation's applications
	ExpertUser string // an expert: the applications they were assigned to, in any round
}

// where is the scope's condition on application_view a.
func (s Scope) where(arg func(any) string) string {
	switch {
	case s.All:
		return "TRUE"
	case s.OwnerOrg != "":
		return "a.owner_org = " + arg(s.OwnerOrg)
	case s.ExpertUser != "":
		return "EXISTS (SELECT 1 FROM application_expert_view sx WHERE sx.application_id = a.id AND sx.expert_user = " + arg(s.ExpertUser) + ")"
	}
	return "FALSE"
}
