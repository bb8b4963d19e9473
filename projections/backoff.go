package projections

import (
	"strings"
	"sync"
	"time"

	"github.com/ThreeDotsLabs/watermill"

	"github.com/smartcity/portfolio/internal/eventstore"
)

// wakeBackoff is the subscribers' BackoffManager. When a poll finds nothing it waits for the
// store's commit signal or the poll interval, whichever comes first, instead of sleeping a fixed
// time: events written through this process are projected within milliseconds, while events
// written by other processes are still found by polling.
type wakeBackoff struct {
	signal *eventstore.Signal
	poll   time.Duration
	retry  time.Duration

	mu   sync.Mutex
	next <-chan struct{} // taken before the poll that just ran, so a commit during it is not missed
}

func newWakeBackoff(signal *eventstore.Signal, poll, retry time.Duration) *wakeBackoff {
	return &wakeBackoff{signal: signal, poll: poll, retry: retry, next: signal.C()}
}

// HandleError implements watermill-sql's BackoffManager.
func (b *wakeBackoff) HandleError(logger watermill.LoggerAdapter, noMsg bool, err error) time.Duration {
	b.mu.Lock()
	wait := b.next
	b.next = b.signal.C()
	b.mu.Unlock()
	if err != nil {
		msg := strings.ToLower(err.Error())
		if strings.Contains(msg, "deadlock") || strings.Contains(msg, "could not serialize") || strings.Contains(msg, "concurrent update") {
			return 0
		}
		if strings.Contains(msg, "context canceled") {
			return b.retry
		}
		logger.Error("projection subscriber query failed", err, watermill.LogFields{"retry_in": b.retry})
		return b.retry
	}
	if !noMsg {
		return 0
	}
	timer := time.NewTimer(b.poll)
	defer timer.Stop()
	select {
	case <-wait:
	case <-timer.C:
	}
	return 0
}
