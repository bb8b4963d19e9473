package eventstore

import (
	"context"
	"sync"
	"time"
)

// Signal tells waiters in this process that new events were committed, so projections need not
// wait for their next poll. It is only a hint: readers still poll for writes made by other
// processes.
type Signal struct {
	mu sync.Mutex
	ch chan struct{}
}

// NewSignal returns a signal with no waiters.
func NewSignal() *Signal { return &Signal{ch: make(chan struct{})} }

// C returns a channel that is closed at the next Notify.
func (s *Signal) C() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ch
}

// Notify wakes everyone waiting on a channel from C.
func (s *Signal) Notify() {
	s.mu.Lock()
	defer s.mu.Unlock()
	close(s.ch)
	s.ch = make(chan struct{})
}

// Wait waits until wake is closed, d has passed or ctx ends: woken is true when wake was closed,
// err is ctx's error when ctx ended. A nil wake is never closed.
func Wait(ctx context.Context, wake <-chan struct{}, d time.Duration) (woken bool, err error) {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return false, ctx.Err()
	case <-wake:
		return true, nil
	case <-timer.C:
		return false, nil
	}
}
