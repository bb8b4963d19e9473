package projections

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
)

// Funds is the read model of special and construction funds (fund_view): pool, reserved,
// disbursed, recovered and available money.
type Funds struct{}

// Name implements Projector.
func (Funds) Name() string { return "funds.v1" }

// Tables implements Projector.
func (Funds) Tables() []string { return []string{"fund_view"} }

// Handles implements Projector.
func (Funds) Handles(streamType, _ string) bool { return streamType == domain.FundStreamType }

// Apply implements Projector.
func (Funds) Apply(ctx context.Context, tx pgx.Tx, rec eventstore.Recorded, ev domain.Event) error {
	id := strings.TrimPrefix(rec.StreamID, domain.FundStreamID(""))
	set := rowSetter(ctx, tx, rec, "fund_view", "fund", id)
	switch e := ev.(type) {
	case *domain.FundEstablished:
		modes := make([]string, len(e.SupportModes))
		for i, m := range e.SupportModes {
			modes[i] = string(m)
		}
		_, err := tx.Exec(ctx, `INSERT INTO fund_view (id, name, kind, fiscal_year, managing_org, support_modes, pool, established_at, updated_at, version)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$8,$9)`, e.FundID, e.Name, e.Kind, e.FiscalYear, e.ManagingOrg, modes, e.Pool, rec.RecordedAt, rec.Version)
		return err
	case *domain.FundToppedUp:
		return set(`pool = pool + $4`, e.Amount)
	case *domain.FundClosed:
		return set(`closed = true, close_reason = $4`, e.Reason)
	case *domain.FundMoneyReserved:
		return set(`reserved = reserved + $4`, e.Amount)
	case *domain.FundMoneyDisbursed:
		return set(`reserved = reserved - $4, disbursed = disbursed + $4`, e.Amount)
	case *domain.FundMoneyRecovered:
		return set(`disbursed = disbursed - $4, recovered = recovered + $4`, e.Amount)
	case *domain.FundReservationReleased:
		return set(`reserved = reserved - $4`, e.Amount)
	}
	return set(``)
}
