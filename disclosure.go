package govbuy

import (
	"strconv"
	"strings"
	"time"
)

// DisclosureBasis is the rule the disclosure table answers.
const DisclosureBasis = "财预〔2017〕87号 第五点"

// Disclosure is a budget year's government purchase of services as 财预
// 〔2017〕87号 第五点 has it made public: for each contract the content
// bought, the way it was bought, the contractor, the contract amount, the
// funding arranged per year, the term and the performance evaluation.
type Disclosure struct {
	Year     int
	District string
	Rows     []DisclosureRow
	Total    Money // the rows' amounts
}

// DisclosureRow is one contract of the year.
type DisclosureRow struct {
	Number     string
	Unit       string
	Content    string // 购买服务内容
	Method     Method
	Contractor string
	// Amount is the contract amount with the supplementary contracts
	// signed by the end of the year.
	Amount  Money
	Funding []YearAmount // 分年财政资金安排, adding up to Amount
	Start   time.Time
	End     time.Time
	// Performance is 绩效评价: the year's assessments averaged and graded
	// by the contract's bands, or 未评价.
	Performance string
}

// YearAmount is money arranged for one budget year.
type YearAmount struct {
	Year   int   `json:"year"`
	Amount Money `json:"amount_fen"`
}

// NewDisclosure builds the disclosure table of the contracts of budget
// year y.Year, in y's order (by number); contracts of other years that were
// paid or assessed in it belong to their own year's table.
func NewDisclosure(y *ContractingYear) *Disclosure {
	d := &Disclosure{Year: y.Year, District: y.Profile.Name, Rows: []DisclosureRow{}}
	for i := range y.Contracts {
		r := &y.Contracts[i]
		c := &r.Contract
		if c.BudgetYear() != y.Year {
			continue
		}
		amount := c.Amount + SupplementTotal(r.Supplements)
		d.Rows = append(d.Rows, DisclosureRow{Number: c.Number, Unit: r.Unit.Name, Content: disclosureContent(c),
			Method: c.Method, Contractor: r.Contractor.Name, Amount: amount, Funding: FundingByYear(c, amount),
			Start: c.Start, End: c.End, Performance: performanceText(r.Assessments, r.Bands)})
		d.Total += amount
	}
	return d
}

// Title is the table's title: 云溪区2024年度政府购买服务信息公开表.
func (d *Disclosure) Title() string {
	return d.District + strconv.Itoa(d.Year) + "年度政府购买服务信息公开表"
}

func disclosureContent(c *Contract) string {
	if c.Kind == KindPost {
		return c.Title + "（购买岗位" + strconv.Itoa(c.Headcount) + "人）"
	}
	return c.Title
}

// performanceText averages the year's scores (AverageScore, as the annual
// report does) and grades the average by the contract's bands.
func performanceText(list []Assessment, bands GradeBands) string {
	if len(list) == 0 {
		return "未评价"
	}
	var sum int64
	for _, a := range list {
		sum += int64(a.Score)
	}
	avg := AverageScore(sum, int64(len(list)))
	text := avg.String() + "分（" + string(bands.Grade(avg)) + "）"
	if len(list) > 1 {
		text = strconv.Itoa(len(list)) + "次考核平均" + text
	}
	return text
}

// TermText is the contract term: 2024-01-01至2024-12-31, 未填写 without
// dates.
func (r *DisclosureRow) TermText() string {
	if r.Start.IsZero() || r.End.IsZero() {
		return "未填写"
	}
	return FormatDate(r.Start) + "至" + FormatDate(r.End)
}

// FundingText is the per-year funding in 元: 2024年 120,000.00元；2025年 ….
func (r *DisclosureRow) FundingText() string {
	parts := make([]string, len(r.Funding))
	for i, f := range r.Funding {
		parts[i] = strconv.Itoa(f.Year) + "年 " + f.Amount.String() + "元"
	}
	return strings.Join(parts, "；")
}

// FundingSplitNote says in a line under the table how FundingByYear
// splits the amounts.
const FundingSplitNote = "合同期限在一个年度内的，合同金额全部安排在该年度；跨年度合同按合同期限在各年度的天数分摊（四舍五入到分，各年合计等于合同金额）。"

// FundingByYear splits a contract's amount over the budget years its term
// covers. govbuy keeps no instalment per year: Settle settles a contract in
// its budget year, and a term within that year (nearly every contract)
// puts the whole amount there. A term running into other years (第二十四条
// allows up to three) is funded year by year for the service each year
// receives, so the amount is split in proportion to the term's days in each
// calendar year. Each year's share is the rounded cumulative share less the
// one before it (rounded half up, as every division of money), so the
// shares add up to the amount to the fen. Without both dates the whole
// amount is the budget year's.
func FundingByYear(c *Contract, amount Money) []YearAmount {
	if c.Start.IsZero() || c.End.IsZero() || c.Start.Year() == c.End.Year() {
		return []YearAmount{{Year: c.BudgetYear(), Amount: amount}}
	}
	end := c.End.AddDate(0, 0, 1) // the end day is served in full
	total := int64(end.Sub(c.Start).Hours() / 24)
	var out []YearAmount
	var before, done int64
	for y := c.Start.Year(); y <= c.End.Year(); y++ {
		from, to := Day(y, time.January, 1), Day(y+1, time.January, 1)
		if from.Before(c.Start) {
			from = c.Start
		}
		if end.Before(to) {
			to = end
		}
		days := int64(to.Sub(from).Hours() / 24)
		done += days
		share := amount.MulRatio(done, total) - amount.MulRatio(before, total)
		before = done
		out = append(out, YearAmount{Year: y, Amount: share})
	}
	return out
}
