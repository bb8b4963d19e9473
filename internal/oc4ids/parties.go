package oc4ids

import "slices"

// partyList collects the project's parties, merging the roles of a party named twice, in the
// order they were first named.
type partyList struct {
	list  []Organization
	index map[string]int
}

func newPartyList() *partyList { return &partyList{index: map[string]int{}} }

// org names an organisation of the portfolio by its id (the id accounts carry, e.g.
// xz-finance-bureau); the portfolio keeps no other name for it.
func (ps *partyList) org(id string, roles ...string) *OrgRef { return ps.add(id, id, roles...) }

// named names an outside company known only by its name (a PPP partner, bidder or project
// company); its id is derived from the name so that the same company is one party.
func (ps *partyList) named(name string, roles ...string) *OrgRef {
	return ps.add("name:"+name, name, roles...)
}

func (ps *partyList) add(id, name string, roles ...string) *OrgRef {
	i, ok := ps.index[id]
	if !ok {
		i = len(ps.list)
		ps.index[id] = i
		ps.list = append(ps.list, Organization{ID: id, Name: name})
	}
	for _, r := range roles {
		if !slices.Contains(ps.list[i].Roles, r) {
			ps.list[i].Roles = append(ps.list[i].Roles, r)
		}
	}
	return &OrgRef{ID: id, Name: name}
}

// parties is the list, leaving out a party named without any role.
func (ps *partyList) parties() []Organization {
	return slices.DeleteFunc(slices.Clone(ps.list), func(o Organization) bool { return len(o.Roles) == 0 })
}
