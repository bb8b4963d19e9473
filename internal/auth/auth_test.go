package auth_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/auth"
)

const secret = "0123456789abcdef0123456789abcdef"

var owner = domain.Actor{UserID: "zhang", Role: domain.RoleOwner, OrgID: "xz-bigdata-bureau"}

func authority(t *testing.T) *auth.Authority {
	t.Helper()
	a, err := auth.NewAuthority(secret)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestAShortSecretIsRefused(t *testing.T) {
	if _, err := auth.NewAuthority("short"); err == nil {
		t.Fatal("a 5-byte secret was accepted")
	}
}

func TestAnIssuedTokenParsesBackToTheSameActor(t *testing.T) {
	a := authority(t)
	tok, err := a.Issue(owner, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	got, err := a.Parse(tok)
	if err != nil || got != owner {
		t.Fatalf("parsed %+v, %v; want %+v", got, err, owner)
	}
}

func TestBadTokensAreUnauthenticated(t *testing.T) {
	a := authority(t)
	other, _ := auth.NewAuthority(strings.Repeat("x", 32))
	foreign, _ := other.Issue(owner, time.Hour)
	expired, _ := a.Issue(owner, -time.Minute)
	none := jwt.NewWithClaims(jwt.SigningMethodNone, jwt.MapClaims{"sub": "zhang", "role": "admin", "exp": time.Now().Add(time.Hour).Unix()})
	noneTok, _ := none.SignedString(jwt.UnsafeAllowNoneSignatureType)
	unknownRole := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": "zhang", "role": "mayor", "exp": time.Now().Add(time.Hour).Unix()})
	unknownRoleTok, _ := unknownRole.SignedString([]byte(secret))
	noExp := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": "zhang", "role": "office"})
	noExpTok, _ := noExp.SignedString([]byte(secret))
	for name, tok := range map[string]string{
		"signed with another secret": foreign,
		"expired":                    expired,
		"alg none":                   noneTok,
		"unknown role":               unknownRoleTok,
		"no expiry":                  noExpTok,
		"garbage":                    "not-a-jwt",
	} {
		if _, err := a.Parse(tok); !errors.Is(err, auth.ErrUnauthenticated) {
			t.Errorf("%s: err = %v, want ErrUnauthenticated", name, err)
		}
	}
}

func TestAnOwnerTokenMustNameAnOrganisation(t *testing.T) {
	if _, err := authority(t).Issue(domain.Actor{UserID: "zhang", Role: domain.RoleOwner}, time.Hour); !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("err = %v, want ErrInvalid", err)
	}
}

func TestTheMiddlewarePassesTheActorOrTheReasonThereIsNone(t *testing.T) {
	a := authority(t)
	tok, _ := a.Issue(owner, time.Hour)
	var got domain.Actor
	var gotErr error
	h := a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, gotErr = auth.ActorFrom(r.Context())
	}))
	for _, tc := range []struct {
		header  string
		want    domain.Actor
		wantErr bool
	}{
		{"Bearer " + tok, owner, false},
		{"bearer " + tok, owner, false},
		{"", domain.Actor{}, true},
		{"Basic abc", domain.Actor{}, true},
		{"Bearer ", domain.Actor{}, true},
		{"Bearer nonsense", domain.Actor{}, true},
	} {
		r := httptest.NewRequest(http.MethodPost, "/graphql", nil)
		if tc.header != "" {
			r.Header.Set("Authorization", tc.header)
		}
		h.ServeHTTP(httptest.NewRecorder(), r)
		if got != tc.want || (gotErr != nil) != tc.wantErr {
			t.Errorf("header %q: actor %+v err %v", tc.header, got, gotErr)
		}
		if tc.wantErr && !errors.Is(gotErr, auth.ErrUnauthenticated) {
			t.Errorf("header %q: err %v is not ErrUnauthenticated", tc.header, gotErr)
		}
	}
}
