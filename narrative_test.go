package govbuy_test

import (
	"slices"
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
		Signed: govbuy.ReportSigned{Units: 2, Contractors: 2, PostContracts: 1, PostTypes: 1, ProjectContracts: 1, Projects: 1,
			ContractorTypes: []govbuy.ReportCount{{Name: "企业", Count: 1}, {Name: "社会组织", Count: 1}}},
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
	want := []string{
		"2024年，云溪区共有2个行政事业单位通过政府购买服务方式签订合同2份，合同金额200万元，其中购买岗位1种、合同1份，购买服务项目1个、合同1份；签约承接主体2个，其中企业1个、社会组织1个。",
		"从购买方式看，本年签订的2份合同中，公开招聘1份、竞争性磋商1份；岗位通过公开招聘方式购买，项目通过竞争性磋商方式确定承接主体。" +
			"本年支付的195万元中，公开招聘100万元（占51.3%）、竞争性磋商95万元（占48.7%）。",
		"实行考评制度化管理，全年对1份合同开展考核1次，平均得分86.5分，其中良1次；根据得分按比例支付费用，考核基数100万元，应付95万元，按考核结果扣减5万元。",
		"全年支付购买服务费用195万元（壹佰玖拾伍万元整），其中财政预算资金195万元，占100.0%。按类型分，支付岗位费用100万元、涉及岗位1种，支付服务项目费用95万元、涉及项目1个。",
		"经系统核对，本年度共有合规提示1条（第十条1条），已逐项列入合规提示清单（附后），请有关单位核实说明。",
	}
	got := govbuy.Narrative(r)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("narrative\n got %q\nwant %q", got, want)
	}
}

// Each sentence counts posts and projects on the basis its words name: the
// scope on the contracts signed in the year, the spend on the services paid
// in it. Five project contracts signed, of which one old project was paid,
// are five projects signed and one paid, never "服务项目1个，签订合同5份".
func TestNarrativeCountsOnTheBasisItNames(t *testing.T) {
	r := &govbuy.Report{
		Year: 2024, District: "示例区",
		Totals: govbuy.ReportTotals{Contracts: 5, Projects: 1, ContractAmount: 50_000_00, Paid: 10_000_00},
		Signed: govbuy.ReportSigned{Units: 3, Contractors: 4, ProjectContracts: 5, Projects: 5,
			ContractorTypes: []govbuy.ReportCount{{Name: "企业", Count: 4}}},
		ByMethod: []govbuy.ReportGroup{
			{Name: "询价", Contracts: 5, ContractAmount: 50_000_00},
			{Name: "双方协商", Paid: 10_000_00}, // an older contract, paid this year
		},
		Contracts: []govbuy.ReportContract{{Number: "OLD", Year: 2023, Kind: govbuy.KindProject, Method: "双方协商", Paid: 10_000_00}},
	}
	for i := range 5 {
		r.Contracts = append(r.Contracts, govbuy.ReportContract{Number: string(rune('A' + i)), Year: 2024, Kind: govbuy.KindProject, Method: "询价"})
	}
	got := govbuy.Narrative(r)
	for _, want := range []string{
		"2024年，示例区共有3个行政事业单位通过政府购买服务方式签订合同5份，合同金额5万元，其中购买服务项目5个、合同5份；签约承接主体4个，其中企业4个。",
		"从购买方式看，本年签订的5份合同中，询价5份；项目通过询价方式确定承接主体。本年支付的1万元中，双方协商1万元（占100.0%）。",
		"全年支付购买服务费用1万元（壹万元整）。按类型分，支付服务项目费用1万元、涉及项目1个。",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("narrative lacks\n%s\nin\n%s", want, strings.Join(got, "\n"))
		}
	}
}

// A year that signed nothing and paid nothing says so, and nothing more.
func TestNarrativeOfAnEmptyYear(t *testing.T) {
	got := govbuy.Narrative(&govbuy.Report{Year: 2030, District: "示例区"})
	want := []string{"2030年，示例区未签订新的政府购买服务合同。", "全年未支付购买服务费用。", "经系统核对，本年度购买服务合同未发现合规提示事项。"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// The paragraphs on the district's practices tell what the model counts,
// and say nothing of a practice the year did not use.
func TestNarrativePractices(t *testing.T) {
	tests := []struct {
		name     string
		practice func(*govbuy.Report)
		want     string
	}{
		{"screening, all met", func(r *govbuy.Report) {
			r.Screening = govbuy.ReportScreening{Requirements: 3, Contracts: 8, Met: 8}
		}, "坚持服务专业化，对3类服务明确承接主体的类型和资质要求，本年度签订的8份相关合同均经资质审查，承接主体均符合要求。"},
		{"screening with reasons", func(r *govbuy.Report) {
			r.Screening = govbuy.ReportScreening{Requirements: 2, Contracts: 5, Met: 3, WithReason: 1}
		}, "本年度签订的5份相关合同均经资质审查，其中3份的承接主体符合要求，1份经书面说明理由后签订，1份尚待核实。"},
		{"pricing with a departure", func(r *govbuy.Report) {
			r.Pricing = govbuy.ReportPricing{Standards: []string{"甲标准", "乙标准", "丙标准", "丁标准"}, Contracts: 7,
				Amount: 499_800_000, Departures: 1, MaxDeparture: 1000}
		}, "依据收费标准库中的《甲标准》《乙标准》《丙标准》等4项收费标准核定本年度签订的7份合同的价格，涉及合同金额499.8万元；其中1份合同金额偏离标准价格超过10%，已列入合规提示。"},
		{"pricing within the margin", func(r *govbuy.Report) {
			r.Pricing = govbuy.ReportPricing{Standards: []string{"检验检测收费标准"}, Contracts: 1, Amount: 21_000_000, MaxDeparture: 1000}
		}, "依据收费标准库中的《检验检测收费标准》核定本年度签订的1份合同的价格，涉及合同金额21万元，合同金额与标准价格的偏离均在10%以内。"},
		{"supervision", func(r *govbuy.Report) {
			r.Supervision = govbuy.ReportSupervision{Inspections: 87, Unannounced: 29, Contracts: 74, Deductions: 104, PointsTenths: 7065}
		}, "坚持管理合同化，全年对74份合同开展督查87次，其中随机抽查29次，发现问题104项，扣706.5分，扣分逐项计入当期考核。"},
	}
	for _, tt := range tests {
		r := &govbuy.Report{Year: 2024}
		plain := strings.Join(govbuy.Narrative(r), "")
		for _, practice := range []string{"服务专业化", "标准科学化", "管理合同化"} {
			if strings.Contains(plain, practice) {
				t.Fatalf("a year without practices mentions %s: %s", practice, plain)
			}
		}
		tt.practice(r)
		if got := strings.Join(govbuy.Narrative(r), "\n"); !strings.Contains(got, tt.want) {
			t.Errorf("%s: narrative lacks %q:\n%s", tt.name, tt.want, got)
		}
	}
}
