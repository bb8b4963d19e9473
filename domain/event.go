package domain

import (
	"encoding/json"
	"fmt"
)

// Event is a fact recorded in an aggregate's stream. Its type name is stable and versioned
// ("ProjectApproved.v1"): a stored name is never renamed; a changed shape gets a new version.
type Event interface {
	EventType() string
}

// eventFactories maps each stored type name to a constructor of its payload struct. Every event
// type of every aggregate must be listed here (a test checks the round trip of each).
var eventFactories = map[string]func() Event{}

// registerEvents adds an aggregate's event constructors; called from package-level var blocks of
// each aggregate file so the table is complete before any code runs.
func registerEvents(fs ...func() Event) bool {
	for _, f := range fs {
		name := f().EventType()
		if _, dup := eventFactories[name]; dup {
			panic("duplicate event type " + name)
		}
		eventFactories[name] = f
	}
	return true
}

// EventTypes lists every registered event type name.
func EventTypes() []string {
	out := make([]string, 0, len(eventFactories))
	for k := range eventFactories {
		out = append(out, k)
	}
	return out
}

// NewEventOfType returns an empty payload struct for a stored type name.
func NewEventOfType(name string) (Event, error) {
	f, ok := eventFactories[name]
	if !ok {
		return nil, fmt.Errorf("unknown event type %q", name)
	}
	return f(), nil
}

// DecodeEvent turns a stored type name and JSON payload back into the event.
func DecodeEvent(name string, payload []byte) (Event, error) {
	e, err := NewEventOfType(name)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(payload, e); err != nil {
		return nil, fmt.Errorf("decode %s: %w", name, err)
	}
	return e, nil
}
