package domain

import (
	"errors"
	"strings"
	"testing"
)

func TestInputParsersReportTheFieldAsAValidationError(t *testing.T) {
	if m, err := ParseMoneyInput("amount", "12.5"); err != nil || m != 1250 {
		t.Errorf("ParseMoneyInput(12.5) = %d, %v", m, err)
	}
	_, err := ParseMoneyInput("amount", "1.234")
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Field != "amount" || !strings.Contains(err.Error(), "two decimals") {
		t.Errorf("ParseMoneyInput(1.234): %v", err)
	}
	if d, err := ParseDateInput("asOf", "2017-06-30"); err != nil || d != MustDate("2017-06-30") {
		t.Errorf("ParseDateInput: %v, %v", d, err)
	}
	if _, err := ParseDateInput("asOf", "2017-06-31"); !errors.Is(err, ErrInvalid) || !strings.HasPrefix(err.Error(), "asOf: ") {
		t.Errorf("ParseDateInput(2017-06-31): %v", err)
	}
}
