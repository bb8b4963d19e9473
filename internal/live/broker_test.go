package live_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
	"github.com/smartcity/portfolio/internal/live"
	"github.com/smartcity/portfolio/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// claim records one event (a code claim: a stream the broker passes on without a project).
func claim(t *testing.T, store *eventstore.Store, i int) {
	t.Helper()
	code := domain.ProjectCode(fmt.Sprintf("LIVE-%03d", i))
	_, err := store.Append(context.Background(), eventstore.Command{Name: "Claim", Actor: domain.Actor{UserID: "t", Role: domain.RoleAdmin}},
		nil, eventstore.Append{StreamID: domain.ProjectCodeStreamID(code), StreamType: domain.ProjectCodeStreamType,
			Events: []domain.Event{&domain.ProjectCodeClaimed{Code: code, ProjectID: "p"}}})
	if err != nil {
		t.Fatal(err)
	}
}

// TestASlowSubscriberIsDroppedWithoutHoldingUpTheOthers: with a buffer of 2, a subscriber that
// reads nothing is dropped with ErrTooSlow at the third event, while one that reads gets every
// event in order; events recorded before a subscription are not delivered to it; closing the
// broker ends the remaining subscriptions with ErrClosed.
func TestASlowSubscriberIsDroppedWithoutHoldingUpTheOthers(t *testing.T) {
	db := testdb.New(t)
	sig := eventstore.NewSignal()
	store := eventstore.New(db.Pool, nil, eventstore.WithCommitSignal(sig))
	claim(t, store, 0) // before the broker: never delivered
	b, err := live.Start(context.Background(), db.Pool, sig, nil, live.Config{Buffer: 2, PollInterval: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	all := func(live.Notice) bool { return true }
	slow, _ := b.Subscribe(context.Background(), all)
	fast, _ := b.Subscribe(context.Background(), all)
	if b.Subscribers() != 2 {
		t.Fatalf("%d subscribers", b.Subscribers())
	}
	for i := 1; i <= 5; i++ {
		claim(t, store, i)
		n := <-fast.C // the commit signal wakes the broker; the poll interval is an hour
		if want := domain.ProjectCodeStreamID(domain.ProjectCode(fmt.Sprintf("LIVE-%03d", i))); n.Event.StreamID != want {
			t.Fatalf("event %d: got %s, want %s", i, n.Event.StreamID, want)
		}
	}
	// The slow one got two events into its buffer, then was dropped at the third.
	got := 0
	for range slow.C {
		got++
	}
	if got != 2 || !errors.Is(slow.Err(), live.ErrTooSlow) {
		t.Errorf("slow subscriber: %d events, err %v; want 2 and ErrTooSlow", got, slow.Err())
	}
	if b.Subscribers() != 1 {
		t.Errorf("%d subscribers after the drop, want 1", b.Subscribers())
	}
	b.Close()
	if _, open := <-fast.C; open || !errors.Is(fast.Err(), live.ErrClosed) {
		t.Errorf("after Close: open %v, err %v", open, fast.Err())
	}
	if _, err := b.Subscribe(context.Background(), all); !errors.Is(err, live.ErrClosed) {
		t.Errorf("subscribe after Close: %v", err)
	}
	fast.Close() // harmless after the broker ended it
}
