package importer

import (
	"strings"
	"testing"

	"govbuy"
)

// 第八条 on import: a 公益一类事业单位 named as a new contractor is a problem
// at its type cell, naming the article, in a contractor list and in a
// ledger alike; nothing of the row is imported.
func TestPublicClass1ContractorRefusedOnImport(t *testing.T) {
	const article = "公益一类事业单位不得作为政府购买服务的承接主体（《政府购买服务管理办法》第八条）"
	tests := []struct {
		name, file, text string
		as               Kind
		column           string
	}{
		{"contractor list", "c.csv", "单位名称,单位性质\n某某养老服务中心,民办非企业单位\n云溪区疾病预防控制中心,公益一类事业单位\n",
			KindContractors, "单位性质"},
		{"ledger", "l.csv", "合同编号,购买主体,项目名称,承接主体,主体类型,合同金额,开始日期\n" +
			"HT-2,区司法局,社区矫正协助,某社会工作协会,民办非企业单位,30000,2024-01-01\n" +
			"HT-3,区卫健局,疫苗接种,云溪区疾病预防控制中心,事业单位（公益一类）,50000,2024-01-01\n",
			KindContracts, "主体类型"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lookup := &memLookup{contracts: map[string]*govbuy.ContractRow{}, units: units("区司法局", "区卫健局")}
			_, p := readAndPlan(t, writeFile(t, tt.file, []byte(tt.text)), Options{As: tt.as}, lookup)
			if len(p.Problems) != 1 {
				t.Fatalf("problems %+v", p.Problems)
			}
			got := p.Problems[0]
			if got.Row != 3 || got.Column != tt.column || !strings.Contains(got.Message, article) {
				t.Errorf("problem %+v, want row 3, column %s, %s", got, tt.column, article)
			}
			for _, k := range p.Dataset.Contractors {
				if k.Type.Excluded() {
					t.Errorf("planned to import %+v", k)
				}
			}
		})
	}
}
