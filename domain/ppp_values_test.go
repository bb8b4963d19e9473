package domain

import (
	"strings"
	"testing"
)

func TestPPPIdsAndStreams(t *testing.T) {
	if got := PPPArrangementStreamID(arrID1); got != "ppp-"+string(arrID1) {
		t.Errorf("arrangement stream %q", got)
	}
	if got := PPPLedgerStreamID(haRegion); got != "ppp-ledger-320800" {
		t.Errorf("ledger stream %q", got)
	}
	if PPPArrangementStreamType != "ppp_arrangement" || PPPLedgerStreamType != "ppp_ledger" {
		t.Errorf("stream types %q %q", PPPArrangementStreamType, PPPLedgerStreamType)
	}
	a, b := NewPPPArrangementID(), NewPPPArrangementID()
	if a == b || checkID("id", string(a)) != nil || checkID("id", string(NewPPPPaymentID())) != nil {
		t.Errorf("minted ids %s %s", a, b)
	}
	if id, err := ParsePPPArrangementID(strings.ToUpper(string(arrID1))); err != nil || id != arrID1 || id.String() != string(arrID1) {
		t.Errorf("parse %s: %v", id, err)
	}
	if id, err := ParsePPPPaymentID(" " + string(pay1) + " "); err != nil || id != pay1 || id.String() != string(pay1) {
		t.Errorf("parse %s: %v", id, err)
	}
	if _, err := ParsePPPArrangementID("ppp-1"); err == nil {
		t.Error("a malformed id was parsed")
	}
}

func TestPPPEnumsParseExactlyTheirNames(t *testing.T) {
	for _, s := range PPPStages() {
		if v, err := ParsePPPStage(string(s)); err != nil || v != s || v.String() != string(s) {
			t.Errorf("stage %s: %v", s, err)
		}
	}
	for _, m := range PPPOperationModes() {
		if v, err := ParsePPPOperationMode(string(m)); err != nil || v.String() != string(m) {
			t.Errorf("mode %s: %v", m, err)
		}
	}
	for _, m := range PPPReturnMechanisms() {
		if v, err := ParsePPPReturnMechanism(string(m)); err != nil || v.String() != string(m) {
			t.Errorf("mechanism %s: %v", m, err)
		}
	}
	for _, m := range PPPProcurementMethods() {
		if v, err := ParsePPPProcurementMethod(string(m)); err != nil || v.String() != string(m) {
			t.Errorf("method %s: %v", m, err)
		}
	}
	for _, k := range PPPPaymentKinds() {
		if v, err := ParsePPPPaymentKind(string(k)); err != nil || v.String() != string(k) {
			t.Errorf("kind %s: %v", k, err)
		}
	}
	for _, bad := range []func() error{
		func() error { _, err := ParsePPPStage("identification"); return err },
		func() error { _, err := ParsePPPOperationMode("O&M"); return err },
		func() error { _, err := ParsePPPReturnMechanism(""); return err },
		func() error { _, err := ParsePPPProcurementMethod("TENDER"); return err },
		func() error { _, err := ParsePPPPaymentKind("availability"); return err },
	} {
		checkErr(t, bad(), ErrInvalid, "is not one of")
	}
	if PPPLevelWarning.String() != "WARNING" || !PPPCancelled.IsTerminal() || PPPTransfer.IsTerminal() {
		t.Error("level name or terminal stages")
	}
}

func TestBasisPointArithmeticDoesNotOverflow(t *testing.T) {
	for _, c := range []struct {
		m    Money
		bp   int
		want Money
	}{
		{MaxMoney, 10000, MaxMoney},
		{MaxMoney, 1000, MaxMoney / 10},
		{MaxMoney, 4999, MaxMoney / 10000 * 4999},
		{Yuan(1), 1, 0}, // 100 fen × 0.01% rounds down to 0
		{10001, 5000, 5000},
		{0, 10000, 0},
	} {
		if got := mulBP(c.m, c.bp); got != c.want {
			t.Errorf("mulBP(%d, %d) = %d, want %d", c.m, c.bp, got, c.want)
		}
	}
	for _, c := range []struct {
		part, whole Money
		down, up    int
	}{
		{MaxMoney, MaxMoney, 10000, 10000},
		{MaxMoney - 1, MaxMoney, 9999, 10000},
		{MaxMoney * 3, MaxMoney, 30000, 30000},
		{Yuan(7), Yuan(100), 700, 700},
		{Yuan(700) - 1, Yuan(10_000), 699, 700},
		{0, Yuan(1), 0, 0},
		{Yuan(1), 0, 0, 0},
		{-1, Yuan(1), 0, 0},
	} {
		if d, u := ratioBP(c.part, c.whole), ratioBPUp(c.part, c.whole); d != c.down || u != c.up {
			t.Errorf("ratio(%d, %d) = %d/%d, want %d/%d", c.part, c.whole, d, u, c.down, c.up)
		}
	}
	if formatBP(1000) != "10.00%" || formatBP(4999) != "49.99%" || formatBP(5) != "0.05%" {
		t.Errorf("formatBP %s %s %s", formatBP(1000), formatBP(4999), formatBP(5))
	}
}

func TestStandardPPPAffordabilityRule(t *testing.T) {
	r := StandardPPPAffordabilityRule()
	if r.CapBP != 1000 || r.ValidFrom != MustDate("2015-01-01") || r.ReturnMechanism != "" || r.Basis != "财金〔2015〕21号" {
		t.Errorf("standard rule %+v", r)
	}
}
