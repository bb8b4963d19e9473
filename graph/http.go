package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
)

// maxBodyBytes bounds a POST body; a larger one is 413.
const maxBodyBytes = 1 << 20

// CodeBadRequest is the extensions.code of a request that is not a well-formed GraphQL-over-HTTP
// request at all (wrong method or media type, body not a JSON object, no query).
const CodeBadRequest = "BAD_REQUEST"

// overHTTP puts in front of gqlgen's transports what the GraphQL-over-HTTP specification asks and
// they leave open:
//   - only GET and POST (405 with Allow otherwise); POST only as application/json (415);
//   - a request that is not well-formed is 400: a body that is not a JSON object, no `query`
//     string, `variables`/`extensions` that are not objects, a body above 1 MiB (413);
//   - a mutation over GET is 405 Method Not Allowed with Allow: POST (gqlgen says 406);
//   - for application/json responses, a well-formed request whose document fails to parse or
//     validate is 200 with errors (gqlgen says 422); for application/graphql-response+json it
//     stays 400, as the specification asks.
func overHTTP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet:
			if r.URL.Query().Get("query") == "" {
				badRequest(w, http.StatusBadRequest, "a GET request needs a `query` parameter")
				return
			}
		case http.MethodPost:
			mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if err != nil || mt != "application/json" {
				badRequest(w, http.StatusUnsupportedMediaType, "POST requests must be Content-Type: application/json")
				return
			}
			body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				badRequest(w, http.StatusRequestEntityTooLarge, "the request body exceeds 1 MiB")
				return
			}
			if err != nil {
				badRequest(w, http.StatusBadRequest, "the request body could not be read")
				return
			}
			if msg := malformed(body); msg != "" {
				badRequest(w, http.StatusBadRequest, msg)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		default:
			w.Header().Set("Allow", "GET, POST")
			badRequest(w, http.StatusMethodNotAllowed, "use POST (or GET for queries)")
			return
		}
		next.ServeHTTP(&statusWriter{ResponseWriter: w, get: r.Method == http.MethodGet}, r)
	})
}

// malformed says what makes a POST body not a GraphQL-over-HTTP request; "" when it is one.
func malformed(body []byte) string {
	var req map[string]json.RawMessage
	if err := json.Unmarshal(body, &req); err != nil || req == nil {
		return "the request body must be a JSON object"
	}
	var query string
	if err := json.Unmarshal(req["query"], &query); err != nil || query == "" {
		return "the request body needs a `query` string"
	}
	for _, name := range []string{"variables", "extensions"} {
		if raw, ok := req[name]; ok && !isObjectOrNull(raw) {
			return "`" + name + "` must be a JSON object"
		}
	}
	if raw, ok := req["operationName"]; ok {
		var name *string
		if json.Unmarshal(raw, &name) != nil {
			return "`operationName` must be a string"
		}
	}
	return ""
}

func isObjectOrNull(raw json.RawMessage) bool {
	var v map[string]any
	return json.Unmarshal(raw, &v) == nil
}

// statusWriter rewrites the status codes gqlgen's transports choose where the specification
// asks for others (see overHTTP).
type statusWriter struct {
	http.ResponseWriter
	get bool
}

// WriteHeader implements http.ResponseWriter.
func (s *statusWriter) WriteHeader(code int) {
	switch {
	case s.get && code == http.StatusNotAcceptable:
		s.Header().Set("Allow", "POST")
		code = http.StatusMethodNotAllowed
	case code == http.StatusUnprocessableEntity && s.Header().Get("Content-Type") == "application/json":
		code = http.StatusOK
	}
	s.ResponseWriter.WriteHeader(code)
}

// Unwrap gives http.ResponseController the underlying writer.
func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// badRequest writes a GraphQL-shaped error response with a status code.
func badRequest(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": msg, "extensions": map[string]any{"code": CodeBadRequest}}},
	})
}
