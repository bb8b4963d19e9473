package domain

import (
	"slices"
	"strings"
)

// RegionCode is a six-digit GB/T 2260 administrative division code, e.g. "320300" for Xuzhou.
type RegionCode string

// String returns the code text.
func (c RegionCode) String() string { return string(c) }

// RegionLevel is the tier of an administrative division.
type RegionLevel string

// The three tiers a project's region can sit at.
const (
	RegionProvince RegionLevel = "PROVINCE" // 省
	RegionCity     RegionLevel = "CITY"     // 地级市 (prefecture-level city)
	RegionCounty   RegionLevel = "COUNTY"   // 县, 县级市, 市辖区
)

// Region is one administrative division of the catalogue.
type Region struct {
	Code   RegionCode  // six-digit GB/T 2260 code
	Name   string      // Chinese name, e.g. 徐州市
	NameEN string      // English name, e.g. Xuzhou
	Level  RegionLevel // province, city or county
	Parent RegionCode  // the enclosing division; empty for a province
}

// regionIndex finds catalogue entries by code; built once from the constant catalogue.
var regionIndex = indexRegions(regionCatalogue)

func indexRegions(rs []Region) map[RegionCode]Region {
	m := make(map[RegionCode]Region, len(rs))
	for _, r := range rs {
		m[r.Code] = r
	}
	return m
}

// LookupRegion finds a region of the catalogue by its code.
func LookupRegion(code RegionCode) (Region, bool) {
	r, ok := regionIndex[code]
	return r, ok
}

// ParseRegion accepts the code of a region in the catalogue.
func ParseRegion(code string) (Region, error) {
	c := strings.TrimSpace(code)
	if len(c) != 6 || strings.Trim(c, "0123456789") != "" {
		return Region{}, invalid("region", "%q is not a six-digit administrative division code", code)
	}
	r, ok := regionIndex[RegionCode(c)]
	if !ok {
		return Region{}, invalid("region", "%s is not a region in the catalogue", c)
	}
	return r, nil
}

// Regions lists the whole catalogue in code order.
func Regions() []Region {
	out := slices.Clone(regionCatalogue)
	slices.SortFunc(out, func(a, b Region) int { return strings.Compare(string(a.Code), string(b.Code)) })
	return out
}

// RegionChildren lists the regions directly below code, in code order.
func RegionChildren(code RegionCode) []Region {
	var out []Region
	for _, r := range Regions() {
		if r.Parent == code {
			out = append(out, r)
		}
	}
	return out
}

// ParentRegion returns the enclosing region, if any.
func (r Region) ParentRegion() (Region, bool) {
	if r.Parent == "" {
		return Region{}, false
	}
	return LookupRegion(r.Parent)
}

// Ancestors is the parent chain, nearest first: a county gives its city, then its province.
func (r Region) Ancestors() []Region {
	var out []Region
	for p, ok := r.ParentRegion(); ok; p, ok = p.ParentRegion() {
		out = append(out, p)
	}
	return out
}

// Path is the chain from the province down to r itself, for drill-down and display.
func (r Region) Path() []Region {
	out := r.Ancestors()
	slices.Reverse(out)
	return append(out, r)
}

// Levels is r's province, city and county: the codes on its path at each level, empty above r's
// own level (a city has no county).
func (r Region) Levels() (province, city, county RegionCode) {
	for _, p := range r.Path() {
		switch p.Level {
		case RegionProvince:
			province = p.Code
		case RegionCity:
			city = p.Code
		case RegionCounty:
			county = p.Code
		}
	}
	return province, city, county
}

// Within reports whether r is the region code or lies inside it.
func (r Region) Within(code RegionCode) bool {
	if r.Code == code {
		return true
	}
	return slices.ContainsFunc(r.Ancestors(), func(a Region) bool { return a.Code == code })
}

// FullName joins the Chinese names from the province down, e.g. 江苏省徐州市沛县.
func (r Region) FullName() string {
	var b strings.Builder
	for _, p := range r.Path() {
		b.WriteString(p.Name)
	}
	return b.String()
}
