package localpg

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// start starts a cluster in dir and stops it when the test ends, whatever happens.
func start(t *testing.T, opts Options) *Cluster {
	t.Helper()
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	began := time.Now()
	c, err := Start(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Start took %v (reused: %v, port %d)", time.Since(began).Round(time.Millisecond), c.Reused(), c.Port())
	t.Cleanup(func() {
		if err := c.Stop(context.Background()); err != nil {
			t.Errorf("cleanup: %v", err)
		}
	})
	return c
}

// selectOne connects to database dbname and runs SELECT 1.
func selectOne(t *testing.T, c *Cluster, dbname string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, c.URL(dbname))
	if err != nil {
		t.Fatalf("connect to %s: %v", c.URL(dbname), err)
	}
	defer conn.Close(ctx)
	var one int
	if err := conn.QueryRow(ctx, "SELECT 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("SELECT 1 = %d, %v", one, err)
	}
}

func TestStartConnectRestartReusingTheFolderAndStop(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data", "pg") // parents missing: Start creates them
	c := start(t, Options{Dir: dir, Ephemeral: true})
	if c.Reused() {
		t.Fatal("a new cluster reported as reused")
	}
	if want := fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.Port()); c.URL("postgres") != want {
		t.Fatalf("URL = %q, want %q", c.URL("postgres"), want)
	}
	selectOne(t, c, "postgres")

	// CreateDatabase is idempotent.
	for range 2 {
		if err := c.CreateDatabase(ctx, "app-db"); err != nil {
			t.Fatal(err)
		}
	}
	selectOne(t, c, "app-db")

	// A second Start while it runs adopts the running server, whatever port is asked for.
	again := start(t, Options{Dir: dir, Port: c.Port() + 1})
	if !again.Reused() || again.Port() != c.Port() {
		t.Fatalf("second start: reused %v port %d, want reused on %d", again.Reused(), again.Port(), c.Port())
	}

	if err := c.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "postmaster.pid")); !os.IsNotExist(err) {
		t.Fatalf("postmaster.pid after Stop: %v", err)
	}
	if err := c.Stop(ctx); err != nil {
		t.Fatalf("stopping a stopped cluster: %v", err)
	}

	// Started again from the same folder: the data is still there.
	restarted := start(t, Options{Dir: dir, Ephemeral: true})
	if restarted.Reused() {
		t.Fatal("a stopped cluster reported as reused")
	}
	selectOne(t, restarted, "app-db")
	if _, err := os.Stat(restarted.LogFile()); err != nil {
		t.Fatalf("log file: %v", err)
	}
}

func TestStartWithADeepFolderPutsTheSocketInTmp(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), strings.Repeat("d", 60), "pg")
	c := start(t, Options{Dir: dir, Ephemeral: true})
	if !strings.HasPrefix(c.SocketDir(), socketFallbackPrefix) {
		t.Fatalf("socket folder %q, want one in /tmp", c.SocketDir())
	}
	selectOne(t, c, "postgres")
	if err := c.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(c.SocketDir()); !os.IsNotExist(err) {
		t.Fatalf("socket folder left behind after Stop: %v", err)
	}
}

func TestStartOnAFixedPort(t *testing.T) {
	t.Parallel()
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	c := start(t, Options{Dir: filepath.Join(t.TempDir(), "pg"), Port: port, Ephemeral: true})
	if c.Port() != port {
		t.Fatalf("port = %d, want %d", c.Port(), port)
	}
	selectOne(t, c, "postgres")
}

func TestStartRecoversAfterACrash(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "pg")
	c := start(t, Options{Dir: dir, Ephemeral: true})
	selectOne(t, c, "postgres")
	if err := c.CreateDatabase(context.Background(), "kept"); err != nil {
		t.Fatal(err)
	}

	// kill -9 the server: postmaster.pid stays behind.
	pf, ok, err := readPIDFile(dir)
	if err != nil || !ok {
		t.Fatalf("postmaster.pid: %v %v", ok, err)
	}
	if err := syscall.Kill(pf.pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for postmasterAlive(pf.pid) {
		if time.Now().After(deadline) {
			t.Fatal("the killed server is still alive")
		}
		time.Sleep(20 * time.Millisecond)
	}

	recovered := start(t, Options{Dir: dir, Ephemeral: true})
	if recovered.Reused() {
		t.Fatal("a crashed cluster reported as reused")
	}
	selectOne(t, recovered, "kept")
}

func TestStartIgnoresAStalePIDFileWhosePIDIsAnotherProcess(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "pg")
	c := start(t, Options{Dir: dir, Ephemeral: true})
	if err := c.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	// What a reboot leaves: a postmaster.pid naming a PID now used by a live, unrelated process
	// (this test binary). PostgreSQL itself would refuse to start ("Is another postmaster running?").
	stale := fmt.Sprintf("%d\n%s\n1700000000\n%d\n%s\n127.0.0.1\n  1234 5678\nready   \n",
		os.Getpid(), dir, c.Port(), socketDirFor(dir))
	if err := os.WriteFile(filepath.Join(dir, "postmaster.pid"), []byte(stale), 0o600); err != nil {
		t.Fatal(err)
	}
	again := start(t, Options{Dir: dir, Ephemeral: true})
	if again.Reused() {
		t.Fatal("a stale postmaster.pid taken for a running server")
	}
	selectOne(t, again, "postgres")
}

func TestStartIgnoresAStalePIDFileNamingAnotherServer(t *testing.T) {
	t.Parallel()
	other := start(t, Options{Dir: filepath.Join(t.TempDir(), "other"), Ephemeral: true})
	dir := filepath.Join(t.TempDir(), "pg")
	c := start(t, Options{Dir: dir, Ephemeral: true})
	if err := c.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	// The PID now belongs to another PostgreSQL server: neither adopt it nor stop it.
	otherPID, _, err := readPIDFile(other.Dir())
	if err != nil {
		t.Fatal(err)
	}
	stale := fmt.Sprintf("%d\n%s\n1700000000\n%d\n%s\n127.0.0.1\n  1234 5678\nready   \n",
		otherPID.pid, dir, other.Port(), socketDirFor(dir))
	if err := os.WriteFile(filepath.Join(dir, "postmaster.pid"), []byte(stale), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := c.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	selectOne(t, other, "postgres") // still running
	again := start(t, Options{Dir: dir, Ephemeral: true})
	if again.Reused() || again.Port() == other.Port() {
		t.Fatalf("adopted the other server (reused %v, port %d)", again.Reused(), again.Port())
	}
	selectOne(t, again, "postgres")
	selectOne(t, other, "postgres")
}

func TestStartRefusesAFolderThatIsNotACluster(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	before, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Start(context.Background(), Options{Dir: dir})
	if err == nil || !strings.Contains(err.Error(), "neither empty nor a PostgreSQL data folder") {
		t.Fatalf("err = %v", err)
	}
	after, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if before.Mode() != after.Mode() || before.Sys().(*syscall.Stat_t).Uid != after.Sys().(*syscall.Stat_t).Uid {
		t.Fatalf("Start changed the folder it refused: %v -> %v", before.Mode(), after.Mode())
	}
}

func TestSocketDirStaysShort(t *testing.T) {
	short := socketDirFor("/work/main/.data/pg")
	if short != "/work/main/.data/pg-socket" {
		t.Fatalf("short path: %q", short)
	}
	long := socketDirFor("/" + strings.Repeat("x", 120) + "/pg")
	if len(long+"/.s.PGSQL.65535") >= 100 || !strings.HasPrefix(long, "/tmp/localpg-") {
		t.Fatalf("long path: %q", long)
	}
}

func TestCompareVersions(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		less bool
	}{{"9.6", "15", true}, {"15", "16", true}, {"16", "15", false}, {"10", "9.6", false}} {
		if got := compareVersions(tc.a, tc.b) < 0; got != tc.less {
			t.Errorf("%s < %s = %v", tc.a, tc.b, got)
		}
	}
}

func TestConfQuote(t *testing.T) {
	if got := confQuote(`/a b/it's\x`); got != `'/a b/it''s\\x'` {
		t.Fatal(got)
	}
}

// testWriter sends log output to t.Log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}
