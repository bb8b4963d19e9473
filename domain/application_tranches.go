package domain

import "fmt"

// maxTranches is the most tranches one approval may have.
const maxTranches = 50

// checkTranches validates an approval's tranches against the project's milestones and the amount.
func checkTranches(project *Project, approved Money, in []ApprovedTranche) ([]ApprovedTranche, error) {
	if len(in) == 0 {
		return nil, invalid("tranches", "at least one tranche is required")
	}
	if len(in) > maxTranches {
		return nil, invalid("tranches", "%d tranches given, at most %d allowed", len(in), maxTranches)
	}
	out := make([]ApprovedTranche, len(in))
	ids, milestones := map[TrancheID]bool{}, map[MilestoneID]bool{}
	var sum Money
	for i, t := range in {
		field := fmt.Sprintf("tranches[%d]", i)
		if err := checkID(field+".trancheId", string(t.TrancheID)); err != nil {
			return nil, err
		}
		if ids[t.TrancheID] {
			return nil, invalid(field+".trancheId", "tranche %s is listed twice", t.TrancheID)
		}
		if _, ok := project.Milestone(t.MilestoneID); !ok {
			return nil, invalid(field+".milestoneId", "%q is not a milestone of project %s", t.MilestoneID, project.Code())
		}
		if milestones[t.MilestoneID] {
			return nil, invalid(field+".milestoneId", "milestone %s has two tranches", t.MilestoneID)
		}
		if err := checkAmount(field+".amount", t.Amount); err != nil {
			return nil, err
		}
		ids[t.TrancheID], milestones[t.MilestoneID] = true, true
		sum += t.Amount
		out[i] = t
	}
	if sum != approved {
		return nil, invalid("tranches", "tranches total %s yuan, but the approved amount is %s yuan", sum, approved)
	}
	return out, nil
}

// firstPayment is the date of the earliest paid tranche; zero when none is paid.
func (x *FundingApplication) firstPayment() Date {
	var first Date
	for _, t := range x.tranches {
		if t.Status == TrancheStatusDisbursed && (first.IsZero() || t.DisbursedOn.Before(first)) {
			first = t.DisbursedOn
		}
	}
	return first
}

// lastPayment is the date of the latest paid tranche; zero when none is paid.
func (x *FundingApplication) lastPayment() Date {
	var last Date
	for _, t := range x.tranches {
		if t.Status == TrancheStatusDisbursed && t.DisbursedOn.After(last) {
			last = t.DisbursedOn
		}
	}
	return last
}
