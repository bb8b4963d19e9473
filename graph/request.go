package graph

import (
	"context"
	"net/http"
	"strings"
	"unicode"

	"github.com/google/uuid"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/graph/readmodel"
	"github.com/smartcity/portfolio/internal/app"
)

// RequestIDHeader carries the correlation id of a request: taken from the client when it sends
// one, minted otherwise, echoed in the response and stored with every event the request causes.
const RequestIDHeader = "X-Request-ID"

// maxRequestIDLen bounds a client's request id; a longer or unprintable one is replaced.
const maxRequestIDLen = 128

// requestState is what one HTTP request's resolvers share: its correlation id, the calendar
// "today" it is answered for (one value for the whole response) and its dataloaders.
type requestState struct {
	correlationID string
	today         domain.Date
	loaders       *loaders
}

type requestKey struct{}

// withRequestState is the middleware that gives every request its state.
func withRequestState(svc *app.Service, rm *readmodel.Store, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(RequestIDHeader)
		if !validRequestID(id) {
			id = uuid.Must(uuid.NewV7()).String()
		}
		w.Header().Set(RequestIDHeader, id)
		today := svc.Today()
		st := &requestState{correlationID: id, today: today, loaders: newLoaders(rm, svc, today)}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestKey{}, st)))
	})
}

// validRequestID accepts a short id of printable ASCII without spaces.
func validRequestID(id string) bool {
	if id == "" || len(id) > maxRequestIDLen {
		return false
	}
	return strings.IndexFunc(id, func(r rune) bool { return r > unicode.MaxASCII || !unicode.IsGraphic(r) || r == ' ' }) < 0
}

// stateFrom returns the request's state. Outside a request (which the handler never lets happen)
// it returns a fresh state so that callers need no nil checks.
func (r *rootResolver) stateFrom(ctx context.Context) *requestState {
	if st, ok := ctx.Value(requestKey{}).(*requestState); ok {
		return st
	}
	today := r.svc.Today()
	return &requestState{correlationID: uuid.Must(uuid.NewV7()).String(), today: today, loaders: newLoaders(r.rm, r.svc, today)}
}
