package readmodel

import (
	"context"
	"fmt"
	"strconv"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
)

// idPage reads one page of a list ordered by a UUIDv7 id column (creation order), the way the
// projects list is paged: up to first rows after the cursor of the given kind, plus one more to
// tell whether a next page exists. selectSQL is the SELECT ... FROM part, where the conditions
// (with args), idCol the id column it orders by.
func idPage[T any](ctx context.Context, s *Store, kind, selectSQL, idCol, where string, args []any,
	first int, after *string, scan pgx.RowToFunc[*T], idOf func(*T) string) ([]*T, []string, *PageInfo, error) {
	afterID, err := decodeCursor(kind, after)
	if err != nil {
		return nil, nil, nil, err
	}
	if afterID != "" {
		if _, err := uuid.Parse(afterID); err != nil {
			return nil, nil, nil, &domain.ValidationError{Field: "after", Reason: fmt.Sprintf("%q is not a cursor of this list", *after)}
		}
		args = append(args, afterID)
		where += " AND " + idCol + " > $" + strconv.Itoa(len(args)) + "::uuid"
	}
	args = append(args, first+1)
	rows, err := s.pool.Query(ctx, selectSQL+" WHERE "+where+" ORDER BY "+idCol+" LIMIT $"+strconv.Itoa(len(args)), args...)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("list %ss: %w", kind, err)
	}
	items, err := pgx.CollectRows(rows, scan)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("list %ss: %w", kind, err)
	}
	hasNext := len(items) > first
	if hasNext {
		items = items[:first]
	}
	cursors := make([]string, len(items))
	for i, it := range items {
		cursors[i] = encodeCursor(kind, idOf(it))
	}
	return items, cursors, pageInfo(cursors, hasNext, afterID != ""), nil
}

// byIDs reads the rows of several ids in one query and returns them in the order of ids, nil
// for an id without a row.
func byIDs[K ~string, T any](ctx context.Context, s *Store, what, selectSQL, idCol string, ids []K,
	scan pgx.RowToFunc[*T], idOf func(*T) K) ([]*T, error) {
	rows, err := s.pool.Query(ctx, selectSQL+" WHERE "+idCol+" = ANY($1::uuid[])", enumStrings(ids))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	items, err := pgx.CollectRows(rows, scan)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	byID := make(map[K]*T, len(items))
	for _, it := range items {
		byID[idOf(it)] = it
	}
	out := make([]*T, len(ids))
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out, nil
}

// argAppender returns a function that appends a query argument and names its placeholder.
func argAppender(args *[]any) func(any) string {
	return func(v any) string {
		*args = append(*args, v)
		return "$" + strconv.Itoa(len(*args))
	}
}
