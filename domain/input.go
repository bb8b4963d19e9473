package domain

// ParseMoneyInput is ParseMoney for a named input field: a malformed amount becomes a
// ValidationError (errors.Is ErrInvalid), so the API edge reports it as the caller's mistake.
func ParseMoneyInput(field, s string) (Money, error) {
	m, err := ParseMoney(s)
	if err != nil {
		return 0, invalid(field, "%v", err)
	}
	return m, nil
}

// ParseDateInput is ParseDate for a named input field: a malformed date becomes a
// ValidationError (errors.Is ErrInvalid).
func ParseDateInput(field, s string) (Date, error) {
	d, err := ParseDate(s)
	if err != nil {
		return Date{}, invalid(field, "%v", err)
	}
	return d, nil
}
