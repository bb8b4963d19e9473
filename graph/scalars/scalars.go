// Package scalars maps the domain's value types to GraphQL scalars: Money is a decimal string of
// yuan ("1234.50"), Date is "YYYY-MM-DD", Quantity is a decimal string. gqlgen calls these
// functions; the domain stays free of GraphQL.
package scalars

import (
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
		return 0, fmt.Errorf("Money must be a decimal string of yuan such as \"1234.50\", got %T: %w", v, domain.ErrInvalid)
	}
	m, err := domain.ParseMoney(s)
	if err != nil {
		return 0, fmt.Errorf("%v: %w", err, domain.ErrInvalid)
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
		return domain.Date{}, fmt.Errorf("Date must be a string YYYY-MM-DD, got %T: %w", v, domain.ErrInvalid)
	}
	d, err := domain.ParseDate(s)
	if err != nil {
		return domain.Date{}, fmt.Errorf("%v: %w", err, domain.ErrInvalid)
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
		return domain.Quantity{}, fmt.Errorf("Quantity must be a decimal string, got %T: %w", v, domain.ErrInvalid)
	}
	q, err := domain.ParseQuantity(s)
	if err != nil {
		return domain.Quantity{}, fmt.Errorf("%v: %w", err, domain.ErrInvalid)
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
		return time.Time{}, fmt.Errorf("Timestamp must be an RFC 3339 string, got %T: %w", v, domain.ErrInvalid)
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("Timestamp %q is not RFC 3339: %w", s, domain.ErrInvalid)
	}
	return t, nil
}
