// Package localpg starts and stops a PostgreSQL cluster of its own, in a folder, from the
// PostgreSQL server binaries installed on the machine (initdb, pg_ctl, postgres).
//
// It serves two callers: the tests (package testdb starts a throwaway cluster in a temporary
// folder) and the product's serve/up command (a cluster in .data/pg that outlives the process, is
// reused by the next start and recovers after a crash).
//
// The server listens on 127.0.0.1 only and trusts every local connection as the superuser
// "postgres": it is meant for development and tests, never for production data.
//
// PostgreSQL refuses to run as root, so when the process is root the server binaries run as the
// "postgres" OS user and the folder is handed over to that user.
package localpg

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Options says where and how to run the cluster.
type Options struct {
	// Dir is the data folder. It is created if missing and reused if it already holds a cluster
	// (a running one is adopted as it is). Relative paths are taken from the working directory.
	Dir string
	// Port is the TCP port on 127.0.0.1. Zero picks a free one. It is ignored when the cluster in
	// Dir is already running: the running server's port is used.
	Port int
	// Ephemeral trades crash safety for speed (fsync, synchronous_commit and full_page_writes
	// off): for clusters whose data may be lost, such as the tests'.
	Ephemeral bool
	// Logger receives progress messages; nil discards them.
	Logger *slog.Logger
}

// Cluster is a running PostgreSQL server started (or adopted) by Start.
type Cluster struct {
	dir       string
	port      int
	binDir    string
	socketDir string
	reused    bool
	owner     *osUser // the user the server runs as when we are root; nil: as ourselves
	logger    *slog.Logger
}

const (
	// logFileName is the server log, inside the data folder.
	logFileName = "postgres.log"
	// confFileName holds the settings localpg owns. It is rewritten on every start and included
	// from postgresql.conf, so settings live in a file rather than on pg_ctl's shell command line
	// (where paths with spaces or quotes would need escaping).
	confFileName = "localpg.conf"
	includeLine  = "include_if_exists = '" + confFileName + "'"
	// startTimeout bounds how long pg_ctl waits for the server to accept connections.
	startTimeout = 120 * time.Second
)

// Start makes sure the cluster in opts.Dir is running and returns it: it creates the cluster
// (initdb) if the folder holds none, adopts it if it is already running, and otherwise starts it,
// cleaning up after a crash (a stale postmaster.pid) first. When no PostgreSQL server binaries are
// found and the process is root, it installs them with apt-get.
func Start(ctx context.Context, opts Options) (*Cluster, error) {
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if opts.Dir == "" {
		return nil, errors.New("localpg: Options.Dir is required")
	}
	if opts.Port < 0 || opts.Port > 65535 {
		return nil, fmt.Errorf("localpg: invalid port %d", opts.Port)
	}
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, fmt.Errorf("localpg: %w", err)
	}

	c := &Cluster{dir: dir, logger: logger.With("dir", dir)}
	if os.Geteuid() == 0 {
		if c.owner, err = lookupPostgresUser(); err != nil {
			// The binaries may be missing too (the postgres user comes with them): install first.
			if _, ierr := findBinDir(ctx, "", c.logger); ierr != nil {
				return nil, ierr
			}
			if c.owner, err = lookupPostgresUser(); err != nil {
				return nil, err
			}
		}
	}
	if err := makeDir(dir, 0o700, c.owner, c.logger); err != nil {
		return nil, fmt.Errorf("localpg: create %s: %w", dir, err)
	}

	// Serialise Starts (and Stops) of the same folder, across processes too: two serve commands
	// started at once must not both run initdb or pg_ctl start.
	unlock, err := lockDir(ctx, dir)
	if err != nil {
		return nil, err
	}
	defer unlock()

	// Refuse a folder holding something else before changing its owner or mode.
	if entries, err := os.ReadDir(dir); err != nil {
		return nil, fmt.Errorf("localpg: %w", err)
	} else if len(entries) > 0 && readDataVersion(dir) == "" {
		return nil, fmt.Errorf("localpg: %s is neither empty nor a PostgreSQL data folder (no PG_VERSION)", dir)
	}
	if err := takeOver(dir, 0o700, c.owner); err != nil {
		return nil, fmt.Errorf("localpg: hand %s over to the postgres user: %w", dir, err)
	}

	// A data folder only runs with the major version that created it: prefer those binaries.
	dataVersion := readDataVersion(dir)
	if c.binDir, err = findBinDir(ctx, dataVersion, c.logger); err != nil {
		return nil, err
	}

	if port, running, err := c.runningPort(ctx); err != nil {
		return nil, err
	} else if running {
		if opts.Port != 0 && opts.Port != port {
			c.logger.Warn("localpg: the cluster is already running on another port; using it", "port", port, "wanted", opts.Port)
		}
		c.port, c.reused = port, true
		c.socketDir = socketDirFor(dir)
		c.logger.Info("localpg: reusing running cluster", "port", port)
		return c, nil
	}

	if dataVersion == "" {
		if err := c.initdb(ctx, opts.Ephemeral); err != nil {
			return nil, err
		}
	}
	if err := c.start(ctx, opts); err != nil {
		return nil, err
	}
	return c, nil
}

// URL returns the connection URL of database dbname as the superuser postgres.
func (c *Cluster) URL(dbname string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.port, url.PathEscape(dbname))
}

// Port returns the TCP port the server listens on (on 127.0.0.1).
func (c *Cluster) Port() int { return c.port }

// Dir returns the absolute path of the data folder.
func (c *Cluster) Dir() string { return c.dir }

// BinDir returns the folder of the PostgreSQL server binaries in use.
func (c *Cluster) BinDir() string { return c.binDir }

// LogFile returns the path of the server's log file.
func (c *Cluster) LogFile() string { return filepath.Join(c.dir, logFileName) }

// SocketDir returns the folder holding the server's Unix socket (for psql -h).
func (c *Cluster) SocketDir() string { return c.socketDir }

// Reused reports whether Start found the cluster already running and adopted it rather than
// starting it. A caller that wants to leave things as it found them stops only clusters it started.
func (c *Cluster) Reused() bool { return c.reused }

// Stop shuts the server down (fast mode: open sessions are rolled back and disconnected) and
// waits until it is gone. Stopping a cluster that is not running is not an error.
func (c *Cluster) Stop(ctx context.Context) error {
	unlock, err := lockDir(ctx, c.dir)
	if err != nil {
		return err
	}
	defer unlock()
	pf, ok, err := readPIDFile(c.dir)
	if err != nil {
		return fmt.Errorf("localpg: stop: %w", err)
	}
	if !ok || !c.serverAlive(pf.pid) {
		return nil // pg_ctl would signal whatever process now has the PID
	}
	out, err := c.run(ctx, "pg_ctl", "stop", "-D", c.dir, "-m", "fast", "-w", "-t", "60")
	if err != nil {
		// The server may have gone away between our check and pg_ctl's.
		if _, ok, _ := readPIDFile(c.dir); !ok {
			return nil
		}
		return fmt.Errorf("localpg: pg_ctl stop: %w\n%s", err, out)
	}
	c.logger.Info("localpg: stopped")
	// A socket folder in /tmp (used when the one next to the data folder would make too long a
	// path) would otherwise pile up, one per throwaway cluster. Remove fails, harmlessly, if it
	// is not empty.
	if strings.HasPrefix(c.socketDir, socketFallbackPrefix) {
		_ = os.Remove(c.socketDir)
	}
	return nil
}

// CreateDatabase creates database name unless it already exists.
func (c *Cluster) CreateDatabase(ctx context.Context, name string) error {
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		return fmt.Errorf("localpg: connect: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return fmt.Errorf("localpg: look up database %q: %w", name, err)
	}
	if exists {
		return nil
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "42P04" { // duplicate_database: created meanwhile
			return nil
		}
		return fmt.Errorf("localpg: create database %q: %w", name, err)
	}
	return nil
}

// initdb creates the cluster in the (empty) data folder.
func (c *Cluster) initdb(ctx context.Context, ephemeral bool) error {
	started := time.Now()
	var lastErr error
	// C.UTF-8 gives Unicode-aware upper/lower with byte-order (stable, fast) sorting; fall back to
	// plain C where the C library lacks it. initdb empties the folder itself when it fails.
	for _, locale := range []string{"C.UTF-8", "C"} {
		args := []string{"-D", c.dir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=" + locale}
		if ephemeral {
			args = append(args, "--no-sync")
		}
		out, err := c.run(ctx, "initdb", args...)
		if err == nil {
			c.logger.Info("localpg: initialised cluster", "locale", locale, "took", time.Since(started).Round(time.Millisecond))
			return c.appendInclude()
		}
		lastErr = fmt.Errorf("localpg: initdb (locale %s): %w\n%s", locale, err, out)
		if ctx.Err() != nil {
			break
		}
		c.logger.Warn("localpg: initdb failed", "locale", locale, "err", err)
	}
	return lastErr
}

// appendInclude makes postgresql.conf read localpg.conf (last, so its settings win).
func (c *Cluster) appendInclude() error {
	path := filepath.Join(c.dir, "postgresql.conf")
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("localpg: %w", err)
	}
	if strings.Contains(string(data), includeLine) {
		return nil
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("localpg: %w", err)
	}
	_, err = fmt.Fprintf(f, "\n# Settings managed by localpg (rewritten on every start).\n%s\n", includeLine)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("localpg: %w", err)
	}
	return nil
}

// writeConf writes the settings localpg owns, for a start on port.
func (c *Cluster) writeConf(port int, ephemeral bool) error {
	var b strings.Builder
	b.WriteString("# Written by localpg on every start: edits are overwritten.\n")
	fmt.Fprintf(&b, "listen_addresses = '127.0.0.1'\nport = %d\n", port)
	fmt.Fprintf(&b, "unix_socket_directories = %s\n", confQuote(c.socketDir))
	b.WriteString("max_connections = 200\n")
	if ephemeral {
		b.WriteString("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n")
	}
	path := filepath.Join(c.dir, confFileName)
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		return fmt.Errorf("localpg: %w", err)
	}
	return c.chown(path)
}

// start runs pg_ctl start, picking another port when a picked one turns out to be taken.
func (c *Cluster) start(ctx context.Context, opts Options) error {
	if err := c.appendInclude(); err != nil {
		return err
	}
	c.socketDir = socketDirFor(c.dir)
	if err := prepareDir(c.socketDir, 0o755, c.owner, c.logger); err != nil {
		return fmt.Errorf("localpg: prepare socket folder: %w", err)
	}
	// The socket folder is ours alone, and the server is not running: whatever is left in it is
	// from a crash. A stale socket lock file naming a PID that now belongs to another process would
	// make the server refuse to start.
	if entries, err := os.ReadDir(c.socketDir); err == nil {
		for _, e := range entries {
			_ = os.Remove(filepath.Join(c.socketDir, e.Name()))
		}
	}

	const attempts = 10
	for attempt := 1; ; attempt++ {
		port := opts.Port
		if port == 0 {
			var err error
			if port, err = freePort(); err != nil {
				return fmt.Errorf("localpg: pick a port: %w", err)
			}
		}
		if err := c.writeConf(port, opts.Ephemeral); err != nil {
			return err
		}
		logFile := c.LogFile()
		logStart := fileSize(logFile)
		started := time.Now()
		out, err := c.run(ctx, "pg_ctl", "start", "-D", c.dir, "-w", "-t", strconv.Itoa(int(startTimeout/time.Second)), "-l", logFile)
		if err == nil {
			c.port = port
			c.logger.Info("localpg: started", "port", port, "took", time.Since(started).Round(time.Millisecond))
			return nil
		}
		serverLog := readFrom(logFile, logStart)
		retry := ""
		switch {
		case ctx.Err() != nil:
		case opts.Port == 0 && strings.Contains(serverLog, "could not bind"):
			retry = "port taken" // someone grabbed the free port between our check and the bind
		case strings.Contains(serverLog, "pre-existing shared memory block"):
			retry = "old server processes still exiting" // the backends of a crashed server
			time.Sleep(500 * time.Millisecond)
		}
		if retry == "" || attempt == attempts {
			return fmt.Errorf("localpg: pg_ctl start (port %d): %w\n%s\nserver log:\n%s", port, err, out, lastLines(serverLog, 30))
		}
		c.logger.Warn("localpg: start failed; retrying", "reason", retry, "port", port)
	}
}

// runningPort reports whether the cluster is running, and on which port. It waits for a server that
// is starting up or shutting down to settle, and removes a stale postmaster.pid left by a crash.
func (c *Cluster) runningPort(ctx context.Context) (int, bool, error) {
	deadline := time.Now().Add(startTimeout)
	for {
		pf, ok, err := readPIDFile(c.dir)
		if err != nil {
			return 0, false, fmt.Errorf("localpg: %w", err)
		}
		if !ok {
			return 0, false, nil
		}
		if !c.serverAlive(pf.pid) {
			c.logger.Warn("localpg: removing stale postmaster.pid: no server of this folder runs under its PID (crash, kill or reboot)", "pid", pf.pid)
			if err := os.Remove(filepath.Join(c.dir, "postmaster.pid")); err != nil && !errors.Is(err, os.ErrNotExist) {
				return 0, false, fmt.Errorf("localpg: remove stale postmaster.pid: %w", err)
			}
			return 0, false, nil
		}
		if pf.status == "ready" {
			if _, known := serverDir(pf.pid); known {
				return pf.port, true, nil // serverAlive checked that it runs in our folder
			}
			// We may not look at another user's process: ask the server instead.
			ours, err := c.answersFor(ctx, pf.port)
			if err != nil {
				return 0, false, err
			}
			if ours {
				return pf.port, true, nil
			}
			// The PID was reused by another PostgreSQL (after a reboot, say): the file is stale.
			c.logger.Warn("localpg: removing stale postmaster.pid (its PID now belongs to another server)", "pid", pf.pid)
			if err := os.Remove(filepath.Join(c.dir, "postmaster.pid")); err != nil && !errors.Is(err, os.ErrNotExist) {
				return 0, false, fmt.Errorf("localpg: remove stale postmaster.pid: %w", err)
			}
			return 0, false, nil
		}
		// "starting", "stopping" or "standby" (or not written yet): wait for it to settle.
		if time.Now().After(deadline) {
			return 0, false, fmt.Errorf("localpg: the server in %s (PID %d) stays in state %q", c.dir, pf.pid, pf.status)
		}
		select {
		case <-ctx.Done():
			return 0, false, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// answersFor reports whether the server on port serves this data folder. A server that answers
// but refuses us (too many clients, say) is taken to be ours: we could not tell otherwise.
func (c *Cluster) answersFor(ctx context.Context, port int) (bool, error) {
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(cctx, fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable&connect_timeout=5", port))
	if err != nil {
		if ctx.Err() != nil {
			return false, ctx.Err()
		}
		var pgErr *pgconn.PgError
		return errors.As(err, &pgErr), nil
	}
	defer conn.Close(context.WithoutCancel(ctx))
	var dataDir string
	if err := conn.QueryRow(cctx, "SHOW data_directory").Scan(&dataDir); err != nil {
		return false, fmt.Errorf("localpg: ask the server on port %d for its data folder: %w", port, err)
	}
	return sameFile(dataDir, c.dir), nil
}

// serverAlive reports whether pid is a live PostgreSQL server running in this cluster's folder,
// as far as we can tell: a live postgres whose folder we may not look at counts.
func (c *Cluster) serverAlive(pid int) bool {
	if !postmasterAlive(pid) {
		return false
	}
	dir, known := serverDir(pid)
	return !known || sameFile(dir, c.dir)
}

// freePort asks the kernel for a free TCP port on 127.0.0.1.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// confQuote quotes s as a postgresql.conf string value.
func confQuote(s string) string {
	return "'" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "'", "''") + "'"
}

// sameFile reports whether paths a and b name the same file.
func sameFile(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	if err1 != nil || err2 != nil {
		return filepath.Clean(a) == filepath.Clean(b)
	}
	return os.SameFile(sa, sb)
}

// readDataVersion returns the major version in the folder's PG_VERSION, "" if it has none.
func readDataVersion(dir string) string {
	data, err := os.ReadFile(filepath.Join(dir, "PG_VERSION"))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(data))
}

// lockDir takes an exclusive flock on the folder itself (no lock file to leave behind), released by
// the returned function. The kernel drops it if the process dies.
func lockDir(ctx context.Context, dir string) (func(), error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("localpg: lock %s: %w", dir, err)
	}
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() {
				_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
				_ = f.Close()
			}, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			_ = f.Close()
			return nil, fmt.Errorf("localpg: lock %s: %w", dir, err)
		}
		select {
		case <-ctx.Done():
			_ = f.Close()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// fileSize returns the size of the file at path, 0 if it cannot be read.
func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}

// readFrom returns the file at path from byte offset on, "" if it cannot be read.
func readFrom(path string, offset int64) string {
	data, err := os.ReadFile(path)
	if err != nil || offset > int64(len(data)) {
		return string(data)
	}
	return string(data[offset:])
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
