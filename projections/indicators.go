package projections

import (
	"context"
	"fmt"
	"time"

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

// Apply implements Projector: one event is a batch of one.
func (i Indicators) Apply(ctx context.Context, tx pgx.Tx, rec eventstore.Recorded, ev domain.Event) error {
	return applyBatcher(ctx, tx, i, []Applied{{Rec: rec, Event: ev}})
}

// indicatorViewRow is a row of indicator_view (numbers as their text).
type indicatorViewRow struct {
	id, projectID    string
	seq              int32
	name, unit       string
	baseline, target string
	targetDate       time.Time
	latestValue      *string
	latestDate       *time.Time
	measurementCount int32
	updatedAt        time.Time
}

func (r *indicatorViewRow) fields() []any {
	return []any{&r.id, &r.projectID, &r.seq, &r.name, &r.unit, &r.baseline, &r.target, &r.targetDate, &r.latestValue,
		&r.latestDate, &r.measurementCount, &r.updatedAt}
}

var indicatorViewTable = rowTable{table: "indicator_view", what: "indicator", key: "id", cols: []string{"id", "project_id",
	"seq", "name", "unit", "baseline", "target", "target_date", "latest_value", "latest_date", "measurement_count",
	"updated_at"}, texts: map[string]string{"id": "uuid", "project_id": "uuid", "baseline": "numeric", "target": "numeric",
	"latest_value": "numeric"}}

// PrepareBatch implements Batcher: the rows of the batch's indicators are read once, the events
// applied to them in memory and each row written once; every measurement is a row of its own.
func (Indicators) PrepareBatch(evs []Applied, reads *pgx.Batch) func(context.Context, pgx.Tx) error {
	rows := newRows[indicatorViewRow](indicatorViewTable, (*indicatorViewRow).fields)
	var ids []string
	for _, a := range evs {
		if e, ok := a.Event.(*domain.IndicatorMeasured); ok {
			ids = append(ids, string(e.IndicatorID))
		}
	}
	rows.queueLoad(reads, ids)
	return func(ctx context.Context, tx pgx.Tx) error { return applyIndicators(ctx, tx, rows, evs) }
}

func applyIndicators(ctx context.Context, tx pgx.Tx, rows *rowSet[indicatorViewRow], evs []Applied) error {
	var measurements [][]any
	for _, a := range evs {
		var err error
		switch e := a.Event.(type) {
		case *domain.IndicatorDefined:
			err = rows.create(string(e.IndicatorID), indicatorViewRow{id: string(e.IndicatorID), projectID: string(e.ProjectID),
				seq: int32(a.Rec.Version), name: e.Name, unit: e.Unit, baseline: e.Baseline.String(), target: e.Target.String(),
				targetDate: e.TargetDate.Time(), updatedAt: a.Rec.RecordedAt})
		case *domain.IndicatorMeasured:
			var r *indicatorViewRow
			if r, err = rows.change(string(e.IndicatorID)); err != nil {
				break
			}
			// The latest value is the one measured last; of two on the same day, the one recorded last.
			if on := e.MeasuredOn.Time(); r.latestDate == nil || !r.latestDate.After(on) {
				v := e.Value.String()
				r.latestValue, r.latestDate = &v, &on
			}
			r.measurementCount++
			r.updatedAt = a.Rec.RecordedAt
			measurements = append(measurements, []any{string(e.IndicatorID), a.Rec.Version, e.MeasuredOn.Time(), e.Value.String(),
				e.Note, a.Rec.RecordedAt})
		}
		if err != nil {
			return fmt.Errorf("apply %s %s v%d: %w", a.Rec.Type, a.Rec.StreamID, a.Rec.Version, err)
		}
	}
	if err := rows.write(ctx, tx); err != nil {
		return err
	}
	// Every measurement is a row of its own.
	casts := []string{"::text::uuid", "", "", "::text::numeric", "", ""}
	return chunks(measurements, func(ms [][]any) error {
		return execRows(ctx, tx, int64(len(ms)), `INSERT INTO indicator_measurement_view (indicator_id, seq, measured_on, value,
			note, recorded_at) VALUES `+valuesList(casts, len(ms)), flat(ms)...)
	})
}

// All returns every projector of the product, in a stable order.
func All() []Projector {
	return []Projector{Projects{}, Milestones{}, Indicators{}, Funds{}, Applications{}, PPPArrangements{}, PPPLedgers{}, Summary{}}
}
