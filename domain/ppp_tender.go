package domain

import (
	"slices"
	"strings"
)

// LaunchPPPTender launches the procurement of the social-capital partner.
type LaunchPPPTender struct {
	Method     PPPProcurementMethod
	NoticeNo   string // optional: the procurement notice's number
	LaunchedOn Date
	Today      Date
}

// RecordPPPBid records one bidder's bid.
type RecordPPPBid struct {
	Bidder string // e.g. 中兴通讯股份有限公司
	Amount Money
	BidOn  Date
	Today  Date
}

// SelectPPPPartner selects one of the bidders as the social-capital partner.
type SelectPPPPartner struct {
	Partner    string
	SelectedOn Date
	Today      Date
}

// The procurement steps below are the owner's or the office's, while PROCUREMENT, in this order:
// the tender, bids, the partner (one of the bidders), then the contract and the project company.

// LaunchTender launches the procurement, once.
func (x *PPPArrangement) LaunchTender(a Actor, c LaunchPPPTender) ([]Event, error) {
	const action = "launch the PPP tender"
	if err := x.act(a, action, PPPProcurement, RoleOwner, RoleOffice); err != nil {
		return nil, err
	}
	if x.tender != nil {
		return nil, &StateError{Entity: x.entity(), Action: action, State: "tendered already on " + x.tender.LaunchedOn.String()}
	}
	method, err := ParsePPPProcurementMethod(string(c.Method))
	if err != nil {
		return nil, err
	}
	notice, err := optionalText("noticeNo", c.NoticeNo, maxDocNoLen)
	if err != nil {
		return nil, err
	}
	if err := x.checkStepDate("launchedOn", c.LaunchedOn, c.Today); err != nil {
		return nil, err
	}
	return x.record(&PPPTenderLaunched{ArrangementID: x.id, Method: method, NoticeNo: notice, LaunchedOn: c.LaunchedOn})
}

// RecordBid records a bid after the launch and before the partner is selected; each bidder bids once.
func (x *PPPArrangement) RecordBid(a Actor, c RecordPPPBid) ([]Event, error) {
	const action = "record a bid"
	if err := x.act(a, action, PPPProcurement, RoleOwner, RoleOffice); err != nil {
		return nil, err
	}
	if x.tender == nil {
		return nil, &StateError{Entity: x.entity(), Action: action, State: "without a launched tender"}
	}
	if x.partner != "" {
		return nil, &StateError{Entity: x.entity(), Action: action, State: "with partner " + x.partner + " selected already"}
	}
	bidder, err := requireText("bidder", c.Bidder, maxNameLen)
	if err != nil {
		return nil, err
	}
	if x.bidIndex(bidder) >= 0 {
		return nil, invalid("bidder", "%s has bid already", bidder)
	}
	if err := checkAmount("amount", c.Amount); err != nil {
		return nil, err
	}
	if err := checkPastDate("bidOn", c.BidOn, c.Today); err != nil {
		return nil, err
	}
	if err := checkNotBefore("bidOn", c.BidOn, x.tender.LaunchedOn, "tender launch on"); err != nil {
		return nil, err
	}
	return x.record(&PPPBidRecorded{ArrangementID: x.id, Bidder: bidder, Amount: c.Amount, BidOn: c.BidOn})
}

// SelectPartner selects one of the bidders, once, not before the latest bid.
func (x *PPPArrangement) SelectPartner(a Actor, c SelectPPPPartner) ([]Event, error) {
	const action = "select the PPP partner"
	if err := x.act(a, action, PPPProcurement, RoleOwner, RoleOffice); err != nil {
		return nil, err
	}
	if x.partner != "" {
		return nil, &StateError{Entity: x.entity(), Action: action, State: "with partner " + x.partner + " selected already"}
	}
	if len(x.bids) == 0 {
		return nil, &StateError{Entity: x.entity(), Action: action, State: "without bids"}
	}
	partner, err := requireText("partner", c.Partner, maxNameLen)
	if err != nil {
		return nil, err
	}
	if x.bidIndex(partner) < 0 {
		return nil, invalid("partner", "%s did not bid (bidders: %s)", partner, strings.Join(x.bidders(), ", "))
	}
	if err := checkPastDate("selectedOn", c.SelectedOn, c.Today); err != nil {
		return nil, err
	}
	if err := checkNotBefore("selectedOn", c.SelectedOn, x.lastBidOn(), "latest bid on"); err != nil {
		return nil, err
	}
	return x.record(&PPPPartnerSelected{ArrangementID: x.id, Partner: partner, SelectedOn: c.SelectedOn})
}

func (x *PPPArrangement) bidIndex(bidder string) int {
	return slices.IndexFunc(x.bids, func(b PPPBid) bool { return b.Bidder == bidder })
}

func (x *PPPArrangement) bidders() []string {
	out := make([]string, len(x.bids))
	for i, b := range x.bids {
		out[i] = b.Bidder
	}
	return out
}

func (x *PPPArrangement) lastBidOn() Date {
	var last Date
	for _, b := range x.bids {
		if b.BidOn.After(last) {
			last = b.BidOn
		}
	}
	return last
}
