package store

import (
	"context"
	"database/sql"
	"errors"

	"govbuy"
)

// FindCatalog returns the whole service catalog ordered by code, so parents
// come before their children.
func (db *DB) FindCatalog(ctx context.Context) ([]govbuy.CatalogItem, error) {
	rows, err := db.read.QueryContext(ctx,
		"SELECT id, COALESCE(parent_id, 0), code, name, kind, version FROM catalog ORDER BY code, id")
	if err != nil {
		return nil, wrapErr("find catalog", err)
	}
	defer rows.Close()
	out := []govbuy.CatalogItem{}
	for rows.Next() {
		var c govbuy.CatalogItem
		if err := rows.Scan(&c.ID, &c.ParentID, &c.Code, &c.Name, &c.Kind, &c.Version); err != nil {
			return nil, wrapErr("find catalog", err)
		}
		out = append(out, c)
	}
	return out, wrapErr("find catalog", rows.Err())
}

func findCatalogItemByID(ctx context.Context, q queryer, id int64) (*govbuy.CatalogItem, error) {
	var c govbuy.CatalogItem
	err := q.QueryRowContext(ctx,
		"SELECT id, COALESCE(parent_id, 0), code, name, kind, version FROM catalog WHERE id = ?", id).
		Scan(&c.ID, &c.ParentID, &c.Code, &c.Name, &c.Kind, &c.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("目录项", id)
	}
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// nullID stores 0 as NULL, for optional references.
func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

// CreateCatalogItem normalises, validates and stores a new catalog item,
// setting c.ID.
func (db *DB) CreateCatalogItem(ctx context.Context, c *govbuy.CatalogItem) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("create catalog item", err)
	}
	defer tx.Rollback()
	if err := checkCatalogParent(ctx, tx, c); err != nil {
		return wrapErr("create catalog item", err)
	}
	res, err := tx.ExecContext(ctx, "INSERT INTO catalog (parent_id, code, name, kind) VALUES (?, ?, ?, ?)",
		nullID(c.ParentID), c.Code, c.Name, string(c.Kind))
	if err != nil {
		return wrapErr("create catalog item", catalogCodeConflict(err, c.Code))
	}
	c.Version = 1 // the first version of a new record
	if c.ID, err = res.LastInsertId(); err != nil {
		return wrapErr("create catalog item", err)
	}
	if err := tx.audit(ctx, actionCreate, "catalog", c.ID, c.Code+" "+c.Name, nil, c); err != nil {
		return wrapErr("create catalog item", err)
	}
	return commit(tx, "create catalog item")
}

func catalogCodeConflict(err error, code string) error {
	if isUniqueViolation(err, "catalog.code") {
		return govbuy.Errorf(govbuy.EConflict, "目录编码", "“%s”已存在", code)
	}
	return err
}

// checkCatalogParent refuses a kind the schema does not know, a parent that
// does not exist, and a parent inside the item's own subtree (a loop would
// make the report's walk to the top category endless).
func checkCatalogParent(ctx context.Context, tx *writeTx, c *govbuy.CatalogItem) error {
	if c.Kind != "" && c.Kind != govbuy.KindPost && c.Kind != govbuy.KindProject {
		return govbuy.Invalidf("类型", "应为“岗位”或“项目”")
	}
	if c.ParentID == 0 {
		return nil
	}
	if _, err := findCatalogItemByID(ctx, tx, c.ParentID); err != nil {
		if govbuy.ErrorKindOf(err) == govbuy.ENotFound {
			return govbuy.Invalidf("上级目录", "未找到ID为%d的目录项", c.ParentID)
		}
		return err
	}
	if c.ID == 0 {
		return nil
	}
	var loops int
	err := tx.QueryRowContext(ctx, `
		WITH RECURSIVE up(id) AS (
			SELECT CAST(? AS INTEGER) UNION SELECT parent_id FROM catalog JOIN up ON catalog.id = up.id WHERE parent_id IS NOT NULL
		)
		SELECT COUNT(*) FROM up WHERE id = ?`, c.ParentID, c.ID).Scan(&loops)
	if err != nil {
		return err
	}
	if loops > 0 {
		return govbuy.Invalidf("上级目录", "不能选择本项或其下级作为上级目录")
	}
	return nil
}

// UpdateCatalogItem normalises, validates and saves a catalog item's
// changes.
func (db *DB) UpdateCatalogItem(ctx context.Context, c *govbuy.CatalogItem) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("update catalog item", err)
	}
	defer tx.Rollback()
	before, err := findCatalogItemByID(ctx, tx, c.ID)
	if err != nil {
		return wrapErr("update catalog item", err)
	}
	if err := checkCatalogParent(ctx, tx, c); err != nil {
		return wrapErr("update catalog item", err)
	}
	res, err := tx.ExecContext(ctx, "UPDATE catalog SET parent_id = ?, code = ?, name = ?, kind = ?, updated_at = ?, "+bumpVersion+
		" WHERE id = ? AND version = ?", nullID(c.ParentID), c.Code, c.Name, string(c.Kind), tx.stamp(), govbuy.ActorFrom(ctx), c.ID, c.Version)
	if err != nil {
		return wrapErr("update catalog item", catalogCodeConflict(err, c.Code))
	}
	if err := tx.checkSaved(ctx, res, catalogVersions, c.ID); err != nil {
		return wrapErr("update catalog item", err)
	}
	if err := tx.audit(ctx, actionUpdate, "catalog", c.ID, c.Code+" "+c.Name, before, c); err != nil {
		return wrapErr("update catalog item", err)
	}
	return commitVersion(tx, "update catalog item", &c.Version)
}

// DeleteCatalogItem removes a catalog item that has no children and no
// contracts.
func (db *DB) DeleteCatalogItem(ctx context.Context, id, version int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("delete catalog item", err)
	}
	defer tx.Rollback()
	before, err := findCatalogItemByID(ctx, tx, id)
	if err != nil {
		return wrapErr("delete catalog item", err)
	}
	if err := tx.checkRead(ctx, catalogVersions, id, before.Version, version); err != nil {
		return wrapErr("delete catalog item", err)
	}
	if err := catalogDeleteRule.refusal(ctx, tx, id); err != nil {
		return wrapErr("delete catalog item", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM catalog WHERE id = ?", id); err != nil {
		return wrapErr("delete catalog item", err)
	}
	if err := tx.audit(ctx, actionDelete, "catalog", id, before.Code+" "+before.Name, before, nil); err != nil {
		return wrapErr("delete catalog item", err)
	}
	return commit(tx, "delete catalog item")
}
