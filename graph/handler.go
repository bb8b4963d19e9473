package graph

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/smartcity/portfolio/graph/generated"
	"github.com/smartcity/portfolio/graph/readmodel"
	"github.com/smartcity/portfolio/internal/app"
	"github.com/smartcity/portfolio/internal/auth"
	"github.com/smartcity/portfolio/internal/live"
	"github.com/smartcity/portfolio/internal/oc4ids"
	"github.com/smartcity/portfolio/internal/portfolio"
)

// Endpoints of the handler.
const (
	GraphQLPath = "/graphql" // the API (GET for queries, POST for everything)
	HealthPath  = "/healthz" // liveness and database reachability
	// GraphiQL is served at "/".
)

// DefaultComplexityLimit bounds what one operation may ask for. Every field costs 1 plus its
// selection; a connection or page (projects, projectHistory, every history, funds, applications,
// Fund.applications, workQueue, similarProjects) costs `first` times its selection. A page of 20 projects with every field, their milestones, indicators, measurements
// and replayed parts costs about 1700; a page of 100 with every scalar field of Project about
// 4900; a page nested in a page (the history of each of 100 projects) far more, and is refused
// with COMPLEXITY_LIMIT_EXCEEDED. The OC4IDS exports cost far more (see graph/opendata.go), and so
// does the portfolio summary: 200 now, 2000 as of a day, plus its selection (graph/summary.go).
const DefaultComplexityLimit = 5000

// queryCacheSize is how many parsed and validated documents are kept.
const queryCacheSize = 1000

// Deps is what the handler needs. Pool serves the read models and the event history.
type Deps struct {
	Service *app.Service
	Pool    *pgxpool.Pool
	Logger  *slog.Logger
	// ComplexityLimit overrides DefaultComplexityLimit when positive.
	ComplexityLimit int
	// Live feeds the subscriptions and Authority checks the tokens of WebSocket connections
	// (connection_init); without them subscriptions are refused.
	Live      *live.Broker
	Authority *auth.Authority
	// Exporter builds the OC4IDS exports (Project.oc4ids, oc4idsPortfolio); without it they fail.
	// ExportMaxProjects overrides DefaultExportMaxProjects when positive.
	Exporter          *oc4ids.Exporter
	ExportMaxProjects int
	// Portfolio answers portfolioSummary; without it the summary fails.
	Portfolio *portfolio.Reader
}

// NewHandler serves the GraphQL API at /graphql, GraphiQL at / and a health check at /healthz.
// Authentication is not its business: the token middleware wraps it and leaves the actor (or
// the reason there is none) in the request's context.
func NewHandler(d Deps) http.Handler {
	log := d.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	rm := readmodel.New(d.Pool)
	exportMax := d.ExportMaxProjects
	if exportMax <= 0 {
		exportMax = DefaultExportMaxProjects
	}
	cfg := generated.Config{Resolvers: &rootResolver{svc: d.Service, rm: rm, live: d.Live, export: d.Exporter, exportMax: exportMax, summary: d.Portfolio}}
	cfg.Complexity = complexity()
	limit := d.ComplexityLimit
	if limit <= 0 {
		limit = DefaultComplexityLimit
	}

	srv := handler.New(generated.NewExecutableSchema(cfg))
	srv.AddTransport(websocketTransport(d.Authority)) // before GET: an upgrade is a GET too
	srv.AddTransport(transport.GET{})                 // queries only: it refuses mutations
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](queryCacheSize))
	srv.Use(extension.Introspection{})
	srv.Use(extension.FixedComplexityLimit(limit))
	srv.SetErrorPresenter(ErrorPresenter(log))
	srv.SetRecoverFunc(RecoverFunc(log))
	srv.AroundFields(requireActor)

	mux := http.NewServeMux()
	mux.Handle(GraphQLPath, withRequestState(d.Service, rm, upgrades(srv, overHTTP(srv))))
	mux.Handle("GET /{$}", playground.Handler("Smart-city project portfolio", GraphQLPath))
	mux.Handle("GET "+HealthPath, healthz(d.Pool))
	return mux
}

// healthz answers 200 when the database answers within two seconds, 503 otherwise.
func healthz(pool *pgxpool.Pool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if pool == nil || pool.Ping(ctx) != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("database unavailable\n"))
			return
		}
		_, _ = w.Write([]byte("ok\n"))
	})
}
