package domain

// DefineIndicator adds a numeric target, e.g. "FTTH users", unit "户", baseline 120000, target
// 480000 by 2017-12-31. Its id is minted by the caller (NewIndicatorID).
type DefineIndicator struct {
	IndicatorID IndicatorID
	Name        string
	Unit        string
	Baseline    Quantity
	Target      Quantity
	TargetDate  Date
}

// RecordMeasurement reports an indicator's value on a date; the note is optional.
type RecordMeasurement struct {
	IndicatorID IndicatorID
	MeasuredOn  Date
	Value       Quantity
	Note        string
	Today       Date
}

// DefineIndicator lets the owner define an indicator while the project is live.
func (p *Project) DefineIndicator(a Actor, c DefineIndicator) ([]Event, error) {
	const action = "define an indicator"
	if err := p.authorize(a, action, RoleOwner); err != nil {
		return nil, err
	}
	if err := p.requireStatus(action, statusesLive...); err != nil {
		return nil, err
	}
	if err := checkID("indicatorId", string(c.IndicatorID)); err != nil {
		return nil, err
	}
	if p.indicatorIndex(c.IndicatorID) >= 0 {
		return nil, invalid("indicatorId", "indicator %s already exists", c.IndicatorID)
	}
	name, err := requireText("name", c.Name, maxNameLen)
	if err != nil {
		return nil, err
	}
	unit, err := requireText("unit", c.Unit, maxUnitLen)
	if err != nil {
		return nil, err
	}
	if err := checkDate("targetDate", c.TargetDate); err != nil {
		return nil, err
	}
	return p.record(&IndicatorDefined{
		ProjectID: p.id, IndicatorID: c.IndicatorID, Name: name, Unit: unit,
		Baseline: c.Baseline, Target: c.Target, TargetDate: c.TargetDate,
	})
}

// RecordMeasurement lets the owner measure an indicator while the project is live.
func (p *Project) RecordMeasurement(a Actor, c RecordMeasurement) ([]Event, error) {
	const action = "record a measurement"
	if err := p.authorize(a, action, RoleOwner); err != nil {
		return nil, err
	}
	if err := p.requireStatus(action, statusesLive...); err != nil {
		return nil, err
	}
	if p.indicatorIndex(c.IndicatorID) < 0 {
		return nil, &NotFoundError{Entity: "indicator", ID: string(c.IndicatorID)}
	}
	if err := checkPastDate("measuredOn", c.MeasuredOn, c.Today); err != nil {
		return nil, err
	}
	note, err := optionalText("note", c.Note, maxTextLen)
	if err != nil {
		return nil, err
	}
	return p.record(&IndicatorMeasured{
		ProjectID: p.id, IndicatorID: c.IndicatorID, MeasuredOn: c.MeasuredOn, Value: c.Value, Note: note,
	})
}
