package govbuy_test

import (
	"strings"
	"testing"

	"govbuy"
)

func TestNarrativeTakesEveryFigureFromTheModel(t *testing.T) {
	score := govbuy.Score(865)
	r := &govbuy.Report{
		Year: 2024, District: "云溪区",
		Totals: govbuy.ReportTotals{Units: 2, Contractors: 2, Contracts: 2, PostTypes: 1, Projects: 1,
			ContractAmount: 2_000_000_00, Paid: 1_950_000_00},
		ByMethod: []govbuy.ReportGroup{
			{Name: "公开招聘", Contracts: 1, ContractAmount: 1_000_000_00, Paid: 1_000_000_00},
			{Name: "竞争性磋商", Contracts: 1, ContractAmount: 1_000_000_00, Paid: 950_000_00},
		},
		ByFundingSource: []govbuy.ReportGroup{{Name: "财政预算资金", Contracts: 2, ContractAmount: 2_000_000_00, Paid: 1_950_000_00}},
		Contracts: []govbuy.ReportContract{
			{Number: "A", Year: 2024, Contractor: "阳光社工中心", ContractorType: govbuy.TypeSocialOrg, Kind: govbuy.KindPost, Method: "公开招聘", Paid: 1_000_000_00},
			{Number: "B", Year: 2024, Contractor: "路桥公司", ContractorType: govbuy.TypeEnterprise, Kind: govbuy.KindProject, Method: "竞争性磋商", Paid: 950_000_00, Score: &score},
		},
		Assessments: []govbuy.ReportAssessment{{Contract: "B", Period: "2024", Score: 865, Grade: govbuy.GradeGood, Base: 1_000_000_00, Payable: 950_000_00, Paid: 950_000_00}},
		Warnings:    []govbuy.Warning{{Contract: "A", Rule: "第十条", Message: "…"}},
	}
	got := strings.Join(govbuy.Narrative(r), "\n")
	for _, want := range []string{
		"2024年，云溪区共有2个行政事业单位通过政府购买服务方式购买岗位1种、服务项目1个，签订合同2份，合同金额200万元",
		"承接主体2个，其中企业1个、社会组织1个",
		"公开招聘1份（支付100万元，占51.3%）",
		"岗位通过公开招聘方式购买，项目通过竞争性磋商方式确定承接主体",
		"全年支付购买服务费用195万元（壹佰玖拾伍万元整），其中财政预算资金195万元，占100.0%",
		"购买岗位支付100万元，购买项目支付95万元",
		"对1份合同开展考核1次，平均得分86.5分，其中良1次",
		"按考核结果扣减5万元",
		"共有合规提示1条（第十条1条）",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("narrative lacks %q:\n%s", want, got)
		}
	}
}
