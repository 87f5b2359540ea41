package govbuy

// PlanTemplates are the district's assessment schemes (考核细则) by catalog
// item code: a new plan for a contract under the item starts from its
// template. Items without one start from DefaultPlanTemplate.
var PlanTemplates = map[string]AssessmentPlan{
	// 农村公路日常养护考核细则: quarterly, paid in proportion to the score.
	"B03": {Period: PeriodQuarter, Bands: DefaultGradeBands, Rule: PaymentRule{Kind: RuleProportional},
		Criteria: []Criterion{{"路面保洁", 300}, {"路肩边沟", 250}, {"桥涵构造物", 200}, {"安全设施", 150}, {"内业资料", 100}}},
	// 园林绿化养护考核细则: half-yearly, paid by score band.
	"E03": {Period: PeriodHalf, Bands: DefaultGradeBands,
		Rule:     PaymentRule{Kind: RuleBanded, Bands: []Band{{950, 10000}, {850, 9800}, {750, 9500}, {600, 9000}, {0, 7000}}},
		Criteria: []Criterion{{"植物养护", 400}, {"设施维护", 200}, {"环境卫生", 250}, {"安全文明作业", 150}}},
	// 市政设施维护: yearly, 5 % withheld and released by score.
	"E02": {Period: PeriodYear, Bands: DefaultGradeBands, Rule: PaymentRule{Kind: RuleWithheld, Withheld: 500},
		Criteria: []Criterion{{"维护质量", 500}, {"响应时效", 300}, {"服务对象满意度", 200}}},
}

// DefaultPlanTemplate is where a plan starts when its catalog item has no
// template: yearly, full pay from 60 points, proportional below.
var DefaultPlanTemplate = AssessmentPlan{Period: PeriodYear, Bands: DefaultGradeBands,
	Rule:     PaymentRule{Kind: RuleThreshold, Threshold: 600},
	Criteria: []Criterion{{"服务质量", 500}, {"服务时效", 300}, {"服务对象满意度", 200}}}

// PlanTemplate returns a copy of the template for a catalog item code (or
// of its parent category's), else of DefaultPlanTemplate.
func PlanTemplate(catalogCode string) AssessmentPlan {
	for code := catalogCode; code != ""; code = CatalogParentCode(code) {
		if t, ok := PlanTemplates[code]; ok {
			return clonePlan(t)
		}
	}
	return clonePlan(DefaultPlanTemplate)
}

func clonePlan(p AssessmentPlan) AssessmentPlan {
	p.Criteria = append([]Criterion(nil), p.Criteria...)
	p.Rule.Bands = append([]Band(nil), p.Rule.Bands...)
	return p
}
