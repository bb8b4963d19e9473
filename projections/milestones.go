package projections

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
)

// Milestones is the read model of every project's milestones (milestone_view): weight, planned
// and original dates, rescheduling and achievement.
type Milestones struct{}

// Name implements Projector.
func (Milestones) Name() string { return "milestones.v1" }

// Tables implements Projector.
func (Milestones) Tables() []string { return []string{"milestone_view"} }

// Handles implements Projector.
func (Milestones) Handles(streamType, eventType string) bool {
	return streamType == domain.ProjectStreamType && milestoneEvents[eventType]
}

var milestoneEvents = eventTypes(&domain.MilestonePlanned{}, &domain.MilestoneRescheduled{}, &domain.MilestoneAchieved{})

func eventTypes(events ...domain.Event) map[string]bool {
	out := make(map[string]bool, len(events))
	for _, e := range events {
		out[e.EventType()] = true
	}
	return out
}

// Apply implements Projector: one event is a batch of one.
func (m Milestones) Apply(ctx context.Context, tx pgx.Tx, rec eventstore.Recorded, ev domain.Event) error {
	return applyBatcher(ctx, tx, m, []Applied{{Rec: rec, Event: ev}})
}

// milestoneViewRow is a row of milestone_view.
type milestoneViewRow struct {
	id, projectID             string
	seq, weight               int32
	name                      string
	plannedDate, originalDate time.Time
	rescheduleCount           int32
	lastRescheduleReason      *string
	achievedDate              *time.Time
	evidence                  *string
	updatedAt                 time.Time
}

func (r *milestoneViewRow) fields() []any {
	return []any{&r.id, &r.projectID, &r.seq, &r.name, &r.weight, &r.plannedDate, &r.originalDate, &r.rescheduleCount,
		&r.lastRescheduleReason, &r.achievedDate, &r.evidence, &r.updatedAt}
}

var milestoneViewTable = rowTable{table: "milestone_view", what: "milestone", key: "id", cols: []string{"id", "project_id",
	"seq", "name", "weight", "planned_date", "original_date", "reschedule_count", "last_reschedule_reason", "achieved_date",
	"evidence", "updated_at"}, texts: map[string]string{"id": "uuid", "project_id": "uuid"}}

// PrepareBatch implements Batcher: the rows of the batch's milestones are read once, the events
// applied to them in memory and each row written once.
func (Milestones) PrepareBatch(evs []Applied, reads *pgx.Batch) func(context.Context, pgx.Tx) error {
	rows := newRows[milestoneViewRow](milestoneViewTable, (*milestoneViewRow).fields)
	var ids []string
	for _, a := range evs {
		switch e := a.Event.(type) {
		case *domain.MilestoneRescheduled:
			ids = append(ids, string(e.MilestoneID))
		case *domain.MilestoneAchieved:
			ids = append(ids, string(e.MilestoneID))
		}
	}
	rows.queueLoad(reads, ids)
	return func(ctx context.Context, tx pgx.Tx) error { return applyMilestones(ctx, tx, rows, evs) }
}

func applyMilestones(ctx context.Context, tx pgx.Tx, rows *rowSet[milestoneViewRow], evs []Applied) error {
	for _, a := range evs {
		var err error
		switch e := a.Event.(type) {
		case *domain.MilestonePlanned:
			err = rows.create(string(e.MilestoneID), milestoneViewRow{id: string(e.MilestoneID), projectID: string(e.ProjectID),
				seq: int32(a.Rec.Version), name: e.Name, weight: int32(e.Weight), plannedDate: e.PlannedDate.Time(),
				originalDate: e.PlannedDate.Time(), updatedAt: a.Rec.RecordedAt})
		case *domain.MilestoneRescheduled:
			var r *milestoneViewRow
			if r, err = rows.change(string(e.MilestoneID)); err == nil {
				reason := e.Reason
				r.plannedDate, r.lastRescheduleReason, r.updatedAt = e.NewDate.Time(), &reason, a.Rec.RecordedAt
				r.rescheduleCount++
			}
		case *domain.MilestoneAchieved:
			var r *milestoneViewRow
			if r, err = rows.change(string(e.MilestoneID)); err == nil {
				on, evidence := e.AchievedOn.Time(), e.Evidence
				r.achievedDate, r.evidence, r.updatedAt = &on, &evidence, a.Rec.RecordedAt
			}
		}
		if err != nil {
			return fmt.Errorf("apply %s %s v%d: %w", a.Rec.Type, a.Rec.StreamID, a.Rec.Version, err)
		}
	}
	return rows.write(ctx, tx)
}
