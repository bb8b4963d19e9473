package oc4ids

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
)

// source is what the system had recorded about one project by the cutoff: its aggregates folded
// from their own event streams (the project's, its funding applications', its PPP
// arrangements'), so that an export as of a past day shows exactly what was known then.
type source struct {
	project      *domain.Project
	applications []*domain.FundingApplication // in drafting order
	funds        map[domain.FundID]string     // fund names (a fund's name never changes)
	arrangements []*domain.PPPArrangement     // in identification order
	reviewOrgs   []string                     // organisations of the experts who reviewed or scored, first seen first
	updated      time.Time                    // when the latest folded event was recorded
}

// related names the other streams of a batch of projects, found in the read models. An
// application or arrangement created after the cutoff is listed too; its stream folds to
// nothing and it is left out.
type related struct {
	applications map[domain.ProjectID][]domain.ApplicationID
	arrangements map[domain.ProjectID][]domain.PPPArrangementID
	funds        map[domain.ApplicationID]domain.FundID
	fundNames    map[domain.FundID]string
}

func findRelated(ctx context.Context, pool *pgxpool.Pool, ids []domain.ProjectID) (related, error) {
	rel := related{
		applications: map[domain.ProjectID][]domain.ApplicationID{},
		arrangements: map[domain.ProjectID][]domain.PPPArrangementID{},
		funds:        map[domain.ApplicationID]domain.FundID{},
		fundNames:    map[domain.FundID]string{},
	}
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = string(id)
	}
	rows, err := pool.Query(ctx, `
		SELECT 'application', a.project_id::text, a.id::text, a.fund_id::text, f.name
		  FROM application_view a JOIN fund_view f ON f.id = a.fund_id
		 WHERE a.project_id = ANY($1::uuid[])
		UNION ALL
		SELECT 'arrangement', x.project_id::text, x.id::text, '', ''
		  FROM ppp_arrangement_view x
		 WHERE x.project_id = ANY($1::uuid[])
		ORDER BY 1, 2, 3`, keys)
	if err != nil {
		return rel, fmt.Errorf("find applications and arrangements: %w", err)
	}
	var kind, project, id, fund, fundName string
	_, err = pgx.ForEachRow(rows, []any{&kind, &project, &id, &fund, &fundName}, func() error {
		p := domain.ProjectID(project)
		if kind == "arrangement" {
			rel.arrangements[p] = append(rel.arrangements[p], domain.PPPArrangementID(id))
			return nil
		}
		a := domain.ApplicationID(id)
		rel.applications[p] = append(rel.applications[p], a)
		rel.funds[a] = domain.FundID(fund)
		rel.fundNames[domain.FundID(fund)] = fundName
		return nil
	})
	if err != nil {
		return rel, fmt.Errorf("find applications and arrangements: %w", err)
	}
	return rel, nil
}

// recorded is one stored event as the export needs it.
type recorded struct {
	version  int
	event    domain.Event
	actorOrg string
	at       time.Time
}

// loadStreams reads the events of the streams recorded before the cutoff (all of them when the
// cutoff is nil), in one statement so that they come from one snapshot. Each stream is cut at
// its first missing version, so a clock that went backwards can never leave a hole in a fold.
func loadStreams(ctx context.Context, pool *pgxpool.Pool, streams []string, cutoff *time.Time) (map[string][]recorded, error) {
	rows, err := pool.Query(ctx, `
		SELECT stream_id, stream_version, event_type, payload, coalesce(metadata->>'`+eventstore.MetaActorOrg+`', ''), recorded_at
		  FROM events
		 WHERE stream_id = ANY($1) AND ($2::timestamptz IS NULL OR recorded_at < $2)
		 ORDER BY stream_id, stream_version`, streams, cutoff)
	if err != nil {
		return nil, fmt.Errorf("load events: %w", err)
	}
	out := make(map[string][]recorded, len(streams))
	var stream, eventType string
	var payload []byte
	var r recorded
	_, err = pgx.ForEachRow(rows, []any{&stream, &r.version, &eventType, &payload, &r.actorOrg, &r.at}, func() error {
		if r.version != len(out[stream])+1 {
			return nil // after a gap: not part of the stream as of the cutoff
		}
		e, err := domain.DecodeEvent(eventType, payload)
		if err != nil {
			return fmt.Errorf("stream %s version %d: %w", stream, r.version, err)
		}
		rec := r
		rec.event = e
		out[stream] = append(out[stream], rec)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load events: %w", err)
	}
	return out, nil
}

// The event types whose actor is an expert giving a score.
var (
	expertReviewType = (&domain.ExpertReviewRecorded{}).EventType()
	appScoredType    = (&domain.ApplicationScored{}).EventType()
)

// loadSources folds every project of ids with its applications and arrangements as of the
// cutoff. Projects not yet proposed by then are absent from the result.
func loadSources(ctx context.Context, pool *pgxpool.Pool, ids []domain.ProjectID, cutoff *time.Time) (map[domain.ProjectID]*source, error) {
	rel, err := findRelated(ctx, pool, ids)
	if err != nil {
		return nil, err
	}
	streams := make([]string, 0, len(ids)*2)
	for _, id := range ids {
		streams = append(streams, domain.ProjectStreamID(id))
		for _, a := range rel.applications[id] {
			streams = append(streams, domain.ApplicationStreamID(a))
		}
		for _, x := range rel.arrangements[id] {
			streams = append(streams, domain.PPPArrangementStreamID(x))
		}
	}
	events, err := loadStreams(ctx, pool, streams, cutoff)
	if err != nil {
		return nil, err
	}
	out := make(map[domain.ProjectID]*source, len(ids))
	for _, id := range ids {
		src := &source{funds: map[domain.FundID]string{}}
		recs := events[domain.ProjectStreamID(id)]
		if len(recs) == 0 {
			continue
		}
		if src.project, err = fold(src, recs, domain.ReplayProject); err != nil {
			return nil, fmt.Errorf("project %s: %w", id, err)
		}
		for _, a := range rel.applications[id] {
			recs := events[domain.ApplicationStreamID(a)]
			if len(recs) == 0 {
				continue
			}
			x, err := fold(src, recs, domain.ReplayFundingApplication)
			if err != nil {
				return nil, fmt.Errorf("funding application %s: %w", a, err)
			}
			src.applications = append(src.applications, x)
			src.funds[x.FundID()] = rel.fundNames[rel.funds[a]]
		}
		for _, a := range rel.arrangements[id] {
			recs := events[domain.PPPArrangementStreamID(a)]
			if len(recs) == 0 {
				continue
			}
			x, err := fold(src, recs, domain.ReplayPPPArrangement)
			if err != nil {
				return nil, fmt.Errorf("PPP arrangement %s: %w", a, err)
			}
			src.arrangements = append(src.arrangements, x)
		}
		out[id] = src
	}
	return out, nil
}

// fold replays one stream into its aggregate, noting in src when the latest event was recorded
// and which organisations' experts scored.
func fold[T any](src *source, recs []recorded, replay func([]domain.Event) (T, error)) (T, error) {
	events := make([]domain.Event, len(recs))
	for i, r := range recs {
		events[i] = r.event
		if r.at.After(src.updated) {
			src.updated = r.at
		}
		if t := r.event.EventType(); (t == expertReviewType || t == appScoredType) && strings.TrimSpace(r.actorOrg) != "" {
			src.addReviewOrg(r.actorOrg)
		}
	}
	return replay(events)
}

func (s *source) addReviewOrg(org string) {
	for _, o := range s.reviewOrgs {
		if o == org {
			return
		}
	}
	s.reviewOrgs = append(s.reviewOrgs, org)
}
