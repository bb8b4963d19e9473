// Package graph is the portfolio's GraphQL API: the schema in graph/schema (split by area), the
// resolvers beside this file (generated stubs, filled in by hand, one file per schema file), and
// the HTTP handler that serves them. Resolvers are thin: they parse the input into domain values,
// run the command through the application service and answer from the read models.
package graph

import (
	"github.com/smartcity/portfolio/graph/readmodel"
	"github.com/smartcity/portfolio/internal/app"
	"github.com/smartcity/portfolio/internal/live"
	"github.com/smartcity/portfolio/internal/oc4ids"
	"github.com/smartcity/portfolio/internal/portfolio"
)

// rootResolver is the wiring root every resolver hangs off: the command service and the read
// models. Per-request state (dataloaders, "today", the correlation id) travels in the
// request's context instead.
type rootResolver struct {
	svc  *app.Service
	rm   *readmodel.Store
	live *live.Broker // the events of subscriptions
	// export builds the OC4IDS exports; a portfolio export holds at most exportMax projects.
	export    *oc4ids.Exporter
	exportMax int
	summary   *portfolio.Reader // the portfolio summary
}
