package readmodel

import (
	"encoding/json"
	"testing"
)

func TestKeysAreLowerCamelCase(t *testing.T) {
	for in, want := range map[string]string{
		"ID": "id", "Status": "status", "ApprovedBudget": "approvedBudget", "ExpertID": "expertId",
		"PPPTerms": "pppTerms", "VfM": "vfM", "X": "x",
	} {
		if got := lowerCamel(in); got != want {
			t.Errorf("lowerCamel(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDiffGoesDownObjectsAndArraysAndEscapesPaths checks the change list of two small states.
func TestDiffGoesDownObjectsAndArraysAndEscapesPaths(t *testing.T) {
	var before, after map[string]any
	_ = json.Unmarshal([]byte(`{"status":"A","same":1,"list":[{"x":1}],"m":{"a/b":1,"gone":true}}`), &before)
	_ = json.Unmarshal([]byte(`{"status":"B","same":1,"list":[{"x":2},{"x":3}],"m":{"a/b":2},"new":{"y":1}}`), &after)
	var got []*Change
	diff("", before, after, &got)
	want := []string{
		`/list/0/x 1 2`, `/list/1 null {"x":3}`, `/m/a~1b 1 2`, `/m/gone true null`, `/new null {"y":1}`, `/status "A" "B"`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d changes, want %d", len(got), len(want))
	}
	for i, c := range got {
		s := c.Path + " " + orNull(c.Before) + " " + orNull(c.After)
		if s != want[i] {
			t.Errorf("change %d = %s, want %s", i, s, want[i])
		}
	}
}

func orNull(raw json.RawMessage) string {
	if raw == nil {
		return "null"
	}
	return string(raw)
}
