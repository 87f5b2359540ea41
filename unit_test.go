package govbuy_test

import (
	"testing"

	"govbuy"
)

// A 事业单位 carries its class; 公益一类 is accepted but flagged (第八条),
// and a class on a unit that is no 事业单位 is refused.
func TestUnitClass(t *testing.T) {
	tests := []struct {
		name     string
		kind     govbuy.UnitKind
		class    govbuy.PublicClass
		problem  string
		excluded bool
		label    string
	}{
		{"administrative", govbuy.UnitAdministrative, "", "", false, "行政单位"},
		{"public, class unknown", govbuy.UnitPublic, "", "", false, "事业单位"},
		{"public class 2", govbuy.UnitPublic, govbuy.ClassPublic2, "", false, "事业单位（公益二类）"},
		{"commercial", govbuy.UnitPublic, govbuy.ClassCommercial, "", false, "事业单位（经营类）"},
		{"public class 1", govbuy.UnitPublic, govbuy.ClassPublic1, "", true, "事业单位（公益一类）"},
		{"class on an office", govbuy.UnitAdministrative, govbuy.ClassPublic2, "事业单位类别：只有事业单位有类别，行政单位无需填写", false, "行政单位"},
		{"unknown class", govbuy.UnitPublic, "公益三类", "事业单位类别：无法识别的类别“公益三类”（公益一类、公益二类或经营类）", false, "事业单位（公益三类）"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := govbuy.Unit{Name: "云溪区疾病预防控制中心", Kind: tt.kind, Class: tt.class}
			if got := govbuy.ErrorMessage(u.Validate()); got != tt.problem {
				t.Errorf("Validate() = %q, want %q", got, tt.problem)
			}
			if u.Excluded() != tt.excluded {
				t.Errorf("Excluded() = %v, want %v", u.Excluded(), tt.excluded)
			}
			if got := u.KindLabel(); got != tt.label {
				t.Errorf("KindLabel() = %q, want %q", got, tt.label)
			}
			want := ""
			if tt.excluded {
				want = "事业单位类别：公益一类事业单位不作为政府购买服务的购买主体（《政府购买服务管理办法》第八条），其合同将列入合规提示"
			}
			if got := govbuy.ErrorMessage(u.ClassProblem()); got != want {
				t.Errorf("ClassProblem() = %q, want %q", got, want)
			}
		})
	}
}
