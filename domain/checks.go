package domain

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Length limits of free text, in characters.
const (
	maxNameLen  = 200  // names, units, document numbers
	maxTextLen  = 4000 // descriptions, opinions, reasons, narratives
	maxUnitLen  = 50   // indicator units
	maxScore    = 100  // expert and evaluation scores are 0..100
	maxPercent  = 100  // weights and progress are whole percent
	maxDocNoLen = 100  // approval document numbers such as 苏经信〔2016〕12号
)

// The supported range of calendar dates; a date outside it is taken to be a typing error.
var (
	earliestDate = Date{2000, time.January, 1}
	latestDate   = Date{2099, time.December, 31}
)

// requireText trims s and refuses it when empty or longer than max characters.
func requireText(field, s string, max int) (string, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return "", invalid(field, "is required")
	}
	return optionalText(field, t, max)
}

// optionalText trims s and refuses it when longer than max characters.
func optionalText(field, s string, max int) (string, error) {
	t := strings.TrimSpace(s)
	if n := utf8.RuneCountInString(t); n > max {
		return "", invalid(field, "is %d characters long, at most %d allowed", n, max)
	}
	if !utf8.ValidString(t) {
		return "", invalid(field, "is not valid UTF-8 text")
	}
	return t, nil
}

// checkDate refuses an unset date, an impossible one (2017-02-30) and one outside the supported range.
func checkDate(field string, d Date) error {
	if d.IsZero() {
		return invalid(field, "is required")
	}
	if DateOf(d.Time()) != d {
		return invalid(field, "%04d-%02d-%02d is not a calendar date", d.Year, int(d.Month), d.Day)
	}
	if d.Before(earliestDate) || d.After(latestDate) {
		return invalid(field, "%s is outside the supported range %s to %s", d, earliestDate, latestDate)
	}
	return nil
}

// checkPastDate is checkDate plus "not after today"; today comes in the command, never from a clock.
func checkPastDate(field string, d, today Date) error {
	if err := checkDate("today", today); err != nil {
		return err
	}
	if err := checkDate(field, d); err != nil {
		return err
	}
	if d.After(today) {
		return invalid(field, "%s is after today (%s)", d, today)
	}
	return nil
}

// checkNotBefore refuses d when it is earlier than floor, naming what floor is.
func checkNotBefore(field string, d, floor Date, floorName string) error {
	if !floor.IsZero() && d.Before(floor) {
		return invalid(field, "%s is before the %s %s", d, floorName, floor)
	}
	return nil
}

// checkRange refuses an integer outside lo..hi.
func checkRange(field string, v, lo, hi int) error {
	if v < lo || v > hi {
		return invalid(field, "%d is outside %d..%d", v, lo, hi)
	}
	return nil
}

// checkAmount refuses money that is not positive or beyond MaxMoney.
func checkAmount(field string, m Money) error {
	if m <= 0 {
		return invalid(field, "must be positive, got %s yuan", m)
	}
	if m > MaxMoney {
		return invalid(field, "%s yuan exceeds the maximum of %s yuan", m, MaxMoney)
	}
	return nil
}

// parseEnum accepts exactly one of values and names them all otherwise.
func parseEnum[T ~string](field, s string, values []T) (T, error) {
	for _, v := range values {
		if string(v) == s {
			return v, nil
		}
	}
	names := make([]string, len(values))
	for i, v := range values {
		names[i] = string(v)
	}
	return "", invalid(field, "%q is not one of %s", s, strings.Join(names, ", "))
}
