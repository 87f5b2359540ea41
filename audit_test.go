package govbuy

import (
	"encoding"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestAuditChangesReadFieldByField(t *testing.T) {
	tests := []struct {
		name          string
		entry         AuditEntry
		want          []string
		action, where string
	}{
		{"contract amount raised",
			AuditEntry{Action: "update", Entity: "contract", EntityID: 7, Label: "YX2024-076",
				Before: `{"id":7,"number":"YX2024-076","unit_id":3,"amount_fen":92000000,"start":"2024-01-01T00:00:00Z","unit":"云溪区民政局"}`,
				After:  `{"id":7,"number":"YX2024-076","unit_id":3,"amount_fen":93000000,"start":"2024-03-01T00:00:00Z","unit":"云溪区民政局"}`},
			[]string{"合同金额：920,000.00 → 930,000.00", "开始日期：2024-01-01 → 2024-03-01"},
			"修改", "合同 YX2024-076"},
		{"contractor created lists what was set, not ids or blanks",
			AuditEntry{Action: "create", Entity: "contractor", EntityID: 12, Label: "云溪区绿源环保科技有限公司",
				After: `{"id":12,"name":"云溪区绿源环保科技有限公司","type":"企业","credit_code":"91110000600037341L","phone":"",` +
					`"qualifications":[{"kind":"环卫","level":"乙级","expiry":"2026-12-31T00:00:00Z"}]}`},
			[]string{"名称：云溪区绿源环保科技有限公司", "主体类型：企业", "统一社会信用代码：91110000600037341L",
				"资质：资质类别 环卫，等级 乙级，有效期至 2026-12-31"},
			"新增", "承接主体 云溪区绿源环保科技有限公司"},
		{"payment deleted says what was removed",
			AuditEntry{Action: "delete", Entity: "payment", EntityID: 40, Label: "YX2024-076 审批表 2024-0003",
				Before: `{"id":40,"contract_id":7,"date":"2024-04-10T00:00:00Z","amount_fen":25800000,"period":"2024Q1","voucher":"记-002","form":"2024-0003"}`},
			[]string{"支付日期：2024-04-10", "支付金额：258,000.00", "考核期间：2024年第1季度", "凭证号：记-002", "审批表编号：2024-0003"},
			"删除", "支付 YX2024-076 审批表 2024-0003"},
		{"a field emptied and one filled in",
			AuditEntry{Action: "update", Entity: "unit", Label: "云溪区民政局",
				Before: `{"name":"云溪区民政局","kind":"行政单位","phone":"0731-1234567"}`,
				After:  `{"name":"云溪区民政局","kind":"行政单位","contact":"李四"}`},
			[]string{"联系人：（空） → 李四", "联系电话：0731-1234567 → （空）"},
			"修改", "单位 云溪区民政局"},
		{"plan: its rule as a sentence, installments by period",
			AuditEntry{Action: "create", Entity: "plan", EntityID: 7, Label: "YX2024-076",
				After: `{"contract_id":7,"period":"季","criteria":[{"name":"服务质量","points":60},{"name":"安全","points":40}],` +
					`"bands":{"Excellent":90,"Good":80,"Fair":60},"rule":{"kind":"proportional","floor":8000},"installments":{"2024Q1":23000000}}`},
			[]string{"考核周期：季", "考核指标：名称 服务质量，分值 60；名称 安全，分值 40", "等级标准：优 90，良 80，中 60",
				"付款规则：按得分比例支付，最低支付80%", "分期金额：2024年第1季度 230,000.00"},
			"新增", "考核方案 YX2024-076"},
		{"setting in money",
			AuditEntry{Action: "update", Entity: "setting", Label: "tender_threshold_fen",
				Before: `{"key":"tender_threshold_fen","value":"200000000"}`, After: `{"key":"tender_threshold_fen","value":"300000000"}`},
			[]string{"公开招标限额：2,000,000.00 → 3,000,000.00"},
			"修改", "设置 公开招标限额"},
		{"import column mapping",
			AuditEntry{Action: "update", Entity: "setting", Label: "import_preset:ab12",
				Before: `{"key":"import_preset:ab12","value":""}`, After: `{"key":"import_preset:ab12","value":"{\"金额（万元）\":\"amount\",\"序号\":\"-\"}"}`},
			[]string{"导入列对应关系：（空） → 金额（万元） → 合同金额；序号 → 不导入"},
			"修改", "设置 导入列对应关系"},
		{"year reopened with its reason",
			AuditEntry{Action: "reopen", Entity: "year", EntityID: 2024, Label: "2024",
				Before: `{"year":2024}`, After: `{"year":2024,"reason":"补录遗漏合同"}`},
			[]string{"理由：（空） → 补录遗漏合同"},
			"反结账", "年度 2024"},
		{"hint acknowledged",
			AuditEntry{Action: "update", Entity: "hint", EntityID: 7, Label: "YX2024-002", After: `{"rule":"hiring","reason":"经区编办确认"}`},
			[]string{"提示：购买岗位可能变相用人（第十条）", "确认理由：经区编办确认"},
			"确认", "合规提示 YX2024-002"},
		{"an old entry without a label names its row; a damaged record is said to be so",
			AuditEntry{Action: "update", Entity: "contract", EntityID: 9, Before: `{"number":`, After: `{}`},
			[]string{"（记录内容无法解读）"},
			"修改", "合同 第9号记录"},
		{"null and false", AuditEntry{Action: "load", Entity: "dataset", Label: "云溪区", Before: "null",
			After: `{"district":"云溪区","replaced":false,"contracts":118}`},
			[]string{"区县：云溪区", "替换原有数据：否", "合同：118"}, "载入", "数据 云溪区"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.entry.Changes(); !slices.Equal(got, tt.want) {
				t.Errorf("Changes\n got %q\nwant %q", got, tt.want)
			}
			if got := tt.entry.ActionName(); got != tt.action {
				t.Errorf("ActionName %q, want %q", got, tt.action)
			}
			if got := tt.entry.Record(); got != tt.where {
				t.Errorf("Record %q, want %q", got, tt.where)
			}
		})
	}
}

func TestAuditActorAndTime(t *testing.T) {
	for actor, want := range map[string]string{"": "系统", "system": "系统", "操作系统账户 zhangsan": "操作系统账户 zhangsan", "王会计": "王会计"} {
		if got := (AuditEntry{Actor: actor}).ActorName(); got != want {
			t.Errorf("ActorName(%q) = %q, want %q", actor, got, want)
		}
	}
	at := time.Date(2024, 3, 1, 8, 30, 5, 0, time.UTC)
	e := AuditEntry{At: at.Format(time.RFC3339)}
	if got, want := e.LocalTime(), at.Local().Format("2006-01-02 15:04:05"); got != want {
		t.Errorf("LocalTime %q, want %q", got, want)
	}
}

// TestEveryAuditedFieldHasALabel walks the JSON of every root record the
// store audits: each key must read in Chinese in that record's entries.
func TestEveryAuditedFieldHasALabel(t *testing.T) {
	records := map[string]any{
		"unit": Unit{}, "contractor": Contractor{}, "contract": ContractRow{}, "plan": AssessmentPlan{},
		"assessment": Assessment{}, "inspection": Inspection{}, "fee_standard": FeeStandard{}, "payment": Payment{},
		"payment_request": Payment{}, "catalog": CatalogItem{}, "requirement": Requirement{}, "user": User{},
		"import": ImportBatch{},
	}
	for entity, rec := range records {
		for _, key := range jsonKeys(reflect.TypeOf(rec)) {
			if label := fieldLabel(entity, key); !unshownKeys[key] && !hasHan(label) {
				t.Errorf("%s: field %q has no Chinese label", entity, key)
			}
		}
	}
}

var textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()

// jsonKeys lists the JSON keys of a struct type and of the structs it
// holds, but not those of a payment rule, written as a sentence, nor of
// values written as text (dates, form numbers).
func jsonKeys(t reflect.Type) []string {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || t.Implements(textMarshaler) || t == reflect.TypeOf(PaymentRule{}) {
		return nil
	}
	var keys []string
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" {
			keys = append(keys, jsonKeys(f.Type)...)
			continue
		}
		if name == "" {
			name = f.Name
		}
		keys = append(keys, name)
		keys = append(keys, jsonKeys(f.Type)...)
	}
	return keys
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}
