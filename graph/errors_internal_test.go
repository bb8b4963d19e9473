package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"testing"

	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/auth"
	"github.com/smartcity/portfolio/internal/eventstore"
)

func TestErrorPresenterGivesEveryErrorItsCode(t *testing.T) {
	present := ErrorPresenter(slog.New(slog.DiscardHandler))
	variable := gqlerror.ErrorPathf(ast.Path{ast.PathName("variable"), ast.PathName("input"), ast.PathName("domain")}, "SPACE is not a valid ProjectDomain")
	errcode.Set(variable, errcode.ValidationFailed)
	parse := gqlerror.Errorf("syntax error")
	errcode.Set(parse, errcode.ParseFailed)
	cases := []struct {
		name    string
		err     error
		code    string
		field   any
		message string
	}{
		{"validation", fmt.Errorf("ProposeProject: %w", &domain.ValidationError{Field: "plannedEnd", Reason: "before start"}), CodeBadUserInput, "plannedEnd", "ProposeProject: plannedEnd: before start"},
		{"state", &domain.StateError{Entity: "project X", Action: "approve", State: "PROPOSED"}, CodeBadUserInput, nil, "cannot approve: project X is PROPOSED"},
		{"forbidden", &domain.ForbiddenError{Actor: domain.Actor{UserID: "u", Role: domain.RoleExpert}, Action: "approve", Reason: "office only"}, CodeForbidden, nil, "u (expert) may not approve: office only"},
		{"not found", &domain.NotFoundError{Entity: "project", ID: "p"}, CodeNotFound, nil, "project p not found"},
		{"conflict", &eventstore.ConflictError{StreamID: "project-p", ExpectedVersion: 3}, CodeConflict, nil, "project-p was changed by someone else (expected it at version 3); reload and try again"},
		{"unauthenticated", fmt.Errorf("%w: token expired", auth.ErrUnauthenticated), CodeUnauthenticated, nil, "unauthenticated: token expired"},
		{"unknown", errors.New("dial tcp 10.0.0.5:5432: password authentication failed for user admin"), CodeInternal, nil, "internal error"},
		{"variable", variable, CodeBadUserInput, "domain", "SPACE is not a valid ProjectDomain"},
		{"parse", parse, errcode.ParseFailed, nil, "syntax error"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := present(context.Background(), c.err)
			if got.Extensions["code"] != c.code || got.Extensions["field"] != c.field || got.Message != c.message {
				t.Errorf("got code %v field %v message %q", got.Extensions["code"], got.Extensions["field"], got.Message)
			}
		})
	}
}

func TestRecoverFuncAnswersInternalWithoutThePanic(t *testing.T) {
	err := RecoverFunc(slog.New(slog.DiscardHandler))(context.Background(), "secret table exploded")
	var gqlErr *gqlerror.Error
	if !errors.As(err, &gqlErr) || gqlErr.Message != "internal error" || gqlErr.Extensions["code"] != CodeInternal {
		t.Errorf("got %#v", err)
	}
}
