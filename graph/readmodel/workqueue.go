package readmodel

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
)

// WorkKind is what a work item asks its reader to do.
type WorkKind string

// The kinds of work.
const (
	WorkScreen        WorkKind = "SCREEN"         // office: screen a SUBMITTED application
	WorkAssignExperts WorkKind = "ASSIGN_EXPERTS" // office: assign experts to a SCREENED application
	WorkScore         WorkKind = "SCORE"          // expert: score an application they are assigned to
	WorkDecide        WorkKind = "DECIDE"         // finance: decide an application all of whose experts scored
	WorkDisburse      WorkKind = "DISBURSE"       // finance: pay a tranche whose milestone is achieved
)

// WorkItem is one piece of pending work.
type WorkItem struct {
	Kind          WorkKind
	ApplicationID domain.ApplicationID
	Tranche       *Tranche // DISBURSE only
	WaitingSince  time.Time
	WaitingHours  int
}

// WorkItemEdge is a work item and its cursor.
type WorkItemEdge struct {
	Cursor string
	Node   *WorkItem
}

// WorkItemConnection is a page of a work queue; the queue is kept to count its items on demand.
type WorkItemConnection struct {
	Edges    []*WorkItemEdge
	PageInfo *PageInfo
	Queue    WorkQueue
}

// WorkQueue names whose pending work to list: the office's, one expert's, or one finance
// bureau's. The zero WorkQueue is empty.
type WorkQueue struct {
	Office     bool
	ExpertUser string
	FinanceOrg string
}

// items is the queue's items as one SELECT of (kind, application_id, tranche columns,
// waiting_since, item_key); item_key orders items waiting since the same instant.
func (q WorkQueue) items(arg func(any) string) string {
	const noTranche = `NULL::uuid, NULL::uuid, NULL::bigint`
	var parts []string
	if q.Office {
		parts = append(parts, `SELECT CASE a.status WHEN 'SUBMITTED' THEN 'SCREEN' ELSE 'ASSIGN_EXPERTS' END, a.id, `+noTranche+`, a.status_since
			FROM application_view a WHERE a.status IN ('SUBMITTED', 'SCREENED')`)
	}
	if q.ExpertUser != "" {
		parts = append(parts, `SELECT 'SCORE', a.id, `+noTranche+`, x.assigned_at
			FROM application_view a JOIN application_expert_view x ON x.application_id = a.id AND x.round = a.round
			WHERE a.status = 'UNDER_EXPERT_REVIEW' AND x.expert_user = `+arg(q.ExpertUser)+` AND x.score IS NULL`)
	}
	if q.FinanceOrg != "" {
		org := arg(q.FinanceOrg)
		// status_since of an application under review restarts when its last expert scores.
		parts = append(parts, `SELECT 'DECIDE', a.id, `+noTranche+`, a.status_since
			FROM application_view a WHERE a.managing_org = `+org+` AND a.status = 'UNDER_EXPERT_REVIEW'
			AND EXISTS (SELECT 1 FROM application_expert_view x WHERE x.application_id = a.id AND x.round = a.round)
			AND NOT EXISTS (SELECT 1 FROM application_expert_view x WHERE x.application_id = a.id AND x.round = a.round AND x.score IS NULL)`,
			// milestone_view.updated_at is when the achievement was recorded: an achieved
			// milestone changes no more. A suspended or cancelled project is paid nothing.
			`SELECT 'DISBURSE', a.id, t.tranche_id, t.milestone_id, t.amount, GREATEST(a.status_since, m.updated_at)
			FROM application_view a JOIN application_tranche_view t ON t.application_id = a.id
			JOIN milestone_view m ON m.id = t.milestone_id JOIN project_view p ON p.id = a.project_id
			WHERE a.managing_org = `+org+` AND a.status = 'APPROVED' AND t.disbursed_on IS NULL AND m.achieved_date IS NOT NULL
			AND p.status NOT IN ('SUSPENDED', 'CANCELLED')`)
	}
	if len(parts) == 0 {
		return `SELECT NULL::text AS kind, NULL::uuid AS application_id, NULL::uuid AS tranche_id, NULL::uuid AS milestone_id,
			NULL::bigint AS amount, NULL::timestamptz AS waiting_since, NULL::text AS item_key WHERE FALSE`
	}
	return `SELECT w.*, w.application_id::text || '/' || COALESCE(w.tranche_id::text, '') AS item_key FROM (` +
		strings.Join(parts, " UNION ALL ") + `) AS w (kind, application_id, tranche_id, milestone_id, amount, waiting_since)`
}

// WorkQueue reads a page of a queue, oldest first, after the cursor; now is the instant waited
// hours are counted to.
func (s *Store) WorkQueue(ctx context.Context, q WorkQueue, first int, after *string, now time.Time) (*WorkItemConnection, error) {
	key, err := decodeCursor("work", after)
	if err != nil {
		return nil, err
	}
	args := []any{now}
	arg := argAppender(&args)
	where := "TRUE"
	if key != "" {
		micros, itemKey, ok := strings.Cut(key, "|")
		us, err := strconv.ParseInt(micros, 10, 64)
		if !ok || err != nil || itemKey == "" {
			return nil, &domain.ValidationError{Field: "after", Reason: fmt.Sprintf("%q is not a cursor of this list", *after)}
		}
		where = "(i.waiting_since, i.item_key) > (" + arg(time.UnixMicro(us)) + "::timestamptz, " + arg(itemKey) + ")"
	}
	sql := `SELECT i.kind, i.application_id::text, i.tranche_id::text, i.milestone_id::text, i.amount, i.waiting_since, i.item_key,
		floor(extract(epoch FROM $1::timestamptz - i.waiting_since) / 3600)::int
		FROM (` + q.items(arg) + `) i WHERE ` + where + ` ORDER BY i.waiting_since, i.item_key LIMIT ` + arg(first+1)
	rows, err := s.pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("read work queue: %w", err)
	}
	type row struct {
		item *WorkItem
		key  string
	}
	items, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (row, error) {
		var it WorkItem
		var kind, app, itemKey string
		var tranche, milestone *string
		var amount *int64
		if err := r.Scan(&kind, &app, &tranche, &milestone, &amount, &it.WaitingSince, &itemKey, &it.WaitingHours); err != nil {
			return row{}, err
		}
		it.Kind, it.ApplicationID, it.WaitingSince = WorkKind(kind), domain.ApplicationID(app), it.WaitingSince.UTC()
		if tranche != nil && milestone != nil && amount != nil {
			it.Tranche = &Tranche{ID: domain.TrancheID(*tranche), ApplicationID: it.ApplicationID,
				MilestoneID: domain.MilestoneID(*milestone), Amount: domain.Money(*amount), Status: domain.TrancheStatusPending}
		}
		return row{&it, itemKey}, nil
	})
	if err != nil {
		return nil, fmt.Errorf("read work queue: %w", err)
	}
	hasNext := len(items) > first
	if hasNext {
		items = items[:first]
	}
	conn := &WorkItemConnection{Edges: make([]*WorkItemEdge, len(items)), Queue: q}
	cursors := make([]string, len(items))
	for i, it := range items {
		cursors[i] = encodeCursor("work", strconv.FormatInt(it.item.WaitingSince.UnixMicro(), 10)+"|"+it.key)
		conn.Edges[i] = &WorkItemEdge{Cursor: cursors[i], Node: it.item}
	}
	conn.PageInfo = pageInfo(cursors, hasNext, key != "")
	return conn, nil
}

// CountWork counts the items of a queue.
func (s *Store) CountWork(ctx context.Context, q WorkQueue) (int, error) {
	var args []any
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM (`+q.items(argAppender(&args))+`) i`, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count work queue: %w", err)
	}
	return n, nil
}
