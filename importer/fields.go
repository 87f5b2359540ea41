package importer

import "govbuy"

// Kind is what a file holds: the contract ledger (台账) by default, or a
// list of contractors, assessments or payments (import --as).
type Kind string

const (
	KindContracts   Kind = "contracts"
	KindContractors Kind = "contractors"
	KindAssessments Kind = "assessments"
	KindPayments    Kind = "payments"
	// KindTreasury is the treasury's payment list (国库集中支付明细): rows
	// matched to contracts by payee, unit and amount (see treasury.go).
	KindTreasury Kind = "treasury"
)

// Kinds lists the kinds in the order a wizard offers them.
var Kinds = []Kind{KindContracts, KindContractors, KindAssessments, KindPayments, KindTreasury}

// Label is the kind's Chinese name.
func (k Kind) Label() string {
	switch k {
	case KindContractors:
		return "承接主体名录"
	case KindAssessments:
		return "考核结果"
	case KindPayments:
		return "支付记录"
	case KindTreasury:
		return "国库集中支付明细"
	}
	return "合同台账"
}

// ParseKind accepts a kind's key or Chinese name; "" is the contract ledger.
func ParseKind(s string) (Kind, bool) {
	for _, k := range Kinds {
		if s == string(k) || s == k.Label() {
			return k, true
		}
	}
	return KindContracts, s == ""
}

// Key names a field in --map, in saved presets and in a wizard
// ("contract_no", "amount"); scripts use them, so none is renamed.
type Key string

// Keys of the contract ledger; several serve the other kinds too.
const (
	KeySeq            Key = "seq" // 序号: recognised so it is never mistaken for data
	KeyYear           Key = "year"
	KeyContractNo     Key = "contract_no"
	KeyUnit           Key = "unit"
	KeyUnitCode       Key = "unit_code"
	KeyTitle          Key = "title"
	KeyKind           Key = "kind"
	KeyCategory       Key = "category"
	KeyContractor     Key = "contractor"
	KeyContractorType Key = "contractor_type"
	KeyCreditCode     Key = "credit_code"
	KeyMethod         Key = "method"
	KeyHeadcount      Key = "headcount"
	KeyAmount         Key = "amount"
	KeyPaid           Key = "paid"
	KeyStart          Key = "start"
	KeyEnd            Key = "end"
	KeyTerm           Key = "term"
	KeyFunding        Key = "funding"
	KeyScore          Key = "score"
	KeyFeeBasis       Key = "fee_basis"
	KeyOverReason     Key = "over_reason"
	KeyNotes          Key = "notes"
)

// Keys of a contract's public record (govbuy.PublicRecord) and of the one
// supplementary contract a ledger row may carry.
const (
	KeyAwardDate        Key = "award_date"
	KeySignDate         Key = "sign_date"
	KeyPublishDate      Key = "publish_date"
	KeyPublishMedia     Key = "publish_media"
	KeyFilingDate       Key = "filing_date"
	KeyFilingNo         Key = "filing_no"
	KeyIntentDate       Key = "intent_date"
	KeyProcureDate      Key = "procure_date"
	KeyTermReason       Key = "term_reason"
	KeyProjectNo        Key = "project_no"
	KeyPlace            Key = "place"
	KeySpec             Key = "spec"
	KeySupplementNo     Key = "supplement_no"
	KeySupplementDate   Key = "supplement_date"
	KeySupplementAmount Key = "supplement_amount"
)

// Keys of the contractor list.
const (
	KeyName          Key = "name"
	KeyType          Key = "type"
	KeyLegalRep      Key = "legal_rep"
	KeyPhone         Key = "phone"
	KeyAddress       Key = "address"
	KeyQualification Key = "qualification"
	KeyBank          Key = "bank"
	KeyAccount       Key = "account"
)

// Keys of the assessment and payment lists.
const (
	KeyPeriod   Key = "period"
	KeyDate     Key = "date"
	KeyAssessor Key = "assessor"
	KeyRemarks  Key = "remarks"
	KeyVoucher  Key = "voucher"
)

// Keys of the treasury's payment list.
const (
	KeyPayee   Key = "payee"
	KeyPurpose Key = "purpose"
	KeyProject Key = "project"
)

// Field is a column an import can fill. Key is what --map and presets use;
// Label is what a wizard's dropdown shows.
type Field struct {
	Key      Key
	Label    string
	Required bool
	names    []string       // header names seen in ledgers, normalised
	money    bool           // read in the column's or sheet's money unit
	domain   []govbuy.Field // the record's fields whose problems are shown at this column
}

// Ignore is the field value that leaves a column out ("--map 'X=-'").
const Ignore = "-"

var seqField = Field{Key: KeySeq, Label: "序号（不导入）", names: []string{"序号", "行号"}}

// overReasonField is why a row pays past its contract's amount or its
// period's payable amount; without it the store refuses such a row.
var overReasonField = Field{Key: KeyOverReason, Label: string(govbuy.FieldOverReason), names: []string{"超付原因", "超付说明", "超额支付原因"},
	domain: []govbuy.Field{govbuy.FieldOverReason}}

var creditField = Field{Key: KeyCreditCode, Label: "统一社会信用代码/身份证号",
	names: []string{"统一社会信用代码", "社会信用代码", "信用代码", "身份证号", "身份证号码", "统一社会信用代码或身份证号", "证件号码",
		// the contractor's, named so that the unit code's names, found
		// inside a header, never take them
		"承接主体统一社会信用代码", "承接单位统一社会信用代码", "承接主体代码", "承接单位代码", "服务单位代码"},
	domain: []govbuy.Field{govbuy.FieldCreditCode, govbuy.FieldIDCard}}

// unitCodeField is the purchasing unit's code (units.code: a
// 统一社会信用代码), by which a unit is matched before its name.
var unitCodeField = Field{Key: KeyUnitCode, Label: "单位代码（统一社会信用代码）",
	names: []string{"单位代码", "预算单位代码", "预算单位编码", "单位编码", "购买主体统一社会信用代码", "购买单位统一社会信用代码",
		"购买单位信用代码", "购买主体信用代码", "预算单位统一社会信用代码", "采购单位统一社会信用代码"}}

var notesField = Field{Key: KeyNotes, Label: string(govbuy.FieldNotes), names: []string{"备注", "说明"}, domain: []govbuy.Field{govbuy.FieldNotes}}

var contractNoField = Field{Key: KeyContractNo, Label: string(govbuy.FieldContractNo), names: []string{"合同编号", "合同号", "合同编码"},
	domain: []govbuy.Field{govbuy.FieldContractNo}}

var scoreNames = []string{"考核得分", "考评得分", "得分", "绩效得分", "评价得分", "考核分数"}

// field is a table entry whose label is the record's field it fills.
func field(key Key, of govbuy.Field, names ...string) Field {
	return Field{Key: key, Label: string(of), names: names, domain: []govbuy.Field{of}}
}

func required(f Field) Field { f.Required = true; return f }

func inMoney(f Field) Field { f.money = true; return f }

func labelled(label string, f Field) Field { f.Label = label; return f }

var fieldsByKind = map[Kind][]Field{
	KindContracts: {
		seqField,
		field(KeyYear, govbuy.FieldYear, "年度", "预算年度", "年份"),
		contractNoField,
		required(field(KeyUnit, govbuy.FieldUnit, "购买主体", "购买单位", "采购单位", "预算单位", "委托单位", "购买主体名称", "购买单位名称")),
		unitCodeField,
		required(field(KeyTitle, govbuy.FieldTitle, "项目名称", "服务项目", "购买服务项目", "服务内容", "岗位名称", "购买服务事项", "购买服务项目名称", "服务项目名称", "购买服务内容")),
		labelled("类型（岗位/项目）", field(KeyKind, govbuy.FieldKind, "类型", "购买类型", "项目类型", "岗位或项目", "岗位/项目")),
		field(KeyCategory, govbuy.FieldCatalog, "服务类别", "目录类别", "所属类别", "服务领域", "类别", "指导性目录类别"),
		required(field(KeyContractor, govbuy.FieldContractor, "承接主体", "承接单位", "服务单位", "中标单位", "供应商", "乙方", "承接主体名称", "成交供应商", "中标供应商", "承接方")),
		labelled("承接主体类型", field(KeyContractorType, govbuy.FieldContractorType, "承接主体类型", "主体类型", "单位性质", "承接主体性质", "承接单位性质")),
		creditField,
		field(KeyMethod, govbuy.FieldMethod, "购买方式", "采购方式", "选择方式", "承接主体选择方式"),
		field(KeyHeadcount, govbuy.FieldHeadcount, "岗位人数", "人数", "购买人数", "岗位数", "购买岗位数", "购买岗位人数"),
		required(inMoney(field(KeyAmount, govbuy.FieldAmount, "合同金额", "合同价款", "中标金额", "购买金额", "成交金额", "合同总金额", "合同额"))),
		inMoney(Field{Key: KeyPaid, Label: "已支付金额", names: []string{"已支付", "已支付金额", "实付金额", "支付金额", "已付金额", "累计支付", "累计支付金额"}}),
		field(KeyStart, govbuy.FieldStart, "开始日期", "开始时间", "起始日期", "合同开始日期", "服务开始日期", "开始", "起", "起始"),
		field(KeyEnd, govbuy.FieldEnd, "结束日期", "结束时间", "截止日期", "终止日期", "合同结束日期", "服务结束日期", "结束", "止", "截止", "至"),
		{Key: KeyTerm, Label: "合同期限（起止日期）", names: []string{"合同期限", "服务期限", "服务期间", "合同期", "合同起止日期", "起止日期", "服务时间"}},
		field(KeyFunding, govbuy.FieldFunding, "资金来源", "经费来源", "资金性质"),
		{Key: KeyScore, Label: "考核得分", names: scoreNames},
		labelled("定价依据", field(KeyFeeBasis, govbuy.FieldFeeBasis, "定价依据", "收费标准", "价格依据", "收费依据")),
		field(KeyAwardDate, govbuy.FieldAwardDate, "中标（成交）通知书日期", "中标通知书日期", "成交通知书日期", "中标日期", "成交日期", "中标（成交）日期"),
		field(KeySignDate, govbuy.FieldSignDate, "合同签订日期", "签订日期", "签约日期", "合同签订时间", "签订时间"),
		field(KeyPublishDate, govbuy.FieldPublishDate, "合同公告日期", "公告日期", "合同公开日期", "公开日期", "公告时间"),
		field(KeyPublishMedia, govbuy.FieldPublishMedia, "公告媒体", "公告网站", "公告网址", "发布媒体", "公告媒介", "公开媒体"),
		field(KeyFilingDate, govbuy.FieldFilingDate, "备案日期", "合同备案日期", "备案时间"),
		field(KeyFilingNo, govbuy.FieldFilingNo, "备案编号", "备案号", "合同备案号"),
		field(KeyIntentDate, govbuy.FieldIntentDate, "采购意向公开日期", "意向公开日期", "采购意向公开时间"),
		field(KeyProcureDate, govbuy.FieldProcureDate, "采购活动开始日期", "采购开始日期", "采购活动开始时间"),
		field(KeyTermReason, govbuy.FieldTermReason, "跨年度合同说明", "多年度合同说明", "跨年度说明", "合同期限说明"),
		field(KeyProjectNo, govbuy.FieldProjectNo, "项目编号", "采购项目编号", "采购编号", "政府采购项目编号"),
		field(KeyPlace, govbuy.FieldPlace, "履约地点", "服务地点", "实施地点", "服务地址", "履约地址"),
		field(KeySpec, govbuy.FieldSpec, "服务要求", "服务标准", "服务要求及标准", "规格型号（或服务要求）", "规格型号或服务要求"),
		field(KeySupplementNo, govbuy.FieldSupplementNo, "补充合同编号", "补充协议编号"),
		field(KeySupplementDate, govbuy.FieldSupplementDate, "补充合同签订日期", "补充合同日期", "补充协议签订日期", "补充协议日期"),
		inMoney(field(KeySupplementAmount, govbuy.FieldSupplementAmount, "补充合同金额", "补充协议金额", "追加金额")),
		overReasonField,
		notesField,
	},
	KindContractors: {
		seqField,
		required(field(KeyName, govbuy.FieldName, "承接主体", "单位名称", "名称", "企业名称", "机构名称", "姓名", "承接主体名称", "承接单位")),
		field(KeyType, govbuy.FieldContractorType, "主体类型", "单位性质", "类型", "承接主体类型", "机构类型"),
		creditField,
		field(KeyLegalRep, govbuy.FieldLegalRep, "法定代表人", "负责人", "法人代表", "法人"),
		field(KeyPhone, govbuy.FieldPhone, "联系电话", "电话", "手机", "联系方式"),
		field(KeyAddress, govbuy.FieldAddress, "地址", "住所", "注册地址", "联系地址", "单位地址"),
		field(KeyQualification, govbuy.FieldQualification, "资质", "资质等级", "资质证书", "资格证书"),
		labelled("开户行", field(KeyBank, govbuy.FieldBank, "开户行", "开户银行")),
		field(KeyAccount, govbuy.FieldAccount, "银行账号", "账号", "银行帐号", "帐号"),
		notesField,
	},
	KindAssessments: {
		seqField,
		required(contractNoField),
		required(field(KeyPeriod, govbuy.FieldPeriod, "考核期间", "考核周期", "期间", "季度", "考核季度", "考核时段")),
		required(labelled("考核得分", field(KeyScore, govbuy.FieldScore, scoreNames...))),
		{Key: KeyDate, Label: "考核日期", names: []string{"考核日期", "日期", "考评日期"}},
		field(KeyAssessor, govbuy.FieldAssessor, "考核人", "考核单位", "考核主体", "考评单位"),
		labelled("考核意见", field(KeyRemarks, govbuy.FieldNotes, "考核意见", "备注", "说明")),
	},
	KindPayments: {
		seqField,
		required(contractNoField),
		required(field(KeyDate, govbuy.FieldPayDate, "支付日期", "付款日期", "日期", "拨付日期")),
		required(inMoney(field(KeyAmount, govbuy.FieldPayAmount, "支付金额", "付款金额", "金额", "本次支付", "拨付金额", "实付金额"))),
		field(KeyVoucher, govbuy.FieldVoucher, "凭证号", "凭证编号", "记账凭证号"),
		labelled("所属考核期间", field(KeyPeriod, govbuy.FieldPeriod, "考核期间", "所属期间", "支付期间")),
		overReasonField,
		field(KeyNotes, govbuy.FieldNotes, "备注", "说明", "摘要"),
	},
	KindTreasury: {
		seqField,
		required(field(KeyDate, govbuy.FieldPayDate, "支付日期", "付款日期", "日期", "清算日期", "支付时间")),
		required(labelled("预算单位", field(KeyUnit, govbuy.FieldUnit, "预算单位", "预算单位名称", "单位名称", "付款单位", "用款单位"))),
		required(Field{Key: KeyPayee, Label: "收款人全称", names: []string{"收款人全称", "收款人", "收款人名称", "收款单位", "收款单位名称"}}),
		labelled("收款人账号", field(KeyAccount, govbuy.FieldPayeeAccount, "收款人账号", "收款人帐号", "收款账号", "收款帐号", "账号")),
		required(inMoney(field(KeyAmount, govbuy.FieldPayAmount, "金额", "支付金额", "付款金额", "实付金额", "支付金额(元)"))),
		{Key: KeyPurpose, Label: "摘要/用途", names: []string{"摘要/用途", "摘要", "用途", "资金用途", "支付用途", "摘要用途"}},
		required(field(KeyVoucher, govbuy.FieldTreasuryVoucher, "支付凭证号", "支付凭证编号", "凭证号", "凭证编号", "支付令号")),
		{Key: KeyProject, Label: "预算项目", names: []string{"预算项目", "预算项目名称", "项目名称"}},
		overReasonField,
	},
}

// Fields lists the fields an import of the kind can fill, in the order a
// wizard offers them; the first is 序号, which is recognised but not
// imported. The slice is a copy.
func Fields(as Kind) []Field {
	return append([]Field(nil), fieldsByKind[normalKind(as)]...)
}

func normalKind(as Kind) Kind {
	if _, ok := fieldsByKind[as]; ok {
		return as
	}
	return KindContracts
}

// fieldByKey finds a field of the kind by key or Chinese label.
func fieldByKey(as Kind, s string) (Field, bool) {
	n := normHeader(s)
	for _, f := range fieldsByKind[normalKind(as)] {
		if s == string(f.Key) || n == normHeader(f.Label) {
			return f, true
		}
	}
	return Field{}, false
}

// vocab is a kind's header vocabulary: normalised name → field key, and
// the names for containment matching, longest first.
type vocab struct {
	exact    map[string]Key
	names    []vocabName
	money    map[Key]bool
	byDomain map[govbuy.Field]Key // the column a record's field's problems are shown at
}

type vocabName struct {
	name  string
	runes int
	field Key
}

var vocabs = map[Kind]*vocab{}

func init() {
	for k, fields := range fieldsByKind {
		v := &vocab{exact: map[string]Key{}, money: map[Key]bool{}, byDomain: map[govbuy.Field]Key{}}
		for _, f := range fields {
			v.money[f.Key] = f.money
			for _, d := range f.domain {
				v.byDomain[d] = f.Key
			}
			for _, n := range f.names {
				n = normHeader(n)
				if _, dup := v.exact[n]; !dup {
					v.exact[n] = f.Key
					v.names = append(v.names, vocabName{name: n, runes: len([]rune(n)), field: f.Key})
				}
			}
		}
		// Longest first, so "承接主体类型" wins over "类型" and "承接主体".
		sortVocab(v.names)
		vocabs[k] = v
	}
}

func sortVocab(names []vocabName) {
	for i := 1; i < len(names); i++ {
		for j := i; j > 0 && names[j].runes > names[j-1].runes; j-- {
			names[j], names[j-1] = names[j-1], names[j]
		}
	}
}
