package testdb_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smartcity/portfolio/internal/testdb"
)

// withoutMainEnv makes TestMain skip testdb.Main, for TestNewWithoutMainFailsTheTest's child.
const withoutMainEnv = "TESTDB_TEST_WITHOUT_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(withoutMainEnv) == "1" {
		os.Exit(m.Run())
	}
	testdb.Main(m)
}

func TestNewDatabasesAreMigratedAndIsolated(t *testing.T) {
	ctx := context.Background()
	began := time.Now()
	a := testdb.New(t)
	t.Logf("New took %v", time.Since(began).Round(time.Millisecond))
	began = time.Now()
	b := testdb.New(t)
	t.Logf("New took %v (second call)", time.Since(began).Round(time.Millisecond))
	if a.Name == b.Name || a.URL == b.URL {
		t.Fatalf("two New calls share a database: %q %q", a.Name, b.Name)
	}
	if !strings.Contains(a.URL, "/"+a.Name) {
		t.Fatalf("URL %q does not name database %q", a.URL, a.Name)
	}

	for _, db := range []*testdb.DB{a, b} {
		var current string
		if err := db.Pool.QueryRow(ctx, "SELECT current_database()").Scan(&current); err != nil || current != db.Name {
			t.Fatalf("connected to %q (%v), want %q", current, err, db.Name)
		}
		var events *string
		if err := db.Pool.QueryRow(ctx, "SELECT to_regclass('public.events')::text").Scan(&events); err != nil || events == nil {
			t.Fatalf("%s: table events missing (%v): not migrated", db.Name, err)
		}
	}

	if _, err := a.Pool.Exec(ctx, `INSERT INTO events (uuid, payload, metadata, transaction_id, stream_id, stream_type, stream_version, event_type, recorded_at)
		VALUES ('u-1', '{}', '{}', pg_current_xact_id(), 's-1', 'test', 1, 'Tested.v1', now())`); err != nil {
		t.Fatal(err)
	}
	count := func(db *testdb.DB) int {
		var n int
		if err := db.Pool.QueryRow(ctx, "SELECT count(*) FROM events").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if na, nb := count(a), count(b); na != 1 || nb != 0 {
		t.Fatalf("events: a has %d, b has %d; want 1 and 0", na, nb)
	}
}

func TestDatabaseIsDroppedWhenTheTestEnds(t *testing.T) {
	ctx := context.Background()
	var name string
	t.Run("inner", func(t *testing.T) {
		db := testdb.New(t)
		name = db.Name
		// An open connection does not stop the drop.
		conn, err := db.Pool.Acquire(ctx)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(conn.Release)
	})
	admin := testdb.New(t) // any connection to the server will do
	var exists bool
	if err := admin.Pool.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		t.Fatal(err)
	}
	if exists {
		t.Fatalf("database %s still exists after its test ended", name)
	}
	if testdb.AdminURL() == "" {
		t.Fatal("AdminURL is empty while Main runs")
	}
}

func TestParallelNewCalls(t *testing.T) {
	const n = 8
	var mu sync.Mutex
	names := map[string]bool{}
	t.Run("group", func(t *testing.T) {
		for i := range n {
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				t.Parallel()
				db := testdb.New(t)
				var one int
				if err := db.Pool.QueryRow(context.Background(), "SELECT 1").Scan(&one); err != nil {
					t.Fatal(err)
				}
				mu.Lock()
				defer mu.Unlock()
				if names[db.Name] {
					t.Errorf("database %s handed out twice", db.Name)
				}
				names[db.Name] = true
			})
		}
	})
	if len(names) != n {
		t.Fatalf("%d distinct databases, want %d", len(names), n)
	}
}

func TestNewWithoutMainFailsTheTest(t *testing.T) {
	if os.Getenv(withoutMainEnv) == "1" {
		testdb.New(t) // the child: Main was not called
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestNewWithoutMainFailsTheTest$", "-test.v")
	cmd.Env = append(os.Environ(), withoutMainEnv+"=1")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("New without Main did not fail the test:\n%s", out)
	}
	if !strings.Contains(string(out), "testdb.Main was not called") {
		t.Fatalf("unclear failure:\n%s", out)
	}
}
