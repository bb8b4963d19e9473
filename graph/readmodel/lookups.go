package readmodel

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
)

// Lookups by id for the dataloaders of nested fields (an application's project, a tranche's milestone).

// ProjectsByID reads several projects in one query, in the order of ids (nil where there is
// none); today is the date the planned percent is computed for.
func (s *Store) ProjectsByID(ctx context.Context, ids []domain.ProjectID, today domain.Date) ([]*Project, error) {
	rows, err := s.pool.Query(ctx, projectSelect+` WHERE p.id = ANY($2::uuid[])`, today.Time(), enumStrings(ids))
	if err != nil {
		return nil, fmt.Errorf("read projects: %w", err)
	}
	ps, err := pgx.CollectRows(rows, scanProject)
	if err != nil {
		return nil, fmt.Errorf("read projects: %w", err)
	}
	byID := make(map[domain.ProjectID]*Project, len(ps))
	for _, p := range ps {
		byID[p.ID] = p
	}
	out := make([]*Project, len(ids))
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out, nil
}

// MilestonesByID reads several milestones in one query, in the order of ids (nil where there is none).
func (s *Store) MilestonesByID(ctx context.Context, ids []domain.MilestoneID) ([]*Milestone, error) {
	return byIDs(ctx, s, "milestones", milestoneSelect, "id", ids, scanMilestone, func(m *Milestone) domain.MilestoneID { return m.ID })
}
