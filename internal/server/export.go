package server

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/auth"
	"github.com/smartcity/portfolio/internal/oc4ids"
)

// The open-data downloads: a project, and a filtered portfolio as a package, in OC4IDS.
const (
	ExportProjectPath   = "/export/oc4ids/projects/{id}"
	ExportPortfolioPath = "/export/oc4ids/portfolio"
)

// exportHandler serves the OC4IDS downloads. It needs the request's actor (the auth
// middleware runs before it): no or a bad token is 401, an owner asking for another
// organisation's project 403, an unknown project 404, a bad parameter 400; errors come as
// {"errors":[{"message", "extensions":{"code"}}]} with the codes the GraphQL API uses.
func exportHandler(x *oc4ids.Exporter, log *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+ExportProjectPath, func(w http.ResponseWriter, r *http.Request) {
		actor, err := auth.ActorFrom(r.Context())
		if err != nil {
			exportError(w, r, log, err)
			return
		}
		id, err := domain.ParseProjectID(r.PathValue("id"))
		if err != nil {
			exportError(w, r, log, err)
			return
		}
		q := r.URL.Query()
		for key := range q {
			if key != "asOf" {
				exportError(w, r, log, &domain.ValidationError{Field: key, Reason: "unknown parameter (known: asOf)"})
				return
			}
		}
		asOf, err := oc4ids.ParseAsOf(q.Get("asOf"))
		if err != nil {
			exportError(w, r, log, err)
			return
		}
		body, err := x.ProjectJSON(r.Context(), actor, id, asOf)
		if err != nil {
			exportError(w, r, log, err)
			return
		}
		name := "oc4ids-project-" + string(id)
		if asOf != nil {
			name += "-" + asOf.String()
		}
		downloadHeaders(w, name)
		_, _ = w.Write(body)
	})
	mux.HandleFunc("GET "+ExportPortfolioPath, func(w http.ResponseWriter, r *http.Request) {
		actor, err := auth.ActorFrom(r.Context())
		if err != nil {
			exportError(w, r, log, err)
			return
		}
		f, err := oc4ids.ParseFilter(r.URL.Query())
		if err != nil {
			exportError(w, r, log, err)
			return
		}
		f.URI = requestURL(r)
		name := "oc4ids-portfolio"
		if f.AsOf != nil {
			name += "-" + f.AsOf.String()
		}
		out := &startedWriter{w: w, start: func() { downloadHeaders(w, name) }}
		if err := x.WritePortfolio(r.Context(), out, actor, f); err != nil {
			if !out.started {
				exportError(w, r, log, err)
				return
			}
			// The status line is gone: cut the response short so the client sees a broken
			// download instead of a package that looks complete.
			log.ErrorContext(r.Context(), "portfolio export failed while streaming", "err", err)
			panic(http.ErrAbortHandler)
		}
	})
	return mux
}

// downloadHeaders marks a JSON download named name.json.
func downloadHeaders(w http.ResponseWriter, name string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.json"`)
	w.Header().Set("Cache-Control", "no-store")
}

// startedWriter sets the download's headers before the first byte and remembers that it wrote.
type startedWriter struct {
	w       http.ResponseWriter
	start   func()
	started bool
}

func (s *startedWriter) Write(b []byte) (int, error) {
	if !s.started {
		s.started = true
		s.start()
	}
	return s.w.Write(b)
}

// requestURL is the absolute URL the request was made to, the package's uri.
func requestURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + r.URL.RequestURI()
}

// exportError answers with the status and code of err; anything unexpected is a 500 whose
// details stay in the log.
func exportError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	status, code, msg := http.StatusInternalServerError, "INTERNAL", "internal error"
	switch {
	case errors.Is(err, auth.ErrUnauthenticated):
		status, code, msg = http.StatusUnauthorized, "UNAUTHENTICATED", err.Error()
		w.Header().Set("WWW-Authenticate", `Bearer realm="portfolio"`)
	case errors.Is(err, domain.ErrForbidden):
		status, code, msg = http.StatusForbidden, "FORBIDDEN", err.Error()
	case errors.Is(err, domain.ErrNotFound):
		status, code, msg = http.StatusNotFound, "NOT_FOUND", err.Error()
	case errors.Is(err, domain.ErrInvalid):
		status, code, msg = http.StatusBadRequest, "BAD_USER_INPUT", err.Error()
	default:
		log.ErrorContext(r.Context(), "export failed", "path", r.URL.Path, "err", err)
	}
	w.Header().Del("Content-Disposition")
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": strings.TrimSpace(msg), "extensions": map[string]any{"code": code}}},
	})
}
