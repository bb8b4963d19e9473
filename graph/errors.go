package graph

import (
	"context"
	"errors"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/auth"
)

// Error codes carried in extensions.code.
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
// Errors it does not know become INTERNAL with a generic message; the real error goes to the log.
func ErrorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		if gqlErr.Extensions != nil && gqlErr.Extensions["code"] != nil && gqlErr.Err == nil {
			return gqlErr // gqlgen's own parse and validation errors keep their codes
		}
		if code := codeOf(err); code != "" {
			if gqlErr.Extensions == nil {
				gqlErr.Extensions = map[string]any{}
			}
			gqlErr.Extensions["code"] = code
			return gqlErr
		}
		var parserErr *gqlerror.Error
		if errors.As(err, &parserErr) && parserErr.Err == nil && parserErr.Extensions["code"] != nil {
			return gqlErr
		}
		log.ErrorContext(ctx, "internal error", "err", err, "path", gqlErr.Path.String())
		return &gqlerror.Error{
			Message:    "internal error",
			Path:       gqlErr.Path,
			Locations:  gqlErr.Locations,
			Extensions: map[string]any{"code": CodeInternal},
		}
	}
}
