package domain

import "slices"

// PlanMilestone adds a milestone; its id is minted by the caller (NewMilestoneID).
type PlanMilestone struct {
	MilestoneID MilestoneID
	Name        string
	PlannedDate Date
	Weight      int // whole percent of the project, 1..100
}

// RescheduleMilestone moves a milestone that is not yet achieved to a new date, with a reason.
type RescheduleMilestone struct {
	MilestoneID MilestoneID
	NewDate     Date
	Reason      string
}

// AchieveMilestone reports a milestone achieved on a date, with evidence (documents, figures).
type AchieveMilestone struct {
	MilestoneID MilestoneID
	AchievedOn  Date
	Evidence    string
	Today       Date
}

// PlanMilestone lets the owner plan a milestone while the project is live and not yet accepted.
// The weights of all milestones of a project may total at most 100%.
func (p *Project) PlanMilestone(a Actor, c PlanMilestone) ([]Event, error) {
	const action = "plan a milestone"
	if err := p.authorize(a, action, RoleOwner); err != nil {
		return nil, err
	}
	if err := p.requireStatus(action, statusesPlanning...); err != nil {
		return nil, err
	}
	if err := checkID("milestoneId", string(c.MilestoneID)); err != nil {
		return nil, err
	}
	if p.milestoneIndex(c.MilestoneID) >= 0 {
		return nil, invalid("milestoneId", "milestone %s already exists", c.MilestoneID)
	}
	name, err := requireText("name", c.Name, maxNameLen)
	if err != nil {
		return nil, err
	}
	if err := p.checkMilestoneDate("plannedDate", c.PlannedDate); err != nil {
		return nil, err
	}
	if err := checkRange("weight", c.Weight, 1, maxPercent); err != nil {
		return nil, err
	}
	if total := p.totalWeight(); total+c.Weight > maxPercent {
		return nil, invalid("weight", "weights would total %d%% (planned %d%% + %d%%), at most %d%% allowed",
			total+c.Weight, total, c.Weight, maxPercent)
	}
	return p.record(&MilestonePlanned{
		ProjectID: p.id, MilestoneID: c.MilestoneID, Name: name, PlannedDate: c.PlannedDate, Weight: c.Weight,
	})
}

// RescheduleMilestone lets the owner move a milestone not yet achieved while the project is live.
func (p *Project) RescheduleMilestone(a Actor, c RescheduleMilestone) ([]Event, error) {
	const action = "reschedule a milestone"
	m, err := p.liveMilestone(a, action, statusesLive, c.MilestoneID)
	if err != nil {
		return nil, err
	}
	if err := p.checkMilestoneDate("newDate", c.NewDate); err != nil {
		return nil, err
	}
	if c.NewDate == m.PlannedDate {
		return nil, invalid("newDate", "%s is already the planned date of milestone %q", c.NewDate, m.Name)
	}
	reason, err := requireText("reason", c.Reason, maxTextLen)
	if err != nil {
		return nil, err
	}
	return p.record(&MilestoneRescheduled{
		ProjectID: p.id, MilestoneID: m.ID, PreviousDate: m.PlannedDate, NewDate: c.NewDate, Reason: reason,
	})
}

// AchieveMilestone lets the owner report a milestone achieved once construction has started, on a
// date between the construction start and today.
func (p *Project) AchieveMilestone(a Actor, c AchieveMilestone) ([]Event, error) {
	const action = "achieve a milestone"
	m, err := p.liveMilestone(a, action, statusesBuilding, c.MilestoneID)
	if err != nil {
		return nil, err
	}
	if err := checkPastDate("achievedOn", c.AchievedOn, c.Today); err != nil {
		return nil, err
	}
	if err := checkNotBefore("achievedOn", c.AchievedOn, p.constructionStart, "construction start"); err != nil {
		return nil, err
	}
	evidence, err := requireText("evidence", c.Evidence, maxTextLen)
	if err != nil {
		return nil, err
	}
	return p.record(&MilestoneAchieved{ProjectID: p.id, MilestoneID: m.ID, AchievedOn: c.AchievedOn, Evidence: evidence})
}

// liveMilestone is the shared check of RescheduleMilestone and AchieveMilestone: the owner, the
// project status, an existing milestone that is not yet achieved.
func (p *Project) liveMilestone(a Actor, action string, allowed []ProjectStatus, id MilestoneID) (Milestone, error) {
	if err := p.authorize(a, action, RoleOwner); err != nil {
		return Milestone{}, err
	}
	if err := p.requireStatus(action, allowed...); err != nil {
		return Milestone{}, err
	}
	m, ok := p.Milestone(id)
	if !ok {
		return Milestone{}, &NotFoundError{Entity: "milestone", ID: string(id)}
	}
	if m.Achieved() {
		return Milestone{}, &StateError{Entity: "milestone " + m.Name, Action: action,
			State: "already achieved on " + m.AchievedOn.String()}
	}
	return m, nil
}

// checkMilestoneDate refuses a planned date that is malformed, out of range or before the
// project's planned start.
func (p *Project) checkMilestoneDate(field string, d Date) error {
	if err := checkDate(field, d); err != nil {
		return err
	}
	return checkNotBefore(field, d, p.plannedStart, "project's planned start")
}

func (p *Project) totalWeight() int {
	total := 0
	for _, m := range p.milestones {
		total += m.Weight
	}
	return total
}

// PlannedPercent is the share of the project planned to be done by asOf: the sum of the weights of
// milestones whose (current) planned date is on or before asOf.
func (p *Project) PlannedPercent(asOf Date) int {
	total := 0
	for _, m := range p.milestones {
		if !m.PlannedDate.After(asOf) {
			total += m.Weight
		}
	}
	return total
}

// AchievedPercent is the sum of the weights of achieved milestones.
func (p *Project) AchievedPercent() int { return p.AchievedPercentAsOf(latestDate) }

// AchievedPercentAsOf is the sum of the weights of milestones achieved on or before asOf.
func (p *Project) AchievedPercentAsOf(asOf Date) int {
	total := 0
	for _, m := range p.milestones {
		if m.AchievedBy(asOf) {
			total += m.Weight
		}
	}
	return total
}

// OverdueMilestones lists the milestones planned before asOf and not achieved by then.
func (p *Project) OverdueMilestones(asOf Date) []Milestone {
	return slices.DeleteFunc(p.Milestones(), func(m Milestone) bool { return !m.Overdue(asOf) })
}
