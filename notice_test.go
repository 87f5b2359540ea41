package govbuy

import (
	"strings"
	"testing"
	"time"
)

// noticeRecord is a contract whose record holds everything the notice
// states.
func noticeRecord() *ContractingRecord {
	return &ContractingRecord{
		Contract: Contract{Number: "YX2024-030", Title: "行政审批窗口辅助员", Kind: KindPost, Headcount: 16,
			Method: MethodPostOutsource, Amount: Yuan(672_000), Start: Day(2024, 1, 1), End: Day(2024, 12, 31),
			PublicRecord: PublicRecord{SignDate: Day(2023, 12, 21), ProjectNo: "YXCG2023-030",
				Place: "云溪区行政审批服务局指定的服务地点（云溪区内）", Spec: "按岗位职责履职"}},
		Unit: Unit{Name: "云溪区行政审批服务局", Address: "云溪区府前路70号", Contact: "办公室", Phone: "0838-6611258"},
		Contractor: Contractor{Name: "四川云溪人力资源服务有限公司", Address: "云溪区柳河街17号", LegalRep: "黄志强",
			Phone: "13820263757"},
	}
}

func TestNoticeMissingNamesEachBlank(t *testing.T) {
	tests := []struct {
		name  string
		blank func(r *ContractingRecord)
		want  []string
	}{
		{"complete", func(*ContractingRecord) {}, nil},
		{"contractor address", func(r *ContractingRecord) { r.Contractor.Address = " " },
			[]string{"供应商地址未填写（承接主体“四川云溪人力资源服务有限公司”）"}},
		{"unit address and phone", func(r *ContractingRecord) { r.Unit.Address, r.Unit.Phone = "", "" },
			[]string{"采购人地址未填写（购买主体“云溪区行政审批服务局”）", "采购人联系电话未填写（购买主体“云溪区行政审批服务局”）"}},
		{"project number, place, spec", func(r *ContractingRecord) { r.Contract.ProjectNo, r.Contract.Place, r.Contract.Spec = "", "", "" },
			[]string{"项目编号未填写（合同“YX2024-030”）", "服务要求未填写（合同“YX2024-030”）", "履约地点未填写（合同“YX2024-030”）"}},
		{"term and signing", func(r *ContractingRecord) { r.Contract.End, r.Contract.SignDate = time.Time{}, time.Time{} },
			[]string{"合同期限（开始、结束日期）未填写（合同“YX2024-030”）", "合同签订日期未填写（合同“YX2024-030”）"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := noticeRecord()
			tt.blank(r)
			var got []string
			for _, e := range NoticeMissing(r) {
				got = append(got, e.Message)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("missing = %q, want %q", got, tt.want)
			}
			n, err := NewContractNotice(r, Day(2023, 12, 22))
			if (err == nil) != (tt.want == nil) || (n == nil) == (tt.want == nil) {
				t.Errorf("NewContractNotice = %v, %v; want a notice only when nothing is missing", n, err)
			}
			if err != nil && ErrorKindOf(err) != EInvalid {
				t.Errorf("kind %s, want %s", ErrorKindOf(err), EInvalid)
			}
		})
	}
}

func TestNoticeTextFollowsTheFormat(t *testing.T) {
	r := noticeRecord()
	r.Supplements = []Supplement{{Amount: Yuan(12_000)}}
	n, err := NewContractNotice(r, Day(2023, 12, 22))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"行政审批窗口辅助员合同公告\n\n",
		"一、合同编号：YX2024-030\n", "二、合同名称：行政审批窗口辅助员合同\n", "三、项目编号：YXCG2023-030\n",
		"四、项目名称：行政审批窗口辅助员\n", "五、合同主体\n",
		"    采购人（甲方）：云溪区行政审批服务局\n", "    地址：云溪区府前路70号\n", "    联系方式：办公室 0838-6611258\n",
		"    供应商（乙方）：四川云溪人力资源服务有限公司\n", "    地址：云溪区柳河街17号\n", "    联系方式：黄志强 13820263757\n",
		"六、合同主要信息\n", "    主要标的名称：行政审批窗口辅助员\n", "    规格型号（或服务要求）：按岗位职责履职\n",
		"    主要标的数量：16人\n", "    主要标的单价：42,000.00元/人\n", "    合同金额：672,000.00元（人民币陆拾柒万贰仟元整）\n",
		"    履约期限、地点等简要信息：2024-01-01至2024-12-31，云溪区行政审批服务局指定的服务地点（云溪区内）\n",
		"    采购方式：岗位外包\n", "七、合同签订日期：2023-12-21\n",
		"八、合同公告日期：2023-12-22\n", "九、其他补充事宜：已签订补充合同1份，合计12,000.00元\n",
	}
	if got := n.Text(); got != strings.Join(want, "") {
		t.Errorf("text:\n%s\nwant:\n%s", got, strings.Join(want, ""))
	}
	// a recorded publication date is the notice's date
	r.Contract.PublishDate = Day(2023, 12, 25)
	n, _ = NewContractNotice(r, Day(2024, 3, 1))
	if !strings.Contains(n.Text(), "八、合同公告日期：2023-12-25\n") {
		t.Errorf("the recorded publication date is not the notice's:\n%s", n.Text())
	}
}

func TestNoticeQuantityOfAProject(t *testing.T) {
	c := &Contract{Kind: KindProject, Amount: 123_456_78}
	if q, p := noticeQuantity(c); q != "1项" || p != "123,456.78元/项" {
		t.Errorf("project: %s, %s", q, p)
	}
	c = &Contract{Kind: KindPost, Headcount: 3, Amount: Yuan(100)}
	if q, p := noticeQuantity(c); q != "3人" || p != "33.33元/人" {
		t.Errorf("post: %s, %s", q, p)
	}
}

func TestFundingByYear(t *testing.T) {
	tests := []struct {
		name       string
		start, end string
		year       int
		amount     Money
		want       []YearAmount
	}{
		{"within the year", "2024-01-01", "2024-12-31", 2024, Yuan(1_160_000), []YearAmount{{2024, Yuan(1_160_000)}}},
		{"no dates: the budget year", "", "", 2024, 500, []YearAmount{{2024, 500}}},
		// 366 days of 2024 and 365 of 2025: 1,280,000 × 366/731 = 640,875.51
		{"two years", "2024-01-01", "2025-12-31", 2024, Yuan(1_280_000), []YearAmount{{2024, 64_087_551}, {2025, 63_912_449}}},
		// 31, 366 and 334 of 731 days: each share the rounded running total less the one before
		{"three years, a fen left over", "2023-12-01", "2025-11-30", 2024, 100, []YearAmount{{2023, 4}, {2024, 50}, {2025, 46}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Contract{Year: tt.year}
			if tt.start != "" {
				c.Start, _ = time.Parse(DateLayout, tt.start)
				c.End, _ = time.Parse(DateLayout, tt.end)
			}
			got := FundingByYear(c, tt.amount)
			var sum Money
			for _, y := range got {
				sum += y.Amount
			}
			if len(got) != len(tt.want) || sum != tt.amount {
				t.Fatalf("got %v (sum %d), want %v", got, sum, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestDisclosureRowsOfTheBudgetYear(t *testing.T) {
	y := &ContractingYear{Year: 2024, Profile: DistrictProfile{Name: "云溪区"}, Contracts: []ContractingRecord{
		{Contract: Contract{Number: "A", Year: 2024, Kind: KindProject, Title: "绿地养护", Method: MethodOpenTender, Amount: Yuan(1000),
			Start: Day(2024, 1, 1), End: Day(2024, 12, 31)},
			Unit: Unit{Name: "园林中心"}, Contractor: Contractor{Name: "绿源"},
			Supplements: []Supplement{{Amount: Yuan(100)}},
			Assessments: []Assessment{{Score: 880}, {Score: 915}}, Bands: DefaultGradeBands},
		{Contract: Contract{Number: "B", Year: 2023, Kind: KindPost, Title: "护路员", Headcount: 2, Amount: Yuan(50)}},
		{Contract: Contract{Number: "C", Year: 2024, Kind: KindPost, Title: "护路员", Headcount: 2, Method: MethodDirectHire, Amount: Yuan(50)},
			Bands: DefaultGradeBands},
	}}
	d := NewDisclosure(y)
	if d.Title() != "云溪区2024年度政府购买服务信息公开表" || len(d.Rows) != 2 || d.Total != Yuan(1150) {
		t.Fatalf("title %q, %d rows, total %s", d.Title(), len(d.Rows), d.Total)
	}
	a, c := d.Rows[0], d.Rows[1]
	if a.Amount != Yuan(1100) || a.FundingText() != "2024年 1,100.00元" || a.TermText() != "2024-01-01至2024-12-31" ||
		a.Performance != "2次考核平均89.8分（良）" || a.Content != "绿地养护" {
		t.Errorf("row A: %+v (%s, %s)", a, a.FundingText(), a.TermText())
	}
	if c.Content != "护路员（购买岗位2人）" || c.Performance != "未评价" || c.TermText() != "未填写" {
		t.Errorf("row C: %+v", c)
	}
}
