// Package reporttest holds the report models the tests of the report
// writers share: a small year with long names and odd text, and generated
// years of any size for benchmarks.
package reporttest

import (
	"errors"
	"fmt"
	"sort"

	"govbuy"
)

// Long names, as real units and contractors have them; the PDF must wrap
// them inside table cells without losing a character.
var (
	sampleUnits = []string{
		"示例区城市管理综合行政执法局（示例区城市管理委员会办公室）",
		"示例区卫生健康委员会（示例区疾病预防控制中心、示例区妇幼保健计划生育服务中心）",
		"示例区交通运输局农村公路管理养护所",
		"示例区人民政府办公室",
	}
	sampleContractors = []struct {
		name string
		typ  govbuy.ContractorType
	}{
		{"示例市绿源园林绿化工程有限责任公司", govbuy.TypeEnterprise},
		{"示例区阳光社会工作服务中心（民办非企业单位）", govbuy.TypeSocialOrg},
		{"示例市华信工程造价咨询事务所（普通合伙）", govbuy.TypeEnterprise},
		{"张三", govbuy.TypeIndividual},
		{"示例省路桥养护集团第三工程有限公司", govbuy.TypeEnterprise},
	}
	sampleNarrative = []string{
		"2024年，全区共有4个行政事业单位（含参照公务员法管理的事业单位）开展政府购买服务，" +
			"购买岗位和项目共计9项；全年支付购买服务费用合计1,234.57万元，较上年增长12.5%。" +
			"其中：岗位类服务主要采取“定向招聘”“公开招聘”和“岗位外包”方式，项目类服务主要采取定向委托、" +
			"有限竞争和双方协商方式（详见附表）。资金来源以财政预算资金为主，占全部支付金额的九成以上。",
		"从承接主体看，企业承接项目金额最大；社会组织、个人承接岗位类服务。农村公路养护由3家乙级以上企业承接，" +
			"按季度考核、按得分比例支付费用；造价审核按省级收费标准计价，检验检测按行业收费标准的75%计价；" +
			"法律顾问服务为区政府依法决策提供了支撑。各单位均按《政府购买服务管理办法》（财政部令第102号）" +
			"第十条、第二十四条等规定执行，未发现以购买服务名义变相用工、违规延长合同期限等问题。",
		"下一步，将进一步完善绩效考核：一是细化考核指标；二是强化结果运用——考核结果与费用支付挂钩；" +
			"三是加强信息公开，接受社会监督！请各单位于2025年1月31日前报送自查报告。",
	}
)

// Sample is a small but demanding year: long names, text starting
// with characters a spreadsheet would take for a formula, a contract of the
// previous year paid in this one, and narrative that wraps many times.
func Sample() *govbuy.Report {
	s := func(v govbuy.Score) *govbuy.Score { return &v }
	c := func(no string, unit, contractor int, title string, kind govbuy.Kind, cat string, m govbuy.Method,
		fund govbuy.FundingSource, heads int, amount, paid govbuy.Money, score *govbuy.Score) govbuy.ReportContract {
		rc := govbuy.ReportContract{
			Number: no, Year: 2024, Unit: sampleUnits[unit],
			Contractor: sampleContractors[contractor].name, ContractorType: sampleContractors[contractor].typ,
			Title: title, Kind: kind, Category: cat, Method: m, Funding: fund, Headcount: heads,
			Amount: amount, Payable: paid, Paid: paid, Score: score,
		}
		if score != nil {
			rc.Grade = govbuy.DefaultGradeBands.Grade(*score)
		}
		return rc
	}
	contracts := []govbuy.ReportContract{
		c("SLQ-2024-001", 0, 1, "城市管理协管员岗位（含夜间巡查、占道经营劝导及市容秩序维护）", govbuy.KindPost, "城市管理服务",
			govbuy.MethodOpenHire, govbuy.FundBudget, 25, 150000000, 148765432, s(925)),
		c("SLQ-2024-002", 0, 0, "=SUM(A1)", govbuy.KindProject, "园林绿化养护服务",
			govbuy.MethodLimitedCompete, govbuy.FundBudget, 0, 320000000, 318000000, s(865)),
		c("SLQ-2024-003", 1, 3, "+86 电话随访服务", govbuy.KindPost, "公共卫生服务",
			govbuy.MethodDirectHire, govbuy.FundTransfer, 1, 6000000, 5999999, nil),
		c("SLQ-2024-004", 1, 1, "-计划生育技术服务实验室检测（按行业收费标准75%计价）", govbuy.KindProject, "检验检测服务",
			govbuy.MethodMutualAgree, govbuy.FundBudget, 0, 45000000, 33750000, s(780)),
		c("SLQ-2024-005", 2, 4, "农村公路日常养护（第一标段：示例镇、东风乡、红旗乡共计一百二十七公里）", govbuy.KindProject, "农村公路养护服务",
			govbuy.MethodOpenTender, govbuy.FundFund, 0, 380000000, 371234500, s(956)),
		c("SLQ-2024-006", 2, 0, "@农村公路路域环境整治", govbuy.KindProject, "农村公路养护服务",
			govbuy.MethodLimitedCompete, govbuy.FundBudget, 0, 120000000, 118500000, s(590)),
		c("SLQ-2024-007", 3, 2, "政府投资项目工程造价审核（按省级收费标准计价）", govbuy.KindProject, "工程造价审核服务",
			govbuy.MethodDirectEntrust, govbuy.FundBudget, 0, 80000000, 80000000, s(900)),
		c("SLQ-2024-008", 3, 3, "区政府法律顾问", govbuy.KindProject, "法律服务",
			govbuy.MethodMutualAgree, govbuy.FundOwn, 0, 20000000, 20000000, nil),
	}
	prev := c("SLQ-2023-017", 0, 1, "社区网格员岗位（2023年度合同，2024年结算尾款）", govbuy.KindPost, "社区服务",
		govbuy.MethodPostOutsource, govbuy.FundBudget, 12, 90000000, 8500000, s(880))
	prev.Year = 2023
	contracts = append(contracts, prev)
	r := aggregate("示例区", 2024, contracts)
	r.Narrative = sampleNarrative
	r.Signed = govbuy.ReportSigned{Units: 4, Contractors: 5, PostContracts: 2, PostTypes: 2, ProjectContracts: 6, Projects: 6,
		ContractorTypes: []govbuy.ReportCount{{Name: "企业", Count: 3}, {Name: "社会组织", Count: 1}, {Name: "个人", Count: 1}}}
	r.Screening = govbuy.ReportScreening{Requirements: 2, Contracts: 3, Met: 2, WithReason: 1}
	r.Pricing = govbuy.ReportPricing{Standards: []string{"社区工作者薪酬标准"}, Contracts: 2, Amount: 185000000, MaxDeparture: 1000}
	r.Supervision = govbuy.ReportSupervision{Inspections: 4, Unannounced: 2, Contracts: 2, Deductions: 3, PointsTenths: 85}
	r.SocialOrg = govbuy.SocialOrgShare(r.ByContractorType, r.Totals.ContractAmount)
	r.Deadlines = sampleDeadlines()
	r.Assessments = []govbuy.ReportAssessment{
		{Contract: "SLQ-2024-005", Period: "2024Q1", Score: 956, Grade: govbuy.GradeExcellent, Base: 95000000,
			Payable: 95000000, Paid: 95000000, Rule: "得分≥95，按100%支付"},
		{Contract: "SLQ-2024-006", Period: "2024Q4", Score: 590, Grade: govbuy.GradePoor, Base: 30000000,
			Payable: 21000000, Paid: 21000000, Rule: "得分<60，按70%支付"},
	}
	r.Warnings = []govbuy.Warning{
		{Contract: "SLQ-2024-001", Rule: "第十条", Message: "购买岗位的内容与用工相近，请核实是否属于以购买服务名义变相用工。"},
		{Contract: "SLQ-2024-006", Rule: "考核等级", Message: "=HYPERLINK(\"http://example.com\") 上年考核等级为差，仍签订新合同。"},
	}
	return r
}

// sampleDeadlines is how the sample's 8 contracts of 2024 kept
// publication and 备案: one published late, one not filed (acknowledged),
// one signed too recently to be due, one without a signing date.
func sampleDeadlines() govbuy.ReportDeadlines {
	d := govbuy.NewReportDeadlines()
	d.NoSignDate = 1
	d.Publish.Due, d.Publish.Met, d.Publish.Late, d.Publish.NotYetDue = 7, 5, 1, 1
	d.Publish.Overdue = []govbuy.ReportOverdue{{Contract: "SLQ-2024-003", Due: govbuy.Day(2024, 10, 8), Done: govbuy.Day(2024, 10, 11), Days: 3}}
	d.Filing.Due, d.Filing.Met, d.Filing.Missing, d.Filing.NotYetDue, d.Filing.Acknowledged = 7, 5, 1, 1, 1
	d.Filing.Overdue = []govbuy.ReportOverdue{{Contract: "SLQ-2024-006", Due: govbuy.Day(2024, 3, 12), Days: 40, Acknowledged: true}}
	return d
}

// aggregate builds a report model from a contract list the way the store
// does, so every breakdown adds up to the totals.
func aggregate(district string, year int, contracts []govbuy.ReportContract) *govbuy.Report {
	r := &govbuy.Report{Year: year, District: district, Contracts: contracts}
	units, contractors := map[string]bool{}, map[string]bool{}
	posts, projects := map[string]bool{}, map[string]bool{}
	byUnit, byCat, byMethod, byType, byFund := newGroups(), newGroups(), newGroups(), newGroups(), newGroups()
	for i := range contracts {
		c := &contracts[i]
		units[c.Unit], contractors[c.Contractor] = true, true
		if c.Paid > 0 {
			if c.Kind == govbuy.KindPost {
				posts[c.Title] = true
			} else {
				projects[c.Title] = true
			}
		}
		own := c.Year == year
		if own {
			r.Totals.Contracts++
			r.Totals.ContractAmount += c.Amount
			r.Totals.PostsHeadcount += c.Headcount
		}
		r.Totals.Payable += c.Payable
		r.Totals.Paid += c.Paid
		byUnit.add(c.Unit, own, c)
		byCat.add(c.Category, own, c)
		byMethod.add(string(c.Method), own, c)
		byType.add(string(c.ContractorType), own, c)
		byFund.add(string(c.Funding), own, c)
	}
	r.Totals.Units, r.Totals.Contractors = len(units), len(contractors)
	r.Totals.PostTypes, r.Totals.Projects = len(posts), len(projects)
	r.ByUnit, r.ByCategory, r.ByMethod = byUnit.list(), byCat.list(), byMethod.list()
	r.ByContractorType, r.ByFundingSource = byType.list(), byFund.list()
	return r
}

type groups struct {
	order []string
	m     map[string]*govbuy.ReportGroup
}

func newGroups() *groups { return &groups{m: map[string]*govbuy.ReportGroup{}} }

func (g *groups) add(name string, own bool, c *govbuy.ReportContract) {
	row := g.m[name]
	if row == nil {
		row = &govbuy.ReportGroup{Name: name}
		g.m[name] = row
		g.order = append(g.order, name)
	}
	if own {
		row.Contracts++
		row.ContractAmount += c.Amount
	}
	row.Paid += c.Paid
	row.PrevPaid += c.Paid * 9 / 10 // a year-on-year change to show
}

func (g *groups) list() []govbuy.ReportGroup {
	out := make([]govbuy.ReportGroup, 0, len(g.order))
	for _, n := range g.order {
		out = append(out, *g.m[n])
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Paid > out[j].Paid })
	return out
}

var (
	genCategories = []string{"公共安全服务", "社区服务", "养老服务", "公共卫生服务", "公共文化体育服务",
		"就业和社会保障服务", "城市管理服务", "社会治理服务", "农村公路养护服务", "环境治理服务",
		"行业统计分析服务", "检验检测服务", "工程造价审核服务", "信息化服务", "法律服务",
		"市政设施维护服务", "园林绿化养护服务", "机关辅助性岗位服务"}
	genMethods = []govbuy.Method{govbuy.MethodDirectHire, govbuy.MethodOpenHire, govbuy.MethodPostOutsource,
		govbuy.MethodDirectEntrust, govbuy.MethodLimitedCompete, govbuy.MethodOpenTender, govbuy.MethodMutualAgree}
	genUnitKinds = []string{"教育局", "卫生健康委员会", "民政局", "城市管理综合行政执法局", "交通运输局",
		"农业农村局", "司法局", "人力资源和社会保障局", "住房和城乡建设局", "文化和旅游局", "街道办事处"}
)

// Generated is a deterministic year of n contracts with units units,
// for benchmarks: the demo district's size and a very large district.
func Generated(n, units int) *govbuy.Report {
	contracts := make([]govbuy.ReportContract, n)
	nContractors := max(20, n/50)
	for i := range contracts {
		kind := govbuy.KindProject
		heads := 0
		if i%2 == 0 {
			kind, heads = govbuy.KindPost, 1+i%17
		}
		score := govbuy.Score(550 + (i*37)%450)
		amount := govbuy.Money(1_000_000 + (i*7919)%90_000_000)
		ct := govbuy.TypeEnterprise
		if i%5 == 0 {
			ct = govbuy.TypeSocialOrg
		}
		contracts[i] = govbuy.ReportContract{
			Number:         fmt.Sprintf("GEN-2024-%06d", i+1),
			Year:           2024,
			Unit:           fmt.Sprintf("示例区第%d%s", i%units+1, genUnitKinds[i%units%len(genUnitKinds)]),
			Contractor:     fmt.Sprintf("示例市第%d服务有限公司", i%nContractors+1),
			ContractorType: ct,
			Title:          fmt.Sprintf("%s（第%d包）", genCategories[i%len(genCategories)], i%39+1),
			Kind:           kind,
			Category:       genCategories[i%len(genCategories)],
			Method:         genMethods[i%len(genMethods)],
			Funding:        govbuy.FundBudget,
			Headcount:      heads,
			Amount:         amount,
			Payable:        amount * 9 / 10,
			Paid:           amount * 9 / 10,
			Score:          &score,
			Grade:          govbuy.DefaultGradeBands.Grade(score),
		}
	}
	r := aggregate("示例区", 2024, contracts)
	r.Narrative = sampleNarrative
	return r
}

// ErrDiskFull is the error of FailingWriter.
var ErrDiskFull = errors.New("disk full")

// FailingWriter fails every write, as a full disk would.
type FailingWriter struct{}

func (FailingWriter) Write([]byte) (int, error) { return 0, ErrDiskFull }
