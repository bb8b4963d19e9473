package readmodel

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"unicode"
)

// The state view behind Event.changes: a stable JSON tree of what an aggregate shows through its
// read accessors, so that the history needs no hand-kept copy of every aggregate's fields.
//
//   - Every exported method without arguments that returns one value is a key named after the
//     method in lowerCamelCase (Status → "status", ApprovedBudget → "approvedBudget"); one that
//     returns (value, ok) gives the value when ok and null otherwise; one that returns several
//     values and a final ok gives them as an array. Methods returning an error are commands and
//     are skipped, as are Version and Exists (the event's own version says both).
//   - Values are written as the API writes them: Money as decimal strings of yuan, dates as
//     YYYY-MM-DD (their MarshalJSON); structs as objects keyed by their JSON tags, or their field
//     names in lowerCamelCase; lists as arrays.
//   - Zero values (0, "", a zero date, an empty list) are left out, so that they read as null:
//     an approved budget before approval is null, not "0.00".

// skippedAccessors are accessors that change with every event or say nothing the event does not.
var skippedAccessors = map[string]bool{"Version": true, "Exists": true}

var (
	errorType     = reflect.TypeFor[error]()
	marshalerType = reflect.TypeFor[json.Marshaler]()
)

// stateView is the JSON tree of an aggregate's accessors (agg is a pointer to the aggregate).
func stateView(agg any) map[string]any {
	v := reflect.ValueOf(agg)
	t := v.Type()
	out := map[string]any{}
	for i := range t.NumMethod() {
		m := t.Method(i)
		mt := m.Type // the receiver is the first argument
		if mt.NumIn() != 1 || mt.NumOut() == 0 || skippedAccessors[m.Name] || returnsError(mt) {
			continue
		}
		res := v.Method(i).Call(nil)
		var val any
		switch last := res[len(res)-1]; {
		case len(res) == 1:
			val = tree(res[0])
		case last.Kind() == reflect.Bool && !last.Bool():
			val = nil
		case last.Kind() == reflect.Bool && len(res) == 2:
			val = tree(res[0])
		case last.Kind() == reflect.Bool:
			arr := make([]any, len(res)-1)
			for j := range arr {
				arr[j] = tree(res[j])
			}
			val = arr
		default:
			continue
		}
		if val != nil {
			out[lowerCamel(m.Name)] = val
		}
	}
	return out
}

func returnsError(mt reflect.Type) bool {
	for i := range mt.NumOut() {
		if mt.Out(i) == errorType {
			return true
		}
	}
	return false
}

// tree turns a value into plain JSON data (map[string]any, []any, string, float64, bool); nil
// for a zero value.
func tree(v reflect.Value) any {
	if !v.IsValid() || v.IsZero() {
		return nil
	}
	if v.Type().Implements(marshalerType) {
		raw, err := json.Marshal(v.Interface())
		if err != nil {
			return nil
		}
		var out any
		if json.Unmarshal(raw, &out) != nil {
			return nil
		}
		return out
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		return tree(v.Elem())
	case reflect.Struct:
		out := map[string]any{}
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			name := lowerCamel(f.Name)
			if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag == "-" {
				continue
			} else if tag != "" {
				name = tag // the name the part already has in events and the API
			}
			if val := tree(v.Field(i)); val != nil {
				out[name] = val
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	case reflect.Slice, reflect.Array:
		out := make([]any, v.Len())
		for i := range out {
			out[i] = tree(v.Index(i))
		}
		return out
	case reflect.Map:
		out := map[string]any{}
		for _, k := range v.MapKeys() {
			if val := tree(v.MapIndex(k)); val != nil {
				out[k.String()] = val
			}
		}
		return out
	case reflect.String:
		return v.String()
	case reflect.Bool:
		return v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(v.Uint())
	case reflect.Float32, reflect.Float64:
		return v.Float()
	}
	return nil
}

// lowerCamel names a Go identifier as a JSON key: ID → id, ExpertID → expertId,
// PPPTerms → pppTerms, ApprovedBudget → approvedBudget.
func lowerCamel(name string) string {
	if name == "ID" {
		return "id"
	}
	if base, ok := strings.CutSuffix(name, "ID"); ok {
		name = base + "Id"
	}
	r := []rune(name)
	n := 0
	for n < len(r) && unicode.IsUpper(r[n]) {
		n++
	}
	if n > 1 && n < len(r) {
		n-- // the last capital of a leading acronym starts the next word: PPPTerms → pppTerms
	}
	for i := range n {
		r[i] = unicode.ToLower(r[i])
	}
	return string(r)
}

// redactScores removes the score and opinion of every expert but one from a state view: any
// object with an expertId other than keep loses its score and opinion (applications' scores, in
// every accessor that lists them).
func redactScores(view map[string]any, keep string) {
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if id, ok := v["expertId"].(string); ok && id != keep {
				delete(v, "score")
				delete(v, "opinion")
			}
			for _, c := range v {
				walk(c)
			}
		case []any:
			for _, c := range v {
				walk(c)
			}
		}
	}
	walk(view)
}

// sortedKeys lists a map's keys in order, for stable change lists.
func sortedKeys(ms ...map[string]any) []string {
	set := map[string]bool{}
	for _, m := range ms {
		for k := range m {
			set[k] = true
		}
	}
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
