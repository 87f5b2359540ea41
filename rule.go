package govbuy

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Rate is a payment percentage in basis points: 10000 is 100 %, 9800 is 98 %.
type Rate int

// FullRate pays the whole installment.
const FullRate Rate = 10000

func (r Rate) String() string { return formatRatio(int64(r) * ratioPerBP) }

// ratio is an exact payment ratio in units of 1e-7, fine enough to hold a
// score in tenths times a withheld share in basis points without rounding.
const (
	ratioOne   = 10_000_000
	ratioPerBP = ratioOne / int64(FullRate)
	ratioPerSc = ratioOne / int64(MaxScore)
)

// formatRatio writes a ratio as a percentage with the decimals it needs:
// 86.5%, 98%, 99.325%.
func formatRatio(q int64) string {
	whole, frac := q/100_000, q%100_000
	s := fmt.Sprintf("%d", whole)
	if frac != 0 {
		s += strings.TrimRight(fmt.Sprintf(".%05d", frac), "0")
	}
	return s + "%"
}

// RuleKind names how a score turns into money.
type RuleKind string

const (
	// RuleFull pays each installment in full whatever the score: contracts
	// priced by a fee standard and not paid by assessment.
	RuleFull RuleKind = "full"
	// RuleProportional pays installment × score/100 (根据得分按比例支付),
	// never below the floor rate when one is set.
	RuleProportional RuleKind = "proportional"
	// RuleBanded pays the rate of the band the score falls in.
	RuleBanded RuleKind = "banded"
	// RuleThreshold pays in full at or above the threshold and in
	// proportion to the score below it.
	RuleThreshold RuleKind = "threshold"
	// RuleWithheld holds back a share of each installment (考核金) and
	// releases it in proportion to the score.
	RuleWithheld RuleKind = "withheld"
)

// RuleKinds lists the kinds in form order, with their Chinese names.
var RuleKinds = []RuleKind{RuleFull, RuleProportional, RuleBanded, RuleThreshold, RuleWithheld}

// Label is the rule kind's Chinese name.
func (k RuleKind) Label() string {
	return map[RuleKind]string{
		RuleFull: "全额支付", RuleProportional: "按得分比例支付", RuleBanded: "按得分档次支付",
		RuleThreshold: "达标全额、不达标按比例", RuleWithheld: "预留考核金按得分返还",
	}[k]
}

// Band is one step of a banded rule: scores at or above Min pay Rate.
type Band struct {
	Min  Score `json:"min"`
	Rate Rate  `json:"rate"`
}

// PaymentRule turns a period's score and installment into the amount payable.
type PaymentRule struct {
	Kind      RuleKind `json:"kind"`
	Floor     Rate     `json:"floor,omitempty"`     // proportional: lowest rate paid
	Bands     []Band   `json:"bands,omitempty"`     // banded: scores below every band pay nothing
	Threshold Score    `json:"threshold,omitempty"` // threshold: full pay from here up
	Withheld  Rate     `json:"withheld,omitempty"`  // withheld: share held back
}

// Normalize orders a banded rule's bands from the highest score down, the
// order Payable reads them in.
func (r *PaymentRule) Normalize() {
	r.Bands = slices.Clone(r.Bands)
	slices.SortStableFunc(r.Bands, func(a, b Band) int { return cmp.Compare(b.Min, a.Min) })
}

// Validate checks a normalised rule's parameters, changing nothing.
func (r *PaymentRule) Validate() error {
	switch r.Kind {
	case RuleFull:
	case RuleProportional:
		if r.Floor < 0 || r.Floor > FullRate {
			return Invalidf(FieldFloor, "应在0%%–100%%之间")
		}
	case RuleBanded:
		return r.validateBands()
	case RuleThreshold:
		if r.Threshold <= 0 || r.Threshold > MaxScore {
			return Invalidf(FieldThreshold, "应在0–100分之间")
		}
	case RuleWithheld:
		if r.Withheld <= 0 || r.Withheld > FullRate {
			return Invalidf(FieldWithheld, "应在0%%–100%%之间")
		}
	default:
		return Invalidf(FieldRule, "请选择支付规则")
	}
	return nil
}

func (r *PaymentRule) validateBands() error {
	if len(r.Bands) == 0 {
		return Invalidf(FieldPayBands, "至少需要一个档次")
	}
	for i, b := range r.Bands {
		if b.Min < 0 || b.Min > MaxScore {
			return Invalidf(FieldPayBands, "第%d档起点%s分不在0–100分之间", i+1, b.Min)
		}
		if b.Rate < 0 || b.Rate > FullRate {
			return Invalidf(FieldPayBands, "第%d档比例%s不在0%%–100%%之间", i+1, b.Rate)
		}
		if i > 0 && b.Min > r.Bands[i-1].Min {
			return Invalidf(FieldPayBands, "第%d档起点%s分高于上一档的%s分，请从高分到低分排列", i+1, b.Min, r.Bands[i-1].Min)
		}
		if i > 0 && b.Min == r.Bands[i-1].Min {
			return Invalidf(FieldPayBands, "有两个档次都从%s分起，档次重叠", b.Min)
		}
		if i > 0 && b.Rate > r.Bands[i-1].Rate {
			return Invalidf(FieldPayBands, "%s分档的比例高于%s分档", b.Min, r.Bands[i-1].Min)
		}
	}
	return nil
}

// ratio returns the exact share of the installment payable for score s.
func (r *PaymentRule) ratio(s Score) int64 {
	byScore := int64(s) * ratioPerSc
	switch r.Kind {
	case RuleProportional:
		return max(byScore, int64(r.Floor)*ratioPerBP)
	case RuleBanded:
		for _, b := range r.Bands {
			if s >= b.Min {
				return int64(b.Rate) * ratioPerBP
			}
		}
		return 0
	case RuleThreshold:
		if s >= r.Threshold {
			return ratioOne
		}
		return byScore
	case RuleWithheld:
		kept := int64(FullRate-r.Withheld) * ratioPerBP
		return kept + int64(r.Withheld)*int64(s)*ratioPerBP/int64(MaxScore)
	}
	return ratioOne
}

// PaysNothingBelow is the lowest band's score when a banded rule pays
// nothing below it; ok is false for a rule that pays something at every
// score. A plan of bands 90/80/60 must say what 55 pays, not leave it to
// be found on the payment form.
func (r *PaymentRule) PaysNothingBelow() (lowest Score, ok bool) {
	if r.Kind != RuleBanded || len(r.Bands) == 0 {
		return 0, false
	}
	lowest = r.Bands[0].Min
	for _, b := range r.Bands {
		lowest = min(lowest, b.Min)
	}
	return lowest, lowest > 0
}

// PaysNothingAt reports whether score s falls below every band of a
// banded rule, so the period pays nothing: screens show it in red before
// it is saved.
func (r *PaymentRule) PaysNothingAt(s Score) bool {
	lowest, ok := r.PaysNothingBelow()
	return ok && s < lowest
}

// Payable is the amount due on an installment for score s, rounded half up
// to the fen — the one rounding rule govbuy uses.
func (r *PaymentRule) Payable(installment Money, s Score) Money {
	return installment.MulRatio(r.ratio(s), ratioOne)
}

// Describe states the rule in a sentence for forms and reports.
func (r *PaymentRule) Describe() string {
	switch r.Kind {
	case RuleProportional:
		if r.Floor > 0 {
			return fmt.Sprintf("按得分比例支付，最低支付%s", r.Floor)
		}
		return "按得分比例支付"
	case RuleBanded:
		parts := make([]string, len(r.Bands))
		for i, b := range r.Bands {
			parts[i] = fmt.Sprintf("%s分以上支付%s", b.Min, b.Rate)
		}
		if lowest, ok := r.PaysNothingBelow(); ok {
			parts = append(parts, fmt.Sprintf("低于%s分不支付", lowest))
		}
		return "按得分档次支付：" + strings.Join(parts, "，")
	case RuleThreshold:
		return fmt.Sprintf("得分%s分以上全额支付，以下按得分比例支付", r.Threshold)
	case RuleWithheld:
		return fmt.Sprintf("预留%s考核金，按得分比例返还", r.Withheld)
	}
	return "全额支付"
}

// Explain says how a period's payable amount came about, the sentence the
// assessment screen, the report and the payment form show:
// "2024年第2季度得分86.5（良），按比例支付86.5%：应付…元，扣减…元".
func (r *PaymentRule) Explain(period string, s Score, g Grade, installment Money) string {
	payable := r.Payable(installment, s)
	how := "按" + formatRatio(r.ratio(s)) + "支付"
	if r.Kind == RuleProportional && r.ratio(s) == int64(s)*ratioPerSc {
		how = "按比例支付" + formatRatio(r.ratio(s))
	}
	if lowest, _ := r.PaysNothingBelow(); r.PaysNothingAt(s) {
		how = fmt.Sprintf("低于最低档%s分，不支付", lowest)
	}
	return fmt.Sprintf("%s得分%s（%s），%s：本期基数%s元，应付%s元，扣减%s元",
		PeriodLabel(period), s, g, how, installment, payable, installment-payable)
}
