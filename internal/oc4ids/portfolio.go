package oc4ids

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/graph/readmodel"
)

// Filter selects the projects of a portfolio export; zero fields do not restrict.
type Filter struct {
	Region   domain.RegionCode      // the region and every region below it
	Domains  []domain.ProjectDomain // any of
	Statuses []domain.ProjectStatus // any of, as the project stood at the cutoff
	Owner    string                 // owner organisation
	AsOf     *domain.Date           // what was recorded by the end of this day; now when nil
	// URI is the package's uri (e.g. the download's URL); a URN naming the filter when empty.
	URI string
}

// Query is the filter as URL query parameters, the form ParseFilter reads.
func (f Filter) Query() url.Values {
	q := url.Values{}
	if f.Region != "" {
		q.Set("region", string(f.Region))
	}
	for _, d := range f.Domains {
		q.Add("domain", string(d))
	}
	for _, s := range f.Statuses {
		q.Add("status", string(s))
	}
	if f.Owner != "" {
		q.Set("owner", f.Owner)
	}
	if f.AsOf != nil {
		q.Set("asOf", f.AsOf.String())
	}
	return q
}

// ParseFilter reads a portfolio filter from URL query parameters: region (a catalogue code),
// domain and status (repeatable, or comma-separated), owner and asOf (YYYY-MM-DD). An unknown
// parameter or value is invalid input naming it.
func ParseFilter(q url.Values) (Filter, error) {
	var f Filter
	for key, vals := range q {
		var err error
		switch key {
		case "region":
			var r domain.Region
			if r, err = domain.ParseRegion(single(vals)); err == nil {
				f.Region = r.Code
			}
		case "domain":
			f.Domains, err = parseList(vals, domain.ParseProjectDomain)
		case "status":
			f.Statuses, err = parseList(vals, domain.ParseProjectStatus)
		case "owner":
			f.Owner = strings.TrimSpace(single(vals))
		case "asOf":
			f.AsOf, err = ParseAsOf(single(vals))
		default:
			err = &domain.ValidationError{Field: key, Reason: "unknown parameter (known: region, domain, status, owner, asOf)"}
		}
		if err != nil {
			return Filter{}, err
		}
	}
	return f, nil
}

// ParseAsOf reads an asOf day "YYYY-MM-DD"; nil for "".
func ParseAsOf(s string) (*domain.Date, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	d, err := domain.ParseDate(strings.TrimSpace(s))
	if err != nil {
		return nil, &domain.ValidationError{Field: "asOf", Reason: err.Error()}
	}
	return &d, nil
}

func single(vals []string) string {
	if len(vals) == 0 {
		return ""
	}
	return vals[len(vals)-1]
}

func parseList[T any](vals []string, parse func(string) (T, error)) ([]T, error) {
	var out []T
	for _, v := range vals {
		for part := range strings.SplitSeq(v, ",") {
			t, err := parse(strings.TrimSpace(part))
			if err != nil {
				return nil, err
			}
			out = append(out, t)
		}
	}
	return out, nil
}

// matches checks a project as folded at the cutoff against the filter.
func (f Filter) matches(p *domain.Project) bool {
	if f.Region != "" {
		r, ok := domain.LookupRegion(p.Region())
		if !(ok && r.Within(f.Region)) && p.Region() != f.Region {
			return false
		}
	}
	if len(f.Domains) > 0 && !slices.Contains(f.Domains, p.Domain()) {
		return false
	}
	if len(f.Statuses) > 0 && !slices.Contains(f.Statuses, p.Status()) {
		return false
	}
	return f.Owner == "" || p.OwnerOrg() == f.Owner
}

// candidates lists, in code order, the projects that may match the filter: those whose current
// row in the projects read model matches, plus, for an export as of a past day, those revised
// after it (a revision before approval may change the region or domain). The owner never
// changes; the status is checked on the folded project, so it narrows the query only for a
// current export.
func (e *Exporter) candidates(ctx context.Context, f Filter, cutoff *time.Time) ([]domain.ProjectID, error) {
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	current := []string{"TRUE"}
	if f.Region != "" {
		pattern, err := readmodel.RegionPattern(string(f.Region))
		if err != nil {
			return nil, err
		}
		current = append(current, "p.region_code LIKE "+arg(pattern))
	}
	if len(f.Domains) > 0 {
		current = append(current, "p.domain = ANY("+arg(strs(f.Domains))+"::text[])")
	}
	if len(f.Statuses) > 0 && cutoff == nil {
		current = append(current, "p.status = ANY("+arg(strs(f.Statuses))+"::text[])")
	}
	where := "(" + strings.Join(current, " AND ") + ")"
	if cutoff != nil && (f.Region != "" || len(f.Domains) > 0) {
		where += ` OR p.id IN (SELECT substr(e.stream_id, 9)::uuid FROM events e
			WHERE e.stream_type = '` + domain.ProjectStreamType + `' AND e.recorded_at >= ` + arg(*cutoff) + `
			  AND e.event_type = '` + (&domain.ProjectRevised{}).EventType() + `')`
	}
	where = "(" + where + ")"
	if f.Owner != "" {
		where += " AND p.owner_org = " + arg(f.Owner)
	}
	rows, err := e.pool.Query(ctx, `SELECT p.id::text FROM project_view p WHERE `+where+` ORDER BY p.code`, args...)
	if err != nil {
		return nil, fmt.Errorf("select projects: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[domain.ProjectID])
	if err != nil {
		return nil, fmt.Errorf("select projects: %w", err)
	}
	return ids, nil
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// packageHead is the start of a package; projects and publishedDate follow it.
type packageHead struct {
	Version   string    `json:"version"`
	URI       string    `json:"uri"`
	Publisher publisher `json:"publisher"`
	License   string    `json:"license,omitempty"`
}

type publisher struct {
	Name string `json:"name"`
}

// WritePortfolio writes the OC4IDS project package of the projects the filter selects, as the
// actor may see them: owners only their own organisation's (asking for another owner is
// Forbidden), everyone else all. It checks the filter before writing anything, so an error
// without output is the caller's to report; once writing has started the projects are folded
// and written a batch at a time, so a large portfolio streams in bounded memory. The package's
// publishedDate, written last, is when the latest event included was recorded.
func (e *Exporter) WritePortfolio(ctx context.Context, w io.Writer, actor domain.Actor, f Filter) error {
	return e.writePortfolio(ctx, w, actor, f, 0)
}

// writePortfolio is WritePortfolio refusing, when limit is positive, a filter that selects more
// than limit projects.
func (e *Exporter) writePortfolio(ctx context.Context, w io.Writer, actor domain.Actor, f Filter, limit int) error {
	if actor.Role == domain.RoleOwner {
		if f.Owner != "" && f.Owner != actor.OrgID {
			return mayRead(actor, f.Owner)
		}
		f.Owner = actor.OrgID
	}
	cutoff, day, err := e.asOfCutoff(ctx, f.AsOf)
	if err != nil {
		return err
	}
	ids, err := e.candidates(ctx, f, cutoff)
	if err != nil {
		return err
	}
	if limit > 0 && len(ids) > limit {
		return &domain.ValidationError{Field: "filter", Reason: fmt.Sprintf("selects %d projects, more than the %d an export of this kind may hold", len(ids), limit)}
	}
	head := packageHead{Version: Version, URI: f.URI, Publisher: publisher{Name: e.cfg.Publisher}, License: e.cfg.License}
	if head.URI == "" {
		head.URI = "urn:smartcity-portfolio:oc4ids:portfolio?" + f.Query().Encode()
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	headJSON, err := json.Marshal(head)
	if err != nil {
		return err
	}
	bw.Write(headJSON[:len(headJSON)-1])
	bw.WriteString(`,"projects":[`)
	var latest time.Time
	n := 0
	for batch := range slices.Chunk(ids, e.cfg.BatchSize) {
		srcs, err := loadSources(ctx, e.pool, batch, cutoff)
		if err != nil {
			return fmt.Errorf("export portfolio: %w", err)
		}
		for _, id := range batch {
			src, ok := srcs[id]
			if !ok || !f.matches(src.project) {
				continue
			}
			b, err := json.Marshal(build(src, day))
			if err != nil {
				return err
			}
			if n > 0 {
				bw.WriteByte(',')
			}
			bw.Write(b)
			n++
			if src.updated.After(latest) {
				latest = src.updated
			}
		}
	}
	if latest.IsZero() {
		latest = e.cfg.Now()
		if cutoff != nil {
			latest = cutoff.Add(-time.Second)
		}
	}
	fmt.Fprintf(bw, `],"publishedDate":%q}`, instant(latest))
	return bw.Flush()
}

// PortfolioJSON is WritePortfolio into memory.
func (e *Exporter) PortfolioJSON(ctx context.Context, actor domain.Actor, f Filter) ([]byte, error) {
	return e.PortfolioJSONAtMost(ctx, actor, f, 0)
}

// PortfolioJSONAtMost is PortfolioJSON for callers that hold the whole package in memory
// (GraphQL): a filter that selects more than limit projects (when limit is positive) is invalid
// input (field "filter") and nothing is folded. The projects counted are the candidates the read
// model gives: for a current export exactly the projects exported; for an export as of a past
// day those matching region, domain and owner, before their status on that day is checked.
func (e *Exporter) PortfolioJSONAtMost(ctx context.Context, actor domain.Actor, f Filter, limit int) ([]byte, error) {
	var buf bytes.Buffer
	if err := e.writePortfolio(ctx, &buf, actor, f, limit); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
