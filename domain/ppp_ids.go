package domain

// PPPArrangementID identifies a PPPArrangement; it holds canonical UUID text (lower-case, hyphenated).
type PPPArrangementID string

// PPPPaymentID identifies a scheduled government payment within its PPP arrangement.
type PPPPaymentID string

// Stream types of the PPP aggregates in the event store.
const (
	PPPArrangementStreamType = "ppp_arrangement" // one stream per PPPArrangement
	PPPLedgerStreamType      = "ppp_ledger"      // one stream per region: its fiscal affordability ledger
)

// PPPArrangementStreamID is the event stream id of a PPP arrangement: "ppp-" followed by its id.
func PPPArrangementStreamID(id PPPArrangementID) string { return "ppp-" + string(id) }

// PPPLedgerStreamID is the event stream id of a region's fiscal affordability ledger:
// "ppp-ledger-" followed by the region code. A UUID never starts with "ledger-", so the two kinds
// of "ppp-" stream cannot collide.
func PPPLedgerStreamID(region RegionCode) string { return "ppp-ledger-" + string(region) }

// NewPPPArrangementID mints a time-ordered (UUIDv7) PPP arrangement id; ids are minted at the edge.
func NewPPPArrangementID() PPPArrangementID { return PPPArrangementID(newUUID()) }

// NewPPPPaymentID mints a time-ordered (UUIDv7) scheduled payment id.
func NewPPPPaymentID() PPPPaymentID { return PPPPaymentID(newUUID()) }

// ParsePPPArrangementID accepts any UUID spelling and returns its canonical form.
func ParsePPPArrangementID(s string) (PPPArrangementID, error) {
	v, err := parseUUID("arrangementId", s)
	return PPPArrangementID(v), err
}

// ParsePPPPaymentID accepts any UUID spelling and returns its canonical form.
func ParsePPPPaymentID(s string) (PPPPaymentID, error) {
	v, err := parseUUID("paymentId", s)
	return PPPPaymentID(v), err
}

// String returns the id text.
func (id PPPArrangementID) String() string { return string(id) }

// String returns the id text.
func (id PPPPaymentID) String() string { return string(id) }
