// Package auth reads and issues the bearer tokens that say who is asking: a JWT signed with HS256
// whose claims name the user, the role and the organisation. The secret comes from the
// PORTFOLIO_TOKEN_SECRET environment variable.
package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/smartcity/portfolio/domain"
)

// MinSecretLength is the shortest secret accepted: HS256 wants at least 256 bits of key.
const MinSecretLength = 32

// ErrUnauthenticated is a missing, malformed, expired or wrongly signed token.
var ErrUnauthenticated = errors.New("unauthenticated")

// Claims are the token's claims.
type Claims struct {
	Role string `json:"role"`
	Org  string `json:"org,omitempty"`
	jwt.RegisteredClaims
}

// Authority signs and checks tokens with one secret.
type Authority struct {
	secret []byte
	now    func() time.Time
}

// NewAuthority checks the secret's length and returns an authority.
func NewAuthority(secret string) (*Authority, error) {
	if len(secret) < MinSecretLength {
		return nil, fmt.Errorf("token secret must be at least %d bytes, got %d", MinSecretLength, len(secret))
	}
	return &Authority{secret: []byte(secret), now: time.Now}, nil
}

// Issue signs a token for the actor, valid for ttl.
func (a *Authority) Issue(actor domain.Actor, ttl time.Duration) (string, error) {
	if err := Validate(actor); err != nil {
		return "", err
	}
	now := a.now()
	claims := Claims{
		Role: string(actor.Role),
		Org:  actor.OrgID,
		RegisteredClaims: jwt.RegisteredClaims{
			Subject:   actor.UserID,
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
			Issuer:    "portfolio",
		},
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(a.secret)
}

// Validate checks that an actor is complete: a user, a known role, and an organisation for the
// roles that act for one (owners).
func Validate(actor domain.Actor) error {
	if strings.TrimSpace(actor.UserID) == "" {
		return fmt.Errorf("token names no user: %w", domain.ErrInvalid)
	}
	if _, err := domain.ParseRole(string(actor.Role)); err != nil {
		return err
	}
	if actor.Role == domain.RoleOwner && strings.TrimSpace(actor.OrgID) == "" {
		return fmt.Errorf("an owner's token must name an organisation: %w", domain.ErrInvalid)
	}
	return nil
}

// Parse checks a token's signature, algorithm and expiry and returns its actor.
func (a *Authority) Parse(token string) (domain.Actor, error) {
	var claims Claims
	_, err := jwt.ParseWithClaims(token, &claims, func(*jwt.Token) (any, error) { return a.secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(a.now),
	)
	if err != nil {
		return domain.Actor{}, fmt.Errorf("%w: %v", ErrUnauthenticated, err)
	}
	actor := domain.Actor{UserID: claims.Subject, Role: domain.Role(claims.Role), OrgID: claims.Org}
	if err := Validate(actor); err != nil {
		return domain.Actor{}, fmt.Errorf("%w: %v", ErrUnauthenticated, err)
	}
	return actor, nil
}

// ParseHeader reads an Authorization value, "Bearer <token>" (also sent in a WebSocket
// connection_init payload), and returns its actor.
func (a *Authority) ParseHeader(h string) (domain.Actor, error) {
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return domain.Actor{}, fmt.Errorf("%w: Authorization header must be \"Bearer <token>\"", ErrUnauthenticated)
	}
	return a.Parse(strings.TrimSpace(token))
}

type ctxKey struct{}

// identity is what the middleware found: an actor, or the reason there is none.
type identity struct {
	actor domain.Actor
	err   error
}

// Middleware reads the Authorization header. A request without one goes on anonymous (the schema
// may be introspected); a request with a bad one goes on carrying the error, so that the first
// resolver that needs an actor reports UNAUTHENTICATED.
func (a *Authority) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := r.Header.Get("Authorization")
		if h == "" {
			next.ServeHTTP(w, r)
			return
		}
		id := identity{}
		id.actor, id.err = a.ParseHeader(h)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, id)))
	})
}

// WithActor returns a context that carries the actor (for in-process callers such as seeds).
func WithActor(ctx context.Context, actor domain.Actor) context.Context {
	return context.WithValue(ctx, ctxKey{}, identity{actor: actor})
}

// ActorFrom returns the request's actor, or ErrUnauthenticated when there is none or its token
// was bad.
func ActorFrom(ctx context.Context) (domain.Actor, error) {
	id, ok := ctx.Value(ctxKey{}).(identity)
	if !ok {
		return domain.Actor{}, fmt.Errorf("%w: no bearer token", ErrUnauthenticated)
	}
	if id.err != nil {
		return domain.Actor{}, id.err
	}
	return id.actor, nil
}
