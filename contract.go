package govbuy

import (
	"context"
	"time"
)

// Method is how the contractor was chosen (购买方式).
type Method string

const (
	MethodOpenTender     Method = "公开招标"
	MethodInvitedTender  Method = "邀请招标"
	MethodNegotiation    Method = "竞争性谈判"
	MethodConsultation   Method = "竞争性磋商"
	MethodSingleSource   Method = "单一来源"
	MethodInquiry        Method = "询价"
	MethodFramework      Method = "框架协议"
	MethodDirectHire     Method = "定向招聘"
	MethodOpenHire       Method = "公开招聘"
	MethodPostOutsource  Method = "岗位外包"
	MethodDirectEntrust  Method = "定向委托"
	MethodLimitedCompete Method = "有限竞争"
	MethodMutualAgree    Method = "双方协商"
	MethodOther          Method = "其他"
)

// Methods lists every purchase method in the order forms offer them.
var Methods = []Method{
	MethodOpenTender, MethodInvitedTender, MethodNegotiation, MethodConsultation,
	MethodSingleSource, MethodInquiry, MethodFramework, MethodDirectHire,
	MethodOpenHire, MethodPostOutsource, MethodDirectEntrust, MethodLimitedCompete,
	MethodMutualAgree, MethodOther,
}

// FundingSource is where the money comes from (资金来源).
type FundingSource string

const (
	FundBudget     FundingSource = "财政预算资金"
	FundFund       FundingSource = "政府性基金"
	FundTransfer   FundingSource = "上级转移支付"
	FundOwn        FundingSource = "单位自有资金"
	FundOtherMoney FundingSource = "其他资金"
)

// FundingSources lists every funding source in form order.
var FundingSources = []FundingSource{FundBudget, FundFund, FundTransfer, FundOwn, FundOtherMoney}

// Status is where a contract stands.
type Status string

const (
	StatusActive     Status = "执行中"
	StatusCompleted  Status = "已完成"
	StatusTerminated Status = "已终止"
)

// Statuses lists every status in form order.
var Statuses = []Status{StatusActive, StatusCompleted, StatusTerminated}

// Contract is one purchase: a unit buys a post or a project from a contractor.
type Contract struct {
	ID           int64         `json:"id"`
	Version      int64         `json:"-"` // see StaleRecord
	Number       string        `json:"number"`
	Year         int           `json:"year"` // budget year (年度)
	UnitID       int64         `json:"unit_id"`
	ContractorID int64         `json:"contractor_id"`
	CatalogID    int64         `json:"catalog_id,omitempty"`
	Kind         Kind          `json:"kind"`
	Title        string        `json:"title"`
	Headcount    int           `json:"headcount,omitempty"` // posts only
	Method       Method        `json:"method"`
	Amount       Money         `json:"amount_fen"`
	Start        time.Time     `json:"start,omitzero"`
	End          time.Time     `json:"end,omitzero"`
	Funding      FundingSource `json:"funding"`
	FeeBasis     string        `json:"fee_basis,omitempty"` // the standard the price rests on
	// FeeStandardID is the entry of the fee-standard library that prices
	// the contract (0: none); FeeQuantity is what a unit price is charged
	// on (for posts, the months, else the term's), FeeBase the base a
	// progressive table is charged on (送审造价). FeeShare is the part of
	// the standard this contract agreed (0: the standard's own share), for
	// contractors who each negotiated their own discount.
	FeeStandardID int64  `json:"fee_standard_id,omitempty"`
	FeeQuantity   int64  `json:"fee_quantity,omitempty"`
	FeeBase       Money  `json:"fee_base_fen,omitempty"`
	FeeShare      Rate   `json:"fee_share,omitempty"`
	Status        Status `json:"status"`
	Notes         string `json:"notes,omitempty"`
	// RequirementReason is why the contract goes ahead with a contractor
	// who does not meet the service's requirements; saving such a contract
	// without one is refused. It is kept with the contract's hints.
	RequirementReason string `json:"requirement_reason,omitempty"`
	// Pending are the fields an old ledger did not carry (待补充): the
	// contract is kept, marked, until someone completes them.
	Pending FieldSet `json:"pending,omitzero"`
	PublicRecord
}

// BudgetYear is the contract's 年度, else the year it starts.
func (c *Contract) BudgetYear() int {
	if c.Year != 0 || c.Start.IsZero() {
		return c.Year
	}
	return c.Start.Year()
}

// CheckBudgetYear refuses a budget year outside the span govbuy keeps.
func CheckBudgetYear(year int) error {
	if year < 1990 || year > 2100 {
		return Invalidf(FieldYear, "请填写年度（1990–2100）")
	}
	return nil
}

// MergeFrom takes the fields given of an update of the contract (a
// dataset's row for it) and keeps the rest, so an update corrects what its
// sheet says and never wipes what the sheet has no column or no value for:
// the catalog item, the fee-standard pricing (taken whole or not at all),
// the method, funding, term, headcount, fee basis, status and notes. A
// post that becomes a project, or the reverse, takes the update's
// headcount, given or not: the stored one counted the other kind. The
// requirement reason is the update's, being the reason for this change.
func (c *Contract) MergeFrom(update Contract, given FieldSet) {
	if given.Has(FieldKind) && update.Kind != c.Kind {
		given.Add(FieldHeadcount)
	}
	c.ID, c.Number, c.RequirementReason = update.ID, update.Number, update.RequirementReason
	take(given, FieldYear, &c.Year, update.Year)
	take(given, FieldUnit, &c.UnitID, update.UnitID)
	take(given, FieldContractor, &c.ContractorID, update.ContractorID)
	take(given, FieldCatalog, &c.CatalogID, update.CatalogID)
	take(given, FieldKind, &c.Kind, update.Kind)
	take(given, FieldTitle, &c.Title, update.Title)
	take(given, FieldHeadcount, &c.Headcount, update.Headcount)
	take(given, FieldMethod, &c.Method, update.Method)
	take(given, FieldAmount, &c.Amount, update.Amount)
	take(given, FieldStart, &c.Start, update.Start)
	take(given, FieldEnd, &c.End, update.End)
	take(given, FieldFunding, &c.Funding, update.Funding)
	take(given, FieldFeeBasis, &c.FeeBasis, update.FeeBasis)
	if given.Has(FieldFeeStandard) {
		c.FeeStandardID, c.FeeQuantity, c.FeeBase, c.FeeShare = update.FeeStandardID, update.FeeQuantity, update.FeeBase, update.FeeShare
	}
	take(given, FieldStatus, &c.Status, update.Status)
	take(given, FieldNotes, &c.Notes, update.Notes)
	c.Pending.bits |= update.Pending.bits
	c.PublicRecord.mergeFrom(update.PublicRecord, given)
}

// Normalize puts a contract in the form it is stored in: number and title
// cleaned of stray spaces and control characters, funding and status at
// their defaults (财政预算资金, 执行中) when blank, and the budget year taken
// from the start date when not given. Values are normalised where they
// enter — a form, an import, a dataset, a store write — and then validated.
func (c *Contract) Normalize() {
	c.Number = CleanText(c.Number)
	c.Title = CleanText(c.Title)
	if c.Funding == "" {
		c.Funding = FundBudget
	}
	if c.Status == "" {
		c.Status = StatusActive
	}
	c.Year = c.BudgetYear()
	c.clearCompleted()
	c.PublicRecord.normalize()
}

// Validate checks a normalised contract before it is stored, changing
// nothing; every problem comes back with the field it concerns.
func (c *Contract) Validate() error {
	var v ValidationErrors
	if isBlank(c.Number) {
		v = append(v, Invalidf(FieldContractNo, "不能为空"))
	}
	if isBlank(c.Title) {
		v = append(v, Invalidf(FieldTitle, "不能为空"))
	}
	if c.UnitID == 0 {
		v = append(v, Invalidf(FieldUnit, "请选择购买主体"))
	}
	if c.ContractorID == 0 {
		v = append(v, Invalidf(FieldContractor, "请选择承接主体"))
	}
	if c.Kind != KindPost && c.Kind != KindProject {
		v = append(v, Invalidf(FieldKind, "请选择岗位或项目"))
	}
	if c.Kind == KindPost && c.Headcount <= 0 && !c.Pending.Has(FieldHeadcount) {
		v = append(v, Invalidf(FieldHeadcount, "购买岗位须填写人数（大于0）"))
	}
	if c.Kind == KindProject && c.Headcount < 0 {
		v = append(v, Invalidf(FieldHeadcount, "不能为负数"))
	}
	if !containsKind(Methods, c.Method) {
		v = append(v, Invalidf(FieldMethod, "请选择购买方式"))
	}
	if c.Amount < 0 {
		v = append(v, Invalidf(FieldAmount, "不能为负数"))
	}
	if c.Funding == "" {
		v = append(v, Invalidf(FieldFunding, "请选择资金来源"))
	} else if !containsKind(FundingSources, c.Funding) {
		v = append(v, Invalidf(FieldFunding, "无法识别的资金来源“%s”", c.Funding))
	}
	if c.Status == "" {
		v = append(v, Invalidf(FieldStatus, "请选择状态"))
	} else if !containsKind(Statuses, c.Status) {
		v = append(v, Invalidf(FieldStatus, "无法识别的状态“%s”", c.Status))
	}
	if !c.Start.IsZero() && !c.End.IsZero() && c.End.Before(c.Start) {
		v = append(v, Invalidf(FieldEnd, "结束日期%s早于开始日期%s", FormatDate(c.End), FormatDate(c.Start)))
	}
	if c.FeeShare < 0 || c.FeeShare > FullRate {
		v = append(v, Invalidf(FieldFeeShare, "应在0%%–100%%之间"))
	} else if c.FeeShare != 0 && c.FeeStandardID == 0 {
		v = append(v, Invalidf(FieldFeeShare, "请先选择收费标准"))
	}
	if c.Year < 1990 || c.Year > 2100 {
		v = append(v, Invalidf(FieldYear, "请填写年度（1990–2100）"))
	}
	v = append(v, checkLengths(codeField(FieldContractNo, c.Number), nameField(FieldTitle, c.Title),
		nameField(FieldFeeBasis, c.FeeBasis), noteField(FieldNotes, c.Notes),
		noteField(FieldRequirementReason, c.RequirementReason))...)
	v = append(v, c.PublicRecord.validate()...)
	return v.Err()
}

// TermMonths is the contract term in whole months, rounding a part month up,
// as 第二十四条 counts terms; 0 when a date is missing.
func (c *Contract) TermMonths() int {
	if c.Start.IsZero() || c.End.IsZero() {
		return 0
	}
	end := c.End.AddDate(0, 0, 1) // the end day is served in full
	m := (end.Year()-c.Start.Year())*12 + int(end.Month()-c.Start.Month())
	if end.Day() > c.Start.Day() {
		m++
	}
	return m
}

// DateLayout is the one way govbuy writes a date.
const DateLayout = "2006-01-02"

// FormatDate writes d as 2006-01-02, or "" for the zero date.
func FormatDate(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return d.Format(DateLayout)
}

// Day builds a date at midnight UTC, the form every stored date takes.
func Day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ContractFilter narrows, sorts and pages the contract list.
type ContractFilter struct {
	Search       string
	Year         int
	UnitID       int64
	ContractorID int64
	Kind         Kind
	Status       Status
	Method       Method
	Sort         string // a ContractRow column: number, year, unit, contractor, title, method, amount, paid, start
	Desc         bool
	Offset       int
	Limit        int
}

// ContractRow is a contract as listed, with names and money figures joined in.
type ContractRow struct {
	Contract
	UnitName       string         `json:"unit"`
	ContractorName string         `json:"contractor"`
	ContractorType ContractorType `json:"contractor_type"`
	CatalogName    string         `json:"category"`
	Paid           Money          `json:"paid_fen"`
}

// ContractService keeps contracts.
type ContractService interface {
	// FindContracts is the page of contracts f selects, sorted and offset as
	// it asks, with names and money joined in, and the count of all it
	// selects.
	FindContracts(ctx context.Context, f ContractFilter) ([]ContractRow, int, error)
	// SumContracts totals the money columns of the contracts f matches
	// ("amount", "paid").
	SumContracts(ctx context.Context, f ContractFilter) (ListTotals, error)
	// FindContractByID is one contract with names and money joined in;
	// ENotFound when there is none.
	FindContractByID(ctx context.Context, id int64) (*ContractRow, error)
	// FindContractByNumber is the contract numbered number; ENotFound when
	// there is none.
	FindContractByNumber(ctx context.Context, number string) (*ContractRow, error)
	// CreateContract normalises, validates (EInvalid, also for a unit,
	// contractor, category or fee standard that is not stored) and stores a
	// new contract, setting c.ID; a number already taken is EConflict, as is
	// a contract of a closed year.
	CreateContract(ctx context.Context, c *Contract) error
	// UpdateContract saves a contract's changes on the same terms.
	UpdateContract(ctx context.Context, c *Contract) error
	// DeleteContract removes a contract with its plan and acknowledgements:
	// ENotFound when there is none, EConflict while it has payments,
	// assessments or inspections (see ContractDeleteRefusal), and
	// StaleRecord when it is no longer at the version the caller read.
	DeleteContract(ctx context.Context, id, version int64) error
	// ContractDeleteRefusal says why DeleteContract would refuse the
	// contract (its payments, assessments or inspections), nil when it would
	// not.
	ContractDeleteRefusal(ctx context.Context, id int64) error
	// ContractNumbers is the set of every stored contract number, so the
	// importer checks a large ledger against memory, not a query per row.
	ContractNumbers(ctx context.Context) (map[string]bool, error)
}
