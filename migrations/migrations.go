// Package migrations holds the database schema as versioned SQL files, embedded in the binary and
// applied in order by goose. A file, once landed, is never edited: a change is a new file.
package migrations

import (
	"context"
	"database/sql"
	"embed"
	"fmt"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
)

//go:embed *.sql
var files embed.FS

// Up applies every migration not yet applied to the database at url and returns how many ran.
func Up(ctx context.Context, url string) (int, error) {
	provider, db, err := open(url)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	results, err := provider.Up(ctx)
	if err != nil {
		return len(results), fmt.Errorf("apply migrations: %w", err)
	}
	return len(results), nil
}

// Pending reports how many migrations the database at url has not applied yet.
func Pending(ctx context.Context, url string) (int, error) {
	provider, db, err := open(url)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	status, err := provider.Status(ctx)
	if err != nil {
		return 0, fmt.Errorf("read migration status: %w", err)
	}
	n := 0
	for _, s := range status {
		if s.State == goose.StatePending {
			n++
		}
	}
	return n, nil
}

// open connects to the database at url and loads the migrations; the caller closes db.
func open(url string) (*goose.Provider, *sql.DB, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, nil, fmt.Errorf("open database: %w", err)
	}
	provider, err := goose.NewProvider(goose.DialectPostgres, db, files)
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("load migrations: %w", err)
	}
	return provider, db, nil
}

// ensure the pgx database/sql driver is registered under the name "pgx".
var _ = stdlib.GetDefaultDriver
