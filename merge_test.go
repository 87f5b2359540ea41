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
		given  govbuy.FieldSet
		want   govbuy.Unit
	}{
		{"a row giving nothing keeps everything", govbuy.Unit{Name: "区民政局"}, govbuy.FieldSet{}, stored},
		{
			"the fields given replace the stored ones",
			govbuy.Unit{Name: "区民政局", Kind: govbuy.UnitPublic, Contact: "李四", Notes: "新备注"},
			govbuy.NewFieldSet(govbuy.FieldUnitKind, govbuy.FieldContact, govbuy.FieldNotes),
			govbuy.Unit{ID: 7, Name: "区民政局", Code: "11110000000000001X", Kind: govbuy.UnitPublic,
				Contact: "李四", Phone: "0571-1", Notes: "新备注"},
		},
		{
			"a field given blank is cleared",
			govbuy.Unit{Name: "区民政局"}, govbuy.NewFieldSet(govbuy.FieldNotes),
			govbuy.Unit{ID: 7, Name: "区民政局", Code: "11110000000000001X", Kind: govbuy.UnitAdministrative,
				Contact: "张三", Phone: "0571-1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := stored
			got.MergeFrom(tt.update, tt.given)
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
		given  govbuy.FieldSet
		want   govbuy.Contractor
	}{
		{
			"a sheet naming a qualification's kind alone keeps its level and expiry",
			govbuy.Contractor{Name: "路桥养护公司", Type: govbuy.TypeEnterprise,
				Qualifications: []govbuy.Qualification{{Kind: "公路养护"}, {Kind: "园林绿化", Level: "三级"}}},
			govbuy.NewFieldSet(govbuy.FieldName, govbuy.FieldQualification),
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
			govbuy.NewFieldSet(govbuy.FieldName, govbuy.FieldContractorType, govbuy.FieldBank, govbuy.FieldAccount, govbuy.FieldQualification),
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
			got.MergeFrom(tt.update, tt.given)
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
	// A ledger row gives number, year, unit, contractor, kind, title and
	// amount; the importer fills the rest of its record with what a new
	// contract would get, which an update must not take.
	ledger := govbuy.Contract{ID: 9, Number: "YX-1", Year: 2024, UnitID: 1, ContractorID: 5, Kind: govbuy.KindPost,
		Title: "社区专职工作者", Amount: 40_000_000, Method: govbuy.MethodOther, Funding: govbuy.FundBudget, Status: govbuy.StatusActive}
	ledgerGives := []govbuy.Field{govbuy.FieldYear, govbuy.FieldUnit, govbuy.FieldContractor, govbuy.FieldKind, govbuy.FieldTitle, govbuy.FieldAmount}
	corrected := func(c *govbuy.Contract) {
		c.ContractorID, c.Title, c.Amount, c.RequirementReason = 5, "社区专职工作者", 40_000_000, ""
	}
	tests := []struct {
		name   string
		update func(c *govbuy.Contract)
		gives  []govbuy.Field
		want   func(c *govbuy.Contract)
	}{
		{"what the row does not give is kept; the reason is the update's", func(c *govbuy.Contract) {}, nil, corrected},
		{
			"the fields given replace the stored ones",
			func(c *govbuy.Contract) {
				c.Method, c.Headcount, c.Notes, c.Start = govbuy.MethodPostOutsource, 4, "新备注", govbuy.Day(2024, 3, 1)
			},
			[]govbuy.Field{govbuy.FieldMethod, govbuy.FieldHeadcount, govbuy.FieldNotes, govbuy.FieldStart},
			func(c *govbuy.Contract) {
				corrected(c)
				c.Method, c.Headcount, c.Notes, c.Start = govbuy.MethodPostOutsource, 4, "新备注", govbuy.Day(2024, 3, 1)
			},
		},
		{
			"a value given is taken even when it is a zero",
			func(c *govbuy.Contract) { c.Headcount, c.Notes = 0, "" },
			[]govbuy.Field{govbuy.FieldHeadcount, govbuy.FieldNotes},
			func(c *govbuy.Contract) {
				corrected(c)
				c.Headcount, c.Notes = 0, ""
			},
		},
		{
			"a fee standard given replaces the stored pricing whole",
			func(c *govbuy.Contract) { c.FeeStandardID, c.FeeQuantity = 6, 2 },
			[]govbuy.Field{govbuy.FieldFeeStandard},
			func(c *govbuy.Contract) {
				corrected(c)
				c.FeeStandardID, c.FeeQuantity, c.FeeBase, c.FeeShare = 6, 2, 0, 0
			},
		},
		{
			"a post become a project does not keep the post's headcount",
			func(c *govbuy.Contract) { c.Kind = govbuy.KindProject },
			nil,
			func(c *govbuy.Contract) {
				corrected(c)
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
			got.MergeFrom(update, govbuy.NewFieldSet(append(tt.gives, ledgerGives...)...))
			if got != want {
				t.Errorf("merged\n%+v\nwant\n%+v", got, want)
			}
		})
	}
}

// A row that gives every field replaces the record whole, and one that
// gives none changes only what is the update's own: which record (ID,
// number) and the reason for going ahead.
func TestMergeFromEveryFieldOrNone(t *testing.T) {
	stored := govbuy.Contract{ID: 9, Number: "YX-1", Year: 2024, UnitID: 1, ContractorID: 2, CatalogID: 30,
		Kind: govbuy.KindPost, Title: "社区工作者", Headcount: 3, Method: govbuy.MethodOpenHire, Amount: 36_000_000,
		Start: govbuy.Day(2024, 1, 1), End: govbuy.Day(2024, 12, 31), Funding: govbuy.FundBudget, FeeBasis: "按月薪标准核定",
		FeeStandardID: 4, FeeQuantity: 12, FeeBase: 100, FeeShare: 7500, Status: govbuy.StatusActive, Notes: "原备注"}
	update := govbuy.Contract{ID: 9, Number: "YX-1", Year: 2025, UnitID: 3, ContractorID: 4, CatalogID: 31,
		Kind: govbuy.KindProject, Title: "社区服务项目", Method: govbuy.MethodOpenTender, Amount: 50_000_000,
		Start: govbuy.Day(2025, 1, 1), End: govbuy.Day(2025, 6, 30), Funding: govbuy.FundTransfer, FeeBasis: "按项目预算",
		FeeStandardID: 5, FeeQuantity: 6, FeeBase: 200, FeeShare: 8000, Status: govbuy.StatusCompleted, Notes: "新备注",
		RequirementReason: "唯一具备资质的机构"}
	every := govbuy.NewFieldSet(govbuy.FieldYear, govbuy.FieldUnit, govbuy.FieldContractor, govbuy.FieldCatalog,
		govbuy.FieldKind, govbuy.FieldTitle, govbuy.FieldHeadcount, govbuy.FieldMethod, govbuy.FieldAmount,
		govbuy.FieldStart, govbuy.FieldEnd, govbuy.FieldFunding, govbuy.FieldFeeBasis, govbuy.FieldFeeStandard,
		govbuy.FieldStatus, govbuy.FieldNotes)
	got := stored
	got.MergeFrom(update, every)
	if got != update {
		t.Errorf("every field given:\n got %+v\nwant %+v", got, update)
	}
	got = stored
	got.MergeFrom(update, govbuy.FieldSet{})
	want := stored
	want.RequirementReason = update.RequirementReason
	if got != want {
		t.Errorf("no field given:\n got %+v\nwant %+v", got, want)
	}
}

func TestFieldSet(t *testing.T) {
	s := govbuy.NewFieldSet(govbuy.FieldTitle, govbuy.FieldNotes)
	s.Add(govbuy.FieldQualification)
	for _, f := range []govbuy.Field{govbuy.FieldTitle, govbuy.FieldNotes, govbuy.FieldQualification} {
		if !s.Has(f) {
			t.Errorf("%s missing from %v", f, s)
		}
	}
	if s.Has(govbuy.FieldAmount) || s.Empty() || !(govbuy.FieldSet{}).Empty() {
		t.Errorf("set %v: has 合同金额 %v, empty %v", s, s.Has(govbuy.FieldAmount), s.Empty())
	}
	defer func() {
		if recover() == nil {
			t.Error("a field no update gives (得分) went into a set")
		}
	}()
	s.Add(govbuy.FieldScore)
}
