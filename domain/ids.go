package domain

import (
	"strings"

	"github.com/google/uuid"
)

// ProjectID identifies a Project; it holds canonical UUID text (lower-case, hyphenated).
type ProjectID string

// MilestoneID identifies a milestone within its project.
type MilestoneID string

// IndicatorID identifies an indicator within its project.
type IndicatorID string

// BudgetRevisionID identifies a budget revision within its project.
type BudgetRevisionID string

// Stream types name the kind of aggregate a stream belongs to in the event store.
const (
	ProjectStreamType     = "project"      // one stream per Project
	ProjectCodeStreamType = "project_code" // one tiny stream per claimed project code
)

// ProjectStreamID is the event stream id of a project: "project-" followed by its id.
func ProjectStreamID(id ProjectID) string { return "project-" + string(id) }

// ProjectCodeStreamID is the stream that claims a project code, so that a second project
// proposing the same code fails on the store's unique (stream, version) constraint.
func ProjectCodeStreamID(code ProjectCode) string { return "project-code-" + string(code) }

// NewProjectID mints a time-ordered (UUIDv7) project id; ids are minted at the edge.
func NewProjectID() ProjectID { return ProjectID(newUUID()) }

// NewMilestoneID mints a time-ordered (UUIDv7) milestone id.
func NewMilestoneID() MilestoneID { return MilestoneID(newUUID()) }

// NewIndicatorID mints a time-ordered (UUIDv7) indicator id.
func NewIndicatorID() IndicatorID { return IndicatorID(newUUID()) }

// NewBudgetRevisionID mints a time-ordered (UUIDv7) budget revision id.
func NewBudgetRevisionID() BudgetRevisionID { return BudgetRevisionID(newUUID()) }

// ParseProjectID accepts any UUID spelling and returns its canonical form.
func ParseProjectID(s string) (ProjectID, error) {
	v, err := parseUUID("projectId", s)
	return ProjectID(v), err
}

// ParseMilestoneID accepts any UUID spelling and returns its canonical form.
func ParseMilestoneID(s string) (MilestoneID, error) {
	v, err := parseUUID("milestoneId", s)
	return MilestoneID(v), err
}

// ParseIndicatorID accepts any UUID spelling and returns its canonical form.
func ParseIndicatorID(s string) (IndicatorID, error) {
	v, err := parseUUID("indicatorId", s)
	return IndicatorID(v), err
}

// ParseBudgetRevisionID accepts any UUID spelling and returns its canonical form.
func ParseBudgetRevisionID(s string) (BudgetRevisionID, error) {
	v, err := parseUUID("revisionId", s)
	return BudgetRevisionID(v), err
}

// String returns the id text.
func (id ProjectID) String() string { return string(id) }

// String returns the id text.
func (id MilestoneID) String() string { return string(id) }

// String returns the id text.
func (id IndicatorID) String() string { return string(id) }

// String returns the id text.
func (id BudgetRevisionID) String() string { return string(id) }

func newUUID() string {
	// NewV7 fails only when the system's random source does; nothing sensible can go on then.
	return uuid.Must(uuid.NewV7()).String()
}

func parseUUID(field, s string) (string, error) {
	u, err := uuid.Parse(strings.TrimSpace(s))
	if err != nil {
		return "", invalid(field, "%q is not a UUID", s)
	}
	if u == uuid.Nil {
		return "", invalid(field, "the nil UUID is not an id")
	}
	return u.String(), nil
}

// checkID refuses an id that is not canonical UUID text, so that the same id never appears in
// two spellings in stored events.
func checkID(field, s string) error {
	v, err := parseUUID(field, s)
	if err != nil {
		return err
	}
	if v != s {
		return invalid(field, "%q is not in canonical form (want %s)", s, v)
	}
	return nil
}
