package domain

// FundID identifies a Fund; it holds canonical UUID text (lower-case, hyphenated).
type FundID string

// ApplicationID identifies a FundingApplication; it holds canonical UUID text.
type ApplicationID string

// TrancheID identifies a tranche within its funding application.
type TrancheID string

// Stream types of the funding aggregates in the event store.
const (
	FundStreamType        = "fund"                // one stream per Fund
	ApplicationStreamType = "funding_application" // one stream per FundingApplication
)

// FundStreamID is the event stream id of a fund: "fund-" followed by its id.
func FundStreamID(id FundID) string { return "fund-" + string(id) }

// ApplicationStreamID is the event stream id of a funding application: "application-" followed by its id.
func ApplicationStreamID(id ApplicationID) string { return "application-" + string(id) }

// NewFundID mints a time-ordered (UUIDv7) fund id; ids are minted at the edge.
func NewFundID() FundID { return FundID(newUUID()) }

// NewApplicationID mints a time-ordered (UUIDv7) funding application id.
func NewApplicationID() ApplicationID { return ApplicationID(newUUID()) }

// NewTrancheID mints a time-ordered (UUIDv7) tranche id.
func NewTrancheID() TrancheID { return TrancheID(newUUID()) }

// ParseFundID accepts any UUID spelling and returns its canonical form.
func ParseFundID(s string) (FundID, error) {
	v, err := parseUUID("fundId", s)
	return FundID(v), err
}

// ParseApplicationID accepts any UUID spelling and returns its canonical form.
func ParseApplicationID(s string) (ApplicationID, error) {
	v, err := parseUUID("applicationId", s)
	return ApplicationID(v), err
}

// ParseTrancheID accepts any UUID spelling and returns its canonical form.
func ParseTrancheID(s string) (TrancheID, error) {
	v, err := parseUUID("trancheId", s)
	return TrancheID(v), err
}

// String returns the id text.
func (id FundID) String() string { return string(id) }

// String returns the id text.
func (id ApplicationID) String() string { return string(id) }

// String returns the id text.
func (id TrancheID) String() string { return string(id) }
