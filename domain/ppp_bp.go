package domain

import (
	"fmt"
	"math/bits"
)

// Shares in basis points (1/10000) are the PPP rules' unit: caps, equity, deductions, ratios.

// mulBP is m × bp / 10000 rounded towards zero, computed without overflowing int64 for any m up
// to MaxMoney and bp up to 10000.
func mulBP(m Money, bp int) Money {
	q, r := int64(m)/basisPointsWhole, int64(m)%basisPointsWhole
	return Money(q*int64(bp) + r*int64(bp)/basisPointsWhole)
}

// ratioBP is part / whole in basis points, rounded down; 0 unless part ≥ 0 and whole > 0.
func ratioBP(part, whole Money) int {
	q, _ := ratio(part, whole)
	return q
}

// ratioBPUp is ratioBP rounded up, for messages saying that an amount is above a cap: a total one
// fen above the cap never shows as the cap's own percentage.
func ratioBPUp(part, whole Money) int {
	q, exact := ratio(part, whole)
	if !exact {
		q++
	}
	return q
}

// ratio is part / whole in basis points rounded down, and whether the division was exact.
func ratio(part, whole Money) (int, bool) {
	if part < 0 || whole <= 0 {
		return 0, true
	}
	// part × 10000 may overflow int64 for the largest budgets: divide in two steps, the remainder
	// (below whole) multiplied in 128 bits.
	q, r := uint64(part)/uint64(whole), uint64(part)%uint64(whole)
	hi, lo := bits.Mul64(r, basisPointsWhole)
	frac, rem := bits.Div64(hi, lo, uint64(whole))
	return int(q*basisPointsWhole + frac), rem == 0
}

// formatBP writes basis points as a percentage with two decimals, e.g. 1000 → "10.00%".
func formatBP(bp int) string { return fmt.Sprintf("%d.%02d%%", bp/100, bp%100) }
