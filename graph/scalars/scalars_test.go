package scalars

import (
	"bytes"
	"errors"
	"testing"

	"github.com/smartcity/portfolio/domain"
)

func TestMoneyIsADecimalStringOfYuan(t *testing.T) {
	var b bytes.Buffer
	MarshalMoney(domain.Money(120000050)).MarshalGQL(&b)
	if b.String() != `"1200000.50"` {
		t.Errorf("MarshalMoney = %s", b.String())
	}
	for in, want := range map[string]domain.Money{"1200000": 120000000, "0.5": 50, "-3.25": -325} {
		if got, err := UnmarshalMoney(in); err != nil || got != want {
			t.Errorf("UnmarshalMoney(%q) = %d, %v", in, got, err)
		}
	}
	for _, bad := range []any{"1.234", "1e6", "1,000", "", 12.5, nil, true} {
		if _, err := UnmarshalMoney(bad); !errors.Is(err, domain.ErrInvalid) {
			t.Errorf("UnmarshalMoney(%v) = %v, want ErrInvalid", bad, err)
		}
	}
}

func TestDatesAndQuantitiesAreStrictStrings(t *testing.T) {
	if d, err := UnmarshalDate("2017-12-31"); err != nil || d != domain.MustDate("2017-12-31") {
		t.Errorf("UnmarshalDate = %v, %v", d, err)
	}
	for _, bad := range []any{"2017-02-30", "31.12.2017", 20171231} {
		if _, err := UnmarshalDate(bad); !errors.Is(err, domain.ErrInvalid) {
			t.Errorf("UnmarshalDate(%v) = %v", bad, err)
		}
	}
	var b bytes.Buffer
	MarshalQuantity(domain.MustQuantity("680000.50")).MarshalGQL(&b)
	if b.String() != `"680000.5"` {
		t.Errorf("MarshalQuantity = %s", b.String())
	}
	if _, err := UnmarshalQuantity("1.0000001"); !errors.Is(err, domain.ErrInvalid) {
		t.Errorf("seven decimals: %v", err)
	}
	if _, err := UnmarshalTimestamp("yesterday"); !errors.Is(err, domain.ErrInvalid) {
		t.Errorf("timestamp: %v", err)
	}
}

func TestJSONIsWrittenAsStored(t *testing.T) {
	var b bytes.Buffer
	MarshalJSON([]byte(`{"a":"1.00"}`)).MarshalGQL(&b)
	if b.String() != `{"a":"1.00"}` {
		t.Errorf("MarshalJSON = %s", b.String())
	}
	b.Reset()
	MarshalJSON(nil).MarshalGQL(&b)
	if b.String() != "null" {
		t.Errorf("MarshalJSON(nil) = %s", b.String())
	}
	if raw, err := UnmarshalJSON(map[string]any{"x": 1}); err != nil || string(raw) != `{"x":1}` {
		t.Errorf("UnmarshalJSON = %s, %v", raw, err)
	}
}
