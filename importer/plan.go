package importer

import (
	"context"
	"fmt"
	"strings"
	"time"

	"govbuy"
)

// Options steer a plan.
type Options struct {
	As  Kind    // what the files hold; "" is the contract ledger
	Map Mapping // header → field overrides (--map)
	// Resolutions are the officer's choices on contractors and units that
	// match a stored one by code but not name, or by name but not code, by
	// Conflict.Key.
	Resolutions map[string]Resolution
	Presets     govbuy.MappingPresets // saved mappings by header row; nil for none
	Update      bool                  // update contracts/contractors already stored instead of skipping them
	HeaderRow   int                   // 1-based header row; 0 detects it
	Sheet       string                // the one sheet to import; "" imports every sheet with a header
	Catalog     []govbuy.CatalogItem  // catalog to match 服务类别 against; nil uses govbuy.DefaultCatalog
	// Units are money units the person chose by sheet name, overriding
	// what the sheet was read to say.
	Units     map[string]govbuy.MoneyUnit
	Hand      map[string]string // treasury lists: payment voucher → contract number a person chose
	MatchOnly bool              // treasury lists: match the rows to contracts and stop (a reconciliation, not an import)
}

// Lookup finds what is already stored; the store implements it (these are
// methods of govbuy.ContractorService and govbuy.ContractService). Both
// return nil and no error, or a govbuy ENotFound error, when nothing matches.
// A Lookup that also has FindUnitByCode (govbuy.UnitService, which the
// store has) tells new purchasing units from registered ones; without it,
// as with a nil Lookup, every unit named is listed as new.
type Lookup interface {
	FindContractorByCode(ctx context.Context, code, name string) (*govbuy.Contractor, error)
	FindContractByNumber(ctx context.Context, number string) (*govbuy.ContractRow, error)
}

type unitFinder interface {
	FindUnitByCode(ctx context.Context, code, name string) (*govbuy.NamedUnit, error)
}

// Problem is one thing wrong with a cell, a row or a sheet. Row is the
// 1-based spreadsheet row (0 for the whole sheet); Column the header text
// (or field label when the column is missing); Col the 1-based column
// number for a preview to highlight (0 when none).
type Problem struct {
	File    string `json:"file"`
	Sheet   string `json:"sheet"`
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Message string `json:"message"`
	Col     int    `json:"-"`
	// Conflict is set for a contractor or unit matched by code but not
	// name, or name but not code: the officer resolves it
	// (Options.Resolutions).
	Conflict *Conflict `json:"conflict,omitempty"`
}

// String writes the problem for a terminal: “台账.xlsx” 工作表“Sheet1” 第7行 合同金额：无法识别的金额“待定”.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(Source{File: p.File, Sheet: p.Sheet, Row: p.Row}.String())
	b.WriteString(" ")
	if p.Column != "" {
		b.WriteString(p.Column + "：")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Source is where a record of the plan came from.
type Source struct {
	File, Sheet string
	Row         int // 1-based
}

// String names the place as a person finds it: “台账.xlsx” 工作表“Sheet1” 第7行.
func (s Source) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "“%s”", s.File)
	if s.Sheet != "" {
		fmt.Fprintf(&b, " 工作表“%s”", s.Sheet)
	}
	if s.Row > 0 {
		fmt.Fprintf(&b, " 第%d行", s.Row)
	}
	return b.String()
}

// Plan is what an import would do. Dataset holds only rows without
// problems, so a caller may commit it as is when the person chooses to skip
// the rows listed in Problems; the command line commits nothing while any
// problem remains. A contract or contractor with a non-zero ID is an update
// of that stored record (Options.Update).
type Plan struct {
	As             Kind
	Dataset        *govbuy.Dataset
	Sources        []Source // where each record of the kind's main list came from (Contracts, Contractors, Assessments or Payments)
	Problems       []Problem
	Warnings       []Warning // things that do not block the run but may be wrong (a 合计 that does not add up)
	Notices        []string  // things done that the person should know, not errors
	Headers        []*Header
	NewUnits       []string
	NewContractors []string
	Matches        []Match // each contractor and unit the rows were matched to, and why
	Files          int
	Rows           int // data rows read (blank and total rows not counted)
	Skipped        int // rows of records already stored, left alone
	Updated        int // rows that update stored records
	Generated      int // contracts given a generated number
	// Treasury holds every row of a treasury list read without a problem
	// of its own, with its match; Matcher is what matched them, for a
	// person to choose contracts for the rows left unmatched.
	Treasury []TreasuryLine
	Matcher  *govbuy.TreasuryMatcher
}

// Planner builds one plan from several files, so that a contractor or unit
// named in two files is one new record and a contract number is checked
// across them.
type Planner struct {
	opts    Options
	lookup  Lookup
	plan    *Plan
	catalog []govbuy.CatalogItem

	contractors partyIndex
	units       partyIndex
	numbers     map[string]Source // contract numbers of this run
	existing    map[string]*govbuy.ContractRow
	assessed    map[string]Source // contract|period of this run
	memo        map[string]memoEntry
	codeChecks  map[string]error
	stored      map[string]bool   // stored contract numbers, when the lookup lists them
	matched     map[string]bool   // parties as written whose match is in Plan.Matches (by Party.ConflictKey)
	formerNoted map[string]bool   // former names already in the Dataset
	generated   *numbering        // numbers for rows without one, loaded on first use
	vouchers    map[string]Source // treasury payment vouchers of this run
	matcher     *govbuy.TreasuryMatcher
}

// NewPlanner starts a plan; lookup may be nil (an empty database).
func NewPlanner(opts Options, lookup Lookup) *Planner {
	opts.As = normalKind(opts.As)
	p := &Planner{
		opts:        opts,
		lookup:      lookup,
		plan:        &Plan{As: opts.As, Dataset: &govbuy.Dataset{}},
		catalog:     opts.Catalog,
		contractors: newPartyIndex(PartyContractor),
		units:       newPartyIndex(PartyUnit),
		matched:     map[string]bool{},
		formerNoted: map[string]bool{},
		numbers:     map[string]Source{},
		existing:    map[string]*govbuy.ContractRow{},
		assessed:    map[string]Source{},
		memo:        map[string]memoEntry{},
		codeChecks:  map[string]error{},
		vouchers:    map[string]Source{},
	}
	if p.catalog == nil {
		p.catalog = govbuy.DefaultCatalog
	}
	p.findParties(lookup)
	return p
}

// findParties lets the run find stored contractors and units through the
// lookup, when it can.
func (p *Planner) findParties(lookup Lookup) {
	if lookup != nil {
		p.contractors.find = func(ctx context.Context, code, name string) (*storedParty, error) {
			c, err := lookup.FindContractorByCode(ctx, code, name)
			if err != nil || c == nil {
				return nil, err
			}
			return &storedParty{id: c.ID, name: c.Name, code: c.CreditCode, typ: c.Type, former: c.FormerNames}, nil
		}
	}
	if units, ok := lookup.(unitFinder); ok {
		p.units.find = func(ctx context.Context, code, name string) (*storedParty, error) {
			u, err := units.FindUnitByCode(ctx, code, name)
			if err != nil || u == nil {
				return nil, err
			}
			return &storedParty{id: u.ID, name: u.Name, code: u.Code, former: u.FormerNames}, nil
		}
	}
}

// PlanWorkbook plans one workbook; see Planner. (A function cannot share
// the name of the Plan type.)
func PlanWorkbook(ctx context.Context, wb *Workbook, opts Options, lookup Lookup) (*Plan, error) {
	p := NewPlanner(opts, lookup)
	if err := p.Add(ctx, wb); err != nil {
		return nil, err
	}
	return p.Result(), nil
}

// Result returns the plan built so far.
func (p *Planner) Result() *Plan {
	if p.plan.Problems == nil {
		p.plan.Problems = []Problem{}
	}
	return p.plan
}

// Add plans the rows of one workbook. Problems in the data are collected in
// the plan; an error means the lookup failed or ctx ended.
func (p *Planner) Add(ctx context.Context, wb *Workbook) error {
	p.plan.Files++
	found := false
	for i, s := range wb.Sheets {
		if p.opts.Sheet != "" && s.Name != p.opts.Sheet {
			continue
		}
		if p.opts.Sheet == "" && s.Hidden {
			continue
		}
		for _, f := range s.Faults {
			p.problem(Problem{File: wb.Name, Sheet: s.Name, Row: f.Row, Message: f.Message})
		}
		h, err := p.header(ctx, s)
		if err != nil {
			return err
		}
		if h == nil {
			if p.opts.Sheet != "" {
				p.problem(Problem{File: wb.Name, Sheet: s.Name, Message: "未找到表头行（应含“项目名称”“合同金额”等列名），请指定表头所在行"})
			} else if len(s.Rows) > 0 {
				p.notice("“%s”的工作表“%s”中未找到表头，未导入", wb.Name, s.Name)
			}
			continue
		}
		found = true
		h.File = wb.Name
		p.plan.Headers = append(p.plan.Headers, h)
		sh := &sheetPlan{Planner: p, wb: wb, sheet: s, index: i, h: h}
		if err := sh.run(ctx); err != nil {
			return err
		}
	}
	switch {
	case p.opts.Sheet != "" && !hasSheet(wb, p.opts.Sheet):
		p.problem(Problem{File: wb.Name, Sheet: p.opts.Sheet, Message: fmt.Sprintf("没有名为“%s”的工作表", p.opts.Sheet)})
	case !found && p.opts.Sheet == "":
		p.problem(Problem{File: wb.Name, Message: "未找到表头行（应含“项目名称”“合同金额”等列名），请指定表头所在行或列的对应关系"})
	}
	return nil
}

func hasSheet(wb *Workbook, name string) bool {
	for _, s := range wb.Sheets {
		if s.Name == name {
			return true
		}
	}
	return false
}

// header detects a sheet's header and applies a saved preset, then the
// explicit mapping, which wins.
func (p *Planner) header(ctx context.Context, s *Sheet) (*Header, error) {
	h := DetectHeader(s, Options{As: p.opts.As, HeaderRow: p.opts.HeaderRow})
	if h == nil {
		return nil, nil
	}
	if p.opts.Presets != nil {
		m, err := p.opts.Presets.LoadPreset(ctx, h.PresetKey)
		if err != nil && govbuy.ErrorKindOf(err) != govbuy.ENotFound {
			return nil, fmt.Errorf("importer: load preset: %w", err)
		}
		if len(m) > 0 {
			h.apply(p.opts.As, Mapping(m))
			h.Preset = true
		}
	}
	h.apply(p.opts.As, p.opts.Map)
	if u, ok := p.opts.Units[s.Name]; ok {
		h.SetUnit(p.opts.As, u)
	}
	return h, nil
}

func (p *Planner) problem(pr Problem) { p.plan.Problems = append(p.plan.Problems, pr) }

func (p *Planner) notice(format string, args ...any) {
	p.plan.Notices = append(p.plan.Notices, fmt.Sprintf(format, args...))
}

// notFound treats a nil record or an ENotFound error as "not stored".
func notFound(err error) bool {
	return err != nil && govbuy.ErrorKindOf(err) == govbuy.ENotFound
}

// storedContract looks a contract number up once per run.
func (p *Planner) storedContract(ctx context.Context, number string) (*govbuy.ContractRow, error) {
	if c, ok := p.existing[number]; ok {
		return c, nil
	}
	stored, err := p.storedNumbers(ctx)
	if err != nil {
		return nil, err
	}
	var c *govbuy.ContractRow
	if p.lookup != nil && (stored == nil || stored[number]) {
		var err error
		c, err = p.lookup.FindContractByNumber(ctx, number)
		if notFound(err) {
			c, err = nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("importer: find contract %q: %w", number, err)
		}
	}
	p.existing[number] = c
	return c, nil
}

// contractNumberLister is a Lookup that lists every stored contract number
// at once, so a large ledger is checked against memory rather than with a
// query per row (govbuy.ContractService has it).
type contractNumberLister interface {
	ContractNumbers(ctx context.Context) (map[string]bool, error)
}

// storedNumbers loads the stored contract numbers once, or returns nil when
// the lookup cannot list them.
func (p *Planner) storedNumbers(ctx context.Context) (map[string]bool, error) {
	lister, ok := p.lookup.(contractNumberLister)
	if !ok {
		return nil, nil
	}
	if p.stored == nil {
		numbers, err := lister.ContractNumbers(ctx)
		if err != nil {
			return nil, fmt.Errorf("importer: list contract numbers: %w", err)
		}
		p.stored = numbers
	}
	return p.stored, nil
}

// nameKey is how names are compared: width-folded, without spaces.
func nameKey(s string) string { return compact(s) }

// contractorInput is a contractor as one row names it.
type contractorInput struct {
	partyInput
	typ       govbuy.ContractorType
	typeGiven bool
}

// lastDay is 31 December of year, the date a ledger's yearly figures are
// booked on.
func lastDay(year int) time.Time { return govbuy.Day(year, time.December, 31) }

// generatedLister is a Lookup that lists the contracts an import numbered
// (govbuy.ImportService, which the store has).
type generatedLister interface {
	GeneratedNumbers(ctx context.Context) ([]govbuy.GeneratedNumber, error)
}

// numbering gives rows without a contract number the officer's kind of
// number, 2023-导入-0005: a row that an earlier import numbered (the same
// year, unit, title and amount) gets that number again, so importing the
// file twice skips rather than duplicates; any other row gets its year's
// next number.
type numbering struct {
	known map[string][]string // row key → numbers an import gave such rows, in order
	last  map[int]int         // year → last sequence given
}

func rowKey(year int, unit, title string, amount govbuy.Money) string {
	return fmt.Sprintf("%d|%s|%s|%d", year, nameKey(unit), nameKey(title), amount)
}

// numbering loads what earlier imports numbered, once per run.
func (p *Planner) numbering(ctx context.Context) (*numbering, error) {
	if p.generated != nil {
		return p.generated, nil
	}
	n := &numbering{known: map[string][]string{}, last: map[int]int{}}
	if lister, ok := p.lookup.(generatedLister); ok {
		list, err := lister.GeneratedNumbers(ctx)
		if err != nil {
			return nil, fmt.Errorf("importer: generated numbers: %w", err)
		}
		for _, g := range list {
			if year, seq, ok := govbuy.ImportedSeq(g.Number); ok {
				key := rowKey(g.Year, g.Unit, g.Title, g.Amount)
				n.known[key] = append(n.known[key], g.Number)
				n.last[year] = max(n.last[year], seq)
			}
		}
	}
	p.generated = n
	return n, nil
}

// next is the number of a row without one: the one an earlier import gave
// such a row, else the year's next.
func (n *numbering) next(c *govbuy.DatasetContract) string {
	key := rowKey(c.Year, c.UnitName, c.Title, c.Amount)
	if list := n.known[key]; len(list) > 0 {
		n.known[key] = list[1:]
		return list[0]
	}
	n.last[c.Year]++
	return govbuy.ImportedNumber(c.Year, n.last[c.Year])
}
