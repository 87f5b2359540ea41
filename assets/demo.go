package assets

import (
	"fmt"
	"strings"
	"time"

	"govbuy"
)

// DemoDistrict is the name of the demo district.
const DemoDistrict = "云溪区"

// DemoYear is the year the demo district's figures describe.
const DemoYear = 2024

// DemoPaid is what the demo district paid in DemoYear: 4029.3万元.
const DemoPaid govbuy.Money = 4_029_300_000

// Demo returns the district of the report govbuy grew from: in 2024 it
// bought 39 kinds of posts and 33 service projects for 61 units from
// enterprises, social organisations and individuals, assessed them and paid
// 4029.3万元 by score. It is built the same way every time, so its report
// is a fixed point tests and officers can check figures against.
func Demo() *govbuy.Dataset {
	ds := &govbuy.Dataset{District: DemoDistrict, Requirements: DemoRequirements(), FeeStandards: DemoFeeStandards()}
	for i, name := range demoUnits {
		ds.Units = append(ds.Units, govbuy.DatasetUnit{Unit: demoUnit(i, name), Given: demoUnitFields})
	}
	for i, c := range demoContractors {
		ds.Contractors = append(ds.Contractors, govbuy.DatasetContractor{Contractor: c.contractor(i), Given: demoContractorFields})
	}
	var paid govbuy.Money
	for i, c := range demoContracts {
		dc := c.contract(i)
		ds.Contracts = append(ds.Contracts, dc)
		paid += addPayments(ds, &dc, c.scores)
	}
	balanceDemo(ds, DemoPaid-paid)
	return ds
}

// balanceDemo gives the last contract, an outsourced back-office post paid
// in full each quarter, the amount that brings the year to exactly 4029.3万元.
func balanceDemo(ds *govbuy.Dataset, rest govbuy.Money) {
	c := demoBalance.contract(len(demoContracts))
	c.Amount = rest
	c.FeeBasis = "按机关后勤岗位月薪标准核定，含社会保险和管理费"
	ds.Contracts = append(ds.Contracts, c)
	addPayments(ds, &c, nil)
}

// addPayments books the assessments and payments of a contract's year: each
// period is assessed at its end and paid what the rule makes payable from the
// score — posts assessed once a year are paid in quarterly installments.
func addPayments(ds *govbuy.Dataset, c *govbuy.DatasetContract, scores []govbuy.Score) govbuy.Money {
	plan := c.Plan
	periods := plan.Period.Periods(DemoYear)
	var total govbuy.Money
	for i, period := range periods {
		base := plan.Installment(c.Amount, DemoYear, period)
		score := govbuy.MaxScore
		if i < len(scores) {
			score = scores[i]
		}
		end, _ := govbuy.PeriodEnd(period)
		if len(scores) > 0 {
			items := itemsFor(plan, score)
			if in, ok := inspectionFor(c, period, len(ds.Inspections), items); ok {
				ds.Inspections = append(ds.Inspections, in)
			}
			if len(ds.Inspections)%4 == 0 {
				ds.Inspections = append(ds.Inspections, spotCheck(c, period))
			}
			ds.Assessments = append(ds.Assessments, govbuy.DatasetAssessment{
				ContractNumber: c.Number,
				Assessment: govbuy.Assessment{
					Period: period, Score: score, Date: end,
					Assessor: c.UnitName + "考核小组", Items: items,
				},
			})
		}
		payable := plan.Rule.Payable(base, score)
		total += payable
		parts := installmentsOf(plan.Period, payable)
		for j, part := range parts {
			ds.Payments = append(ds.Payments, govbuy.DatasetPayment{
				ContractNumber: c.Number,
				Payment: govbuy.Payment{
					Date: paymentDate(period, j, len(parts)), Amount: part, Period: period,
					Voucher: fmt.Sprintf("记-%s-%02d%d", strings.TrimPrefix(c.Number, "YX2024-"), i+1, j+1),
					Notes:   plan.Rule.Explain(period, score, plan.Bands.Grade(score), base),
				},
			})
		}
	}
	return total
}

// installmentsOf splits a yearly payable into four quarterly payments, the
// way posts are paid; other periods are paid in one go.
func installmentsOf(k govbuy.PeriodKind, payable govbuy.Money) []govbuy.Money {
	if k != govbuy.PeriodYear {
		return []govbuy.Money{payable}
	}
	plan := govbuy.AssessmentPlan{Period: govbuy.PeriodQuarter}
	parts := make([]govbuy.Money, 4)
	for i, q := range plan.Period.Periods(DemoYear) {
		parts[i] = plan.Installment(payable, DemoYear, q)
	}
	return parts
}

// paymentDate pays ten days after a period (or, for a yearly amount paid
// by quarter, the part's quarter) ends, except that what falls due after the
// year is settled on 31 December (年终结算).
func paymentDate(period string, part, parts int) time.Time {
	end, _ := govbuy.PeriodEnd(period)
	if parts > 1 {
		end = govbuy.Day(DemoYear, time.Month(3*(part+1))+1, 1).AddDate(0, 0, -1)
	}
	d := end.AddDate(0, 0, 10)
	if d.Year() > DemoYear {
		return govbuy.Day(DemoYear, 12, 31)
	}
	return d
}

// itemsFor spreads the points lost over the plan's criteria from the last
// one up. The reasons come from the period's inspection (inspectionFor),
// which the store writes into them, so every demo score can be traced to
// what was found.
func itemsFor(plan *govbuy.AssessmentPlan, score govbuy.Score) []govbuy.ItemScore {
	lost := govbuy.MaxScore - score
	items := make([]govbuy.ItemScore, len(plan.Criteria))
	for i := len(plan.Criteria) - 1; i >= 0; i-- {
		c := plan.Criteria[i]
		d := min(lost, c.Points/2)
		lost -= d
		items[i] = govbuy.ItemScore{Criterion: c.Name, Score: c.Points - d}
	}
	return items
}

// inspectionFor is the inspection that found what a period's assessment
// takes off: one visit in the period's last month, every third of them
// unannounced (n counts the inspections so far), deducting against each
// criterion that lost points.
func inspectionFor(c *govbuy.DatasetContract, period string, n int, items []govbuy.ItemScore) (govbuy.DatasetInspection, bool) {
	var ds []govbuy.Deduction
	var found []string
	for j, it := range items {
		lost := c.Plan.Criteria[j].Points - it.Score
		if lost == 0 {
			continue
		}
		finding := findingFor(it.Criterion)
		ds = append(ds, govbuy.Deduction{Criterion: it.Criterion, Points: lost, Finding: finding})
		found = append(found, finding)
	}
	if len(ds) == 0 {
		return govbuy.DatasetInspection{}, false
	}
	end, _ := govbuy.PeriodEnd(period)
	kind := govbuy.InspectionScheduled
	if n%3 == 1 {
		kind = govbuy.InspectionUnannounced
	}
	return govbuy.DatasetInspection{
		ContractNumber: c.Number,
		Inspection: govbuy.Inspection{
			Period: period, Date: govbuy.Day(end.Year(), end.Month(), 12), Kind: kind,
			Inspectors: "区财政局、" + c.UnitName + "联合督查组",
			Findings:   strings.Join(found, "；"),
			Deductions: ds,
		},
	}, true
}

// spotCheck is an unannounced visit early in the period's last month that
// found nothing: most visits do, so the year's inspections outnumber the
// periods that lost points.
func spotCheck(c *govbuy.DatasetContract, period string) govbuy.DatasetInspection {
	end, _ := govbuy.PeriodEnd(period)
	return govbuy.DatasetInspection{
		ContractNumber: c.Number,
		Inspection: govbuy.Inspection{
			Period: period, Date: govbuy.Day(end.Year(), end.Month(), 3), Kind: govbuy.InspectionUnannounced,
			Inspectors: "区财政局随机抽查组",
			Findings:   "未发现问题",
		},
	}
}

// findings are what the district's inspectors typically note against each
// criterion of its schemes.
var findings = map[string]string{
	"路面保洁":    "路面有散落物和积土未及时清理",
	"路肩边沟":    "部分边沟淤塞，排水不畅",
	"桥涵构造物":   "涵洞进出口杂物未清除",
	"安全设施":    "警示标志缺失或污损未更换",
	"内业资料":    "巡查日志记录不全",
	"植物养护":    "部分绿篱未按期修剪，有枯枝",
	"设施维护":    "园路破损未及时修补",
	"环境卫生":    "绿地内垃圾未及时清运",
	"安全文明作业":  "作业时未设置安全围挡",
	"维护质量":    "维修后复查仍有故障",
	"响应时效":    "报修响应超过约定时限",
	"服务质量":    "服务记录与实际不符",
	"服务时效":    "服务未按约定时间完成",
	"服务对象满意度": "服务对象回访满意率未达约定标准",
	"履职尽责":    "在岗履职情况抽查不到位",
	"工作纪律":    "抽查时有人员脱岗",
}

func findingFor(criterion string) string {
	if f, ok := findings[criterion]; ok {
		return f
	}
	return criterion + "未达约定标准"
}

// The fields a demo unit or contractor states: one registered under the
// same name before the demo loads takes them and keeps its notes.
var (
	demoUnitFields       = govbuy.NewFieldSet(govbuy.FieldUnitKind, govbuy.FieldCreditCode, govbuy.FieldContact, govbuy.FieldPhone, govbuy.FieldAddress)
	demoContractorFields = govbuy.NewFieldSet(govbuy.FieldContractorType, govbuy.FieldCreditCode, govbuy.FieldLegalRep,
		govbuy.FieldPhone, govbuy.FieldAddress, govbuy.FieldBank, govbuy.FieldAccount, govbuy.FieldQualification)
)

func demoUnit(i int, name string) govbuy.Unit {
	kind := govbuy.UnitAdministrative
	if strings.HasSuffix(name, "中心") || strings.HasSuffix(name, "所") || strings.HasSuffix(name, "馆") {
		kind = govbuy.UnitPublic
	}
	return govbuy.Unit{
		Name: name, Kind: kind,
		Code:    creditCode("11510123", fmt.Sprintf("MB%07d", 1_200_000+i)),
		Contact: "办公室", Phone: fmt.Sprintf("0838-66%05d", 10_000+i*37),
		Address: fmt.Sprintf("云溪区府前路%d号", 2+i*2),
	}
}

// creditCode completes a 统一社会信用代码 from its first 17 characters.
func creditCode(prefix, body string) string {
	first := prefix + body
	check, err := govbuy.CreditCodeCheck(first)
	if err != nil {
		panic("assets: demo credit code " + first + ": " + err.Error())
	}
	return first + string(check)
}

// idNumber completes an 18-digit 身份证号 from its first 17 digits.
func idNumber(first17 string) string {
	check, err := govbuy.IDCardCheck(first17)
	if err != nil {
		panic("assets: demo id number " + first17 + ": " + err.Error())
	}
	return first17 + string(check)
}

type demoContractor struct {
	name  string
	typ   govbuy.ContractorType
	rep   string
	quals []govbuy.Qualification
}

// codePrefix is the registration-authority and category part of the credit
// code for each type (GB 32100-2015 table 1), in the demo's region 510123.
var codePrefix = map[govbuy.ContractorType]string{
	govbuy.TypeEnterprise:      "91510123",
	govbuy.TypeSocialOrg:       "52510123",
	govbuy.TypePublicClass2:    "12510123",
	govbuy.TypeRuralCollective: "N2510123",
	govbuy.TypeGrassroots:      "54510123",
}

func (d demoContractor) contractor(i int) govbuy.Contractor {
	c := govbuy.Contractor{
		Name: d.name, Type: d.typ, LegalRep: d.rep, Qualifications: d.quals,
		Phone:   fmt.Sprintf("138%08d", 20_240_000+i*7919),
		Address: "云溪区" + []string{"人民路", "滨江大道", "青石路", "柳河街", "龙泉大道"}[i%5] + fmt.Sprintf("%d号", 8+i*3),
		Bank:    []string{"中国农业银行云溪支行", "中国建设银行云溪支行", "云溪农村商业银行营业部", "中国工商银行云溪支行"}[i%4],
		Account: fmt.Sprintf("2238%015d", 510_123_000_000+int64(i)*104_729),
	}
	if d.typ == govbuy.TypeIndividual {
		c.CreditCode = idNumber(fmt.Sprintf("510123%d%02d%02d%03d", 1975+i%20, 1+i%12, 1+i%28, 100+i))
		c.Bank, c.LegalRep = "云溪农村商业银行营业部", ""
	} else {
		c.CreditCode = creditCode(codePrefix[d.typ], fmt.Sprintf("MA6%06d", 100_000+i*7))
	}
	return c
}

func qual(kind, level string, expiryYear int) govbuy.Qualification {
	return govbuy.Qualification{
		Kind: kind, Level: level, Issuer: "四川省住房和城乡建设厅",
		Number: fmt.Sprintf("D%d%06d", expiryYear, len(kind)*1000+len(level)*7),
		Expiry: govbuy.Day(expiryYear, 6, 30),
	}
}

func licence(kind, issuer string) govbuy.Qualification {
	return govbuy.Qualification{Kind: kind, Number: "PDY00012351012319A1001", Issuer: issuer, Expiry: govbuy.Day(2027, 12, 31)}
}

// demoContract is one purchase of 2024; a post's amount is headcount ×
// monthly pay × 12 months, a project's is set.
type demoContract struct {
	title      string
	unit       int // index into demoUnits
	contractor int // index into demoContractors
	kind       govbuy.Kind
	catalog    string
	method     govbuy.Method
	headcount  int
	monthly    int64 // yuan per post per month, posts only
	amount     int64 // yuan, projects only
	feeBasis   string
	// feeStandard names the standard that prices the contract, charged on
	// feeQuantity or a base of feeBase yuan.
	feeStandard string
	feeQuantity int64
	feeBase     int64
	plan        func() *govbuy.AssessmentPlan
	scores      []govbuy.Score
}

// demoCalendar counts the demo's working days.
var demoCalendar = govbuy.NewCalendar()

func (d demoContract) contract(i int) govbuy.DatasetContract {
	amount := govbuy.Yuan(d.amount)
	if d.kind == govbuy.KindPost {
		amount = govbuy.Yuan(int64(d.headcount) * d.monthly * 12)
	}
	plan := d.plan()
	return govbuy.DatasetContract{
		Contract: govbuy.Contract{
			Number: fmt.Sprintf("YX2024-%03d", i+1), Year: DemoYear, Kind: d.kind, Title: d.title,
			Headcount: d.headcount, Method: d.method, Amount: amount,
			Start: govbuy.Day(DemoYear, 1, 1), End: demoEnd(d.title),
			Funding: funding(i), FeeBasis: d.feeBasis, Status: govbuy.StatusCompleted,
			FeeQuantity: d.feeQuantity, FeeBase: govbuy.Yuan(d.feeBase),
			PublicRecord: demoRecord(i, d, demoCalendar),
		},
		Supplements:    demoSupplements(d.title),
		FeeStandard:    d.feeStandard,
		UnitName:       demoUnits[d.unit],
		ContractorName: demoContractors[d.contractor].name,
		CatalogCode:    d.catalog,
		Plan:           plan,
	}
}

// funding puts most of the spend on the fiscal budget, as the district did,
// with a few contracts on transfers and government funds.
func funding(i int) govbuy.FundingSource {
	switch i % 12 {
	case 5:
		return govbuy.FundTransfer
	case 9:
		return govbuy.FundFund
	}
	return govbuy.FundBudget
}

func postPlan() *govbuy.AssessmentPlan {
	return &govbuy.AssessmentPlan{
		Period: govbuy.PeriodYear, Bands: govbuy.DefaultGradeBands,
		Criteria: []govbuy.Criterion{crit("履职尽责", 400), crit("工作纪律", 300), crit("服务对象满意度", 300)},
		Rule:     govbuy.PaymentRule{Kind: govbuy.RuleThreshold, Threshold: 600},
	}
}

// roadPlan and greenPlan are the district's own schemes for rural road
// upkeep (quarterly, by score) and green-space upkeep (half-yearly, banded).
func roadPlan() *govbuy.AssessmentPlan {
	p := govbuy.PlanTemplate("B03")
	return &p
}

func greenPlan() *govbuy.AssessmentPlan {
	p := govbuy.PlanTemplate("E03")
	return &p
}

func projectPlan() *govbuy.AssessmentPlan {
	return &govbuy.AssessmentPlan{
		Period: govbuy.PeriodYear, Bands: govbuy.DefaultGradeBands,
		Criteria: []govbuy.Criterion{crit("服务质量", 500), crit("服务时效", 300), crit("服务对象满意度", 200)},
		Rule:     govbuy.PaymentRule{Kind: govbuy.RuleWithheld, Withheld: 500},
	}
}

func feePlan() *govbuy.AssessmentPlan {
	return &govbuy.AssessmentPlan{
		Period: govbuy.PeriodYear, Bands: govbuy.DefaultGradeBands,
		Criteria: []govbuy.Criterion{crit("服务质量", 600), crit("服务时效", 400)},
		Rule:     govbuy.PaymentRule{Kind: govbuy.RuleFull},
	}
}

func crit(name string, points govbuy.Score) govbuy.Criterion {
	return govbuy.Criterion{Name: name, Points: points}
}

func sc(s ...govbuy.Score) []govbuy.Score { return s }
