package domain

import (
	"encoding/json"
	"testing"
)

func TestParseMoney(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Money
		ok   bool
	}{
		{"0", 0, true},
		{"0.1", 10, true},
		{"0.01", 1, true},
		{"1234.5", 123450, true},
		{"1234.56", 123456, true},
		{" 7 ", 700, true},
		{"+3", 300, true},
		{"-5", -500, true},
		{"-0.05", -5, true},
		{"10000000000000", MaxMoney, true},
		{"10000000000000.01", 0, false},
		{"99999999999999", 0, false},
		{"999999999999999999999", 0, false},
		{"1.234", 0, false},
		{"1.", 0, false},
		{".5", 0, false},
		{"", 0, false},
		{"-", 0, false},
		{"1e3", 0, false},
		{"1,000", 0, false},
		{"12a", 0, false},
		{"1.2.3", 0, false},
		{"--5", 0, false},
		{"NaN", 0, false},
		{"１２", 0, false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseMoney(tc.in)
			if tc.ok && (err != nil || got != tc.want) {
				t.Fatalf("ParseMoney(%q) = %d, %v; want %d fen", tc.in, got, err, tc.want)
			}
			if !tc.ok && err == nil {
				t.Fatalf("ParseMoney(%q) = %d fen; want an error", tc.in, got)
			}
		})
	}
}

func TestMoneyStringHasExactlyTwoDecimals(t *testing.T) {
	for _, tc := range []struct {
		m    Money
		want string
	}{
		{0, "0.00"}, {1, "0.01"}, {10, "0.10"}, {123456, "1234.56"}, {-5, "-0.05"}, {-500, "-5.00"},
		{Yuan(1_000_000_000), "1000000000.00"}, {MaxMoney, "10000000000000.00"},
	} {
		if got := tc.m.String(); got != tc.want {
			t.Errorf("Money(%d).String() = %q, want %q", int64(tc.m), got, tc.want)
		}
		back, err := ParseMoney(tc.want)
		if err != nil || back != tc.m {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d", tc.want, back, err, int64(tc.m))
		}
	}
}

func TestMoneyIsADecimalStringInJSON(t *testing.T) {
	b, err := json.Marshal(struct{ A Money }{A: 1050})
	if err != nil || string(b) != `{"A":"10.50"}` {
		t.Fatalf("marshal: %s, %v", b, err)
	}
	var v struct{ A Money }
	if err := json.Unmarshal([]byte(`{"A":"10.5"}`), &v); err != nil || v.A != 1050 {
		t.Fatalf("unmarshal: %d, %v", v.A, err)
	}
	if err := json.Unmarshal([]byte(`{"A":10.5}`), &v); err == nil {
		t.Fatal("a JSON number was accepted as money")
	}
	if err := json.Unmarshal([]byte(`{"A":"10.555"}`), &v); err == nil {
		t.Fatal("three decimals were accepted as money")
	}
	if Yuan(3).Fen() != 300 {
		t.Fatalf("Yuan(3).Fen() = %d", Yuan(3).Fen())
	}
}
