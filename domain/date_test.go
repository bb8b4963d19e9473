package domain

import (
	"encoding/json"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Date
		ok   bool
	}{
		{"2016-03-01", Date{2016, time.March, 1}, true},
		{"2016-02-29", Date{2016, time.February, 29}, true},
		{"2017-02-29", Date{}, false},
		{"2017-13-01", Date{}, false},
		{"2017-1-5", Date{}, false},
		{"2017/01/05", Date{}, false},
		{"2017-01-05T00:00:00Z", Date{}, false},
		{"", Date{}, false},
	} {
		got, err := ParseDate(tc.in)
		if tc.ok && (err != nil || got != tc.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
		if !tc.ok && err == nil {
			t.Errorf("ParseDate(%q) = %v; want an error", tc.in, got)
		}
	}
}

func TestDateOrderingAndArithmetic(t *testing.T) {
	a, b := MustDate("2016-12-31"), MustDate("2017-01-01")
	if !a.Before(b) || a.After(b) || !b.After(a) || a.Before(a) || a.After(a) {
		t.Error("Before/After disagree with the calendar")
	}
	if a.DaysUntil(b) != 1 || b.DaysUntil(a) != -1 || MustDate("2016-01-01").DaysUntil(b) != 366 {
		t.Errorf("DaysUntil: %d %d %d", a.DaysUntil(b), b.DaysUntil(a), MustDate("2016-01-01").DaysUntil(b))
	}
	if got := DateOf(time.Date(2017, 5, 6, 23, 59, 0, 0, time.FixedZone("CST", 8*3600))); got != MustDate("2017-05-06") {
		t.Errorf("DateOf keeps the date in the time's own zone, got %v", got)
	}
	if a.String() != "2016-12-31" || (Date{}).String() != "" || !(Date{}).IsZero() || a.IsZero() {
		t.Error("String/IsZero")
	}
}

func TestDateJSON(t *testing.T) {
	type doc struct {
		On  Date `json:"on"`
		Off Date `json:"off"`
	}
	b, err := json.Marshal(doc{On: MustDate("2018-10-20")})
	if err != nil || string(b) != `{"on":"2018-10-20","off":null}` {
		t.Fatalf("marshal: %s, %v", b, err)
	}
	var back doc
	if err := json.Unmarshal(b, &back); err != nil || back.On != MustDate("2018-10-20") || !back.Off.IsZero() {
		t.Fatalf("unmarshal: %+v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"on":"2018-02-30"}`), &back); err == nil {
		t.Fatal("an impossible date was accepted")
	}
	if err := json.Unmarshal([]byte(`{"on":20181020}`), &back); err == nil {
		t.Fatal("a number was accepted as a date")
	}
}

func TestMustDatePanicsOnAMalformedLiteral(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustDate accepted a malformed literal")
		}
	}()
	MustDate("2017-02-30")
}
