package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"govbuy"
	"govbuy/assets"
	"govbuy/store"
)

// The demo's lab-test contract is priced at 75 % of the standard, its cost
// audit by the progressive table, and its legal adviser departs from the
// hourly standard by 20 %, which is a hint in the contract and the report.
func TestDemoContractsPricedByFeeStandards(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	if err := db.LoadDataset(ctx, assets.Demo(), false); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		number, title string
		price         govbuy.Money
		working       string
		departure     govbuy.Rate
	}{
		{"YX2024-052", "计划生育技术服务检验检测", 21_000_000, "单价140.00元/人次×2000=280,000.00元；按标准的75%计价：210,000.00元", 0},
		{"YX2024-051", "政府投资项目造价审核", 48_000_000, "计费基数15,750.00万元，差额定率累进计费：500.00万元×0.6%=30,000.00元", 0},
		{"YX2024-053", "政府法律顾问服务", 15_000_000, "单价1,500.00元/小时×100=150,000.00元", 2000},
	}
	for _, tt := range tests {
		t.Run(tt.number, func(t *testing.T) {
			c, err := db.FindContractByNumber(ctx, tt.number)
			if err != nil || c.Title != tt.title {
				t.Fatalf("%v %v", c, err)
			}
			p, err := db.ContractPrice(ctx, &c.Contract)
			if err != nil || p.Amount != tt.price || p.Departure != tt.departure || !strings.Contains(p.Working, tt.working) {
				t.Errorf("%s: %+v, %v", tt.title, p, err)
			}
		})
	}
	lawyers, _ := db.FindContractByNumber(ctx, "YX2024-053")
	st, err := db.ContractSettlement(ctx, lawyers.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !hasHint(st.Hints, "fee", "合同金额180,000.00元高于按“律师服务收费标准（计时）”计算的价格150,000.00元20%") {
		t.Errorf("settlement hints: %+v", st.Hints)
	}
	if fee := feeWarnings(t, db); !slices.Equal(fee, []string{"YX2024-053"}) {
		t.Errorf("fee warnings in the report: %v", fee)
	}
}

// feeWarnings lists, in order, the contracts the 2024 report warns depart
// from their fee standard.
func feeWarnings(t *testing.T, db *store.DB) []string {
	t.Helper()
	r, err := db.Report(context.Background(), 2024)
	if err != nil {
		t.Fatal(err)
	}
	var fee []string
	for _, w := range r.Warnings {
		if w.Rule == "收费标准" {
			fee = append(fee, w.Contract)
		}
	}
	slices.Sort(fee)
	return fee
}

func hasHint(hints []govbuy.Hint, rule, prefix string) bool {
	for _, h := range hints {
		if h.Rule == rule && strings.HasPrefix(h.Message, prefix) {
			return true
		}
	}
	return false
}

func TestFeeStandardLibrary(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	f := &govbuy.FeeStandard{Name: "检验检测收费标准", Source: "省医疗服务价格项目", Date: govbuy.Day(2022, 3, 1),
		Kind: govbuy.FeeUnitPrice, Price: 14_000, Unit: "人次", Share: 7500}
	if err := db.SaveFeeStandard(ctx, f); err != nil || f.ID == 0 {
		t.Fatalf("save: %v", err)
	}
	dup := *f
	dup.ID = 0
	wantDomainError(t, db.SaveFeeStandard(ctx, &dup), govbuy.EConflict, "标准名称：收费标准“检验检测收费标准”已存在")
	gap := &govbuy.FeeStandard{Name: "造价咨询", Kind: govbuy.FeeProgressive,
		Bands: []govbuy.FeeBand{{UpTo: 500, Rate: 50}, {UpTo: 500, Rate: 40}, {Rate: 30}}}
	wantDomainError(t, db.SaveFeeStandard(ctx, gap), govbuy.EInvalid, "累进档次：第2档上限5.00元不高于上一档的5.00元，档次重叠")

	u := mustUnit(t, db, "区妇幼保健院")
	k := mustContractor(t, db, "云溪医学检验所", govbuy.TypeEnterprise, creditCode(t, 3))
	c := newContract("JY-1", 2024, u, k, 21_000_000)
	c.FeeStandardID = f.ID
	wantDomainError(t, db.CreateContract(ctx, c), govbuy.EInvalid, "计费数量：按单价计费须填写数量（以人次计）")
	c.FeeQuantity = 2000
	mustContract(t, db, c)
	got, err := db.FindContractByNumber(ctx, "JY-1")
	if err != nil || got.FeeStandardID != f.ID || got.FeeQuantity != 2000 {
		t.Fatalf("stored contract: %+v, %v", got, err)
	}
	wantDomainError(t, db.DeleteFeeStandard(ctx, f.ID, f.Version), govbuy.EConflict, "该收费标准有1份合同，不能删除")

	f.Share = 8000
	if err := db.SaveFeeStandard(ctx, f); err != nil {
		t.Fatal(err)
	}
	// 280,000 × 80 % = 224,000: 210,000 is 6.25 % below, within 10 %.
	st, err := db.ContractSettlement(ctx, c.ID)
	if err != nil || hasHint(st.Hints, "fee", "") {
		t.Errorf("within 10 %%: %+v, %v", st.Hints, err)
	}
	if err := db.SetMaxFeeDeparture(ctx, 500); err != nil {
		t.Fatal(err)
	}
	st, err = db.ContractSettlement(ctx, c.ID)
	if err != nil || !hasHint(st.Hints, "fee", "合同金额210,000.00元低于按“检验检测收费标准”计算的价格224,000.00元6.25%，超过允许偏离的5%") {
		t.Errorf("beyond 5 %%: %+v, %v", st.Hints, err)
	}

	// Once 2024 is closed the standard prices it as it stands: a revision
	// is a new entry, while the name, source and date stay correctable.
	if err := db.CloseYear(ctx, 2024); err != nil {
		t.Fatal(err)
	}
	f.Share = 9000
	wantDomainError(t, db.SaveFeeStandard(ctx, f), govbuy.EConflict,
		"计价方式：“检验检测收费标准”已为已结账的2024年度的合同计价，不能再改其计价；标准调整时请新增一条收费标准")
	f.Share, f.Source = 8000, "省医疗服务价格项目（2022年版）"
	if err := db.SaveFeeStandard(ctx, f); err != nil {
		t.Errorf("correcting the source in a closed year: %v", err)
	}
	saved, _ := db.FindFeeStandards(ctx)
	if len(saved) != 1 || saved[0].Share != 8000 || saved[0].Source != "省医疗服务价格项目（2022年版）" {
		t.Errorf("library after the refused revision: %+v", saved)
	}
}

// A contract that agreed its own share of a standard is priced, hinted and
// reported at that share, and keeps it.
func TestContractAgreesItsOwnShare(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	if err := db.LoadDataset(ctx, assets.Demo(), false); err != nil {
		t.Fatal(err)
	}
	lab, err := db.FindContractByNumber(ctx, "YX2024-052") // 140元/人次 × 2000 at the standard's 75 %
	if err != nil {
		t.Fatal(err)
	}
	c := lab.Contract
	c.FeeShare = 9000 // 252,000 at 90 %, against the 210,000 signed
	if err := db.UpdateContract(ctx, &c); err != nil {
		t.Fatal(err)
	}
	saved, err := db.FindContractByNumber(ctx, "YX2024-052")
	if err != nil || saved.FeeShare != 9000 {
		t.Fatalf("share read back: %d, %v", saved.FeeShare, err)
	}
	p, err := db.ContractPrice(ctx, &saved.Contract)
	if err != nil || p.Amount != 25_200_000 || p.Departure != 1667 || p.Above || !strings.Contains(p.Working, "按标准的90%计价：252,000.00元") {
		t.Errorf("price at the agreed share: %+v, %v", p, err)
	}
	if fee := feeWarnings(t, db); !slices.Equal(fee, []string{"YX2024-052", "YX2024-053"}) {
		t.Errorf("fee warnings with the lab at 90 %%: %v", fee)
	}
	c.FeeShare = 10_001
	if err := db.UpdateContract(ctx, &c); govbuy.ErrorField(err) != "计价比例" {
		t.Errorf("share above 100 %%: %v", err)
	}
}
