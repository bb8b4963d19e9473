package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/auth"
)

// Error codes carried in extensions.code. gqlgen's own GRAPHQL_PARSE_FAILED,
// GRAPHQL_VALIDATION_FAILED and COMPLEXITY_LIMIT_EXCEEDED pass through unchanged, and
// CodeBadRequest marks requests that are not GraphQL-over-HTTP requests at all.
const (
	CodeBadUserInput    = "BAD_USER_INPUT"
	CodeNotFound        = "NOT_FOUND"
	CodeConflict        = "CONFLICT"
	CodeForbidden       = "FORBIDDEN"
	CodeUnauthenticated = "UNAUTHENTICATED"
	CodeInternal        = "INTERNAL"
)

// codeOf maps an error to its code; "" for errors that are not ours to classify.
func codeOf(err error) string {
	switch {
	case errors.Is(err, auth.ErrUnauthenticated):
		return CodeUnauthenticated
	case errors.Is(err, domain.ErrForbidden):
		return CodeForbidden
	case errors.Is(err, domain.ErrNotFound):
		return CodeNotFound
	case errors.Is(err, domain.ErrConflict):
		return CodeConflict
	case errors.Is(err, domain.ErrInvalid), errors.Is(err, domain.ErrState):
		return CodeBadUserInput
	}
	return ""
}

// ErrorPresenter is the one place that turns errors into GraphQL errors with extensions.code.
// A domain ValidationError also names its field in extensions.field. A variable whose value does
// not fit its declared type (an unknown enum value, a missing required input field) is the
// caller's mistake: BAD_USER_INPUT. Errors it does not know become INTERNAL with a generic
// message; the real error goes to the log only.
func ErrorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		if gqlErr.Err == nil && gqlErr.Extensions["code"] != nil {
			if gqlErr.Extensions["code"] == errcode.ValidationFailed && isVariablePath(gqlErr.Path) {
				gqlErr.Extensions["code"] = CodeBadUserInput
				setField(gqlErr)
			}
			return gqlErr // gqlgen's own parse, validation and complexity errors, and ours
		}
		if code := codeOf(err); code != "" {
			if gqlErr.Extensions == nil {
				gqlErr.Extensions = map[string]any{}
			}
			gqlErr.Extensions["code"] = code
			var ve *domain.ValidationError
			if errors.As(err, &ve) {
				gqlErr.Extensions["field"] = ve.Field
			} else if code == CodeBadUserInput && len(gqlErr.Path) > 1 {
				setField(gqlErr) // a scalar the client got wrong, on the path of its input field
			}
			return gqlErr
		}
		log.ErrorContext(ctx, "internal error", "err", err, "path", gqlErr.Path.String())
		return internalError(gqlErr.Path, gqlErr.Locations)
	}
}

// RecoverFunc turns a panicking resolver into INTERNAL, logging what happened.
func RecoverFunc(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		var path ast.Path
		if fc := graphql.GetFieldContext(ctx); fc != nil {
			path = fc.Path()
		}
		log.ErrorContext(ctx, "panic in resolver", "panic", fmt.Sprint(p), "path", path.String())
		return internalError(path, nil)
	}
}

func internalError(path ast.Path, locs []gqlerror.Location) *gqlerror.Error {
	return &gqlerror.Error{
		Message:    "internal error",
		Path:       path,
		Locations:  locs,
		Extensions: map[string]any{"code": CodeInternal},
	}
}

// setField names the input field an error's path ends with (skipping list indexes).
func setField(gqlErr *gqlerror.Error) {
	for i := len(gqlErr.Path) - 1; i > 0; i-- {
		if name, ok := gqlErr.Path[i].(ast.PathName); ok {
			gqlErr.Extensions["field"] = string(name)
			return
		}
	}
}

// isVariablePath reports whether a validation error is about a variable's value (gqlparser
// puts such errors on the path "variable", <name>, ...).
func isVariablePath(p ast.Path) bool {
	if len(p) == 0 {
		return false
	}
	name, ok := p[0].(ast.PathName)
	return ok && name == "variable"
}
