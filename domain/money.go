package domain

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Money is an amount of Chinese yuan held as integer fen (1 yuan = 100 fen). It is never a float.
type Money int64

// MaxMoney is the largest amount any single figure may hold: 10 trillion yuan. Anything larger is
// taken to be a typing error rather than a real budget.
const MaxMoney Money = 10_000_000_000_000 * 100

// Yuan returns the amount of whole yuan as Money; for seeds and tests.
func Yuan(y int64) Money { return Money(y * 100) }

// ParseMoney reads a decimal yuan string such as "1234.5", "1234.56" or "-3" into fen. It refuses
// more than two decimals, exponents, separators and anything beyond MaxMoney in size.
func ParseMoney(s string) (Money, error) {
	raw := s
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("money %q: empty amount", raw)
	}
	neg := false
	if s[0] == '-' || s[0] == '+' {
		neg = s[0] == '-'
		s = s[1:]
	}
	whole, frac, hasDot := strings.Cut(s, ".")
	if whole == "" || (hasDot && frac == "") {
		return 0, fmt.Errorf("money %q: not a decimal yuan amount", raw)
	}
	if len(frac) > 2 {
		return 0, fmt.Errorf("money %q: at most two decimals (fen) are allowed", raw)
	}
	for _, part := range []string{whole, frac} {
		for _, r := range part {
			if r < '0' || r > '9' {
				return 0, fmt.Errorf("money %q: not a decimal yuan amount", raw)
			}
		}
	}
	if len(whole) > 14 {
		return 0, fmt.Errorf("money %q: exceeds the maximum of %s yuan", raw, MaxMoney)
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("money %q: %w", raw, err)
	}
	for len(frac) < 2 {
		frac += "0"
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	m := Money(w*100 + f)
	if m > MaxMoney {
		return 0, fmt.Errorf("money %q: exceeds the maximum of %s yuan", raw, MaxMoney)
	}
	if neg {
		m = -m
	}
	return m, nil
}

// String formats the amount as a decimal yuan string with exactly two decimals, e.g. "1234.50".
func (m Money) String() string {
	sign := ""
	v := int64(m)
	if v < 0 {
		sign = "-"
		v = -v
	}
	return fmt.Sprintf("%s%d.%02d", sign, v/100, v%100)
}

// Fen is the amount in fen.
func (m Money) Fen() int64 { return int64(m) }

// MarshalJSON stores money as a decimal string so no JSON reader turns it into a float.
func (m Money) MarshalJSON() ([]byte, error) { return json.Marshal(m.String()) }

// UnmarshalJSON reads the decimal string written by MarshalJSON.
func (m *Money) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("money must be a decimal string: %w", err)
	}
	v, err := ParseMoney(s)
	if err != nil {
		return err
	}
	*m = v
	return nil
}
