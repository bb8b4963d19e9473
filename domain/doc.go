// Package domain holds the portfolio's aggregates, their commands and events, and the value types
// they are made of. It is pure Go: no I/O, no clocks, no database. Callers load an aggregate by
// replaying its events, call a command method, and store the events it returns.
package domain
