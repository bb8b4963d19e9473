// Package server wires the product together: the database pool, the event store, the read-model
// projections, the command service, the token authority, the GraphQL HTTP handler and the
// open-data (OC4IDS) downloads. The binary and the end-to-end tests build it the same way.
package server

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/smartcity/portfolio/graph"
	"github.com/smartcity/portfolio/internal/app"
	"github.com/smartcity/portfolio/internal/auth"
	"github.com/smartcity/portfolio/internal/eventstore"
	"github.com/smartcity/portfolio/internal/live"
	"github.com/smartcity/portfolio/internal/oc4ids"
	"github.com/smartcity/portfolio/internal/portfolio"
	"github.com/smartcity/portfolio/projections"
)

// Config is what the server needs to run.
type Config struct {
	DatabaseURL  string
	TokenSecret  string
	Logger       *slog.Logger
	PollInterval time.Duration // how often idle projections look for other processes' writes
	// LivePollInterval is how often subscriptions look for other processes' writes (default 1 s);
	// this process's commits wake them at once.
	LivePollInterval time.Duration
	MaxConns         int32
	// Now is the clock: when events are recorded, and "today" for commands, exports and the summary;
	// time.Now when nil (tests set it to spread a history over several days).
	Now func() time.Time
}

// Server is the running product.
type Server struct {
	Pool      *pgxpool.Pool
	Store     *eventstore.Store
	Runner    *projections.Runner
	Service   *app.Service
	Authority *auth.Authority
	Exporter  *oc4ids.Exporter // the open-data (OC4IDS) exports
	Live      *live.Broker     // feeds the GraphQL subscriptions
	Handler   http.Handler
	log       *slog.Logger
}

// Open connects, starts the projections and builds the handler. The schema must be migrated.
func Open(ctx context.Context, cfg Config) (*Server, error) {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	authority, err := auth.NewAuthority(cfg.TokenSecret)
	if err != nil {
		return nil, err
	}
	pcfg, err := pgxpool.ParseConfig(cfg.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("database url: %w", err)
	}
	if cfg.MaxConns > 0 {
		pcfg.MaxConns = cfg.MaxConns
	} else if pcfg.MaxConns < 20 {
		pcfg.MaxConns = 20
	}
	pool, err := pgxpool.NewWithConfig(ctx, pcfg)
	if err != nil {
		return nil, fmt.Errorf("connect: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect: %w", err)
	}
	signal := eventstore.NewSignal()
	opts := []eventstore.Option{eventstore.WithCommitSignal(signal)}
	if cfg.Now != nil {
		opts = append(opts, eventstore.WithClock(cfg.Now))
	}
	store := eventstore.New(pool, log, opts...)
	runner := projections.NewRunner(pool, signal, log, projections.Config{PollInterval: cfg.PollInterval}, projections.All()...)
	if err := runner.Start(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	svc := app.NewService(store, runner, log)
	if cfg.Now != nil {
		svc = svc.WithClock(cfg.Now)
	}
	broker, err := live.Start(ctx, pool, signal, log, live.Config{PollInterval: cfg.LivePollInterval})
	if err != nil {
		_ = runner.Close()
		pool.Close()
		return nil, err
	}
	exporter := oc4ids.New(pool, oc4ids.Config{Now: cfg.Now})
	summary := portfolio.New(pool)
	if cfg.Now != nil {
		summary = summary.WithClock(cfg.Now)
	}
	s := &Server{Pool: pool, Store: store, Runner: runner, Service: svc, Authority: authority, Exporter: exporter, Live: broker, log: log}
	mux := http.NewServeMux()
	mux.Handle("/export/oc4ids/", exportHandler(exporter, log))
	mux.Handle("/", graph.NewHandler(graph.Deps{Service: svc, Pool: pool, Logger: log, Live: broker, Authority: authority, Exporter: exporter, Portfolio: summary}))
	s.Handler = authority.Middleware(mux)
	return s, nil
}

// Close ends the subscriptions, stops the projections and closes the pool.
func (s *Server) Close() {
	s.Live.Close()
	if err := s.Runner.Close(); err != nil {
		s.log.Warn("closing projections", "err", err)
	}
	s.Pool.Close()
}
