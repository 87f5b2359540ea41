package store_test

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"govbuy"
	"govbuy/assets"
)

// reportDataset is a small district with exact fen values: contracts of
// 2024, a 2023 contract paid in 2023 and 2024, a 2022 contract paid in 2023
// only, and a 2024 payment made in 2025.
func reportDataset(t *testing.T) *govbuy.Dataset {
	c := func(number string, year int, unit, k, cat string, kind govbuy.Kind, title string, amount govbuy.Money,
		method govbuy.Method, funding govbuy.FundingSource, headcount int) govbuy.DatasetContract {
		dc := dsContract(number, year, unit, k, cat, kind, title, amount)
		dc.Method, dc.Funding, dc.Headcount = method, funding, headcount
		return dc
	}
	return &govbuy.Dataset{
		District: "示例区",
		Units:    []govbuy.DatasetUnit{{Unit: govbuy.Unit{Name: "区交通局"}}, {Unit: govbuy.Unit{Name: "区民政局"}}, {Unit: govbuy.Unit{Name: "区水务局"}}, {Unit: govbuy.Unit{Name: "区文旅局"}}},
		Contractors: []govbuy.DatasetContractor{
			{Contractor: govbuy.Contractor{Name: "某养护公司", Type: govbuy.TypeEnterprise, CreditCode: creditCode(t, 601)}},
			{Contractor: govbuy.Contractor{Name: "某社工中心", Type: govbuy.TypeSocialOrg, CreditCode: creditCode(t, 602)}},
			{Contractor: govbuy.Contractor{Name: "张某", Type: govbuy.TypeIndividual}},
		},
		Contracts: []govbuy.DatasetContract{
			c("JT-01", 2024, "区交通局", "某养护公司", "B03", govbuy.KindProject, "农村公路养护", 100_000_001, govbuy.MethodLimitedCompete, govbuy.FundBudget, 0),
			c("MZ-01", 2024, "区民政局", "张某", "A02", govbuy.KindPost, "社区工作者", 9_000_000, govbuy.MethodOpenHire, govbuy.FundTransfer, 3),
			c("MZ-02", 2024, "区民政局", "某社工中心", "", govbuy.KindPost, "社区工作者", 6_000_000, govbuy.MethodOpenHire, govbuy.FundBudget, 2),
			c("WL-01", 2023, "区文旅局", "某社工中心", "A05", govbuy.KindProject, "文化活动", 2_000_000, govbuy.MethodMutualAgree, govbuy.FundOwn, 0),
			c("SW-01", 2022, "区水务局", "某养护公司", "", govbuy.KindPost, "河道巡查", 1_000_000, govbuy.MethodDirectHire, govbuy.FundBudget, 1),
			c("JT-02", 2024, "区交通局", "某养护公司", "B03", govbuy.KindPost, "护路员", 1_200_000, govbuy.MethodDirectHire, govbuy.FundBudget, 10),
		},
		Payments: []govbuy.DatasetPayment{
			dsPayment("JT-01", pay(2024, 3, 31, 25_000_000)),
			dsPayment("JT-01", pay(2024, 12, 31, 25_000_001)),
			dsPayment("MZ-01", pay(2024, 6, 30, 4_500_000)),
			dsPayment("MZ-01", pay(2025, 1, 5, 4_500_000)),
			dsPayment("WL-01", pay(2023, 12, 1, 500_000)),
			dsPayment("WL-01", pay(2024, 2, 1, 1_500_000)),
			dsPayment("SW-01", pay(2023, 6, 1, 1_000_000)),
			dsPayment("JT-02", pay(2024, 1, 1, 1_200_000)),
		},
	}
}

func TestReport(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	if err := db.LoadDataset(ctx, reportDataset(t), false); err != nil {
		t.Fatal(err)
	}
	r, err := db.Report(ctx, 2024)
	if err != nil {
		t.Fatal(err)
	}
	if r.Year != 2024 || r.District != "示例区" {
		t.Errorf("header %d %q", r.Year, r.District)
	}
	wantTotals := govbuy.ReportTotals{
		Units: 3, Contractors: 3, Contracts: 4, PostTypes: 2, Projects: 2, PostsHeadcount: 15,
		ContractAmount: 116_200_001, Payable: 116_200_001, Paid: 57_200_001,
	}
	if r.Totals != wantTotals {
		t.Errorf("totals\n got %+v\nwant %+v", r.Totals, wantTotals)
	}
	// Signed in 2024: JT-01 (project), MZ-01 and MZ-02 (one post, 社区工作者,
	// bought twice) and JT-02 (post). Paid in 2024 besides: WL-01, a 2023
	// project, which Totals.Projects counts and Signed does not.
	wantSigned := govbuy.ReportSigned{Units: 2, Contractors: 3, PostContracts: 3, PostTypes: 2, ProjectContracts: 1, Projects: 1,
		ContractorTypes: []govbuy.ReportCount{{Name: "企业", Count: 1}, {Name: "社会组织", Count: 1}, {Name: "个人", Count: 1}}}
	if !reflect.DeepEqual(r.Signed, wantSigned) {
		t.Errorf("signed\n got %+v\nwant %+v", r.Signed, wantSigned)
	}

	checkGroups(t, "by_unit", r.ByUnit, []govbuy.ReportGroup{
		{Name: "区交通局", Contracts: 2, ContractAmount: 101_200_001, Paid: 51_200_001},
		{Name: "区民政局", Contracts: 2, ContractAmount: 15_000_000, Paid: 4_500_000},
		{Name: "区文旅局", Paid: 1_500_000, PrevPaid: 500_000},
		{Name: "区水务局", PrevPaid: 1_000_000},
	})
	checkGroups(t, "by_category", r.ByCategory, []govbuy.ReportGroup{
		{Name: "社会管理性服务", Contracts: 2, ContractAmount: 101_200_001, Paid: 51_200_001},
		{Name: "基本公共服务", Contracts: 1, ContractAmount: 9_000_000, Paid: 6_000_000, PrevPaid: 500_000},
		{Name: "未分类", Contracts: 1, ContractAmount: 6_000_000, PrevPaid: 1_000_000},
	})
	checkGroups(t, "by_method", r.ByMethod, []govbuy.ReportGroup{
		{Name: "有限竞争", Contracts: 1, ContractAmount: 100_000_001, Paid: 50_000_001},
		{Name: "公开招聘", Contracts: 2, ContractAmount: 15_000_000, Paid: 4_500_000},
		{Name: "双方协商", Paid: 1_500_000, PrevPaid: 500_000},
		{Name: "定向招聘", Contracts: 1, ContractAmount: 1_200_000, Paid: 1_200_000, PrevPaid: 1_000_000},
	})
	checkGroups(t, "by_contractor_type", r.ByContractorType, []govbuy.ReportGroup{
		{Name: "企业", Contracts: 2, ContractAmount: 101_200_001, Paid: 51_200_001, PrevPaid: 1_000_000},
		{Name: "个人", Contracts: 1, ContractAmount: 9_000_000, Paid: 4_500_000},
		{Name: "社会组织", Contracts: 1, ContractAmount: 6_000_000, Paid: 1_500_000, PrevPaid: 500_000},
	})
	checkGroups(t, "by_funding_source", r.ByFundingSource, []govbuy.ReportGroup{
		{Name: "财政预算资金", Contracts: 3, ContractAmount: 107_200_001, Paid: 51_200_001, PrevPaid: 1_000_000},
		{Name: "上级转移支付", Contracts: 1, ContractAmount: 9_000_000, Paid: 4_500_000},
		{Name: "单位自有资金", Paid: 1_500_000, PrevPaid: 500_000},
	})

	var got []string
	for _, c := range r.Contracts {
		got = append(got, c.Number)
	}
	if want := []string{"JT-01", "JT-02", "WL-01", "MZ-01", "MZ-02"}; !equal(got, want) {
		t.Errorf("contracts %v, want %v", got, want)
	}
	wl := r.Contracts[2]
	if wl.Year != 2023 || wl.Paid != 1_500_000 || wl.Payable != 0 || wl.Amount != 2_000_000 || wl.Category != "公共文化体育服务" {
		t.Errorf("previous-year contract paid this year: %+v", wl)
	}
	mz := r.Contracts[3]
	if mz.Paid != 4_500_000 || mz.Unit != "区民政局" || mz.Contractor != "张某" || mz.ContractorType != govbuy.TypeIndividual ||
		mz.Kind != govbuy.KindPost || mz.Headcount != 3 || mz.Funding != govbuy.FundTransfer || mz.Score != nil {
		t.Errorf("MZ-01 %+v", mz)
	}
	checkReportAddsUp(t, r)

	if r.Assessments == nil || r.Warnings == nil || r.Narrative == nil {
		t.Error("empty lists must be [] in JSON, not null")
	}
	b, _ := json.Marshal(r)
	if s := string(b); !strings.Contains(s, `"assessments":[]`) || !strings.Contains(s, `"paid_fen":57200001`) {
		t.Errorf("JSON %s", s)
	}
}

func TestReportEmptyYear(t *testing.T) {
	db := openDB(t)
	r, err := db.Report(context.Background(), 2030)
	if err != nil {
		t.Fatal(err)
	}
	if r.Totals != (govbuy.ReportTotals{}) || len(r.ByUnit) != 0 || r.Contracts == nil || r.Signed.ContractorTypes == nil {
		t.Errorf("empty report %+v", r)
	}
	_, err = db.Report(context.Background(), 0)
	if govbuy.ErrorKindOf(err) != govbuy.EInvalid {
		t.Errorf("year 0: %v", err)
	}
}

// TestDemoNarrative reads the demo's 2024 write-up against its model: the
// sentences that count say exactly what the model counts, on the basis they
// name (签订 for the year's contracts, 支付 for its payments).
func TestDemoNarrative(t *testing.T) {
	db := demoDB(t)
	r, err := db.Report(context.Background(), assets.DemoYear)
	if err != nil {
		t.Fatal(err)
	}
	sg, tot := r.Signed, r.Totals
	// the figures the sentences below spell out
	if sg.Units != 61 || sg.Contractors != 32 || sg.PostContracts != 42 || sg.PostTypes != 39 ||
		sg.ProjectContracts != 33 || sg.Projects != 33 || sg.PostContracts+sg.ProjectContracts != tot.Contracts {
		t.Errorf("signed %+v, contracts %d", sg, tot.Contracts)
	}
	if tot.PostTypes != 39 || tot.Projects != 33 || len(r.Warnings) != 32 {
		t.Errorf("paid post types %d, projects %d; %d warnings", tot.PostTypes, tot.Projects, len(r.Warnings))
	}
	mix := 0
	for _, c := range sg.ContractorTypes {
		mix += c.Count
	}
	if mix != sg.Contractors {
		t.Errorf("contractor types add up to %d, contractors %d", mix, sg.Contractors)
	}
	for _, want := range []string{
		"2024年，云溪区共有61个行政事业单位通过政府购买服务方式签订合同75份，合同金额4057.91万元，" +
			"其中购买岗位39种、合同42份，购买服务项目33个、合同33份；" +
			"签约承接主体32个，其中企业19个、社会组织6个、事业单位（公益二类）1个、农村集体经济组织1个、基层群众性自治组织1个、个人4个。",
		"从购买方式看，本年签订的75份合同中，岗位外包17份、公开招聘13份、双方协商13份、竞争性磋商12份、询价7份、定向招聘6份、公开招标3份、定向委托2份、有限竞争2份；" +
			"岗位通过岗位外包、公开招聘、双方协商、定向招聘方式购买，项目通过竞争性磋商、双方协商、询价、公开招标、定向委托、有限竞争方式确定承接主体。" +
			"本年支付的4029.3万元中，岗位外包1009.83万元（占25.1%）、公开招聘1001.52万元（占24.9%）、竞争性磋商590.71万元（占14.7%）、定向招聘467.04万元（占11.6%）、" +
			"公开招标385.73万元（占9.6%）、双方协商237.36万元（占5.9%）、定向委托143.5万元（占3.6%）、有限竞争97.08万元（占2.4%）、询价96.53万元（占2.4%）。",
		"全年支付购买服务费用4029.3万元（肆仟零贰拾玖万叁仟元整），其中财政预算资金3134.65万元，占77.8%；上级转移支付623.82万元，占15.5%；政府性基金270.84万元，占6.7%。" +
			"按类型分，支付岗位费用2573.91万元、涉及岗位39种，支付服务项目费用1455.39万元、涉及项目33个。",
		"本年签订的合同中，向社会组织购买服务856.68万元，占合同金额的21.1%，未达到不低于30%的指导比例（财政部《政府购买服务知识问答》第93问）。" +
			"按政府采购法实施条例第五十条，应在2个工作日内公告的75份合同中，按时公告74份、逾期公告1份（逾期2个工作日）；" +
			"按政府采购法第四十七条，应在7个工作日内报财政部门备案的75份合同中，按时备案74份、逾期未备案1份。" +
			"经系统核对，本年度共有合规提示32条（第十条21条、政府采购法第二十七条3条、收费标准1条、第二十四条2条、财库〔2020〕10号1条、政府采购法实施条例第五十条1条、政府采购法第四十九条1条、政府采购法第四十七条1条、政府采购法第四十六条1条），已逐项列入合规提示清单（附后），请有关单位核实说明。",
	} {
		if !slices.Contains(r.Narrative, want) {
			t.Errorf("narrative lacks\n%s\nin\n%s", want, strings.Join(r.Narrative, "\n"))
		}
	}
}

func checkGroups(t *testing.T, name string, got, want []govbuy.ReportGroup) {
	t.Helper()
	if !equal(got, want) {
		t.Errorf("%s\n got %+v\nwant %+v", name, got, want)
	}
}

// checkReportAddsUp asserts DESIGN.md's promise: the rows of every by_* list
// and of the contract list add up to the totals.
func checkReportAddsUp(t testing.TB, r *govbuy.Report) {
	t.Helper()
	lists := map[string][]govbuy.ReportGroup{
		"by_unit": r.ByUnit, "by_category": r.ByCategory, "by_method": r.ByMethod,
		"by_contractor_type": r.ByContractorType, "by_funding_source": r.ByFundingSource,
	}
	prev := map[govbuy.Money][]string{} // each breakdown covers last year's payments once
	for name, list := range lists {
		sums := govbuy.GroupTotals(list)
		if sums["amount"] != r.Totals.ContractAmount || sums["paid"] != r.Totals.Paid {
			t.Errorf("%s 合计 %v; totals %d amount, %d paid", name, sums, r.Totals.ContractAmount, r.Totals.Paid)
		}
		prev[sums["prev_paid"]] = append(prev[sums["prev_paid"]], name)
		var n int
		var amount, paid govbuy.Money
		for _, g := range list {
			n += g.Contracts
			amount += g.ContractAmount
			paid += g.Paid
		}
		if n != r.Totals.Contracts || amount != r.Totals.ContractAmount || paid != r.Totals.Paid {
			t.Errorf("%s adds up to %d contracts, %d amount, %d paid; totals %d, %d, %d",
				name, n, amount, paid, r.Totals.Contracts, r.Totals.ContractAmount, r.Totals.Paid)
		}
	}
	if len(prev) > 1 {
		t.Errorf("the breakdowns sum last year's payments differently: %v", prev)
	}
	var n int
	var amount, payable, paid govbuy.Money
	for _, c := range r.Contracts {
		if c.Year == r.Year {
			n++
			amount += c.Amount
		}
		payable += c.Payable
		paid += c.Paid
	}
	if n != r.Totals.Contracts || amount != r.Totals.ContractAmount || payable != r.Totals.Payable || paid != r.Totals.Paid {
		t.Errorf("contracts add up to %d, %d amount, %d payable, %d paid; totals %+v", n, amount, payable, paid, r.Totals)
	}
}
