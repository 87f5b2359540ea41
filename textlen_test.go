package govbuy_test

import (
	"fmt"
	"strings"
	"testing"

	"govbuy"
)

// TestTextLimits: each record refuses a text field one character over its
// limit, naming the field and both counts, and accepts it at the limit.
func TestTextLimits(t *testing.T) {
	type check func(text string) error
	unit := func(set func(*govbuy.Unit, string)) check {
		return func(s string) error {
			u := govbuy.Unit{Name: "区民政局"}
			set(&u, s)
			u.Normalize()
			return u.Validate()
		}
	}
	contractor := func(set func(*govbuy.Contractor, string)) check {
		return func(s string) error {
			c := govbuy.Contractor{Name: "某某养老服务有限公司", Type: govbuy.TypeEnterprise}
			set(&c, s)
			c.Normalize()
			return c.Validate()
		}
	}
	contract := func(set func(*govbuy.Contract, string)) check {
		return func(s string) error {
			c := validContract()
			set(&c, s)
			c.Normalize()
			return c.Validate()
		}
	}
	payment := func(set func(*govbuy.Payment, string)) check {
		return func(s string) error {
			p := govbuy.Payment{ContractID: 1, Date: govbuy.Day(2024, 6, 30), Amount: 100}
			set(&p, s)
			p.Normalize()
			return p.Validate()
		}
	}
	assessment := func(set func(*govbuy.Assessment, string)) check {
		return func(s string) error {
			a := govbuy.Assessment{ContractID: 1, Period: "2024Q2", Score: 865}
			set(&a, s)
			a.Normalize(nil, nil)
			return a.Validate(nil, nil)
		}
	}
	inspection := func(set func(*govbuy.Inspection, string)) check {
		return func(s string) error {
			in := govbuy.Inspection{ContractID: 1, Period: "2024Q2", Date: govbuy.Day(2024, 5, 6),
				Kind: govbuy.InspectionScheduled, Inspectors: "张三"}
			set(&in, s)
			in.Normalize()
			return in.Validate(nil)
		}
	}
	tests := []struct {
		field    string
		max      int
		validate check
	}{
		{"单位名称", govbuy.MaxNameChars, unit(func(u *govbuy.Unit, s string) { u.Name = s })},
		{"联系人", govbuy.MaxNameChars, unit(func(u *govbuy.Unit, s string) { u.Contact = s })},
		{"联系电话", govbuy.MaxCodeChars, unit(func(u *govbuy.Unit, s string) { u.Phone = s })},
		{"备注", govbuy.MaxNoteChars, unit(func(u *govbuy.Unit, s string) { u.Notes = s })},
		{"名称", govbuy.MaxNameChars, contractor(func(c *govbuy.Contractor, s string) { c.Name = s })},
		{"法定代表人", govbuy.MaxNameChars, contractor(func(c *govbuy.Contractor, s string) { c.LegalRep = s })},
		{"地址", govbuy.MaxNameChars, contractor(func(c *govbuy.Contractor, s string) { c.Address = s })},
		{"银行账号", govbuy.MaxCodeChars, contractor(func(c *govbuy.Contractor, s string) { c.Account = s })},
		{"资质", govbuy.MaxNameChars, contractor(func(c *govbuy.Contractor, s string) {
			c.Qualifications = []govbuy.Qualification{{Kind: "物业服务企业资质", Issuer: s}}
		})},
		{"备注", govbuy.MaxNoteChars, contractor(func(c *govbuy.Contractor, s string) { c.Notes = s })},
		{"项目名称", govbuy.MaxNameChars, contract(func(c *govbuy.Contract, s string) { c.Title = s })},
		{"合同编号", govbuy.MaxCodeChars, contract(func(c *govbuy.Contract, s string) { c.Number = s })},
		{"收费依据", govbuy.MaxNameChars, contract(func(c *govbuy.Contract, s string) { c.FeeBasis = s })},
		{"备注", govbuy.MaxNoteChars, contract(func(c *govbuy.Contract, s string) { c.Notes = s })},
		{"不符合要求的理由", govbuy.MaxNoteChars, contract(func(c *govbuy.Contract, s string) { c.RequirementReason = s })},
		{"凭证号", govbuy.MaxCodeChars, payment(func(p *govbuy.Payment, s string) { p.Voucher = s })},
		{"备注", govbuy.MaxNoteChars, payment(func(p *govbuy.Payment, s string) { p.Notes = s })},
		{"超付原因", govbuy.MaxNoteChars, payment(func(p *govbuy.Payment, s string) { p.OverReason = s })},
		{"考核人", govbuy.MaxNameChars, assessment(func(a *govbuy.Assessment, s string) { a.Assessor = s })},
		{"备注", govbuy.MaxNoteChars, assessment(func(a *govbuy.Assessment, s string) { a.Remarks = s })},
		{"督查人员", govbuy.MaxNameChars, inspection(func(in *govbuy.Inspection, s string) { in.Inspectors = s })},
		{"督查发现", govbuy.MaxNoteChars, inspection(func(in *govbuy.Inspection, s string) { in.Findings = s })},
		{"目录名称", govbuy.MaxNameChars, func(s string) error { c := govbuy.CatalogItem{Code: "A01", Name: s}; return c.Validate() }},
		{"标准名称", govbuy.MaxNameChars, func(s string) error {
			f := govbuy.FeeStandard{Name: s, Kind: govbuy.FeeFlat, Price: 100}
			return f.Validate()
		}},
		{"考核指标", govbuy.MaxNameChars, func(s string) error {
			p := govbuy.AssessmentPlan{Period: govbuy.PeriodQuarter, Criteria: []govbuy.Criterion{{Name: s, Points: govbuy.MaxScore}},
				Rule: govbuy.PaymentRule{Kind: govbuy.RuleProportional}}
			p.Normalize()
			return p.Validate()
		}},
	}
	for _, tt := range tests {
		if err := tt.validate(strings.Repeat("字", tt.max)); err != nil {
			t.Errorf("%s of %d characters: %v", tt.field, tt.max, err)
		}
		err := tt.validate(strings.Repeat("字", tt.max+1))
		want := fmt.Sprintf("%s：不能超过%d个字符（现有%d个）", tt.field, tt.max, tt.max+1)
		if govbuy.ErrorKindOf(err) != govbuy.EInvalid || err.Error() != want {
			t.Errorf("%s of %d characters: %v, want %s", tt.field, tt.max+1, err, want)
		}
	}
}
