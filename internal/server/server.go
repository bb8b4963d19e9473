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
	"github.com/smartcity/portfolio/internal/oc4ids"
	"github.com/smartcity/portfolio/projections"
)

// Config is what the server needs to run.
type Config struct {
	DatabaseURL  string
	TokenSecret  string
	Logger       *slog.Logger
	PollInterval time.Duration // how often idle projections look for other processes' writes
	MaxConns     int32
}

// Server is the running product.
type Server struct {
	Pool      *pgxpool.Pool
	Store     *eventstore.Store
	Runner    *projections.Runner
	Service   *app.Service
	Authority *auth.Authority
	Exporter  *oc4ids.Exporter // the open-data (OC4IDS) exports
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
	store := eventstore.New(pool, log, eventstore.WithCommitSignal(signal))
	runner := projections.NewRunner(pool, signal, log, projections.Config{PollInterval: cfg.PollInterval}, projections.All()...)
	if err := runner.Start(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	svc := app.NewService(store, runner, log)
	exporter := oc4ids.New(pool, oc4ids.Config{})
	s := &Server{Pool: pool, Store: store, Runner: runner, Service: svc, Authority: authority, Exporter: exporter, log: log}
	mux := http.NewServeMux()
	mux.Handle("/export/oc4ids/", exportHandler(exporter, log))
	mux.Handle("/", graph.NewHandler(graph.Deps{Service: svc, Pool: pool, Logger: log}))
	s.Handler = authority.Middleware(mux)
	return s, nil
}

// Close stops the projections and closes the pool.
func (s *Server) Close() {
	if err := s.Runner.Close(); err != nil {
		s.log.Warn("closing projections", "err", err)
	}
	s.Pool.Close()
}
