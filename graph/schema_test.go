package graph_test

import (
	"strings"
	"testing"
)

// TestEverySchemaElementIsDescribed reads the schema by introspection and checks that every type,
// field, argument, input field and enum value of ours carries a description.
func TestEverySchemaElementIsDescribed(t *testing.T) {
	e := newEnv(t)
	res := e.postRaw(`{ __schema { types { name kind description
		fields { name description args { name description } }
		inputFields { name description }
		enumValues { name description } } } }`, nil)
	if len(res.Errors) > 0 {
		t.Fatal(res.Body)
	}
	var missing []string
	for _, typ := range list(res.Data, "__schema.types") {
		name := str(typ, "name")
		if strings.HasPrefix(name, "__") || isBuiltin(name) {
			continue
		}
		if str(typ, "description") == "" {
			missing = append(missing, name)
		}
		for _, f := range list(typ, "fields") {
			if str(f, "description") == "" {
				missing = append(missing, name+"."+str(f, "name"))
			}
			for _, a := range list(f, "args") {
				if str(a, "description") == "" {
					missing = append(missing, name+"."+str(f, "name")+"("+str(a, "name")+")")
				}
			}
		}
		for _, f := range list(typ, "inputFields") {
			if str(f, "description") == "" {
				missing = append(missing, name+"."+str(f, "name"))
			}
		}
		for _, v := range list(typ, "enumValues") {
			if str(v, "description") == "" {
				missing = append(missing, name+"."+str(v, "name"))
			}
		}
	}
	if len(missing) > 0 {
		t.Errorf("undescribed: %s", strings.Join(missing, ", "))
	}
}

func isBuiltin(name string) bool {
	switch name {
	case "String", "Int", "Float", "Boolean", "ID":
		return true
	}
	return false
}
