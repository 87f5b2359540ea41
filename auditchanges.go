package govbuy

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
)

// Changes says what the entry changed, field by field in Chinese, one line
// each: for an update the fields that differ ("合同金额：920,000.00 →
// 930,000.00"), for a create the fields it set, for a delete what was
// removed. Money reads in yuan, dates as 2024-03-01, periods as 2024年第1季度;
// ids and empty fields are left out. A record that cannot be read (an
// entry damaged outside govbuy) is said to be so, never shown as JSON.
func (e AuditEntry) Changes() []string {
	before, errB := auditFieldsOf(e.Entity, e.Before)
	after, errA := auditFieldsOf(e.Entity, e.After)
	if errB != nil || errA != nil {
		return []string{"（记录内容无法解读）"}
	}
	switch {
	case before == nil:
		return after.lines()
	case after == nil:
		return before.lines()
	case e.Action == "restore":
		// Not one record changed but one database put in another's place:
		// what came in, then what it replaced.
		return append(after.lines(), "恢复前："+before.summary())
	}
	return before.diff(after)
}

// auditField is one field of an audited record, written for a person.
type auditField struct {
	key, label, text string
}

type auditFields []auditField

func (fs auditFields) lines() []string {
	var out []string
	for _, f := range fs {
		if f.text != "" {
			out = append(out, f.label+"："+f.text)
		}
	}
	return out
}

// summary writes the fields on one line: "文件 …，操作日志条数 120".
func (fs auditFields) summary() string {
	var parts []string
	for _, f := range fs {
		if f.text != "" {
			parts = append(parts, f.label+" "+f.text)
		}
	}
	return strings.Join(parts, "，")
}

// diff lists the fields that differ between fs (before) and after, in
// after's order, then those only fs has.
func (fs auditFields) diff(after auditFields) []string {
	old := map[string]string{}
	for _, f := range fs {
		old[f.key] = f.text
	}
	var out []string
	for _, f := range after {
		if was := old[f.key]; was != f.text {
			out = append(out, f.label+"："+orEmpty(was)+" → "+orEmpty(f.text))
		}
		delete(old, f.key)
	}
	for _, f := range fs {
		if was, ok := old[f.key]; ok && was != "" {
			out = append(out, f.label+"："+was+" → （空）")
		}
	}
	return out
}

func orEmpty(s string) string {
	if s == "" {
		return "（空）"
	}
	return s
}

// auditFieldsOf reads an audited record: nil for no record (entries
// written before the store left such a column empty hold null). A setting
// is one field, named by its key.
func auditFieldsOf(entity, text string) (auditFields, error) {
	if text == "" {
		return nil, nil
	}
	v, err := parseAuditJSON(text)
	switch {
	case err != nil:
		return nil, err
	case v.kind == jsonNull:
		return nil, nil
	case v.kind != jsonObject:
		return nil, errors.New("audit record: not an object")
	}
	if entity == "setting" {
		return settingField(v), nil
	}
	var fs auditFields
	for i, key := range v.keys {
		if hiddenAuditKey(key, v) {
			continue
		}
		fs = append(fs, auditField{key, fieldLabel(entity, key), v.items[i].text(entity, key)})
	}
	return fs, nil
}

func settingField(v jsonValue) auditFields {
	key, _ := v.get("key")
	value, _ := v.get("value")
	k := key.scalar
	text := value.scalar
	switch {
	case strings.HasSuffix(k, "_fen"):
		text = moneyText(text)
	case strings.HasSuffix(k, "_bp"):
		text = rateText(text)
	case strings.HasPrefix(k, "import_preset:"):
		text = presetText(text)
	case strings.HasPrefix(k, "narrative:"):
		text = paragraphsText(text)
	}
	return auditFields{{k, SettingName(k), text}}
}

// paragraphsText writes a year's edited narrative (a JSON list of
// paragraphs) one paragraph to a line.
func paragraphsText(text string) string {
	var paragraphs []string
	if text == "" || json.Unmarshal([]byte(text), &paragraphs) != nil {
		return text
	}
	return strings.Join(paragraphs, "\n")
}

// presetText writes an import's column mapping (header → field key) as
// "合同金额（万元）→ 合同金额".
func presetText(text string) string {
	if text == "" {
		return ""
	}
	m, err := parseAuditJSON(text)
	if err != nil || m.kind != jsonObject {
		return "（无法解读）"
	}
	parts := make([]string, len(m.keys))
	for i, header := range m.keys {
		field := m.items[i].scalar
		if field == "-" {
			field = "不导入"
		}
		parts[i] = header + " → " + fieldLabel("import", field)
	}
	return strings.Join(parts, "；")
}

// unshownKeys are never shown: a record's id, the contract a record of a
// contract belongs to (the entry's label names it), a payment's request
// flag (the entry's entity says it) and what a contract had paid (the
// payments' entries say it).
var unshownKeys = map[string]bool{"id": true, "contract_id": true, "pending_approval": true, "paid_fen": true}

// hiddenAuditKey leaves out a record's own id and its references that the
// entry's label or a name beside them already says: a contract's unit_id
// beside its unit's name, an assessment's contract_id.
func hiddenAuditKey(key string, v jsonValue) bool {
	if unshownKeys[key] {
		return true
	}
	name, ok := strings.CutSuffix(key, "_id")
	if !ok {
		return false
	}
	if name == "catalog" {
		name = "category"
	}
	_, named := v.get(name)
	return named
}

// fieldLabels are the JSON keys of audited records by their Chinese
// labels; a key meaning one thing in one record and another elsewhere is
// also listed as "entity.key". Every key an audited record writes must be
// here (TestEveryAuditedFieldHasALabel).
var fieldLabels = map[string]string{
	// units, contractors and their qualifications
	"name": "名称", "code": "代码", "kind": "类型", "contact": "联系人", "phone": "联系电话", "notes": "备注",
	"class": "事业单位类别", "type": "主体类型", "credit_code": "统一社会信用代码", "code_override": "代码保留理由",
	"legal_rep": "法定代表人", "address": "地址", "bank": "开户银行", "account": "银行账号",
	"qualifications": "资质", "level": "等级", "issuer": "发证机关", "expiry": "有效期至",
	"unit.kind": "单位类型", "contractor.kind": "资质类别", "contractor.number": "证书编号",
	// contracts
	"number": "合同编号", "year": "年度", "unit_id": "购买主体", "contractor_id": "承接主体", "catalog_id": "服务类别",
	"title": "项目名称", "headcount": "岗位人数", "method": "购买方式", "amount_fen": "合同金额",
	"start": "开始日期", "end": "结束日期", "funding": "资金来源", "fee_basis": "收费依据",
	"fee_standard_id": "收费标准", "fee_quantity": "计费数量", "fee_base_fen": "计费基数",
	"fee_share": "收费标准执行比例", "status": "状态", "requirement_reason": "不符合服务要求的理由",
	"unit": "购买主体", "contractor": "承接主体", "contractor_type": "承接主体类型", "category": "服务类别",
	"paid_fen": "已支付", "pending": "待补充",
	"award_date": "中标（成交）通知书日期", "sign_date": "合同签订日期", "publish_date": "合同公告日期",
	"publish_media": "公告媒体", "filing_date": "备案日期", "filing_no": "备案编号",
	"intent_date": "采购意向公开日期", "procure_date": "采购活动开始日期", "term_reason": "跨年度合同说明",
	"project_no": "项目编号", "place": "履约地点", "spec": "服务要求",
	"supplement.number": "补充合同编号", "supplement.date": "补充合同签订日期", "supplement.amount_fen": "补充合同金额",
	"contract_id": "合同", "work": "调休上班", "calendar.name": "节日", "calendar.date": "日期", "days": "日期",
	// plans, assessments and inspections
	"period": "考核期间", "plan.period": "考核周期", "criteria": "考核指标", "points": "分值", "bands": "等级标准",
	"Excellent": "优", "Good": "良", "Fair": "中", "rule": "付款规则", "installments": "分期金额",
	"items": "各项得分", "criterion": "指标", "score": "考核得分", "reason": "理由", "date": "日期",
	"assessment.date": "考核日期", "assessor": "考核人", "remarks": "备注", "inspection_deductions": "督查扣分",
	"inspection_id": "督查", "inspection.date": "督查日期", "inspection.kind": "督查方式", "inspectors": "督查人员",
	"findings": "督查情况", "attachments": "附件", "deductions": "扣分", "finding": "问题",
	"inspection.points": "扣分", "assessment.points": "扣分",
	// fee standards
	"source": "依据文件", "fee_standard.date": "发布日期", "fee_standard.kind": "计费方式",
	"monthly_pay_fen": "月薪酬", "social_insurance": "社会保险比例", "management_fee": "管理费比例",
	"price_fen": "单价", "fee_standard.unit": "计量单位", "fee_standard.bands": "累进费率", "up_to_fen": "金额上限",
	"rate": "费率", "share": "执行比例",
	// payments and their approval
	"payment.date": "支付日期", "payment.amount_fen": "支付金额", "payment_request.date": "支付日期",
	"payment_request.amount_fen": "支付金额", "voucher": "凭证号", "payment.account": "收款账号",
	"payment_request.account": "收款账号", "over_reason": "超付原因", "form": "审批表编号", "author": "申请人",
	// catalog and service requirements
	"parent_id": "上级类别", "catalog.code": "编码", "catalog_code": "服务类别", "types": "承接主体类型",
	"qual_kind": "资质类别", "min_level": "最低资质等级", "licence": "许可证",
	// users, hints, closed years
	"user.name": "用户名", "role": "角色", "hint.rule": "提示", "hint.reason": "确认理由",
	// imports and dataset loads
	"files": "文件", "checksums": "文件校验值", "actor": "导入人", "at": "时间", "counts": "数量",
	"undone_at": "撤销时间", "integrity": "完整性检查", "hints": "合规提示", "message": "说明",
	"removed": "撤销的记录", "updated": "更新", "units": "单位", "contractors": "承接主体", "contracts": "合同",
	"assessments": "考核", "payments": "支付", "payment_requests": "付款申请", "fee_standards": "收费标准",
	"inspections": "督查", "qualifications_removed": "资质",
	"district": "区县", "replaced": "替换原有数据", "units_created": "新增单位", "units_updated": "更新单位",
	"contractors_created": "新增承接主体", "contractors_updated": "更新承接主体", "contracts_updated": "更新合同",
	// restores
	"file": "文件", "kept": "原数据库另存为", "schema_version": "数据库结构版本", "weakens": "削弱的控制",
	"closed_years": "已结账年度", "audit_rows": "操作日志条数", "last_audit": "最后一条日志时间", "users": "用户",
	// the fields an import's column mapping names
	"import.amount": "合同金额", "import.paid": "已支付", "import.term": "合同期限", "import.score": "考核得分",
	"import.contract_no": "合同编号", "import.qualification": "资质", "import.seq": "序号", "import.date": "日期",
	"import.name": "名称",
}

// fieldLabel is a key's label in entity's records.
func fieldLabel(entity, key string) string {
	if label, ok := fieldLabels[entity+"."+key]; ok {
		return label
	}
	if label, ok := fieldLabels[key]; ok {
		return label
	}
	return key
}

// rateKeys hold basis points (Rate).
var rateKeys = map[string]bool{
	"rate": true, "floor": true, "withheld": true, "share": true, "fee_share": true, "social_insurance": true,
	"management_fee": true, "departure": true, "max_departure": true,
}

// text writes a value of key in entity's records for a person.
func (v jsonValue) text(entity, key string) string {
	switch v.kind {
	case jsonNull:
		return ""
	case jsonBool:
		if v.scalar == "true" {
			return "是"
		}
		return "否"
	case jsonArray:
		return v.arrayText(entity, key)
	case jsonObject:
		return v.objectText(entity, key)
	}
	if entity == "hint" && key == "rule" {
		return hintName(v.scalar)
	}
	return scalarText(key, v.scalar)
}

// hintNames are the compliance hints by what they are about, as the
// audit log names the hint someone acknowledged.
var hintNames = map[string]string{
	"hiring": "购买岗位可能变相用人（第十条）", "dispatch": "承接主体为劳务派遣机构（第十条）",
	"term3": "合同期限超过3年（第二十四条）", "term": "合同期限超过1年（第二十四条）",
	"excluded": "公益一类事业单位作承接主体（第八条）", "tender": "达到公开招标数额标准未公开招标",
	"poor": "承接主体上年度考核为差", "requirement": "承接主体不符合服务要求（第七条）",
	"fee": "合同金额偏离收费标准", "expired": "资质到期早于合同结束（第七条）",
}

func hintName(rule string) string {
	if name, ok := hintNames[rule]; ok {
		return name
	}
	return rule
}

func scalarText(key, s string) string {
	switch {
	case strings.HasSuffix(key, "_fen"):
		return moneyText(s)
	case rateKeys[key] || strings.HasSuffix(key, "_bp"):
		return rateText(s)
	case key == "date" || key == "start" || key == "end" || key == "expiry":
		return dateText(s)
	case key == "at" || key == "undone_at" || key == "last_audit":
		return timeText(s)
	case key == "period":
		return PeriodLabel(s)
	case key == "kind" && (Kind(s) == KindPost || Kind(s) == KindProject):
		return Kind(s).Label()
	}
	return s
}

func (v jsonValue) arrayText(entity, key string) string {
	sep := "、"
	parts := make([]string, 0, len(v.items))
	for _, item := range v.items {
		if item.kind == jsonObject {
			sep = "；"
		}
		if t := item.text(entity, key); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, sep)
}

// objectText writes a nested record: a payment rule as its sentence, a map
// keyed by period or by count name as "label value" pairs, and any other
// object as its fields with their labels.
func (v jsonValue) objectText(entity, key string) string {
	if key == "rule" {
		var r PaymentRule
		if json.Unmarshal([]byte(v.raw), &r) == nil {
			return r.Describe()
		}
	}
	parts := make([]string, 0, len(v.keys))
	for i, k := range v.keys {
		if hiddenAuditKey(k, v) {
			continue
		}
		item, itemKey := v.items[i], k
		if key == "installments" {
			itemKey = "installment_fen"
		}
		t := item.text(entity, itemKey)
		if t == "" {
			continue
		}
		label := fieldLabel(entity, k)
		if code, err := ParsePeriod(k); err == nil && key == "installments" {
			label = PeriodLabel(code)
		}
		parts = append(parts, label+" "+t)
	}
	return strings.Join(parts, "，")
}

func moneyText(s string) string {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return s
	}
	return Money(n).String()
}

func rateText(s string) string {
	n, err := strconv.Atoi(s)
	if err != nil {
		return s
	}
	return Rate(n).String()
}

// dateText writes a stored date as 2024-03-01.
func dateText(s string) string { return timeAs(s, FormatDate) }

// timeText writes a moment in the computer's time zone, to the second.
func timeText(s string) string {
	return timeAs(s, func(t time.Time) string { return t.Local().Format("2006-01-02 15:04:05") })
}

// timeAs writes an RFC 3339 time with format; the zero time is blank and
// text that is not a time stays as it is.
func timeAs(s string, format func(time.Time) string) string {
	t, err := time.Parse(time.RFC3339, s)
	switch {
	case err != nil:
		return s
	case t.IsZero():
		return ""
	}
	return format(t)
}

// jsonValue is a JSON value read with its object keys in order, as the
// record's fields were written.
type jsonValue struct {
	kind   jsonKind
	scalar string // a string's text, a number's or a bool's literal
	keys   []string
	items  []jsonValue // an object's values, by keys, or an array's items
	raw    string      // an object's JSON, to read as a typed record
}

type jsonKind uint8

const (
	jsonNull jsonKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonArray
	jsonObject
)

func (v jsonValue) get(key string) (jsonValue, bool) {
	for i, k := range v.keys {
		if k == key {
			return v.items[i], true
		}
	}
	return jsonValue{}, false
}

func parseAuditJSON(text string) (jsonValue, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	v, err := readJSONValue(dec, text)
	if err != nil {
		return v, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return v, errors.New("audit record: text after the value")
	}
	return v, nil
}

func readJSONValue(dec *json.Decoder, text string) (jsonValue, error) {
	start := dec.InputOffset()
	tok, err := dec.Token()
	if err != nil {
		return jsonValue{}, err
	}
	switch t := tok.(type) {
	case nil:
		return jsonValue{kind: jsonNull}, nil
	case bool:
		return jsonValue{kind: jsonBool, scalar: strconv.FormatBool(t)}, nil
	case json.Number:
		return jsonValue{kind: jsonNumber, scalar: t.String()}, nil
	case string:
		return jsonValue{kind: jsonString, scalar: t}, nil
	case json.Delim:
		v := jsonValue{kind: jsonArray}
		if t == '{' {
			v.kind = jsonObject
		}
		for dec.More() {
			if v.kind == jsonObject {
				k, err := dec.Token()
				if err != nil {
					return v, err
				}
				v.keys = append(v.keys, k.(string))
			}
			item, err := readJSONValue(dec, text)
			if err != nil {
				return v, err
			}
			v.items = append(v.items, item)
		}
		if _, err := dec.Token(); err != nil {
			return v, err
		}
		v.raw = string(bytes.TrimLeft([]byte(text[start:dec.InputOffset()]), " \t\r\n,:"))
		return v, nil
	}
	return jsonValue{}, errors.New("audit record: unexpected token")
}
