package oc4ids_test

import (
	"context"
	"fmt"
	"time"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/app"
)

// The “智慧淮安” PPP of the demo (seeds/demo_huaian.go, seeds/demo_ppp_huaian.go): the project's
// owner and office, the finance bureau that keeps Huai'an's ledger and pays, the partner ZTE,
// the other two bidders and the project company.
var (
	haOwner   = domain.Actor{UserID: "seed-owner-ha-city-gov", Role: domain.RoleOwner, OrgID: "ha-city-gov"}
	haOffice  = domain.Actor{UserID: "seed-office-ha", Role: domain.RoleOffice, OrgID: "ha-smart-office"}
	haFinance = domain.Actor{UserID: "seed-finance-ha", Role: domain.RoleFinance, OrgID: "ha-finance-bureau"}
)

const (
	zte        = "中兴通讯股份有限公司"
	haBidder2  = "江苏省某信息产业集团有限公司(联合体)"
	haBidder3  = "某通信服务股份有限公司"
	haCompany  = "淮安智慧城市建设运营有限公司(项目公司)"
	haContract = "HA-PPP-2016-001"
)

// wan is an amount in 万元 (ten thousand yuan), the unit of the demo's figures.
func wan(n int64) domain.Money { return domain.Yuan(n * 10_000) }

// pppPayments are the payments scheduled on a demo arrangement, by "<year>/<kind>", read back
// from its events (the demo mints their ids).
func (e *env) pppPayments(id domain.PPPArrangementID) map[string]domain.PPPPayment {
	e.t.Helper()
	x, err := e.svc.PPPArrangement(context.Background(), id)
	if err != nil {
		e.t.Fatalf("replay PPP arrangement %s: %v", id, err)
	}
	out := map[string]domain.PPPPayment{}
	for _, p := range x.Payments() {
		out[paymentKey(p.Year, p.Kind)] = p
	}
	return out
}

func paymentKey(year int, kind domain.PPPPaymentKind) string {
	return fmt.Sprintf("%d/%s", year, kind)
}

// payPPP has the Huai'an finance bureau pay a scheduled payment of a demo arrangement today,
// through the command service.
func (e *env) payPPP(id domain.PPPArrangementID, payment domain.PPPPaymentID, amount domain.Money) {
	e.t.Helper()
	c := domain.RecordPPPPayment{PaymentID: payment, Amount: amount, PaidOn: e.svc.Today()}
	_, err := e.svc.OnPPP(context.Background(), app.Request{Actor: haFinance}, "RecordPPPPayment", id, c, app.Ref{PaymentID: payment},
		func(x *domain.PPPArrangement, _ *domain.PPPLedger, a domain.Actor) ([]domain.Event, []domain.Event, error) {
			c.Today = e.svc.Today()
			events, err := x.RecordPayment(a, c)
			return events, nil, err
		})
	if err != nil {
		e.t.Fatalf("pay PPP payment %s: %v", payment, err)
	}
}

// nextDay is 09:00 in China n days after the day of t.
func nextDay(t time.Time, n int) time.Time {
	t = t.In(cst)
	return time.Date(t.Year(), t.Month(), t.Day()+n, 9, 0, 0, 0, cst)
}
