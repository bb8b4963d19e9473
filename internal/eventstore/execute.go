package eventstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
)

// Decision is what a command decided: the events to append and its own result for the caller.
type Decision struct {
	Appends []Append
	Data    any
}

// Decide loads what a command needs, runs the domain and returns its Decision. It may be called
// more than once: when a concurrent writer wins the race, it runs again on the newer state.
type Decide func(ctx context.Context) (Decision, error)

// maxAttempts bounds the retries of a command that keeps losing races: past it the caller gets
// the conflict.
const maxAttempts = 5

// Execute runs a command: it answers a retried idempotency key with the first result, else calls
// decide and appends its events atomically. A conflict with a concurrent writer re-runs decide on
// the fresh state (the domain checks its rules again), unless decide itself reports a conflict
// (e.g. the client's own expected version was stale), which is returned as is.
func (s *Store) Execute(ctx context.Context, cmd Command, decide Decide) (Result, error) {
	if prev, found, err := s.LookupCommand(ctx, cmd); err != nil || found {
		return prev, err
	}
	var lastErr error
	for attempt := 0; attempt < maxAttempts; attempt++ {
		d, err := decide(ctx)
		if err != nil {
			return Result{}, err
		}
		res, err := s.Append(ctx, cmd, d.Data, d.Appends...)
		var conflict *ConflictError
		if errors.As(err, &conflict) {
			lastErr = err
			continue
		}
		return res, err
	}
	return Result{}, fmt.Errorf("%s lost %d races in a row: %w", cmd.Name, maxAttempts, lastErr)
}

// RequestHash is a digest of a request's input, stored with its idempotency key so that the same
// key sent with different input is refused rather than answered with an unrelated result.
func RequestHash(input any) string {
	b, err := json.Marshal(input)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
