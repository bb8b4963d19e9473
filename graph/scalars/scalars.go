// Package scalars maps the domain's value types to GraphQL scalars: Money is a decimal string of
// yuan ("1234.50"), Date is "YYYY-MM-DD", Quantity is a decimal string, Timestamp is RFC 3339 and
// JSON is a stored document written as is. gqlgen calls these functions; the domain stays free of
// GraphQL. A malformed input value is an error wrapping domain.ErrInvalid (BAD_USER_INPUT).
package scalars

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/smartcity/portfolio/domain"
)

// MarshalMoney writes money as a JSON string with two decimals.
func MarshalMoney(m domain.Money) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(m.String())) })
}

// UnmarshalMoney reads a decimal yuan string. Numbers are refused: a JSON number may already have
// passed through a float on the client.
func UnmarshalMoney(v any) (domain.Money, error) {
	s, ok := v.(string)
	if !ok {
		return 0, invalid("Money must be a decimal string of yuan such as \"1234.50\", got %s", describe(v))
	}
	m, err := domain.ParseMoney(s)
	if err != nil {
		return 0, invalid("%v", err)
	}
	return m, nil
}

// MarshalDate writes "YYYY-MM-DD".
func MarshalDate(d domain.Date) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(d.String())) })
}

// UnmarshalDate reads "YYYY-MM-DD".
func UnmarshalDate(v any) (domain.Date, error) {
	s, ok := v.(string)
	if !ok {
		return domain.Date{}, invalid("Date must be a string YYYY-MM-DD, got %s", describe(v))
	}
	d, err := domain.ParseDate(s)
	if err != nil {
		return domain.Date{}, invalid("%v", err)
	}
	return d, nil
}

// MarshalQuantity writes an indicator value as a decimal string.
func MarshalQuantity(q domain.Quantity) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(q.String())) })
}

// UnmarshalQuantity reads a decimal string such as "680000" or "12.5".
func UnmarshalQuantity(v any) (domain.Quantity, error) {
	s, ok := v.(string)
	if !ok {
		return domain.Quantity{}, invalid("Quantity must be a decimal string such as \"680000\" or \"12.5\", got %s", describe(v))
	}
	q, err := domain.ParseQuantity(s)
	if err != nil {
		var ve *domain.ValidationError
		if errors.As(err, &ve) {
			return domain.Quantity{}, invalid("%s", ve.Reason)
		}
		return domain.Quantity{}, invalid("%v", err)
	}
	return q, nil
}

// MarshalTimestamp writes an instant in RFC 3339 with nanoseconds, in UTC.
func MarshalTimestamp(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(t.UTC().Format(time.RFC3339Nano)))
	})
}

// UnmarshalTimestamp reads an RFC 3339 instant.
func UnmarshalTimestamp(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, invalid("Timestamp must be an RFC 3339 string, got %s", describe(v))
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, invalid("Timestamp %q is not RFC 3339", s)
	}
	return t, nil
}

// inputError is a scalar value the client got wrong. It wraps domain.ErrInvalid (so the error
// presenter reports BAD_USER_INPUT) without appending the sentinel's text to the message; the
// error's path names the field.
type inputError struct{ msg string }

// Error implements error.
func (e *inputError) Error() string { return e.msg }

// Unwrap makes errors.Is(err, domain.ErrInvalid) hold.
func (e *inputError) Unwrap() error { return domain.ErrInvalid }

func invalid(format string, args ...any) error {
	return &inputError{msg: fmt.Sprintf(format, args...)}
}

// describe names the JSON kind of a value that came in where a string was expected.
func describe(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case string:
		return "a string"
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	}
	return "a number"
}
