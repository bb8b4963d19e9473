package graph

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/auth"
)

// requireActor is a field middleware that refuses every Query, Mutation and Subscription field to a request
// without a valid bearer token (UNAUTHENTICATED), in one place so that no resolver can forget.
// Introspection (__schema, __type) stays open: tools read the schema before anyone logs in.
//
// It runs inside the field, not around it as a root-field middleware would, so that a refused
// non-null field nulls its parent as GraphQL requires.
func requireActor(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || (fc.Object != "Query" && fc.Object != "Mutation" && fc.Object != "Subscription") || strings.HasPrefix(fc.Field.Name, "__") {
		return next(ctx)
	}
	if _, err := auth.ActorFrom(ctx); err != nil {
		return nil, err
	}
	return next(ctx)
}

// actorFrom is the request's actor for the resolvers that act on its behalf.
func actorFrom(ctx context.Context) (domain.Actor, error) { return auth.ActorFrom(ctx) }
