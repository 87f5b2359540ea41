package govbuy

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// Narrative writes the year up in the style of a year-end 调研报告: scope,
// methods, spend and its sources, assessment and compliance. Every figure
// comes from the report model itself, so the text can never disagree with
// the tables it stands above.
//
// A count has a basis, and each sentence names its own: what was signed
// (the contracts of the budget year: scope, methods, screening, pricing)
// or what was paid (payments dated in the year: spend, and the shares of
// the methods), so posts and projects are counted the same way wherever a
// sentence puts them side by side.
func Narrative(r *Report) []string {
	paras := []string{scopeParagraph(r)}
	for _, p := range []string{methodParagraph(r), screeningParagraph(r), pricingParagraph(r), supervisionParagraph(r), assessmentParagraph(r)} {
		if p != "" {
			paras = append(paras, p)
		}
	}
	return append(paras, spendParagraph(r), complianceParagraph(r))
}

// screeningParagraph tells how contractors were screened against the
// service requirements; "" when none is set.
func screeningParagraph(r *Report) string {
	s := r.Screening
	if s.Requirements == 0 {
		return ""
	}
	text := fmt.Sprintf("坚持服务专业化，对%d类服务明确承接主体的类型和资质要求", s.Requirements)
	if s.Contracts == 0 {
		return text + "，本年度未发生相关购买事项。"
	}
	if s.Met == s.Contracts {
		return text + fmt.Sprintf("，本年度签订的%d份相关合同均经资质审查，承接主体均符合要求。", s.Contracts)
	}
	text += fmt.Sprintf("，本年度签订的%d份相关合同均经资质审查，其中%d份的承接主体符合要求", s.Contracts, s.Met)
	if s.WithReason > 0 {
		text += fmt.Sprintf("，%d份经书面说明理由后签订", s.WithReason)
	}
	if rest := s.Contracts - s.Met - s.WithReason; rest > 0 {
		text += fmt.Sprintf("，%d份尚待核实", rest)
	}
	return text + "。"
}

// pricingParagraph tells which fee standards priced the year's contracts;
// "" when none did.
func pricingParagraph(r *Report) string {
	p := r.Pricing
	if p.Contracts == 0 {
		return ""
	}
	text := fmt.Sprintf("坚持标准科学化，依据收费标准库中的%s核定本年度签订的%d份合同的价格，涉及合同金额%s万元",
		standardTitles(p.Standards), p.Contracts, wanShort(p.Amount))
	if p.Departures > 0 {
		return text + fmt.Sprintf("；其中%d份合同金额偏离标准价格超过%s，已列入合规提示。", p.Departures, p.MaxDeparture)
	}
	return text + fmt.Sprintf("，合同金额与标准价格的偏离均在%s以内。", p.MaxDeparture)
}

// standardTitles names the standards as titles: all of up to three, else
// the first three and how many in all.
func standardTitles(names []string) string {
	var b strings.Builder
	for _, n := range names[:min(len(names), 3)] {
		b.WriteString("《" + n + "》")
	}
	if len(names) > 3 {
		fmt.Fprintf(&b, "等%d项收费标准", len(names))
	}
	return b.String()
}

// supervisionParagraph tells how the contracts were supervised; "" when
// no inspection was recorded.
func supervisionParagraph(r *Report) string {
	s := r.Supervision
	if s.Inspections == 0 {
		return ""
	}
	text := fmt.Sprintf("坚持管理合同化，全年对%d份合同开展督查%d次，其中随机抽查%d次", s.Contracts, s.Inspections, s.Unannounced)
	if s.Deductions == 0 {
		return text + "，未发现需扣分的问题。"
	}
	return text + fmt.Sprintf("，发现问题%d项，扣%s分，扣分逐项计入当期考核。", s.Deductions, Score(s.PointsTenths))
}

// scopeParagraph tells what the contracts signed in the year bought, and
// from whom.
func scopeParagraph(r *Report) string {
	sg, t := r.Signed, r.Totals
	if t.Contracts == 0 {
		return fmt.Sprintf("%d年，%s未签订新的政府购买服务合同。", r.Year, r.District)
	}
	text := fmt.Sprintf("%d年，%s共有%d个行政事业单位通过政府购买服务方式签订合同%d份，合同金额%s万元",
		r.Year, r.District, sg.Units, t.Contracts, wanShort(t.ContractAmount))
	if kinds := signedKinds(sg); kinds != "" {
		text += "，其中" + kinds
	}
	text += fmt.Sprintf("；签约承接主体%d个", sg.Contractors)
	if mix := contractorMix(sg); mix != "" {
		text += "，其中" + mix
	}
	return text + "。"
}

// signedKinds counts the signed posts and projects side by side, each with
// its contracts: "购买岗位39种、合同42份，购买服务项目33个、合同33份".
func signedKinds(sg ReportSigned) string {
	var parts []string
	if sg.PostContracts > 0 {
		parts = append(parts, fmt.Sprintf("购买岗位%d种、合同%d份", sg.PostTypes, sg.PostContracts))
	}
	if sg.ProjectContracts > 0 {
		parts = append(parts, fmt.Sprintf("购买服务项目%d个、合同%d份", sg.Projects, sg.ProjectContracts))
	}
	return strings.Join(parts, "，")
}

// contractorMix lists the signed contractors by type: "企业18个、社会组织7个".
func contractorMix(sg ReportSigned) string {
	parts := make([]string, 0, len(sg.ContractorTypes))
	for _, c := range sg.ContractorTypes {
		parts = append(parts, fmt.Sprintf("%s%d个", c.Name, c.Count))
	}
	return strings.Join(parts, "、")
}

// methodParagraph counts the signed contracts by method, then shares out
// the year's payments by method: two lists, each whole on its own basis
// (a method whose contracts are all older is paid but signed nothing).
// "" when nothing was signed or paid.
func methodParagraph(r *Report) string {
	var signed, paid []string
	for _, g := range sortedGroups(r.ByMethod, func(g ReportGroup) int64 { return int64(g.Contracts) }) {
		signed = append(signed, fmt.Sprintf("%s%d份", g.Name, g.Contracts))
	}
	for _, g := range sortedGroups(r.ByMethod, func(g ReportGroup) int64 { return int64(g.Paid) }) {
		paid = append(paid, fmt.Sprintf("%s%s万元（占%s）", g.Name, wanShort(g.Paid), share(g.Paid, r.Totals.Paid)))
	}
	var text string
	if len(signed) > 0 {
		text += fmt.Sprintf("本年签订的%d份合同中，%s", r.Totals.Contracts, strings.Join(signed, "、"))
		if how := kindMethods(r); how != "" {
			text += "；" + how
		}
		text += "。"
	}
	if len(paid) > 0 {
		text += fmt.Sprintf("本年支付的%s万元中，%s。", wanShort(r.Totals.Paid), strings.Join(paid, "、"))
	}
	if text == "" {
		return ""
	}
	return "从购买方式看，" + text
}

// sortedGroups keeps the groups whose figure is positive, largest first.
func sortedGroups(groups []ReportGroup, figure func(ReportGroup) int64) []ReportGroup {
	var out []ReportGroup
	for _, g := range groups {
		if figure(g) > 0 {
			out = append(out, g)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return figure(out[i]) > figure(out[j]) })
	return out
}

// kindMethods says how each kind of signed contract was bought.
func kindMethods(r *Report) string {
	var how []string
	if m := methodsOf(r, KindPost); m != "" {
		how = append(how, "岗位通过"+m+"方式购买")
	}
	if m := methodsOf(r, KindProject); m != "" {
		how = append(how, "项目通过"+m+"方式确定承接主体")
	}
	return strings.Join(how, "，")
}

// methodsOf lists the methods used for one kind of purchase in the year,
// most used first.
func methodsOf(r *Report, k Kind) string {
	count := map[Method]int{}
	for _, c := range r.Contracts {
		if c.Kind == k && c.Year == r.Year {
			count[c.Method]++
		}
	}
	methods := make([]string, 0, len(count))
	for m := range count {
		methods = append(methods, string(m))
	}
	sort.Slice(methods, func(i, j int) bool {
		a, b := count[Method(methods[i])], count[Method(methods[j])]
		return a > b || a == b && methods[i] < methods[j]
	})
	return strings.Join(methods, "、")
}

// spendParagraph tells what was paid in the year, from which funds, and
// for how many posts and projects with a payment.
func spendParagraph(r *Report) string {
	t := r.Totals
	if t.Paid == 0 {
		return "全年未支付购买服务费用。"
	}
	s := fmt.Sprintf("全年支付购买服务费用%s万元（%s）", wanShort(t.Paid), strings.TrimPrefix(t.Paid.Words(), "人民币"))
	var parts []string
	for _, g := range r.ByFundingSource {
		if g.Paid > 0 {
			parts = append(parts, fmt.Sprintf("%s%s万元，占%s", g.Name, wanShort(g.Paid), share(g.Paid, t.Paid)))
		}
	}
	if len(parts) > 0 {
		s += "，其中" + strings.Join(parts, "；")
	}
	var posts, projects Money
	for _, c := range r.Contracts {
		if c.Kind == KindPost {
			posts += c.Paid
		} else {
			projects += c.Paid
		}
	}
	var kinds []string
	if posts != 0 {
		kinds = append(kinds, fmt.Sprintf("支付岗位费用%s万元、涉及岗位%d种", wanShort(posts), t.PostTypes))
	}
	if projects != 0 {
		kinds = append(kinds, fmt.Sprintf("支付服务项目费用%s万元、涉及项目%d个", wanShort(projects), t.Projects))
	}
	return s + "。按类型分，" + strings.Join(kinds, "，") + "。"
}

func assessmentParagraph(r *Report) string {
	if len(r.Assessments) == 0 {
		return ""
	}
	grades := map[Grade]int{}
	var sum int64
	var base, payable Money
	contracts := map[string]bool{}
	for _, a := range r.Assessments {
		grades[a.Grade]++
		sum += int64(a.Score)
		base += a.Base
		payable += a.Payable
		contracts[a.Contract] = true
	}
	avg := AverageScore(sum, int64(len(r.Assessments)))
	var mix []string
	for _, g := range []Grade{GradeExcellent, GradeGood, GradeFair, GradePoor} {
		if grades[g] > 0 {
			mix = append(mix, fmt.Sprintf("%s%d次", g, grades[g]))
		}
	}
	return fmt.Sprintf("实行考评制度化管理，全年对%d份合同开展考核%d次，平均得分%s分，其中%s；根据得分按比例支付费用，考核基数%s万元，应付%s万元，按考核结果扣减%s万元。",
		len(contracts), len(r.Assessments), avg, strings.Join(mix, "、"), wanShort(base), wanShort(payable), wanShort(base-payable))
}

// complianceParagraph sets the year's figures on the guideline and the
// deadlines (figuresSentences) before the count of the hints listed.
func complianceParagraph(r *Report) string {
	return figuresSentences(r) + hintsSentence(r)
}

func hintsSentence(r *Report) string {
	if len(r.Warnings) == 0 {
		return "经系统核对，本年度购买服务合同未发现合规提示事项。"
	}
	byRule := map[string]int{}
	var order []string
	for _, w := range r.Warnings {
		if byRule[w.Rule] == 0 {
			order = append(order, w.Rule)
		}
		byRule[w.Rule]++
	}
	parts := make([]string, len(order))
	for i, rule := range order {
		parts[i] = fmt.Sprintf("%s%d条", rule, byRule[rule])
	}
	return fmt.Sprintf("经系统核对，本年度共有合规提示%d条（%s），已逐项列入合规提示清单（附后），请有关单位核实说明。", len(r.Warnings), strings.Join(parts, "、"))
}

// wanShort writes an amount in 万元 the way report prose does: no thousands
// separators and no trailing zeros, "4029.3".
func wanShort(m Money) string {
	s := strings.ReplaceAll(m.Wan(), ",", "")
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// share writes part/whole as a percentage with one decimal, rounded half up.
func share(part, whole Money) string {
	if whole == 0 {
		return "0%"
	}
	return PermilleText(SharePermille(part, whole))
}

// NarrativeService keeps an officer's own wording of a year's narrative.
type NarrativeService interface {
	// EditedNarrative is the narrative of year as an officer last exported
	// it after editing; nil when none was kept, and Narrative's applies.
	EditedNarrative(ctx context.Context, year int) ([]string, error)
	// SaveEditedNarrative keeps paragraphs as the narrative of year,
	// recorded in the audit log; nil goes back to Narrative's.
	SaveEditedNarrative(ctx context.Context, year int, paragraphs []string) error
}
