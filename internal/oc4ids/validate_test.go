package oc4ids_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// projectSchema is the OC4IDS 0.9.4 project schema from testdata, compiled once, with format
// assertions on (date-time, uri).
var projectSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	path, err := filepath.Abs("testdata/project-schema.json")
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	c.AssertFormat()
	return c.Compile(path)
})

// validProject fails the test unless raw is an OC4IDS project valid against the schema whose
// codes come from the codelists and whose references point at its own parties and milestones.
// It returns the project decoded.
func validProject(t *testing.T, raw []byte) map[string]any {
	t.Helper()
	sch, err := projectSchema()
	if err != nil {
		t.Fatalf("compile schema: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("export is not JSON: %v", err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("export is not a valid OC4IDS project: %v\n%s", err, raw)
	}
	var p map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // amounts stay the exact decimals written
	if err := dec.Decode(&p); err != nil {
		t.Fatal(err)
	}
	checkCodes(t, p)
	checkReferences(t, p)
	return p
}

// codelist reads the codes of a codelist in testdata.
var codelists sync.Map

func codelist(t *testing.T, name string) []string {
	t.Helper()
	if v, ok := codelists.Load(name); ok {
		return v.([]string)
	}
	f, err := os.Open(filepath.Join("testdata", "codelists", name+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("codelist %s: %v", name, err)
	}
	var codes []string
	for _, r := range rows[1:] {
		codes = append(codes, r[0])
	}
	codelists.Store(name, codes)
	return codes
}

func inList(t *testing.T, list, field string, v any) {
	t.Helper()
	s, ok := v.(string)
	if !ok || !slices.Contains(codelist(t, list), s) {
		t.Errorf("%s = %v is not a code of %s", field, v, list)
	}
}

// checkCodes checks every codelist field the export fills, open codelists included.
func checkCodes(t *testing.T, p map[string]any) {
	t.Helper()
	inList(t, "projectStatus", "status", p["status"])
	inList(t, "projectType", "type", p["type"])
	for _, s := range list(p["sector"]) {
		inList(t, "projectSector", "sector", s)
	}
	for _, o := range list(p["parties"]) {
		for _, r := range list(o.(map[string]any)["roles"]) {
			inList(t, "partyRole", "parties.roles", r)
		}
	}
	for _, m := range list(p["milestones"]) {
		m := m.(map[string]any)
		inList(t, "milestoneType", "milestones.type", m["type"])
		inList(t, "milestoneStatus", "milestones.status", m["status"])
		if c, ok := m["code"]; ok {
			inList(t, "milestoneCode", "milestones.code", c)
		}
	}
	walk(p, func(key string, v any) {
		if key == "currency" {
			inList(t, "currency", "currency", v)
		}
	})
}

// checkReferences checks that every organisation reference names a party with the same name and
// every transaction's milestone is one of the project's.
func checkReferences(t *testing.T, p map[string]any) {
	t.Helper()
	names := map[string]string{}
	for _, o := range list(p["parties"]) {
		o := o.(map[string]any)
		id := o["id"].(string)
		if _, dup := names[id]; dup {
			t.Errorf("party %s is listed twice", id)
		}
		names[id] = o["name"].(string)
	}
	walk(p, func(key string, v any) {
		switch key {
		case "publicAuthority", "sourceParty", "payer", "payee":
			ref := v.(map[string]any)
			if name, ok := names[ref["id"].(string)]; !ok || name != ref["name"] {
				t.Errorf("%s %v is not a party", key, ref)
			}
		}
	})
	milestones := map[string]bool{}
	for _, m := range list(p["milestones"]) {
		milestones[m.(map[string]any)["id"].(string)] = true
	}
	for _, tx := range list(p["transactions"]) {
		if ref, ok := tx.(map[string]any)["relatedImplementationMilestone"]; ok && !milestones[ref.(map[string]any)["id"].(string)] {
			t.Errorf("transaction %v refers to a milestone the project does not list", tx)
		}
	}
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

// walk calls f for every key of every object inside v.
func walk(v any, f func(key string, v any)) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			f(k, x)
			walk(x, f)
		}
	case []any:
		for _, x := range v {
			walk(x, f)
		}
	}
}
