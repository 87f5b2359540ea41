package ocds_test

import (
	"bytes"
	"strings"
	"testing"

	"govbuy"
	"govbuy/reports/ocds"
)

// Every purchase method maps by the codelist's definitions, or not at all.
func TestMethod(t *testing.T) {
	want := map[govbuy.Method]string{
		govbuy.MethodOpenTender: "open", govbuy.MethodOpenHire: "open",
		govbuy.MethodInvitedTender: "selective",
		govbuy.MethodNegotiation:   "limited", govbuy.MethodConsultation: "limited", govbuy.MethodInquiry: "limited",
		govbuy.MethodLimitedCompete: "limited", govbuy.MethodDirectHire: "limited",
		govbuy.MethodSingleSource: "direct", govbuy.MethodDirectEntrust: "direct", govbuy.MethodMutualAgree: "direct",
		govbuy.MethodFramework: "", govbuy.MethodPostOutsource: "", govbuy.MethodOther: "",
	}
	for _, m := range govbuy.Methods {
		code, ok := ocds.Method(m)
		if w, listed := want[m]; !listed || code != w || ok != (w != "") {
			t.Errorf("Method(%s) = %q, %v; want %q", m, code, ok, w)
		}
	}
}

const (
	unitCode     = "11510123MB1200019E"
	supplierCode = "91110000600037341L"
)

// year is a year of two contracts: one signed, supplemented, paid and
// assessed; one of an individual, bought by a way with no OCDS method.
func year() *govbuy.ContractingYear {
	unit := govbuy.Unit{ID: 3, Name: "区民政局", Code: unitCode}
	first := govbuy.ContractingRecord{
		Contract: govbuy.Contract{Number: "SN-1", Year: 2024, Title: "社区服务", Method: govbuy.MethodConsultation,
			Amount: 1_000_000_05, Funding: govbuy.FundBudget, Status: govbuy.StatusCompleted,
			Start: govbuy.Day(2024, 1, 1), End: govbuy.Day(2024, 12, 31),
			PublicRecord: govbuy.PublicRecord{AwardDate: govbuy.Day(2023, 12, 1), SignDate: govbuy.Day(2023, 12, 8),
				PublishDate: govbuy.Day(2025, 1, 3)}},
		Unit:        unit,
		Contractor:  govbuy.Contractor{ID: 5, Name: "阳光社工中心", Type: govbuy.TypeSocialOrg, CreditCode: supplierCode, Address: "人民路8号"},
		Supplements: []govbuy.Supplement{{Number: "SN-1-补1", Date: govbuy.Day(2024, 5, 6), Amount: 10_000_00, Notes: "增加服务点"}},
		Payments: []govbuy.Payment{
			{ID: 41, Date: govbuy.Day(2024, 4, 10), Amount: 250_000_00, Form: govbuy.FormNumber{Year: 2024, Seq: 7}},
			{ID: 42, Date: govbuy.Day(2024, 7, 10), Amount: 250_000_01}},
		Assessments: []govbuy.Assessment{{Period: "2024Q1", Score: 865, Date: govbuy.Day(2024, 4, 2)}, {Period: "2024Q2", Score: 900}},
	}
	second := govbuy.ContractingRecord{
		Contract: govbuy.Contract{Number: "SN-2", Year: 2024, Title: "法律顾问", Method: govbuy.MethodPostOutsource,
			Amount: 60_000_00, Funding: govbuy.FundOwn, Status: govbuy.StatusActive},
		Unit:       govbuy.Unit{ID: 4, Name: "区司法局", Code: "301001"},
		Contractor: govbuy.Contractor{ID: 6, Name: "张明华", Type: govbuy.TypeIndividual, CreditCode: "11010519491231002X", Address: "青石镇1组"},
	}
	return &govbuy.ContractingYear{Year: 2024, OCIDPrefix: "ocds-abc123",
		Profile: govbuy.DistrictProfile{Name: "山南区", Bureau: "山南区财政局"}, Contracts: []govbuy.ContractingRecord{first, second}}
}

// A contract's release carries its parties, budget, method, award,
// contract with its supplement, and the year's payments and assessments,
// amounts as exact decimals.
func TestBuildRelease(t *testing.T) {
	p, err := ocds.Build(year())
	if err != nil {
		t.Fatal(err)
	}
	if p.URI != "urn:ocds:ocds-abc123:2024" || p.Version != "1.1" || p.Publisher.Name != "山南区财政局" ||
		p.PublishedDate != "2024-07-10T00:00:00+08:00" || len(p.Releases) != 2 {
		t.Fatalf("package %+v", p)
	}
	r := p.Releases[0]
	if r.OCID != "ocds-abc123-SN-1" || r.ID != "ocds-abc123-SN-1-2024" || r.Date != "2024-07-10T00:00:00+08:00" ||
		strings.Join(r.Tag, ",") != "planning,tender,award,contract,implementation" {
		t.Errorf("release %s %s %s %q", r.OCID, r.ID, r.Date, r.Tag)
	}
	buyer, supplier := r.Parties[0], r.Parties[1]
	if buyer.ID != "CN-USCC-"+unitCode || *buyer.Identifier != (ocds.Identifier{Scheme: "CN-USCC", ID: unitCode, LegalName: "区民政局"}) ||
		strings.Join(buyer.Roles, ",") != "buyer,procuringEntity,payer" || *r.Buyer != (ocds.OrgRef{ID: buyer.ID, Name: "区民政局"}) {
		t.Errorf("buyer %+v", buyer)
	}
	if supplier.ID != "CN-USCC-"+supplierCode || supplier.Identifier.ID != supplierCode || supplier.Address.StreetAddress != "人民路8号" ||
		strings.Join(supplier.Roles, ",") != "supplier,payee" {
		t.Errorf("supplier %+v", supplier)
	}
	if b := r.Planning.Budget; b.Description != "2024年度财政预算资金" || b.Amount != (ocds.Value{Amount: "1000000.05", Currency: "CNY"}) {
		t.Errorf("budget %+v", b)
	}
	if tn := r.Tender; tn.ProcurementMethod != "limited" || tn.ProcurementMethodDetails != "竞争性磋商" || tn.ProcuringEntity.Name != "区民政局" {
		t.Errorf("tender %+v", tn)
	}
	if a := r.Awards[0]; a.Date != "2023-12-01T00:00:00+08:00" || a.Value.Amount != "1000000.05" || a.Suppliers[0].Name != "阳光社工中心" {
		t.Errorf("award %+v", a)
	}
	c := r.Contracts[0]
	if c.Status != "terminated" || c.Value.Amount != "1010000.05" || c.DateSigned != "2023-12-08T00:00:00+08:00" ||
		*c.Period != (ocds.Period{StartDate: "2024-01-01T00:00:00+08:00", EndDate: "2024-12-31T23:59:59+08:00"}) {
		t.Errorf("contract %+v", c)
	}
	if len(c.Amendments) != 1 || c.Amendments[0] != (ocds.Amendment{ID: "SN-1-补1", Date: "2024-05-06T00:00:00+08:00",
		Description: "补充合同SN-1-补1增加合同金额10,000.00元", Rationale: "增加服务点"}) {
		t.Errorf("amendments %+v", c.Amendments)
	}
	tr := c.Implementation.Transactions
	if len(tr) != 2 || tr[0].ID != "2024-0007" || tr[0].Value.Amount != "250000.00" || tr[0].Payer.Name != "区民政局" ||
		tr[0].Payee.Name != "阳光社工中心" || tr[1].ID != "payment-42" || tr[1].Value.Amount != "250000.01" {
		t.Errorf("transactions %+v", tr)
	}
	ms := c.Implementation.Milestones
	if len(ms) != 2 || ms[0] != (ocds.Milestone{ID: "2024Q1", Title: "2024年第1季度考核", Type: "delivery", Code: "2024Q1",
		Description: "2024年第1季度考核得分86.5分", DueDate: "2024-03-31T23:59:59+08:00", DateMet: "2024-04-02T00:00:00+08:00", Status: "met"}) ||
		ms[1].DateMet != "2024-06-30T00:00:00+08:00" || ms[1].Description != "2024年第2季度考核得分90分" {
		t.Errorf("milestones %+v", ms)
	}
}

// An individual is named, never identified nor located; a budget code is
// no registered identifier; a method with no OCDS code is given in words
// alone; a release with nothing dated is dated by the year.
func TestBuildWithholdsWhatIsNotRegistered(t *testing.T) {
	p, err := ocds.Build(year())
	if err != nil {
		t.Fatal(err)
	}
	r := p.Releases[1]
	buyer, supplier := r.Parties[0], r.Parties[1]
	if buyer.ID != "govbuy-unit-4" || buyer.Identifier != nil {
		t.Errorf("a unit with a budget code: %+v", buyer)
	}
	if supplier.ID != "govbuy-contractor-6" || supplier.Name != "张明华" || supplier.Identifier != nil || supplier.Address != nil {
		t.Errorf("an individual: %+v", supplier)
	}
	var out bytes.Buffer
	if err := ocds.Write(&out, year()); err != nil {
		t.Fatal(err)
	}
	for _, private := range []string{"11010519491231002X", "青石镇1组"} {
		if strings.Contains(out.String(), private) {
			t.Errorf("the package publishes %q", private)
		}
	}
	if r.Tender.ProcurementMethod != "" || r.Tender.ProcurementMethodDetails != "岗位外包" || r.Tender.ContractPeriod != nil {
		t.Errorf("tender %+v", r.Tender)
	}
	if r.Date != "2024-01-01T00:00:00+08:00" || r.Contracts[0].Status != "active" || r.Contracts[0].Implementation != nil ||
		len(r.Tag) != 4 || r.Awards[0].Date != "" || r.Planning.Budget.Description != "2024年度单位自有资金" {
		t.Errorf("release %+v", r)
	}
}

// The same data gives the same bytes; a year without contracts, or a
// district without its bureau (the publisher), is refused.
func TestWriteIsDeterministicAndRefusesAnEmptyYear(t *testing.T) {
	var a, b bytes.Buffer
	if err := ocds.Write(&a, year()); err != nil {
		t.Fatal(err)
	}
	if err := ocds.Write(&b, year()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) || !strings.Contains(a.String(), `"amount": 1010000.05,`) {
		t.Errorf("two writes differ, or the amount is not an exact number:\n%s", a.String())
	}
	err := ocds.Write(&a, &govbuy.ContractingYear{Year: 2030, OCIDPrefix: govbuy.DefaultOCIDPrefix})
	if got := govbuy.ErrorMessage(err); got != "年度：2030年度没有合同，没有可导出的内容" {
		t.Errorf("an empty year: %q", got)
	}
	y := year()
	y.Profile = govbuy.DistrictProfile{}
	err = ocds.Write(&a, y)
	if got := govbuy.ErrorMessage(err); got != "财政局：尚未设置，发布包须写明发布者（财政局）：请先在“设置 → 本区信息”中填写" {
		t.Errorf("no district: %q", got)
	}
}
