package store

import (
	"context"
	"strconv"
	"strings"

	"govbuy"
)

// deleteRule is what keeps a record from being deleted: the records that
// still refer to it. The delete refuses with it inside its transaction, and
// the window asks it beforehand (UnitDeleteRefusal…) to disable 删除 with
// the same reason, so the two can never disagree.
type deleteRule struct {
	subject string // how the refusal names the record: 该单位
	refs    []deleteRef
}

// deleteRef counts one kind of record that refers to the one deleted.
type deleteRef struct {
	count string // a COUNT(*) query on the record's id
	what  string // the measure and noun after the count: 份合同
}

var (
	unitDeleteRule       = deleteRule{"该单位", []deleteRef{{"SELECT COUNT(*) FROM contracts WHERE unit_id = ?", "份合同"}}}
	contractorDeleteRule = deleteRule{"该承接主体", []deleteRef{{"SELECT COUNT(*) FROM contracts WHERE contractor_id = ?", "份合同"}}}
	contractDeleteRule   = deleteRule{"该合同", []deleteRef{
		{"SELECT COUNT(*) FROM payments WHERE contract_id = ?", "笔支付记录"},
		{"SELECT COUNT(*) FROM assessments WHERE contract_id = ?", "条考核记录"},
		{"SELECT COUNT(*) FROM inspections WHERE contract_id = ?", "条督查记录"},
	}}
	feeStandardDeleteRule = deleteRule{"该收费标准", []deleteRef{{"SELECT COUNT(*) FROM contracts WHERE fee_standard_id = ?", "份合同"}}}
	catalogDeleteRule     = deleteRule{"该目录项", []deleteRef{
		{"SELECT COUNT(*) FROM catalog WHERE parent_id = ?", "个下级目录项"},
		{"SELECT COUNT(*) FROM contracts WHERE catalog_id = ?", "份合同"},
	}}
)

// refusal returns an EConflict error naming every kind of record that still
// refers to id ("该合同有2笔支付记录、4条考核记录，不能删除"), nil when
// nothing does.
func (r deleteRule) refusal(ctx context.Context, q queryer, id int64) error {
	var held []string
	for _, ref := range r.refs {
		n, err := countRows(ctx, q, ref.count, id)
		if err != nil {
			return err
		}
		if n > 0 {
			held = append(held, strconv.Itoa(n)+ref.what)
		}
	}
	if len(held) == 0 {
		return nil
	}
	return govbuy.Errorf(govbuy.EConflict, "", "%s有%s，不能删除", r.subject, strings.Join(held, "、"))
}

// UnitDeleteRefusal says why DeleteUnit would refuse the unit, nil when it
// would not.
func (db *DB) UnitDeleteRefusal(ctx context.Context, id int64) error {
	return wrapErr("check unit delete", unitDeleteRule.refusal(ctx, db.read, id))
}

// ContractorDeleteRefusal says why DeleteContractor would refuse the
// contractor, nil when it would not.
func (db *DB) ContractorDeleteRefusal(ctx context.Context, id int64) error {
	return wrapErr("check contractor delete", contractorDeleteRule.refusal(ctx, db.read, id))
}

// ContractDeleteRefusal says why DeleteContract would refuse the contract,
// nil when it would not.
func (db *DB) ContractDeleteRefusal(ctx context.Context, id int64) error {
	return wrapErr("check contract delete", contractDeleteRule.refusal(ctx, db.read, id))
}
