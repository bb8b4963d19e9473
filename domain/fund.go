package domain

import (
	"maps"
	"slices"
	"strings"
)

// Fund is a pool of public money (专项资金 / 建设基金 / 引导基金) that projects apply to. One event
// stream per fund. Its pool is always split as available + reserved + disbursed, none negative:
// an approval reserves, a tranche payment disburses from the reservation, a recovery returns paid
// money to available, and cancelling an approval's remainder releases its reservation.
//
// A Fund is loaded with ReplayFund and changed only through Establish, TopUp and Close, and
// through the cross-aggregate functions of application_funding.go; fields are read through accessors.
type Fund struct {
	id          FundID
	name        string
	kind        FundKind
	fiscalYear  int
	pool        Money
	managingOrg string
	modes       []SupportMode
	status      FundStatus
	closeReason string

	reserved  Money // money reserved for approved applications and not yet paid or released
	disbursed Money // money paid out and not recovered
	recovered Money // money recovered from applications, all time

	allocations map[ApplicationID]FundAllocation

	version int
}

// FundAllocation is the fund's view of one application's money. It matches the application's own
// figures: Reserved is its approved amount, Disbursed the sum of its paid tranches, Recovered what
// was taken back and Released its cancelled remainder.
type FundAllocation struct {
	ApplicationID ApplicationID
	Reserved      Money // reserved at approval (gross)
	Disbursed     Money // paid in tranches (gross)
	Recovered     Money // recovered back to available
	Released      Money // unpaid remainder released back to available
}

// Outstanding is the part of the reservation neither paid nor released.
func (a FundAllocation) Outstanding() Money { return a.Reserved - a.Disbursed - a.Released }

// NetDisbursed is the money paid and not recovered.
func (a FundAllocation) NetDisbursed() Money { return a.Disbursed - a.Recovered }

// ID is the fund's id.
func (f *Fund) ID() FundID { return f.id }

// Exists reports whether the fund has been established (its stream is not empty).
func (f *Fund) Exists() bool { return f.version > 0 }

// Version is the number of events applied, i.e. the stream version to expect when appending.
func (f *Fund) Version() int { return f.version }

// Name is the fund's name, e.g. 徐州市智慧城市建设专项资金.
func (f *Fund) Name() string { return f.name }

// Kind is the kind of fund.
func (f *Fund) Kind() FundKind { return f.kind }

// FiscalYear is the fiscal year the fund belongs to.
func (f *Fund) FiscalYear() int { return f.fiscalYear }

// ManagingOrg is the finance bureau that manages the fund and decides its applications.
func (f *Fund) ManagingOrg() string { return f.managingOrg }

// SupportModes lists the support modes the fund allows, in the order they were established.
func (f *Fund) SupportModes() []SupportMode { return slices.Clone(f.modes) }

// Allows reports whether the fund allows a support mode.
func (f *Fund) Allows(m SupportMode) bool { return slices.Contains(f.modes, m) }

// Status is OPEN or CLOSED.
func (f *Fund) Status() FundStatus { return f.status }

// CloseReason is the reason the fund was closed; empty while open.
func (f *Fund) CloseReason() string { return f.closeReason }

// Pool is the total money of the fund: its establishing amount plus all top-ups.
func (f *Fund) Pool() Money { return f.pool }

// Available is the money not reserved and not disbursed.
func (f *Fund) Available() Money { return f.pool - f.reserved - f.disbursed }

// Reserved is the money reserved for approved applications and not yet paid or released.
func (f *Fund) Reserved() Money { return f.reserved }

// Disbursed is the money paid out and not recovered.
func (f *Fund) Disbursed() Money { return f.disbursed }

// Recovered is the money recovered from applications, all time; it is part of Available again.
func (f *Fund) Recovered() Money { return f.recovered }

// Allocation is the fund's view of one application's money; ok is false when the fund never
// reserved money for it.
func (f *Fund) Allocation(id ApplicationID) (FundAllocation, bool) {
	a, ok := f.allocations[id]
	return a, ok
}

// Allocations lists the fund's view of every application it reserved money for, by application id.
func (f *Fund) Allocations() []FundAllocation {
	out := slices.Collect(maps.Values(f.allocations))
	slices.SortFunc(out, func(a, b FundAllocation) int {
		return strings.Compare(string(a.ApplicationID), string(b.ApplicationID))
	})
	return out
}

// entity names the fund in messages.
func (f *Fund) entity() string { return "fund " + f.name }
