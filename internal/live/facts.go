package live

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
)

// Notice is one recorded event with the project it concerns.
type Notice struct {
	Event eventstore.Recorded
	// ProjectID and OwnerOrg name the event's project: the project itself for its own events,
	// the application's or arrangement's project for a funding application's or a PPP
	// arrangement's events (OwnerOrg as the application or arrangement records it); empty for
	// other streams.
	ProjectID domain.ProjectID
	OwnerOrg  string
	// ApplicationID is set for a funding application's events.
	ApplicationID domain.ApplicationID
	// ArrangementID is set for a PPP arrangement's events.
	ArrangementID domain.PPPArrangementID
	// Project is the project as it stands after the event, for the project's own events.
	Project *Project
}

// Project is what a portfolio change says about its project, after the event.
type Project struct {
	ID       domain.ProjectID
	Code     domain.ProjectCode
	Name     string
	OwnerOrg string
	Region   domain.RegionCode
	Domain   domain.ProjectDomain
	Status   domain.ProjectStatus
}

// maxCached bounds the aggregates kept between events; past it the cache starts afresh (a miss
// only costs one stream read).
const maxCached = 10000

// facts tells each event's project, folding the project's stream (a project's region, domain
// and status can all change) and remembering each application's and arrangement's project.
type facts struct {
	pool     *pgxpool.Pool
	projects map[string]*domain.Project // by stream id
	origins  map[string]origin          // applications and arrangements, by stream id
}

// origin is the project an application or arrangement belongs to, from its first event (it
// never changes).
type origin struct {
	project     domain.ProjectID
	ownerOrg    string
	application domain.ApplicationID
	arrangement domain.PPPArrangementID
}

func newFacts(pool *pgxpool.Pool) *facts {
	return &facts{pool: pool, projects: map[string]*domain.Project{}, origins: map[string]origin{}}
}

func (f *facts) notice(ctx context.Context, r eventstore.Recorded) (Notice, error) {
	n := Notice{Event: r}
	switch r.StreamType {
	case domain.ProjectStreamType:
		p, err := f.project(ctx, r)
		if err != nil {
			return n, err
		}
		n.ProjectID, n.OwnerOrg = p.ID(), p.OwnerOrg()
		n.Project = &Project{ID: p.ID(), Code: p.Code(), Name: p.Name(), OwnerOrg: p.OwnerOrg(),
			Region: p.Region(), Domain: p.Domain(), Status: p.Status()}
	case domain.ApplicationStreamType, domain.PPPArrangementStreamType:
		o, err := f.origin(ctx, r.StreamID)
		if err != nil {
			return n, err
		}
		n.ProjectID, n.OwnerOrg, n.ApplicationID, n.ArrangementID = o.project, o.ownerOrg, o.application, o.arrangement
	}
	return n, nil
}

// project is the project after the event: the cached one advanced by it, or its stream replayed
// up to it when the cache missed it or a gap shows events it did not see.
func (f *facts) project(ctx context.Context, r eventstore.Recorded) (*domain.Project, error) {
	if p, ok := f.projects[r.StreamID]; ok && p.Version() == r.Version-1 {
		e, err := r.Event()
		if err == nil {
			if err = p.Apply(e); err == nil {
				return p, nil
			}
		}
		delete(f.projects, r.StreamID)
		return nil, err
	}
	events, err := f.load(ctx, r.StreamID, r.Version)
	if err != nil {
		return nil, err
	}
	p, err := domain.ReplayProject(events)
	if err != nil {
		return nil, err
	}
	if len(f.projects) >= maxCached {
		clear(f.projects)
	}
	f.projects[r.StreamID] = p
	return p, nil
}

// origin is the project of an application (from its drafting event) or of a PPP arrangement
// (from its identification).
func (f *facts) origin(ctx context.Context, stream string) (origin, error) {
	if o, ok := f.origins[stream]; ok {
		return o, nil
	}
	events, err := f.load(ctx, stream, 1)
	if err != nil {
		return origin{}, err
	}
	var o origin
	switch first := events[0].(type) {
	case *domain.ApplicationDrafted:
		o = origin{project: first.ProjectID, ownerOrg: first.OwnerOrg, application: first.ApplicationID}
	case *domain.PPPArrangementIdentified:
		o = origin{project: first.ProjectID, ownerOrg: first.OwnerOrg, arrangement: first.ArrangementID}
	default:
		return origin{}, fmt.Errorf("%s begins with %s, which names no project", stream, first.EventType())
	}
	if len(f.origins) >= maxCached {
		clear(f.origins)
	}
	f.origins[stream] = o
	return o, nil
}

// load reads a stream's events up to a version.
func (f *facts) load(ctx context.Context, stream string, upTo int) ([]domain.Event, error) {
	rows, err := f.pool.Query(ctx, `SELECT event_type, payload FROM events WHERE stream_id = $1 AND stream_version <= $2
		ORDER BY stream_version`, stream, upTo)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", stream, err)
	}
	events, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Event, error) {
		var typ string
		var payload []byte
		if err := row.Scan(&typ, &payload); err != nil {
			return nil, err
		}
		return domain.DecodeEvent(typ, payload)
	})
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", stream, err)
	}
	if len(events) != upTo {
		return nil, fmt.Errorf("load %s: %d events, want %d", stream, len(events), upTo)
	}
	return events, nil
}
