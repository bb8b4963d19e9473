package domain

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel kinds every domain error wraps, so that the API edge can map them to one error code
// with errors.Is and never by comparing strings.
var (
	ErrInvalid   = errors.New("invalid input")     // a value or a request that can never succeed as given
	ErrState     = errors.New("invalid state")     // an action the aggregate's current state does not allow
	ErrForbidden = errors.New("forbidden")         // the actor may not do this
	ErrNotFound  = errors.New("not found")         // the aggregate does not exist
	ErrConflict  = errors.New("concurrent change") // someone else changed the aggregate first
)

// ValidationError names the field that was wrong and why.
type ValidationError struct {
	Field  string
	Reason string
}

func (e *ValidationError) Error() string { return fmt.Sprintf("%s: %s", e.Field, e.Reason) }

// Unwrap makes errors.Is(err, ErrInvalid) hold.
func (e *ValidationError) Unwrap() error { return ErrInvalid }

// invalid builds a ValidationError with a formatted reason.
func invalid(field, format string, args ...any) error {
	return &ValidationError{Field: field, Reason: fmt.Sprintf(format, args...)}
}

// StateError says which action the current state refused and which states would allow it.
type StateError struct {
	Entity  string
	Action  string
	State   string
	Allowed []string
}

func (e *StateError) Error() string {
	msg := fmt.Sprintf("cannot %s: %s is %s", e.Action, e.Entity, e.State)
	if len(e.Allowed) > 0 {
		msg += " (allowed only when " + strings.Join(e.Allowed, ", ") + ")"
	}
	return msg
}

// Unwrap makes errors.Is(err, ErrState) hold.
func (e *StateError) Unwrap() error { return ErrState }

// ForbiddenError says who tried what and why they may not.
type ForbiddenError struct {
	Actor  Actor
	Action string
	Reason string
}

func (e *ForbiddenError) Error() string {
	return fmt.Sprintf("%s may not %s: %s", e.Actor, e.Action, e.Reason)
}

// Unwrap makes errors.Is(err, ErrForbidden) hold.
func (e *ForbiddenError) Unwrap() error { return ErrForbidden }

// NotFoundError names what was looked for.
type NotFoundError struct {
	Entity string
	ID     string
}

func (e *NotFoundError) Error() string { return fmt.Sprintf("%s %s not found", e.Entity, e.ID) }

// Unwrap makes errors.Is(err, ErrNotFound) hold.
func (e *NotFoundError) Unwrap() error { return ErrNotFound }
