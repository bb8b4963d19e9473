package domain

import (
	"regexp"
	"strings"
)

// ProjectCode is a project's human code, e.g. "XZ-2016-017": an upper-case letter or digit followed
// by 1 to 39 upper-case letters, digits or hyphens. It is unique across the portfolio.
type ProjectCode string

var projectCodePattern = regexp.MustCompile(`^[A-Z0-9][A-Z0-9-]{1,39}$`)

// ParseProjectCode accepts a code that matches the pattern; it does not change case, so that the
// code a user typed is the code that is stored.
func ParseProjectCode(s string) (ProjectCode, error) {
	c := strings.TrimSpace(s)
	if c == "" {
		return "", invalid("code", "is required")
	}
	if !projectCodePattern.MatchString(c) {
		return "", invalid("code", "%q must be 2 to 40 upper-case letters, digits or hyphens, not starting with a hyphen", s)
	}
	return ProjectCode(c), nil
}

// String returns the code text.
func (c ProjectCode) String() string { return string(c) }

// ProjectCodeClaimed is the only event of a project code's stream (ProjectCodeStreamID). The caller
// appends it at expected version 0 in the same transaction as ProjectProposed, so a second project
// with the same code fails on the store's unique constraint and neither event is stored.
type ProjectCodeClaimed struct {
	Code      ProjectCode `json:"code"`
	ProjectID ProjectID   `json:"projectId"`
}

// EventType is "ProjectCodeClaimed.v1".
func (*ProjectCodeClaimed) EventType() string { return "ProjectCodeClaimed.v1" }

// ClaimProjectCode builds the claim that goes with a ProjectProposed event.
func ClaimProjectCode(proposed *ProjectProposed) *ProjectCodeClaimed {
	return &ProjectCodeClaimed{Code: proposed.Code, ProjectID: proposed.ProjectID}
}

var _ = registerEvents(func() Event { return &ProjectCodeClaimed{} })
