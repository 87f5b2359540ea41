package store

import (
	"cmp"
	"slices"
	"strings"

	"govbuy"
)

// unclassified names the category of contracts with no catalog item.
const unclassified = "未分类"

// summarise fills the totals and every by_* breakdown from the rows of rel
// (see reportBase), summed in Go in one pass over the rows the contract
// list reads anyway: one materialisation of rel instead of two, which was
// half of the report's time on a large district.
//
// A group is kept when any of its figures is non-zero; groups are ordered
// by Paid descending, then name.
func summarise(r *govbuy.Report, rows []*reportLine, names *reportNames) {
	units := newBreakdown[int64]()
	methods, funding := newBreakdown[string](), newBreakdown[string]()
	types, categories := newBreakdown[govbuy.ContractorType](), newBreakdown[string]()
	contractors := newBreakdown[int64]()
	posts, projects := map[string]bool{}, map[string]bool{}
	t := &r.Totals
	for _, l := range rows {
		units.add(l.unitID, l.Unit, l)
		methods.add(string(l.Method), string(l.Method), l)
		funding.add(string(l.Funding), string(l.Funding), l)
		types.add(l.ContractorType, string(l.ContractorType), l)
		top := names.topCategory(l.catalogID)
		categories.add(top, top, l)
		contractors.add(l.contractorID, "", l)
		if l.cur {
			t.Contracts++
			if l.Kind == govbuy.KindPost {
				t.PostsHeadcount += l.Headcount
			}
		}
		t.ContractAmount += l.yearAmount
		t.Paid += l.Paid
		// A post kind or a project is known by its title.
		if l.Paid > 0 && l.Kind == govbuy.KindPost {
			posts[l.Title] = true
		} else if l.Paid > 0 && l.Kind == govbuy.KindProject {
			projects[l.Title] = true
		}
	}
	t.Units, t.Contractors = units.active(), contractors.active()
	t.PostTypes, t.Projects = len(posts), len(projects)
	r.ByUnit, r.ByMethod, r.ByFundingSource = units.list(), methods.list(), funding.list()
	r.ByContractorType, r.ByCategory = types.list(), categories.list()
}

// breakdown sums rel's rows into groups by a key.
type breakdown[K comparable] struct {
	groups map[K]*govbuy.ReportGroup
}

func newBreakdown[K comparable]() *breakdown[K] {
	return &breakdown[K]{groups: map[K]*govbuy.ReportGroup{}}
}

func (b *breakdown[K]) add(key K, name string, l *reportLine) {
	g := b.groups[key]
	if g == nil {
		g = &govbuy.ReportGroup{Name: name}
		b.groups[key] = g
	}
	if l.cur {
		g.Contracts++
	}
	g.ContractAmount += l.yearAmount
	g.Paid += l.Paid
	g.PrevPaid += l.prevPaid
}

// active counts the groups with a contract of the year or money paid in it.
func (b *breakdown[K]) active() int {
	n := 0
	for _, g := range b.groups {
		if g.Contracts > 0 || g.Paid > 0 {
			n++
		}
	}
	return n
}

// list is the breakdown as the report shows it.
func (b *breakdown[K]) list() []govbuy.ReportGroup {
	out := []govbuy.ReportGroup{}
	for _, g := range b.groups {
		if g.Contracts != 0 || g.ContractAmount != 0 || g.Paid != 0 || g.PrevPaid != 0 {
			out = append(out, *g)
		}
	}
	sortGroups(out)
	return out
}

// sortGroups orders a breakdown by Paid descending, then name.
func sortGroups(list []govbuy.ReportGroup) {
	slices.SortFunc(list, func(a, b govbuy.ReportGroup) int {
		if c := cmp.Compare(b.Paid, a.Paid); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
}
