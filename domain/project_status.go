package domain

// ProjectStatus is where a project stands in its lifecycle (政府投资信息化工程项目管理).
type ProjectStatus string

// The project statuses.
const (
	StatusProposed            ProjectStatus = "PROPOSED"             // 申报: drafted by the owner
	StatusUnderReview         ProjectStatus = "UNDER_REVIEW"         // 评审: submitted, experts scoring
	StatusReturned            ProjectStatus = "RETURNED"             // 退回修改: returned for revision
	StatusRejected            ProjectStatus = "REJECTED"             // 不予立项 (terminal)
	StatusApproved            ProjectStatus = "APPROVED"             // 立项: approval document and budget
	StatusInConstruction      ProjectStatus = "IN_CONSTRUCTION"      // 建设
	StatusAcceptanceRequested ProjectStatus = "ACCEPTANCE_REQUESTED" // 申请验收
	StatusAccepted            ProjectStatus = "ACCEPTED"             // 验收通过
	StatusInOperation         ProjectStatus = "IN_OPERATION"         // 运行
	StatusEvaluated           ProjectStatus = "EVALUATED"            // 评估 (terminal)
	StatusSuspended           ProjectStatus = "SUSPENDED"            // 暂停
	StatusCancelled           ProjectStatus = "CANCELLED"            // 撤销 (terminal)
)

// ProjectStatuses lists every status in lifecycle order.
func ProjectStatuses() []ProjectStatus {
	return []ProjectStatus{
		StatusProposed, StatusUnderReview, StatusReturned, StatusRejected, StatusApproved,
		StatusInConstruction, StatusAcceptanceRequested, StatusAccepted, StatusInOperation,
		StatusEvaluated, StatusSuspended, StatusCancelled,
	}
}

// ParseProjectStatus accepts exactly one of the status names.
func ParseProjectStatus(s string) (ProjectStatus, error) {
	return parseEnum("status", s, ProjectStatuses())
}

// IsTerminal reports whether nothing can happen to a project in this status any more.
func (s ProjectStatus) IsTerminal() bool {
	return s == StatusRejected || s == StatusCancelled || s == StatusEvaluated
}

// String returns the status name.
func (s ProjectStatus) String() string { return string(s) }

// Status groups the commands check against. Suspended and terminal projects are in none of the
// groups except where a command lists them explicitly.
var (
	statusesBeforeApproval = []ProjectStatus{StatusProposed, StatusUnderReview, StatusReturned}
	statusesEditable       = []ProjectStatus{StatusProposed, StatusReturned}
	// statusesApprovedToOperation are the live states after approval: money may be spent and
	// budgets revised.
	statusesApprovedToOperation = []ProjectStatus{
		StatusApproved, StatusInConstruction, StatusAcceptanceRequested, StatusAccepted, StatusInOperation,
	}
	// statusesBuilding are the states in which work has started: milestones achieved, progress reported.
	statusesBuilding = []ProjectStatus{
		StatusInConstruction, StatusAcceptanceRequested, StatusAccepted, StatusInOperation,
	}
	// statusesPlanning are the live states before acceptance: milestones may still be planned.
	statusesPlanning = []ProjectStatus{
		StatusProposed, StatusUnderReview, StatusReturned, StatusApproved, StatusInConstruction,
		StatusAcceptanceRequested,
	}
	// statusesLive are all states that are neither suspended nor terminal.
	statusesLive = []ProjectStatus{
		StatusProposed, StatusUnderReview, StatusReturned, StatusApproved, StatusInConstruction,
		StatusAcceptanceRequested, StatusAccepted, StatusInOperation,
	}
	statusesSuspendable = []ProjectStatus{
		StatusApproved, StatusInConstruction, StatusAcceptanceRequested, StatusInOperation,
	}
)
