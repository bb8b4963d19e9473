// Package oc4ids exports projects as open data in the Open Contracting for Infrastructure Data
// Standard (OC4IDS 0.9): one project as an OC4IDS project, a filtered portfolio as an OC4IDS
// project package, each optionally as of the end of a past day.
//
// An export is built from the domain aggregates folded from their own event streams up to the
// cutoff (the project's stream, its funding applications' and its PPP arrangements'), not from
// the read models, so an export as of a day shows exactly what the system had recorded by the
// end of that day and a current export is consistent across the streams. The read models only
// say which projects a portfolio filter selects and which applications and arrangements belong to
// a project; a project's status is checked against the filter once folded at the cutoff.
//
// The mapping from the portfolio's model to OC4IDS fields and codelists is in README.md
// ("Open data (OC4IDS)") and next to the code that does it (codes.go, build.go).
package oc4ids

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/portfolio"
)

// Config adjusts an Exporter; the zero value is usable.
type Config struct {
	// Publisher is the name a package gives as its publisher.
	Publisher string
	// License is the URI of the licence of the published data; none when empty.
	License string
	// Now is the clock that decides "today" (asOf may not lie after it); time.Now when nil.
	Now func() time.Time
	// BatchSize is how many projects a portfolio export folds per round trip (default 100).
	BatchSize int
}

// DefaultPublisher is the publisher a package names when Config.Publisher is empty.
const DefaultPublisher = "Smart-city portfolio (智慧城市示范工程项目库)"

// Exporter builds OC4IDS exports from the event store and the read models.
type Exporter struct {
	pool *pgxpool.Pool
	cfg  Config
}

// New returns an exporter reading from pool.
func New(pool *pgxpool.Pool, cfg Config) *Exporter {
	if cfg.Publisher == "" {
		cfg.Publisher = DefaultPublisher
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 100
	}
	return &Exporter{pool: pool, cfg: cfg}
}

// today is the current calendar day in China.
func (e *Exporter) today() domain.Date { return domain.DateInChina(e.cfg.Now()) }

// asOfCutoff checks an asOf day as every asOf answer does (portfolio.Cutoff: not after today, not
// before the day of the first recorded event) and returns the instant its day ends in China
// (events recorded before it count) and the day the export describes. Without asOf there is no
// cutoff and the day is today.
func (e *Exporter) asOfCutoff(ctx context.Context, asOf *domain.Date) (*time.Time, domain.Date, error) {
	today := e.today()
	if asOf == nil {
		return nil, today, nil
	}
	last, err := portfolio.Cutoff(ctx, e.pool, *asOf, today)
	if err != nil {
		return nil, *asOf, err
	}
	// Cutoff is the day's last microsecond (recorded at or before it); the export compares with <.
	end := last.Add(time.Microsecond)
	return &end, *asOf, nil
}

// mayRead reports whether the actor may export a project of the owner organisation: owners only
// their own organisation's projects, every other role all of them.
func mayRead(actor domain.Actor, ownerOrg string) error {
	if actor.Role == domain.RoleOwner && actor.OrgID != ownerOrg {
		return &domain.ForbiddenError{Actor: actor, Action: "export a project of " + ownerOrg, Reason: "owners export only their own organisation's projects"}
	}
	return nil
}

// Project builds the OC4IDS project of one project as recorded by the end of asOf (now when
// nil). A project that did not exist by then is NotFound; one the actor may not read is
// Forbidden; a bad asOf is invalid input (domain.ErrInvalid).
func (e *Exporter) Project(ctx context.Context, actor domain.Actor, id domain.ProjectID, asOf *domain.Date) (*Project, error) {
	cutoff, day, err := e.asOfCutoff(ctx, asOf)
	if err != nil {
		return nil, err
	}
	srcs, err := loadSources(ctx, e.pool, []domain.ProjectID{id}, cutoff)
	if err != nil {
		return nil, fmt.Errorf("export project %s: %w", id, err)
	}
	src, ok := srcs[id]
	if !ok {
		return nil, &domain.NotFoundError{Entity: "project", ID: string(id)}
	}
	if err := mayRead(actor, src.project.OwnerOrg()); err != nil {
		return nil, err
	}
	p := build(src, day)
	return &p, nil
}

// ProjectJSON is Project encoded as JSON.
func (e *Exporter) ProjectJSON(ctx context.Context, actor domain.Actor, id domain.ProjectID, asOf *domain.Date) ([]byte, error) {
	p, err := e.Project(ctx, actor, id, asOf)
	if err != nil {
		return nil, err
	}
	return json.Marshal(p)
}
