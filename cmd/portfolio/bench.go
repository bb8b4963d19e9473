package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/google/uuid"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/auth"
	"github.com/smartcity/portfolio/internal/server"
)

// `portfolio bench` measures the GraphQL API end to end over HTTP: mutations per second, the
// city-level portfolio summary and an as-of summary (requests per second, p50 and p99 latency at
// each number of concurrent clients), and the server's peak resident memory. It runs against a
// server at --url with tokens it mints from the token secret, or starts one in-process (--serve).
// The mutations write real projects (proposed and submitted by a benchmark owner), so they run
// after the summaries.

// cityQuery is the city-level summary the benchmark asks for (issue 6's figure).
const cityQuery = `query($region: ID, $asOf: Date) { portfolioSummary(groupBy: [COUNTY], filter: {region: $region}, asOf: $asOf) {
	position { transactionId }
	totals { projects approvedBudget disbursed earnedValue { spi cpi } rating { red amber green } }
	groups { keys { value } projects spent } } }`

const (
	proposeMutation = `mutation($input: ProposeProjectInput!) { proposeProject(input: $input) { project { id } } }`
	submitMutation  = `mutation($input: SubmitProjectForReviewInput!) { submitProjectForReview(input: $input) { project { status } } }`
)

// benchOptions are the flags of `portfolio bench`.
type benchOptions struct {
	url       string
	serve     bool
	serverPID int
	clients   []int
	writers   int
	duration  time.Duration
	region    string
	asOf      string
	mutations bool
}

func parseBenchFlags(args []string) (benchOptions, error) {
	var o benchOptions
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.StringVar(&o.url, "url", "http://127.0.0.1:8080/graphql", "GraphQL endpoint of a running server (ignored with --serve)")
	fs.BoolVar(&o.serve, "serve", false, "start the server in-process on DATABASE_URL or the local cluster, like serve")
	fs.IntVar(&o.serverPID, "server-pid", 0, "process id of the server at --url, to read its peak RSS")
	clients := fs.String("clients", "4,16", "concurrent clients of the summary runs, comma-separated")
	fs.IntVar(&o.writers, "writers", 4, "concurrent owner clients of the mutation run")
	fs.DurationVar(&o.duration, "duration", 20*time.Second, "how long each run lasts")
	fs.StringVar(&o.region, "region", "320300", "the city the summary is filtered on")
	fs.StringVar(&o.asOf, "as-of", "", "the day of the as-of summary, YYYY-MM-DD (default today in China)")
	fs.BoolVar(&o.mutations, "mutations", true, "measure mutations (they write projects)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if err := noArgs("bench", fs.Args()); err != nil {
		return o, err
	}
	for _, s := range strings.Split(*clients, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 || n > 1024 {
			return o, fmt.Errorf("--clients %q: each must be a number from 1 to 1024", *clients)
		}
		o.clients = append(o.clients, n)
	}
	if o.writers < 1 || o.writers > 1024 {
		return o, fmt.Errorf("--writers %d: must be from 1 to 1024", o.writers)
	}
	if o.duration <= 0 {
		return o, fmt.Errorf("--duration must be positive")
	}
	if _, err := domain.ParseRegion(o.region); err != nil {
		return o, fmt.Errorf("--region: %w", err)
	}
	if o.asOf == "" {
		o.asOf = domain.DateInChina(time.Now()).String()
	} else if _, err := domain.ParseDate(o.asOf); err != nil {
		return o, fmt.Errorf("--as-of: %w", err)
	}
	return o, nil
}

func cmdBench(ctx context.Context, cfg config, args []string, log *slog.Logger, stdout io.Writer) error {
	o, err := parseBenchFlags(args)
	if err != nil {
		return err
	}
	secret, err := cfg.secret()
	if err != nil {
		return err
	}
	authority, err := auth.NewAuthority(secret)
	if err != nil {
		return err
	}
	pid := o.serverPID
	if o.serve {
		url, stop, err := serveForBench(ctx, cfg, secret, log)
		if err != nil {
			return err
		}
		defer stop()
		o.url, pid = url, os.Getpid()
	}
	leader, err := authority.Issue(domain.Actor{UserID: "bench-leader", Role: domain.RoleLeadership}, 24*time.Hour)
	if err != nil {
		return err
	}
	owner, err := authority.Issue(domain.Actor{UserID: "bench-owner", Role: domain.RoleOwner, OrgID: "bench-owner-org"}, 24*time.Hour)
	if err != nil {
		return err
	}
	c := &benchClient{url: o.url, http: &http.Client{Timeout: time.Minute, Transport: &http.Transport{
		MaxIdleConnsPerHost: max(slices.Max(o.clients), o.writers) + 1}}}

	summary := func(token string) func(int, int) error {
		return func(int, int) error { return c.do(ctx, token, cityQuery, map[string]any{"region": o.region}) }
	}
	asOf := func(int, int) error {
		return c.do(ctx, leader, cityQuery, map[string]any{"region": o.region, "asOf": o.asOf})
	}
	// One of each first, so that a wrong URL, token or region fails at once.
	if err := summary(leader)(0, 0); err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	if err := asOf(0, 0); err != nil {
		return fmt.Errorf("as-of summary: %w", err)
	}

	var results []benchResult
	for _, n := range o.clients {
		results = append(results, measure(ctx, "summary, city "+o.region+" by county", n, o.duration, summary(leader)))
	}
	for _, n := range o.clients {
		results = append(results, measure(ctx, "summary as of "+o.asOf, n, o.duration, asOf))
	}
	if o.mutations {
		run := strings.ToUpper(hex.EncodeToString(randomBytes(3)))
		results = append([]benchResult{measure(ctx, "mutations (propose, submit)", o.writers, o.duration, func(worker, i int) error {
			return c.proposeAndSubmit(ctx, owner, fmt.Sprintf("BENCH-%s-%d-%d", run, worker, i), o.region)
		})}, results...)
		results[0].requests *= 2 // each iteration is two mutations
		results[0].errors *= 2
	}
	printBench(stdout, o, results, pid)
	for _, r := range results {
		if r.errors > 0 {
			return fmt.Errorf("%s: %d failed requests (first: %v)", r.name, r.errors, r.firstErr)
		}
	}
	return nil
}

// serveForBench starts the server in-process on a free local port, as `serve` would.
func serveForBench(ctx context.Context, cfg config, secret string, log *slog.Logger) (string, func(), error) {
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return "", nil, err
	}
	srv, err := server.Open(ctx, server.Config{DatabaseURL: db.URL, TokenSecret: secret, Logger: log})
	if err != nil {
		db.Close(log)
		return "", nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		srv.Close()
		db.Close(log)
		return "", nil, err
	}
	hs := &http.Server{Handler: srv.Handler, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	stop := func() {
		sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		_ = hs.Shutdown(sctx)
		srv.Close()
		db.Close(log)
	}
	return "http://" + ln.Addr().String() + "/graphql", stop, nil
}

// benchClient posts GraphQL requests.
type benchClient struct {
	url  string
	http *http.Client
}

// do posts one operation and fails on any HTTP or GraphQL error.
func (c *benchClient) do(ctx context.Context, token, query string, vars map[string]any) error {
	_, err := c.data(ctx, token, query, vars)
	return err
}

func (c *benchClient) data(ctx context.Context, token, query string, vars map[string]any) (map[string]any, error) {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	var out struct {
		Data   map[string]any    `json:"data"`
		Errors []json.RawMessage `json:"errors"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		return nil, fmt.Errorf("HTTP %d: %w", res.StatusCode, err)
	}
	if res.StatusCode != http.StatusOK || len(out.Errors) > 0 {
		first := ""
		if len(out.Errors) > 0 {
			first = string(out.Errors[0])
		}
		return nil, fmt.Errorf("HTTP %d: %s", res.StatusCode, first)
	}
	return out.Data, nil
}

// proposeAndSubmit proposes a project in the region and submits it for review, each mutation
// with its own idempotency key.
func (c *benchClient) proposeAndSubmit(ctx context.Context, token, code, region string) error {
	data, err := c.data(ctx, token, proposeMutation, map[string]any{"input": map[string]any{
		"idempotencyKey": uuid.NewString(), "code": code, "name": "基准测试项目 " + code, "domain": "E_GOVERNMENT",
		"region": region, "description": "written by portfolio bench", "plannedInvestment": "1000000.00",
		"fundingPlan": map[string]any{"selfRaised": "1000000.00"}, "plannedStart": "2026-01-01", "plannedEnd": "2027-12-31",
	}})
	if err != nil {
		return err
	}
	id, _ := data["proposeProject"].(map[string]any)["project"].(map[string]any)["id"].(string)
	return c.do(ctx, token, submitMutation, map[string]any{"input": map[string]any{"idempotencyKey": uuid.NewString(), "projectId": id}})
}

// benchResult is one run's figures.
type benchResult struct {
	name      string
	clients   int
	elapsed   time.Duration
	requests  int
	errors    int
	firstErr  error
	latencies []time.Duration // of the successful requests (for a mutation run: of each iteration)
}

// measure runs op from n concurrent clients for d and collects each call's latency.
func measure(ctx context.Context, name string, n int, d time.Duration, op func(worker, i int) error) benchResult {
	res := benchResult{name: name, clients: n}
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(d)
	for w := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			var errs int
			var firstErr error
			for i := 0; time.Now().Before(deadline) && ctx.Err() == nil; i++ {
				t := time.Now()
				if err := op(w, i); err != nil {
					errs++
					if firstErr == nil {
						firstErr = err
					}
					continue
				}
				lat = append(lat, time.Since(t))
			}
			mu.Lock()
			defer mu.Unlock()
			res.latencies = append(res.latencies, lat...)
			res.errors += errs
			if res.firstErr == nil {
				res.firstErr = firstErr
			}
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	res.requests = len(res.latencies)
	slices.Sort(res.latencies)
	return res
}

// percentile is the p-th percentile (nearest rank) of sorted latencies.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p/100+0.999999) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func printBench(w io.Writer, o benchOptions, results []benchResult, pid int) {
	fmt.Fprintf(w, "portfolio bench: %s, %s per run\n", o.url, o.duration)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "run\tclients\trequests\terrors\treq/s\tp50 ms\tp99 ms\t")
	for _, r := range results {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.1f\t%.2f\t%.2f\t\n", r.name, r.clients, r.requests, r.errors,
			float64(r.requests)/r.elapsed.Seconds(), ms(percentile(r.latencies, 50)), ms(percentile(r.latencies, 99)))
	}
	_ = tw.Flush()
	if len(results) > 0 && strings.HasPrefix(results[0].name, "mutations") {
		fmt.Fprintln(w, "(mutations: requests and req/s count mutations; p50/p99 are of one propose + submit pair)")
	}
	rss, err := peakRSS(pid)
	switch {
	case pid == 0:
		fmt.Fprintln(w, "server peak RSS: unknown (pass --server-pid, or use --serve)")
	case err != nil:
		fmt.Fprintf(w, "server peak RSS: unknown (%v)\n", err)
	default:
		what := "server"
		if o.serve {
			what = "server (in-process, with the benchmark's clients)"
		}
		fmt.Fprintf(w, "%s peak RSS (VmHWM of pid %d): %.1f MiB\n", what, pid, float64(rss)/(1<<20))
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// peakRSS reads a process's peak resident set size (VmHWM) in bytes from /proc.
func peakRSS(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("VmHWM %q: %w", v, err)
			}
			return kb << 10, nil
		}
	}
	return 0, errors.New("no VmHWM in its status")
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}
