package eventstore

import "sync"

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
