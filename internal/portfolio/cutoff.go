package portfolio

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
)

// Querier is what Cutoff reads the first event with: a pool, a connection or a transaction.
type Querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// EndOfDay is the last instant (to the database's microsecond) of the day in China: what had been
// recorded by the end of the day is what was recorded at or before it.
func EndOfDay(d domain.Date) time.Time {
	return time.Date(d.Year, d.Month, d.Day+1, 0, 0, 0, 0, domain.ChinaTime).Add(-time.Microsecond)
}

// Cutoff checks an asOf day as the summary does and returns EndOfDay(asOf): a day after today,
// before the day of the first recorded event, or any day while nothing is recorded is invalid
// input on the field "asOf" (domain.ErrInvalid, BAD_USER_INPUT at the API).
func Cutoff(ctx context.Context, db Querier, asOf, today domain.Date) (time.Time, error) {
	if asOf.After(today) {
		return time.Time{}, invalid("asOf", "%s is after today (%s)", asOf, today)
	}
	var first *time.Time
	if err := db.QueryRow(ctx, `SELECT min(recorded_at) FROM events`).Scan(&first); err != nil {
		return time.Time{}, fmt.Errorf("first recorded event: %w", err)
	}
	if first == nil {
		return time.Time{}, invalid("asOf", "no event has been recorded yet")
	}
	if f := domain.DateInChina(*first); asOf.Before(f) {
		return time.Time{}, invalid("asOf", "%s is before the first recorded event (%s)", asOf, f)
	}
	return EndOfDay(asOf), nil
}
