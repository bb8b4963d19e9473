package readmodel

import (
	"errors"
	"testing"

	"github.com/smartcity/portfolio/domain"
)

func TestPageSizeAcceptsZeroToTheMaximum(t *testing.T) {
	for _, c := range []struct {
		first *int
		want  int
		ok    bool
	}{
		{nil, 20, true}, {ptr(0), 0, true}, {ptr(100), 100, true}, {ptr(101), 0, false}, {ptr(-1), 0, false},
	} {
		got, err := PageSize(c.first, 20)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("PageSize(%v) = %d, %v", c.first, got, err)
		}
		if err != nil && !errors.Is(err, domain.ErrInvalid) {
			t.Errorf("PageSize error %v is not ErrInvalid", err)
		}
	}
}

func TestCursorsRoundTripAndRefuseOtherKinds(t *testing.T) {
	c := encodeCursor("project", "0190a5c4-0000-7000-8000-000000000001")
	if key, err := decodeCursor("project", &c); err != nil || key != "0190a5c4-0000-7000-8000-000000000001" {
		t.Errorf("decode = %q, %v", key, err)
	}
	for _, bad := range []string{"garbage!", encodeCursor("event", "3"), encodeCursor("project", "")} {
		if _, err := decodeCursor("project", &bad); !errors.Is(err, domain.ErrInvalid) {
			t.Errorf("decode(%q) = %v, want ErrInvalid", bad, err)
		}
	}
	if key, err := decodeCursor("project", nil); key != "" || err != nil {
		t.Errorf("no cursor = %q, %v", key, err)
	}
}

func TestRegionPatternIncludesEverythingBelow(t *testing.T) {
	for code, want := range map[string]string{"320000": "32%", "320300": "3203%", "320322": "320322", "510100": "5101%"} {
		if got, err := RegionPattern(code); err != nil || got != want {
			t.Errorf("RegionPattern(%s) = %q, %v; want %q", code, got, err, want)
		}
	}
	if _, err := RegionPattern("999999"); !errors.Is(err, domain.ErrInvalid) {
		t.Errorf("unknown region: %v", err)
	}
}

func TestEscapeLikeMakesWildcardsLiteral(t *testing.T) {
	if got := escapeLike(`100%_a\b`); got != `100\%\_a\\b` {
		t.Errorf("escapeLike = %q", got)
	}
}

func ptr(i int) *int { return &i }
