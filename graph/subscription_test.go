package graph_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"

	"github.com/smartcity/portfolio/domain"
)

// The subscription tests speak graphql-transport-ws over a real WebSocket with
// github.com/coder/websocket, the library gqlgen's own transport and client are built on (already
// in the module graph through gqlgen, so no new dependency).

// wsMessage is one graphql-transport-ws message.
type wsMessage struct {
	ID      string          `json:"id,omitempty"`
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

// wsClient is one WebSocket connection to the server.
type wsClient struct {
	t       *testing.T
	conn    *websocket.Conn
	ctx     context.Context
	pending []wsMessage // read while waiting for another subscription's message
}

// dial opens a connection and sends connection_init with the payload; header is sent with the
// upgrade request. It returns the server's answer to the init: connection_ack, or the close error.
func (e *env) dial(header http.Header, payload map[string]any) (*wsClient, error) {
	e.t.Helper()
	// A generous bound so that a broken server fails the test instead of hanging it.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	e.t.Cleanup(cancel)
	conn, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(e.url, "http")+"/graphql",
		&websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}, HTTPHeader: header})
	if err != nil {
		e.t.Fatalf("dial: %v", err)
	}
	e.t.Cleanup(func() { _ = conn.CloseNow() })
	c := &wsClient{t: e.t, conn: conn, ctx: ctx}
	raw, _ := json.Marshal(payload)
	if err := wsjson.Write(ctx, conn, wsMessage{Type: "connection_init", Payload: raw}); err != nil {
		e.t.Fatalf("connection_init: %v", err)
	}
	for {
		var m wsMessage
		if err := wsjson.Read(ctx, conn, &m); err != nil {
			return c, err
		}
		if m.Type == "connection_ack" {
			return c, nil
		}
	}
}

// bearer is the connection_init payload (or header value) of the actor's token.
func (e *env) bearer(a domain.Actor) string { return "Bearer " + e.token(a) }

func (c *wsClient) subscribe(id, query string, variables map[string]any) {
	c.t.Helper()
	raw, _ := json.Marshal(map[string]any{"query": query, "variables": variables})
	if err := wsjson.Write(c.ctx, c.conn, wsMessage{ID: id, Type: "subscribe", Payload: raw}); err != nil {
		c.t.Fatalf("subscribe %s: %v", id, err)
	}
}

// next returns the subscription's next next/error/complete message, in the order the server sent
// them; messages of other subscriptions read meanwhile wait for their turn.
func (c *wsClient) next(id string) wsMessage {
	c.t.Helper()
	for i, m := range c.pending {
		if m.ID == id {
			c.pending = append(c.pending[:i], c.pending[i+1:]...)
			return m
		}
	}
	for {
		var m wsMessage
		if err := wsjson.Read(c.ctx, c.conn, &m); err != nil {
			c.t.Fatalf("read: %v", err)
		}
		switch {
		case m.Type == "ping":
			_ = wsjson.Write(c.ctx, c.conn, wsMessage{Type: "pong"})
		case m.Type != "next" && m.Type != "error" && m.Type != "complete":
		case m.ID == id:
			return m
		default:
			c.pending = append(c.pending, m)
		}
	}
}

// data reads the next message, which must be data for the subscription id, and returns it.
func (c *wsClient) data(id string) map[string]any {
	c.t.Helper()
	m := c.next(id)
	var p struct {
		Data   map[string]any `json:"data"`
		Errors []gqlError     `json:"errors"`
	}
	if err := json.Unmarshal(m.Payload, &p); err != nil || m.Type != "next" || m.ID != id || len(p.Errors) > 0 {
		c.t.Fatalf("want data for %s, got %s %s %s (%v)", id, m.Type, m.ID, m.Payload, err)
	}
	return p.Data
}

// waitSubscribers waits until the broker holds n subscriptions, so that a mutation sent next is
// certain to be seen (a subscription receives what is recorded after it starts).
func (e *env) waitSubscribers(n int) {
	e.t.Helper()
	for deadline := time.Now().Add(time.Minute); e.srv.Live.Subscribers() != n; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			e.t.Fatalf("%d subscribers, want %d", e.srv.Live.Subscribers(), n)
		}
	}
}

const (
	projectEventsSub = `subscription($id: ID!) { projectEvents(projectId: $id) {
		projectId applicationId event { version type actor { userId } changes { path before after } } } }`
	portfolioSub = `subscription($region: ID, $domain: ProjectDomain) { portfolioChanges(region: $region, domain: $domain) {
		projectId code name region { code } domain ownerOrganization status event { type version actor { userId role } recordedAt } } }`
)

// TestSubscribersReceiveAnotherClientsMutationAndNothingElse: the leadership follows a project
// and the province, an owner of another organisation follows the province too; the project's
// owner changes it over HTTP. The leadership receives the events; the other owner receives only
// its own project's event, which it proposes afterwards.
func TestSubscribersReceiveAnotherClientsMutationAndNothingElse(t *testing.T) {
	e := newEnv(t)
	id := e.propose(ownerXZ, proposal("XZ-2024-060"))

	lead, err := e.dial(nil, map[string]any{"Authorization": e.bearer(leader)})
	if err != nil {
		t.Fatalf("leader refused: %v", err)
	}
	lead.subscribe("p", projectEventsSub, vars("id", id))
	lead.subscribe("js", portfolioSub, vars("region", "320000"))
	// The other owner authenticates with the upgrade request's header instead.
	other, err := e.dial(http.Header{"Authorization": {e.bearer(ownerHA)}}, nil)
	if err != nil {
		t.Fatalf("owner refused: %v", err)
	}
	other.subscribe("js", portfolioSub, vars("region", "320000"))
	other.subscribe("mine", portfolioSub, vars("domain", "TRANSPORT"))
	e.waitSubscribers(4)

	e.command(ownerXZ, "submitProjectForReview", on(id))

	got := lead.data("p")
	want(t, got, "projectEvents.projectId", id)
	want(t, got, "projectEvents.applicationId", nil)
	want(t, got, "projectEvents.event.version", 2)
	want(t, got, "projectEvents.event.type", "ProjectSubmittedForReview.v1")
	want(t, got, "projectEvents.event.actor.userId", "li.wei")
	want(t, got, "projectEvents.event.changes", []any{change("/reviewRound", nil, 1), change("/status", "PROPOSED", "UNDER_REVIEW")})
	ch := lead.data("js")
	want(t, ch, "portfolioChanges.projectId", id)
	want(t, ch, "portfolioChanges.code", "XZ-2024-060")
	want(t, ch, "portfolioChanges.region.code", "320300")
	want(t, ch, "portfolioChanges.domain", "TRANSPORT")
	want(t, ch, "portfolioChanges.ownerOrganization", "xz-bigdata")
	want(t, ch, "portfolioChanges.status", "UNDER_REVIEW")
	want(t, ch, "portfolioChanges.event.type", "ProjectSubmittedForReview.v1")
	want(t, ch, "portfolioChanges.event.actor", map[string]any{"userId": "li.wei", "role": "OWNER"})
	if _, err := time.Parse(time.RFC3339Nano, str(ch, "portfolioChanges.event.recordedAt")); err != nil {
		t.Errorf("recordedAt: %v", err)
	}

	// The other owner's own project, recorded after: the first thing it receives on each
	// subscription, so the events of xz-bigdata before it were not sent to it.
	huaian := e.propose(ownerHA, proposal("HA-2024-001", "region", "320800", "name", "淮安市智慧公交调度平台"))
	for _, sub := range []string{"js", "mine"} {
		mine := other.data(sub)
		want(t, mine, "portfolioChanges.projectId", huaian)
		want(t, mine, "portfolioChanges.status", "PROPOSED")
		want(t, mine, "portfolioChanges.event.type", "ProjectProposed.v1")
	}
	want(t, lead.data("js"), "portfolioChanges.code", "HA-2024-001") // the province sees both

	// Completing one subscription and closing the connection release them on the server.
	if err := wsjson.Write(lead.ctx, lead.conn, wsMessage{ID: "p", Type: "complete"}); err != nil {
		t.Fatal(err)
	}
	e.waitSubscribers(3)
	if err := lead.conn.Close(websocket.StatusNormalClosure, "bye"); err != nil {
		t.Errorf("close: %v", err)
	}
	if err := other.conn.Close(websocket.StatusNormalClosure, "bye"); err != nil {
		t.Errorf("close: %v", err)
	}
	e.waitSubscribers(0)
}

// TestSubscriptionsAreAuthorisedLikeQueries: no token or a bad one closes the connection with
// 4403; an owner may not follow another organisation's project; bad arguments are refused.
func TestSubscriptionsAreAuthorisedLikeQueries(t *testing.T) {
	e := newEnv(t)
	id := e.propose(ownerXZ, proposal("XZ-2024-061"))

	for name, c := range map[string]struct {
		header  http.Header
		payload map[string]any
	}{
		"no token":                 {nil, nil},
		"a bad token in the init":  {nil, map[string]any{"Authorization": "Bearer nonsense"}},
		"a bad token in a header":  {http.Header{"Authorization": {"Bearer nonsense"}}, nil},
		"not a bearer token":       {nil, map[string]any{"Authorization": e.token(leader)}},
		"a bad init beats a token": {http.Header{"Authorization": {e.bearer(leader)}}, map[string]any{"Authorization": "Bearer x"}},
	} {
		_, err := e.dial(c.header, c.payload)
		if status := websocket.CloseStatus(err); status != 4403 {
			t.Errorf("%s: want close 4403, got %v (%v)", name, status, err)
		}
	}

	c, err := e.dial(nil, map[string]any{"Authorization": e.bearer(ownerHA)})
	if err != nil {
		t.Fatal(err)
	}
	for sub, tc := range map[string]struct {
		query string
		vars  map[string]any
		code  string
	}{
		"foreign": {projectEventsSub, vars("id", id), "FORBIDDEN"},
		"unknown": {projectEventsSub, vars("id", "01920000-0000-7000-8000-000000000000"), "NOT_FOUND"},
		"region":  {portfolioSub, vars("region", "999999"), "BAD_USER_INPUT"},
	} {
		c.subscribe(sub, tc.query, tc.vars)
		m := c.next(sub)
		var p struct {
			Errors []gqlError `json:"errors"`
		}
		_ = json.Unmarshal(m.Payload, &p)
		if m.ID != sub || len(p.Errors) == 0 || p.Errors[0].Extensions["code"] != tc.code {
			t.Errorf("%s: want %s, got %s %s", sub, tc.code, m.Type, m.Payload)
		}
	}
	if n := e.srv.Live.Subscribers(); n != 0 {
		t.Errorf("%d subscriptions left after refusals", n)
	}
	var closeErr websocket.CloseError
	if err := c.conn.Close(websocket.StatusNormalClosure, ""); err != nil && !errors.As(err, &closeErr) {
		t.Errorf("close: %v", err)
	}
}
