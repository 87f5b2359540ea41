// Package ocds writes a year's contracting (govbuy.ContractingYear) as an
// Open Contracting Data Standard 1.1.5 release package: one release per
// contract, its ocid the district's prefix and the contract's number.
//
// It takes the model and an io.Writer, like the report writers, and does
// no database access. Amounts are integer fen until they become JSON
// numbers written from exact decimal text (govbuy.Money.Decimal), never
// through float64. Personal data stays out: an individual contractor's
// 身份证号 and address are not published.
package ocds

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"govbuy"
)

// Version is the OCDS version the package declares (major.minor) and
// SchemaVersion the schema release it is checked against.
const (
	Version       = "1.1"
	SchemaVersion = "1.1.5"
)

// SchemeUSCC is the org-id.guide scheme of the 统一社会信用代码.
const SchemeUSCC = "CN-USCC"

// currency is the ISO 4217 code of the yuan.
const currency = "CNY"

// Package is an OCDS release package.
type Package struct {
	URI           string    `json:"uri"`
	Version       string    `json:"version"`
	PublishedDate string    `json:"publishedDate"`
	Publisher     Publisher `json:"publisher"`
	Releases      []Release `json:"releases"`
}

// Publisher is who publishes the package: the finance bureau.
type Publisher struct {
	Name string `json:"name"`
}

// Release is what is known of one contracting process (one contract).
type Release struct {
	OCID           string         `json:"ocid"`
	ID             string         `json:"id"`
	Date           string         `json:"date"`
	Tag            []string       `json:"tag"`
	InitiationType string         `json:"initiationType"`
	Language       string         `json:"language"`
	Parties        []Organization `json:"parties"`
	Buyer          *OrgRef        `json:"buyer,omitempty"`
	Planning       *Planning      `json:"planning,omitempty"`
	Tender         *Tender        `json:"tender,omitempty"`
	Awards         []Award        `json:"awards,omitempty"`
	Contracts      []Contract     `json:"contracts,omitempty"`
}

// Organization is a party to the process with its roles.
type Organization struct {
	ID         string      `json:"id"`
	Name       string      `json:"name"`
	Identifier *Identifier `json:"identifier,omitempty"`
	Address    *Address    `json:"address,omitempty"`
	Roles      []string    `json:"roles"`
}

// Identifier is an organisation's registered identifier.
type Identifier struct {
	Scheme    string `json:"scheme"`
	ID        string `json:"id"`
	LegalName string `json:"legalName"`
}

// Address is where an organisation is.
type Address struct {
	StreetAddress string `json:"streetAddress"`
	CountryName   string `json:"countryName"`
}

// OrgRef refers to a party by id and name.
type OrgRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Value is an amount of money: a JSON number in yuan with 2 decimals.
type Value struct {
	Amount   json.Number `json:"amount"`
	Currency string      `json:"currency"`
}

// Period is a span of days.
type Period struct {
	StartDate string `json:"startDate,omitempty"`
	EndDate   string `json:"endDate,omitempty"`
}

// Planning holds the budget the contract is paid from.
type Planning struct {
	Budget Budget `json:"budget"`
}

// Budget is the contract's budget line: its funding source and amount.
type Budget struct {
	ID          string `json:"id"`
	Description string `json:"description"`
	Amount      Value  `json:"amount"`
}

// Tender is how the contractor was chosen.
type Tender struct {
	ID                       string  `json:"id"`
	Title                    string  `json:"title"`
	Status                   string  `json:"status"`
	ProcuringEntity          OrgRef  `json:"procuringEntity"`
	ProcurementMethod        string  `json:"procurementMethod,omitempty"`
	ProcurementMethodDetails string  `json:"procurementMethodDetails"`
	MainProcurementCategory  string  `json:"mainProcurementCategory"`
	ContractPeriod           *Period `json:"contractPeriod,omitempty"`
}

// Award is the award to the contractor.
type Award struct {
	ID             string   `json:"id"`
	Title          string   `json:"title"`
	Status         string   `json:"status"`
	Date           string   `json:"date,omitempty"`
	Value          Value    `json:"value"`
	Suppliers      []OrgRef `json:"suppliers"`
	ContractPeriod *Period  `json:"contractPeriod,omitempty"`
}

// Contract is the signed contract with its supplements and what was paid
// and assessed under it in the year.
type Contract struct {
	ID             string          `json:"id"`
	AwardID        string          `json:"awardID"`
	Title          string          `json:"title"`
	Status         string          `json:"status"`
	Period         *Period         `json:"period,omitempty"`
	Value          Value           `json:"value"`
	DateSigned     string          `json:"dateSigned,omitempty"`
	Amendments     []Amendment     `json:"amendments,omitempty"`
	Implementation *Implementation `json:"implementation,omitempty"`
}

// Amendment is a supplementary contract (补充合同).
type Amendment struct {
	ID          string `json:"id"`
	Date        string `json:"date"`
	Description string `json:"description"`
	Rationale   string `json:"rationale,omitempty"`
}

// Implementation is the year's payments and assessments.
type Implementation struct {
	Transactions []Transaction `json:"transactions,omitempty"`
	Milestones   []Milestone   `json:"milestones,omitempty"`
}

// Transaction is a payment to the contractor.
type Transaction struct {
	ID    string `json:"id"`
	Date  string `json:"date"`
	Value Value  `json:"value"`
	Payer OrgRef `json:"payer"`
	Payee OrgRef `json:"payee"`
}

// Milestone is an assessed period of service.
type Milestone struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Type        string `json:"type"`
	Code        string `json:"code"`
	Description string `json:"description"`
	DueDate     string `json:"dueDate,omitempty"`
	DateMet     string `json:"dateMet,omitempty"`
	Status      string `json:"status"`
}

// Write writes y as a release package, indented. A year without contracts
// is refused: a package holds at least one release.
func Write(w io.Writer, y *govbuy.ContractingYear) error {
	p, err := Build(y)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(p)
}

// Build makes the release package of y.
func Build(y *govbuy.ContractingYear) (*Package, error) {
	if len(y.Contracts) == 0 {
		return nil, govbuy.Invalidf(govbuy.FieldYear, "%d年度没有合同，没有可导出的内容", y.Year)
	}
	if govbuy.CleanText(y.Profile.Bureau) == "" {
		return nil, govbuy.Invalidf(govbuy.FieldBureau, "尚未设置，发布包须写明发布者（财政局）：请先在“设置 → 本区信息”中填写")
	}
	p := &Package{
		URI:       fmt.Sprintf("urn:ocds:%s:%d", y.OCIDPrefix, y.Year),
		Version:   Version,
		Publisher: Publisher{Name: y.Profile.Bureau},
		Releases:  make([]Release, 0, len(y.Contracts)),
	}
	for i := range y.Contracts {
		r := release(y.OCIDPrefix, y.Year, &y.Contracts[i])
		if r.Date > p.PublishedDate {
			p.PublishedDate = r.Date
		}
		p.Releases = append(p.Releases, r)
	}
	return p, nil
}

// OCID is the ocid of a contract under prefix.
func OCID(prefix, contractNumber string) string { return prefix + "-" + contractNumber }

// release is one contract's release; its id and date are those of the
// year's export, so the same data gives the same release.
func release(prefix string, year int, r *govbuy.ContractingRecord) Release {
	c := &r.Contract
	ocid := OCID(prefix, c.Number)
	buyer, supplier := unitParty(&r.Unit), contractorParty(&r.Contractor)
	buyerRef, supplierRef := OrgRef{buyer.ID, buyer.Name}, OrgRef{supplier.ID, supplier.Name}
	rel := Release{
		OCID:           ocid,
		ID:             ocid + "-" + strconv.Itoa(year),
		Date:           dateTime(releaseDate(year, r)),
		Tag:            []string{"planning", "tender", "award", "contract"},
		InitiationType: "tender",
		Language:       "zh",
		Parties:        []Organization{buyer, supplier},
		Buyer:          &buyerRef,
		Planning:       planning(c),
		Tender:         tender(c, buyerRef),
		Awards:         []Award{award(c, supplierRef)},
		Contracts:      []Contract{contract(r, buyerRef, supplierRef)},
	}
	if rel.Contracts[0].Implementation != nil {
		rel.Tag = append(rel.Tag, "implementation")
	}
	return rel
}

// releaseDate is the last day the year's export knows something of the
// contract: its record's dates, supplements, payments and assessments, as
// far as the end of the year; else its start, else the year's first day.
func releaseDate(year int, r *govbuy.ContractingRecord) time.Time {
	c := &r.Contract
	days := []time.Time{c.AwardDate, c.SignDate, c.PublishDate, c.FilingDate}
	for _, s := range r.Supplements {
		days = append(days, s.Date)
	}
	for _, p := range r.Payments {
		days = append(days, p.Date)
	}
	for _, a := range r.Assessments {
		days = append(days, a.Date)
	}
	yearEnd := govbuy.Day(year, time.December, 31)
	var last time.Time
	for _, d := range days {
		if d.After(last) && !d.After(yearEnd) {
			last = d
		}
	}
	switch {
	case !last.IsZero():
		return last
	case !c.Start.IsZero():
		return c.Start
	}
	return govbuy.Day(year, time.January, 1)
}

func planning(c *govbuy.Contract) *Planning {
	return &Planning{Budget: Budget{
		ID:          fmt.Sprintf("%s-%d", c.Number, c.BudgetYear()),
		Description: fmt.Sprintf("%d年度%s", c.BudgetYear(), c.Funding),
		Amount:      value(c.Amount),
	}}
}

func tender(c *govbuy.Contract, buyer OrgRef) *Tender {
	code, _ := Method(c.Method)
	return &Tender{
		ID:                       c.Number,
		Title:                    c.Title,
		Status:                   "complete",
		ProcuringEntity:          buyer,
		ProcurementMethod:        code,
		ProcurementMethodDetails: string(c.Method),
		MainProcurementCategory:  "services",
		ContractPeriod:           period(c),
	}
}

func award(c *govbuy.Contract, supplier OrgRef) Award {
	return Award{
		ID:             c.Number,
		Title:          c.Title,
		Status:         "active",
		Date:           dateTime(c.AwardDate),
		Value:          value(c.Amount),
		Suppliers:      []OrgRef{supplier},
		ContractPeriod: period(c),
	}
}

// contract is the signed contract: its value is the original amount and
// its supplements, each supplement an amendment.
func contract(r *govbuy.ContractingRecord, buyer, supplier OrgRef) Contract {
	c := &r.Contract
	out := Contract{
		ID:         c.Number,
		AwardID:    c.Number,
		Title:      c.Title,
		Status:     contractStatus(c.Status),
		Period:     period(c),
		Value:      value(c.Amount + govbuy.SupplementTotal(r.Supplements)),
		DateSigned: dateTime(c.SignDate),
	}
	for i, s := range r.Supplements {
		out.Amendments = append(out.Amendments, amendment(i, s))
	}
	impl := &Implementation{}
	for _, p := range r.Payments {
		impl.Transactions = append(impl.Transactions, transaction(p, buyer, supplier))
	}
	for _, a := range r.Assessments {
		impl.Milestones = append(impl.Milestones, milestone(a))
	}
	if len(impl.Transactions) > 0 || len(impl.Milestones) > 0 {
		out.Implementation = impl
	}
	return out
}

func amendment(i int, s govbuy.Supplement) Amendment {
	id, name := s.Number, "补充合同"
	if id == "" {
		id = "补充合同" + strconv.Itoa(i+1)
	} else {
		name += s.Number
	}
	return Amendment{
		ID:          id,
		Date:        dateTime(s.Date),
		Description: fmt.Sprintf("%s增加合同金额%s元", name, s.Amount),
		Rationale:   s.Notes,
	}
}

// transaction is a payment, known by its approval form's number (审批表
// 2024-0001), which is printed and never changes.
func transaction(p govbuy.Payment, buyer, supplier OrgRef) Transaction {
	id := p.Form.String()
	if id == "" {
		id = "payment-" + strconv.FormatInt(p.ID, 10)
	}
	return Transaction{ID: id, Date: dateTime(p.Date), Value: value(p.Amount), Payer: buyer, Payee: supplier}
}

// milestone is an assessed period: the service of the period delivered,
// met on the day it was assessed, with its score.
func milestone(a govbuy.Assessment) Milestone {
	m := Milestone{
		ID:          a.Period,
		Title:       govbuy.PeriodLabel(a.Period) + "考核",
		Type:        "delivery",
		Code:        a.Period,
		Description: fmt.Sprintf("%s考核得分%s分", govbuy.PeriodLabel(a.Period), a.Score),
		Status:      "met",
	}
	end, ok := govbuy.PeriodEnd(a.Period)
	if ok {
		m.DueDate = endDateTime(end)
	}
	met := a.Date
	if met.IsZero() {
		met = end
	}
	m.DateMet = dateTime(met)
	return m
}

func contractStatus(s govbuy.Status) string {
	if s == govbuy.StatusActive {
		return "active"
	}
	// 已完成 and 已终止 alike: the contract was in force and has come
	// to a close (OCDS contractStatus "terminated").
	return "terminated"
}

func period(c *govbuy.Contract) *Period {
	if c.Start.IsZero() && c.End.IsZero() {
		return nil
	}
	return &Period{StartDate: dateTime(c.Start), EndDate: endDateTime(c.End)}
}

func value(m govbuy.Money) Value {
	return Value{Amount: json.Number(m.Decimal()), Currency: currency}
}

// chinaTime is the offset of the dates govbuy keeps: a day in the district.
const chinaTime = "+08:00"

// dateTime writes a day as the moment it begins in China, "" for none.
func dateTime(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return govbuy.FormatDate(d) + "T00:00:00" + chinaTime
}

// endDateTime writes the last day of a span as the moment it ends.
func endDateTime(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return govbuy.FormatDate(d) + "T23:59:59" + chinaTime
}
