package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/app"
	"github.com/smartcity/portfolio/internal/auth"
	"github.com/smartcity/portfolio/internal/eventstore"
	"github.com/smartcity/portfolio/internal/server"
	"github.com/smartcity/portfolio/migrations"
	"github.com/smartcity/portfolio/projections"
	"github.com/smartcity/portfolio/seeds"
)

func cmdMigrate(ctx context.Context, cfg config, args []string, log *slog.Logger) error {
	if err := noArgs("migrate", args); err != nil {
		return err
	}
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close(log)
	return migrate(ctx, db.URL, log)
}

func cmdSeed(ctx context.Context, cfg config, args []string, log *slog.Logger, stdout io.Writer) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	scale := fs.Int("scale", 0, "instead of the demo, generate this many synthetic projects (benchmarks)")
	seed := fs.Uint64("seed", 1, "with --scale: the generator's seed (same seed and count, same portfolio)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noArgs("seed", fs.Args()); err != nil {
		return err
	}
	if *scale < 0 {
		return fmt.Errorf("--scale must be positive, got %d", *scale)
	}
	db, pool, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close(log)
	defer pool.Close()
	if *scale > 0 {
		sum, err := seeds.LoadScale(ctx, eventstore.New(pool, log), seeds.ScaleOptions{Projects: *scale, Seed: *seed})
		if err != nil {
			return err
		}
		if sum.AlreadyLoaded {
			fmt.Fprintf(stdout, "scale portfolio of seed %d is already loaded; nothing written\n", *seed)
			return nil
		}
		fmt.Fprintf(stdout, "scale portfolio: %d projects, %d funds, %d applications, %d PPP arrangements (%d regional ledgers), %d events in %d transactions, %s (%.0f events/s)\n",
			sum.Projects, sum.Funds, sum.Applications, sum.PPPArrangements, sum.PPPLedgers, sum.Events, sum.Transactions, sum.Took.Round(time.Millisecond), float64(sum.Events)/sum.Took.Seconds())
		fmt.Fprintln(stdout, "read models: run `portfolio rebuild` (or start the server) to project them")
		return nil
	}
	return seedDemo(ctx, eventstore.New(pool, log), log, stdout)
}

func seedDemo(ctx context.Context, store *eventstore.Store, log *slog.Logger, stdout io.Writer) error {
	start := time.Now()
	sum, err := seeds.LoadDemo(ctx, app.NewService(store, nil, log))
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	fmt.Fprintf(stdout, "demo portfolio: %d projects, %d funds, %d funding applications, %d PPP arrangements, %d regional PPP ledgers; %d commands (%d already loaded) in %s\n",
		sum.Projects, sum.Funds, sum.Applications, sum.PPPArrangements, sum.PPPLedgers, sum.Commands, sum.Replayed, time.Since(start).Round(time.Millisecond))
	return nil
}

func cmdRebuild(ctx context.Context, cfg config, args []string, log *slog.Logger, stdout io.Writer) error {
	// Optional arguments name the read models to rebuild (all when none).
	only := map[string]bool{}
	known := map[string]bool{}
	for _, p := range projections.All() {
		known[p.Name()] = true
	}
	for _, a := range args {
		if !known[a] {
			return fmt.Errorf("rebuild: unknown read model %q", a)
		}
		only[a] = true
	}
	db, pool, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close(log)
	defer pool.Close()
	var chosen []projections.Projector
	for _, p := range projections.All() {
		if len(only) == 0 || only[p.Name()] {
			chosen = append(chosen, p)
		}
	}
	runner := projections.NewRunner(pool, nil, log, projections.Config{}, chosen...)
	// One pass over the events for every chosen read model (RebuildAll), in one transaction.
	start := time.Now()
	n, err := runner.RebuildAll(ctx)
	if err != nil {
		return err
	}
	d := time.Since(start)
	names := make([]string, 0, len(chosen))
	for _, p := range chosen {
		names = append(names, p.Name())
	}
	fmt.Fprintf(stdout, "rebuilt %s\n%d events in %s (%.0f events/s)\n", strings.Join(names, ", "), n, d.Round(time.Millisecond), float64(n)/d.Seconds())
	return nil
}

func cmdToken(cfg config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("token", flag.ContinueOnError)
	role := fs.String("role", "", "owner, office, expert, finance, leadership or admin")
	org := fs.String("org", "", "organisation (required for owners)")
	user := fs.String("user", "", "user id (default: <role>-demo)")
	ttl := fs.Duration("ttl", 24*time.Hour, "how long the token is valid")
	if err := fs.Parse(args); err != nil {
		return err
	}
	r, err := domain.ParseRole(*role)
	if err != nil {
		return err
	}
	if *user == "" {
		*user = string(r) + "-demo"
	}
	if *ttl <= 0 {
		return fmt.Errorf("--ttl must be positive")
	}
	secret, err := cfg.secret()
	if err != nil {
		return err
	}
	a, err := auth.NewAuthority(secret)
	if err != nil {
		return err
	}
	tok, err := a.Issue(domain.Actor{UserID: *user, Role: r, OrgID: *org}, *ttl)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, tok)
	return nil
}

func serveFlags(name string, cfg *config, args []string) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "listen address host:port")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return noArgs(name, fs.Args())
}

func cmdServe(ctx context.Context, cfg config, args []string, log *slog.Logger, stdout io.Writer) error {
	if err := serveFlags("serve", &cfg, args); err != nil {
		return err
	}
	return runServer(ctx, cfg, log, stdout, false)
}

func cmdUp(ctx context.Context, cfg config, args []string, log *slog.Logger, stdout io.Writer) error {
	if err := serveFlags("up", &cfg, args); err != nil {
		return err
	}
	return runServer(ctx, cfg, log, stdout, true)
}

// runServer serves until ctx ends, then shuts down gracefully. With setup it first migrates and
// loads the demo portfolio.
func runServer(ctx context.Context, cfg config, log *slog.Logger, stdout io.Writer, setup bool) error {
	log.Info("configuration", "config", cfg.String())
	secret, err := cfg.secret()
	if err != nil {
		return err
	}
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close(log)
	if setup {
		if err := migrate(ctx, db.URL, log); err != nil {
			return err
		}
	} else if n, err := migrations.Pending(ctx, db.URL); err != nil {
		return err
	} else if n > 0 {
		// The read models' statements need this binary's schema: serving on an older one would
		// fail every round.
		return fmt.Errorf("the database lacks %d of this binary's migrations: run `portfolio migrate` first", n)
	}
	srv, err := server.Open(ctx, server.Config{DatabaseURL: db.URL, TokenSecret: secret, Logger: log})
	if err != nil {
		return err
	}
	defer srv.Close()
	if setup {
		if err := seedDemo(ctx, srv.Store, log, stdout); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	httpSrv := &http.Server{Handler: srv.Handler, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "GraphiQL: http://%s/   GraphQL: http://%s/graphql\n", ln.Addr(), ln.Addr())
	if setup {
		printDemoTokens(stdout, srv.Authority)
	}
	errc := make(chan error, 1)
	go func() { errc <- httpSrv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := httpSrv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// printDemoTokens prints a token for each role of the demo portfolio, to paste into GraphiQL's
// headers as {"Authorization": "Bearer <token>"}.
func printDemoTokens(w io.Writer, a *auth.Authority) {
	fmt.Fprintln(w, "Demo tokens (valid 24h; header Authorization: Bearer <token>):")
	for _, actor := range seeds.DemoActors() {
		tok, err := a.Issue(actor, 24*time.Hour)
		if err != nil {
			continue
		}
		fmt.Fprintf(w, "  %-34s %s\n", actor.String(), tok)
	}
}

func noArgs(cmd string, args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("%s takes no arguments, got %q", cmd, args)
	}
	return nil
}
