package graph_test

import (
	"testing"

	"github.com/smartcity/portfolio/domain"
)

const relatedEventsSub = `subscription($id: ID!) { projectEvents(projectId: $id) {
	projectId applicationId arrangementId event { version type changes { path before after } } } }`

// TestProjectSubscribersReceiveTheApplicationsAndArrangementsEventsTheyMaySee: the leadership and
// the owner follow a Xuzhou project, an expert follows it too, and the Huai'an owner follows its
// own project. The Xuzhou owner drafts a funding application and identifies a PPP arrangement for
// the project, then plans a milestone; the Huai'an owner then submits its project. The leadership
// and the owner receive the application's and the arrangement's events, each naming its
// application or arrangement, then the milestone; the expert's first event is the milestone (it
// sees neither applications nor arrangements), and the Huai'an owner's first is its own
// submission, so none of the Xuzhou events were sent to it.
func TestProjectSubscribersReceiveTheApplicationsAndArrangementsEventsTheyMaySee(t *testing.T) {
	e := newEnv(t)
	xz, _ := e.fundable(ownerXZ, proposal("XZ-2024-080"))
	fund := e.establish(financer, "1200000")
	ha := e.propose(ownerHA, proposal("HA-2024-080", "region", "320800"))

	follow := func(a domain.Actor, project string) *wsClient {
		c, err := e.dial(nil, map[string]any{"Authorization": e.bearer(a)})
		if err != nil {
			t.Fatalf("%s refused: %v", a.UserID, err)
		}
		c.subscribe("p", relatedEventsSub, vars("id", project))
		return c
	}
	lead, owner, expert, other := follow(leader, xz), follow(ownerXZ, xz), follow(expert1, xz), follow(ownerHA, ha)
	e.waitSubscribers(4)

	app := e.draft(ownerXZ, fund, xz, "300000")
	arr := str(e.ppp(ownerXZ, "identifyPPP", map[string]any{"projectId": xz, "terms": terms()}), "arrangement.id")
	e.command(ownerXZ, "planMilestone", on(xz, "name", "三期运维上线", "plannedDate", "2025-06-30", "weight", 20))
	e.command(ownerHA, "submitProjectForReview", on(ha))

	for name, c := range map[string]*wsClient{"leadership": lead, "owner": owner} {
		got := c.data("p")
		want(t, got, "projectEvents.projectId", xz)
		want(t, got, "projectEvents.applicationId", app)
		want(t, got, "projectEvents.arrangementId", nil)
		want(t, got, "projectEvents.event.type", "ApplicationDrafted.v1")
		got = c.data("p")
		want(t, got, "projectEvents.projectId", xz)
		want(t, got, "projectEvents.applicationId", nil)
		want(t, got, "projectEvents.arrangementId", arr)
		want(t, got, "projectEvents.event.type", "PPPArrangementIdentified.v1")
		want(t, got, "projectEvents.event.version", 1)
		if len(list(got, "projectEvents.event.changes")) == 0 {
			t.Errorf("%s: the identification carries no changes", name)
		}
		want(t, c.data("p"), "projectEvents.event.type", "MilestonePlanned.v1")
	}
	got := expert.data("p")
	want(t, got, "projectEvents.event.type", "MilestonePlanned.v1")
	want(t, got, "projectEvents.applicationId", nil)
	want(t, got, "projectEvents.arrangementId", nil)
	got = other.data("p")
	want(t, got, "projectEvents.projectId", ha)
	want(t, got, "projectEvents.event.type", "ProjectSubmittedForReview.v1")
}
