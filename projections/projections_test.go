package projections_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/app"
	"github.com/smartcity/portfolio/internal/eventstore"
	"github.com/smartcity/portfolio/projections"
)

func TestLiveReadModelsShowTheHistoryAndEqualARebuildRowForRow(t *testing.T) {
	e := newEnv(t, true)
	last := workload(t, e.svc, 10, "live")
	waitFor(t, e.runner, last)
	live := snapshot(t, e.db.Pool)

	// The live read models hold what the commands did, not just something.
	var projects, underReview, milestones, achieved int
	var spent int64
	var latest string
	err := e.db.Pool.QueryRow(context.Background(), `SELECT
		(SELECT count(*) FROM project_view),
		(SELECT count(*) FROM project_view WHERE status = 'UNDER_REVIEW'),
		(SELECT count(*) FROM milestone_view),
		(SELECT count(*) FROM milestone_view WHERE achieved_date = '2024-07-02'),
		(SELECT sum(spent) FROM project_view),
		(SELECT min(latest_value)::text FROM indicator_view)`).Scan(&projects, &underReview, &milestones, &achieved, &spent, &latest)
	if err != nil {
		t.Fatal(err)
	}
	// 10 projects, every fifth stays under review; 8 have two milestones, one achieved each.
	if projects != 10 || underReview != 2 || milestones != 16 || achieved != 8 || latest != "612000.5" {
		t.Fatalf("projects %d, under review %d, milestones %d, achieved %d, latest %s", projects, underReview, milestones, achieved, latest)
	}
	wantSpent := int64(0)
	for i := 0; i < 10; i++ {
		if i%5 != 4 {
			wantSpent += 12_345_67 + int64(i)
		}
	}
	if spent != wantSpent {
		t.Fatalf("spent %d fen, want %d", spent, wantSpent)
	}

	if err := e.runner.Close(); err != nil {
		t.Fatal(err)
	}
	n, err := e.runner.RebuildAll(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("rebuild read no events")
	}
	requireEqualSnapshots(t, "rebuild vs live", snapshot(t, e.db.Pool), live)
}

func TestARedeliveredEventIsNotAppliedTwice(t *testing.T) {
	e := newEnv(t, true)
	waitFor(t, e.runner, workload(t, e.svc, 3, "redeliver"))
	before := snapshot(t, e.db.Pool)
	if err := e.runner.Close(); err != nil {
		t.Fatal(err)
	}
	// Rewind every consumer group to the start: all events arrive again.
	if _, err := e.db.Pool.Exec(context.Background(), `UPDATE events_offsets SET offset_acked = 0, last_processed_transaction_id = '0'`); err != nil {
		t.Fatal(err)
	}
	runner := projections.NewRunner(e.db.Pool, nil, nil, projections.Config{PollInterval: 10 * time.Millisecond}, projections.All()...)
	if err := runner.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer runner.Close()
	var last eventstore.Position
	if err := e.db.Pool.QueryRow(context.Background(), `SELECT transaction_id::text::bigint, "offset" FROM events ORDER BY events.transaction_id DESC, events."offset" DESC LIMIT 1`).Scan(&last.TxID, &last.Offset); err != nil {
		t.Fatal(err)
	}
	waitFor(t, runner, last)
	requireEqualSnapshots(t, "after redelivery", snapshot(t, e.db.Pool), before)
}

func TestAnEventCommittedLateByASlowTransactionIsStillProjected(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, true)
	slow, err := e.db.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Rollback(ctx)
	// The slow transaction takes its id first ...
	if _, err := slow.Exec(ctx, `SELECT pg_current_xact_id()`); err != nil {
		t.Fatal(err)
	}
	// ... a fast one commits after it ...
	fast := workload(t, e.svc, 1, "fast")
	time.Sleep(200 * time.Millisecond) // ten poll intervals: time enough to (wrongly) run ahead
	var projected int
	if err := e.db.Pool.QueryRow(ctx, `SELECT count(*) FROM project_view`).Scan(&projected); err != nil {
		t.Fatal(err)
	}
	if projected != 0 {
		t.Fatalf("%d projects projected while an older transaction was open: the runner ran ahead of it", projected)
	}
	// ... and the slow one commits a project of its own last.
	id := domain.NewProjectID()
	payload, _ := json.Marshal(&domain.ProjectProposed{ProjectID: id, Code: "SLOW-1", OwnerOrg: owner.OrgID, Name: "慢事务项目",
		Domain: "E_GOVERNMENT", Region: "320300", PlannedInvestment: domain.Yuan(10), Funding: domain.FundingPlan{SelfRaised: domain.Yuan(10)},
		PlannedStart: domain.MustDate("2025-01-01"), PlannedEnd: domain.MustDate("2025-12-31")})
	meta := fmt.Sprintf(`{"stream_id":%q,"stream_type":"project","stream_version":"1","event_type":"ProjectProposed.v1","recorded_at":%q,"actor_user":"zhang","actor_role":"owner","actor_org":%q}`,
		domain.ProjectStreamID(id), time.Now().UTC().Format(time.RFC3339Nano), owner.OrgID)
	if _, err := slow.Exec(ctx, `INSERT INTO events (uuid, payload, metadata, transaction_id, stream_id, stream_type, stream_version, event_type, recorded_at)
		VALUES ($1, $2, $3, pg_current_xact_id(), $4, 'project', 1, 'ProjectProposed.v1', now())`, id, string(payload), meta, domain.ProjectStreamID(id)); err != nil {
		t.Fatal(err)
	}
	if err := slow.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	waitFor(t, e.runner, fast)
	deadline := time.Now().Add(10 * time.Second)
	for {
		var n int
		if err := e.db.Pool.QueryRow(ctx, `SELECT count(*) FROM project_view WHERE id = $1`, id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the late-committed event was never projected: it was skipped")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// The child process: a projector that the test kills with SIGKILL in the middle of its work.
const childEnv = "PORTFOLIO_TEST_CHILD_PROJECTOR_URL"

func runChildProjector() int {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	pool, err := pgxpool.New(ctx, os.Getenv(childEnv))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	// Small batches (the catch-up's too): the child is certainly mid-way when it is killed.
	runner := projections.NewRunner(pool, nil, nil, projections.Config{PollInterval: 5 * time.Millisecond, CatchUpBatchSize: 7}, projections.All()...)
	if err := runner.Start(ctx); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println("projecting")
	<-ctx.Done()
	return 0
}

func TestKillingAProjectingProcessAndRestartingEqualsARebuild(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, false)
	last := workload(t, e.svc, 30, "crash") // written before any projector runs: a backlog

	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), childEnv+"="+e.db.URL)
	child.Stdout, child.Stderr = os.Stdout, os.Stderr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once it has made some progress, but not all.
	deadline := time.Now().Add(30 * time.Second)
	for {
		var progressed int
		if err := e.db.Pool.QueryRow(ctx, `SELECT count(*) FROM projection_streams`).Scan(&progressed); err != nil {
			t.Fatal(err)
		}
		if progressed > 0 {
			break
		}
		if time.Now().After(deadline) {
			_ = child.Process.Kill()
			t.Fatal("child projector made no progress")
		}
		time.Sleep(2 * time.Millisecond)
	}
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = child.Wait()
	caughtUp, err := e.runner.CaughtUp(ctx, last)
	if err != nil {
		t.Fatal(err)
	}
	if caughtUp {
		t.Skip("the child finished the backlog before it was killed; nothing was interrupted")
	}

	// More commands while no projector runs, then a restart in this process.
	last = workload(t, e.svc, 3, "after")
	if err := e.runner.Start(ctx); err != nil {
		t.Fatal(err)
	}
	waitFor(t, e.runner, last)
	restarted := snapshot(t, e.db.Pool)
	if err := e.runner.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := e.runner.RebuildAll(ctx); err != nil {
		t.Fatal(err)
	}
	requireEqualSnapshots(t, "restart vs rebuild", restarted, snapshot(t, e.db.Pool))
	if len(restarted["project_view"]) != 33 {
		t.Fatalf("%d projects after restart, want 33", len(restarted["project_view"]))
	}
}

var _ = app.Ref{}
