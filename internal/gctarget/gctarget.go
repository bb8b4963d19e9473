// Package gctarget sets the garbage collector's target of the portfolio's processes.
package gctarget

import (
	"os"
	"runtime/debug"
)

// Percent is how far the heap grows over the live heap before a collection starts: 400, where
// Go's default of 100 ran a collection every 11 to 16 ms in the projection-lag benchmark (a live
// heap of 2 to 5 MB, so the 4 MB minimum goal; GODEBUG=gctrace=1: 805 collections in 14 s), each
// taking one of the two CPUs for its mark phase from the commands and the runner. The heap then
// peaks at about five times the live heap: a few tens of megabytes for the server.
const Percent = 400

// Set applies Percent unless GOGC is set in the environment, which then decides.
func Set() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(Percent)
	}
}
