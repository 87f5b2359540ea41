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
	As        Kind                  // what the files hold; "" is the contract ledger
	Map       Mapping               // header → field overrides (--map)
	Presets   govbuy.MappingPresets // saved mappings by header row; nil for none
	Update    bool                  // update contracts/contractors already stored instead of skipping them
	HeaderRow int                   // 1-based header row; 0 detects it
	Sheet     string                // the one sheet to import; "" imports every sheet with a header
	Catalog   []govbuy.CatalogItem  // catalog to match 服务类别 against; nil uses govbuy.DefaultCatalog
}

// Lookup finds what is already stored; the store implements it (these are
// methods of govbuy.ContractorService and govbuy.ContractService). Both
// return nil and no error, or a govbuy ENotFound error, when nothing matches.
// A Lookup that also has FindUnits (govbuy.UnitService, which the store
// has) tells new purchasing units from registered ones; without it, as with
// a nil Lookup, every unit named is listed as new.
type Lookup interface {
	FindContractorByCode(ctx context.Context, code, name string) (*govbuy.Contractor, error)
	FindContractByNumber(ctx context.Context, number string) (*govbuy.ContractRow, error)
}

type unitFinder interface {
	FindUnits(ctx context.Context, f govbuy.UnitFilter) ([]govbuy.UnitRow, int, error)
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
	Notices        []string // things done that the person should know, not errors
	Headers        []*Header
	NewUnits       []string
	NewContractors []string
	Files          int
	Rows           int // data rows read (blank and total rows not counted)
	Skipped        int // rows of records already stored, left alone
	Updated        int // rows that update stored records
	Generated      int // contracts given a generated number
}

// Planner builds one plan from several files, so that a contractor or unit
// named in two files is one new record and a contract number is checked
// across them.
type Planner struct {
	opts    Options
	lookup  Lookup
	units   unitFinder
	plan    *Plan
	catalog []govbuy.CatalogItem

	unitSeen       map[string]string // normalised name → name to use
	contractorSeen map[string]*contractorRef
	contractorByID map[int64]*contractorRef
	numbers        map[string]Source // contract numbers of this run
	existing       map[string]*govbuy.ContractRow
	assessed       map[string]Source // contract|period of this run
	memo           map[string]memoEntry
	codeChecks     map[string]error
	unitRaw        map[string]string // name as written → name to use
	stored         map[string]bool   // stored contract numbers, when the lookup lists them
}

type contractorRef struct {
	name string
	typ  govbuy.ContractorType
	idx  int // index into Dataset.Contractors, -1 for a stored contractor
}

// NewPlanner starts a plan; lookup may be nil (an empty database).
func NewPlanner(opts Options, lookup Lookup) *Planner {
	opts.As = normalKind(opts.As)
	p := &Planner{
		opts:           opts,
		lookup:         lookup,
		plan:           &Plan{As: opts.As, Dataset: &govbuy.Dataset{}},
		catalog:        opts.Catalog,
		unitSeen:       map[string]string{},
		contractorSeen: map[string]*contractorRef{},
		contractorByID: map[int64]*contractorRef{},
		numbers:        map[string]Source{},
		existing:       map[string]*govbuy.ContractRow{},
		assessed:       map[string]Source{},
		memo:           map[string]memoEntry{},
		codeChecks:     map[string]error{},
		unitRaw:        map[string]string{},
	}
	if p.catalog == nil {
		p.catalog = govbuy.DefaultCatalog
	}
	p.units, _ = lookup.(unitFinder)
	return p
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

// unit resolves a purchasing unit by name, noting it as new when the
// lookup can tell and it is not stored.
func (p *Planner) unit(ctx context.Context, name string) (string, error) {
	if n, ok := p.unitRaw[name]; ok {
		return n, nil
	}
	key := nameKey(name)
	if n, ok := p.unitSeen[key]; ok {
		p.unitRaw[name] = n
		return n, nil
	}
	name = govbuy.CleanText(name)
	stored := ""
	if p.units != nil {
		rows, _, err := p.units.FindUnits(ctx, govbuy.UnitFilter{Search: name, Limit: 50})
		if err != nil && !notFound(err) {
			return "", fmt.Errorf("importer: find unit %q: %w", name, err)
		}
		for _, r := range rows {
			if nameKey(r.Name) == key {
				stored = r.Name
				break
			}
		}
	}
	if stored == "" {
		p.plan.Dataset.Units = append(p.plan.Dataset.Units, govbuy.DatasetUnit{Unit: govbuy.Unit{Name: name}})
		p.plan.NewUnits = append(p.plan.NewUnits, name)
		stored = name
	}
	p.unitSeen[key] = stored
	p.unitRaw[name] = stored
	return stored, nil
}

// contractorInput is a contractor as one row names it.
type contractorInput struct {
	name, code string
	typ        govbuy.ContractorType
	typeGiven  bool
}

// findContractor matches a contractor against this run and the store: by
// credit code first, then by name. It returns nil when the contractor is new.
func (p *Planner) findContractor(ctx context.Context, in contractorInput) (*contractorRef, error) {
	if in.code != "" {
		if r, ok := p.contractorSeen["code:"+in.code]; ok {
			return r, nil
		}
	}
	if r, ok := p.contractorSeen["raw:"+in.name]; ok && in.code == "" {
		return r, nil
	}
	if r, ok := p.contractorSeen["name:"+nameKey(in.name)]; ok {
		p.contractorSeen["raw:"+in.name] = r
		return r, nil
	}
	if p.lookup == nil {
		return nil, nil
	}
	c, err := p.lookup.FindContractorByCode(ctx, in.code, in.name)
	if notFound(err) {
		c, err = nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("importer: find contractor %q: %w", in.name, err)
	}
	if c == nil {
		return nil, nil
	}
	if r, ok := p.contractorByID[c.ID]; ok {
		p.remember(r, in.code, in.name)
		return r, nil
	}
	r := &contractorRef{name: c.Name, typ: c.Type, idx: -1}
	p.contractorByID[c.ID] = r
	p.remember(r, c.CreditCode, c.Name)
	p.remember(r, in.code, in.name)
	return r, nil
}

func (p *Planner) remember(r *contractorRef, code, name string) {
	if code != "" {
		p.contractorSeen["code:"+code] = r
	}
	if name != "" {
		p.contractorSeen["name:"+nameKey(name)] = r
	}
}

// addContractor records a new contractor.
func (p *Planner) addContractor(c govbuy.DatasetContractor) *contractorRef {
	ds := p.plan.Dataset
	ds.Contractors = append(ds.Contractors, c)
	p.plan.NewContractors = append(p.plan.NewContractors, c.Name)
	r := &contractorRef{name: c.Name, typ: c.Type, idx: len(ds.Contractors) - 1}
	p.remember(r, c.CreditCode, c.Name)
	return r
}

// lastDay is 31 December of year, the date a ledger's yearly figures are
// booked on.
func lastDay(year int) time.Time { return govbuy.Day(year, time.December, 31) }
