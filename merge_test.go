package govbuy_test

import (
	"reflect"
	"testing"

	"govbuy"
)

func TestUnitMergeFrom(t *testing.T) {
	stored := govbuy.Unit{ID: 7, Name: "区民政局", Code: "11110000000000001X", Kind: govbuy.UnitAdministrative,
		Contact: "张三", Phone: "0571-1", Notes: "原备注"}
	tests := []struct {
		name   string
		update govbuy.Unit
		want   govbuy.Unit
	}{
		{"a blank row keeps everything", govbuy.Unit{Name: "区民政局"}, stored},
		{
			"the fields given replace the stored ones",
			govbuy.Unit{Name: "区民政局", Kind: govbuy.UnitPublic, Contact: "李四", Notes: "新备注"},
			govbuy.Unit{ID: 7, Name: "区民政局", Code: "11110000000000001X", Kind: govbuy.UnitPublic,
				Contact: "李四", Phone: "0571-1", Notes: "新备注"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := stored
			got.MergeFrom(tt.update)
			if got != tt.want {
				t.Errorf("merged\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestContractorMergeFrom(t *testing.T) {
	expiry, later := govbuy.Day(2025, 12, 31), govbuy.Day(2027, 6, 30)
	stored := govbuy.Contractor{ID: 3, Name: "路桥养护公司", Type: govbuy.TypeEnterprise, CreditCode: "91110000600037341L",
		LegalRep: "王五", Phone: "0571-2", Bank: "云溪农商行", Account: "6228", Notes: "原备注",
		Qualifications: []govbuy.Qualification{
			{Kind: "公路养护", Level: "乙级", Number: "GY-1", Expiry: expiry},
			{Kind: "安全生产许可证", Number: "AQ-9"},
		}}
	tests := []struct {
		name   string
		update govbuy.Contractor
		want   govbuy.Contractor
	}{
		{
			"a sheet naming a qualification's kind alone keeps its level and expiry",
			govbuy.Contractor{Name: "路桥养护公司", Type: govbuy.TypeEnterprise,
				Qualifications: []govbuy.Qualification{{Kind: "公路养护"}, {Kind: "园林绿化", Level: "三级"}}},
			govbuy.Contractor{ID: 3, Name: "路桥养护公司", Type: govbuy.TypeEnterprise, CreditCode: "91110000600037341L",
				LegalRep: "王五", Phone: "0571-2", Bank: "云溪农商行", Account: "6228", Notes: "原备注",
				Qualifications: []govbuy.Qualification{
					{Kind: "公路养护", Level: "乙级", Number: "GY-1", Expiry: expiry},
					{Kind: "安全生产许可证", Number: "AQ-9"},
					{Kind: "园林绿化", Level: "三级"},
				}},
		},
		{
			"a renamed contractor with a new type, bank and renewed qualification",
			govbuy.Contractor{Name: "路桥养护集团", Type: govbuy.TypeSocialOrg, Bank: "云溪农商行营业部", Account: "6229",
				Qualifications: []govbuy.Qualification{{Kind: "公路养护", Level: "甲级", Expiry: later}}},
			govbuy.Contractor{ID: 3, Name: "路桥养护集团", Type: govbuy.TypeSocialOrg, CreditCode: "91110000600037341L",
				LegalRep: "王五", Phone: "0571-2", Bank: "云溪农商行营业部", Account: "6229", Notes: "原备注",
				Qualifications: []govbuy.Qualification{
					{Kind: "公路养护", Level: "甲级", Number: "GY-1", Expiry: later},
					{Kind: "安全生产许可证", Number: "AQ-9"},
				}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := stored
			got.MergeFrom(tt.update)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("merged\n%+v\nwant\n%+v", got, tt.want)
			}
			// The stored record's qualifications are its own, not the merge's.
			if stored.Qualifications[0].Level != "乙级" || len(stored.Qualifications) != 2 {
				t.Errorf("merging changed the stored qualifications: %+v", stored.Qualifications)
			}
		})
	}
}

func TestContractMergeFrom(t *testing.T) {
	start, end := govbuy.Day(2024, 1, 1), govbuy.Day(2024, 12, 31)
	stored := govbuy.Contract{ID: 9, Number: "YX-1", Year: 2024, UnitID: 1, ContractorID: 2, CatalogID: 30,
		Kind: govbuy.KindPost, Title: "社区工作者", Headcount: 3, Method: govbuy.MethodOpenHire, Amount: 36_000_000,
		Start: start, End: end, Funding: govbuy.FundBudget, FeeBasis: "按月薪标准核定",
		FeeStandardID: 4, FeeQuantity: 12, FeeBase: 100, FeeShare: 7500, Status: govbuy.StatusActive,
		Notes: "原备注", RequirementReason: "原理由"}
	// A ledger row: number, title, kind, amount, unit and contractor; the
	// rest blank.
	ledger := govbuy.Contract{ID: 9, Number: "YX-1", Year: 2024, UnitID: 1, ContractorID: 5, Kind: govbuy.KindPost,
		Title: "社区专职工作者", Amount: 40_000_000}
	tests := []struct {
		name   string
		update func(c *govbuy.Contract)
		want   func(c *govbuy.Contract)
	}{
		{
			"blank cells keep what is stored; the reason is the update's",
			func(c *govbuy.Contract) {},
			func(c *govbuy.Contract) {
				c.ContractorID, c.Title, c.Amount, c.RequirementReason = 5, "社区专职工作者", 40_000_000, ""
			},
		},
		{
			"the fields given replace the stored ones",
			func(c *govbuy.Contract) {
				c.Method, c.Headcount, c.Notes, c.Start = govbuy.MethodPostOutsource, 4, "新备注", govbuy.Day(2024, 3, 1)
			},
			func(c *govbuy.Contract) {
				c.ContractorID, c.Title, c.Amount, c.RequirementReason = 5, "社区专职工作者", 40_000_000, ""
				c.Method, c.Headcount, c.Notes, c.Start = govbuy.MethodPostOutsource, 4, "新备注", govbuy.Day(2024, 3, 1)
			},
		},
		{
			"a fee standard given replaces the stored pricing whole",
			func(c *govbuy.Contract) { c.FeeStandardID, c.FeeQuantity = 6, 2 },
			func(c *govbuy.Contract) {
				c.ContractorID, c.Title, c.Amount, c.RequirementReason = 5, "社区专职工作者", 40_000_000, ""
				c.FeeStandardID, c.FeeQuantity, c.FeeBase, c.FeeShare = 6, 2, 0, 0
			},
		},
		{
			"a post become a project does not keep the post's headcount",
			func(c *govbuy.Contract) { c.Kind = govbuy.KindProject },
			func(c *govbuy.Contract) {
				c.ContractorID, c.Title, c.Amount, c.RequirementReason = 5, "社区专职工作者", 40_000_000, ""
				c.Kind, c.Headcount = govbuy.KindProject, 0
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			update, want := ledger, stored
			tt.update(&update)
			tt.want(&want)
			got := stored
			got.MergeFrom(update)
			if got != want {
				t.Errorf("merged\n%+v\nwant\n%+v", got, want)
			}
		})
	}
}
