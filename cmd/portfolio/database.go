package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/smartcity/portfolio/internal/localpg"
	"github.com/smartcity/portfolio/migrations"
)

// database is the PostgreSQL the product uses: DATABASE_URL, or a local cluster it started.
type database struct {
	URL     string
	cluster *localpg.Cluster // nil when DATABASE_URL was given
}

// openDatabase resolves the database, starting (and if need be installing) a local PostgreSQL
// cluster under the data folder when DATABASE_URL is not set.
func openDatabase(ctx context.Context, cfg config, log *slog.Logger) (*database, error) {
	if cfg.DatabaseURL != "" {
		return &database{URL: cfg.DatabaseURL}, nil
	}
	dir, err := filepath.Abs(filepath.Join(cfg.DataDir, "pg"))
	if err != nil {
		return nil, err
	}
	log.Info("starting local PostgreSQL", "dir", dir, "port", cfg.PGPort)
	cluster, err := localpg.Start(ctx, localpg.Options{Dir: dir, Port: cfg.PGPort, Logger: log})
	if err != nil {
		return nil, fmt.Errorf("local PostgreSQL: %w", err)
	}
	if err := cluster.CreateDatabase(ctx, "portfolio"); err != nil {
		return nil, err
	}
	return &database{URL: cluster.URL("portfolio"), cluster: cluster}, nil
}

// openMigrated opens the database as openDatabase does, brings its schema up to date (a no-op when
// it is) and connects a pool: what the commands that read and write events without serving need.
// The caller closes the pool, then the database.
func openMigrated(ctx context.Context, cfg config, log *slog.Logger) (*database, *pgxpool.Pool, error) {
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return nil, nil, err
	}
	if err := migrate(ctx, db.URL, log); err != nil {
		db.Close(log)
		return nil, nil, err
	}
	pool, err := pgxpool.New(ctx, db.URL)
	if err != nil {
		db.Close(log)
		return nil, nil, err
	}
	return db, pool, nil
}

// Close stops the local cluster if this process started it; one it found running stays up.
func (d *database) Close(log *slog.Logger) {
	if d.cluster == nil || d.cluster.Reused() {
		return
	}
	if err := d.cluster.Stop(context.Background()); err != nil {
		log.Warn("stopping local PostgreSQL", "err", err)
	}
}

func migrate(ctx context.Context, url string, log *slog.Logger) error {
	n, err := migrations.Up(ctx, url)
	if err != nil {
		return err
	}
	log.Info("migrations applied", "count", n)
	return nil
}
