package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"govbuy"
)

// DatasetCounts is what a dataset load did, as recorded in the audit log.
type DatasetCounts struct {
	District           string `json:"district,omitempty"`
	Replaced           bool   `json:"replaced,omitempty"`
	UnitsCreated       int    `json:"units_created"`
	UnitsUpdated       int    `json:"units_updated"`
	ContractorsCreated int    `json:"contractors_created"`
	ContractorsUpdated int    `json:"contractors_updated"`
	Contracts          int    `json:"contracts"`
	ContractsUpdated   int    `json:"contracts_updated,omitempty"`
	Assessments        int    `json:"assessments"`
	Payments           int    `json:"payments"`
	FeeStandards       int    `json:"fee_standards,omitempty"`
	Inspections        int    `json:"inspections,omitempty"`
}

// clearedCounts is what a replacing load deleted, as the audit "before".
type clearedCounts struct {
	Units       int64 `json:"units"`
	Contractors int64 `json:"contractors"`
	Contracts   int64 `json:"contracts"`
	Payments    int64 `json:"payments"`
	Assessments int64 `json:"assessments"`
}

// LoadDataset adds ds in one transaction: units and contractors are matched
// by name (a match is updated with the fields the dataset fills in, keeping
// the ones it leaves empty), contracts resolve their unit, contractor and
// catalog item by name or code and bring their assessment plans, payments
// and assessments their contract by number; an assessment is checked
// against its contract's plan and its score totalled from its items.
// Payments are stored as recorded, without the payable checks of
// CreatePayment: a dataset is history. Any unresolved name or invalid row
// fails the whole load, naming the row, and nothing is written. A database
// that already holds contracts is refused unless replace is set; then all
// the data is cleared first (the catalog stays, and missing default items
// come back). The load is audited as one row (entity "dataset", action
// "load").
//
// A load writes history wholesale, past maker–checker and the payable
// checks, so with roles on it is an administrator's act, replacing or not.
func (db *DB) LoadDataset(ctx context.Context, ds *govbuy.Dataset, replace bool) error {
	tx, err := db.beginAct(ctx, govbuy.ActAdminister, "载入或替换全部数据")
	if err != nil {
		return wrapErr("load dataset", err)
	}
	defer tx.Rollback()
	if err := loadDataset(ctx, tx, ds, replace); err != nil {
		return wrapErr("load dataset", err)
	}
	if err := commit(tx, "load dataset"); err != nil {
		return err
	}
	// A load can change the tables' sizes tenfold: refresh the planner's
	// statistics now rather than at Close. This is advisory: a failure
	// leaves older statistics, never wrong data, so it fails nothing.
	_ = db.optimize(ctx)
	return nil
}

func loadDataset(ctx context.Context, tx *writeTx, ds *govbuy.Dataset, replace bool) error {
	n, err := countRows(ctx, tx, "SELECT COUNT(*) FROM contracts")
	if err != nil {
		return err
	}
	if n > 0 && !replace {
		return govbuy.Errorf(govbuy.EConflict, "", "数据库中已有合同，如需替换请使用 --force")
	}
	var cleared *clearedCounts
	if replace {
		if cleared, err = clearData(ctx, tx); err != nil {
			return err
		}
	}
	counts := DatasetCounts{District: govbuy.CleanText(ds.District), Replaced: replace}
	if counts.District != "" {
		// A dataset's district comes without the bureau and first year of
		// the one it replaces: those go, and the bureau reads as its usual.
		for key, value := range map[string]string{settingDistrict: counts.District, settingBureau: "", settingFirstYear: ""} {
			if err := putSetting(ctx, tx, key, value); err != nil {
				return err
			}
		}
	}
	l, err := newLoader(ctx, tx)
	if err != nil {
		return err
	}
	if err := l.loadRequirements(ctx, ds.Requirements); err != nil {
		return err
	}
	if err := l.loadFeeStandards(ctx, ds.FeeStandards, &counts); err != nil {
		return err
	}
	if err := l.loadUnits(ctx, ds.Units, &counts); err != nil {
		return err
	}
	if err := l.loadContractors(ctx, ds.Contractors, &counts); err != nil {
		return err
	}
	if err := l.loadContracts(ctx, ds.Contracts, &counts); err != nil {
		return err
	}
	if err := l.loadPayments(ctx, ds.Payments, &counts); err != nil {
		return err
	}
	if err := l.loadInspections(ctx, ds.Inspections, &counts); err != nil {
		return err
	}
	if err := l.loadAssessments(ctx, ds.Assessments, &counts); err != nil {
		return err
	}
	var before any
	if cleared != nil {
		before = cleared
	}
	return tx.audit(ctx, actionLoad, "dataset", 0, counts.District, before, counts)
}

// clearData deletes everything but the catalog, settings and audit log,
// children first, and restores any default catalog item that is missing.
func clearData(ctx context.Context, tx *writeTx) (*clearedCounts, error) {
	var c clearedCounts
	steps := []struct {
		query string
		n     *int64
	}{
		{"DELETE FROM payment_requests", nil},
		{"DELETE FROM payments", &c.Payments},
		{"DELETE FROM payment_form_counters", nil}, // a new start numbers its forms from 0001
		{"DELETE FROM assessments", &c.Assessments},
		{"DELETE FROM inspections", nil},
		{"DELETE FROM plans", nil},
		{"DELETE FROM hint_acks", nil},
		{"DELETE FROM contract_supplements", nil},
		{"DELETE FROM contracts", &c.Contracts},
		{"DELETE FROM qualifications", nil},
		{"DELETE FROM contractors", &c.Contractors},
		{"DELETE FROM units", &c.Units},
		{"DELETE FROM import_batches", nil},
	}
	for _, s := range steps {
		res, err := tx.ExecContext(ctx, s.query)
		if err != nil {
			return nil, err
		}
		if s.n != nil {
			if *s.n, err = res.RowsAffected(); err != nil {
				return nil, err
			}
		}
	}
	return &c, ensureDefaultCatalog(ctx, tx)
}

// putSetting stores a setting without an audit row of its own (the caller
// audits the whole operation).
func putSetting(ctx context.Context, tx *writeTx, key, value string) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// loader resolves a dataset's names to ids from maps built once, so a load
// of 100,000 rows does no lookup query per row.
type loader struct {
	tx            *writeTx
	unitIDs       map[string]int64 // by name
	contractorIDs map[string]int64 // by name
	catalogCodes  map[string]int64
	catalogNames  map[string]int64
	contractIDs   map[string]int64 // by number: this load's contracts, and stored ones an import refers to
	feeIDs        map[string]int64 // fee standards by name
	// keepStored is set for imports: units and contractors already stored
	// are matched (by name, contractors also by credit code) and left as
	// they are, never merged into.
	keepStored      bool
	contractorCodes map[string]int64 // by credit code, for keepStored
	// batch is the import batch the contracts are written under, 0 for a
	// dataset load: set as each is inserted, so the import need not
	// rewrite 100,000 rows afterwards to tag them.
	batch int64
}

func newLoader(ctx context.Context, tx *writeTx) (*loader, error) {
	l := &loader{tx: tx, contractIDs: map[string]int64{}}
	var err error
	if l.unitIDs, err = idsByText(ctx, tx, "SELECT name, id FROM units ORDER BY id DESC"); err != nil {
		return nil, err
	}
	if l.contractorIDs, err = idsByText(ctx, tx, "SELECT name, id FROM contractors ORDER BY id DESC"); err != nil {
		return nil, err
	}
	if l.contractorCodes, err = idsByText(ctx, tx, "SELECT credit_code, id FROM contractors WHERE credit_code <> ''"); err != nil {
		return nil, err
	}
	if l.catalogCodes, err = idsByText(ctx, tx, "SELECT code, id FROM catalog"); err != nil {
		return nil, err
	}
	if l.catalogNames, err = idsByText(ctx, tx, "SELECT name, id FROM catalog ORDER BY id DESC"); err != nil {
		return nil, err
	}
	if l.feeIDs, err = idsByText(ctx, tx, "SELECT name, id FROM fee_standards"); err != nil {
		return nil, err
	}
	return l, nil
}

// idsByText maps the first column to the second. Rows come in descending id
// order where names may repeat, so the lowest id wins.
func idsByText(ctx context.Context, tx *writeTx, query string) (map[string]int64, error) {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]int64{}
	for rows.Next() {
		var k string
		var id int64
		if err := rows.Scan(&k, &id); err != nil {
			return nil, err
		}
		m[k] = id
	}
	return m, rows.Err()
}

// rowError names the dataset row a problem belongs to, keeping its kind:
// 合同第3条“2024-001”：购买主体：未找到“某局”.
func rowError(what string, i int, name string, err error) error {
	err = constraintError(err)
	if !isDomainError(err) {
		return err
	}
	return govbuy.Errorf(govbuy.ErrorKindOf(err), "", "%s第%d条“%s”：%s", what, i+1, name, govbuy.ErrorMessage(err))
}

// loadUnits creates the units not stored yet; outside an import, one whose
// name is stored updates that unit with the fields it gives, as does, in
// an import, one that carries its stored ID (the importer's update mode).
func (l *loader) loadUnits(ctx context.Context, units []govbuy.DatasetUnit, counts *DatasetCounts) error {
	for i := range units {
		u := units[i].Unit
		u.Normalize()
		if err := u.Validate(); err != nil {
			return rowError("单位", i, u.Name, err)
		}
		id, ok := l.unitIDs[u.Name]
		if u.ID != 0 {
			id, ok = u.ID, true
		}
		if !ok {
			if err := createUnit(ctx, l.tx, &u); err != nil {
				return rowError("单位", i, u.Name, err)
			}
			l.unitIDs[u.Name] = u.ID
			counts.UnitsCreated++
			continue
		}
		if l.keepStored && u.ID == 0 {
			continue
		}
		old, err := findUnitByID(ctx, l.tx, id)
		if err != nil {
			return err
		}
		old.MergeFrom(u, units[i].Given)
		if err := updateUnit(ctx, l.tx, old); err != nil {
			return rowError("单位", i, u.Name, err)
		}
		counts.UnitsUpdated++
	}
	return nil
}

// loadContractors creates the contractors not stored yet. One that carries
// its stored ID (an import's update mode) updates the stored one with the
// fields it gives; so does one matched by name (or, in an import, by credit
// code), except in an import, which leaves it as is.
func (l *loader) loadContractors(ctx context.Context, list []govbuy.DatasetContractor, counts *DatasetCounts) error {
	for i := range list {
		c := list[i].Contractor
		c.Normalize()
		if err := c.Validate(); err != nil {
			return rowError("承接主体", i, c.Name, err)
		}
		id, ok := l.storedContractor(&c)
		switch {
		case !ok:
			if err := createContractor(ctx, l.tx, &c); err != nil {
				return rowError("承接主体", i, c.Name, err)
			}
			l.contractorIDs[c.Name] = c.ID
			if c.CreditCode != "" {
				l.contractorCodes[c.CreditCode] = c.ID
			}
			counts.ContractorsCreated++
			continue
		case l.keepStored && c.ID == 0:
			l.contractorIDs[c.Name] = id // contracts may name it as the dataset does
			continue
		}
		if err := l.mergeContractor(ctx, id, c, list[i].Given); err != nil {
			return rowError("承接主体", i, c.Name, err)
		}
		counts.ContractorsUpdated++
	}
	return nil
}

// storedContractor finds the stored contractor c stands for: by its ID,
// else by name, else (in an import) by credit code.
func (l *loader) storedContractor(c *govbuy.Contractor) (int64, bool) {
	if c.ID != 0 {
		return c.ID, true
	}
	if l.keepStored && c.CreditCode != "" {
		if id, ok := l.contractorCodes[c.CreditCode]; ok {
			return id, true
		}
		// A stored namesake with a code of its own is another contractor:
		// the importer let the officer say so.
		id, ok := l.contractorIDs[c.Name]
		return id, ok && !l.coded(id)
	}
	id, ok := l.contractorIDs[c.Name]
	return id, ok
}

// coded reports whether stored contractor id has a credit code.
func (l *loader) coded(id int64) bool {
	for _, cid := range l.contractorCodes {
		if cid == id {
			return true
		}
	}
	return false
}

// loadFormerNames records the former names (曾用名) an import confirmed,
// of contractors (found by credit code, else by name) and of units (by
// name, which is unique: the importer names the unit as it is stored or
// created).
func (l *loader) loadFormerNames(ctx context.Context, ds *govbuy.Dataset) error {
	for _, f := range ds.FormerNames {
		id, ok := l.contractorCodes[govbuy.NormalizeCode(f.Code)]
		if !ok || f.Code == "" {
			id, ok = l.contractorIDs[govbuy.CleanText(f.Owner)]
		}
		if !ok {
			return govbuy.Errorf(govbuy.EInvalid, govbuy.FieldContractor, "未找到承接主体“%s”，无法记录曾用名“%s”", f.Owner, f.Name)
		}
		if err := l.formerName(ctx, "contractor_names", "contractor_id", id, f.Name); err != nil {
			return err
		}
	}
	for _, f := range ds.UnitFormerNames {
		id, ok := l.unitIDs[govbuy.CleanText(f.Owner)]
		if !ok {
			return govbuy.Errorf(govbuy.EInvalid, govbuy.FieldUnit, "未找到单位“%s”，无法记录曾用名“%s”", f.Owner, f.Name)
		}
		if err := l.formerName(ctx, "unit_names", "unit_id", id, f.Name); err != nil {
			return err
		}
	}
	return nil
}

// formerName records one former name in table (contractor_names or
// unit_names, never input), once: ON CONFLICT is what SQLite and
// PostgreSQL both accept.
func (l *loader) formerName(ctx context.Context, table, owner string, id int64, name string) error {
	_, err := l.tx.ExecContext(ctx, "INSERT INTO "+table+" ("+owner+", name) VALUES (?, ?) ON CONFLICT ("+owner+", name) DO NOTHING",
		id, govbuy.CleanText(name))
	if err != nil {
		return fmt.Errorf("former name %q: %w", name, err)
	}
	return nil
}

func (l *loader) mergeContractor(ctx context.Context, id int64, c govbuy.Contractor, given govbuy.FieldSet) error {
	if c.ID != 0 && given.Empty() {
		return updateGivesNothing()
	}
	old, err := findContractorByID(ctx, l.tx, id)
	if err != nil {
		return err
	}
	delete(l.contractorIDs, old.Name)
	old.MergeFrom(c, given)
	if err := updateContractor(ctx, l.tx, old); err != nil {
		return err
	}
	l.contractorIDs[old.Name] = id
	return nil
}

func (l *loader) loadContracts(ctx context.Context, list []govbuy.DatasetContract, counts *DatasetCounts) error {
	stmt, err := l.tx.PrepareContext(ctx, insertContractSQL)
	if err != nil {
		return err
	}
	defer stmt.Close()
	rebuild, err := deferIndexes(ctx, l.tx, "contracts", len(list))
	if err != nil {
		return err
	}
	if err := l.insertContracts(ctx, stmt, list, counts); err != nil {
		return err
	}
	return rebuild()
}

// insertContracts stores each of list, new contracts without a plan or
// supplements in batches, the others through stmt, the prepared insert,
// with their plan and supplements.
func (l *loader) insertContracts(ctx context.Context, stmt execer, list []govbuy.DatasetContract, counts *DatasetCounts) error {
	stamp := l.tx.stamp()
	batch := newContractBatch(l, stamp, counts)
	defer batch.close()
	for i := range list {
		dc := &list[i]
		c, err := l.readyContract(ctx, *dc)
		if err != nil {
			// A refusal of a queued contract comes first: it is an earlier row.
			if ferr := batch.flush(ctx); ferr != nil {
				return ferr
			}
			return rowError("合同", i, dc.Number, err)
		}
		if c.ID == 0 && dc.Plan == nil && len(dc.Supplements) == 0 {
			if err := batch.add(ctx, i, &c); err != nil {
				return err
			}
			continue
		}
		if err := batch.flush(ctx); err != nil {
			return err
		}
		if err := l.saveContract(ctx, stmt, stamp, &c, counts); err != nil {
			return rowError("合同", i, c.Number, err)
		}
		l.contractIDs[c.Number] = c.ID
		if err := l.savePlan(ctx, dc.Plan, &c); err != nil {
			return rowError("合同", i, c.Number, err)
		}
		if err := l.saveSupplements(ctx, dc.Supplements, &c); err != nil {
			return rowError("合同", i, c.Number, err)
		}
	}
	return batch.flush(ctx)
}

// readyContract is a dataset contract resolved to its ids (merged into the
// stored one it updates), normalised and checked, ready to save.
func (l *loader) readyContract(ctx context.Context, dc govbuy.DatasetContract) (govbuy.Contract, error) {
	if err := l.resolveContract(&dc); err != nil {
		return govbuy.Contract{}, err
	}
	c := dc.Contract
	if c.ID != 0 {
		stored, err := l.mergeContract(ctx, dc)
		if err != nil {
			return govbuy.Contract{}, err
		}
		c = *stored
	}
	c.Normalize()
	if err := c.Validate(); err != nil {
		return govbuy.Contract{}, err
	}
	return c, checkFeeStandard(ctx, l.tx, &c)
}

// saveSupplements adds a dataset contract's supplementary contracts,
// checked as AddSupplement checks them. One the contract has already (the
// same number, date and amount) is not added again: a ledger imported a
// second time to update its contracts carries the supplements it added the
// first time.
func (l *loader) saveSupplements(ctx context.Context, list []govbuy.Supplement, c *govbuy.Contract) error {
	for _, s := range list {
		s.ContractID = c.ID
		s.Normalize()
		if err := s.Validate(c); err != nil {
			return err
		}
		var n int
		if err := l.tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM contract_supplements WHERE contract_id = ? AND number = ? AND date = ? AND amount = ?",
			c.ID, s.Number, dateText(s.Date), int64(s.Amount)).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		if err := insertSupplement(ctx, l.tx, &s); err != nil {
			return err
		}
	}
	return nil
}

// mergeContract is the stored contract a dataset's row updates, with the
// fields the row gives.
func (l *loader) mergeContract(ctx context.Context, dc govbuy.DatasetContract) (*govbuy.Contract, error) {
	if dc.Given.Empty() {
		return nil, updateGivesNothing()
	}
	stored, err := findContract(ctx, l.tx, dc.ID)
	if err != nil {
		return nil, err
	}
	stored.MergeFrom(dc.Contract, dc.Given)
	return stored, nil
}

// updateGivesNothing refuses a row that names a stored record to update
// but gives none of its fields: it would change nothing while counting as
// an update, a mistake of whatever built the dataset.
func updateGivesNothing() error {
	return govbuy.Errorf(govbuy.EInvalid, "", "要更新原有记录，却未给出任何字段")
}

// saveContract inserts a new contract, or updates a stored one the dataset
// names by ID (an import's update mode; loadContracts found it).
func (l *loader) saveContract(ctx context.Context, stmt execer, stamp string, c *govbuy.Contract, counts *DatasetCounts) error {
	if c.ID == 0 {
		counts.Contracts++
		return insertContractWith(ctx, stmt, stamp, l.batch, c)
	}
	counts.ContractsUpdated++
	return updateContract(ctx, l.tx, c)
}

// savePlan stores a dataset contract's plan, checked as SavePlan checks it.
func (l *loader) savePlan(ctx context.Context, p *govbuy.AssessmentPlan, c *govbuy.Contract) error {
	if p == nil {
		return nil
	}
	plan := *p
	plan.ContractID = c.ID
	plan.Normalize()
	if err := plan.Validate(); err != nil {
		return err
	}
	if err := checkInstallments(&plan, c); err != nil {
		return err
	}
	// A plan the contract has already is replaced, whatever version it is
	// at: the load reads it in its own transaction, and the new version
	// tells a form opened on the old plan that it changed.
	stored, err := findPlan(ctx, l.tx, c.ID)
	if err != nil {
		return err
	}
	if stored != nil {
		plan.Version = stored.Version
	}
	return writePlan(ctx, l.tx, &plan, stored != nil)
}

// loadRequirements stores the dataset's service requirements, each for an
// item of the catalog.
func (l *loader) loadRequirements(ctx context.Context, list []govbuy.Requirement) error {
	for i := range list {
		r := list[i]
		if err := r.Validate(); err != nil {
			return rowError("资质要求", i, r.CatalogCode, err)
		}
		if _, ok := l.catalogCodes[r.CatalogCode]; !ok {
			return rowError("资质要求", i, r.CatalogCode, unknownCatalogCode(r.CatalogCode))
		}
		if err := upsertRequirement(ctx, l.tx, &r); err != nil {
			return err
		}
	}
	return nil
}

// loadFeeStandards stores the dataset's fee standards, replacing stored
// ones of the same name.
// storedFeeVersion points f at the stored standard of its name, if any, at
// the version the load reads in its own transaction: the load replaces it
// whatever its version, and the new one tells an open form it changed.
func (l *loader) storedFeeVersion(ctx context.Context, f *govbuy.FeeStandard) error {
	f.ID, f.Version = l.feeIDs[govbuy.CleanText(f.Name)], 0
	if f.ID == 0 {
		return nil
	}
	return l.tx.QueryRowContext(ctx, "SELECT version FROM fee_standards WHERE id = ?", f.ID).Scan(&f.Version)
}

func (l *loader) loadFeeStandards(ctx context.Context, list []govbuy.FeeStandard, counts *DatasetCounts) error {
	for i := range list {
		f := list[i]
		if err := f.Validate(); err != nil {
			return rowError("收费标准", i, f.Name, err)
		}
		if err := l.storedFeeVersion(ctx, &f); err != nil {
			return err
		}
		if err := upsertFeeStandard(ctx, l.tx, &f); err != nil {
			return rowError("收费标准", i, f.Name, err)
		}
		l.feeIDs[f.Name] = f.ID
		counts.FeeStandards++
	}
	return nil
}

// loadInspections stores the dataset's inspections, checked as
// CreateInspection checks them; they come before the assessments their
// deductions reach.
func (l *loader) loadInspections(ctx context.Context, list []govbuy.DatasetInspection, counts *DatasetCounts) error {
	for i := range list {
		in := list[i].Inspection
		id, err := l.contractID(ctx, list[i].ContractNumber)
		if err != nil {
			return rowError("督查记录", i, list[i].ContractNumber, err)
		}
		in.ContractID = id
		if err := checkInspection(ctx, l.tx, &in); err != nil {
			return rowError("督查记录", i, list[i].ContractNumber, err)
		}
		if err := insertInspection(ctx, l.tx, &in); err != nil {
			return rowError("督查记录", i, list[i].ContractNumber, err)
		}
		counts.Inspections++
	}
	return nil
}

// loadAssessments stores the dataset's assessments, checked against their
// contracts' plans and with scores totalled from their items.
func (l *loader) loadAssessments(ctx context.Context, list []govbuy.DatasetAssessment, counts *DatasetCounts) error {
	for i := range list {
		a := list[i].Assessment
		id, err := l.contractID(ctx, list[i].ContractNumber)
		if err != nil {
			return rowError("考核记录", i, list[i].ContractNumber, err)
		}
		a.ContractID = id
		if err := checkAssessment(ctx, l.tx, &a); err != nil {
			return rowError("考核记录", i, list[i].ContractNumber, err)
		}
		if err := insertAssessment(ctx, l.tx, &a); err != nil {
			if isUniqueViolation(err, "assessments.contract_id") {
				err = govbuy.Errorf(govbuy.EConflict, govbuy.FieldPeriod, "%s已有考核记录", govbuy.PeriodLabel(a.Period))
			}
			return rowError("考核记录", i, list[i].ContractNumber, err)
		}
		counts.Assessments++
	}
	return nil
}

// resolveContract sets the ids of the unit, contractor and catalog item a
// dataset contract names. Ids already set are kept when no name is given.
func (l *loader) resolveContract(dc *govbuy.DatasetContract) error {
	var v govbuy.ValidationErrors
	if name := govbuy.CleanText(dc.UnitName); name != "" {
		if dc.UnitID = l.unitIDs[name]; dc.UnitID == 0 {
			v = append(v, govbuy.Invalidf(govbuy.FieldUnit, "未找到单位“%s”", name))
		}
	}
	if id, ok := l.contractorCodes[govbuy.NormalizeCode(dc.ContractorCode)]; ok && dc.ContractorCode != "" {
		dc.ContractorID = id
	} else if name := govbuy.CleanText(dc.ContractorName); name != "" {
		if dc.ContractorID = l.contractorIDs[name]; dc.ContractorID == 0 {
			v = append(v, govbuy.Invalidf(govbuy.FieldContractor, "未找到承接主体“%s”", name))
		}
	}
	if name := govbuy.CleanText(dc.FeeStandard); name != "" {
		if dc.FeeStandardID = l.feeIDs[name]; dc.FeeStandardID == 0 {
			v = append(v, govbuy.Invalidf(govbuy.FieldFeeStandard, "未找到收费标准“%s”", name))
		}
	}
	if code := govbuy.CleanText(dc.CatalogCode); code != "" {
		id, ok := l.catalogCodes[code]
		if !ok {
			id, ok = l.catalogNames[code]
		}
		if !ok {
			v = append(v, govbuy.Invalidf(govbuy.FieldCatalog, "目录中没有编码或名称为“%s”的项目", code))
		}
		dc.CatalogID = id
	}
	return v.Err()
}

func (l *loader) loadPayments(ctx context.Context, list []govbuy.DatasetPayment, counts *DatasetCounts) error {
	stmt, err := l.tx.PrepareContext(ctx, insertPaymentSQL)
	if err != nil {
		return err
	}
	defer stmt.Close()
	stamp := l.tx.stamp()
	for i := range list {
		dp := list[i]
		p := dp.Payment
		if number := govbuy.CleanText(dp.ContractNumber); number != "" {
			id, err := l.contractID(ctx, number)
			if err != nil {
				return rowError("支付记录", i, number, err)
			}
			p.ContractID = id
		}
		p.Normalize()
		if err := p.Validate(); err != nil {
			return rowError("支付记录", i, dp.ContractNumber, err)
		}
		if err := insertPaymentWith(ctx, stmt, stamp, &p); err != nil {
			return rowError("支付记录", i, dp.ContractNumber, err)
		}
		counts.Payments++
	}
	return nil
}

// contractID finds a contract by number: one this load inserted, else (for
// imports of payments and assessments) one stored before, remembered so
// each number is looked up once.
func (l *loader) contractID(ctx context.Context, number string) (int64, error) {
	number = govbuy.CleanText(number)
	if id, ok := l.contractIDs[number]; ok {
		return id, nil
	}
	var id int64
	err := l.tx.QueryRowContext(ctx, "SELECT id FROM contracts WHERE number = ?", number).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, govbuy.Invalidf(govbuy.FieldContractNo, "未找到合同“%s”", number)
	}
	if err != nil {
		return 0, err
	}
	l.contractIDs[number] = id
	return id, nil
}
