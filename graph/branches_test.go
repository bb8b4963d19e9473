package graph_test

import "testing"

// TestReturnedProjectIsRevisedResubmittedAndRejected covers the review loop: returned for
// revision, revised, resubmitted in a second round, and finally rejected.
func TestReturnedProjectIsRevisedResubmittedAndRejected(t *testing.T) {
	e := newEnv(t)
	id := e.underReview(ownerXZ, proposal("XZ-2024-002"))
	e.command(expert1, "recordExpertReview", on(id, "score", 55, "opinion", "投资估算偏高"))

	ret := e.command(office, "returnProjectForRevision", on(id, "reason", "请压缩投资并补充可研报告"))
	want(t, ret, "project.status", "RETURNED")
	want(t, ret, "project.statusReason", "请压缩投资并补充可研报告")

	rev := e.command(ownerXZ, "reviseProject", on(id,
		"name", "徐州市智慧交通信号控制系统（一期）", "domain", "TRANSPORT", "region", "320322",
		"description", "一期 60 个路口", "plannedInvestment", "900000.00",
		"fundingPlan", map[string]any{"fiscalSpecialFund": "600000", "bankLoan": "300000"},
		"plannedStart", "2024-03-01", "plannedEnd", "2025-06-30"))
	want(t, rev, "project.status", "RETURNED")
	want(t, rev, "project.name", "徐州市智慧交通信号控制系统（一期）")
	want(t, rev, "project.region.fullName", "江苏省徐州市沛县")
	want(t, rev, "project.plannedInvestment", "900000.00")
	want(t, rev, "project.fundingPlan.bankLoan", "300000.00")
	want(t, rev, "project.fundingPlan.selfRaised", "0.00")
	want(t, rev, "project.plannedEnd", "2025-06-30")

	re := e.command(ownerXZ, "submitProjectForReview", on(id))
	want(t, re, "project.status", "UNDER_REVIEW")
	want(t, re, "project.statusReason", nil)
	// The same expert may score again in the new round.
	e.command(expert1, "recordExpertReview", on(id, "score", 70, "opinion", "已压缩"))

	rj := e.command(office, "rejectProject", on(id, "reason", "与市政务云项目重复建设"))
	want(t, rj, "project.status", "REJECTED")
	want(t, rj, "project.statusReason", "与市政务云项目重复建设")

	q := e.ok(office, `query($id: ID!) { project(id: $id) { reviewCount expertReviews { round expertId score } } }`, vars("id", id))
	want(t, q, "project.reviewCount", 2)
	want(t, q, "project.expertReviews", []any{
		map[string]any{"round": 1, "expertId": "chen.jie", "score": 55},
		map[string]any{"round": 2, "expertId": "chen.jie", "score": 70},
	})
}

// TestSuspendedProjectResumesWhereItWasAndCanBeCancelled covers suspension, resumption and
// cancellation by the office, and cancellation by the owner before approval.
func TestSuspendedProjectResumesWhereItWasAndCanBeCancelled(t *testing.T) {
	e := newEnv(t)
	id := e.building(ownerXZ, proposal("XZ-2024-003"))

	s := e.command(office, "suspendProject", on(id, "reason", "审计发现问题"))
	want(t, s, "project.status", "SUSPENDED")
	want(t, s, "project.suspendedFrom", "IN_CONSTRUCTION")
	want(t, s, "project.statusReason", "审计发现问题")
	// A suspended project refuses work.
	e.commandFails(ownerXZ, "BAD_USER_INPUT", "reportProgress", on(id, "asOf", "2024-06-30", "percent", 10, "narrative", "x"))

	r := e.command(office, "resumeProject", on(id, "note", "整改完成"))
	want(t, r, "project.status", "IN_CONSTRUCTION")
	want(t, r, "project.suspendedFrom", nil)
	want(t, r, "project.statusReason", nil)

	c := e.command(office, "cancelProject", on(id, "reason", "规划调整"))
	want(t, c, "project.status", "CANCELLED")
	want(t, c, "project.statusReason", "规划调整")

	own := e.propose(ownerHA, proposal("HA-2024-001", "region", "320800", "domain", "LOGISTICS"))
	oc := e.command(ownerHA, "cancelProject", on(own, "reason", "合并到市级项目"))
	want(t, oc, "project.status", "CANCELLED")
}
