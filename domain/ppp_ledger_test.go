package domain

import (
	"strings"
	"testing"
)

func TestOpenPPPLedger(t *testing.T) {
	open := func(a Actor, region RegionCode) pppWhen {
		return onLedger((*PPPLedger).Open, a, OpenPPPLedger{Region: region})
	}
	runPPPCases(t, []pppCase{
		{
			name: "a finance bureau opens its region's ledger and keeps it", when: open(pppFinance, " 320800 "), thenLedger: []Event{pppLedgerOpened()},
			check: func(t *testing.T, w pppWorld) {
				l := w.ledger
				if !l.Exists() || l.Region() != haRegion || l.FinanceOrg() != pppFinance.OrgID || l.Version() != 1 || len(l.Rules()) != 0 || len(l.Budgets()) != 0 {
					t.Errorf("ledger %+v", l)
				}
				if _, ok := l.Cap(2018, ""); ok {
					t.Errorf("a ledger without budgets and rules caps nothing")
				}
			},
		},
		{name: "a region outside the catalogue is refused", when: open(pppFinance, "999999"), wantErr: ErrInvalid, wantMsg: "999999 is not a region in the catalogue"},
		{name: "a code that is no region code is refused", when: open(pppFinance, "HA"), wantErr: ErrInvalid, wantMsg: "six-digit"},
		{name: "a ledger is opened once", ledger: pppLedger(), when: open(pppFinance, haRegion), wantErr: ErrState, wantMsg: "already opened"},
		{name: "the office does not open ledgers", when: open(office, haRegion), wantErr: ErrForbidden},
		{name: "a finance actor without an organisation may not", when: open(Actor{UserID: "u", Role: RoleFinance}, haRegion), wantErr: ErrForbidden, wantMsg: "no organisation"},
	})
}

func TestRecordPPPBudget(t *testing.T) {
	record := func(a Actor, year int, budget Money, reason string) pppWhen {
		return onLedger((*PPPLedger).RecordBudget, a, RecordPPPBudget{Year: year, Budget: budget, Reason: reason})
	}
	full := pppLedger(reservedBy(arrID2, PPPViabilityGap, PPPYearAmount{2018, Yuan(3_900_000_000)}))
	runPPPCases(t, []pppCase{
		{
			name: "the bureau records a year's general public budget", ledger: []Event{pppLedgerOpened()}, when: record(pppFinance, 2021, Yuan(42_000_000_000), ""),
			thenLedger: []Event{budgetRecorded(2021, Yuan(42_000_000_000))},
			check: func(t *testing.T, w pppWorld) {
				if b, ok := w.ledger.Budget(2021); !ok || b != Yuan(42_000_000_000) {
					t.Errorf("budget %s %v", b, ok)
				}
				if _, ok := w.ledger.Budget(2022); ok {
					t.Errorf("a budget for 2022 appeared")
				}
			},
		},
		{
			name: "a later record replaces the year's budget, with a reason", ledger: pppLedger(), when: record(pppFinance, 2018, Yuan(41_000_000_000), " 预算调整 "),
			thenLedger: []Event{&PPPBudgetRecorded{Region: haRegion, Year: 2018, Budget: Yuan(41_000_000_000), Reason: "预算调整"}},
			check: func(t *testing.T, w pppWorld) {
				bs := w.ledger.Budgets()
				if len(bs) != 5 || bs[2] != (PPPBudget{Year: 2018, Amount: Yuan(41_000_000_000), Revisions: 1, Reason: "预算调整"}) {
					t.Errorf("budgets %+v", bs)
				}
			},
		},
		{
			name: "a replacement needs a reason", ledger: pppLedger(), when: record(pppFinance, 2018, Yuan(41_000_000_000), ""),
			wantErr: ErrInvalid, wantMsg: "reason: is required to replace the 2018 budget of 40000000000.00 yuan",
		},
		{name: "a replacement must change the figure", ledger: pppLedger(), when: record(pppFinance, 2018, haBudget, "r"), wantErr: ErrInvalid, wantMsg: "the 2018 budget is 40000000000.00 yuan already"},
		{
			name: "a lower budget may not put the year's obligations above the cap", ledger: full, when: record(pppFinance, 2018, Yuan(38_000_000_000), "预算调减"),
			wantErr: ErrState, wantMsg: "is holding 2018 obligations of 3900000000.00 yuan, above the 3800000000.00 yuan (10.00% for all arrangements from 2015-01-01 (财金〔2015〕21号)) that budget would allow",
		},
		{
			name: "a lower budget may bring the obligations to the cap exactly", ledger: full, when: record(pppFinance, 2018, Yuan(39_000_000_000), "预算调减"),
			thenLedger: []Event{&PPPBudgetRecorded{Region: haRegion, Year: 2018, Budget: Yuan(39_000_000_000), Reason: "预算调减"}},
			check: func(t *testing.T, w pppWorld) {
				if h, _ := w.ledger.Headroom(2018, ""); h != 0 || w.ledger.WarningLevel(2018) != PPPLevelWarning {
					t.Errorf("headroom %s, level %s", h, w.ledger.WarningLevel(2018))
				}
			},
		},
		{name: "a year before 2000 is refused", ledger: pppLedger(), when: record(pppFinance, 1999, Yuan(1), ""), wantErr: ErrInvalid, wantMsg: "year: 1999 is outside 2000..2099"},
		{name: "a budget of zero is refused", ledger: pppLedger(), when: record(pppFinance, 2021, 0, ""), wantErr: ErrInvalid, wantMsg: "budget"},
		{name: "a budget beyond the maximum is refused", ledger: pppLedger(), when: record(pppFinance, 2021, MaxMoney+1, ""), wantErr: ErrInvalid, wantMsg: "exceeds the maximum"},
		{name: "another bureau does not keep this ledger", ledger: pppLedger(), when: record(finance, 2021, Yuan(1), ""), wantErr: ErrForbidden, wantMsg: "kept by organisation org-ha-finance"},
		{name: "the office does not record budgets", ledger: pppLedger(), when: record(office, 2021, Yuan(1), ""), wantErr: ErrForbidden},
		{name: "a ledger never opened is not found", when: record(pppFinance, 2021, Yuan(1), ""), wantErr: ErrNotFound, wantMsg: "never opened"},
	})
}

func TestSetAffordabilityRule(t *testing.T) {
	set := func(a Actor, c SetPPPAffordabilityRule) pppWhen {
		return onLedger((*PPPLedger).SetAffordabilityRule, a, c)
	}
	rule := func(bp int, from string, m PPPReturnMechanism) SetPPPAffordabilityRule {
		return SetPPPAffordabilityRule{CapBP: bp, ValidFrom: MustDate(from), ReturnMechanism: m}
	}
	full := pppLedger(reservedBy(arrID2, PPPViabilityGap, PPPYearAmount{2018, Yuan(3_900_000_000)}))
	opened := []Event{pppLedgerOpened()}
	runPPPCases(t, []pppCase{
		{
			name: "the bureau records the MoF's standard 10% rule", ledger: opened, when: set(pppFinance, StandardPPPAffordabilityRule()),
			thenLedger: []Event{standardRuleSet()},
		},
		{
			name: "a rule for GOVERNMENT_PAYS only", ledger: pppLedger(), when: set(pppFinance, rule(500, "2019-03-07", PPPGovernmentPays)),
			thenLedger: []Event{&PPPAffordabilityRuleSet{Region: haRegion, CapBP: 500, ValidFrom: MustDate("2019-03-07"), ReturnMechanism: PPPGovernmentPays}},
		},
		{
			name: "a rule of the same scope and date replaces the earlier one", ledger: pppLedger(), when: set(pppFinance, rule(800, "2015-01-01", "")),
			thenLedger: []Event{&PPPAffordabilityRuleSet{Region: haRegion, CapBP: 800, ValidFrom: MustDate("2015-01-01")}},
			check: func(t *testing.T, w pppWorld) {
				if rs := w.ledger.Rules(); len(rs) != 1 || rs[0].CapBP != 800 {
					t.Errorf("rules %+v", rs)
				}
			},
		},
		{name: "the same rule twice is refused", ledger: pppLedger(), when: set(pppFinance, StandardPPPAffordabilityRule()), wantErr: ErrInvalid, wantMsg: "is in force already"},
		{
			name: "a rule for all arrangements may not put a year's obligations above its cap", ledger: full, when: set(pppFinance, rule(900, "2018-01-01", "")),
			wantErr: ErrState, wantMsg: "cannot set the rule 9.00% for all arrangements from 2018-01-01: PPP ledger of 淮安市 (320800) is holding 2018 obligations of " +
				"3900000000.00 yuan, 9.75% of the budget of 40000000000.00 yuan, above the 3600000000.00 yuan it would allow",
		},
		{
			name: "a lower rule from a later year leaves earlier years alone", ledger: full, when: set(pppFinance, rule(900, "2018-01-02", "")),
			thenLedger: []Event{&PPPAffordabilityRuleSet{Region: haRegion, CapBP: 900, ValidFrom: MustDate("2018-01-02")}},
		},
		{
			name: "a mechanism's rule narrows later approvals even below what is reserved", ledger: full, when: set(pppFinance, rule(500, "2018-01-01", PPPViabilityGap)),
			thenLedger: []Event{&PPPAffordabilityRuleSet{Region: haRegion, CapBP: 500, ValidFrom: MustDate("2018-01-01"), ReturnMechanism: PPPViabilityGap}},
			check: func(t *testing.T, w pppWorld) {
				if h, ok := w.ledger.Headroom(2018, PPPViabilityGap); !ok || h != 0 {
					t.Errorf("headroom %s", h)
				}
				if w.ledger.WarningLevel(2018) != PPPLevelWarning {
					t.Errorf("level %s", w.ledger.WarningLevel(2018))
				}
			},
		},
		{name: "a cap of zero is refused", ledger: pppLedger(), when: set(pppFinance, rule(0, "2020-01-01", "")), wantErr: ErrInvalid, wantMsg: "capBp: 0 is outside 1..10000"},
		{name: "a cap above 100% is refused", ledger: pppLedger(), when: set(pppFinance, rule(10001, "2020-01-01", "")), wantErr: ErrInvalid, wantMsg: "capBp"},
		{name: "a valid-from date is required", ledger: pppLedger(), when: set(pppFinance, SetPPPAffordabilityRule{CapBP: 500}), wantErr: ErrInvalid, wantMsg: "validFrom: is required"},
		{name: "an unknown mechanism is refused", ledger: pppLedger(), when: set(pppFinance, rule(500, "2020-01-01", "TOLLS")), wantErr: ErrInvalid, wantMsg: `"TOLLS"`},
		{
			name: "a basis longer than a document number is refused", ledger: pppLedger(),
			when: set(pppFinance, SetPPPAffordabilityRule{CapBP: 500, ValidFrom: MustDate("2020-01-01"), Basis: strings.Repeat("号", 101)}), wantErr: ErrInvalid, wantMsg: "basis",
		},
		{name: "another bureau may not", ledger: pppLedger(), when: set(finance, rule(500, "2020-01-01", "")), wantErr: ErrForbidden},
		{name: "leadership may not", ledger: pppLedger(), when: set(leadership, rule(500, "2020-01-01", "")), wantErr: ErrForbidden},
	})
}
