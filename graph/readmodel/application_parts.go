package readmodel

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/smartcity/portfolio/domain"
)

// ApplicationExpert is one row of application_expert_view: an expert assigned to an application
// in one round, with their score once given.
type ApplicationExpert struct {
	ApplicationID domain.ApplicationID
	Round         int
	User          string
	Organization  *string
	AssignedAt    time.Time
	Score         *int
	Opinion       *string
	ScoredAt      *time.Time
}

// AssignedExpert is an expert of an application's current round.
type AssignedExpert struct {
	User         string
	Organization *string
	Scored       bool
}

// ApplicationScore is one expert's score in one round.
type ApplicationScore struct {
	Round        int
	Expert       string
	Organization *string
	Score        int
	Opinion      string
	ScoredAt     time.Time
}

// CurrentExperts are the experts of the given round, in the order of rows.
func CurrentExperts(rows []*ApplicationExpert, round int) []*AssignedExpert {
	out := []*AssignedExpert{}
	for _, r := range rows {
		if r.Round == round {
			out = append(out, &AssignedExpert{User: r.User, Organization: r.Organization, Scored: r.Score != nil})
		}
	}
	return out
}

// Scores are the scores given, in the order of rows.
func Scores(rows []*ApplicationExpert) []*ApplicationScore {
	out := []*ApplicationScore{}
	for _, r := range rows {
		if r.Score != nil && r.Opinion != nil && r.ScoredAt != nil {
			out = append(out, &ApplicationScore{Round: r.Round, Expert: r.User, Organization: r.Organization,
				Score: *r.Score, Opinion: *r.Opinion, ScoredAt: *r.ScoredAt})
		}
	}
	return out
}

// ExpertsOf reads the experts of several applications in one query, each list by round, then
// scoring order (unscored last), then user id, in the order of ids.
func (s *Store) ExpertsOf(ctx context.Context, ids []domain.ApplicationID) ([][]*ApplicationExpert, error) {
	rows, err := s.pool.Query(ctx, `SELECT application_id::text, round, expert_user, expert_org, assigned_at, score, opinion, scored_at
		FROM application_expert_view WHERE application_id = ANY($1::uuid[])
		ORDER BY round, scored_at NULLS LAST, expert_user`, enumStrings(ids))
	if err != nil {
		return nil, fmt.Errorf("read application experts: %w", err)
	}
	xs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*ApplicationExpert, error) {
		var x ApplicationExpert
		var id, org string
		if err := row.Scan(&id, &x.Round, &x.User, &org, &x.AssignedAt, &x.Score, &x.Opinion, &x.ScoredAt); err != nil {
			return nil, err
		}
		x.ApplicationID, x.Organization, x.AssignedAt = domain.ApplicationID(id), nonEmpty(&org), x.AssignedAt.UTC()
		if x.ScoredAt != nil {
			t := x.ScoredAt.UTC()
			x.ScoredAt = &t
		}
		return &x, nil
	})
	if err != nil {
		return nil, fmt.Errorf("read application experts: %w", err)
	}
	return groupBy(ids, xs, func(x *ApplicationExpert) domain.ApplicationID { return x.ApplicationID }), nil
}

// Tranche is one row of application_tranche_view, with its status derived from its payment and
// its application's status.
type Tranche struct {
	ID            domain.TrancheID
	ApplicationID domain.ApplicationID
	MilestoneID   domain.MilestoneID
	Amount        domain.Money
	Status        domain.TrancheStatus
	DisbursedOn   *domain.Date
	VoucherNumber *string
}

// trancheSelect reads tranches with their application's status; a tranche not paid when its
// application was closed is cancelled.
const trancheSelect = `SELECT t.tranche_id::text, t.application_id::text, t.milestone_id::text, t.amount,
	t.disbursed_on, t.voucher_no, a.status
	FROM application_tranche_view t JOIN application_view a ON a.id = t.application_id`

// TranchesOf reads the tranches of several applications in one query, each list in approval
// order, in the order of ids.
func (s *Store) TranchesOf(ctx context.Context, ids []domain.ApplicationID) ([][]*Tranche, error) {
	rows, err := s.pool.Query(ctx, trancheSelect+` WHERE t.application_id = ANY($1::uuid[]) ORDER BY t.seq`, enumStrings(ids))
	if err != nil {
		return nil, fmt.Errorf("read tranches: %w", err)
	}
	ts, err := pgx.CollectRows(rows, scanTranche)
	if err != nil {
		return nil, fmt.Errorf("read tranches: %w", err)
	}
	return groupBy(ids, ts, func(t *Tranche) domain.ApplicationID { return t.ApplicationID }), nil
}

func scanTranche(row pgx.CollectableRow) (*Tranche, error) {
	var t Tranche
	var id, app, milestone, appStatus string
	var amount int64
	var on pgtype.Date
	if err := row.Scan(&id, &app, &milestone, &amount, &on, &t.VoucherNumber, &appStatus); err != nil {
		return nil, err
	}
	t.ID, t.ApplicationID, t.MilestoneID = domain.TrancheID(id), domain.ApplicationID(app), domain.MilestoneID(milestone)
	t.Amount, t.DisbursedOn = domain.Money(amount), optDate(on)
	switch {
	case t.DisbursedOn != nil:
		t.Status = domain.TrancheStatusDisbursed
	case domain.ApplicationStatus(appStatus) == domain.AppClosed:
		t.Status = domain.TrancheStatusCancelled
	default:
		t.Status = domain.TrancheStatusPending
	}
	return &t, nil
}
