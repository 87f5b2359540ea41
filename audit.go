package govbuy

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// AuditEntry is one row of the audit log: who changed what and when, with
// the record before and after as JSON. Label names the record as it was
// when the entry was written (a contract's number, a contractor's name), so
// a later rename or delete does not lose it.
type AuditEntry struct {
	ID       int64  `json:"id"`
	At       string `json:"at"` // RFC 3339, UTC
	Actor    string `json:"actor"`
	Action   string `json:"action"`
	Entity   string `json:"entity"`
	EntityID int64  `json:"entity_id,omitempty"`
	Label    string `json:"label,omitempty"`
	Before   string `json:"before,omitempty"`
	After    string `json:"after,omitempty"`
}

// AuditFilter narrows the audit log; zero fields do not filter.
type AuditFilter struct {
	Entity string
	Actor  string
	Label  string    // part of the record's number or name
	From   time.Time // first day included
	To     time.Time // last day included
	Limit  int
}

// AuditService reads the audit log.
type AuditService interface {
	// FindAuditLog lists the entries f selects, newest first: at most
	// f.Limit, 1,000 when unset.
	FindAuditLog(ctx context.Context, f AuditFilter) ([]AuditEntry, error)
}

// AuditEntity is a kind of record the audit log names, with the word an
// auditor reads.
type AuditEntity struct {
	Key, Name string
}

// AuditEntities are the kinds of record the store audits, in the order the
// 操作日志 filter offers them.
var AuditEntities = []AuditEntity{
	{"contract", "合同"}, {"contractor", "承接主体"}, {"unit", "单位"}, {"plan", "考核方案"},
	{"assessment", "考核"}, {"inspection", "督查"}, {"payment", "支付"}, {"payment_request", "付款申请"},
	{"hint", "合规提示"}, {"import", "导入"}, {"dataset", "数据"}, {"year", "年度"},
	{"catalog", "服务目录"}, {"requirement", "服务要求"}, {"fee_standard", "收费标准"},
	{"setting", "设置"}, {"user", "用户"}, {"database", "数据库"},
}

// auditActions are the operations in an auditor's words; auditActionsOn
// words one differently for one kind of record.
var (
	auditActions = map[string]string{
		"create": "新增", "update": "修改", "delete": "删除", "load": "载入", "close": "结账",
		"reopen": "反结账", "approve": "审批", "restore": "恢复", "undo": "撤销",
	}
	auditActionsOn = map[string]string{
		"hint/update": "确认", "import/create": "导入", "payment_request/create": "提交", "dataset/load": "载入",
	}
)

// ActionName is the entry's operation in Chinese: 新增, 修改, 结账….
func (e AuditEntry) ActionName() string {
	if name, ok := auditActionsOn[e.Entity+"/"+e.Action]; ok {
		return name
	}
	if name, ok := auditActions[e.Action]; ok {
		return name
	}
	return e.Action
}

// EntityName is the kind of record in Chinese: 合同, 承接主体….
func (e AuditEntry) EntityName() string {
	for _, k := range AuditEntities {
		if k.Key == e.Entity {
			return k.Name
		}
	}
	return e.Entity
}

// Record names the record the entry is about: "合同 YX2024-076", "设置
// 公开招标限额"; an entry written before records carried their label (and
// whose record was gone by then) falls back to the row's number.
func (e AuditEntry) Record() string {
	label := e.Label
	if e.Entity == "setting" {
		label = SettingName(label)
	}
	switch {
	case label != "":
		return e.EntityName() + " " + label
	case e.EntityID != 0:
		return e.EntityName() + " 第" + strconv.FormatInt(e.EntityID, 10) + "号记录"
	}
	return e.EntityName()
}

// ActorName is who made the change: the signed-in user, or the operating
// system account ("操作系统账户 zhangsan") the store recorded. Changes made
// with no actor at all (programs and tests) read 系统.
func (e AuditEntry) ActorName() string {
	if e.Actor == "" || e.Actor == "system" {
		return "系统"
	}
	return e.Actor
}

// LocalTime is when the change was made, in the computer's time zone, to
// the second.
func (e AuditEntry) LocalTime() string {
	t, err := time.Parse(time.RFC3339, e.At)
	if err != nil {
		return e.At
	}
	return t.Local().Format("2006-01-02 15:04:05")
}

// Cells are the entry as the 操作日志 lists it and its Excel export writes
// it, under AuditColumns.
func (e AuditEntry) Cells() []string {
	return []string{e.LocalTime(), e.ActorName(), e.ActionName(), e.Record(), e.ChangeText()}
}

// AuditColumns name the cells of an entry.
var AuditColumns = []string{"时间", "操作人", "操作", "对象", "修改内容"}

// ChangeText is Changes one to a line.
func (e AuditEntry) ChangeText() string { return strings.Join(e.Changes(), "\n") }

// settingNames are the settings by their Chinese names.
var settingNames = map[string]string{
	"district": "区县名称", "tender_threshold_fen": "公开招标限额", "approval_threshold_fen": "审批金额",
	"fee_departure_bp": "收费标准允许偏离", "backup_dir": "备份文件夹", "restore_pending": "待恢复的备份",
}

// SettingName is a setting's name in Chinese; a year's narrative and an
// import's column mapping carry their year and header hash in the key.
func SettingName(key string) string {
	if name, ok := settingNames[key]; ok {
		return name
	}
	if year, ok := strings.CutPrefix(key, "narrative:"); ok {
		return year + "年度报告文字"
	}
	if strings.HasPrefix(key, "import_preset:") {
		return "导入列对应关系"
	}
	return key
}
