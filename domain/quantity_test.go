package domain

import (
	"encoding/json"
	"errors"
	"math/big"
	"testing"
)

func TestParseQuantity(t *testing.T) {
	for _, tc := range []struct {
		in, want string // want "" means refused
	}{
		{"680000", "680000"},
		{"0", "0"},
		{"-0", "0"},
		{"0.000", "0"},
		{"1.50", "1.5"},
		{"+2.000100", "2.0001"},
		{"-3.5", "-3.5"},
		{"0.000001", "0.000001"},
		{"-0.000001", "-0.000001"},
		{"007", "7"},
		{" 15 ", "15"},
		{"9223372036854775807", "9223372036854775807"},
		{"-9223372036854.775807", "-9223372036854.775807"},
		{"9223372036854775808", ""},
		{"0.0000001", ""},
		{"1.0000000", ""},
		{"1e6", ""},
		{"1,000", ""},
		{".5", ""},
		{"5.", ""},
		{"", ""},
		{"-", ""},
		{"abc", ""},
		{"1.2.3", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			q, err := ParseQuantity(tc.in)
			if tc.want == "" {
				if err == nil {
					t.Fatalf("ParseQuantity(%q) = %s; want an error", tc.in, q)
				}
				if !errors.Is(err, ErrInvalid) {
					t.Fatalf("error %v is not ErrInvalid", err)
				}
				return
			}
			if err != nil || q.String() != tc.want {
				t.Fatalf("ParseQuantity(%q) = %s, %v; want %s", tc.in, q, err, tc.want)
			}
		})
	}
}

func TestEqualQuantitiesAreEqualValues(t *testing.T) {
	if MustQuantity("1.50") != MustQuantity("1.5") || MustQuantity("100") != QuantityOf(100) || MustQuantity("-0.0") != (Quantity{}) {
		t.Error("equal quantities have different representations")
	}
	if MustQuantity("1.5") == MustQuantity("15") {
		t.Error("1.5 and 15 are the same value")
	}
}

func TestQuantityComparisonIsExact(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"0.1", "0.100000", 0},
		{"0.000001", "0", 1},
		{"-2", "-1.999999", -1},
		{"480000", "479999.999999", 1},
		{"9223372036854775807", "9223372036854775806", 1},
	} {
		if got := MustQuantity(tc.a).Cmp(MustQuantity(tc.b)); got != tc.want {
			t.Errorf("Cmp(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
	if got := MustQuantity("12.25").Rat(); got.Cmp(big.NewRat(49, 4)) != 0 {
		t.Errorf("Rat() = %s", got)
	}
	if MustQuantity("-3").Sign() != -1 || QuantityOf(0).Sign() != 0 || !QuantityOf(0).IsZero() || MustQuantity("0.5").Sign() != 1 {
		t.Error("Sign/IsZero")
	}
}

func TestQuantityIsADecimalStringInJSON(t *testing.T) {
	b, err := json.Marshal(map[string]Quantity{"v": MustQuantity("150.25")})
	if err != nil || string(b) != `{"v":"150.25"}` {
		t.Fatalf("marshal: %s, %v", b, err)
	}
	var back map[string]Quantity
	if err := json.Unmarshal(b, &back); err != nil || back["v"] != MustQuantity("150.25") {
		t.Fatalf("unmarshal: %v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"v":150.25}`), &back); err == nil {
		t.Fatal("a JSON number was accepted as a quantity")
	}
}
