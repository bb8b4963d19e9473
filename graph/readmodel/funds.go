package readmodel

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
)

// Fund is one row of fund_view.
type Fund struct {
	ID                   domain.FundID
	Name                 string
	Kind                 domain.FundKind
	FiscalYear           int
	ManagingOrganization string
	SupportModes         []domain.SupportMode
	Pool                 domain.Money
	Reserved             domain.Money
	Disbursed            domain.Money
	Recovered            domain.Money
	Available            domain.Money
	Closed               bool
	CloseReason          *string
	Version              int
	EstablishedAt        time.Time
	UpdatedAt            time.Time
}

// Status is OPEN or CLOSED.
func (f *Fund) Status() domain.FundStatus {
	if f.Closed {
		return domain.FundStatusClosed
	}
	return domain.FundStatusOpen
}

// FundQuery selects funds; zero fields do not restrict.
type FundQuery struct {
	FiscalYear *int
	Kind       domain.FundKind
	Status     domain.FundStatus
}

// FundEdge is a fund and its cursor.
type FundEdge struct {
	Cursor string
	Node   *Fund
}

// FundConnection is a page of funds; the query is kept to count all matches on demand.
type FundConnection struct {
	Edges    []*FundEdge
	PageInfo *PageInfo
	Query    FundQuery
}

const fundSelect = `SELECT f.id::text, f.name, f.kind, f.fiscal_year, f.managing_org, f.support_modes,
	f.pool, f.reserved, f.disbursed, f.recovered, f.available, f.closed, f.close_reason,
	f.version, f.established_at, f.updated_at FROM fund_view f`

func (q FundQuery) where(args *[]any) string {
	arg := argAppender(args)
	conds := []string{"TRUE"}
	if q.FiscalYear != nil {
		conds = append(conds, "f.fiscal_year = "+arg(*q.FiscalYear))
	}
	if q.Kind != "" {
		conds = append(conds, "f.kind = "+arg(string(q.Kind)))
	}
	if q.Status != "" {
		conds = append(conds, "f.closed = "+arg(q.Status == domain.FundStatusClosed))
	}
	return strings.Join(conds, " AND ")
}

// Fund reads one fund; nil when there is none.
func (s *Store) Fund(ctx context.Context, id domain.FundID) (*Fund, error) {
	fs, err := s.FundsByID(ctx, []domain.FundID{id})
	if err != nil {
		return nil, err
	}
	return fs[0], nil
}

// FundsByID reads several funds in one query, in the order of ids (nil where there is none).
func (s *Store) FundsByID(ctx context.Context, ids []domain.FundID) ([]*Fund, error) {
	return byIDs(ctx, s, "funds", fundSelect, "f.id", ids, scanFund, func(f *Fund) domain.FundID { return f.ID })
}

// Funds reads a page of funds in id order (UUIDv7: establishment order) after the cursor.
func (s *Store) Funds(ctx context.Context, q FundQuery, first int, after *string) (*FundConnection, error) {
	var args []any
	funds, cursors, pi, err := idPage(ctx, s, "fund", fundSelect, "f.id", q.where(&args), args, first, after,
		scanFund, func(f *Fund) string { return string(f.ID) })
	if err != nil {
		return nil, err
	}
	conn := &FundConnection{Edges: make([]*FundEdge, len(funds)), PageInfo: pi, Query: q}
	for i, f := range funds {
		conn.Edges[i] = &FundEdge{Cursor: cursors[i], Node: f}
	}
	return conn, nil
}

// CountFunds counts the funds q selects.
func (s *Store) CountFunds(ctx context.Context, q FundQuery) (int, error) {
	var args []any
	var n int
	if err := s.pool.QueryRow(ctx, "SELECT count(*) FROM fund_view f WHERE "+q.where(&args), args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count funds: %w", err)
	}
	return n, nil
}

func scanFund(row pgx.CollectableRow) (*Fund, error) {
	var f Fund
	var id, kind string
	var modes []string
	var pool, reserved, disbursed, recovered, available int64
	if err := row.Scan(&id, &f.Name, &kind, &f.FiscalYear, &f.ManagingOrganization, &modes,
		&pool, &reserved, &disbursed, &recovered, &available, &f.Closed, &f.CloseReason,
		&f.Version, &f.EstablishedAt, &f.UpdatedAt); err != nil {
		return nil, err
	}
	f.ID, f.Kind = domain.FundID(id), domain.FundKind(kind)
	f.SupportModes = make([]domain.SupportMode, len(modes))
	for i, m := range modes {
		f.SupportModes[i] = domain.SupportMode(m)
	}
	f.Pool, f.Reserved, f.Disbursed = domain.Money(pool), domain.Money(reserved), domain.Money(disbursed)
	f.Recovered, f.Available = domain.Money(recovered), domain.Money(available)
	f.EstablishedAt, f.UpdatedAt = f.EstablishedAt.UTC(), f.UpdatedAt.UTC()
	return &f, nil
}
