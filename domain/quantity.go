package domain

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// MaxQuantityDecimals is how many decimals an indicator quantity may carry.
const MaxQuantityDecimals = 6

// Quantity is an exact decimal number an indicator is measured in (users, km, percent, yuan of
// turnover...). It is not Money: its unit belongs to the indicator. It holds unscaled/10^scale with
// trailing zeros removed, so equal quantities are == and compare equal with reflect.DeepEqual.
type Quantity struct {
	unscaled int64
	scale    int8 // 0..MaxQuantityDecimals
}

// QuantityOf is the whole number n as a Quantity.
func QuantityOf(n int64) Quantity { return Quantity{unscaled: n} }

// ParseQuantity reads a plain decimal such as "680000", "-3.5" or "0.000001". It refuses
// exponents, separators, more than six decimals and magnitudes beyond what 64 bits hold.
func ParseQuantity(s string) (Quantity, error) {
	raw := s
	s = strings.TrimSpace(s)
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	whole, frac, hasDot := strings.Cut(s, ".")
	if whole == "" || (hasDot && frac == "") || !allDigits(whole) || !allDigits(frac) {
		return Quantity{}, invalid("quantity", "%q is not a decimal number", raw)
	}
	if len(frac) > MaxQuantityDecimals {
		return Quantity{}, invalid("quantity", "%q has %d decimals, at most %d allowed", raw, len(frac), MaxQuantityDecimals)
	}
	mag, ok := new(big.Int).SetString(whole+frac, 10)
	if !ok || !mag.IsInt64() {
		return Quantity{}, invalid("quantity", "%q is too large", raw)
	}
	u := mag.Int64()
	if neg {
		u = -u
	}
	return normalQuantity(u, int8(len(frac))), nil
}

// MustQuantity is ParseQuantity for literals in seeds and tests; it panics on a malformed literal.
func MustQuantity(s string) Quantity {
	q, err := ParseQuantity(s)
	if err != nil {
		panic(err)
	}
	return q
}

func allDigits(s string) bool { return strings.Trim(s, "0123456789") == "" }

// normalQuantity strips trailing zeros of the fraction so that each value has one representation.
func normalQuantity(u int64, scale int8) Quantity {
	for scale > 0 && u%10 == 0 {
		u /= 10
		scale--
	}
	if u == 0 {
		scale = 0
	}
	return Quantity{unscaled: u, scale: scale}
}

// String writes the shortest exact decimal, e.g. "680000", "-3.5", "0.000001".
func (q Quantity) String() string {
	if q.scale == 0 {
		return strconv.FormatInt(q.unscaled, 10)
	}
	sign := ""
	var mag uint64
	if q.unscaled < 0 {
		sign = "-"
		mag = uint64(-q.unscaled) // ParseQuantity keeps magnitudes within MaxInt64
	} else {
		mag = uint64(q.unscaled)
	}
	digits := fmt.Sprintf("%0*d", int(q.scale)+1, mag)
	cut := len(digits) - int(q.scale)
	return sign + digits[:cut] + "." + digits[cut:]
}

// Rat is the exact value as a big.Rat, for arithmetic in read models.
func (q Quantity) Rat() *big.Rat {
	den := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(q.scale)), nil)
	return new(big.Rat).SetFrac(big.NewInt(q.unscaled), den)
}

// Cmp compares q and o: -1 when q < o, 0 when equal, +1 when q > o.
func (q Quantity) Cmp(o Quantity) int { return q.Rat().Cmp(o.Rat()) }

// Sign is -1, 0 or +1.
func (q Quantity) Sign() int {
	switch {
	case q.unscaled < 0:
		return -1
	case q.unscaled > 0:
		return 1
	}
	return 0
}

// IsZero reports whether the quantity is 0.
func (q Quantity) IsZero() bool { return q.unscaled == 0 }

// MarshalJSON writes the quantity as a decimal string so no JSON reader turns it into a float.
func (q Quantity) MarshalJSON() ([]byte, error) { return json.Marshal(q.String()) }

// UnmarshalJSON reads the decimal string written by MarshalJSON.
func (q *Quantity) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("quantity must be a decimal string: %w", err)
	}
	v, err := ParseQuantity(s)
	if err != nil {
		return err
	}
	*q = v
	return nil
}
