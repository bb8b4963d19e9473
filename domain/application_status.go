package domain

import "slices"

// ApplicationStatus is where a funding application (资金申报) stands.
//
// The state machine (who acts in brackets; a round is one pass through screening and review):
//
//	(none)              --Draft [owner]----------------------> DRAFT
//	DRAFT               --Revise [owner]---------------------> DRAFT
//	DRAFT               --Submit [owner]---------------------> SUBMITTED            (round 1)
//	SUBMITTED           --Screen passed [office]-------------> SCREENED
//	SUBMITTED           --Screen failed [office]-------------> SCREENING_FAILED     (terminal)
//	SCREENED            --AssignExperts [office]-------------> UNDER_EXPERT_REVIEW
//	UNDER_EXPERT_REVIEW --Score [assigned expert, once]------> UNDER_EXPERT_REVIEW
//	UNDER_EXPERT_REVIEW --ApproveApplication [finance]-------> APPROVED             (all experts scored; fund reserves)
//	UNDER_EXPERT_REVIEW --Reject [finance]-------------------> REJECTED             (all experts scored; terminal)
//	UNDER_EXPERT_REVIEW --ReturnForRevision [finance]--------> RETURNED             (all experts scored)
//	RETURNED            --Revise [owner]---------------------> RETURNED
//	RETURNED            --Resubmit [owner]-------------------> SUBMITTED            (round n+1: screening, experts and scores start afresh)
//	DRAFT … RETURNED    --Withdraw [owner]-------------------> WITHDRAWN            (any time before a decision; terminal)
//	APPROVED            --DisburseTranche [finance]----------> APPROVED             (fund: reserved → disbursed)
//	APPROVED, CLOSED    --RecoverMoney [finance]-------------> same                 (fund: disbursed → available)
//	APPROVED            --CancelRemainder [finance]----------> CLOSED               (fund: unpaid remainder reserved → available)
//
// An APPROVED application whose tranches are all paid stays APPROVED until the finance bureau
// closes it with CancelRemainder (remainder 0).
type ApplicationStatus string

// The funding application statuses.
const (
	AppDraft             ApplicationStatus = "DRAFT"               // 草稿: being written by the owner, not yet submitted
	AppSubmitted         ApplicationStatus = "SUBMITTED"           // 已申报: waiting for the office's formal screening (形式审查)
	AppScreeningFailed   ApplicationStatus = "SCREENING_FAILED"    // 形式审查未通过 (terminal)
	AppScreened          ApplicationStatus = "SCREENED"            // 形式审查通过: waiting for experts to be assigned
	AppUnderExpertReview ApplicationStatus = "UNDER_EXPERT_REVIEW" // 专家评审: experts scoring, then waiting for the finance decision
	AppReturned          ApplicationStatus = "RETURNED"            // 退回修改: the owner may revise and resubmit
	AppApproved          ApplicationStatus = "APPROVED"            // 确定支持: money reserved, tranches paid as milestones are achieved
	AppRejected          ApplicationStatus = "REJECTED"            // 不予支持 (terminal)
	AppWithdrawn         ApplicationStatus = "WITHDRAWN"           // 撤回 by the owner (terminal)
	AppClosed            ApplicationStatus = "CLOSED"              // 结项: unpaid remainder cancelled; paid money may still be recovered
)

// ApplicationStatuses lists every status in flow order.
func ApplicationStatuses() []ApplicationStatus {
	return []ApplicationStatus{
		AppDraft, AppSubmitted, AppScreeningFailed, AppScreened, AppUnderExpertReview, AppReturned,
		AppApproved, AppRejected, AppWithdrawn, AppClosed,
	}
}

// ParseApplicationStatus accepts exactly one of the status names.
func ParseApplicationStatus(s string) (ApplicationStatus, error) {
	return parseEnum("status", s, ApplicationStatuses())
}

// IsTerminal reports whether the application has left the review and payment flow for good. A
// CLOSED application is terminal too, although money paid to it may still be recovered.
func (s ApplicationStatus) IsTerminal() bool {
	return s == AppScreeningFailed || s == AppRejected || s == AppWithdrawn || s == AppClosed
}

// IsPending reports whether the application waits for a decision (DRAFT through RETURNED): the
// states the owner may withdraw from.
func (s ApplicationStatus) IsPending() bool {
	switch s {
	case AppDraft, AppSubmitted, AppScreened, AppUnderExpertReview, AppReturned:
		return true
	}
	return false
}

// String returns the status name.
func (s ApplicationStatus) String() string { return string(s) }

// Status groups the application commands check against.
var (
	appStatusesEditable  = []ApplicationStatus{AppDraft, AppReturned}
	appStatusesPending   = []ApplicationStatus{AppDraft, AppSubmitted, AppScreened, AppUnderExpertReview, AppReturned}
	appStatusesPaid      = []ApplicationStatus{AppApproved, AppClosed} // money may have been paid and can be recovered
	appStatusesDecidable = []ApplicationStatus{AppUnderExpertReview}
)

// projectStatusesFundable are the project statuses in which a project may apply for and be
// granted money: approved (立项) and not yet evaluated, suspended or closed.
var projectStatusesFundable = statusesApprovedToOperation

// projectStatusesPayable are the project statuses in which a tranche may be paid: a project
// suspended or cancelled receives nothing.
var projectStatusesPayable = slices.Concat(statusesApprovedToOperation, []ProjectStatus{StatusEvaluated})
