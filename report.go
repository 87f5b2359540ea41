package govbuy

import "context"

// Report is the annual report model (DESIGN.md "report --json"): the figures
// of one budget year, filled by the store and written by reports/. Money is in
// fen; every by_* list and the contract list add up to Totals.
type Report struct {
	Year             int                `json:"year"`
	District         string             `json:"district"`
	Totals           ReportTotals       `json:"totals"`
	ByUnit           []ReportGroup      `json:"by_unit"`
	ByCategory       []ReportGroup      `json:"by_category"`
	ByMethod         []ReportGroup      `json:"by_method"`
	ByContractorType []ReportGroup      `json:"by_contractor_type"`
	ByFundingSource  []ReportGroup      `json:"by_funding_source"`
	Contracts        []ReportContract   `json:"contracts"`
	Assessments      []ReportAssessment `json:"assessments"`
	Warnings         []Warning          `json:"warnings"`
	Signed           ReportSigned       `json:"signed"`
	Screening        ReportScreening    `json:"screening"`
	Pricing          ReportPricing      `json:"pricing"`
	Supervision      ReportSupervision  `json:"supervision"`
	SocialOrg        ReportSocialOrg    `json:"social_org"`
	Deadlines        ReportDeadlines    `json:"deadlines"`
	Narrative        []string           `json:"narrative"`
}

// ReportSigned counts on one basis, the contracts of the budget year (本年签订),
// what the narrative says was bought: the units and contractors that signed
// them, and per kind the contracts and the distinct posts (岗位种类) or
// projects, each known by its title as in ReportTotals. Totals.PostTypes and
// Totals.Projects count on the other basis, services paid in the year; a
// sentence that mixes the two counts five signed project contracts as one
// project because one of them was paid.
type ReportSigned struct {
	Units            int `json:"units"`
	Contractors      int `json:"contractors"`
	PostContracts    int `json:"post_contracts"`
	PostTypes        int `json:"post_types"`
	ProjectContracts int `json:"project_contracts"`
	Projects         int `json:"projects"`
	// ContractorTypes counts the contractors of each type, in the order of
	// ContractorTypes, types without one left out.
	ContractorTypes []ReportCount `json:"contractor_types"`
}

// ReportCount is a count under a name.
type ReportCount struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// ReportScreening is how the year's contracts fared against the service
// requirements (服务专业化): Requirements catalog entries ask something;
// Contracts of the year fall under one, Met of them with a contractor who
// meets it, WithReason going ahead on a recorded reason.
type ReportScreening struct {
	Requirements int `json:"requirements"`
	Contracts    int `json:"contracts"`
	Met          int `json:"met"`
	WithReason   int `json:"with_reason"`
}

// ReportPricing is how the year's contracts were priced by the fee-standard
// library (标准科学化): the standards used, the contracts they price and
// their amount, and how many depart from their price by more than
// MaxDeparture.
type ReportPricing struct {
	Standards    []string `json:"standards"`
	Contracts    int      `json:"contracts"`
	Amount       Money    `json:"amount_fen"`
	Departures   int      `json:"departures"`
	MaxDeparture Rate     `json:"max_departure"`
}

// ReportSupervision is the year's inspections (督查) of periods of the
// year: how many, how many unannounced, the contracts they covered, the
// problems found with points deducted and the points, in tenths (a sum
// over many assessments, so not a Score, which stops at 100).
type ReportSupervision struct {
	Inspections  int `json:"inspections"`
	Unannounced  int `json:"unannounced"`
	Contracts    int `json:"contracts"`
	Deductions   int `json:"deductions"`
	PointsTenths int `json:"points_tenths"`
}

// ReportTotals are the year's headline figures.
type ReportTotals struct {
	Units          int `json:"units"`
	Contractors    int `json:"contractors"`
	Contracts      int `json:"contracts"`
	PostTypes      int `json:"post_types"`
	Projects       int `json:"projects"`
	PostsHeadcount int `json:"posts_headcount"`
	// PostsHeadcountPending counts the year's posts whose people are not
	// known yet (待补充): PostsHeadcount leaves them out, never counts them 0.
	PostsHeadcountPending int   `json:"posts_headcount_pending"`
	ContractAmount        Money `json:"contract_amount_fen"`
	Payable               Money `json:"payable_fen"`
	Paid                  Money `json:"paid_fen"`
}

// GroupTotals is the 合计 row of a breakdown: its rows summed — "amount",
// "paid" and "prev_paid" — which for amount and paid are the report's
// Totals, as every breakdown covers every contract and payment once.
func GroupTotals(groups []ReportGroup) ListTotals {
	t := ListTotals{"amount": 0, "paid": 0, "prev_paid": 0}
	for _, g := range groups {
		t["amount"] += g.ContractAmount
		t["paid"] += g.Paid
		t["prev_paid"] += g.PrevPaid
	}
	return t
}

// ReportGroup is one row of a breakdown. Contracts and ContractAmount cover
// contracts of the budget year; Paid covers payments dated in the year.
type ReportGroup struct {
	Name           string `json:"name"`
	Contracts      int    `json:"contracts"`
	ContractAmount Money  `json:"contract_amount_fen"`
	Paid           Money  `json:"paid_fen"`
	PrevPaid       Money  `json:"prev_paid_fen"`
}

// ReportContract is one line of the contract ledger (台账). Year is the
// contract's budget year: only rows of the report's year count towards
// Totals.Contracts and Totals.ContractAmount, while every row's Paid is the
// money paid in the report's year.
type ReportContract struct {
	Number         string         `json:"number"`
	Year           int            `json:"year"`
	Unit           string         `json:"unit"`
	Contractor     string         `json:"contractor"`
	ContractorType ContractorType `json:"contractor_type"`
	Title          string         `json:"title"`
	Kind           Kind           `json:"kind"`
	Category       string         `json:"category"`
	Method         Method         `json:"method"`
	Funding        FundingSource  `json:"funding"`
	Headcount      int            `json:"headcount,omitempty"`
	Amount         Money          `json:"amount_fen"`
	Payable        Money          `json:"payable_fen"`
	Paid           Money          `json:"paid_fen"`
	Score          *Score         `json:"score,omitempty"`
	Grade          Grade          `json:"grade,omitempty"`
	Pending        FieldSet       `json:"pending,omitzero"` // fields not known yet (待补充)
}

// ReportAssessment is one assessed period of a contract.
type ReportAssessment struct {
	Contract string `json:"contract"`
	Period   string `json:"period"`
	Score    Score  `json:"score"`
	Grade    Grade  `json:"grade"`
	Base     Money  `json:"base_fen"`
	Payable  Money  `json:"payable_fen"`
	Paid     Money  `json:"paid_fen"`
	Rule     string `json:"rule"`
}

// Warning is a compliance hint about a contract, citing its article. Rule
// is the article ("第十条"), what reports show; Code is the hint's stable
// code (Hint.Rule: hiring, term, …), what AcknowledgeHint takes.
type Warning struct {
	Contract string `json:"contract"`
	Rule     string `json:"rule"`
	Code     string `json:"code,omitempty"`
	Message  string `json:"message"`
}

// CheckTitled refuses a report about to go out on paper without its
// district: its title and narrative name the district, and a district's
// report titled only "2024年度政府购买服务情况汇总表" cannot be told from
// another's.
func (r *Report) CheckTitled() error {
	if CleanText(r.District) == "" {
		return Invalidf("区县名称", "尚未设置，报告标题须写明区县：请先在“设置 → 本区信息”中填写")
	}
	return nil
}

// ReportService builds report models.
type ReportService interface {
	// Report is the annual report model of budget year year, read from one
	// snapshot; a year outside 1990–2100 is EInvalid.
	Report(ctx context.Context, year int) (*Report, error)
}
