package graph_test

import (
	"fmt"
	"testing"

	"github.com/smartcity/portfolio/domain"
)

// TestAPageOfPPPArrangementsWithTheirPartsCostsAFixedNumberOfQueries checks the PPP loaders:
// listing arrangements with their project, and the ledger's reservations with their
// arrangements, takes as many read-model queries for 6 arrangements as for 2. (The parts
// replayed from events are loaded one stream per arrangement, concurrently, through the event
// store, which this counter does not see.)
func TestAPageOfPPPArrangementsWithTheirPartsCostsAFixedNumberOfQueries(t *testing.T) {
	e := newEnv(t)
	e.xuzhouLedger()
	for i := range 6 {
		e.procuring(ownerXZ, fmt.Sprintf("XZ-P-07%d", i), terms("obligations", obligations(2026, "100000")))
	}
	counted, counter := e.counted()
	queries := func(as domain.Actor, doc string, first int) (int64, map[string]any) {
		before := counter.n.Load()
		data := counted.ok(as, doc, vars("first", first))
		return counter.n.Load() - before, data
	}
	const page = `query($first: Int) { pppArrangements(first: $first) { edges { node { projectCode stage
		project { code } obligations { year amount } gates { stage } valueForMoney { passed } } } } }`
	small, _ := queries(leader, page, 2)
	large, data := queries(leader, page, 6)
	if small != 2 || large != 2 {
		t.Errorf("2 arrangements took %d queries, 6 took %d; want 2 each (arrangements, projects)", small, large)
	}
	edges := list(data, "pppArrangements.edges")
	if len(edges) != 6 {
		t.Fatalf("%d arrangements", len(edges))
	}
	for i, edge := range edges {
		want(t, edge, "node", map[string]any{"projectCode": fmt.Sprintf("XZ-P-07%d", i), "stage": "PROCUREMENT",
			"project": map[string]any{"code": fmt.Sprintf("XZ-P-07%d", i)}, "obligations": obligations(2026, "100000.00"),
			"gates":         []any{map[string]any{"stage": "IDENTIFICATION"}, map[string]any{"stage": "PREPARATION"}},
			"valueForMoney": map[string]any{"passed": true}})
	}

	const ledger = `query($first: Int) { pppLedger(region: "320300") { reservations { arrangement { projectCode project { code } } } }
		pppHeadroom(region: "320300", fromYear: 2026, toYear: 2026) { obligations } pppArrangements(first: $first) { totalCount } }`
	n, data := queries(office, ledger, 1)
	if n != 4 {
		t.Errorf("the ledger with 6 reservations took %d queries; want 4 (reserved arrangements, their projects, the list and its count)", n)
	}
	if got := len(list(data, "pppLedger.reservations")); got != 6 {
		t.Errorf("%d reservations", got)
	}
	want(t, data, "pppHeadroom.0.obligations", "600000.00")
}
