package domain

import "slices"

// The parts of a FundingApplication that events carry and callers read. They are values: a
// caller holding one cannot change the application.

// AssignedExpert is an expert assigned to score an application, with the organisation they
// belonged to when assigned (checked against the owner organisation for conflicts of interest).
type AssignedExpert struct {
	UserID string `json:"user"`
	OrgID  string `json:"org,omitempty"`
}

// ApprovedTranche is one part of an approval: Amount is paid once MilestoneID is achieved.
type ApprovedTranche struct {
	TrancheID   TrancheID   `json:"trancheId"`
	MilestoneID MilestoneID `json:"milestoneId"`
	Amount      Money       `json:"amount"`
}

// ExpertScore is one expert's score (0..100) and opinion in one round.
type ExpertScore struct {
	Round    int
	ExpertID string
	Score    int
	Opinion  string
}

// ScreeningResult is the office's formal screening of one round.
type ScreeningResult struct {
	Round   int
	Passed  bool
	Note    string   // optional remark when passed
	Reasons []string // why it failed; empty when passed
}

// TrancheStatus is where a tranche stands.
type TrancheStatus string

// The tranche statuses.
const (
	TrancheStatusPending   TrancheStatus = "PENDING"   // approved, waiting for its milestone and payment
	TrancheStatusDisbursed TrancheStatus = "DISBURSED" // paid
	TrancheStatusCancelled TrancheStatus = "CANCELLED" // never to be paid: the remainder was cancelled
)

// TrancheStatuses lists every tranche status.
func TrancheStatuses() []TrancheStatus {
	return []TrancheStatus{TrancheStatusPending, TrancheStatusDisbursed, TrancheStatusCancelled}
}

// String returns the status name.
func (s TrancheStatus) String() string { return string(s) }

// Tranche is one approved tranche with its payment, if any.
type Tranche struct {
	ID          TrancheID
	MilestoneID MilestoneID
	Amount      Money
	Status      TrancheStatus
	DisbursedOn Date   // zero until paid
	VoucherNo   string // payment voucher (拨款凭证) number; empty until paid
}

// Recovery is one recovery of paid money.
type Recovery struct {
	Amount      Money
	Reason      string
	RecoveredOn Date
}

func (r ScreeningResult) clone() ScreeningResult {
	r.Reasons = slices.Clone(r.Reasons)
	return r
}
