package readmodel

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/portfolio"
)

// FundAsOf is the fund as recorded by the end of the day asOf (China Standard Time): its events
// recorded by then folded through domain.Fund, in the shape of the read model's row (Version is the number of those
// events, UpdatedAt when the last of them was recorded). Nil when the fund had not been
// established by then. The day is checked as the portfolio summary checks it
// (portfolio.Cutoff): after today, or before the day of the first recorded event, is invalid
// input on "asOf". The stream is cut at its first missing version, so a clock that went
// backwards never leaves a hole in the fold.
//
// Cost: one indexed read of the fund's stream up to the cutoff, O(events by then); a fund's
// stream holds about three events per application it pays.
func (s *Store) FundAsOf(ctx context.Context, id domain.FundID, asOf, today domain.Date) (*Fund, error) {
	cutoff, err := portfolio.Cutoff(ctx, s.pool, asOf, today)
	if err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, `SELECT stream_version, event_type, payload, recorded_at FROM events
		WHERE stream_id = $1 AND recorded_at <= $2 ORDER BY stream_version`, domain.FundStreamID(id), cutoff)
	if err != nil {
		return nil, fmt.Errorf("read fund %s as of %s: %w", id, asOf, err)
	}
	var f domain.Fund
	var established, updated time.Time
	var version int
	var eventType string
	var payload []byte
	var at time.Time
	_, err = pgx.ForEachRow(rows, []any{&version, &eventType, &payload, &at}, func() error {
		if version != f.Version()+1 {
			return nil // after a gap: not part of the stream as of the cutoff
		}
		e, err := domain.DecodeEvent(eventType, payload)
		if err != nil {
			return err
		}
		if err := f.Apply(e); err != nil {
			return err
		}
		if version == 1 {
			established = at
		}
		updated = at
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read fund %s as of %s: %w", id, asOf, err)
	}
	if !f.Exists() {
		return nil, nil
	}
	out := &Fund{
		ID: f.ID(), Name: f.Name(), Kind: f.Kind(), FiscalYear: f.FiscalYear(), ManagingOrganization: f.ManagingOrg(),
		SupportModes: f.SupportModes(), Pool: f.Pool(), Reserved: f.Reserved(), Disbursed: f.Disbursed(),
		Recovered: f.Recovered(), Available: f.Available(), Closed: f.Status() == domain.FundStatusClosed,
		Version: f.Version(), EstablishedAt: established.UTC(), UpdatedAt: updated.UTC(),
	}
	if r := f.CloseReason(); out.Closed {
		out.CloseReason = &r
	}
	return out, nil
}
