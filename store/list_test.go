package store_test

import (
	"context"
	"maps"
	"strings"
	"testing"

	"govbuy"
	"govbuy/store"
)

// listFixture is three units, three contractors and six contracts over two
// years, with payments on some.
type listFixture struct {
	db      *store.DB
	units   map[string]*govbuy.Unit
	ks      map[string]*govbuy.Contractor
	byTitle map[string]*govbuy.Contract
}

func newListFixture(t *testing.T) *listFixture {
	db := openDB(t)
	f := &listFixture{db: db, units: map[string]*govbuy.Unit{}, ks: map[string]*govbuy.Contractor{}, byTitle: map[string]*govbuy.Contract{}}
	for _, n := range []string{"区教育局", "区民政局", "区水务局"} {
		f.units[n] = mustUnit(t, db, n)
	}
	f.ks["甲"] = mustContractor(t, db, "甲物业公司", govbuy.TypeEnterprise, creditCode(t, 101))
	f.ks["乙"] = mustContractor(t, db, "乙社工服务中心", govbuy.TypeSocialOrg, creditCode(t, 102))
	f.ks["丙"] = mustContractor(t, db, "丙某", govbuy.TypeIndividual, "")
	add := func(number string, year int, unit, k string, amount govbuy.Money, title string, kind govbuy.Kind) *govbuy.Contract {
		c := newContract(number, year, f.units[unit], f.ks[k], amount)
		c.Title, c.Kind = title, kind
		if kind == govbuy.KindPost {
			c.Headcount = 2
			c.Method = govbuy.MethodOpenHire
		}
		f.byTitle[title] = mustContract(t, db, c)
		return c
	}
	add("2024-003", 2024, "区教育局", "甲", 300_00, "校园保洁", govbuy.KindProject)
	add("2024-001", 2024, "区教育局", "乙", 100_00, "100%_满意 心理辅导", govbuy.KindProject)
	add("2024-002", 2024, "区民政局", "乙", 500_00, "社区工作者", govbuy.KindPost)
	add("2024-004", 2024, "区民政局", "丙", 200_00, "养老顾问", govbuy.KindPost)
	add("2023-001", 2023, "区教育局", "甲", 900_00, "校园保洁2023", govbuy.KindProject)
	add("2023-002", 2023, "区水务局", "甲", 50_00, "河道巡查", govbuy.KindPost)
	mustPay(t, db, f.byTitle["校园保洁"], govbuy.Day(2024, 5, 1), 150_00)
	mustPay(t, db, f.byTitle["校园保洁"], govbuy.Day(2024, 9, 1), 150_00)
	mustPay(t, db, f.byTitle["社区工作者"], govbuy.Day(2024, 5, 1), 10_00)
	return f
}

func numbers(rows []govbuy.ContractRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Number
	}
	return out
}

func equal[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestFindContracts(t *testing.T) {
	f := newListFixture(t)
	ctx := context.Background()
	tests := []struct {
		name   string
		filter govbuy.ContractFilter
		want   []string
		total  int
	}{
		{"all by number", govbuy.ContractFilter{}, []string{"2023-001", "2023-002", "2024-001", "2024-002", "2024-003", "2024-004"}, 6},
		{"year, amount desc", govbuy.ContractFilter{Year: 2024, Sort: "amount", Desc: true}, []string{"2024-002", "2024-003", "2024-004", "2024-001"}, 4},
		{"page 2 of 2", govbuy.ContractFilter{Year: 2024, Sort: "amount", Desc: true, Offset: 2, Limit: 2}, []string{"2024-004", "2024-001"}, 4},
		{"offset past end", govbuy.ContractFilter{Offset: 10, Limit: 5}, []string{}, 6},
		{"unit", govbuy.ContractFilter{UnitID: f.units["区教育局"].ID}, []string{"2023-001", "2024-001", "2024-003"}, 3},
		{"contractor and year", govbuy.ContractFilter{ContractorID: f.ks["甲"].ID, Year: 2023}, []string{"2023-001", "2023-002"}, 2},
		{"kind", govbuy.ContractFilter{Kind: govbuy.KindPost, Sort: "number", Desc: true}, []string{"2024-004", "2024-002", "2023-002"}, 3},
		{"method", govbuy.ContractFilter{Method: govbuy.MethodOpenHire}, []string{"2023-002", "2024-002", "2024-004"}, 3},
		{"search title", govbuy.ContractFilter{Search: "保洁"}, []string{"2023-001", "2024-003"}, 2},
		{"search unit name", govbuy.ContractFilter{Search: "水务"}, []string{"2023-002"}, 1},
		{"search contractor name", govbuy.ContractFilter{Search: "社工", Sort: "paid", Desc: true}, []string{"2024-002", "2024-001"}, 2},
		{"search % literally", govbuy.ContractFilter{Search: "100%_"}, []string{"2024-001"}, 1},
		{"search _ literally", govbuy.ContractFilter{Search: "4_0"}, []string{}, 0},
		{"sort by paid", govbuy.ContractFilter{Year: 2024, Sort: "paid", Desc: true, Limit: 2}, []string{"2024-003", "2024-002"}, 4},
		{"sort by unit, ties by id", govbuy.ContractFilter{Year: 2024, Sort: "unit"}, []string{"2024-003", "2024-001", "2024-002", "2024-004"}, 4},
		// 丙 (bǐng) 甲 (jiǎ) 乙 (yǐ) by pinyin; by code point 乙 would come before 甲.
		{"sort by contractor in pinyin", govbuy.ContractFilter{Year: 2024, Sort: "contractor"}, []string{"2024-004", "2024-003", "2024-001", "2024-002"}, 4},
		{"pinyin order pages", govbuy.ContractFilter{Year: 2024, Sort: "contractor", Offset: 1, Limit: 2}, []string{"2024-003", "2024-001"}, 4},
		{"unknown sort is number", govbuy.ContractFilter{Year: 2023, Sort: "amount; DROP TABLE contracts"}, []string{"2023-001", "2023-002"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, total, err := f.db.FindContracts(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if got := numbers(rows); !equal(got, tt.want) || total != tt.total {
				t.Errorf("got %v (total %d), want %v (total %d)", got, total, tt.want, tt.total)
			}
		})
	}

	rows, _, _ := f.db.FindContracts(ctx, govbuy.ContractFilter{Search: "校园保洁", Year: 2024})
	r := rows[0]
	if r.Paid != 300_00 || r.UnitName != "区教育局" || r.ContractorName != "甲物业公司" || r.ContractorType != govbuy.TypeEnterprise {
		t.Errorf("row figures %+v", r)
	}
}

func TestFindUnitsAndContractors(t *testing.T) {
	f := newListFixture(t)
	ctx := context.Background()

	units, total, err := f.db.FindUnits(ctx, govbuy.UnitFilter{Sort: "amount", Desc: true})
	if err != nil || total != 3 {
		t.Fatal(units, total, err)
	}
	want := []govbuy.UnitRow{
		{Unit: *f.units["区教育局"], Contracts: 3, Amount: 1300_00},
		{Unit: *f.units["区民政局"], Contracts: 2, Amount: 700_00},
		{Unit: *f.units["区水务局"], Contracts: 1, Amount: 50_00},
	}
	if !equal(units, want) {
		t.Errorf("units %+v", units)
	}

	// A year narrows to units with a contract that year, with that year's figures.
	units, total, _ = f.db.FindUnits(ctx, govbuy.UnitFilter{Year: 2023, Sort: "name"})
	if total != 2 || units[0].Name != "区教育局" || units[0].Contracts != 1 || units[0].Amount != 900_00 || units[1].Name != "区水务局" {
		t.Errorf("2023 units %+v total %d", units, total)
	}
	units, total, _ = f.db.FindUnits(ctx, govbuy.UnitFilter{Search: "民政", Limit: 1})
	if total != 1 || len(units) != 1 || units[0].Name != "区民政局" {
		t.Errorf("search units %+v", units)
	}

	ks, total, err := f.db.FindContractors(ctx, govbuy.ContractorFilter{Year: 2024, Sort: "contracts", Desc: true})
	if err != nil || total != 3 {
		t.Fatal(ks, total, err)
	}
	if ks[0].Name != "乙社工服务中心" || ks[0].Contracts != 2 || ks[0].Amount != 600_00 {
		t.Errorf("contractors %+v", ks)
	}
	ks, total, _ = f.db.FindContractors(ctx, govbuy.ContractorFilter{Type: govbuy.TypeIndividual})
	if total != 1 || ks[0].Name != "丙某" {
		t.Errorf("individuals %+v", ks)
	}
	ks, total, _ = f.db.FindContractors(ctx, govbuy.ContractorFilter{Search: creditCode(t, 101)[:12], Offset: 0, Limit: 10})
	if total != 2 {
		t.Errorf("search by code prefix: %d", total)
	}
}

func TestFindContractorsCarriesQualifications(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	k := &govbuy.Contractor{Name: "某公路公司", Type: govbuy.TypeEnterprise, Qualifications: []govbuy.Qualification{
		{Kind: "公路养护资质", Level: "乙级"}, {Kind: "安全生产许可证"},
	}}
	if err := db.CreateContractor(ctx, k); err != nil {
		t.Fatal(err)
	}
	mustContractor(t, db, "无资质者", govbuy.TypeIndividual, "")
	ks, _, err := db.FindContractors(ctx, govbuy.ContractorFilter{Sort: "name"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range ks {
		if r.ID == k.ID && (len(r.Qualifications) != 2 || r.Qualifications[0].Level != "乙级") {
			t.Errorf("qualifications %+v", r.Qualifications)
		}
		if r.ID != k.ID && len(r.Qualifications) != 0 {
			t.Errorf("stray qualifications %+v", r)
		}
	}
}

// Names sort by pinyin in SQL, so a page of the list is a slice of the
// whole order: 财政局 (cái) 教育局 (jiào) 民政局 (mín) 司法局 (sī) 卫健委
// (wèi) 招商局 (zhāo), where code points would put 司 first and 财 fourth.
func TestNamesSortInPinyinAcrossPages(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	want := []string{"区财政局", "区教育局", "区民政局", "区司法局", "区卫健委", "区招商局"}
	for _, n := range []string{"区司法局", "区招商局", "区卫健委", "区财政局", "区民政局", "区教育局"} {
		mustUnit(t, db, n)
		mustContractor(t, db, n+"服务中心", govbuy.TypeSocialOrg, "")
	}
	var units, ks []string
	for off := 0; off < len(want); off += 4 {
		page, _, err := db.FindUnits(ctx, govbuy.UnitFilter{Sort: "name", Offset: off, Limit: 4})
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range page {
			units = append(units, u.Name)
		}
		kpage, _, err := db.FindContractors(ctx, govbuy.ContractorFilter{Sort: "name", Offset: off, Limit: 4})
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range kpage {
			ks = append(ks, strings.TrimSuffix(k.Name, "服务中心"))
		}
	}
	if !equal(units, want) || !equal(ks, want) {
		t.Errorf("units %v, contractors %v, want %v", units, ks, want)
	}
	desc, _, _ := db.FindUnits(ctx, govbuy.UnitFilter{Sort: "name", Desc: true, Limit: 1})
	if len(desc) != 1 || desc[0].Name != "区招商局" {
		t.Errorf("descending starts with %+v", desc)
	}
}

// The 合计 of a list covers every row its filter matches, however few are
// on the page.
func TestListTotalsCoverTheFilterNotThePage(t *testing.T) {
	f := newListFixture(t)
	ctx := context.Background()
	contracts := []struct {
		name   string
		filter govbuy.ContractFilter
		want   govbuy.ListTotals
	}{
		{"all", govbuy.ContractFilter{Limit: 1}, govbuy.ListTotals{"amount": 2050_00, "paid": 310_00}},
		{"year", govbuy.ContractFilter{Year: 2024, Limit: 1}, govbuy.ListTotals{"amount": 1100_00, "paid": 310_00}},
		{"contractor", govbuy.ContractFilter{ContractorID: f.ks["乙"].ID}, govbuy.ListTotals{"amount": 600_00, "paid": 10_00}},
		{"search", govbuy.ContractFilter{Search: "保洁"}, govbuy.ListTotals{"amount": 1200_00, "paid": 300_00}},
		{"none", govbuy.ContractFilter{Search: "无此合同"}, govbuy.ListTotals{"amount": 0, "paid": 0}},
	}
	for _, tt := range contracts {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.db.SumContracts(ctx, tt.filter)
			if err != nil || !maps.Equal(got, tt.want) {
				t.Errorf("got %v (%v), want %v", got, err, tt.want)
			}
		})
	}
	units, err := f.db.SumUnits(ctx, govbuy.UnitFilter{Year: 2023, Limit: 1})
	if err != nil || units["amount"] != 950_00 {
		t.Errorf("2023 units total %v (%v), want 950.00", units, err)
	}
	ks, err := f.db.SumContractors(ctx, govbuy.ContractorFilter{Type: govbuy.TypeIndividual})
	if err != nil || ks["amount"] != 200_00 {
		t.Errorf("individuals total %v (%v), want 200.00", ks, err)
	}
}
