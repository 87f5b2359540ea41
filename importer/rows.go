package importer

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"govbuy"
)

// sheetPlan plans the data rows of one sheet under its header.
type sheetPlan struct {
	*Planner
	wb    *Workbook
	sheet *Sheet
	index int
	h     *Header
	cols  map[Key]*Column

	generated      int
	firstGenerated string
	methodDefault  int

	// The amounts of the rows read, for the sheet's own 合计 and 小计 rows
	// to be checked against: all rows, and those since the last 小计.
	sum, section govbuy.Money
	treasuryRows []treasuryEntry
}

func (sp *sheetPlan) run(ctx context.Context) error {
	sp.cols = map[Key]*Column{}
	for i := range sp.h.Columns {
		if f := sp.h.Columns[i].Field; f != "" {
			sp.cols[f] = &sp.h.Columns[i]
		}
	}
	if !sp.checkRequired() {
		return nil
	}
	v := vocabs[sp.opts.As]
	if sp.opts.As == KindContracts {
		// One contract a row: size the list once instead of doubling it.
		ds := sp.plan.Dataset
		ds.Contracts = slices.Grow(ds.Contracts, max(0, len(sp.sheet.Rows)-sp.h.DataRow+1))
	}
	for r := sp.h.DataRow - 1; r < len(sp.sheet.Rows); r++ {
		if r&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("importer: plan: %w", err)
			}
		}
		row := sp.sheet.Rows[r]
		if sp.skip(v, row) {
			if isTotalRow(row) {
				sp.checkTotal(row, r+1)
			}
			continue
		}
		sp.plan.Rows++
		rc := &rowCtx{sp: sp, row: row, num: r + 1}
		var err error
		switch sp.opts.As {
		case KindContractors:
			err = rc.contractor(ctx)
		case KindAssessments:
			err = rc.assessment(ctx)
		case KindPayments:
			err = rc.payment(ctx)
		case KindTreasury:
			rc.treasury()
		default:
			err = rc.contract(ctx)
		}
		if err != nil {
			return err
		}
		sp.plan.Problems = append(sp.plan.Problems, rc.problems...)
		sp.sum += rc.amount
		sp.section += rc.amount
	}
	sp.summarise()
	return sp.finishTreasury(ctx)
}

// checkTotal compares a 合计 row's amount with the sum of the rows it
// closes (a 小计 those since the last 小计, a 合计 all above) and warns of
// a difference, naming both figures: the sheet's own arithmetic is the
// officer's check that every row was read.
func (sp *sheetPlan) checkTotal(row []Cell, num int) {
	col := sp.cols[KeyAmount]
	if col == nil || col.Index >= len(row) || row[col.Index].IsEmpty() {
		return
	}
	stated, err := cellMoney(row[col.Index], col.Unit)
	sum, what := sp.sum, "合计"
	if isSubtotal(row) {
		sum, what = sp.section, "小计"
	}
	sp.section = 0
	if err != nil || stated == sum {
		return
	}
	diff := stated - sum
	if diff < 0 {
		diff = -diff
	}
	sp.plan.Warnings = append(sp.plan.Warnings, Warning{Kind: WarnTotalMismatch, File: sp.wb.Name, Sheet: sp.sheet.Name, Row: num,
		Message: fmt.Sprintf("%s行的%s为%s元，所计各行之和为%s元，相差%s元", what, col.Header, stated, sum, diff)})
}

// isSubtotal tells a 小计 row from a 合计 of the whole sheet.
func isSubtotal(row []Cell) bool {
	for _, c := range row {
		if c.Type == CellText && strings.Contains(compact(c.Text), "小计") {
			return true
		}
	}
	return false
}

// checkRequired reports each required field without a column; the sheet's
// rows are not read when one is missing, as every row would fail.
func (sp *sheetPlan) checkRequired() bool {
	ok := true
	for _, f := range fieldsByKind[sp.opts.As] {
		if f.Required && sp.cols[f.Key] == nil {
			sp.problem(Problem{File: sp.wb.Name, Sheet: sp.sheet.Name, Row: sp.h.Row, Column: f.Label,
				Message: fmt.Sprintf("缺少“%s”列：请检查表头，或用列对应关系指定哪一列是“%s”", f.Label, f.Label)})
			ok = false
		}
	}
	return ok
}

func (sp *sheetPlan) summarise() {
	if sp.generated > 0 {
		sp.plan.Generated += sp.generated
		sp.notice("“%s”工作表“%s”有%d行未填合同编号，已按年度顺序编号（如“%s”），再次导入同一文件时按同样编号跳过", sp.wb.Name, sp.sheet.Name, sp.generated, sp.firstGenerated)
	}
	if sp.methodDefault > 0 {
		sp.notice("“%s”工作表“%s”有%d行未填购买方式，已记为“其他”", sp.wb.Name, sp.sheet.Name, sp.methodDefault)
	}
}

// skip reports rows that hold no record: blank rows (序号 alone counts as
// blank), 合计/小计/总计 rows, and the header repeated on a later page.
func (sp *sheetPlan) skip(v *vocab, row []Cell) bool {
	seq := -1
	if c := sp.cols[KeySeq]; c != nil {
		seq = c.Index
	}
	blank := true
	for i, c := range row {
		if i != seq && !c.IsEmpty() {
			blank = false
			break
		}
	}
	return blank || isTotalRow(row) || (allText(row) && v.rowScore(row) >= 2)
}

var totalWords = []string{"合计", "小计", "总计", "共计"}

// isTotalRow looks at the first three non-empty cells for 合计/小计/总计/共计
// ("合  计", "本页小计", "总计：").
func isTotalRow(row []Cell) bool {
	seen := 0
	for _, c := range row {
		if c.IsEmpty() {
			continue
		}
		if seen++; seen > 3 {
			return false
		}
		if c.Type != CellText {
			continue
		}
		t := compact(c.Text)
		if len([]rune(t)) > 8 {
			continue
		}
		for _, w := range totalWords {
			if strings.Contains(t, w) {
				return true
			}
		}
	}
	return false
}

// rowCtx is one data row being planned; problems gather per cell.
type rowCtx struct {
	sp       *sheetPlan
	row      []Cell
	num      int // 1-based
	problems []Problem
	amount   govbuy.Money // the row's amount as read, for the sheet's 合计 rows
	// corrected is the conflict the officer answered with a corrected
	// code in the last match, nil when none: a correction that fails its
	// check offers the answers again.
	corrected *Conflict
}

// cell returns the cell of a field, empty when the field has no column.
func (rc *rowCtx) cell(field Key) Cell {
	c := rc.sp.cols[field]
	if c == nil || c.Index >= len(rc.row) {
		return Cell{}
	}
	return rc.row[c.Index]
}

func (rc *rowCtx) has(field Key) bool { return !rc.cell(field).IsEmpty() }

func (rc *rowCtx) text(field Key) string { return govbuy.CleanText(rc.cell(field).Text) }

// fail records a problem at a field's cell.
func (rc *rowCtx) fail(field Key, err error) {
	p := Problem{File: rc.sp.wb.Name, Sheet: rc.sp.sheet.Name, Row: rc.num, Message: message(err)}
	if c := rc.sp.cols[field]; c != nil {
		p.Column, p.Col = c.Header, c.Index+1
	} else if f, ok := fieldByKey(rc.sp.opts.As, string(field)); ok {
		p.Column = f.Label
	}
	rc.problems = append(rc.problems, p)
}

func (rc *rowCtx) failf(field Key, format string, args ...any) {
	rc.fail(field, problemf(format, args...))
}

// required returns a field's text, recording a problem when it is empty.
func (rc *rowCtx) required(field Key) string {
	t := rc.text(field)
	if t == "" {
		rc.failf(field, "不能为空")
	}
	return t
}

func (rc *rowCtx) money(field Key) (govbuy.Money, bool) {
	c := rc.cell(field)
	if c.IsEmpty() {
		return 0, false
	}
	m, err := cellMoney(c, rc.sp.cols[field].Unit)
	if err != nil {
		rc.fail(field, err)
		return 0, false
	}
	return m, true
}

// requiredMoney reads an amount that must be given.
func (rc *rowCtx) requiredMoney(field Key) govbuy.Money {
	m, ok := rc.money(field)
	if !ok && !rc.has(field) {
		rc.failf(field, "不能为空")
	}
	return m
}

// year is the row's 年度, else the year of the title lines (0 when
// neither says).
func (rc *rowCtx) year() int {
	if !rc.has(KeyYear) {
		return rc.sp.h.Year
	}
	y, err := parseYear(rc.cell(KeyYear).Text)
	if err != nil {
		rc.fail(KeyYear, err)
	}
	return y
}

func (rc *rowCtx) headcount() int {
	if !rc.has(KeyHeadcount) {
		return 0
	}
	n, err := parseCount(rc.cell(KeyHeadcount).Text)
	if err != nil {
		rc.fail(KeyHeadcount, err)
	}
	return n
}

// category matches the 服务类别 cell against the catalogue; a category it
// does not know is kept in the notes, with the row's own.
func (rc *rowCtx) category() (code, notes string) {
	notes = rc.text(KeyNotes)
	if !rc.has(KeyCategory) {
		return "", notes
	}
	text := rc.text(KeyCategory)
	if code, ok := matchCatalog(rc.sp.catalog, text); ok {
		return code, notes
	}
	return "", joinNotes(notes, "服务类别："+text)
}

// score reads the row's score; ok is false when there is none to import.
func (rc *rowCtx) score() (s govbuy.Score, ok bool) {
	if !rc.has(KeyScore) {
		return 0, false
	}
	s, err := parseScore(rc.cell(KeyScore))
	if err != nil {
		rc.fail(KeyScore, err)
		return 0, false
	}
	return s, true
}

func (rc *rowCtx) date(field Key) time.Time {
	c := rc.cell(field)
	if c.IsEmpty() {
		return time.Time{}
	}
	d, err := cellDate(c, rc.sp.sheet.Date1904)
	if err != nil {
		rc.fail(field, err)
	}
	return d
}

func (rc *rowCtx) source() Source {
	return Source{File: rc.sp.wb.Name, Sheet: rc.sp.sheet.Name, Row: rc.num}
}

// term reads start and end from their own columns, else from a term cell.
func (rc *rowCtx) term() (start, end time.Time) {
	start, end = rc.date(KeyStart), rc.date(KeyEnd)
	c := rc.cell(KeyTerm)
	if c.IsEmpty() || (!start.IsZero() && !end.IsZero()) {
		return start, end
	}
	if c.Type == CellDate || c.Type == CellNumber {
		d, err := cellDate(c, rc.sp.sheet.Date1904)
		if err != nil {
			rc.fail(KeyTerm, err)
		}
		return firstSet(start, d), end
	}
	s, e, err := ParseTerm(c.Text)
	if err != nil {
		rc.fail(KeyTerm, err)
		return start, end
	}
	return firstSet(start, s), firstSet(end, e)
}

func firstSet(a, b time.Time) time.Time {
	if !a.IsZero() {
		return a
	}
	return b
}

// creditCode normalises and checks the code of a contractor of type t
// (empty when unknown: a valid 身份证号 then passes as a person's).
func (rc *rowCtx) creditCode(t govbuy.ContractorType) string {
	code := govbuy.NormalizeCode(rc.text(KeyCreditCode))
	rc.checkCode(KeyCreditCode, code, t)
	return code
}

// checkCode records a problem at field's cell when code fails its check
// (checked once per code in a run).
func (rc *rowCtx) checkCode(field Key, code string, t govbuy.ContractorType) {
	if code == "" {
		return
	}
	key := string(field) + ":" + code
	if t.IsIndividual() {
		key = "id:" + key
	}
	err, seen := rc.sp.codeChecks[key]
	if !seen {
		err = codeCheck(field, code, t)
		rc.sp.codeChecks[key] = err
	}
	if err != nil {
		rc.fail(field, err)
	}
}

// checkCorrection checks the code the officer gave in answer to a conflict
// in the last match: one that fails its check is a problem of the code's
// cell that offers the conflict's answers again.
func (rc *rowCtx) checkCorrection(field Key, code string, t govbuy.ContractorType) {
	c := rc.corrected
	rc.corrected = nil
	if c == nil || code == "" {
		return
	}
	if err := codeCheck(field, code, t); err != nil {
		rc.failf(field, "更正后的%s“%s”有误：%s", c.Party.codeWord(), code, message(err))
		rc.problems[len(rc.problems)-1].Conflict = c
	}
}

// codeCheck checks a code: a unit's (field KeyUnitCode) is a
// 统一社会信用代码, as the unit form takes it; a contractor's is one, or a
// 身份证号 for a person (either, when its type is not known).
func codeCheck(field Key, code string, t govbuy.ContractorType) error {
	switch {
	case field == KeyUnitCode:
		return govbuy.ValidateCreditCode(code)
	case t.IsIndividual():
		return govbuy.ValidateIDCard(code)
	}
	err := govbuy.ValidateCreditCode(code)
	if err != nil && t == "" && govbuy.ValidateIDCard(code) == nil {
		return nil // a person's 身份证号 in a sheet without a type column
	}
	return err
}

// contractorType reads the type column; given reports whether the cell
// holds anything (an unrecognised type is then reported here).
func (rc *rowCtx) contractorType(field Key) (t govbuy.ContractorType, given bool) {
	return memoCell(rc, field, parseContractorType)
}

// validated runs a domain validator and records each problem at the cell
// of the field it names, else at fallback's.
func (rc *rowCtx) validated(err error, fallback Key) {
	if err == nil {
		return
	}
	var list govbuy.ValidationErrors
	switch e := err.(type) {
	case govbuy.ValidationErrors:
		list = e
	case *govbuy.Error:
		list = govbuy.ValidationErrors{e}
	default:
		rc.fail(fallback, err)
		return
	}
	for _, e := range list {
		field := vocabs[rc.sp.opts.As].byDomain[e.Field]
		if field == KeyEnd && rc.sp.cols[KeyEnd] == nil && rc.sp.cols[KeyTerm] != nil {
			field = KeyTerm
		}
		if field == "" {
			field = fallback // a contractor's 名称 in a contract ledger is its 承接主体
		}
		rc.fail(field, problemf("%s", e.Message))
	}
}

// memoCell parses the cell of key with memo, recording a problem at the
// cell when it cannot; ok reports whether the cell holds anything.
func memoCell[T any](rc *rowCtx, key Key, parse func(string) (T, error)) (v T, ok bool) {
	if !rc.has(key) {
		return v, false
	}
	v, err := memo(rc.sp.Planner, string(key), rc.text(key), parse)
	if err != nil {
		rc.fail(key, err)
	}
	return v, true
}

// memoEntry is a parsed value remembered by the text it came from.
type memoEntry struct {
	v   any
	err error
}

// memo parses text once per run: a ledger repeats the same few methods,
// types and funding sources in every row.
func memo[T any](p *Planner, kind, text string, parse func(string) (T, error)) (T, error) {
	key := kind + "\x00" + text
	if e, ok := p.memo[key]; ok {
		return e.v.(T), e.err
	}
	v, err := parse(text)
	if len(p.memo) < 10000 {
		p.memo[key] = memoEntry{v, err}
	}
	return v, err
}

// ledgerRow is one row of a contract ledger as read: the contract it
// makes, with the fields it gives, the contractor it names, and the year's
// payment and score that come with a new contract.
type ledgerRow struct {
	c             govbuy.DatasetContract
	unit          partyInput
	unitRef       *partyRef // the unit named, when this run or the store has it
	contractor    contractorInput
	newContractor *govbuy.Contractor // the contractor named, when neither this run nor the store has it
	paid          govbuy.Money       // 0 when the row pays nothing
	score         govbuy.Score
	hasScore      bool
}

// contract plans one row of a contract ledger: parse its cells, check the
// contract it makes (a stored one as the update leaves it), resolve its
// number and parties against this run and the store, and emit it.
func (rc *rowCtx) contract(ctx context.Context) error {
	lr := rc.parseContract()
	if err := rc.resolveUnit(ctx, &lr); err != nil {
		return err
	}
	stored, err := rc.storedUnder(ctx, &lr)
	if err != nil {
		return err
	}
	rc.checkContract(&lr, stored)
	ref, err := rc.resolveContractor(ctx, &lr)
	if err != nil {
		return err
	}
	rc.claimNumber(lr.c.Number)
	if len(rc.problems) > 0 {
		return nil
	}
	if stored != nil && !rc.sp.opts.Update {
		rc.sp.plan.Skipped++
		return nil
	}
	rc.resolveParties(&lr, ref)
	rc.emitContract(&lr, stored)
	return nil
}

// resolveUnit finds the purchasing unit the row names in this run or the
// store (by its code, then by name or a former name); a conflict is a
// problem of the code's or the name's cell. A stored unit without a code
// matched by name is the unit (no conflict); the row's code is recorded
// for it only in update mode, as the other fields of stored records are.
func (rc *rowCtx) resolveUnit(ctx context.Context, lr *ledgerRow) error {
	in := &lr.unit
	in.name, in.code = lr.c.UnitName, govbuy.NormalizeCode(rc.text(KeyUnitCode))
	rc.checkCode(KeyUnitCode, in.code, "")
	if in.name == "" {
		return nil
	}
	ref, conflict, err := rc.matchParty(ctx, &rc.sp.units, in)
	if conflict != nil {
		rc.conflictProblem(conflict, KeyUnit)
	}
	rc.checkCorrection(KeyUnitCode, in.code, "")
	lr.unitRef = ref
	if ref != nil && ref.idx < 0 && ref.code == "" && in.code != "" && rc.sp.opts.Update && codeCheck(KeyUnitCode, in.code, "") == nil {
		rc.sp.codeUnit(ref, in.code)
	}
	return err
}

// codeUnit records the code a row gave a stored unit that had none, once:
// the unit holds it for the rest of the run.
func (p *Planner) codeUnit(r *partyRef, code string) {
	r.code = code
	p.plan.Dataset.Units = append(p.plan.Dataset.Units, govbuy.DatasetUnit{Unit: govbuy.Unit{ID: r.id, Name: r.name, Code: code},
		Given: govbuy.NewFieldSet(govbuy.FieldCreditCode)})
	p.notice("单位“%s”登记时没有单位代码，将记为%s", r.name, code)
}

// parseContract reads the row's cells into the contract it makes,
// normalised, with the fields it gives; each cell that cannot be read is a
// problem at that cell.
func (rc *rowCtx) parseContract() ledgerRow {
	var lr ledgerRow
	c := &lr.c
	c.Number = rc.text(KeyContractNo)
	c.UnitName = rc.required(KeyUnit)
	c.Title = rc.required(KeyTitle)
	lr.contractor.name = rc.required(KeyContractor)
	c.Amount = rc.requiredMoney(KeyAmount)
	rc.amount = c.Amount
	lr.paid, _ = rc.money(KeyPaid)
	c.Year = rc.year()
	c.Start, c.End = rc.term()
	c.Headcount = rc.headcount()
	c.CatalogCode, c.Notes = rc.category()
	c.Kind = inferKind(c.Title, rc.text(KeyNotes), c.Headcount)
	if k, ok := memoCell(rc, KeyKind, parseKind); ok {
		c.Kind = k
	}
	c.Method = govbuy.MethodOther
	if m, ok := memoCell(rc, KeyMethod, parseMethod); ok {
		c.Method = m
	}
	c.Funding, _ = memoCell(rc, KeyFunding, parseFunding)
	c.FeeBasis = rc.text(KeyFeeBasis)
	c.PublicRecord = rc.publicRecord()
	c.Supplements = rc.supplement()
	lr.score, lr.hasScore = rc.score()
	c.Normalize()
	c.Given = rc.contractGiven(c)
	return lr
}

// publicRecord reads the row's dates of award, signing, publication,
// filing and procurement intention, with where it was published, its
// filing number and the reason a term runs past a year.
func (rc *rowCtx) publicRecord() govbuy.PublicRecord {
	return govbuy.PublicRecord{
		AwardDate: rc.date(KeyAwardDate), SignDate: rc.date(KeySignDate),
		PublishDate: rc.date(KeyPublishDate), PublishMedia: rc.text(KeyPublishMedia),
		FilingDate: rc.date(KeyFilingDate), FilingNo: rc.text(KeyFilingNo),
		IntentDate: rc.date(KeyIntentDate), ProcureDate: rc.date(KeyProcureDate),
		TermReason: rc.text(KeyTermReason),
		ProjectNo:  rc.text(KeyProjectNo), Place: rc.text(KeyPlace), Spec: rc.text(KeySpec),
	}
}

// supplement reads the supplementary contract a row may carry (its amount,
// date and number), none when the row has no amount. A ledger keeps one
// supplement a row; the store does not add it twice when the ledger is
// imported again to update its contracts.
func (rc *rowCtx) supplement() []govbuy.Supplement {
	amount, ok := rc.money(KeySupplementAmount)
	if !ok {
		if rc.has(KeySupplementDate) || rc.has(KeySupplementNo) {
			rc.failf(KeySupplementAmount, "填写了补充合同的日期或编号，请同时填写补充合同金额")
		}
		return nil
	}
	s := govbuy.Supplement{Number: rc.text(KeySupplementNo), Date: rc.date(KeySupplementDate), Amount: amount}
	s.Normalize()
	return []govbuy.Supplement{s}
}

// storedUnder gives a row without a contract number its generated one and
// finds the contract stored under the number, if any. The number is
// known by the unit as matched, so a unit named by a former name gets the
// number it got under its own.
func (rc *rowCtx) storedUnder(ctx context.Context, lr *ledgerRow) (*govbuy.ContractRow, error) {
	if lr.c.Number == "" {
		n, err := rc.sp.numbering(ctx)
		if err != nil {
			return nil, err
		}
		key := lr.c
		if lr.unitRef != nil {
			key.UnitName = lr.unitRef.name
		}
		lr.c.Number = n.next(&key)
		rc.sp.countGenerated(lr.c.Number)
	}
	return rc.sp.storedContract(ctx, lr.c.Number)
}

// checkContract checks the contract the row makes with placeholder
// parties (the store resolves them): for an update, the stored contract as
// the row leaves it, since what the row does not give stays as stored.
// The year's payment and score need a year to be booked in.
func (rc *rowCtx) checkContract(lr *ledgerRow, stored *govbuy.ContractRow) {
	check := lr.c.Contract
	if stored != nil && rc.sp.opts.Update {
		check = stored.Contract
		check.MergeFrom(lr.c.Contract, lr.c.Given)
		check.Normalize()
	} else {
		lr.c.Pending = rc.pending(&check)
		check.Pending = lr.c.Pending
	}
	check.UnitID, check.ContractorID = 1, 1
	rc.validated(check.Validate(), KeyTitle)
	for _, s := range lr.c.Supplements {
		if !s.Date.IsZero() || !rc.has(KeySupplementDate) { // else its date cell is the problem already
			rc.validated(s.Validate(&check), KeySupplementAmount)
		}
	}
	if lr.paid > 0 && lr.c.Year == 0 {
		rc.failf(KeyPaid, "无法确定支付年度：请增加“年度”列、在标题中写明年度或填写开始日期")
	}
	if lr.hasScore && lr.c.Year == 0 {
		rc.failf(KeyScore, "无法确定考核年度：请增加“年度”列、在标题中写明年度或填写开始日期")
	}
}

// pending are the fields the contract lacks because the sheet never had
// them (待补充): a post's headcount in a blank or absent cell, a term
// neither dated nor written. A cell that holds something wrong is a
// problem of that cell instead. Only a new contract is marked: an update
// keeps the stored contract's own marks.
func (rc *rowCtx) pending(c *govbuy.Contract) govbuy.FieldSet {
	missing := c.MissingFields()
	if rc.has(KeyHeadcount) {
		missing.Remove(govbuy.FieldHeadcount)
	}
	return missing
}

// resolveContractor finds the contractor the row names in this run or the
// store (by credit code, then by name), or makes it new: checked, with its
// type read from the row or inferred from its name and code.
func (rc *rowCtx) resolveContractor(ctx context.Context, lr *ledgerRow) (*partyRef, error) {
	in := &lr.contractor
	in.typ, in.typeGiven = rc.contractorType(KeyContractorType)
	in.code = rc.creditCode(in.typ)
	if in.name == "" {
		return nil, nil
	}
	ref, conflict, err := rc.matchParty(ctx, &rc.sp.contractors, &in.partyInput)
	rc.checkCorrection(KeyCreditCode, in.code, in.typ)
	switch {
	case err != nil || ref != nil:
		return ref, err
	case conflict != nil:
		rc.conflictProblem(conflict, KeyContractor)
		return nil, nil
	}
	lr.newContractor = rc.newContractor(govbuy.Contractor{Name: in.name, CreditCode: in.code, Type: in.typ,
		Notes: droppedNote(PartyContractor, in.partyInput)}, in.typeGiven, KeyContractor)
	return nil, nil
}

// claimNumber records the row's contract number for this run, refusing one
// an earlier row took.
func (rc *rowCtx) claimNumber(number string) {
	if prev, dup := rc.sp.numbers[number]; dup {
		rc.failf(KeyContractNo, "合同编号“%s”与%s重复", number, describe(prev, rc.source()))
		return
	}
	rc.sp.numbers[number] = rc.source()
}

// resolveParties names the row's unit as it is stored, and adds its unit
// and contractor when new: a unit or contractor a ledger names is created
// whole and updates nothing.
func (rc *rowCtx) resolveParties(lr *ledgerRow, ref *partyRef) {
	unit := lr.unitRef
	if unit == nil {
		in := lr.unit
		unit = rc.sp.addUnit(govbuy.Unit{Name: govbuy.CleanText(in.name), Code: in.code, Notes: droppedNote(PartyUnit, in)})
	}
	lr.c.UnitName = unit.name
	if ref == nil {
		ref = rc.sp.addContractor(govbuy.DatasetContractor{Contractor: *lr.newContractor})
	}
	lr.c.ContractorName, lr.c.ContractorCode = ref.name, ref.code
}

// emitContract adds the row's contract to the plan: an update of a stored
// one alone (the store takes the fields it gives; its payments and
// assessments stay as they are), a new one with the year's figures.
func (rc *rowCtx) emitContract(lr *ledgerRow, stored *govbuy.ContractRow) {
	sp := rc.sp
	if stored != nil {
		lr.c.ID = stored.ID
		sp.plan.Updated++
	} else if !rc.has(KeyMethod) {
		sp.methodDefault++
	}
	sp.plan.Dataset.Contracts = append(sp.plan.Dataset.Contracts, lr.c)
	sp.plan.Sources = append(sp.plan.Sources, rc.source())
	if stored == nil {
		rc.emitYearFigures(lr)
	}
}

// emitYearFigures books a new contract's 考核得分 as one annual assessment
// and its 已支付 as one payment, both on the last day of its year.
func (rc *rowCtx) emitYearFigures(lr *ledgerRow) {
	ds := rc.sp.plan.Dataset
	year, number := lr.c.Year, lr.c.Number
	period := ""
	if lr.hasScore {
		period = strconv.Itoa(year)
		ds.Assessments = append(ds.Assessments, govbuy.DatasetAssessment{
			Assessment:     govbuy.Assessment{Period: period, Score: lr.score, Date: lastDay(year), Remarks: "由台账导入"},
			ContractNumber: number,
		})
	}
	if lr.paid > 0 {
		ds.Payments = append(ds.Payments, govbuy.DatasetPayment{
			Payment: govbuy.Payment{Date: lastDay(year), Amount: lr.paid, Period: period, Notes: "由台账导入（已支付）",
				OverReason: rc.text(KeyOverReason)},
			ContractNumber: number,
			Origin:         rc.source().String(),
		})
	}
}

// contractGiven is what a ledger row says of its contract: the fields whose
// cells hold a value, with the year the row dates it by (its own, the
// title's, or its start date's) and the kind its kind or headcount cell
// gives. A cell left blank says nothing, so an update keeps what is stored
// there: ledgers leave cells blank for "unknown" far more often than to
// erase a record, and an update cannot be undone. Neither can a guess: a
// kind read from the title alone, and the 其他 a new contract gets without
// a method, are for new contracts only.
func (rc *rowCtx) contractGiven(c *govbuy.DatasetContract) govbuy.FieldSet {
	given := govbuy.NewFieldSet(govbuy.FieldUnit, govbuy.FieldTitle, govbuy.FieldContractor, govbuy.FieldAmount)
	if c.Year != 0 {
		given.Add(govbuy.FieldYear)
	}
	if c.CatalogCode != "" {
		given.Add(govbuy.FieldCatalog)
	}
	if c.Notes != "" {
		given.Add(govbuy.FieldNotes)
	}
	if !c.Start.IsZero() {
		given.Add(govbuy.FieldStart)
	}
	if !c.End.IsZero() {
		given.Add(govbuy.FieldEnd)
	}
	return rc.givenByCells(given, contractCells)
}

// cellField is a record's field that a row gives when the cell of key
// holds a value.
type cellField struct {
	key   Key
	field govbuy.Field
}

// contractCells are such fields of a contract; a headcount gives the kind
// too (people are a post's).
var contractCells = []cellField{
	{KeyKind, govbuy.FieldKind}, {KeyHeadcount, govbuy.FieldHeadcount}, {KeyHeadcount, govbuy.FieldKind},
	{KeyMethod, govbuy.FieldMethod}, {KeyFunding, govbuy.FieldFunding}, {KeyFeeBasis, govbuy.FieldFeeBasis},
	{KeyAwardDate, govbuy.FieldAwardDate}, {KeySignDate, govbuy.FieldSignDate}, {KeyPublishDate, govbuy.FieldPublishDate},
	{KeyPublishMedia, govbuy.FieldPublishMedia}, {KeyFilingDate, govbuy.FieldFilingDate}, {KeyFilingNo, govbuy.FieldFilingNo},
	{KeyIntentDate, govbuy.FieldIntentDate}, {KeyProcureDate, govbuy.FieldProcureDate}, {KeyTermReason, govbuy.FieldTermReason},
	{KeyProjectNo, govbuy.FieldProjectNo}, {KeyPlace, govbuy.FieldPlace}, {KeySpec, govbuy.FieldSpec},
}

// contractorCells are those of a contractor list's row, which gives its
// name besides (a type inferred from the name is for a new contractor).
var contractorCells = []cellField{
	{KeyType, govbuy.FieldContractorType}, {KeyCreditCode, govbuy.FieldCreditCode}, {KeyLegalRep, govbuy.FieldLegalRep},
	{KeyPhone, govbuy.FieldPhone}, {KeyAddress, govbuy.FieldAddress}, {KeyBank, govbuy.FieldBank},
	{KeyAccount, govbuy.FieldAccount}, {KeyQualification, govbuy.FieldQualification}, {KeyNotes, govbuy.FieldNotes},
}

// givenByCells adds to given the fields of cells whose cell holds a value.
func (rc *rowCtx) givenByCells(given govbuy.FieldSet, cells []cellField) govbuy.FieldSet {
	for _, cf := range cells {
		if rc.has(cf.key) {
			given.Add(cf.field)
		}
	}
	return given
}

// newContractor builds a contractor not yet stored from what the row reads
// (its name, code and type, and any other field), recording a problem when
// its type is neither given nor inferable or it fails validation.
func (rc *rowCtx) newContractor(read govbuy.Contractor, typeGiven bool, nameField Key) *govbuy.Contractor {
	c := &read
	if !typeGiven {
		c.Type = inferContractorType(c.Name, c.CreditCode)
	}
	if c.Type == "" && typeGiven {
		return c // reported with the type cell
	}
	typeField := KeyContractorType
	if rc.sp.opts.As == KindContractors {
		typeField = KeyType
	}
	if rc.sp.cols[typeField] == nil {
		typeField = nameField
	}
	if c.Type == "" {
		c.Pending.Add(govbuy.FieldContractorType) // 待补充: the name does not tell
	}
	check := *c
	check.Normalize()
	if err := check.Validate(); err != nil {
		// Code problems were reported already, with the cell; a type the
		// domain refuses (第八条) is reported at this sheet's type cell.
		var rest govbuy.ValidationErrors
		if list, ok := err.(govbuy.ValidationErrors); ok {
			for _, e := range list {
				switch e.Field {
				case govbuy.FieldCreditCode, govbuy.FieldIDCard:
				case govbuy.FieldContractorType:
					rc.fail(typeField, problemf("%s", e.Message))
				default:
					rest = append(rest, e)
				}
			}
		}
		rc.validated(rest.Err(), nameField)
	}
	return c
}

// countGenerated notes a number given to a row without one.
func (sp *sheetPlan) countGenerated(number string) {
	if sp.generated == 0 {
		sp.firstGenerated = number
	}
	sp.generated++
}

// describe names where an earlier row was, relative to the current one.
func describe(prev, cur Source) string {
	if prev.File == cur.File && prev.Sheet == cur.Sheet {
		return fmt.Sprintf("第%d行", prev.Row)
	}
	if prev.File == cur.File {
		return fmt.Sprintf("工作表“%s”第%d行", prev.Sheet, prev.Row)
	}
	return fmt.Sprintf("“%s”工作表“%s”第%d行", prev.File, prev.Sheet, prev.Row)
}

func joinNotes(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + "；" + b
}

// contractor plans one row of a contractor list.
func (rc *rowCtx) contractor(ctx context.Context) error {
	sp := rc.sp
	name := rc.required(KeyName)
	typ, typeGiven := rc.contractorType(KeyType)
	code := rc.creditCode(typ)
	if name == "" {
		return nil
	}
	in := partyInput{name: name, code: code}
	ref, conflict, err := rc.matchParty(ctx, &sp.contractors, &in)
	if err != nil {
		return err
	}
	rc.checkCorrection(KeyCreditCode, in.code, typ)
	if conflict != nil {
		rc.conflictProblem(conflict, KeyName)
		return nil
	}
	code = in.code
	if ref != nil && ref.idx >= 0 {
		rc.failf(KeyName, "与前面的“%s”重复", ref.name)
		return nil
	}
	read := govbuy.Contractor{Name: name, CreditCode: code, Type: typ,
		LegalRep: rc.text(KeyLegalRep), Phone: rc.text(KeyPhone), Address: rc.text(KeyAddress),
		Bank: rc.text(KeyBank), Account: rc.text(KeyAccount), Notes: joinNotes(rc.text(KeyNotes), droppedNote(PartyContractor, in))}
	if q := rc.text(KeyQualification); q != "" {
		read.Qualifications = []govbuy.Qualification{{Kind: q}}
	}
	c := rc.newContractor(read, typeGiven, KeyName)
	if len(rc.problems) > 0 {
		return nil
	}
	given := rc.givenByCells(govbuy.NewFieldSet(govbuy.FieldName), contractorCells)
	if ref != nil { // stored already
		if !sp.opts.Update {
			sp.plan.Skipped++
			return nil
		}
		stored, err := sp.lookup.FindContractorByCode(ctx, code, name)
		if err != nil || stored == nil {
			return fmt.Errorf("importer: find contractor %q: %w", name, err)
		}
		c.ID = stored.ID
		sp.plan.Updated++
		sp.plan.Dataset.Contractors = append(sp.plan.Dataset.Contractors, govbuy.DatasetContractor{Contractor: *c, Given: given})
		sp.plan.Sources = append(sp.plan.Sources, rc.source())
		return nil
	}
	sp.addContractor(govbuy.DatasetContractor{Contractor: *c, Given: given})
	sp.plan.Sources = append(sp.plan.Sources, rc.source())
	return nil
}

// knownContract checks that an assessment's or payment's contract exists in
// the store or earlier in this run.
func (rc *rowCtx) knownContract(ctx context.Context, number string) error {
	if _, ok := rc.sp.numbers[number]; ok {
		return nil
	}
	stored, err := rc.sp.storedContract(ctx, number)
	if err != nil {
		return err
	}
	if stored == nil {
		rc.failf(KeyContractNo, "合同编号“%s”不存在，请先导入或登记该合同", number)
	}
	return nil
}

var shortPeriod = regexp.MustCompile(`^(?:第?[一二三四1-4]季度?|[Qq][1-4]|[上下]半年|\d{1,2}月)$`)

// period reads an assessment period; a period without its year ("第二季度")
// takes the year of the date column or of the title.
func (rc *rowCtx) period(field Key, date time.Time) (string, bool) {
	t := rc.text(field)
	if t == "" {
		return "", false
	}
	p, err := govbuy.ParsePeriod(t)
	if err != nil && shortPeriod.MatchString(compact(t)) {
		year := rc.sp.h.Year
		if !date.IsZero() {
			year = date.Year()
		}
		if year != 0 {
			p, err = govbuy.ParsePeriod(strconv.Itoa(year) + "年" + strings.TrimPrefix(compact(t), "第"))
		}
	}
	if err != nil {
		rc.fail(field, err)
		return "", false
	}
	return p, true
}

// assessment plans one row of an assessment list.
func (rc *rowCtx) assessment(ctx context.Context) error {
	sp := rc.sp
	number := rc.required(KeyContractNo)
	date := rc.date(KeyDate)
	period, _ := rc.period(KeyPeriod, date)
	if rc.text(KeyPeriod) == "" {
		rc.failf(KeyPeriod, "不能为空")
	}
	score, _ := rc.score()
	if !rc.has(KeyScore) {
		rc.failf(KeyScore, "不能为空")
	}
	if number != "" {
		if err := rc.knownContract(ctx, number); err != nil {
			return err
		}
		if period != "" {
			key := number + "|" + period
			if prev, dup := sp.assessed[key]; dup {
				rc.failf(KeyPeriod, "合同“%s”的%s考核与%s重复", number, govbuy.PeriodLabel(period), describe(prev, rc.source()))
			} else {
				sp.assessed[key] = rc.source()
			}
		}
	}
	if len(rc.problems) > 0 {
		return nil
	}
	sp.plan.Dataset.Assessments = append(sp.plan.Dataset.Assessments, govbuy.DatasetAssessment{
		Assessment: govbuy.Assessment{Period: period, Score: score, Date: date,
			Assessor: rc.text(KeyAssessor), Remarks: rc.text(KeyRemarks)},
		ContractNumber: number,
	})
	sp.plan.Sources = append(sp.plan.Sources, rc.source())
	return nil
}

// payment plans one row of a payment list.
func (rc *rowCtx) payment(ctx context.Context) error {
	sp := rc.sp
	number := rc.required(KeyContractNo)
	date := rc.date(KeyDate)
	if !rc.has(KeyDate) {
		rc.failf(KeyDate, "不能为空")
	}
	amount, ok := rc.money(KeyAmount)
	rc.amount = amount
	switch {
	case !rc.has(KeyAmount):
		rc.failf(KeyAmount, "不能为空")
	case ok && amount <= 0:
		rc.failf(KeyAmount, "支付金额应大于0")
	}
	period, _ := rc.period(KeyPeriod, date)
	if number != "" {
		if err := rc.knownContract(ctx, number); err != nil {
			return err
		}
	}
	if len(rc.problems) > 0 {
		return nil
	}
	sp.plan.Dataset.Payments = append(sp.plan.Dataset.Payments, govbuy.DatasetPayment{
		Payment: govbuy.Payment{Date: date, Amount: amount, Period: period,
			Voucher: rc.text(KeyVoucher), Notes: rc.text(KeyNotes), OverReason: rc.text(KeyOverReason)},
		ContractNumber: number,
		Origin:         rc.source().String(),
	})
	sp.plan.Sources = append(sp.plan.Sources, rc.source())
	return nil
}
