package govbuy

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Hint is a compliance warning about a contract, after 《政府购买服务管理
// 办法》（财政部令第102号）. Hints never block a save: an officer reads them
// and may acknowledge one with a reason, which is kept with the contract.
type Hint struct {
	Rule    string `json:"rule"`    // a stable code: hiring, dispatch, term, term3, excluded, excluded_unit, tender, poor, requirement, expired
	Article string `json:"article"` // the article cited, e.g. 第十条 (of 102号令 unless named)
	Message string `json:"message"`
	// Acknowledged holds the reason given when someone accepted the hint.
	Acknowledged string `json:"acknowledged,omitempty"`
}

// DefaultTenderThreshold is the contract amount from which the district's
// rules call for 公开招标 (200万元); it is a setting.
const DefaultTenderThreshold Money = 200_000_000

// HintInput is what the checks look at for one contract.
type HintInput struct {
	Contract   *Contract
	Contractor *Contractor
	// Unit is the purchasing unit, nil when not known.
	Unit *Unit
	// PrevGrade is the contractor's grade for the year before the contract's
	// budget year, empty when it was not assessed.
	PrevGrade       Grade
	TenderThreshold Money
	// Requirement is what the contract's service asks of its contractor,
	// nil when nothing is asked.
	Requirement *Requirement
	// FeeStandard prices the contract (nil when none does); an amount
	// departing from its price by more than MaxFeeDeparture (the default
	// when 0) is a hint.
	FeeStandard     *FeeStandard
	MaxFeeDeparture Rate
}

// hiringMethods are ways of filling a post that read as recruiting staff.
var hiringMethods = map[Method]bool{MethodDirectHire: true, MethodOpenHire: true}

// ComplianceHints returns the hints that apply to a contract, in a fixed
// order so screens and reports list them the same way.
func ComplianceHints(in HintInput) []Hint {
	c, k := in.Contract, in.Contractor
	var hints []Hint
	add := func(rule, article, format string, args ...any) {
		hints = append(hints, Hint{Rule: rule, Article: article, Message: fmt.Sprintf(format, args...)})
	}
	if c.Kind == KindPost && hiringMethods[c.Method] {
		add("hiring", "第十条", "以“%s”方式购买岗位%d人，可能属于以政府购买服务名义变相用人，请核实是否为购买服务而非招聘人员", c.Method, c.Headcount)
	}
	if c.Kind == KindPost && k != nil && looksLikeDispatch(k.Name) {
		add("dispatch", "第十条", "承接主体“%s”为劳务派遣机构，购买岗位可能属于劳务派遣用工", k.Name)
	}
	if months := c.TermMonths(); months > 36 {
		add("term3", "第二十四条", "合同期限%d个月，超过3年，不符合规定", months)
	} else if months > 12 {
		add("term", "第二十四条", "合同期限%d个月，超过1年；跨年度合同须在预算保障的期限内，最长不超过3年", months)
	}
	if k != nil && k.Type.Excluded() {
		add("excluded", "第八条", "承接主体“%s”为公益一类事业单位，不得作为政府购买服务的承接主体", k.Name)
	}
	if u := in.Unit; u != nil && u.Excluded() {
		add("excluded_unit", "第八条", "购买主体“%s”为公益一类事业单位，不作为政府购买服务的购买主体", u.Name)
	}
	threshold := in.TenderThreshold
	if threshold == 0 {
		threshold = DefaultTenderThreshold
	}
	if c.Amount >= threshold && c.Method != MethodOpenTender {
		add("tender", "政府采购法第二十七条", "合同金额%s万元，达到公开招标数额标准%s万元，但采用“%s”方式", c.Amount.Wan(), threshold.Wan(), c.Method)
	}
	if in.PrevGrade == GradePoor && k != nil {
		add("poor", "绩效评价结果运用", "承接主体“%s”上一年度考核等级为差，仍获得新合同", k.Name)
	}
	if in.Requirement != nil && k != nil {
		if missing := in.Requirement.Missing(k, c); len(missing) > 0 {
			add("requirement", "第七条", "承接主体不符合该服务的要求：%s", strings.Join(missing, "；"))
		}
	}
	if in.FeeStandard != nil {
		if msg := feeDeparture(c, in.FeeStandard, in.MaxFeeDeparture); msg != "" {
			add("fee", "收费标准", "%s", msg)
		}
	}
	if k != nil {
		for _, q := range expiredDuring(k.Qualifications, c) {
			add("expired", "第七条", "资质“%s”于%s到期，早于合同结束", q.Kind, FormatDate(q.Expiry))
		}
	}
	return hints
}

func looksLikeDispatch(name string) bool {
	return strings.Contains(name, "劳务派遣") || strings.Contains(name, "劳务输出")
}

// expiredDuring returns the qualifications that lapse before the contract's
// service ends (or before it starts, when no end is set).
func expiredDuring(qs []Qualification, c *Contract) []Qualification {
	until := c.End
	if until.IsZero() {
		until = c.Start
	}
	if until.IsZero() {
		until = time.Date(c.BudgetYear(), 12, 31, 0, 0, 0, 0, time.UTC)
	}
	var out []Qualification
	for _, q := range qs {
		if q.ExpiredOn(until) {
			out = append(out, q)
		}
	}
	return out
}

// feeDeparture says how the contract amount departs from the price its fee
// standard gives, when it departs by more than max; "" otherwise.
func feeDeparture(c *Contract, f *FeeStandard, max Rate) string {
	if max == 0 {
		max = DefaultFeeDeparture
	}
	price, _ := f.PriceFor(c)
	d, above := Departure(c.Amount, price)
	if d <= max {
		return ""
	}
	way := "低于"
	if above {
		way = "高于"
	}
	return fmt.Sprintf("合同金额%s元%s按“%s”计算的价格%s元%s，超过允许偏离的%s", c.Amount, way, f.Name, price, d, max)
}

// ComplianceService keeps the amount the 公开招标 hint measures contracts
// against.
type ComplianceService interface {
	// TenderThreshold is the contract amount from which the hints expect
	// 公开招标: the setting, else DefaultTenderThreshold.
	TenderThreshold(ctx context.Context) (Money, error)
	// SetTenderThreshold changes it: an administrator's act once roles are
	// on, recorded in the audit log. 0 goes back to the default; a negative
	// amount is EInvalid.
	SetTenderThreshold(ctx context.Context, m Money) error
}
