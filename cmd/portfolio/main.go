// Command portfolio runs the smart-city portfolio system: `portfolio up` starts everything for a
// local try-out (PostgreSQL, migrations, demo data, GraphQL); the other subcommands do one thing
// each. See `portfolio help`.
package main

import (
	"github.com/smartcity/portfolio/internal/gctarget"

	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

const usage = `portfolio: the smart-city demonstration-project portfolio

Usage:
  portfolio up      [--addr host:port]   start local PostgreSQL (unless DATABASE_URL), migrate, seed the demo, serve
  portfolio serve   [--addr host:port]   serve GraphQL at /graphql and GraphiQL at / (schema must be migrated)
  portfolio migrate                      apply the database migrations
  portfolio seed    [--scale N] [--seed S]  load the demo portfolio through commands (loading twice changes
                                         nothing), or N generated projects with their history for benchmarks
  portfolio rebuild [name...]            empty the read models (all, or those named) and replay every event into them
  portfolio token   --role R [--org O] [--user U] [--ttl 24h]   print a bearer token for local use
  portfolio bench   [--serve | --url U [--server-pid P]] [--clients 4,16] [--writers 4] [--duration 20s]
                    [--region 320300] [--as-of YYYY-MM-DD] [--mutations=false]
                                         measure the GraphQL API over HTTP: mutations/s, the city summary and an
                                         as-of summary (req/s, p50, p99), the server's peak RSS; --serve starts
                                         the server in-process; the mutations write projects

Environment:
  DATABASE_URL             PostgreSQL URL; when unset, a local cluster is started under PORTFOLIO_DATA_DIR/pg
  PORTFOLIO_TOKEN_SECRET   HS256 secret for bearer tokens (>= 32 bytes); when unset, up/token/serve use
                           a random one generated once and kept in PORTFOLIO_DATA_DIR/token-secret
  PORTFOLIO_ADDR           listen address (default 127.0.0.1:8080)
  PORTFOLIO_DATA_DIR       local data folder (default .data)
  PORTFOLIO_PG_PORT        port of the local PostgreSQL cluster (default 5433)
  LOG_LEVEL                debug, info, warn or error (default info)
`

func main() {
	gctarget.Set()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "portfolio:", err)
		os.Exit(1)
	}
}

// errUsage is a command line that names no known subcommand.
var errUsage = errors.New("see `portfolio help`")

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	log := newLogger(stderr, cfg.LogLevel)
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "up":
		return cmdUp(ctx, cfg, rest, log, stdout)
	case "serve":
		return cmdServe(ctx, cfg, rest, log, stdout)
	case "migrate":
		return cmdMigrate(ctx, cfg, rest, log)
	case "seed":
		return cmdSeed(ctx, cfg, rest, log, stdout)
	case "rebuild":
		return cmdRebuild(ctx, cfg, rest, log, stdout)
	case "token":
		return cmdToken(cfg, rest, stdout)
	case "bench":
		return cmdBench(ctx, cfg, rest, log, stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q: %w", cmd, errUsage)
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}
