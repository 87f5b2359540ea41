// Package figures turns the report model's numbers into the text both the
// workbook and the PDF print, so the two show the same figures under the
// same names.
package figures

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"govbuy"
)

// FixedPoint writes n/10^scale as plain decimal text ("-1234.5"), keeping at
// least minDecimals decimals and dropping further trailing zeros. Spreadsheet
// cells and the PDF get their figures from it, so no amount ever passes
// through float64.
func FixedPoint(n int64, scale, minDecimals int) string {
	return string(AppendFixedPoint(nil, n, scale, minDecimals))
}

func AppendFixedPoint(b []byte, n int64, scale, minDecimals int) []byte {
	mag := uint64(n)
	if n < 0 {
		mag = -mag // two's complement: the magnitude, also of the most negative value
		b = append(b, '-')
	}
	var digits [24]byte
	d := strconv.AppendUint(digits[:0], mag, 10)
	if len(d) <= scale { // pad to one digit before the point
		d = append([]byte(strings.Repeat("0", scale+1-len(d))), d...)
	}
	whole, frac := d[:len(d)-scale], d[len(d)-scale:]
	for len(frac) > minDecimals && frac[len(frac)-1] == '0' {
		frac = frac[:len(frac)-1]
	}
	b = append(b, whole...)
	if len(frac) > 0 {
		b = append(b, '.')
		b = append(b, frac...)
	}
	return b
}

// YuanText is an amount in 元 with two decimals, the value of a numeric cell.
func YuanText(m govbuy.Money) string { return FixedPoint(int64(m), 2, 2) }

// WanText is an amount in 万元, exact: fen/10^6 has at most six decimals, so
// the 万元 columns of a sheet add up to their total to the fen, where values
// rounded to 0.01 万元 would not. Cells show two decimals by number format.
func WanText(m govbuy.Money) string { return FixedPoint(int64(m), 6, 0) }

// RatioScaled returns num/den × 10^scale rounded half away from zero, and
// false when den is zero. Big integers keep large amounts from overflowing.
func RatioScaled(num, den govbuy.Money, scale int) (int64, bool) {
	if den == 0 {
		return 0, false
	}
	n := new(big.Int).Mul(big.NewInt(int64(num)), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil))
	d := big.NewInt(int64(den))
	neg := n.Sign()*d.Sign() < 0
	n.Abs(n)
	d.Abs(d)
	n.Mul(n, big.NewInt(2)).Add(n, d) // (2n + d) / 2d = n/d + ½,
	n.Quo(n, d.Mul(d, big.NewInt(2))) // truncated: rounded half up
	if neg {
		n.Neg(n)
	}
	return n.Int64(), true
}

// ShareText is num's share of den as a fraction with six decimals for a
// cell formatted 0.00%, or "" when there is nothing to share.
func ShareText(num, den govbuy.Money) string {
	v, ok := RatioScaled(num, den, 6)
	if !ok {
		return ""
	}
	return FixedPoint(v, 6, 0)
}

// SharePercent is num's share of den as printed: "12.34%", or "—".
func SharePercent(num, den govbuy.Money) string {
	v, ok := RatioScaled(num, den, 4)
	if !ok {
		return "—"
	}
	return FixedPoint(v, 2, 2) + "%"
}

// Title is the heading every form of the report carries.
func Title(r *govbuy.Report) string {
	return r.District + strconv.Itoa(r.Year) + "年度政府购买服务情况汇总表"
}

// ListTitle is the heading of one of the report's lists, the district and
// year before what it lists: "云溪区2024年度政府购买服务合同台账".
func ListTitle(r *govbuy.Report, list string) string {
	return r.District + strconv.Itoa(r.Year) + "年度政府购买服务" + list
}

// Lists the report appends, under the names the narrative uses.
const (
	HintList   = "合规提示清单"
	LedgerList = "合同台账"
)

// Hint is a line of the hint list: its number, a warning and the unit
// whose contract it is about, who is asked to explain it.
type Hint struct {
	No int
	govbuy.Warning
	Unit string
}

// Hints lists the report's warnings in order, each with its contract's unit.
func Hints(r *govbuy.Report) []Hint {
	if len(r.Warnings) == 0 {
		return nil
	}
	units := make(map[string]string, len(r.Contracts))
	for i := range r.Contracts {
		units[r.Contracts[i].Number] = r.Contracts[i].Unit
	}
	hints := make([]Hint, len(r.Warnings))
	for i, w := range r.Warnings {
		hints[i] = Hint{No: i + 1, Warning: w, Unit: units[w.Contract]}
	}
	return hints
}

// Figure is one of the report's headline figures: a count, an amount
// shown in 元 or in 万元, or a text (a share with its verdict).
type Figure struct {
	Label  string
	Count  int
	Amount govbuy.Money
	Text   string
	Shown  Shown
}

// Shown is how a Figure is written.
type Shown int

const (
	AsCount Shown = iota
	AsYuan
	AsWan
	AsText
)

// Totals are the headline figures under the labels both the workbook and
// the PDF print, each count naming its basis where the model has two.
func Totals(r *govbuy.Report) []Figure {
	t := r.Totals
	out := []Figure{
		{Label: "购买主体（单位）数", Count: t.Units},
		{Label: "承接主体数", Count: t.Contractors},
		{Label: "合同数（本年签订）", Count: t.Contracts},
		{Label: "岗位种类（本年支付）", Count: t.PostTypes},
		{Label: "服务项目（本年支付）", Count: t.Projects},
		{Label: headcountLabel(t), Count: t.PostsHeadcount},
		{Label: "合同金额（元）", Amount: t.ContractAmount, Shown: AsYuan},
		{Label: "合同金额（万元）", Amount: t.ContractAmount, Shown: AsWan},
		{Label: "已支付（元）", Amount: t.Paid, Shown: AsYuan},
		{Label: "已支付（万元）", Amount: t.Paid, Shown: AsWan},
	}
	return append(out, yearFigures(r)...)
}

// yearFigures are the lines the compliance paragraph of the narrative
// states: the share bought from 社会组织 against the guideline, then how
// the year's contracts kept publication and 备案, in the narrative's words.
func yearFigures(r *govbuy.Report) []Figure {
	so, d := r.SocialOrg, r.Deadlines
	share, verdict := "—", "—"
	if so.Total > 0 {
		share, verdict = govbuy.PermilleText(so.SharePermille), "未达到"
		if so.MeetsGuideline {
			verdict = "已达到"
		}
	}
	out := []Figure{
		{Label: "向社会组织购买金额（元，本年签订）", Amount: so.Amount, Shown: AsYuan},
		{Label: "向社会组织购买占合同金额比例", Text: share, Shown: AsText},
		{Label: fmt.Sprintf("是否达到不低于%d%%的指导比例", so.GuidelinePermille/10), Text: verdict, Shown: AsText},
	}
	out = append(out, deadlineFigures("公告", d.Publish)...)
	out = append(out, deadlineFigures("备案", d.Filing)...)
	if d.NoSignDate > 0 {
		out = append(out, Figure{Label: "未记录签订日期的合同数", Count: d.NoSignDate})
	}
	return out
}

// deadlineFigures count the contracts by how they kept one deadline.
func deadlineFigures(act string, d govbuy.ReportDeadline) []Figure {
	head := fmt.Sprintf("合同%s（%d个工作日内）：", act, d.Workdays)
	return []Figure{
		{Label: head + "应" + act + "合同数", Count: d.Due},
		{Label: head + "按时" + act, Count: d.Met},
		{Label: head + "逾期" + act, Count: d.Late},
		{Label: head + "逾期未" + act, Count: d.Missing},
		{Label: head + "尚未到期", Count: d.NotYetDue},
	}
}

// PaidStatement states the year's payments in figures and in words, as
// payment documents do, a line each.
func PaidStatement(r *govbuy.Report) string {
	p := r.Totals.Paid
	return "本年已支付金额（小写）：" + p.String() + "元（" + p.Wan() + "万元）\n大写：" + p.Words()
}

// Signers are the people who sign the report, in the order of the
// signature block.
var Signers = []string{"单位负责人", "分管领导", "审核人", "制表人"}

// Breakdown is one of the report's group tables, shared by the workbook and
// the PDF so both show the same tables under the same names.
type Breakdown struct {
	Name    string // sheet name and PDF heading
	Heading string // what the rows are
	Rows    []govbuy.ReportGroup
}

func Breakdowns(r *govbuy.Report) []Breakdown {
	return []Breakdown{
		{"按单位", "购买主体", r.ByUnit},
		{"按类别", "服务类别", r.ByCategory},
		{"按方式", "购买方式", r.ByMethod},
		{"按主体类型", "承接主体类型", r.ByContractorType},
		{"按资金来源", "资金来源", r.ByFundingSource},
	}
}

// Sum adds up a breakdown's rows; it is what the sheet's SUM formulas
// compute, so it is also their cached value.
func Sum(rows []govbuy.ReportGroup) govbuy.ReportGroup {
	t := govbuy.ReportGroup{Name: "合计"}
	for _, g := range rows {
		t.Contracts += g.Contracts
		t.ContractAmount += g.ContractAmount
		t.Paid += g.Paid
		t.PrevPaid += g.PrevPaid
	}
	return t
}

// ScoreText is a contract's score, or "" when it has none.
func ScoreText(s *govbuy.Score) string {
	if s == nil {
		return ""
	}
	return s.String()
}

// headcountLabel names the posts' people, saying how many posts are left
// out because their people are not known yet: unknown is not zero.
func headcountLabel(t govbuy.ReportTotals) string {
	if t.PostsHeadcountPending == 0 {
		return "岗位人数（本年签订）"
	}
	return fmt.Sprintf("岗位人数（本年签订；另%d份合同人数待补充）", t.PostsHeadcountPending)
}
