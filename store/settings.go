package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"govbuy"
)

// Setting keys.
const (
	settingDistrict     = "district"
	settingBureau       = "bureau"
	settingFirstYear    = "first_year"
	settingPresetPrefix = "import_preset:"
)

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

// DistrictProfile returns the district, its finance bureau and the first
// budget year. A district set without a bureau (the demo, a database from
// before the profile) comes with its usual one (govbuy.DefaultBureau).
func (db *DB) DistrictProfile(ctx context.Context) (govbuy.DistrictProfile, error) {
	p, err := districtProfile(ctx, db.read)
	return p, wrapErr("district profile", err)
}

func districtProfile(ctx context.Context, q queryer) (govbuy.DistrictProfile, error) {
	var p govbuy.DistrictProfile
	var year string
	for _, s := range []struct {
		key   string
		value *string
	}{{settingDistrict, &p.Name}, {settingBureau, &p.Bureau}, {settingFirstYear, &year}} {
		v, err := getSetting(ctx, q, s.key)
		if err != nil {
			return p, err
		}
		*s.value = v
	}
	if p.Bureau == "" {
		p.Bureau = govbuy.DefaultBureau(p.Name)
	}
	if year == "" {
		// A district loaded from a dataset (the demo) or from before the
		// profile existed starts where its contracts start, not this year.
		err := q.QueryRowContext(ctx, `SELECT COALESCE(MIN(year), 0) FROM contracts`).Scan(&p.FirstYear)
		return p, err
	}
	y, err := strconv.Atoi(year)
	if err != nil {
		return p, fmt.Errorf("first year %q: %w", year, err)
	}
	p.FirstYear = y
	return p, nil
}

// SetDistrictProfile sets the district, its finance bureau and the first
// budget year in one transaction: an administrator's act once roles are on,
// each changed value recorded in the audit log.
func (db *DB) SetDistrictProfile(ctx context.Context, p govbuy.DistrictProfile) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	tx, err := db.beginAct(ctx, govbuy.ActAdminister, "设置本区信息")
	if err != nil {
		return wrapErr("set district profile", err)
	}
	defer tx.Rollback()
	for _, s := range [][2]string{
		{settingDistrict, p.Name}, {settingBureau, p.Bureau}, {settingFirstYear, strconv.Itoa(p.FirstYear)},
	} {
		if err := setSetting(ctx, tx, s[0], s[1]); err != nil {
			return wrapErr("set district profile", err)
		}
	}
	return commit(tx, "set district profile")
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
