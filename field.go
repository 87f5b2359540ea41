package govbuy

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Field names a field of a record the way an officer reads it: what a
// domain error concerns (Error.Field), the label a form shows the problem
// beside, and what an import maps a column to. Each name is one constant,
// so a form, an import and a message cannot spell it two ways; a
// criterion of an assessment scheme, named by the district, is a Field
// too (Field(criterion.Name)).
type Field string

// Fields of a contract.
const (
	FieldContractNo        Field = "合同编号"
	FieldYear              Field = "年度"
	FieldUnit              Field = "购买主体"
	FieldContractor        Field = "承接主体"
	FieldCatalog           Field = "服务类别"
	FieldKind              Field = "类型"
	FieldTitle             Field = "项目名称"
	FieldHeadcount         Field = "岗位人数"
	FieldMethod            Field = "购买方式"
	FieldAmount            Field = "合同金额"
	FieldStart             Field = "开始日期"
	FieldEnd               Field = "结束日期"
	FieldTerm              Field = "合同期限" // start and end together, as a pending mark names them
	FieldFunding           Field = "资金来源"
	FieldFeeBasis          Field = "收费依据"
	FieldFeeStandard       Field = "收费标准"
	FieldFeeQuantity       Field = "计费数量"
	FieldFeeBase           Field = "计费基数"
	FieldFeeShare          Field = "计价比例"
	FieldStatus            Field = "状态"
	FieldNotes             Field = "备注"
	FieldRequirementReason Field = "不符合要求的理由"
)

// Fields of a contract's public record (PublicRecord) and of the working
// calendar.
const (
	FieldAwardDate        Field = "中标（成交）通知书日期"
	FieldSignDate         Field = "合同签订日期"
	FieldPublishDate      Field = "合同公告日期"
	FieldPublishMedia     Field = "公告媒体"
	FieldFilingDate       Field = "备案日期"
	FieldFilingNo         Field = "备案编号"
	FieldIntentDate       Field = "采购意向公开日期"
	FieldProcureDate      Field = "采购活动开始日期"
	FieldTermReason       Field = "跨年度合同说明"
	FieldProjectNo        Field = "项目编号"
	FieldPlace            Field = "履约地点"
	FieldSpec             Field = "服务要求"
	FieldSupplementNo     Field = "补充合同编号"
	FieldSupplementDate   Field = "补充合同签订日期"
	FieldSupplementAmount Field = "补充合同金额"
	FieldHolidays         Field = "放假日期"
	FieldWorkdays         Field = "调休上班日期"
)

// Fields of a contractor.
const (
	FieldName           Field = "名称"
	FieldContractorType Field = "主体类型"
	FieldCreditCode     Field = "统一社会信用代码"
	FieldIDCard         Field = "身份证号" // a person's code (个人)
	FieldCodeOverride   Field = "代码说明"
	FieldLegalRep       Field = "法定代表人"
	FieldPhone          Field = "联系电话"
	FieldAddress        Field = "地址"
	FieldBank           Field = "开户银行"
	FieldAccount        Field = "银行账号"
	FieldQualification  Field = "资质"
)

// Fields of a purchasing unit (its code is a FieldCreditCode, its phone a
// FieldPhone, its notes FieldNotes).
const (
	FieldUnitName  Field = "单位名称"
	FieldUnitKind  Field = "单位类型"
	FieldUnitClass Field = "事业单位类别"
	FieldContact   Field = "联系人"
)

// Fields of payments, assessments, plans and inspections.
const (
	FieldContract        Field = "合同"
	FieldPayDate         Field = "支付日期"
	FieldPayAmount       Field = "支付金额"
	FieldVoucher         Field = "凭证号"
	FieldTreasuryVoucher Field = "支付凭证号"
	FieldPayeeAccount    Field = "收款账号"
	FieldOverReason      Field = "超付原因"
	FieldPeriod          Field = "考核期间"
	FieldScore           Field = "得分"
	FieldAssessor        Field = "考核人"
	FieldPeriodKind      Field = "考核周期"
	FieldCriteria        Field = "考核指标"
	FieldGradeBands      Field = "等级分界"
	FieldRule            Field = "支付规则"
	FieldFloor           Field = "保底比例"
	FieldPayBands        Field = "支付档次"
	FieldThreshold       Field = "达标分数"
	FieldWithheld        Field = "考核金比例"
	FieldInspectDate     Field = "督查日期"
	FieldInspectKind     Field = "督查方式"
	FieldInspectors      Field = "督查人员"
	FieldFindings        Field = "督查发现"
	FieldAttachments     Field = "附件"
	FieldDeductions      Field = "扣分"
)

// Fields of the catalogue, fee standards and service requirements.
const (
	FieldCatalogName Field = "目录名称"
	FieldCatalogCode Field = "目录编码"
	FieldFeeName     Field = "标准名称"
	FieldFeeSource   Field = "来源"
	FieldFeeUnit     Field = "计价单位"
	FieldFeeKind     Field = "计价方式"
	FieldMonthlyPay  Field = "月薪标准"
	FieldPrice       Field = "单价"
	FieldFeeBands    Field = "累进档次"
	FieldQualKind    Field = "资质要求"
	FieldMinLevel    Field = "资质等级"
)

// Fields of the district's profile.
const (
	FieldDistrict  Field = "区县名称"
	FieldBureau    Field = "财政局"
	FieldFirstYear Field = "首个预算年度"
)

// FieldSet is a set of a record's fields: those a dataset's row gives —
// the cells an imported row fills — which an update of the stored record
// takes while keeping the rest (the MergeFrom methods). It is explicit
// because a blank cannot say it: 0 people, an empty note and "the sheet
// has no such column" all look alike in a record. The zero value is empty.
type FieldSet struct{ bits uint64 }

// givable are the fields a FieldSet holds: those an update can give.
var givable = []Field{
	FieldYear, FieldUnit, FieldContractor, FieldCatalog, FieldKind, FieldTitle, FieldHeadcount, FieldMethod,
	FieldAmount, FieldStart, FieldEnd, FieldFunding, FieldFeeBasis, FieldFeeStandard, FieldStatus, FieldNotes,
	FieldName, FieldContractorType, FieldCreditCode, FieldCodeOverride, FieldLegalRep, FieldPhone, FieldAddress,
	FieldBank, FieldAccount, FieldQualification, FieldUnitKind, FieldUnitClass, FieldContact, FieldTerm,
	FieldAwardDate, FieldSignDate, FieldPublishDate, FieldPublishMedia, FieldFilingDate, FieldFilingNo,
	FieldIntentDate, FieldProcureDate, FieldTermReason, FieldProjectNo, FieldPlace, FieldSpec,
}

var fieldBits = func() map[Field]uint64 {
	bits := make(map[Field]uint64, len(givable))
	for i, f := range givable {
		bits[f] = 1 << i
	}
	return bits
}()

// bit is f's place in a FieldSet. A field no update can give is a
// mistake in the program, not in the data, so it panics.
func bit(f Field) uint64 {
	b, ok := fieldBits[f]
	if !ok {
		panic("govbuy: a FieldSet cannot hold " + string(f))
	}
	return b
}

// NewFieldSet returns the set of fields.
func NewFieldSet(fields ...Field) FieldSet {
	var s FieldSet
	for _, f := range fields {
		s.Add(f)
	}
	return s
}

// Add puts f in the set.
func (s *FieldSet) Add(f Field) { s.bits |= bit(f) }

// Has reports whether f is in the set.
func (s FieldSet) Has(f Field) bool { return s.bits&bit(f) != 0 }

// Empty reports whether the set holds no field.
func (s FieldSet) Empty() bool { return s.bits == 0 }

// Remove takes f out of the set.
func (s *FieldSet) Remove(f Field) { s.bits &^= bit(f) }

// Fields lists the set's fields in a fixed order.
func (s FieldSet) Fields() []Field {
	var out []Field
	for _, f := range givable {
		if s.Has(f) {
			out = append(out, f)
		}
	}
	return out
}

// String names the set's fields as a person reads them: 岗位人数、合同期限.
func (s FieldSet) String() string {
	names := make([]string, 0, 4)
	for _, f := range s.Fields() {
		names = append(names, string(f))
	}
	return strings.Join(names, "、")
}

// ParseFieldSet reads a set written by String; a name it does not know is
// left out, so a mark written by a later version never stops a read.
func ParseFieldSet(text string) FieldSet {
	var s FieldSet
	for _, name := range strings.Split(text, "、") {
		if _, ok := fieldBits[Field(name)]; ok {
			s.Add(Field(name))
		}
	}
	return s
}

// MarshalJSON writes the set as the list of its fields' names.
func (s FieldSet) MarshalJSON() ([]byte, error) {
	names := []string{}
	for _, f := range s.Fields() {
		names = append(names, string(f))
	}
	return json.Marshal(names)
}

// UnmarshalJSON reads a list written by MarshalJSON.
func (s *FieldSet) UnmarshalJSON(b []byte) error {
	var names []string
	if err := json.Unmarshal(b, &names); err != nil {
		return fmt.Errorf("field set: %w", err)
	}
	*s = ParseFieldSet(strings.Join(names, "、"))
	return nil
}
