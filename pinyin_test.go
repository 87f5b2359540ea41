package govbuy

import (
	"slices"
	"testing"
)

func TestComparePinyinOrdersNamesByPinyin(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"first characters", []string{"中心小学", "北关街道办事处", "阿城区财政局"},
			[]string{"阿城区财政局", "北关街道办事处", "中心小学"}},
		// By code point 张 (5F20) comes before 李 (674E) and 王 (738B).
		{"surnames, not code points", []string{"张三", "王五", "李四"}, []string{"李四", "王五", "张三"}},
		{"shared first character", []string{"区卫健委", "区城管局", "区财政局"}, []string{"区财政局", "区城管局", "区卫健委"}},
		{"Latin and digits before Han", []string{"绿化公司", "3号站", "ABC物业"}, []string{"3号站", "ABC物业", "绿化公司"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slices.Clone(tt.in)
			slices.SortFunc(got, ComparePinyin)
			if !slices.Equal(got, tt.want) {
				t.Errorf("sorted %v, want %v", got, tt.want)
			}
		})
	}
}

func TestComparePinyinIsTotal(t *testing.T) {
	// Full- and half-width forms may collate equal; they must still differ.
	if ComparePinyin("ＡＢＣ公司", "ABC公司") == 0 {
		t.Error("different names compare equal")
	}
	if ComparePinyin("财政局", "财政局") != 0 {
		t.Error("a name differs from itself")
	}
}
