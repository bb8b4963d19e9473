package projections

import (
	"context"
	"fmt"

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

// Apply implements Projector.
func (Milestones) Apply(ctx context.Context, tx pgx.Tx, rec eventstore.Recorded, ev domain.Event) error {
	exec := func(q string, args ...any) error {
		tag, err := tx.Exec(ctx, q, args...)
		if err == nil && tag.RowsAffected() != 1 {
			err = fmt.Errorf("expected one milestone row to change, %d did", tag.RowsAffected())
		}
		return err
	}
	switch e := ev.(type) {
	case *domain.MilestonePlanned:
		return exec(`INSERT INTO milestone_view (id, project_id, seq, name, weight, planned_date, original_date, updated_at)
			VALUES ($1,$2,$3,$4,$5,$6,$6,$7)`,
			e.MilestoneID, e.ProjectID, rec.Version, e.Name, e.Weight, e.PlannedDate.Time(), rec.RecordedAt)
	case *domain.MilestoneRescheduled:
		return exec(`UPDATE milestone_view SET planned_date=$2, reschedule_count = reschedule_count + 1,
			last_reschedule_reason=$3, updated_at=$4 WHERE id=$1`, e.MilestoneID, e.NewDate.Time(), e.Reason, rec.RecordedAt)
	case *domain.MilestoneAchieved:
		return exec(`UPDATE milestone_view SET achieved_date=$2, evidence=$3, updated_at=$4 WHERE id=$1`,
			e.MilestoneID, e.AchievedOn.Time(), e.Evidence, rec.RecordedAt)
	}
	return nil
}
