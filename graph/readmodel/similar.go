package readmodel

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
)

// SimilarProject is a project resembling another one, with the trigram similarity of the two.
type SimilarProject struct {
	Of        domain.ProjectID // the project compared
	ProjectID domain.ProjectID // the resembling project
	Score     float64
}

// SimilarProjectsOf finds, for each of several projects in one query, the projects resembling
// it: the duplicate-construction check (重复建设). Candidates are the other projects of the same
// domain in the same city (the first four digits of the GB/T 2260 code: a city and its
// counties, or the same province-level code), ranked by pg_trgm similarity of name and
// description (rounded to four decimals), most similar first, ties in id order; at most first
// per project, none below minScore. The lists come in the order of ids.
//
// Domain and city narrow the candidates through their indexes before any similarity is
// computed. The trigram index on code, name and description is not used: the code (e.g.
// XZ-2024-001) would make every project of one owner look alike.
func (s *Store) SimilarProjectsOf(ctx context.Context, ids []domain.ProjectID, first int, minScore float64) ([][]*SimilarProject, error) {
	rows, err := s.pool.Query(ctx, `SELECT me.id::text, c.id::text, c.score FROM project_view me
		CROSS JOIN LATERAL (
			SELECT s.id, s.score FROM (
				SELECT p.id, round(similarity(p.name || ' ' || p.description, me.name || ' ' || me.description)::numeric, 4)::float8 AS score
				FROM project_view p
				WHERE p.domain = me.domain AND p.region_code LIKE left(me.region_code, 4) || '%' AND p.id <> me.id) s
			WHERE s.score >= $2 ORDER BY s.score DESC, s.id LIMIT $3) c
		WHERE me.id = ANY($1::uuid[])
		ORDER BY me.id, c.score DESC, c.id`, enumStrings(ids), minScore, first)
	if err != nil {
		return nil, fmt.Errorf("similar projects: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*SimilarProject, error) {
		var sp SimilarProject
		var of, pid string
		if err := row.Scan(&of, &pid, &sp.Score); err != nil {
			return nil, err
		}
		sp.Of, sp.ProjectID = domain.ProjectID(of), domain.ProjectID(pid)
		return &sp, nil
	})
	if err != nil {
		return nil, fmt.Errorf("similar projects: %w", err)
	}
	return groupBy(ids, out, func(sp *SimilarProject) domain.ProjectID { return sp.Of }), nil
}
