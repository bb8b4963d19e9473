package gctarget

import (
	"runtime/debug"
	"testing"
)

func TestSetAppliesThePercentUnlessGOGCIsSet(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	t.Setenv("GOGC", "")
	Set()
	if got := debug.SetGCPercent(100); got != Percent {
		t.Fatalf("without GOGC the target is %d%%, want %d%%", got, Percent)
	}
	t.Setenv("GOGC", "50")
	debug.SetGCPercent(50)
	Set()
	if got := debug.SetGCPercent(50); got != 50 {
		t.Fatalf("with GOGC=50 the target is %d%%, want GOGC's 50%%", got)
	}
}
