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
	cols  map[string]*Column

	generated      int
	firstGenerated string
	methodDefault  int
}

func (sp *sheetPlan) run(ctx context.Context) error {
	sp.cols = map[string]*Column{}
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
		default:
			err = rc.contract(ctx)
		}
		if err != nil {
			return err
		}
		sp.plan.Problems = append(sp.plan.Problems, rc.problems...)
	}
	sp.summarise()
	return nil
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
		sp.notice("“%s”工作表“%s”有%d行未填合同编号，已按文件校验值和行号生成（如“%s”）", sp.wb.Name, sp.sheet.Name, sp.generated, sp.firstGenerated)
	}
	if sp.methodDefault > 0 {
		sp.notice("“%s”工作表“%s”有%d行未填购买方式，已记为“其他”", sp.wb.Name, sp.sheet.Name, sp.methodDefault)
	}
}

// skip reports rows that hold no record: blank rows (序号 alone counts as
// blank), 合计/小计/总计 rows, and the header repeated on a later page.
func (sp *sheetPlan) skip(v *vocab, row []Cell) bool {
	seq := -1
	if c := sp.cols[FieldSeq]; c != nil {
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
}

// cell returns the cell of a field, empty when the field has no column.
func (rc *rowCtx) cell(field string) Cell {
	c := rc.sp.cols[field]
	if c == nil || c.Index >= len(rc.row) {
		return Cell{}
	}
	return rc.row[c.Index]
}

func (rc *rowCtx) has(field string) bool { return !rc.cell(field).IsEmpty() }

func (rc *rowCtx) text(field string) string { return govbuy.CleanText(rc.cell(field).Text) }

// fail records a problem at a field's cell.
func (rc *rowCtx) fail(field string, err error) {
	p := Problem{File: rc.sp.wb.Name, Sheet: rc.sp.sheet.Name, Row: rc.num, Message: message(err)}
	if c := rc.sp.cols[field]; c != nil {
		p.Column, p.Col = c.Header, c.Index+1
	} else if f, ok := fieldByKey(rc.sp.opts.As, field); ok {
		p.Column = f.Label
	}
	rc.problems = append(rc.problems, p)
}

func (rc *rowCtx) failf(field, format string, args ...any) {
	rc.fail(field, problemf(format, args...))
}

// required returns a field's text, recording a problem when it is empty.
func (rc *rowCtx) required(field string) string {
	t := rc.text(field)
	if t == "" {
		rc.failf(field, "不能为空")
	}
	return t
}

func (rc *rowCtx) money(field string) (govbuy.Money, bool) {
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

func (rc *rowCtx) date(field string) time.Time {
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
	start, end = rc.date("start"), rc.date("end")
	c := rc.cell("term")
	if c.IsEmpty() || (!start.IsZero() && !end.IsZero()) {
		return start, end
	}
	if c.Type == CellDate || c.Type == CellNumber {
		d, err := cellDate(c, rc.sp.sheet.Date1904)
		if err != nil {
			rc.fail("term", err)
		}
		return firstSet(start, d), end
	}
	s, e, err := ParseTerm(c.Text)
	if err != nil {
		rc.fail("term", err)
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
	code := govbuy.NormalizeCode(rc.text("credit_code"))
	if code == "" {
		return ""
	}
	key := code
	if t.IsIndividual() {
		key = "id:" + code
	}
	err, seen := rc.sp.codeChecks[key]
	if !seen {
		switch {
		case t.IsIndividual():
			err = govbuy.ValidateIDCard(code)
		default:
			err = govbuy.ValidateCreditCode(code)
			if err != nil && t == "" && govbuy.ValidateIDCard(code) == nil {
				err = nil // a person's 身份证号 in a sheet without a type column
			}
		}
		rc.sp.codeChecks[key] = err
	}
	if err != nil {
		rc.fail("credit_code", err)
	}
	return code
}

// contractorType reads the type column; given reports whether the cell
// holds anything (an unrecognised type is then reported here).
func (rc *rowCtx) contractorType(field string) (t govbuy.ContractorType, given bool) {
	if !rc.has(field) {
		return "", false
	}
	t, err := memo(rc.sp.Planner, "type", rc.text(field), parseContractorType)
	if err != nil {
		rc.fail(field, err)
	}
	return t, true
}

// validationFields maps the fields govbuy's validators name to our keys.
var validationFields = map[string]string{
	"合同编号": FieldContractNo, "项目名称": "title", "购买主体": "unit", "承接主体": "contractor",
	"类型": "kind", "岗位人数": "headcount", "购买方式": "method", "合同金额": "amount",
	"资金来源": "funding", "结束日期": "end", "年度": "year",
	"名称": "name", "主体类型": "type", "统一社会信用代码": "credit_code", "身份证号": "credit_code",
}

// validated runs a domain validator and records each problem at the cell
// of the field it names.
func (rc *rowCtx) validated(err error, fallback string) {
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
		field := validationFields[e.Field]
		if field == "end" && rc.sp.cols["end"] == nil && rc.sp.cols["term"] != nil {
			field = "term"
		}
		if field == "" {
			field = fallback
		}
		rc.fail(field, problemf("%s", e.Message))
	}
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

// contract plans one row of a contract ledger.
func (rc *rowCtx) contract(ctx context.Context) error {
	sp := rc.sp
	var c govbuy.DatasetContract
	c.Number = rc.text(FieldContractNo)
	c.UnitName = rc.required("unit")
	c.Title = rc.required("title")
	contractorName := rc.required("contractor")
	if amount, ok := rc.money("amount"); ok {
		c.Amount = amount
	} else if !rc.has("amount") {
		rc.failf("amount", "不能为空")
	}
	paid, hasPaid := rc.money("paid")
	c.Year = sp.h.Year
	if rc.has("year") {
		y, err := parseYear(rc.cell("year").Text)
		if err != nil {
			rc.fail("year", err)
		}
		c.Year = y
	}
	c.Start, c.End = rc.term()
	if rc.has("headcount") {
		n, err := parseCount(rc.cell("headcount").Text)
		if err != nil {
			rc.fail("headcount", err)
		}
		c.Headcount = n
	}
	c.Kind = inferKind(c.Title, c.Headcount)
	if rc.has("kind") {
		k, err := memo(sp.Planner, "kind", rc.text("kind"), parseKind)
		if err != nil {
			rc.fail("kind", err)
		}
		c.Kind = k
	}
	c.Method = govbuy.MethodOther
	if rc.has("method") {
		m, err := memo(sp.Planner, "method", rc.text("method"), parseMethod)
		if err != nil {
			rc.fail("method", err)
		}
		c.Method = m
	} else {
		sp.methodDefault++
	}
	if rc.has("funding") {
		f, err := memo(sp.Planner, "funding", rc.text("funding"), parseFunding)
		if err != nil {
			rc.fail("funding", err)
		}
		c.Funding = f
	}
	c.Notes = rc.text(FieldNotes)
	if rc.has("category") {
		if code, ok := matchCatalog(sp.catalog, rc.text("category")); ok {
			c.CatalogCode = code
		} else {
			c.Notes = joinNotes(c.Notes, "服务类别："+rc.text("category"))
		}
	}
	c.FeeBasis = rc.text("fee_basis")
	var score govbuy.Score
	hasScore := rc.has("score")
	if hasScore {
		s, err := parseScore(rc.cell("score"))
		if err != nil {
			rc.fail("score", err)
			hasScore = false
		}
		score = s
	}

	check := c.Contract
	check.UnitID, check.ContractorID = 1, 1 // resolved by the store
	if c.Number == "" {
		check.Number = "-"
	}
	rc.validated(check.Validate(), "title")
	year := check.Year // Validate fills it from the start date
	if hasPaid && paid > 0 && year == 0 {
		rc.failf("paid", "无法确定支付年度：请增加“年度”列、在标题中写明年度或填写开始日期")
	}
	if hasScore && year == 0 {
		rc.failf("score", "无法确定考核年度：请增加“年度”列、在标题中写明年度或填写开始日期")
	}

	typ, typeGiven := rc.contractorType("contractor_type")
	code := rc.creditCode(typ)
	var ref *contractorRef
	if contractorName != "" {
		var err error
		if ref, err = sp.findContractor(ctx, contractorInput{name: contractorName, code: code}); err != nil {
			return err
		}
	}
	var newContractor *govbuy.Contractor
	if ref == nil && contractorName != "" {
		newContractor = rc.newContractor(contractorName, code, typ, typeGiven, "contractor")
	}

	if c.Number == "" {
		c.Number = sp.generateNumber(rc.num)
	}
	if prev, dup := sp.numbers[c.Number]; dup {
		rc.failf(FieldContractNo, "合同编号“%s”与%s重复", c.Number, describe(prev, rc.source()))
	} else {
		sp.numbers[c.Number] = rc.source()
	}
	stored, err := sp.storedContract(ctx, c.Number)
	if err != nil {
		return err
	}
	if len(rc.problems) > 0 {
		return nil
	}
	if stored != nil && !sp.opts.Update {
		sp.plan.Skipped++
		return nil
	}

	if c.UnitName, err = sp.unit(ctx, c.UnitName); err != nil {
		return err
	}
	if ref == nil {
		ref = sp.addContractor(*newContractor)
	}
	c.ContractorName = ref.name
	c.Year = check.Year
	ds := sp.plan.Dataset
	if stored != nil {
		// An update replaces the fields the sheet gives; the store keeps
		// those it leaves blank (the method too: 其他 is only the default
		// of a new contract), and its payments and assessments stay as
		// they are.
		c.ID = stored.ID
		if !rc.has("method") {
			c.Method = ""
		}
		sp.plan.Updated++
		ds.Contracts = append(ds.Contracts, c)
		sp.plan.Sources = append(sp.plan.Sources, rc.source())
		return nil
	}
	ds.Contracts = append(ds.Contracts, c)
	sp.plan.Sources = append(sp.plan.Sources, rc.source())
	period := ""
	if hasScore {
		period = strconv.Itoa(year)
		ds.Assessments = append(ds.Assessments, govbuy.DatasetAssessment{
			Assessment:     govbuy.Assessment{Period: period, Score: score, Date: lastDay(year), Remarks: "由台账导入"},
			ContractNumber: c.Number,
		})
	}
	if hasPaid && paid > 0 {
		ds.Payments = append(ds.Payments, govbuy.DatasetPayment{
			Payment:        govbuy.Payment{Date: lastDay(year), Amount: paid, Period: period, Notes: "由台账导入（已支付）"},
			ContractNumber: c.Number,
		})
	}
	return nil
}

// newContractor builds a contractor not yet stored, recording a problem when
// its type is neither given nor inferable or it fails validation.
func (rc *rowCtx) newContractor(name, code string, typ govbuy.ContractorType, typeGiven bool, nameField string) *govbuy.Contractor {
	if !typeGiven {
		typ = inferContractorType(name, code)
	}
	if typ == "" && typeGiven {
		return &govbuy.Contractor{Name: name, CreditCode: code} // reported with the type cell
	}
	typeField := "contractor_type"
	if rc.sp.opts.As == KindContractors {
		typeField = "type"
	}
	if rc.sp.cols[typeField] == nil {
		typeField = nameField
	}
	if typ == "" {
		rc.failf(typeField, "无法判断承接主体“%s”的类型（企业、社会组织、个人等），请增加“主体类型”列", name)
		return &govbuy.Contractor{Name: name, CreditCode: code}
	}
	c := &govbuy.Contractor{Name: name, Type: typ, CreditCode: code}
	check := *c
	if err := check.Validate(); err != nil {
		// Code problems were reported already, with the cell; a type the
		// domain refuses (第八条) is reported at this sheet's type cell.
		var rest govbuy.ValidationErrors
		if list, ok := err.(govbuy.ValidationErrors); ok {
			for _, e := range list {
				switch e.Field {
				case "统一社会信用代码", "身份证号":
				case "主体类型":
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

// generateNumber makes a contract number for a row without one: the same
// file and row always give the same number, so importing a file twice finds
// the first import's contracts.
func (sp *sheetPlan) generateNumber(row int) string {
	n := fmt.Sprintf("IMP-%s-%d", sp.wb.Checksum[:min(8, len(sp.wb.Checksum))], row)
	if sp.index > 0 {
		n = fmt.Sprintf("IMP-%s-%d-%d", sp.wb.Checksum[:min(8, len(sp.wb.Checksum))], sp.index+1, row)
	}
	if sp.generated == 0 {
		sp.firstGenerated = n
	}
	sp.generated++
	return n
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
	if a == "" {
		return b
	}
	return a + "；" + b
}

// contractor plans one row of a contractor list.
func (rc *rowCtx) contractor(ctx context.Context) error {
	sp := rc.sp
	name := rc.required("name")
	typ, typeGiven := rc.contractorType("type")
	code := rc.creditCode(typ)
	if name == "" {
		return nil
	}
	ref, err := sp.findContractor(ctx, contractorInput{name: name, code: code})
	if err != nil {
		return err
	}
	if ref != nil && ref.idx >= 0 {
		rc.failf("name", "与前面的“%s”重复", ref.name)
		return nil
	}
	c := rc.newContractor(name, code, typ, typeGiven, "name")
	c.LegalRep = rc.text("legal_rep")
	c.Phone = rc.text("phone")
	c.Address = rc.text("address")
	c.Bank = rc.text("bank")
	c.Account = rc.text("account")
	c.Notes = rc.text(FieldNotes)
	if q := rc.text("qualification"); q != "" {
		c.Qualifications = []govbuy.Qualification{{Kind: q}}
	}
	if len(rc.problems) > 0 {
		return nil
	}
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
		sp.plan.Dataset.Contractors = append(sp.plan.Dataset.Contractors, *c)
		sp.plan.Sources = append(sp.plan.Sources, rc.source())
		return nil
	}
	sp.addContractor(*c)
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
		rc.failf(FieldContractNo, "合同编号“%s”不存在，请先导入或登记该合同", number)
	}
	return nil
}

var shortPeriod = regexp.MustCompile(`^(?:第?[一二三四1-4]季度?|[Qq][1-4]|[上下]半年|\d{1,2}月)$`)

// period reads an assessment period; a period without its year ("第二季度")
// takes the year of the date column or of the title.
func (rc *rowCtx) period(field string, date time.Time) (string, bool) {
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
	number := rc.required(FieldContractNo)
	date := rc.date("date")
	period, _ := rc.period("period", date)
	if rc.text("period") == "" {
		rc.failf("period", "不能为空")
	}
	var score govbuy.Score
	if rc.has("score") {
		s, err := parseScore(rc.cell("score"))
		if err != nil {
			rc.fail("score", err)
		}
		score = s
	} else {
		rc.failf("score", "不能为空")
	}
	if number != "" {
		if err := rc.knownContract(ctx, number); err != nil {
			return err
		}
		if period != "" {
			key := number + "|" + period
			if prev, dup := sp.assessed[key]; dup {
				rc.failf("period", "合同“%s”的%s考核与%s重复", number, govbuy.PeriodLabel(period), describe(prev, rc.source()))
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
			Assessor: rc.text("assessor"), Remarks: rc.text("remarks")},
		ContractNumber: number,
	})
	sp.plan.Sources = append(sp.plan.Sources, rc.source())
	return nil
}

// payment plans one row of a payment list.
func (rc *rowCtx) payment(ctx context.Context) error {
	sp := rc.sp
	number := rc.required(FieldContractNo)
	date := rc.date("date")
	if !rc.has("date") {
		rc.failf("date", "不能为空")
	}
	amount, ok := rc.money("amount")
	switch {
	case !rc.has("amount"):
		rc.failf("amount", "不能为空")
	case ok && amount <= 0:
		rc.failf("amount", "支付金额应大于0")
	}
	period, _ := rc.period("period", date)
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
			Voucher: rc.text("voucher"), Notes: rc.text(FieldNotes)},
		ContractNumber: number,
	})
	sp.plan.Sources = append(sp.plan.Sources, rc.source())
	return nil
}
