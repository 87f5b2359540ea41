package importer

// Kind is what a file holds: the contract ledger (台账) by default, or a
// list of contractors, assessments or payments (import --as).
type Kind string

const (
	KindContracts   Kind = "contracts"
	KindContractors Kind = "contractors"
	KindAssessments Kind = "assessments"
	KindPayments    Kind = "payments"
)

// Kinds lists the kinds in the order a wizard offers them.
var Kinds = []Kind{KindContracts, KindContractors, KindAssessments, KindPayments}

// Label is the kind's Chinese name.
func (k Kind) Label() string {
	switch k {
	case KindContractors:
		return "承接主体名录"
	case KindAssessments:
		return "考核结果"
	case KindPayments:
		return "支付记录"
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

// Field is a column an import can fill. Key is what --map and presets use;
// Label is what a wizard's dropdown shows.
type Field struct {
	Key      string
	Label    string
	Required bool
	names    []string // header names seen in ledgers, normalised
	money    bool     // read in the column's or sheet's money unit
}

// Field keys shared by several kinds.
const (
	FieldSeq        = "seq" // 序号: recognised so it is never mistaken for data
	FieldContractNo = "contract_no"
	FieldNotes      = "notes"
)

// Ignore is the field value that leaves a column out ("--map 'X=-'").
const Ignore = "-"

var seqField = Field{Key: FieldSeq, Label: "序号（不导入）", names: []string{"序号", "行号"}}

// overReasonField is why a row pays past its contract's amount or its
// period's payable amount; without it the store refuses such a row.
var overReasonField = Field{Key: "over_reason", Label: "超付原因", names: []string{"超付原因", "超付说明", "超额支付原因"}}

var creditNames = []string{"统一社会信用代码", "社会信用代码", "信用代码", "身份证号", "身份证号码", "统一社会信用代码或身份证号", "证件号码"}

var fieldsByKind = map[Kind][]Field{
	KindContracts: {
		seqField,
		{Key: "year", Label: "年度", names: []string{"年度", "预算年度", "年份"}},
		{Key: FieldContractNo, Label: "合同编号", names: []string{"合同编号", "合同号", "合同编码"}},
		{Key: "unit", Label: "购买主体", Required: true, names: []string{"购买主体", "购买单位", "采购单位", "预算单位", "委托单位", "购买主体名称", "购买单位名称"}},
		{Key: "title", Label: "项目名称", Required: true, names: []string{"项目名称", "服务项目", "购买服务项目", "服务内容", "岗位名称", "购买服务事项", "购买服务项目名称", "服务项目名称", "购买服务内容"}},
		{Key: "kind", Label: "类型（岗位/项目）", names: []string{"类型", "购买类型", "项目类型", "岗位或项目", "岗位/项目"}},
		{Key: "category", Label: "服务类别", names: []string{"服务类别", "目录类别", "所属类别", "服务领域", "类别", "指导性目录类别"}},
		{Key: "contractor", Label: "承接主体", Required: true, names: []string{"承接主体", "承接单位", "服务单位", "中标单位", "供应商", "乙方", "承接主体名称", "成交供应商", "中标供应商", "承接方"}},
		{Key: "contractor_type", Label: "承接主体类型", names: []string{"承接主体类型", "主体类型", "单位性质", "承接主体性质", "承接单位性质"}},
		{Key: "credit_code", Label: "统一社会信用代码/身份证号", names: creditNames},
		{Key: "method", Label: "购买方式", names: []string{"购买方式", "采购方式", "选择方式", "承接主体选择方式"}},
		{Key: "headcount", Label: "岗位人数", names: []string{"岗位人数", "人数", "购买人数", "岗位数", "购买岗位数", "购买岗位人数"}},
		{Key: "amount", Label: "合同金额", Required: true, money: true, names: []string{"合同金额", "合同价款", "中标金额", "购买金额", "成交金额", "合同总金额", "合同额"}},
		{Key: "paid", Label: "已支付金额", money: true, names: []string{"已支付", "已支付金额", "实付金额", "支付金额", "已付金额", "累计支付", "累计支付金额"}},
		{Key: "start", Label: "开始日期", names: []string{"开始日期", "开始时间", "起始日期", "合同开始日期", "服务开始日期", "开始", "起", "起始"}},
		{Key: "end", Label: "结束日期", names: []string{"结束日期", "结束时间", "截止日期", "终止日期", "合同结束日期", "服务结束日期", "结束", "止", "截止", "至"}},
		{Key: "term", Label: "合同期限（起止日期）", names: []string{"合同期限", "服务期限", "服务期间", "合同期", "合同起止日期", "起止日期", "服务时间"}},
		{Key: "funding", Label: "资金来源", names: []string{"资金来源", "经费来源", "资金性质"}},
		{Key: "score", Label: "考核得分", names: []string{"考核得分", "考评得分", "得分", "绩效得分", "评价得分", "考核分数"}},
		{Key: "fee_basis", Label: "定价依据", names: []string{"定价依据", "收费标准", "价格依据", "收费依据"}},
		overReasonField,
		{Key: FieldNotes, Label: "备注", names: []string{"备注", "说明"}},
	},
	KindContractors: {
		seqField,
		{Key: "name", Label: "名称", Required: true, names: []string{"承接主体", "单位名称", "名称", "企业名称", "机构名称", "姓名", "承接主体名称", "承接单位"}},
		{Key: "type", Label: "主体类型", names: []string{"主体类型", "单位性质", "类型", "承接主体类型", "机构类型"}},
		{Key: "credit_code", Label: "统一社会信用代码/身份证号", names: creditNames},
		{Key: "legal_rep", Label: "法定代表人", names: []string{"法定代表人", "负责人", "法人代表", "法人"}},
		{Key: "phone", Label: "联系电话", names: []string{"联系电话", "电话", "手机", "联系方式"}},
		{Key: "address", Label: "地址", names: []string{"地址", "住所", "注册地址", "联系地址", "单位地址"}},
		{Key: "qualification", Label: "资质", names: []string{"资质", "资质等级", "资质证书", "资格证书"}},
		{Key: "bank", Label: "开户行", names: []string{"开户行", "开户银行"}},
		{Key: "account", Label: "银行账号", names: []string{"银行账号", "账号", "银行帐号", "帐号"}},
		{Key: FieldNotes, Label: "备注", names: []string{"备注", "说明"}},
	},
	KindAssessments: {
		seqField,
		{Key: FieldContractNo, Label: "合同编号", Required: true, names: []string{"合同编号", "合同号", "合同编码"}},
		{Key: "period", Label: "考核期间", Required: true, names: []string{"考核期间", "考核周期", "期间", "季度", "考核季度", "考核时段"}},
		{Key: "score", Label: "考核得分", Required: true, names: []string{"考核得分", "考评得分", "得分", "绩效得分", "评价得分", "考核分数"}},
		{Key: "date", Label: "考核日期", names: []string{"考核日期", "日期", "考评日期"}},
		{Key: "assessor", Label: "考核人", names: []string{"考核人", "考核单位", "考核主体", "考评单位"}},
		{Key: "remarks", Label: "考核意见", names: []string{"考核意见", "备注", "说明"}},
	},
	KindPayments: {
		seqField,
		{Key: FieldContractNo, Label: "合同编号", Required: true, names: []string{"合同编号", "合同号", "合同编码"}},
		{Key: "date", Label: "支付日期", Required: true, names: []string{"支付日期", "付款日期", "日期", "拨付日期"}},
		{Key: "amount", Label: "支付金额", Required: true, money: true, names: []string{"支付金额", "付款金额", "金额", "本次支付", "拨付金额", "实付金额"}},
		{Key: "voucher", Label: "凭证号", names: []string{"凭证号", "凭证编号", "记账凭证号"}},
		{Key: "period", Label: "所属考核期间", names: []string{"考核期间", "所属期间", "支付期间"}},
		overReasonField,
		{Key: FieldNotes, Label: "备注", names: []string{"备注", "说明", "摘要"}},
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
		if s == f.Key || n == normHeader(f.Label) {
			return f, true
		}
	}
	return Field{}, false
}

// vocab is a kind's header vocabulary: normalised name → field key, and
// the names for containment matching, longest first.
type vocab struct {
	exact map[string]string
	names []vocabName
	money map[string]bool
}

type vocabName struct {
	name  string
	runes int
	field string
}

var vocabs = map[Kind]*vocab{}

func init() {
	for k, fields := range fieldsByKind {
		v := &vocab{exact: map[string]string{}, money: map[string]bool{}}
		for _, f := range fields {
			v.money[f.Key] = f.money
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
