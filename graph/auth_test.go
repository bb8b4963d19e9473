package graph_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/auth"
)

// TestEveryFieldNeedsAValidToken checks UNAUTHENTICATED for a missing, malformed, foreign,
// expired or wrongly announced token, on queries and mutations alike, and that nothing is written.
func TestEveryFieldNeedsAValidToken(t *testing.T) {
	e := newEnv(t)
	foreign, err := auth.NewAuthority("another-secret-that-is-32-bytes-long!!")
	if err != nil {
		t.Fatal(err)
	}
	foreignToken, _ := foreign.Issue(ownerXZ, time.Hour)
	expiredToken, _ := e.srv.Authority.Issue(ownerXZ, -time.Minute)

	headers := map[string]string{
		"no token":       "",
		"garbage":        "Bearer not.a.jwt",
		"foreign secret": "Bearer " + foreignToken,
		"expired":        "Bearer " + expiredToken,
		"wrong scheme":   "Basic " + e.token(ownerXZ),
		"empty bearer":   "Bearer ",
	}
	for name, h := range headers {
		t.Run(name, func(t *testing.T) {
			for _, doc := range []string{
				`{ projects { totalCount } }`,
				`{ viewer { userId } }`,
				`{ regions { code } }`,
				`query { project(id: "0190a5c4-0000-7000-8000-000000000001") { id } }`,
				`query { projectHistory(id: "0190a5c4-0000-7000-8000-000000000001") { totalCount } }`,
			} {
				res := e.postRaw(doc, nil, "Authorization", h)
				if res.Status != http.StatusOK || len(res.Errors) == 0 || res.Errors[0].Extensions["code"] != "UNAUTHENTICATED" {
					t.Fatalf("%s: HTTP %d %s", doc, res.Status, res.Body)
				}
				for field, v := range res.Data { // nullable fields are null, non-null ones null the data
					if v != nil {
						t.Errorf("%s: %s = %v, want null", doc, field, v)
					}
				}
			}
			res := e.postRaw(commandQuery("proposeProject"), vars("input", proposal("XZ-ANON")), "Authorization", h)
			if len(res.Errors) == 0 || res.Errors[0].Extensions["code"] != "UNAUTHENTICATED" {
				t.Fatalf("proposeProject: %s", res.Body)
			}
		})
	}
	want(t, e.ok(leader, `{ projects { totalCount } }`, nil), "projects.totalCount", 0)
}

// TestViewerIsTheTokensActor checks the viewer query for roles with and without an organisation.
func TestViewerIsTheTokensActor(t *testing.T) {
	e := newEnv(t)
	want(t, e.ok(ownerXZ, `{ viewer { userId role organization } }`, nil), "viewer",
		map[string]any{"userId": "li.wei", "role": "OWNER", "organization": "xz-bigdata"})
	want(t, e.ok(leader, `{ viewer { userId role organization } }`, nil), "viewer",
		map[string]any{"userId": "governor", "role": "LEADERSHIP", "organization": nil})
}

// TestRegionsAreTheCatalogueWithItsTree checks the region catalogue and its parent/child links.
func TestRegionsAreTheCatalogueWithItsTree(t *testing.T) {
	e := newEnv(t)
	q := e.ok(leader, `{ regions { code name nameEn level fullName parent { code } children { code } } }`, nil)
	regions := list(q, "regions")
	if len(regions) != len(domain.Regions()) {
		t.Fatalf("%d regions, want %d", len(regions), len(domain.Regions()))
	}
	byCode := map[string]any{}
	for _, r := range regions {
		byCode[str(r, "code")] = r
	}
	want(t, byCode["320000"], "parent", nil)
	want(t, byCode["320000"], "level", "PROVINCE")
	want(t, byCode["320300"], "parent.code", "320000")
	want(t, byCode["320322"], "fullName", "江苏省徐州市沛县")
	want(t, byCode["320322"], "children", []any{})
	var xuzhou []string
	for _, c := range list(byCode["320300"], "children") {
		xuzhou = append(xuzhou, str(c, "code"))
	}
	if got := strings.Join(xuzhou, ","); got != "320302,320303,320305,320311,320312,320321,320322,320324,320381,320382" {
		t.Errorf("children of 320300: %s", got)
	}
	want(t, byCode["421200"], "name", "咸宁市")
	want(t, byCode["510100"], "nameEn", "Chengdu")
}
