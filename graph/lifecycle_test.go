package graph_test

import (
	"strings"
	"testing"
)

// TestProjectLifecycleFromProposalToEvaluation takes one project through every stage: proposal,
// review, approval, construction with milestones, progress, spending, indicators and budget
// revisions, a refused and a granted acceptance, operation and evaluation.
func TestProjectLifecycleFromProposalToEvaluation(t *testing.T) {
	e := newEnv(t)

	p := e.command(ownerXZ, "proposeProject", proposal("XZ-2024-001", "clientMutationId", "c-1"))
	id := str(p, "project.id")
	want(t, p, "clientMutationId", "c-1")
	want(t, p, "replayed", false)
	want(t, p, "project.code", "XZ-2024-001")
	want(t, p, "project.status", "PROPOSED")
	want(t, p, "project.domain", "TRANSPORT")
	want(t, p, "project.domainLabel", "智慧交通")
	want(t, p, "project.region", map[string]any{"code": "320300", "name": "徐州市", "nameEn": "Xuzhou", "level": "CITY", "fullName": "江苏省徐州市"})
	want(t, p, "project.ownerOrganization", "xz-bigdata")
	want(t, p, "project.plannedInvestment", "1200000.00")
	want(t, p, "project.fundingPlan", map[string]any{
		"fiscalSpecialFund": "800000.00", "constructionFund": "0.00", "pppSocialCapital": "0.00",
		"selfRaised": "400000.00", "bankLoan": "0.00", "total": "1200000.00",
	})
	want(t, p, "project.plannedStart", "2024-01-01")
	want(t, p, "project.plannedEnd", "2025-12-31")
	want(t, p, "project.approval", nil)
	want(t, p, "project.approvedBudget", nil)
	want(t, p, "project.remainingBudget", nil)
	want(t, p, "project.spent", "0.00")
	want(t, p, "project.version", 1)
	want(t, p, "project.plannedPercent", 0)

	// Milestones may be planned from the proposal on; two are due already, one far ahead.
	m1 := e.command(ownerXZ, "planMilestone", on(id, "name", "信号机招标完成", "plannedDate", "2024-05-01", "weight", 30))
	want(t, m1, "milestone.name", "信号机招标完成")
	want(t, m1, "milestone.weight", 30)
	want(t, m1, "milestone.achieved", false)
	want(t, m1, "project.plannedPercent", 30)
	m2 := e.command(ownerXZ, "planMilestone", on(id, "name", "主城区120个路口上线", "plannedDate", "2024-09-30", "weight", 30))
	want(t, m2, "project.plannedPercent", 60)
	m3 := e.command(ownerXZ, "planMilestone", on(id, "name", "全市联网", "plannedDate", "2098-12-31", "weight", 40))
	want(t, m3, "project.plannedPercent", 60)
	ind := e.command(ownerXZ, "defineIndicator", on(id, "name", "平均通行时间下降", "unit", "%",
		"baseline", "0", "target", "15.5", "targetDate", "2025-12-31"))
	want(t, ind, "indicator.target", "15.5")
	want(t, ind, "indicator.latestValue", nil)
	indicatorID := str(ind, "indicator.id")

	// Review and approval.
	s := e.command(ownerXZ, "submitProjectForReview", on(id))
	want(t, s, "project.status", "UNDER_REVIEW")
	e.command(expert1, "recordExpertReview", on(id, "score", 88, "opinion", "技术方案可行"))
	r := e.command(expert2, "recordExpertReview", on(id, "score", 76, "opinion", "建议压缩设备投资"))
	want(t, r, "project.reviewCount", 2)
	a := e.command(office, "approveProject", on(id, "documentNumber", "苏经信〔2024〕12号",
		"approvedBudget", "1200000.00", "approvedOn", "2024-03-01"))
	want(t, a, "project.status", "APPROVED")
	want(t, a, "project.approval", map[string]any{"documentNumber": "苏经信〔2024〕12号", "approvedOn": "2024-03-01", "approvedBudget": "1200000.00"})
	want(t, a, "project.approvedBudget", "1200000.00")
	want(t, a, "project.remainingBudget", "1200000.00")

	// Construction: a milestone achieved, progress, spending, a measurement.
	c := e.command(ownerXZ, "startConstruction", on(id, "startedOn", "2024-04-01"))
	want(t, c, "project.status", "IN_CONSTRUCTION")
	want(t, c, "project.constructionStartedOn", "2024-04-01")
	ach := e.command(ownerXZ, "achieveMilestone", on(id, "milestoneId", str(m1, "milestone.id"),
		"achievedOn", "2024-04-28", "evidence", "招标公告 XZCG-2024-118"))
	want(t, ach, "milestone.achieved", true)
	want(t, ach, "milestone.achievedOn", "2024-04-28")
	want(t, ach, "milestone.evidence", "招标公告 XZCG-2024-118")
	want(t, ach, "project.achievedPercent", 30)
	pr := e.command(ownerXZ, "reportProgress", on(id, "asOf", "2024-06-30", "percent", 35, "narrative", "完成设备采购"))
	want(t, pr, "project.reportedPercent", 35)
	want(t, pr, "project.reportedOn", "2024-06-30")
	x := e.command(ownerXZ, "recordExpenditure", on(id, "spentOn", "2024-05-10", "amount", "300000.5",
		"category", "EQUIPMENT", "description", "信号机 60 台"))
	want(t, x, "project.spent", "300000.50")
	want(t, x, "project.remainingBudget", "899999.50")
	ms := e.command(ownerXZ, "recordMeasurement", on(id, "indicatorId", indicatorID, "measuredOn", "2024-06-30", "value", "4.25", "note", "试点路口"))
	want(t, ms, "indicator.latestValue", "4.25")
	want(t, ms, "indicator.latestMeasuredOn", "2024-06-30")
	want(t, ms, "indicator.measurementCount", 1)
	want(t, ms, "indicator.measurements.0.note", "试点路口")

	// Budget revisions: one approved, one rejected.
	bp := e.command(ownerXZ, "proposeBudgetRevision", on(id, "newBudget", "1500000.00", "reason", "增加 30 个路口"))
	want(t, bp, "budgetRevision.status", "PENDING")
	want(t, bp, "budgetRevision.previousBudget", "1200000.00")
	ba := e.command(office, "approveBudgetRevision", on(id, "revisionId", str(bp, "budgetRevision.id"), "note", "同意"))
	want(t, ba, "budgetRevision.status", "APPROVED")
	want(t, ba, "budgetRevision.decisionNote", "同意")
	want(t, ba, "project.approvedBudget", "1500000.00")
	want(t, ba, "project.approval.approvedBudget", "1200000.00")
	bp2 := e.command(ownerXZ, "proposeBudgetRevision", on(id, "newBudget", "1800000.00", "reason", "再增加路口"))
	br := e.command(office, "rejectBudgetRevision", on(id, "revisionId", str(bp2, "budgetRevision.id"), "reason", "超出年度资金池"))
	want(t, br, "budgetRevision.status", "REJECTED")
	want(t, br, "budgetRevision.decisionNote", "超出年度资金池")
	want(t, br, "project.approvedBudget", "1500000.00")

	resch := e.command(ownerXZ, "rescheduleMilestone", on(id, "milestoneId", str(m3, "milestone.id"),
		"newDate", "2099-06-30", "reason", "等待省级平台"))
	want(t, resch, "milestone.plannedDate", "2099-06-30")
	want(t, resch, "milestone.originalDate", "2098-12-31")
	want(t, resch, "milestone.rescheduleCount", 1)
	want(t, resch, "milestone.lastRescheduleReason", "等待省级平台")

	// Acceptance refused once, then granted; operation; evaluation.
	want(t, e.command(ownerXZ, "requestAcceptance", on(id, "summary", "全部路口上线")), "project.status", "ACCEPTANCE_REQUESTED")
	rj := e.command(office, "rejectAcceptance", on(id, "reason", "缺少第三方测评报告"))
	want(t, rj, "project.status", "IN_CONSTRUCTION")
	want(t, rj, "project.statusReason", "缺少第三方测评报告")
	want(t, e.command(ownerXZ, "requestAcceptance", on(id)), "project.statusReason", nil)
	acc := e.command(office, "acceptProject", on(id, "acceptedOn", "2024-12-01", "conclusion", "验收合格"))
	want(t, acc, "project.status", "ACCEPTED")
	want(t, acc, "project.acceptedOn", "2024-12-01")
	op := e.command(ownerXZ, "startOperation", on(id, "startedOn", "2025-01-01"))
	want(t, op, "project.status", "IN_OPERATION")
	want(t, op, "project.operationStartedOn", "2025-01-01")
	ev := e.command(office, "evaluateProject", on(id, "evaluatedOn", "2025-06-30", "score", 92, "conclusion", "效果显著"))
	want(t, ev, "project.status", "EVALUATED")
	want(t, ev, "project.evaluationScore", 92)

	// The whole project as leadership reads it.
	q := e.ok(leader, `query($id: ID!) { project(id: $id) { `+projectFields+`
		nextMilestone { name overdue } milestones { name weight achieved overdue plannedDate }
		indicators { name latestValue measurements { value } }
		expertReviews { round expertId score opinion } progressReports { asOf percent narrative note }
		expenditures { spentOn amount category description } budgetRevisions { newBudget status }
		history(first: 100) { totalCount edges { node { type } } } } }`, vars("id", id))["project"]
	want(t, q, "status", "EVALUATED")
	want(t, q, "approvedBudget", "1500000.00")
	want(t, q, "spent", "300000.50")
	want(t, q, "remainingBudget", "1199999.50")
	want(t, q, "plannedPercent", 60)
	want(t, q, "achievedPercent", 30)
	want(t, q, "nextMilestone", map[string]any{"name": "主城区120个路口上线", "overdue": true})
	want(t, q, "milestones", []any{
		map[string]any{"name": "信号机招标完成", "weight": 30, "achieved": true, "overdue": false, "plannedDate": "2024-05-01"},
		map[string]any{"name": "主城区120个路口上线", "weight": 30, "achieved": false, "overdue": true, "plannedDate": "2024-09-30"},
		map[string]any{"name": "全市联网", "weight": 40, "achieved": false, "overdue": false, "plannedDate": "2099-06-30"},
	})
	want(t, q, "indicators", []any{map[string]any{"name": "平均通行时间下降", "latestValue": "4.25", "measurements": []any{map[string]any{"value": "4.25"}}}})
	want(t, q, "expertReviews", []any{
		map[string]any{"round": 1, "expertId": "chen.jie", "score": 88, "opinion": "技术方案可行"},
		map[string]any{"round": 1, "expertId": "sun.li", "score": 76, "opinion": "建议压缩设备投资"},
	})
	want(t, q, "progressReports", []any{map[string]any{"asOf": "2024-06-30", "percent": 35, "narrative": "完成设备采购", "note": ""}})
	want(t, q, "expenditures", []any{map[string]any{"spentOn": "2024-05-10", "amount": "300000.50", "category": "EQUIPMENT", "description": "信号机 60 台"}})
	want(t, q, "budgetRevisions", []any{
		map[string]any{"newBudget": "1500000.00", "status": "APPROVED"},
		map[string]any{"newBudget": "1800000.00", "status": "REJECTED"},
	})
	want(t, q, "version", 25)
	want(t, q, "history.totalCount", 25)
	var types []string
	for _, edge := range list(q, "history.edges") {
		types = append(types, strings.TrimSuffix(str(edge, "node.type"), ".v1"))
	}
	if got, wantTypes := strings.Join(types, " "), strings.Join([]string{
		"ProjectProposed", "MilestonePlanned", "MilestonePlanned", "MilestonePlanned", "IndicatorDefined",
		"ProjectSubmittedForReview", "ExpertReviewRecorded", "ExpertReviewRecorded", "ProjectApproved",
		"ConstructionStarted", "MilestoneAchieved", "ProgressReported", "ExpenditureRecorded", "IndicatorMeasured",
		"BudgetRevisionProposed", "BudgetRevisionApproved", "BudgetRevisionProposed", "BudgetRevisionRejected",
		"MilestoneRescheduled", "AcceptanceRequested", "AcceptanceRejected", "AcceptanceRequested",
		"ProjectAccepted", "OperationStarted", "ProjectEvaluated",
	}, " "); got != wantTypes {
		t.Errorf("history:\n got %s\nwant %s", got, wantTypes)
	}
}
