package domain

import "testing"

func proposal() ProposeProject {
	return ProposeProject{ID: pid, Code: "XZ-2016-017", ProjectDetails: validDetails()}
}

// proposalWith returns a valid proposal changed by f.
func proposalWith(f func(*ProposeProject)) ProposeProject {
	c := proposal()
	f(&c)
	return c
}

func TestPropose(t *testing.T) {
	propose := func(a Actor, f func(*ProposeProject)) func(*Project) ([]Event, error) {
		return do((*Project).Propose, a, proposalWith(f))
	}
	same := func(*ProposeProject) {}
	runProjectCases(t, []projectCase{
		{
			name:  "an owner proposes a project for its own organisation",
			when:  propose(owner, same),
			then:  []Event{proposedEvent()},
			check: func(t *testing.T, p *Project) { expectStatus(t, p, StatusProposed) },
		},
		{
			name: "text is stored trimmed",
			when: propose(owner, func(c *ProposeProject) { c.Name = "  " + c.Name + " \n" }),
			then: []Event{proposedEvent()},
		},
		{name: "the office may not propose", when: propose(office, same), wantErr: ErrForbidden},
		{name: "leadership may not propose", when: propose(leadership, same), wantErr: ErrForbidden},
		{
			name:    "an owner without an organisation may not propose",
			when:    propose(Actor{UserID: "u", Role: RoleOwner}, same),
			wantErr: ErrForbidden, wantMsg: "no organisation",
		},
		{
			name: "a project is proposed only once", given: history(StatusProposed),
			when: propose(owner, same), wantErr: ErrState, wantMsg: "already proposed",
		},
		{name: "the id must be a UUID", when: propose(owner, func(c *ProposeProject) { c.ID = "p-1" }), wantErr: ErrInvalid, wantMsg: "not a UUID"},
		{
			name:    "the id must be canonical",
			when:    propose(owner, func(c *ProposeProject) { c.ID = "0190F1A2-0000-7000-8000-000000000001" }),
			wantErr: ErrInvalid, wantMsg: "canonical",
		},
		{name: "the code is required", when: propose(owner, func(c *ProposeProject) { c.Code = "" }), wantErr: ErrInvalid, wantMsg: "code"},
		{name: "a lower-case code is refused", when: propose(owner, func(c *ProposeProject) { c.Code = "xz-1" }), wantErr: ErrInvalid},
		{name: "a code starting with a hyphen is refused", when: propose(owner, func(c *ProposeProject) { c.Code = "-XZ1" }), wantErr: ErrInvalid},
		{name: "the name is required", when: propose(owner, func(c *ProposeProject) { c.Name = "  " }), wantErr: ErrInvalid, wantMsg: "name"},
		{name: "an unknown domain is refused", when: propose(owner, func(c *ProposeProject) { c.Domain = "SPACE" }), wantErr: ErrInvalid, wantMsg: `"SPACE"`},
		{name: "an unknown region is refused", when: propose(owner, func(c *ProposeProject) { c.Region = "990000" }), wantErr: ErrInvalid, wantMsg: "990000"},
		{
			name:    "a zero planned investment is refused",
			when:    propose(owner, func(c *ProposeProject) { c.PlannedInvestment, c.Funding = 0, FundingPlan{} }),
			wantErr: ErrInvalid, wantMsg: "plannedInvestment",
		},
		{
			name: "a planned investment above the maximum is refused",
			when: propose(owner, func(c *ProposeProject) {
				c.PlannedInvestment, c.Funding = MaxMoney+1, FundingPlan{SelfRaised: MaxMoney + 1}
			}),
			wantErr: ErrInvalid, wantMsg: "maximum",
		},
		{
			name:    "funding sources that do not add up to the planned investment are refused",
			when:    propose(owner, func(c *ProposeProject) { c.Funding.BankLoan = Yuan(1) }),
			wantErr: ErrInvalid, wantMsg: "sources total 12000001.00 yuan",
		},
		{
			name: "a negative funding source is refused even when the sum fits",
			when: propose(owner, func(c *ProposeProject) {
				c.Funding.BankLoan, c.Funding.SelfRaised = Yuan(-1), c.Funding.SelfRaised+Yuan(1)
			}),
			wantErr: ErrInvalid, wantMsg: "negative",
		},
		{name: "a missing planned start is refused", when: propose(owner, func(c *ProposeProject) { c.PlannedStart = Date{} }), wantErr: ErrInvalid, wantMsg: "plannedStart"},
		{
			name:    "an impossible calendar date is refused",
			when:    propose(owner, func(c *ProposeProject) { c.PlannedEnd = Date{2017, 2, 30} }),
			wantErr: ErrInvalid, wantMsg: "not a calendar date",
		},
		{
			name:    "a planned end before the planned start is refused",
			when:    propose(owner, func(c *ProposeProject) { c.PlannedEnd = MustDate("2016-02-01") }),
			wantErr: ErrInvalid, wantMsg: "before the planned start 2016-03-01",
		},
		{
			name:    "a date far outside the supported range is refused",
			when:    propose(owner, func(c *ProposeProject) { c.PlannedEnd = MustDate("2216-02-01") }),
			wantErr: ErrInvalid, wantMsg: "supported range",
		},
	})
}

func TestRevise(t *testing.T) {
	revised := validDetails()
	revised.Name = "徐州市大数据中心(一期)"
	revised.Region = "320312"
	revised.PlannedInvestment = Yuan(11_000_000)
	revised.Funding.SelfRaised = Yuan(3_000_000)
	wantRevised := &ProjectRevised{
		ProjectID: pid, Name: revised.Name, Domain: revised.Domain, Region: revised.Region,
		Description: revised.Description, PlannedInvestment: revised.PlannedInvestment, Funding: revised.Funding,
		PlannedStart: revised.PlannedStart, PlannedEnd: revised.PlannedEnd,
	}
	revise := func(a Actor, d ProjectDetails) func(*Project) ([]Event, error) {
		return do((*Project).Revise, a, ReviseProject{ProjectDetails: d})
	}
	badFunding := revised
	badFunding.Funding.SelfRaised = 0
	runProjectCases(t, []projectCase{
		{
			name: "an owner revises its proposed project", given: history(StatusProposed),
			when: revise(owner, revised), then: []Event{wantRevised},
			check: func(t *testing.T, p *Project) {
				if p.Region() != "320312" || p.PlannedInvestment() != Yuan(11_000_000) {
					t.Errorf("region %s, investment %s", p.Region(), p.PlannedInvestment())
				}
			},
		},
		{name: "an owner revises its returned project", given: history(StatusReturned), when: revise(owner, revised), then: []Event{wantRevised}},
		{name: "another organisation may not revise it", given: history(StatusProposed), when: revise(otherOwner, revised), wantErr: ErrForbidden},
		{name: "the office may not revise it", given: history(StatusProposed), when: revise(office, revised), wantErr: ErrForbidden},
		{name: "a project that does not exist cannot be revised", when: revise(owner, revised), wantErr: ErrNotFound},
		{name: "a project under review cannot be revised", given: history(StatusUnderReview), when: revise(owner, revised), wantErr: ErrState, wantMsg: "UNDER_REVIEW"},
		{name: "an approved project cannot be revised", given: history(StatusApproved), when: revise(owner, revised), wantErr: ErrState},
		{name: "a revision that changes nothing is refused", given: history(StatusProposed), when: revise(owner, validDetails()), wantErr: ErrInvalid, wantMsg: "changes nothing"},
		{name: "a revision's funding must add up", given: history(StatusProposed), when: revise(owner, badFunding), wantErr: ErrInvalid, wantMsg: "planned investment is 11000000.00"},
	})
}

func expectStatus(t *testing.T, p *Project, want ProjectStatus) {
	t.Helper()
	if p.Status() != want {
		t.Errorf("status is %s, want %s", p.Status(), want)
	}
}
