package app

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"govbuy"
	"govbuy/store"
)

func standardsUI(t *testing.T) (*UI, *store.DB, *standardsScreen) {
	t.Helper()
	u, db := newTestUI(t, nil)
	return u, db, showScreen[*standardsScreen](t, u)
}

// typeFee fills a new standard's editor: the kind first, which lays out
// its figures, then the common fields and bands given as up-to/rate pairs.
func typeFee(f *feeForm, kind govbuy.FeeKind, figures map[string]string, bands [][2]string) {
	f.kind.SetSelected(string(kind))
	set := map[string]func(string){
		"name": f.name.SetText, "pay": f.pay.SetText, "insurance": f.insurance.SetText, "mgmt": f.mgmt.SetText,
		"price": f.price.SetText, "unit": f.unit.SetText, "share": f.share.SetText, "source": f.source.SetText,
		"date": f.date.entry.SetText,
	}
	for name, text := range figures {
		set[name](text)
	}
	for i, b := range bands {
		if i >= len(f.bands.rows) {
			f.bands.add("", "")
		}
		f.bands.rows[i].a.SetText(b[0])
		f.bands.rows[i].b.SetText(b[1])
	}
}

func TestFeeStandardEditorSavesAndReadsBack(t *testing.T) {
	wan := func(n int64) govbuy.Money { return govbuy.Yuan(n * 10_000) }
	tests := []struct {
		name    string
		kind    govbuy.FeeKind
		figures map[string]string
		bands   [][2]string
		want    govbuy.FeeStandard
		summary string
	}{
		{
			name: "post pay", kind: govbuy.FeePostPay,
			figures: map[string]string{"name": "网格员薪酬标准", "pay": "4,200", "insurance": "16", "mgmt": "3.5",
				"source": "区人社局文件", "date": "2024-01-15"},
			want: govbuy.FeeStandard{Name: "网格员薪酬标准", Kind: govbuy.FeePostPay, MonthlyPay: govbuy.Yuan(4200),
				SocialInsurance: 1600, ManagementFee: 350, Source: "区人社局文件", Date: govbuy.Day(2024, 1, 15)},
			summary: "月薪4,200.00元，社会保险16%，管理费3.5%",
		},
		{
			name: "unit price at 75 %", kind: govbuy.FeeUnitPrice,
			figures: map[string]string{"name": "检验检测收费标准", "price": "140", "unit": "份", "share": "75%"},
			want:    govbuy.FeeStandard{Name: "检验检测收费标准", Kind: govbuy.FeeUnitPrice, Price: govbuy.Yuan(140), Unit: "份", Share: 7500},
			summary: "单价140.00元/份，按标准的75%计价",
		},
		{
			name: "progressive table", kind: govbuy.FeeProgressive,
			figures: map[string]string{"name": "造价咨询收费标准", "share": "９０"},
			bands:   [][2]string{{"500", "0.6"}, {"1,000", "0.5"}, {"", "0.45"}},
			want: govbuy.FeeStandard{Name: "造价咨询收费标准", Kind: govbuy.FeeProgressive, Share: 9000,
				Bands: []govbuy.FeeBand{{UpTo: wan(500), Rate: 60}, {UpTo: wan(1000), Rate: 50}, {Rate: 45}}},
			summary: "500万元以下0.6%，1,000万元以下0.5%，以上部分0.45%，按标准的90%计价",
		},
		{
			name: "flat", kind: govbuy.FeeFlat,
			figures: map[string]string{"name": "年度审计定额", "price": "12.5万"},
			want:    govbuy.FeeStandard{Name: "年度审计定额", Kind: govbuy.FeeFlat, Price: wan(12) + govbuy.Yuan(5000)},
			summary: "定额125,000.00元",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, _, s := standardsUI(t)
			f := s.showFeeForm(govbuy.FeeStandard{Kind: govbuy.FeeUnitPrice})
			typeFee(f, tt.kind, tt.figures, tt.bands)
			test.Tap(f.save)
			waitIdle(t, u)
			list, err := s.svc.FindFeeStandards(context.Background())
			if err != nil || len(list) != 1 {
				t.Fatalf("stored %+v, %v; form says %q", list, err, texts(f.form.content()))
			}
			got := list[0]
			tt.want.ID, tt.want.Version = got.ID, 1
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("stored %+v\nwant   %+v", got, tt.want)
			}
			if s.fees.count.Text != "共 1 条" || feeSummary(got) != tt.summary {
				t.Errorf("list %q, summary %q, want %q", s.fees.count.Text, feeSummary(got), tt.summary)
			}

			again := s.showFeeForm(got) // read back into the editor, as 修改 does
			read, found := again.standard()
			if len(found) > 0 || !reflect.DeepEqual(*read, got) {
				t.Errorf("the editor reads back %+v (%v)\nwant %+v", *read, found, got)
			}
		})
	}
}

func TestFeeStandardEditorRefusesBadInput(t *testing.T) {
	tests := []struct {
		name    string
		kind    govbuy.FeeKind
		figures map[string]string
		bands   [][2]string
		field   govbuy.Field
		want    string
	}{
		{name: "gap: an open band in the middle", kind: govbuy.FeeProgressive,
			bands: [][2]string{{"500", "0.6"}, {"", "0.5"}, {"1,000", "0.4"}}, field: "累进档次", want: "只有最后一档可以不设上限"},
		{name: "overlapping bands", kind: govbuy.FeeProgressive,
			bands: [][2]string{{"1,000", "0.6"}, {"500", "0.5"}}, field: "累进档次", want: "档次重叠"},
		{name: "unreadable rate", kind: govbuy.FeeProgressive,
			bands: [][2]string{{"500", "0.125"}, {"", "0.1"}}, field: "累进档次", want: "第1档"},
		{name: "share over 100 %", kind: govbuy.FeeUnitPrice,
			figures: map[string]string{"price": "140", "unit": "份", "share": "120"}, field: "计价比例", want: "应在0%–100%之间"},
		{name: "post pay without pay", kind: govbuy.FeePostPay,
			figures: map[string]string{"insurance": "16"}, field: "月薪标准", want: "应大于0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, db, s := standardsUI(t)
			f := s.showFeeForm(govbuy.FeeStandard{})
			figures := map[string]string{"name": "有问题的标准"}
			for k, v := range tt.figures {
				figures[k] = v
			}
			typeFee(f, tt.kind, figures, tt.bands)
			test.Tap(f.save)
			waitIdle(t, u)
			msg := f.form.fields[tt.field].msg
			if !msg.Visible() || !strings.Contains(msg.Text, tt.want) {
				t.Errorf("%s: message %q (visible %v), want %q", tt.field, msg.Text, msg.Visible(), tt.want)
			}
			if n := mustCount(t, db, "SELECT COUNT(*) FROM fee_standards"); n != 0 {
				t.Errorf("saved %d fee standards", n)
			}
		})
	}
}

func TestAllowedDepartureSetting(t *testing.T) {
	u, _, s := standardsUI(t)
	if s.departure.Text != "10" {
		t.Errorf("departure shows %q, want the default 10", s.departure.Text)
	}
	onUI(u, func() {
		s.departure.SetText("150")
		s.saveDeparture()
	})
	waitIdle(t, u)
	if msg := s.departureForm.fields["允许偏离比例"].msg; !strings.Contains(msg.Text, "0%–100%") {
		t.Errorf("message %q", msg.Text)
	}
	onUI(u, func() {
		s.departure.SetText("15")
		s.saveDeparture()
	})
	waitIdle(t, u)
	if r, _ := s.svc.MaxFeeDeparture(context.Background()); r != 1500 {
		t.Errorf("departure stored %v", r)
	}
}

func TestRequirementEditor(t *testing.T) {
	u, db, s := standardsUI(t)
	f := s.showRequirementForm(govbuy.Requirement{})
	waitIdle(t, u) // the catalogue
	test.Tap(f.save)
	waitIdle(t, u)
	if m := f.form.fields["服务类别"].msg.Text; m != "请选择服务类别" {
		t.Errorf("no catalog item: message %q", m)
	}
	f.catalog.SetSelected("B03 农村公路养护服务")
	f.kind.SetSelected("项目")
	f.types.SetSelected([]string{string(govbuy.TypeEnterprise), string(govbuy.TypeSocialOrg)})
	f.level.SetSelected("乙级")
	test.Tap(f.save)
	waitIdle(t, u)
	if m := f.form.fields["资质等级"].msg.Text; !strings.Contains(m, "须同时指定资质") {
		t.Errorf("a level without a qualification: message %q", m)
	}
	if n := mustCount(t, db, "SELECT COUNT(*) FROM requirements"); n != 0 {
		t.Fatalf("saved %d requirements", n)
	}

	f.qual.SetSelected("公路养护工程施工资质")
	test.Tap(f.save)
	waitIdle(t, u)
	list, _ := s.svc.FindRequirements(context.Background())
	want := govbuy.Requirement{CatalogCode: "B03", Kind: govbuy.KindProject, QualKind: "公路养护工程施工资质", MinLevel: "乙级",
		Types: []govbuy.ContractorType{govbuy.TypeEnterprise, govbuy.TypeSocialOrg}}
	if len(list) != 1 || !reflect.DeepEqual(list[0], want) {
		t.Fatalf("stored %+v; form says %q", list, texts(f.form.content()))
	}
	if r, ok := s.reqs.pager.row(0); !ok || r.name != "农村公路养护服务" || typesText(r.Types) != "企业、社会组织" {
		t.Errorf("list row %+v", r)
	}

	e := s.showRequirementForm(list[0])
	waitIdle(t, u)
	if !e.catalog.Disabled() || e.catalog.Selected != "B03 农村公路养护服务" || e.level.Selected != "乙级" {
		t.Errorf("editor shows item %q (disabled %v), level %q", e.catalog.Selected, e.catalog.Disabled(), e.level.Selected)
	}
	e.kind.SetSelected("岗位和项目")
	e.types.SetSelected(nil)
	e.licence.SetSelected("医疗机构执业许可证")
	test.Tap(e.save)
	waitIdle(t, u)
	list, _ = s.svc.FindRequirements(context.Background())
	want = govbuy.Requirement{CatalogCode: "B03", QualKind: "公路养护工程施工资质", MinLevel: "乙级", Licence: "医疗机构执业许可证"}
	if len(list) != 1 || !reflect.DeepEqual(list[0], want) {
		t.Errorf("after the change %+v", list)
	}
}
