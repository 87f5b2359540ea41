package govbuy_test

import (
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
		field string
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
