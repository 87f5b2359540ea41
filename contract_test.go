package govbuy_test

import (
	"testing"

	"govbuy"
)

func validContract() govbuy.Contract {
	return govbuy.Contract{
		Number: "YX2024-001", UnitID: 1, ContractorID: 2, Kind: govbuy.KindProject, Title: "农村公路日常养护",
		Method: govbuy.MethodConsultation, Amount: 98_000_000,
		Start: govbuy.Day(2024, 1, 1), End: govbuy.Day(2024, 12, 31),
	}
}

func TestContractValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(c *govbuy.Contract)
		field  govbuy.Field
	}{
		{"no unit", func(c *govbuy.Contract) { c.UnitID = 0 }, "购买主体"},
		{"no contractor", func(c *govbuy.Contract) { c.ContractorID = 0 }, "承接主体"},
		{"negative amount", func(c *govbuy.Contract) { c.Amount = -1 }, "合同金额"},
		{"end before start", func(c *govbuy.Contract) { c.End = govbuy.Day(2023, 12, 31) }, "结束日期"},
		{"post without headcount", func(c *govbuy.Contract) { c.Kind = govbuy.KindPost }, "岗位人数"},
		{"no method", func(c *govbuy.Contract) { c.Method = "" }, "购买方式"},
		{"no number", func(c *govbuy.Contract) { c.Number = "  " }, "合同编号"},
		{"share above 100 %", func(c *govbuy.Contract) { c.FeeStandardID, c.FeeShare = 1, 10_001 }, "计价比例"},
		{"negative share", func(c *govbuy.Contract) { c.FeeStandardID, c.FeeShare = 1, -1 }, "计价比例"},
		{"share without a standard", func(c *govbuy.Contract) { c.FeeShare = 8000 }, "计价比例"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validContract()
			tt.change(&c)
			c.Normalize()
			err := c.Validate()
			if govbuy.ErrorKindOf(err) != govbuy.EInvalid || govbuy.ErrorField(err) != tt.field {
				t.Errorf("Validate() = %v, want invalid %s", err, tt.field)
			}
		})
	}
	c := validContract()
	c.Normalize()
	if err := c.Validate(); err != nil {
		t.Fatalf("valid contract: %v", err)
	}
	if c.Year != 2024 || c.Funding != govbuy.FundBudget || c.Status != govbuy.StatusActive {
		t.Errorf("defaults: year %d, funding %s, status %s", c.Year, c.Funding, c.Status)
	}
}

func TestContractEndBeforeStartMessage(t *testing.T) {
	c := validContract()
	c.End = govbuy.Day(2023, 6, 30)
	c.Normalize()
	want := "结束日期：结束日期2023-06-30早于开始日期2024-01-01"
	if got := govbuy.ErrorMessage(c.Validate()); got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
}

func TestTermMonths(t *testing.T) {
	tests := []struct {
		start, end [3]int
		want       int
	}{
		{[3]int{2024, 1, 1}, [3]int{2024, 12, 31}, 12},
		{[3]int{2024, 1, 1}, [3]int{2025, 1, 1}, 13},
		{[3]int{2024, 3, 15}, [3]int{2025, 3, 14}, 12},
		{[3]int{2024, 1, 1}, [3]int{2026, 12, 31}, 36},
		{[3]int{2024, 1, 1}, [3]int{2027, 1, 31}, 37},
	}
	for _, tt := range tests {
		c := govbuy.Contract{
			Start: govbuy.Day(tt.start[0], timeMonth(tt.start[1]), tt.start[2]),
			End:   govbuy.Day(tt.end[0], timeMonth(tt.end[1]), tt.end[2]),
		}
		if got := c.TermMonths(); got != tt.want {
			t.Errorf("%v–%v: TermMonths = %d, want %d", tt.start, tt.end, got, tt.want)
		}
	}
}

func TestContractorValidateCode(t *testing.T) {
	tests := []struct {
		name    string
		c       govbuy.Contractor
		message string
	}{
		{"valid enterprise", govbuy.Contractor{Name: "某公司", Type: govbuy.TypeEnterprise, CreditCode: "91110000600037341l"}, ""},
		{"bad check character", govbuy.Contractor{Name: "某公司", Type: govbuy.TypeEnterprise, CreditCode: "91110000600037341A"},
			"统一社会信用代码：校验位应为“L”，实际为“A”"},
		{"overridden with a reason", govbuy.Contractor{Name: "某公司", Type: govbuy.TypeEnterprise, CreditCode: "91110000600037341A", CodeOverride: "营业执照原件如此"}, ""},
		{"individual id number", govbuy.Contractor{Name: "张三", Type: govbuy.TypeIndividual, CreditCode: "11010519491231002x"}, ""},
		{"no type", govbuy.Contractor{Name: "某公司"}, "主体类型：请选择主体类型（企业、社会组织、个人等）"},
		{"control characters cleaned", govbuy.Contractor{Name: "\x00\x07", Type: govbuy.TypeEnterprise}, "名称：不能为空"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.c.Normalize()
			err := tt.c.Validate()
			got := ""
			if err != nil {
				got = govbuy.ErrorMessage(err)
			}
			if got != tt.message {
				t.Errorf("Validate() = %q, want %q", got, tt.message)
			}
		})
	}
}

func TestErrorMessages(t *testing.T) {
	err := govbuy.Errorf(govbuy.EConflict, "统一社会信用代码", "已被“%s”使用", "某公司")
	if govbuy.ErrorMessage(err) != "统一社会信用代码：已被“某公司”使用" || govbuy.ErrorKindOf(err) != govbuy.EConflict {
		t.Errorf("got %q %s", govbuy.ErrorMessage(err), govbuy.ErrorKindOf(err))
	}
	if govbuy.ErrorKindOf(errPlain("disk full")) != govbuy.EInternal {
		t.Error("a plain error is not internal")
	}
}
