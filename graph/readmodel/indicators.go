package readmodel

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/smartcity/portfolio/domain"
)

// Indicator is one row of indicator_view.
type Indicator struct {
	ID               domain.IndicatorID
	ProjectID        domain.ProjectID
	Name             string
	Unit             string
	Baseline         domain.Quantity
	Target           domain.Quantity
	TargetDate       domain.Date
	LatestValue      *domain.Quantity
	LatestMeasuredOn *domain.Date
	MeasurementCount int
}

// Measurement is one row of indicator_measurement_view.
type Measurement struct {
	IndicatorID domain.IndicatorID
	MeasuredOn  domain.Date
	Value       domain.Quantity
	Note        string
	RecordedAt  time.Time
}

// NUMERIC columns are read as text and parsed exactly: never through a float.
const indicatorSelect = `SELECT id::text, project_id::text, name, unit, baseline::text, target::text, target_date,
	latest_value::text, latest_date, measurement_count FROM indicator_view`

// IndicatorsOf reads the indicators of several projects in one query, each list in definition
// order, in the order of ids.
func (s *Store) IndicatorsOf(ctx context.Context, ids []domain.ProjectID) ([][]*Indicator, error) {
	rows, err := s.pool.Query(ctx, indicatorSelect+` WHERE project_id = ANY($1::uuid[]) ORDER BY seq`, enumStrings(ids))
	if err != nil {
		return nil, fmt.Errorf("read indicators: %w", err)
	}
	is, err := pgx.CollectRows(rows, scanIndicator)
	if err != nil {
		return nil, fmt.Errorf("read indicators: %w", err)
	}
	return groupBy(ids, is, func(i *Indicator) domain.ProjectID { return i.ProjectID }), nil
}

// Indicator reads one indicator; nil when there is none.
func (s *Store) Indicator(ctx context.Context, id domain.IndicatorID) (*Indicator, error) {
	rows, err := s.pool.Query(ctx, indicatorSelect+` WHERE id = $1::uuid`, string(id))
	if err != nil {
		return nil, fmt.Errorf("read indicator %s: %w", id, err)
	}
	i, err := pgx.CollectExactlyOneRow(rows, scanIndicator)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	return i, err
}

// MeasurementsOf reads the measurements of several indicators in one query, each list in
// recording order, in the order of ids.
func (s *Store) MeasurementsOf(ctx context.Context, ids []domain.IndicatorID) ([][]*Measurement, error) {
	rows, err := s.pool.Query(ctx, `SELECT indicator_id::text, measured_on, value::text, note, recorded_at
		FROM indicator_measurement_view WHERE indicator_id = ANY($1::uuid[]) ORDER BY seq`, enumStrings(ids))
	if err != nil {
		return nil, fmt.Errorf("read measurements: %w", err)
	}
	ms, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*Measurement, error) {
		var m Measurement
		var id, value string
		var on time.Time
		if err := row.Scan(&id, &on, &value, &m.Note, &m.RecordedAt); err != nil {
			return nil, err
		}
		q, err := domain.ParseQuantity(value)
		if err != nil {
			return nil, fmt.Errorf("measurement of indicator %s: %w", id, err)
		}
		m.IndicatorID, m.MeasuredOn, m.Value, m.RecordedAt = domain.IndicatorID(id), domain.DateOf(on), q, m.RecordedAt.UTC()
		return &m, nil
	})
	if err != nil {
		return nil, fmt.Errorf("read measurements: %w", err)
	}
	return groupBy(ids, ms, func(m *Measurement) domain.IndicatorID { return m.IndicatorID }), nil
}

func scanIndicator(row pgx.CollectableRow) (*Indicator, error) {
	var i Indicator
	var id, project, baseline, target string
	var latest *string
	var targetDate time.Time
	var latestOn pgtype.Date
	if err := row.Scan(&id, &project, &i.Name, &i.Unit, &baseline, &target, &targetDate,
		&latest, &latestOn, &i.MeasurementCount); err != nil {
		return nil, err
	}
	i.ID, i.ProjectID, i.TargetDate, i.LatestMeasuredOn = domain.IndicatorID(id), domain.ProjectID(project), domain.DateOf(targetDate), optDate(latestOn)
	var err error
	if i.Baseline, err = domain.ParseQuantity(baseline); err != nil {
		return nil, fmt.Errorf("indicator %s baseline: %w", id, err)
	}
	if i.Target, err = domain.ParseQuantity(target); err != nil {
		return nil, fmt.Errorf("indicator %s target: %w", id, err)
	}
	if latest != nil {
		q, err := domain.ParseQuantity(*latest)
		if err != nil {
			return nil, fmt.Errorf("indicator %s latest value: %w", id, err)
		}
		i.LatestValue = &q
	}
	return &i, nil
}
