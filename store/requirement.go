package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"govbuy"
)

// hintRequirement is the hint code under which the reason for going ahead
// with a contractor who does not meet a requirement is kept.
const hintRequirement = "requirement"

// SaveRequirement stores the requirement of a catalog item, replacing any.
func (db *DB) SaveRequirement(ctx context.Context, r *govbuy.Requirement) error {
	if err := r.Validate(); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("save requirement", err)
	}
	defer tx.Rollback()
	if err := checkCatalogCode(ctx, tx, r.CatalogCode); err != nil {
		return err
	}
	if err := upsertRequirement(ctx, tx, r); err != nil {
		return wrapErr("save requirement", err)
	}
	if err := tx.audit(ctx, actionUpdate, "requirement", 0, r.CatalogCode, nil, r); err != nil {
		return wrapErr("save requirement", err)
	}
	return commit(tx, "save requirement")
}

// checkCatalogCode refuses a requirement for an item not in the catalog: it
// would be kept but never apply to any contract.
func checkCatalogCode(ctx context.Context, q queryer, code string) error {
	var found int
	err := q.QueryRowContext(ctx, "SELECT 1 FROM catalog WHERE code = ?", code).Scan(&found)
	if errors.Is(err, sql.ErrNoRows) {
		return unknownCatalogCode(code)
	}
	if err != nil {
		return wrapErr("find catalog item", err)
	}
	return nil
}

func unknownCatalogCode(code string) error {
	return govbuy.Invalidf("服务类别", "服务目录中没有编码为“%s”的项目", code)
}

func upsertRequirement(ctx context.Context, tx *writeTx, r *govbuy.Requirement) error {
	body, err := json.Marshal(r)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO requirements (catalog_code, body, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (catalog_code) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
		r.CatalogCode, string(body), tx.stamp())
	return err
}

// requirementFor finds the requirement of a catalog item, or of the nearest
// category above it; nil when none applies.
func requirementFor(ctx context.Context, q queryer, catalogID int64) (*govbuy.Requirement, error) {
	if catalogID == 0 {
		return nil, nil
	}
	var code string
	if err := q.QueryRowContext(ctx, "SELECT code FROM catalog WHERE id = ?", catalogID).Scan(&code); err != nil {
		return nil, notFoundIfNoRows(err, "服务目录", catalogID)
	}
	for ; code != ""; code = govbuy.CatalogParentCode(code) {
		var body string
		err := q.QueryRowContext(ctx, "SELECT body FROM requirements WHERE catalog_code = ?", code).Scan(&body)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, err
		}
		var r govbuy.Requirement
		return &r, json.Unmarshal([]byte(body), &r)
	}
	return nil, nil
}

// RequirementGaps says, before a contract is saved, what its contractor
// lacks for its service's requirement (empty when it meets it or there is
// none), and the reason on record for going ahead with a stored contract.
func (db *DB) RequirementGaps(ctx context.Context, c *govbuy.Contract) (missing []string, reason string, err error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, "", wrapErr("requirement gaps", err)
	}
	defer tx.Rollback()
	if missing, err = requirementGaps(ctx, tx, c); err != nil || len(missing) == 0 || c.ID == 0 {
		return missing, "", wrapErr("requirement gaps", err)
	}
	acks, err := hintAcks(ctx, tx, c.ID)
	return missing, acks[hintRequirement], wrapErr("requirement gaps", err)
}

// requirementGaps is what c's contractor lacks for its service's
// requirement, one sentence each; nil without a service or contractor.
func requirementGaps(ctx context.Context, q queryer, c *govbuy.Contract) ([]string, error) {
	if c.CatalogID == 0 || c.ContractorID == 0 {
		return nil, nil
	}
	req, err := requirementFor(ctx, q, c.CatalogID)
	if err != nil || req == nil {
		return nil, err
	}
	k, err := findContractorByID(ctx, q, c.ContractorID)
	if err != nil {
		return nil, err
	}
	return req.Missing(k, c), nil
}

// checkRequirement refuses a contract whose contractor does not meet its
// service's requirement unless a reason is given (or, for a stored
// contract, was given before), saying what is missing.
func checkRequirement(ctx context.Context, tx *writeTx, c *govbuy.Contract, stored bool) error {
	missing, err := requirementGaps(ctx, tx, c)
	if err != nil {
		return err
	}
	c.RequirementReason = govbuy.CleanText(c.RequirementReason)
	if len(missing) == 0 || c.RequirementReason != "" {
		return nil
	}
	if stored {
		acks, err := hintAcks(ctx, tx, c.ID)
		if err != nil || acks[hintRequirement] != "" {
			return err
		}
	}
	return govbuy.Invalidf("不符合要求的理由", "承接主体不符合该服务的要求：%s。如确需签订，请填写理由", strings.Join(missing, "；"))
}

// keepRequirementReason records the reason given for going ahead.
func keepRequirementReason(ctx context.Context, tx *writeTx, c *govbuy.Contract) error {
	if c.RequirementReason == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO hint_acks (contract_id, rule, reason, actor, at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (contract_id, rule) DO UPDATE SET reason = excluded.reason, actor = excluded.actor, at = excluded.at`,
		c.ID, hintRequirement, c.RequirementReason, govbuy.ActorFrom(ctx), tx.stamp())
	return err
}

// requirementsByCatalogID maps every catalog item to the requirement that
// applies to it (its own, else its nearest category's), for checking many
// contracts at once.
func requirementsByCatalogID(ctx context.Context, q queryer) (map[int64]*govbuy.Requirement, error) {
	byCode := map[string]*govbuy.Requirement{}
	err := eachRow(ctx, q, "SELECT catalog_code, body FROM requirements", func(rows *sql.Rows) error {
		var code, body string
		if err := rows.Scan(&code, &body); err != nil {
			return err
		}
		var r govbuy.Requirement
		byCode[code] = &r
		return json.Unmarshal([]byte(body), &r)
	})
	if err != nil || len(byCode) == 0 {
		return nil, err
	}
	out := map[int64]*govbuy.Requirement{}
	err = eachRow(ctx, q, "SELECT id, code FROM catalog", func(rows *sql.Rows) error {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			return err
		}
		for ; code != ""; code = govbuy.CatalogParentCode(code) {
			if r, ok := byCode[code]; ok {
				out[id] = r
				break
			}
		}
		return nil
	})
	return out, err
}

// FindRequirements lists the stored requirements by catalog code.
func (db *DB) FindRequirements(ctx context.Context) ([]govbuy.Requirement, error) {
	out := []govbuy.Requirement{}
	err := eachRow(ctx, db.read, "SELECT body FROM requirements ORDER BY catalog_code", func(rows *sql.Rows) error {
		var body string
		if err := rows.Scan(&body); err != nil {
			return err
		}
		var r govbuy.Requirement
		err := json.Unmarshal([]byte(body), &r)
		out = append(out, r)
		return err
	})
	return out, wrapErr("find requirements", err)
}

// DeleteRequirement stops asking anything of the contractors of a catalog
// item. Reasons recorded for going ahead stay with their contracts.
func (db *DB) DeleteRequirement(ctx context.Context, catalogCode string) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return wrapErr("delete requirement", err)
	}
	defer tx.Rollback()
	var body string
	err = tx.QueryRowContext(ctx, "SELECT body FROM requirements WHERE catalog_code = ?", catalogCode).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return govbuy.Errorf(govbuy.ENotFound, "服务类别", "目录项“%s”没有设置服务要求", catalogCode)
	}
	if err != nil {
		return wrapErr("delete requirement", err)
	}
	var before govbuy.Requirement
	if err := json.Unmarshal([]byte(body), &before); err != nil {
		return wrapErr("delete requirement", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM requirements WHERE catalog_code = ?", catalogCode); err != nil {
		return wrapErr("delete requirement", err)
	}
	if err := tx.audit(ctx, actionDelete, "requirement", 0, before.CatalogCode, before, nil); err != nil {
		return wrapErr("delete requirement", err)
	}
	return commit(tx, "delete requirement")
}
