package graph

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/graph/model"
	"github.com/smartcity/portfolio/internal/auth"
	"github.com/smartcity/portfolio/internal/live"
)

// Subscriptions are served over WebSocket by gqlgen's transport, which speaks both
// graphql-transport-ws (the graphql-ws library's protocol) and the older graphql-ws
// (subscriptions-transport-ws). Events come from the live broker.

// CodeSubscriberTooSlow is the extensions.code of the error that ends a subscription whose client
// fell too far behind.
const CodeSubscriberTooSlow = "SUBSCRIBER_TOO_SLOW"

// closeForbidden is the close code graphql-transport-ws gives a refused connection_init.
const closeForbidden = 4403

// websocketTransport authenticates a connection once, at connection_init: the payload's
// Authorization ("Bearer <token>") wins, else the upgrade request's header (which the token
// middleware already read). Without a valid token the connection is closed with 4403.
func websocketTransport(authority *auth.Authority) transport.Websocket {
	return transport.Websocket{
		KeepAlivePingInterval: 15 * time.Second,
		InitTimeout:           10 * time.Second,
		InitFunc: func(ctx context.Context, payload transport.InitPayload) (context.Context, *transport.InitPayload, error) {
			refuse := func(err error) (context.Context, *transport.InitPayload, error) {
				ctx = transport.WithWebsocketCloseCode(ctx, closeForbidden)
				return transport.AppendCloseReason(ctx, "Forbidden"), nil, err
			}
			if h := payload.Authorization(); h != "" {
				if authority == nil {
					return refuse(auth.ErrUnauthenticated)
				}
				actor, err := authority.ParseHeader(h)
				if err != nil {
					return refuse(err)
				}
				return auth.WithActor(ctx, actor), nil, nil
			}
			if _, err := auth.ActorFrom(ctx); err != nil {
				return refuse(err)
			}
			return ctx, nil, nil
		},
	}
}

// upgrades sends WebSocket upgrade requests to ws and everything else to next (whose
// GraphQL-over-HTTP checks do not apply to them).
func upgrades(ws, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && r.Header.Get("Upgrade") != "" {
			ws.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// subscribe opens a live subscription and pumps what its filter accepts, converted, into the
// channel gqlgen reads, until the client goes away (ctx) or the broker ends the subscription.
func subscribe[T any](ctx context.Context, broker *live.Broker, filter func(live.Notice) bool, convert func(live.Notice) T) (<-chan T, error) {
	if broker == nil {
		return nil, errors.New("live updates are not configured")
	}
	sub, err := broker.Subscribe(ctx, filter)
	if err != nil {
		return nil, err
	}
	out := make(chan T)
	go func() {
		defer close(out)
		defer sub.Close()
		for {
			select {
			case <-ctx.Done():
				return
			case n, ok := <-sub.C:
				if !ok {
					if err := sub.Err(); errors.Is(err, live.ErrTooSlow) {
						transport.AddSubscriptionError(ctx, &gqlerror.Error{Message: err.Error(),
							Extensions: map[string]any{"code": CodeSubscriberTooSlow}})
					}
					return
				}
				select {
				case out <- convert(n):
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return out, nil
}

// regionWithin reports whether a region code is the given one or lies below it.
func regionWithin(code, within domain.RegionCode) bool {
	r, ok := domain.LookupRegion(code)
	return ok && r.Within(within)
}

// portfolioChanges streams the project events of a region and/or domain. It lives outside the
// generated resolver file, where the schema's argument "domain" shadows the domain package.
func (r *subscriptionRootResolver) portfolioChanges(ctx context.Context, region *string, domainArg *domain.ProjectDomain) (<-chan *model.PortfolioChange, error) {
	a, err := actorFrom(ctx)
	if err != nil {
		return nil, err
	}
	var within *domain.Region
	if region != nil {
		reg, err := domain.ParseRegion(*region)
		if err != nil {
			return nil, err
		}
		within = &reg
	}
	return subscribe(ctx, r.live, func(n live.Notice) bool {
		p := n.Project
		return p != nil && (a.Role != domain.RoleOwner || p.OwnerOrg == a.OrgID) &&
			(domainArg == nil || p.Domain == *domainArg) && (within == nil || regionWithin(p.Region, within.Code))
	}, func(n live.Notice) *model.PortfolioChange {
		p := n.Project
		reg, _ := domain.LookupRegion(p.Region)
		return &model.PortfolioChange{ProjectID: string(p.ID), Code: string(p.Code), Name: p.Name, Region: &reg,
			Domain: p.Domain, OwnerOrganization: p.OwnerOrg, Status: p.Status, Event: r.rm.RecordedEvent(n.Event)}
	})
}
