package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"

	"govbuy"
)

// Setting keys.
const (
	settingDistrict     = "district"
	settingPresetPrefix = "import_preset:"
)

var _ govbuy.MappingPresets = (*DB)(nil)

// District returns the district's name ("" until one is set).
func (db *DB) District(ctx context.Context) (string, error) {
	v, err := getSetting(ctx, db.read, settingDistrict)
	return v, wrapErr("district", err)
}

// SetDistrict sets the district's name, recorded in the audit log.
func (db *DB) SetDistrict(ctx context.Context, name string) error {
	name = govbuy.CleanText(name)
	tx, err := db.beginAct(ctx, govbuy.ActAdminister, "设置区县名称")
	if err != nil {
		return wrapErr("set district", err)
	}
	defer tx.Rollback()
	if err := setSetting(ctx, tx, settingDistrict, name); err != nil {
		return wrapErr("set district", err)
	}
	return commit(tx, "set district")
}

// LoadPreset returns the import column mapping saved under key, or nil.
func (db *DB) LoadPreset(ctx context.Context, key string) (map[string]string, error) {
	v, err := getSetting(ctx, db.read, settingPresetPrefix+key)
	if err != nil || v == "" {
		return nil, wrapErr("load preset", err)
	}
	var m map[string]string
	if err := json.Unmarshal([]byte(v), &m); err != nil {
		return nil, wrapErr("load preset", err)
	}
	return m, nil
}

// SavePreset stores an import column mapping under key.
func (db *DB) SavePreset(ctx context.Context, key string, m map[string]string) error {
	b, err := json.Marshal(m)
	if err != nil {
		return wrapErr("save preset", err)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("save preset", err)
	}
	defer tx.Rollback()
	if err := setSetting(ctx, tx, settingPresetPrefix+key, string(b)); err != nil {
		return wrapErr("save preset", err)
	}
	return commit(tx, "save preset")
}

func getSetting(ctx context.Context, q queryer, key string) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// settingChange is how a setting appears in the audit log.
type settingChange struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// setSetting stores a setting and audits the change (entity "setting");
// writing the value it already has records nothing.
func setSetting(ctx context.Context, tx *writeTx, key, value string) error {
	old, err := getSetting(ctx, tx, key)
	if err != nil {
		return err
	}
	if old == value {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value); err != nil {
		return err
	}
	return tx.audit(ctx, actionUpdate, "setting", 0, key, settingChange{key, old}, settingChange{key, value})
}

// TenderThreshold returns the contract amount from which the compliance
// hints expect 公开招标: the setting, else govbuy.DefaultTenderThreshold.
func (db *DB) TenderThreshold(ctx context.Context) (govbuy.Money, error) {
	m, err := tenderThreshold(ctx, db.read)
	return m, wrapErr("tender threshold", err)
}

// SetTenderThreshold sets the open-tender threshold (recorded in the audit
// log); 0 goes back to the default.
func (db *DB) SetTenderThreshold(ctx context.Context, m govbuy.Money) error {
	if m < 0 {
		return govbuy.Invalidf("公开招标数额标准", "不能为负数")
	}
	value := ""
	if m > 0 {
		value = strconv.FormatInt(int64(m), 10)
	}
	tx, err := db.beginAct(ctx, govbuy.ActAdminister, "设置公开招标数额标准")
	if err != nil {
		return wrapErr("set tender threshold", err)
	}
	defer tx.Rollback()
	if err := setSetting(ctx, tx, settingTenderThreshold, value); err != nil {
		return wrapErr("set tender threshold", err)
	}
	return commit(tx, "set tender threshold")
}
