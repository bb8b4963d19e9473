package readmodel

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
)

// ProjectQuery selects projects; zero fields do not restrict.
type ProjectQuery struct {
	Statuses      []domain.ProjectStatus
	Domains       []domain.ProjectDomain
	RegionPattern string // a LIKE pattern on region_code, from RegionPattern
	Owner         string
	Text          string
}

// RegionPattern turns a region code of the catalogue into a LIKE pattern matching it and every
// region below it: GB/T 2260 codes nest by prefix (32 province, 3203 city, 320322 county).
func RegionPattern(code string) (string, error) {
	r, err := domain.ParseRegion(code)
	if err != nil {
		return "", err
	}
	c := string(r.Code)
	switch r.Level {
	case domain.RegionProvince:
		return c[:2] + "%", nil
	case domain.RegionCity:
		return c[:4] + "%", nil
	}
	return c, nil
}

// where builds the WHERE clause of q, appending its arguments to args.
func (q ProjectQuery) where(args *[]any) string {
	arg := func(v any) string {
		*args = append(*args, v)
		return "$" + strconv.Itoa(len(*args))
	}
	conds := []string{"TRUE"}
	if len(q.Statuses) > 0 {
		conds = append(conds, "p.status = ANY("+arg(enumStrings(q.Statuses))+"::text[])")
	}
	if len(q.Domains) > 0 {
		conds = append(conds, "p.domain = ANY("+arg(enumStrings(q.Domains))+"::text[])")
	}
	if q.RegionPattern != "" {
		conds = append(conds, "p.region_code LIKE "+arg(q.RegionPattern))
	}
	if q.Owner != "" {
		conds = append(conds, "p.owner_org = "+arg(q.Owner))
	}
	if q.Text != "" {
		// The same expression as the trigram index project_view_text_idx, so ILIKE can use it.
		conds = append(conds, "(p.code || ' ' || p.name || ' ' || p.description) ILIKE "+arg("%"+escapeLike(q.Text)+"%"))
	}
	return strings.Join(conds, " AND ")
}

func enumStrings[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// escapeLike makes % and _ match themselves (backslash is ILIKE's default escape).
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Project reads one project; nil when there is none.
func (s *Store) Project(ctx context.Context, id domain.ProjectID, today domain.Date) (*Project, error) {
	rows, err := s.pool.Query(ctx, projectSelect+` WHERE p.id = $2`, today.Time(), string(id))
	if err != nil {
		return nil, fmt.Errorf("read project %s: %w", id, err)
	}
	p, err := pgx.CollectExactlyOneRow(rows, scanProject)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read project %s: %w", id, err)
	}
	return p, nil
}

// Projects reads a page of projects in id order (UUIDv7: proposal order) after the cursor.
func (s *Store) Projects(ctx context.Context, q ProjectQuery, first int, after *string, today domain.Date) (*ProjectConnection, error) {
	afterID, err := decodeCursor("project", after)
	if err != nil {
		return nil, err
	}
	if afterID != "" {
		if _, err := domain.ParseProjectID(afterID); err != nil {
			return nil, &domain.ValidationError{Field: "after", Reason: fmt.Sprintf("%q is not a cursor of this list", *after)}
		}
	}
	args := []any{today.Time()}
	where := q.where(&args)
	if afterID != "" {
		args = append(args, afterID)
		where += " AND p.id > $" + strconv.Itoa(len(args)) + "::uuid"
	}
	args = append(args, first+1) // one more tells whether a next page exists
	rows, err := s.pool.Query(ctx, projectSelect+" WHERE "+where+" ORDER BY p.id LIMIT $"+strconv.Itoa(len(args)), args...)
	if err != nil {
		return nil, fmt.Errorf("list projects: %w", err)
	}
	projects, err := pgx.CollectRows(rows, scanProject)
	if err != nil {
		return nil, fmt.Errorf("list projects: %w", err)
	}
	hasNext := len(projects) > first
	if hasNext {
		projects = projects[:first]
	}
	conn := &ProjectConnection{Edges: make([]*ProjectEdge, len(projects)), Query: q}
	cursors := make([]string, len(projects))
	for i, p := range projects {
		cursors[i] = encodeCursor("project", string(p.ID))
		conn.Edges[i] = &ProjectEdge{Cursor: cursors[i], Node: p}
	}
	conn.PageInfo = pageInfo(cursors, hasNext, afterID != "")
	return conn, nil
}

// CountProjects counts the projects q selects.
func (s *Store) CountProjects(ctx context.Context, q ProjectQuery) (int, error) {
	var args []any
	var n int
	if err := s.pool.QueryRow(ctx, "SELECT count(*) FROM project_view p WHERE "+q.where(&args), args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count projects: %w", err)
	}
	return n, nil
}
