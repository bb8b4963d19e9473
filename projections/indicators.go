package projections

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
)

// Indicators is the read model of every project's indicators (indicator_view) with their
// measurements (indicator_measurement_view) and the latest value by measurement date.
type Indicators struct{}

// Name implements Projector.
func (Indicators) Name() string { return "indicators.v1" }

// Tables implements Projector.
func (Indicators) Tables() []string {
	return []string{"indicator_measurement_view", "indicator_view"}
}

// Handles implements Projector.
func (Indicators) Handles(streamType, eventType string) bool {
	return streamType == domain.ProjectStreamType && indicatorEvents[eventType]
}

var indicatorEvents = eventTypes(&domain.IndicatorDefined{}, &domain.IndicatorMeasured{})

// Apply implements Projector.
func (Indicators) Apply(ctx context.Context, tx pgx.Tx, rec eventstore.Recorded, ev domain.Event) error {
	switch e := ev.(type) {
	case *domain.IndicatorDefined:
		_, err := tx.Exec(ctx, `INSERT INTO indicator_view (id, project_id, seq, name, unit, baseline, target, target_date, updated_at)
			VALUES ($1,$2,$3,$4,$5,$6::numeric,$7::numeric,$8,$9)`,
			e.IndicatorID, e.ProjectID, rec.Version, e.Name, e.Unit, e.Baseline.String(), e.Target.String(), e.TargetDate.Time(), rec.RecordedAt)
		return err
	case *domain.IndicatorMeasured:
		if _, err := tx.Exec(ctx, `INSERT INTO indicator_measurement_view (indicator_id, seq, measured_on, value, note, recorded_at)
			VALUES ($1,$2,$3,$4::numeric,$5,$6)`, e.IndicatorID, rec.Version, e.MeasuredOn.Time(), e.Value.String(), e.Note, rec.RecordedAt); err != nil {
			return err
		}
		// The latest value is the one measured last; of two on the same day, the one recorded last.
		tag, err := tx.Exec(ctx, `UPDATE indicator_view SET measurement_count = measurement_count + 1, updated_at = $4,
			latest_value = CASE WHEN latest_date IS NULL OR latest_date <= $2 THEN $3::numeric ELSE latest_value END,
			latest_date  = CASE WHEN latest_date IS NULL OR latest_date <= $2 THEN $2 ELSE latest_date END
			WHERE id = $1`, e.IndicatorID, e.MeasuredOn.Time(), e.Value.String(), rec.RecordedAt)
		if err == nil && tag.RowsAffected() != 1 {
			err = fmt.Errorf("indicator %s is not in indicator_view", e.IndicatorID)
		}
		return err
	}
	return nil
}

// All returns every projector of the product, in a stable order.
func All() []Projector {
	return []Projector{Projects{}, Milestones{}, Indicators{}, Funds{}, Applications{}, PPPArrangements{}, PPPLedgers{}, Summary{}}
}
