// Package testdb gives each test a fresh, fully migrated PostgreSQL database of its own.
//
// A package whose tests use it calls Main from its TestMain:
//
//	func TestMain(m *testing.M) { testdb.Main(m) }
//
// Main finds a server (the one named by PORTFOLIO_TEST_DATABASE_URL, or else a throwaway local
// cluster it starts in a temporary folder), migrates a template database once, runs the tests and
// cleans up. Each New then copies the template (CREATE DATABASE ... TEMPLATE), which costs tens of
// milliseconds instead of a full migration per test, and drops the copy when the test ends.
package testdb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/smartcity/portfolio/internal/localpg"
	"github.com/smartcity/portfolio/migrations"
)

// EnvURL names the environment variable that points the tests at an existing server instead of a
// throwaway local cluster. Its value is the URL of a database on that server that the tests can
// connect to for CREATE DATABASE and DROP DATABASE (a superuser's, or a role with CREATEDB).
const EnvURL = "PORTFOLIO_TEST_DATABASE_URL"

// DB is a test's own database, dropped when the test ends.
type DB struct {
	// Pool is connected to the database (at most 20 connections), closed when the test ends.
	Pool *pgxpool.Pool
	// URL is the database's connection URL, for code that opens its own connections.
	URL string
	// Name is the database's name.
	Name string
}

// state is what Main sets up for New. Its fields are written once, before the tests run.
var state struct {
	ready     atomic.Bool
	adminURL  string
	template  string
	adminPool *pgxpool.Pool // connected to the admin database, for CREATE and DROP DATABASE
	watchdog  *os.File      // kept open (and reachable) for the life of the process: see startWatchdog
}

// createMu serialises template copies within the process; an advisory lock does it across
// processes. PostgreSQL refuses to copy a template that another session is using ("source database
// is being accessed by other users"), and waits only a few seconds before giving up.
var createMu sync.Mutex

// seq numbers this process's databases.
var seq atomic.Int64

// Main sets up the databases for a package's tests, runs them with m.Run, cleans up and exits with
// their exit code. Call it from TestMain.
func Main(m *testing.M) {
	os.Exit(run(m))
}

// run is Main without the os.Exit, so that its deferred clean-ups run.
func run(m *testing.M) int {
	ctx := context.Background()
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))

	adminURL := os.Getenv(EnvURL)
	if adminURL == "" {
		tmp, err := os.MkdirTemp("", "portfolio-testdb-")
		if err != nil {
			return fail("create a temporary folder: %v", err)
		}
		defer os.RemoveAll(tmp)
		// MkdirTemp makes the folder 0700; when we are root the server runs as the postgres user,
		// who must be able to pass through it.
		if err := os.Chmod(tmp, 0o755); err != nil {
			return fail("%v", err)
		}
		cluster, err := localpg.Start(ctx, localpg.Options{Dir: filepath.Join(tmp, "pg"), Ephemeral: true, Logger: logger})
		if err != nil {
			return fail("start a local PostgreSQL (or set %s to use an existing server): %v", EnvURL, err)
		}
		// Deferred clean-ups do not run if the tests panic or time out: the watchdog then stops
		// the server and removes the folder, so no orphan postgres outlives the test binary.
		if state.watchdog, err = startWatchdog(cluster.Dir(), tmp); err != nil {
			logger.Warn("testdb: no watchdog; a crashed test run may leave a PostgreSQL server behind", "err", err)
		}
		defer func() {
			if err := cluster.Stop(context.Background()); err != nil {
				logger.Warn("testdb: stop the local PostgreSQL", "err", err)
			}
		}()
		adminURL = cluster.URL("postgres")
	}
	if _, err := dbURL(adminURL, "x"); err != nil {
		return fail("%s: %v", EnvURL, err)
	}

	pool, err := pgxpool.New(ctx, adminURL)
	if err != nil {
		return fail("connect to %s: %v", redact(adminURL), err)
	}
	defer pool.Close()

	template := "tpl_" + fmt.Sprint(os.Getpid()) + "_" + randomHex(4)
	if err := createTemplate(ctx, pool, adminURL, template); err != nil {
		_ = dropDatabase(pool, template) // whatever part of it was made
		return fail("%v", err)
	}
	defer func() {
		if err := dropDatabase(pool, template); err != nil {
			logger.Warn("testdb: drop the template database", "err", err)
		}
	}()

	state.adminURL, state.template, state.adminPool = adminURL, template, pool
	state.ready.Store(true)
	defer state.ready.Store(false)
	return m.Run()
}

// New creates a database for the test, a copy of the migrated template, and drops it when the
// test ends. It fails the test if the package's TestMain does not call Main.
func New(t testing.TB) *DB {
	t.Helper()
	if !state.ready.Load() {
		t.Fatal("testdb.New: testdb.Main was not called; add to the package's tests:\n\tfunc TestMain(m *testing.M) { testdb.Main(m) }")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	name := fmt.Sprintf("test_%d_%d_%s", os.Getpid(), seq.Add(1), randomHex(3))
	if err := copyTemplate(ctx, name); err != nil {
		t.Fatalf("testdb.New: %v", err)
	}
	// Registered before the pool's Close so that it runs after it (clean-ups run last first).
	t.Cleanup(func() {
		if err := dropDatabase(state.adminPool, name); err != nil {
			t.Errorf("testdb: %v", err)
		}
	})

	u, err := dbURL(state.adminURL, name)
	if err != nil {
		t.Fatalf("testdb.New: %v", err)
	}
	cfg, err := pgxpool.ParseConfig(u)
	if err != nil {
		t.Fatalf("testdb.New: %v", err)
	}
	cfg.MaxConns = 20
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		t.Fatalf("testdb.New: open pool: %v", err)
	}
	t.Cleanup(pool.Close)
	if err := pool.Ping(ctx); err != nil {
		t.Fatalf("testdb.New: connect to %s: %v", name, err)
	}
	return &DB{Pool: pool, URL: u, Name: name}
}

// AdminURL returns the URL of the administrative database the tests' databases are created from
// (on the local cluster, or from PORTFOLIO_TEST_DATABASE_URL), or "" when Main is not running.
func AdminURL() string {
	if !state.ready.Load() {
		return ""
	}
	return state.adminURL
}

// createTemplate creates the template database and migrates it.
func createTemplate(ctx context.Context, pool *pgxpool.Pool, adminURL, template string) error {
	if _, err := pool.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{template}.Sanitize()); err != nil {
		return fmt.Errorf("create template database %s: %w", template, err)
	}
	u, err := dbURL(adminURL, template)
	if err != nil {
		return err
	}
	if _, err := migrations.Up(ctx, u); err != nil {
		return fmt.Errorf("migrate template database %s: %w", template, err)
	}
	return nil
}

// copyTemplate creates database name as a copy of the template.
func copyTemplate(ctx context.Context, name string) error {
	createMu.Lock()
	defer createMu.Unlock()
	conn, err := state.adminPool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("connect to the admin database: %w", err)
	}
	defer conn.Release()
	// Session-level advisory lock, keyed by the template: the lock, the copy and the unlock must
	// run on the same connection, hence the acquired one.
	const lockSpace = 0x7464 // "td": keeps our keys apart from other users of advisory locks
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1, hashtext($2))", lockSpace, state.template); err != nil {
		return fmt.Errorf("advisory lock: %w", err)
	}
	defer func() {
		if _, err := conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1, hashtext($2))", lockSpace, state.template); err != nil {
			conn.Conn().Close(context.WithoutCancel(ctx)) // closing the session releases the lock
		}
	}()
	sql := "CREATE DATABASE " + pgx.Identifier{name}.Sanitize() + " TEMPLATE " + pgx.Identifier{state.template}.Sanitize()
	if _, err := conn.Exec(ctx, sql); err != nil {
		return fmt.Errorf("create database %s from template %s: %w", name, state.template, err)
	}
	return nil
}

// dropDatabase drops database name, disconnecting whoever is still connected to it.
func dropDatabase(pool *pgxpool.Pool, name string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := pool.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("drop database %s: %w", name, err)
	}
	return nil
}

// dbURL returns adminURL pointed at database name.
func dbURL(adminURL, name string) (string, error) {
	u, err := url.Parse(adminURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", errors.New("want a URL of the form postgres://user@host:port/dbname")
	}
	u.Path, u.RawPath = "/"+name, ""
	return u.String(), nil
}

// startWatchdog starts a process that waits for this one to die, however it dies, and then stops
// the server of dataDir and removes removeDir. It learns of the death by reading the pipe this
// process holds the write end of: the kernel closes it on exit, even after a panic or kill -9.
// It runs in a session of its own, so a Ctrl-C that kills the tests does not kill it.
func startWatchdog(dataDir, removeDir string) (*os.File, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	// SIGINT is PostgreSQL's fast shutdown. After a normal exit there is nothing left to do:
	// Main has stopped the server (no postmaster.pid) and removed the folder.
	const script = `read -r _ || true
i=0
pid=$(head -n 1 "$1/postmaster.pid" 2>/dev/null) || pid=
if [ -n "$pid" ] && kill -INT "$pid" 2>/dev/null; then
	while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 300 ]; do sleep 0.1; i=$((i+1)); done
fi
rm -rf "$2"`
	cmd := exec.Command("/bin/sh", "-c", script, "testdb-watchdog", dataDir, removeDir)
	cmd.Stdin = r
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		w.Close()
		return nil, err
	}
	go func() { _ = cmd.Wait() }() // reap it should it end early; its result does not matter
	return w, nil
}

// fail reports a set-up failure and returns the exit code for it.
func fail(format string, args ...any) int {
	fmt.Fprintf(os.Stderr, "testdb: "+format+"\n", args...)
	return 1
}

// redact hides the password in a URL for error messages.
func redact(s string) string {
	if u, err := url.Parse(s); err == nil {
		return u.Redacted()
	}
	return "the database"
}

// randomHex returns n random bytes in hex.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
