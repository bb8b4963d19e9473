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

// Milestone is one row of milestone_view.
type Milestone struct {
	ID                   domain.MilestoneID
	ProjectID            domain.ProjectID
	Name                 string
	Weight               int
	PlannedDate          domain.Date
	OriginalDate         domain.Date
	RescheduleCount      int
	LastRescheduleReason *string
	AchievedOn           *domain.Date
	Evidence             *string
}

// Achieved reports whether the milestone has been achieved.
func (m *Milestone) Achieved() bool { return m.AchievedOn != nil }

// Overdue reports whether the planned date is before today and the milestone is not achieved.
func (m *Milestone) Overdue(today domain.Date) bool {
	return m.AchievedOn == nil && m.PlannedDate.Before(today)
}

// Next is the earliest milestone not yet achieved by planned date (ms in planned-date order).
func Next(ms []*Milestone) *Milestone {
	for _, m := range ms {
		if !m.Achieved() {
			return m
		}
	}
	return nil
}

const milestoneSelect = `SELECT id::text, project_id::text, name, weight, planned_date, original_date,
	reschedule_count, last_reschedule_reason, achieved_date, evidence FROM milestone_view`

// MilestonesOf reads the milestones of several projects in one query, each project's list in
// planned-date order (ties in planning order), in the order of ids.
func (s *Store) MilestonesOf(ctx context.Context, ids []domain.ProjectID) ([][]*Milestone, error) {
	rows, err := s.pool.Query(ctx, milestoneSelect+` WHERE project_id = ANY($1::uuid[]) ORDER BY planned_date, seq`, enumStrings(ids))
	if err != nil {
		return nil, fmt.Errorf("read milestones: %w", err)
	}
	ms, err := pgx.CollectRows(rows, scanMilestone)
	if err != nil {
		return nil, fmt.Errorf("read milestones: %w", err)
	}
	return groupBy(ids, ms, func(m *Milestone) domain.ProjectID { return m.ProjectID }), nil
}

// Milestone reads one milestone; nil when there is none.
func (s *Store) Milestone(ctx context.Context, id domain.MilestoneID) (*Milestone, error) {
	rows, err := s.pool.Query(ctx, milestoneSelect+` WHERE id = $1::uuid`, string(id))
	if err != nil {
		return nil, fmt.Errorf("read milestone %s: %w", id, err)
	}
	m, err := pgx.CollectExactlyOneRow(rows, scanMilestone)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	return m, err
}

func scanMilestone(row pgx.CollectableRow) (*Milestone, error) {
	var m Milestone
	var id, project string
	var planned, original time.Time
	var achieved pgtype.Date
	if err := row.Scan(&id, &project, &m.Name, &m.Weight, &planned, &original,
		&m.RescheduleCount, &m.LastRescheduleReason, &achieved, &m.Evidence); err != nil {
		return nil, err
	}
	m.ID, m.ProjectID = domain.MilestoneID(id), domain.ProjectID(project)
	m.PlannedDate, m.OriginalDate, m.AchievedOn = domain.DateOf(planned), domain.DateOf(original), optDate(achieved)
	return &m, nil
}

// groupBy splits items by key into one list per key of keys, keeping the items' order; a key
// without items gets an empty (non-nil) list.
func groupBy[K comparable, T any](keys []K, items []T, key func(T) K) [][]T {
	byKey := make(map[K][]T, len(keys))
	for _, it := range items {
		byKey[key(it)] = append(byKey[key(it)], it)
	}
	out := make([][]T, len(keys))
	for i, k := range keys {
		out[i] = byKey[k]
		if out[i] == nil {
			out[i] = []T{}
		}
	}
	return out
}
