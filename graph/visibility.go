package graph

import (
	"context"
	"encoding/json"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/graph/readmodel"
)

// Who may read which funding applications, and how much of them. Projects and funds are open to
// every authenticated user; applications are not:
//   - an owner sees its own organisation's applications;
//   - an expert sees the applications they were assigned to (in any round) and, before the
//     decision, only their own scores;
//   - finance, office, leadership and administrators see everything.
//
// Hidden applications are absent (application(id) is null, lists skip them) rather than
// FORBIDDEN, so that their existence is not revealed either.

// applicationScope is the applications an actor may see; the zero scope (nothing) for anyone else.
func applicationScope(a domain.Actor) readmodel.Scope {
	switch a.Role {
	case domain.RoleFinance, domain.RoleOffice, domain.RoleLeadership, domain.RoleAdmin:
		return readmodel.Scope{All: true}
	case domain.RoleOwner:
		return readmodel.Scope{OwnerOrg: a.OrgID}
	case domain.RoleExpert:
		return readmodel.Scope{ExpertUser: a.UserID}
	}
	return readmodel.Scope{}
}

// scope is the request's actor's application scope.
func (r *rootResolver) scope(ctx context.Context) (readmodel.Scope, error) {
	a, err := actorFrom(ctx)
	if err != nil {
		return readmodel.Scope{}, err
	}
	return applicationScope(a), nil
}

// workQueueOf is whose pending work an actor sees: the office's, their own as an expert, or
// their bureau's as finance; nothing for the other roles.
func workQueueOf(a domain.Actor) readmodel.WorkQueue {
	switch a.Role {
	case domain.RoleOffice:
		return readmodel.WorkQueue{Office: true}
	case domain.RoleExpert:
		return readmodel.WorkQueue{ExpertUser: a.UserID}
	case domain.RoleFinance:
		return readmodel.WorkQueue{FinanceOrg: a.OrgID}
	}
	return readmodel.WorkQueue{}
}

// seesOnlyOwnScores reports whether the actor may see only their own scores of the application:
// an expert, before the decision.
func seesOnlyOwnScores(a domain.Actor, app *readmodel.Application) bool {
	return a.Role == domain.RoleExpert && !app.Decided()
}

// visibleScores keeps the scores the actor may see.
func visibleScores(a domain.Actor, app *readmodel.Application, scores []*readmodel.ApplicationScore) []*readmodel.ApplicationScore {
	if !seesOnlyOwnScores(a, app) {
		return scores
	}
	out := []*readmodel.ApplicationScore{}
	for _, s := range scores {
		if s.Expert == a.UserID {
			out = append(out, s)
		}
	}
	return out
}

// scoredEventType is the event that carries an expert's score and opinion.
var scoredEventType = (&domain.ApplicationScored{}).EventType()

// redactScores removes the score and opinion from the scoring events of other experts, and from
// the state before and after every event (Event.changes), for an actor who may see only their own
// scores; the events themselves (who scored, when) stay.
func redactScores(a domain.Actor, app *readmodel.Application, conn *readmodel.EventConnection) (*readmodel.EventConnection, error) {
	if !seesOnlyOwnScores(a, app) {
		return conn, nil
	}
	conn.HideScoresExcept(a.UserID)
	out := *conn
	out.Edges = make([]*readmodel.EventEdge, len(conn.Edges))
	for i, edge := range conn.Edges {
		out.Edges[i] = edge
		if edge.Node.Type != scoredEventType {
			continue
		}
		var payload map[string]any
		if err := json.Unmarshal(edge.Node.Payload, &payload); err != nil {
			return nil, err
		}
		if payload["expertId"] == a.UserID {
			continue
		}
		delete(payload, "score")
		delete(payload, "opinion")
		raw, err := json.Marshal(payload)
		if err != nil {
			return nil, err
		}
		ev := *edge.Node
		ev.Payload = raw
		out.Edges[i] = &readmodel.EventEdge{Cursor: edge.Cursor, Node: &ev}
	}
	return &out, nil
}
