package govbuy_test

import (
	"testing"

	"govbuy"
)

func TestPlanTemplatesAreValidAndFound(t *testing.T) {
	for code := range govbuy.PlanTemplates {
		p := govbuy.PlanTemplate(code)
		if err := p.Validate(); err != nil {
			t.Errorf("template %s: %v", code, err)
		}
	}
	tests := []struct {
		code string
		want govbuy.PeriodKind
	}{
		{"B03", govbuy.PeriodQuarter}, {"E03", govbuy.PeriodHalf}, {"E0301", govbuy.PeriodHalf}, {"A01", govbuy.PeriodYear}, {"", govbuy.PeriodYear},
	}
	for _, tt := range tests {
		if got := govbuy.PlanTemplate(tt.code).Period; got != tt.want {
			t.Errorf("PlanTemplate(%q).Period = %s, want %s", tt.code, got, tt.want)
		}
	}
	p := govbuy.PlanTemplate("B03")
	p.Criteria[0].Points = 1
	if govbuy.PlanTemplate("B03").Criteria[0].Points != 300 {
		t.Error("a plan made from a template changed the template")
	}
}
