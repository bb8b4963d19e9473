package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/server"
	"github.com/smartcity/portfolio/internal/testdb"
)

// The end-to-end tests build the whole product (database, event store, projections, service,
// token authority, GraphQL handler) the way the binary does and talk to it over HTTP.

func TestMain(m *testing.M) { testdb.Main(m) }

const tokenSecret = "e2e-test-secret-of-at-least-32-bytes!!"

// The people of the tests.
var (
	ownerXZ  = domain.Actor{UserID: "li.wei", Role: domain.RoleOwner, OrgID: "xz-bigdata"}          // 徐州市大数据局
	ownerHA  = domain.Actor{UserID: "zhao.min", Role: domain.RoleOwner, OrgID: "ha-transport"}      // 淮安市交通局
	office   = domain.Actor{UserID: "wang.fang", Role: domain.RoleOffice, OrgID: "js-smart-office"} // 智慧办
	expert1  = domain.Actor{UserID: "chen.jie", Role: domain.RoleExpert, OrgID: "nju"}
	expert2  = domain.Actor{UserID: "sun.li", Role: domain.RoleExpert, OrgID: "seu"}
	leader   = domain.Actor{UserID: "governor", Role: domain.RoleLeadership}
	financer = domain.Actor{UserID: "qian.hua", Role: domain.RoleFinance, OrgID: "js-finance"}
)

// env is one running product on its own database.
type env struct {
	t   *testing.T
	db  *testdb.DB
	srv *server.Server
	url string
	log *syncBuffer // what the server logged
}

func newEnv(t *testing.T) *env {
	t.Helper()
	return newEnvWith(t, server.Config{})
}

// newEnvWith is newEnv with settings of cfg (its clock); the database, secret, polling and
// logger are the test's.
func newEnvWith(t *testing.T, cfg server.Config) *env {
	t.Helper()
	db := testdb.New(t)
	logs := &syncBuffer{}
	cfg.DatabaseURL, cfg.TokenSecret, cfg.PollInterval = db.URL, tokenSecret, 20*time.Millisecond
	cfg.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelError}))
	srv, err := server.Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("open server: %v", err)
	}
	t.Cleanup(srv.Close)
	hs := httptest.NewServer(srv.Handler)
	t.Cleanup(hs.Close)
	return &env{t: t, db: db, srv: srv, url: hs.URL, log: logs}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// token issues a bearer token for the actor, valid for an hour.
func (e *env) token(a domain.Actor) string {
	e.t.Helper()
	tok, err := e.srv.Authority.Issue(a, time.Hour)
	if err != nil {
		e.t.Fatalf("issue token: %v", err)
	}
	return tok
}

// gqlError is one error of a response.
type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// response is a decoded GraphQL response with its HTTP status and headers.
type response struct {
	Status int
	Header http.Header
	Body   string
	Data   map[string]any `json:"data"`
	Errors []gqlError     `json:"errors"`
}

// post sends a GraphQL request as the actor (nil: no token) with optional extra headers.
func (e *env) post(as *domain.Actor, query string, vars map[string]any, headers ...string) response {
	e.t.Helper()
	if as != nil {
		headers = append(headers, "Authorization", "Bearer "+e.token(*as))
	}
	return e.postRaw(query, vars, headers...)
}

// postRaw sends a GraphQL request with exactly the given headers (no token unless one is given).
func (e *env) postRaw(query string, vars map[string]any, headers ...string) response {
	e.t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		e.t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, e.url+"/graphql", bytes.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i+1] != "" {
			req.Header.Set(headers[i], headers[i+1])
		}
	}
	return e.send(req)
}

// send performs a request and decodes its GraphQL response.
func (e *env) send(req *http.Request) response {
	e.t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	out := response{Status: res.StatusCode, Header: res.Header, Body: string(raw)}
	if strings.Contains(res.Header.Get("Content-Type"), "json") {
		if err := json.Unmarshal(raw, &out); err != nil {
			e.t.Fatalf("decode response %q: %v", raw, err)
		}
	}
	return out
}

// ok runs an operation that must succeed and returns its data.
func (e *env) ok(as domain.Actor, query string, vars map[string]any) map[string]any {
	e.t.Helper()
	res := e.post(&as, query, vars)
	if res.Status != http.StatusOK || len(res.Errors) > 0 {
		e.t.Fatalf("operation failed (HTTP %d): %s", res.Status, res.Body)
	}
	return res.Data
}

// fails runs an operation that must fail with the code and returns the error.
func (e *env) fails(as *domain.Actor, code, query string, vars map[string]any) gqlError {
	e.t.Helper()
	res := e.post(as, query, vars)
	if len(res.Errors) == 0 {
		e.t.Fatalf("want a %s error, got success: %s", code, res.Body)
	}
	if got := res.Errors[0].Extensions["code"]; got != code {
		e.t.Fatalf("want error code %s, got %v: %s", code, got, res.Body)
	}
	return res.Errors[0]
}

// get walks decoded JSON along a dotted path; numeric parts index lists; "" is v itself.
func get(v any, path string) any {
	if path == "" {
		return v
	}
	for _, part := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[part]
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// str is get for strings ("" when absent or null).
func str(v any, path string) string {
	s, _ := get(v, path).(string)
	return s
}

// num is get for numbers (-1 when absent or null).
func num(v any, path string) int {
	f, ok := get(v, path).(float64)
	if !ok {
		return -1
	}
	return int(f)
}

// list is get for lists.
func list(v any, path string) []any {
	l, _ := get(v, path).([]any)
	return l
}

// want compares a value at a path with what it must be, as JSON.
func want(t *testing.T, v any, path string, expected any) {
	t.Helper()
	got := get(v, path)
	gb, _ := json.Marshal(got)
	wb, _ := json.Marshal(expected)
	if string(gb) != string(wb) {
		t.Errorf("%s = %s, want %s", path, gb, wb)
	}
}

// vars builds a variables map from key, value pairs.
func vars(kv ...any) map[string]any {
	m := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return m
}
