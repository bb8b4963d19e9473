package readmodel

import (
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/smartcity/portfolio/domain"
)

// MaxPageSize is the largest page a connection returns; asking for more is the caller's mistake
// rather than something to trim silently.
const MaxPageSize = 100

// PageInfo is Relay's paging information.
type PageInfo struct {
	HasNextPage     bool
	HasPreviousPage bool
	StartCursor     *string
	EndCursor       *string
}

// PageSize checks a connection's `first` argument: nil means def, 0..MaxPageSize is accepted.
func PageSize(first *int, def int) (int, error) {
	if first == nil {
		return def, nil
	}
	if *first < 0 || *first > MaxPageSize {
		return 0, &domain.ValidationError{Field: "first", Reason: fmt.Sprintf("%d is outside 0..%d", *first, MaxPageSize)}
	}
	return *first, nil
}

// Cursors are opaque to clients: base64url of "<kind>:<key>", so that a cursor of one connection
// is refused by another instead of being misread.
func encodeCursor(kind, key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(kind + ":" + key))
}

// decodeCursor returns the key of a cursor of the given kind; "" for no cursor.
func decodeCursor(kind string, cursor *string) (string, error) {
	if cursor == nil || *cursor == "" {
		return "", nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(*cursor)
	key, ok := strings.CutPrefix(string(raw), kind+":")
	if err != nil || !ok || key == "" {
		return "", &domain.ValidationError{Field: "after", Reason: fmt.Sprintf("%q is not a cursor of this list", *cursor)}
	}
	return key, nil
}

// pageInfo fills PageInfo from the cursors of a page.
func pageInfo(cursors []string, hasNext, hasPrevious bool) *PageInfo {
	pi := &PageInfo{HasNextPage: hasNext, HasPreviousPage: hasPrevious}
	if n := len(cursors); n > 0 {
		pi.StartCursor, pi.EndCursor = &cursors[0], &cursors[n-1]
	}
	return pi
}
