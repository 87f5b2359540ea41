package govbuy_test

import (
	"slices"
	"strings"
	"testing"

	"govbuy"
)

func TestFeeStandardPrices(t *testing.T) {
	cost := govbuy.FeeStandard{Name: "省工程造价咨询服务收费标准", Kind: govbuy.FeeProgressive, Bands: []govbuy.FeeBand{
		{UpTo: 100_000_000, Rate: 50}, {UpTo: 500_000_000, Rate: 40}, {UpTo: 0, Rate: 30},
	}}
	price, working := cost.ProjectPrice(0, 800_000_000) // 送审造价800万元
	// 100万×0.5% + 400万×0.4% + 300万×0.3% = 5,000 + 16,000 + 9,000
	if price != 3_000_000 || !strings.Contains(working, "差额定率累进计费：100.00万元×0.5%=5,000.00元") {
		t.Errorf("progressive: %s, %s", price, working)
	}
	lab := govbuy.FeeStandard{Name: "检验检测行业收费标准", Kind: govbuy.FeeUnitPrice, Price: 35_000, Unit: "份", Share: 7500}
	price, working = lab.ProjectPrice(800, 0)
	if price != 21_000_000 || !strings.HasSuffix(working, "按标准的75%计价：210,000.00元") {
		t.Errorf("lab: %s, %s", price, working)
	}
	post := govbuy.FeeStandard{Name: "社区工作者薪酬标准", Kind: govbuy.FeePostPay, MonthlyPay: 350_000, SocialInsurance: 1600, ManagementFee: 500}
	price, working = post.PostPrice(20, 12)
	// 3,500 × 20 × 12 = 840,000; +16% +5% = 1,016,400
	if price != 101_640_000 || !strings.Contains(working, "月薪3,500.00元×20人×12个月=840,000.00元") {
		t.Errorf("post: %s, %s", price, working)
	}
}

func TestFeeStandardValidate(t *testing.T) {
	bad := []struct {
		name  string
		f     govbuy.FeeStandard
		field govbuy.Field
	}{
		{"share above 100%", govbuy.FeeStandard{Name: "x", Kind: govbuy.FeeFlat, Price: 1, Share: 10001}, "计价比例"},
		{"overlapping bands", govbuy.FeeStandard{Name: "x", Kind: govbuy.FeeProgressive, Bands: []govbuy.FeeBand{{UpTo: 500, Rate: 50}, {UpTo: 400, Rate: 40}}}, "累进档次"},
		{"open band in the middle", govbuy.FeeStandard{Name: "x", Kind: govbuy.FeeProgressive, Bands: []govbuy.FeeBand{{UpTo: 0, Rate: 50}, {UpTo: 400, Rate: 40}}}, "累进档次"},
		{"no kind", govbuy.FeeStandard{Name: "x"}, "计价方式"},
	}
	for _, tt := range bad {
		if err := tt.f.Validate(); govbuy.ErrorField(err) != tt.field {
			t.Errorf("%s: Validate() = %v", tt.name, err)
		}
	}
}

func TestPriceOfContract(t *testing.T) {
	lab := govbuy.FeeStandard{Name: "检验检测收费标准", Kind: govbuy.FeeUnitPrice, Price: 14_000, Unit: "人次", Share: 7500}
	post := govbuy.FeeStandard{Name: "社区工作者薪酬标准", Kind: govbuy.FeePostPay, MonthlyPay: 360_000, SocialInsurance: 1600, ManagementFee: 300}
	year := func(c govbuy.Contract) govbuy.Contract {
		c.Start, c.End = govbuy.Day(2024, 1, 1), govbuy.Day(2024, 12, 31)
		return c
	}
	tests := []struct {
		name      string
		f         govbuy.FeeStandard
		c         govbuy.Contract
		price     govbuy.Money
		departure govbuy.Rate
		above     bool
		working   string
	}{
		{"lab tests at 75 %", lab, govbuy.Contract{Kind: govbuy.KindProject, Amount: 21_000_000, FeeQuantity: 2000},
			21_000_000, 0, false, "单价140.00元/人次×2000=280,000.00元；按标准的75%计价：210,000.00元"},
		{"posts over the term's 12 months", post, year(govbuy.Contract{Kind: govbuy.KindPost, Headcount: 20, Amount: 103_200_000}),
			102_816_000, 37, true, "月薪3,600.00元×20人×12个月=864,000.00元"},
		{"posts over 6 months given", post, year(govbuy.Contract{Kind: govbuy.KindPost, Headcount: 20, Amount: 40_000_000, FeeQuantity: 6}),
			51_408_000, 2219, false, "×6个月"},
		{"a lab that agreed 80 % of the same standard", lab, govbuy.Contract{Kind: govbuy.KindProject, Amount: 21_000_000, FeeQuantity: 2000, FeeShare: 8000},
			22_400_000, 625, false, "=280,000.00元；按标准的80%计价：224,000.00元"},
		{"posts at 95 % agreed on a standard without a share", post, year(govbuy.Contract{Kind: govbuy.KindPost, Headcount: 20, Amount: 97_675_200, FeeShare: 9500}),
			97_675_200, 0, false, "合计1,028,160.00元；按标准的95%计价：976,752.00元"},
	}
	for _, tt := range tests {
		p := govbuy.PriceOf(&tt.f, &tt.c)
		if p.Amount != tt.price || p.Departure != tt.departure || p.Above != tt.above || !strings.Contains(p.Working, tt.working) {
			t.Errorf("%s: %+v", tt.name, p)
		}
	}
}

func TestFeeStandardCheckContract(t *testing.T) {
	progressive := govbuy.FeeStandard{Name: "造价咨询", Kind: govbuy.FeeProgressive, Bands: []govbuy.FeeBand{{Rate: 50}}}
	unit := govbuy.FeeStandard{Name: "检验检测", Kind: govbuy.FeeUnitPrice, Price: 100, Unit: "份"}
	post := govbuy.FeeStandard{Name: "岗位薪酬", Kind: govbuy.FeePostPay, MonthlyPay: 100}
	tests := []struct {
		name  string
		f     govbuy.FeeStandard
		c     govbuy.Contract
		field govbuy.Field
	}{
		{"progressive without a base", progressive, govbuy.Contract{Kind: govbuy.KindProject}, "计费基数"},
		{"unit price without a quantity", unit, govbuy.Contract{Kind: govbuy.KindProject}, "计费数量"},
		{"post pay on a project", post, govbuy.Contract{Kind: govbuy.KindProject}, "收费标准"},
		{"post pay without months or dates", post, govbuy.Contract{Kind: govbuy.KindPost, Headcount: 2}, "计费数量"},
		{"progressive with a base", progressive, govbuy.Contract{Kind: govbuy.KindProject, FeeBase: 1}, ""},
	}
	for _, tt := range tests {
		if got := govbuy.ErrorField(tt.f.CheckContract(&tt.c)); got != tt.field {
			t.Errorf("%s: field %q, want %q", tt.name, got, tt.field)
		}
	}
}

func TestFeeDepartureHint(t *testing.T) {
	lawyers := govbuy.FeeStandard{Name: "律师服务收费标准（计时）", Kind: govbuy.FeeUnitPrice, Price: 150_000, Unit: "小时"}
	tests := []struct {
		amount govbuy.Money
		max    govbuy.Rate
		want   string
	}{
		{18_000_000, 0, "合同金额180,000.00元高于按“律师服务收费标准（计时）”计算的价格150,000.00元20%，超过允许偏离的10%"},
		{13_000_000, 0, "合同金额130,000.00元低于按“律师服务收费标准（计时）”计算的价格150,000.00元13.33%，超过允许偏离的10%"},
		{16_000_000, 0, ""},
		{18_000_000, 2500, ""},
	}
	for _, tt := range tests {
		c := govbuy.Contract{Kind: govbuy.KindProject, Amount: tt.amount, FeeQuantity: 100}
		var got string
		for _, h := range govbuy.ComplianceHints(govbuy.HintInput{Contract: &c, FeeStandard: &lawyers, MaxFeeDeparture: tt.max}) {
			if h.Rule == "fee" {
				got = h.Message
			}
		}
		if got != tt.want {
			t.Errorf("amount %s, max %s: %q, want %q", tt.amount, tt.max, got, tt.want)
		}
	}
}

func TestFeeStandardPricesLike(t *testing.T) {
	base := govbuy.FeeStandard{ID: 1, Name: "造价咨询", Source: "省协会", Date: govbuy.Day(2021, 8, 1), Kind: govbuy.FeeProgressive,
		Bands: []govbuy.FeeBand{{UpTo: 500_000_000, Rate: 60}, {Rate: 50}}}
	tests := []struct {
		name   string
		change func(f *govbuy.FeeStandard)
		same   bool
	}{
		{"renamed, new source and date", func(f *govbuy.FeeStandard) {
			f.Name, f.Source, f.Date = "造价咨询（结算审核）", "省建设工程造价管理协会", govbuy.Day(2022, 1, 1)
		}, true},
		{"a band's rate", func(f *govbuy.FeeStandard) { f.Bands = []govbuy.FeeBand{{UpTo: 500_000_000, Rate: 55}, {Rate: 50}} }, false},
		{"a share agreed", func(f *govbuy.FeeStandard) { f.Share = 7500 }, false},
		{"another kind", func(f *govbuy.FeeStandard) { f.Kind = govbuy.FeeFlat }, false},
	}
	for _, tt := range tests {
		f := base
		f.Bands = slices.Clone(base.Bands)
		tt.change(&f)
		if got := base.PricesLike(&f); got != tt.same {
			t.Errorf("%s: PricesLike = %v, want %v", tt.name, got, tt.same)
		}
	}
}
