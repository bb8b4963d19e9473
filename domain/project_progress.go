package domain

// ReportProgress states the project's overall progress in whole percent as of a date.
type ReportProgress struct {
	AsOf      Date
	Percent   int // 0..100
	Narrative string
	Note      string // required when Percent is below the previous report's
	Today     Date
}

// ReportProgress lets the owner report progress once construction has started. Reports are
// chronological; a report lower than the previous one must carry a note explaining the drop.
func (p *Project) ReportProgress(a Actor, c ReportProgress) ([]Event, error) {
	const action = "report progress"
	if err := p.authorize(a, action, RoleOwner); err != nil {
		return nil, err
	}
	if err := p.requireStatus(action, statusesBuilding...); err != nil {
		return nil, err
	}
	if err := checkPastDate("asOf", c.AsOf, c.Today); err != nil {
		return nil, err
	}
	if err := checkNotBefore("asOf", c.AsOf, p.constructionStart, "construction start"); err != nil {
		return nil, err
	}
	if err := checkRange("percent", c.Percent, 0, maxPercent); err != nil {
		return nil, err
	}
	narrative, err := requireText("narrative", c.Narrative, maxTextLen)
	if err != nil {
		return nil, err
	}
	note, err := optionalText("note", c.Note, maxTextLen)
	if err != nil {
		return nil, err
	}
	if prev, ok := p.LatestProgress(); ok {
		if err := checkNotBefore("asOf", c.AsOf, prev.AsOf, "previous report's date"); err != nil {
			return nil, err
		}
		if c.Percent < prev.Percent && note == "" {
			return nil, invalid("percent", "%d%% is below the previous report's %d%% (as of %s); add a note explaining the drop",
				c.Percent, prev.Percent, prev.AsOf)
		}
	}
	return p.record(&ProgressReported{
		ProjectID: p.id, AsOf: c.AsOf, Percent: c.Percent, Narrative: narrative, Note: note,
	})
}
