package domain

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestRegionCatalogueIsAConsistentTree(t *testing.T) {
	rs := Regions()
	if len(rs) < 40 {
		t.Fatalf("only %d regions", len(rs))
	}
	seen := map[RegionCode]bool{}
	for _, r := range rs {
		if seen[r.Code] {
			t.Errorf("%s listed twice", r.Code)
		}
		seen[r.Code] = true
		if !regexp.MustCompile(`^\d{6}$`).MatchString(string(r.Code)) || r.Name == "" || r.NameEN == "" {
			t.Errorf("bad entry %+v", r)
		}
		parent, hasParent := r.ParentRegion()
		switch r.Level {
		case RegionProvince:
			if hasParent || !strings.HasSuffix(string(r.Code), "0000") {
				t.Errorf("province %s", r.Code)
			}
		case RegionCity:
			if !hasParent || parent.Level != RegionProvince || r.Code[:2] != parent.Code[:2] || !strings.HasSuffix(string(r.Code), "00") {
				t.Errorf("city %s under %s", r.Code, parent.Code)
			}
		case RegionCounty:
			if !hasParent || parent.Level != RegionCity || r.Code[:4] != parent.Code[:4] {
				t.Errorf("county %s under %s", r.Code, parent.Code)
			}
		default:
			t.Errorf("%s has level %q", r.Code, r.Level)
		}
	}
	if got := len(RegionChildren("320000")); got != 13 {
		t.Errorf("Jiangsu has %d cities in the catalogue, want 13", got)
	}
}

func TestRegionLookupsAndAncestry(t *testing.T) {
	pei, ok := LookupRegion("320322")
	if !ok || pei.Name != "沛县" {
		t.Fatalf("LookupRegion(320322) = %+v, %v", pei, ok)
	}
	var chain []RegionCode
	for _, a := range pei.Ancestors() {
		chain = append(chain, a.Code)
	}
	if !slices.Equal(chain, []RegionCode{"320300", "320000"}) {
		t.Errorf("ancestors of 沛县: %v", chain)
	}
	if pei.FullName() != "江苏省徐州市沛县" || len(pei.Path()) != 3 || pei.Path()[0].Code != "320000" {
		t.Errorf("path of 沛县: %s", pei.FullName())
	}
	if !pei.Within("320000") || !pei.Within("320300") || !pei.Within("320322") || pei.Within("320800") || pei.Within("420000") {
		t.Error("Within")
	}
	chibi, _ := LookupRegion("421281")
	if chibi.FullName() != "湖北省咸宁市赤壁市" {
		t.Errorf("赤壁市: %s", chibi.FullName())
	}
	if _, ok := LookupRegion("110000"); ok {
		t.Error("Beijing is not in the catalogue")
	}
	for _, bad := range []string{"110000", "32030", "3203000", "32030a", ""} {
		if _, err := ParseRegion(bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseRegion(%q) = %v, want ErrInvalid", bad, err)
		}
	}
	if r, err := ParseRegion(" 510107 "); err != nil || r.Name != "武侯区" {
		t.Errorf("ParseRegion(510107) = %+v, %v", r, err)
	}
}

func TestIDs(t *testing.T) {
	a, b := NewProjectID(), NewProjectID()
	if a == b || checkID("id", string(a)) != nil {
		t.Fatalf("minted ids %s %s", a, b)
	}
	if string(a) > string(b) {
		t.Errorf("UUIDv7 ids are not time-ordered: %s then %s", a, b)
	}
	if NewMilestoneID() == "" || NewIndicatorID() == "" || NewBudgetRevisionID() == "" {
		t.Error("empty minted id")
	}
	got, err := ParseProjectID("0190F1A2-0000-7000-8000-000000000001")
	if err != nil || got != pid {
		t.Errorf("ParseProjectID canonicalises: %s, %v", got, err)
	}
	for _, bad := range []string{"", "p-1", "00000000-0000-0000-0000-000000000000", "0190f1a2-0000-7000-8000-00000000000"} {
		if _, err := ParseProjectID(bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseProjectID(%q) = %v, want ErrInvalid", bad, err)
		}
	}
	if _, err := ParseMilestoneID("x"); !errors.Is(err, ErrInvalid) {
		t.Error("ParseMilestoneID")
	}
	if _, err := ParseIndicatorID(string(ind1)); err != nil {
		t.Error("ParseIndicatorID")
	}
	if _, err := ParseBudgetRevisionID("x"); !errors.Is(err, ErrInvalid) {
		t.Error("ParseBudgetRevisionID")
	}
	if ProjectStreamID(pid) != "project-"+string(pid) || ProjectCodeStreamID("XZ-1") != "project-code-XZ-1" {
		t.Error("stream ids")
	}
}

func TestProjectCodes(t *testing.T) {
	for in, ok := range map[string]bool{
		"XZ-2016-017": true, "A1": true, " HA-PPP-01 ": true, strings.Repeat("A", 40): true,
		"A": false, strings.Repeat("A", 41): false, "-A1": false, "xz-1": false, "XZ_1": false, "徐州-1": false, "": false,
	} {
		_, err := ParseProjectCode(in)
		if ok != (err == nil) {
			t.Errorf("ParseProjectCode(%q): %v", in, err)
		}
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseProjectCode(%q) error is not ErrInvalid", in)
		}
	}
	claim := ClaimProjectCode(proposedEvent())
	if claim.Code != "XZ-2016-017" || claim.ProjectID != pid {
		t.Errorf("claim %+v", claim)
	}
}

func TestEnumsAcceptOnlyTheirValues(t *testing.T) {
	if len(ProjectDomains()) != 20 || DomainTransport.Label() != "智慧交通" || ProjectDomain("X").Label() != "" {
		t.Error("project domains")
	}
	for _, d := range ProjectDomains() {
		if got, err := ParseProjectDomain(string(d)); err != nil || got != d || d.Label() == "" {
			t.Errorf("ParseProjectDomain(%s) = %s, %v", d, got, err)
		}
	}
	for _, s := range ProjectStatuses() {
		if got, err := ParseProjectStatus(string(s)); err != nil || got != s {
			t.Errorf("ParseProjectStatus(%s)", s)
		}
	}
	for _, c := range ExpenditureCategories() {
		if got, err := ParseExpenditureCategory(string(c)); err != nil || got != c {
			t.Errorf("ParseExpenditureCategory(%s)", c)
		}
	}
	for _, s := range FundingSources() {
		if got, err := ParseFundingSource(string(s)); err != nil || got != s {
			t.Errorf("ParseFundingSource(%s)", s)
		}
	}
	for name, parse := range map[string]func(string) error{
		"domain":   func(s string) error { _, err := ParseProjectDomain(s); return err },
		"status":   func(s string) error { _, err := ParseProjectStatus(s); return err },
		"category": func(s string) error { _, err := ParseExpenditureCategory(s); return err },
		"source":   func(s string) error { _, err := ParseFundingSource(s); return err },
	} {
		for _, bad := range []string{"", "transport", "Proposed", "equipment", "NOPE"} {
			var ve *ValidationError
			if err := parse(bad); !errors.As(err, &ve) {
				t.Errorf("%s %q: %v, want a ValidationError", name, bad, err)
			}
		}
	}
	terminal := 0
	for _, s := range ProjectStatuses() {
		if s.IsTerminal() {
			terminal++
		}
	}
	if terminal != 3 || !StatusEvaluated.IsTerminal() || StatusSuspended.IsTerminal() {
		t.Errorf("%d terminal statuses", terminal)
	}
}

func TestFundingPlanTotalsItsSources(t *testing.T) {
	f := FundingPlan{FiscalSpecialFund: 1, ConstructionFund: 20, PPPSocialCapital: 300, SelfRaised: 4000, BankLoan: 50000}
	if f.Total() != 54321 || f.Amount(SourcePPPSocialCapital) != 300 || f.Amount("X") != 0 {
		t.Errorf("total %s", f.Total())
	}
	if err := f.check(54321); err != nil {
		t.Errorf("a plan that adds up was refused: %v", err)
	}
	if err := f.check(54320); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "sources total 543.21 yuan") {
		t.Errorf("a plan that does not add up: %v", err)
	}
}
