package store

import (
	"cmp"
	"maps"
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
	signed := newSignedCount()
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
				if l.Pending.Has(govbuy.FieldHeadcount) {
					t.PostsHeadcountPending++
				}
			}
			signed.add(l)
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
	r.Signed = signed.counts()
	r.ByUnit, r.ByMethod, r.ByFundingSource = units.list(), methods.list(), funding.list()
	r.ByContractorType, r.ByCategory = types.list(), categories.list()
}

// signedCount counts the contracts of the year (govbuy.ReportSigned):
// units, contractors and titles as distinct keys, contracts by kind.
type signedCount struct {
	units, contractors map[int64]bool
	types              map[govbuy.ContractorType]map[int64]bool
	titles             map[govbuy.Kind]map[string]bool
	contracts          map[govbuy.Kind]int
}

func newSignedCount() *signedCount {
	return &signedCount{units: map[int64]bool{}, contractors: map[int64]bool{},
		types: map[govbuy.ContractorType]map[int64]bool{}, titles: map[govbuy.Kind]map[string]bool{}, contracts: map[govbuy.Kind]int{}}
}

func (s *signedCount) add(l *reportLine) {
	s.units[l.unitID], s.contractors[l.contractorID] = true, true
	if s.types[l.ContractorType] == nil {
		s.types[l.ContractorType] = map[int64]bool{}
	}
	s.types[l.ContractorType][l.contractorID] = true
	if s.titles[l.Kind] == nil {
		s.titles[l.Kind] = map[string]bool{}
	}
	s.titles[l.Kind][l.Title] = true
	s.contracts[l.Kind]++
}

func (s *signedCount) counts() govbuy.ReportSigned {
	c := govbuy.ReportSigned{
		Units: len(s.units), Contractors: len(s.contractors),
		PostContracts: s.contracts[govbuy.KindPost], PostTypes: len(s.titles[govbuy.KindPost]),
		ProjectContracts: s.contracts[govbuy.KindProject], Projects: len(s.titles[govbuy.KindProject]),
		ContractorTypes: []govbuy.ReportCount{},
	}
	// the known types in their order, then any other a contractor has, so
	// the counts add up to Contractors
	order := slices.Clone(govbuy.ContractorTypes)
	for _, t := range slices.Sorted(maps.Keys(s.types)) {
		if !slices.Contains(order, t) {
			order = append(order, t)
		}
	}
	for _, t := range order {
		if n := len(s.types[t]); n > 0 {
			c.ContractorTypes = append(c.ContractorTypes, govbuy.ReportCount{Name: string(t), Count: n})
		}
	}
	return c
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
