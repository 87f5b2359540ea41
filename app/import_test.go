package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"govbuy"
	"govbuy/store"
)

// writeLedger writes a small legacy ledger: title lines, a 万元 unit line,
// two good rows and one whose amount is "待定".
func writeLedger(t *testing.T, path string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	code := func(n int) string {
		first := "91510123MA6" + strings.Repeat("0", 5) + string(rune('0'+n))
		c, err := govbuy.CreditCodeCheck(first)
		if err != nil {
			t.Fatal(err)
		}
		return first + string(c)
	}
	rows := [][]any{
		{"云溪区2023年度政府购买服务项目台账"},
		{"单位：万元"},
		{"序号", "购买主体", "项目名称", "承接主体", "统一社会信用代码", "购买方式", "合同金额", "已支付", "合同期限"},
		{1, "云溪区档案馆", "档案整理", "云溪档案服务有限公司", code(1), "询价", "12.5", "12.5", "2023.1.1-2023.12.31"},
		{2, "云溪区新设单位", "会务保障", "云溪会务服务有限公司", code(2), "竞争性磋商", "30", "28.5", "2023年1月1日至2023年12月31日"},
		{3, "云溪区新设单位", "印刷服务", "云溪会务服务有限公司", code(2), "询价", "待定", "", "2023.1.1-2023.12.31"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func TestImportWizardEndToEnd(t *testing.T) {
	u, db := demoUI(t)
	s := showScreen[*importScreen](t, u)
	path := filepath.Join(t.TempDir(), "台账.xlsx")
	writeLedger(t, path)
	onUI(u, func() {
		s.path.SetText(path)
		s.read()
	})
	waitIdle(t, u)
	if s.header == nil || s.header.Row != 3 {
		t.Fatalf("header = %+v", s.header)
	}
	if !strings.Contains(s.problems.Text, "第6行") || !strings.Contains(s.problems.Text, "待定") {
		t.Errorf("problems = %q", s.problems.Text)
	}
	if !s.importBtn.Disabled() {
		t.Error("import is possible while a cell has a problem")
	}
	if !strings.Contains(s.counts.Text, "合同2份") || !strings.Contains(s.counts.Text, "云溪区新设单位") {
		t.Errorf("counts = %q", s.counts.Text)
	}
	if len(s.mapping.Objects) != 9 {
		t.Errorf("%d mapping rows, want one per column", len(s.mapping.Objects))
	}
	onUI(u, func() { s.skipBad.SetChecked(true) })
	if s.importBtn.Disabled() {
		t.Fatal("import still disabled with problem rows skipped")
	}
	onUI(u, s.commit)
	waitIdle(t, u)
	ctx := context.Background()
	if n := mustCount(t, db, "SELECT COUNT(*) FROM contracts WHERE year = 2023"); n != 2 {
		t.Errorf("%d contracts of 2023 imported, want 2", n)
	}
	batches, _ := db.FindImportBatches(ctx)
	if len(batches) != 1 || batches[0].Counts["contracts"] != 2 || batches[0].Counts["units"] != 1 {
		t.Fatalf("batches = %+v", batches)
	}
	if !strings.Contains(s.summary.Text, "已导入：合同2份") {
		t.Errorf("summary = %q", s.summary.Text)
	}
	if err := db.UndoImport(ctx, batches[0].ID); err != nil {
		t.Fatal(err)
	}
	if n := mustCount(t, db, "SELECT COUNT(*) FROM contracts WHERE year = 2023"); n != 0 {
		t.Errorf("%d contracts of 2023 left after undo", n)
	}
}

// An update takes what the sheet's cells say and keeps what they leave
// blank, a column that is there but empty included: the officer corrected
// the title and the funding, and left the method and the notes alone.
func TestImportUpdateTakesOnlyTheCellsFilledIn(t *testing.T) {
	u, db := demoUI(t)
	ctx := context.Background()
	row, err := db.FindContractByNumber(ctx, "YX2024-001")
	if err != nil {
		t.Fatal(err)
	}
	c := row.Contract
	c.Notes = "护路员名单见附件"
	if err := db.UpdateContract(ctx, &c); err != nil {
		t.Fatal(err)
	}
	sheet := "合同编号,年度,购买主体,项目名称,承接主体,合同金额,购买方式,资金来源,备注\n" +
		fmt.Sprintf("%s,2024,%s,%s（更正）,%s,\"%s\",,上级转移支付,\n", c.Number, row.UnitName, c.Title, row.ContractorName, c.Amount)
	path := filepath.Join(t.TempDir(), "更正.csv")
	if err := os.WriteFile(path, []byte(sheet), 0o600); err != nil {
		t.Fatal(err)
	}
	s := showScreen[*importScreen](t, u)
	onUI(u, func() {
		s.update.SetChecked(true)
		s.path.SetText(path)
		s.read()
	})
	waitIdle(t, u)
	if s.plan == nil || s.plan.Updated != 1 || len(s.plan.Problems) != 0 {
		t.Fatalf("plan: %+v", s.plan)
	}
	onUI(u, s.commit)
	waitIdle(t, u)
	got, err := db.FindContractByNumber(ctx, c.Number)
	if err != nil {
		t.Fatal(err)
	}
	want := c
	want.Title, want.Funding = c.Title+"（更正）", govbuy.FundTransfer
	want.Version++ // an import's update is a change a form opened before it must see
	if got.Contract != want {
		t.Errorf("after the update\n got %+v\nwant %+v", got.Contract, want)
	}
}

// readInto reads a file into the wizard and waits for its plan.
func readInto(t *testing.T, u *UI, s *importScreen, path string) {
	t.Helper()
	onUI(u, func() {
		s.path.SetText(path)
		s.read()
	})
	waitIdle(t, u)
}

// The wizard says in which unit it reads the amounts and why, before the
// import, and reads them in another when told; the preview keeps each
// row's problems in a column of their own and shows a cell's whole text
// below; each new file starts with problem rows not skipped and without
// the last file's outcome, which is shown at the top.
func TestImportWizardSaysWhatItAssumedAndStartsAfreshForEachFile(t *testing.T) {
	u, db := demoUI(t)
	s := showScreen[*importScreen](t, u)
	path := filepath.Join(t.TempDir(), "台账.xlsx")
	writeLedger(t, path)
	readInto(t, u, s, path)
	if s.unit.Selected != "万元" || !strings.Contains(s.unitNote.Text, "第2行“单位：万元”") {
		t.Errorf("unit %q, note %q", s.unit.Selected, s.unitNote.Text)
	}
	if amount := s.plan.Dataset.Contracts[0].Amount; amount != 12_500_000 {
		t.Errorf("12.5万元 read as %s", amount)
	}
	onUI(u, func() { s.unit.SetSelected("元") })
	waitIdle(t, u)
	if amount := s.plan.Dataset.Contracts[0].Amount; amount != 1_250 || !strings.Contains(s.unitNote.Text, "导入时指定") {
		t.Errorf("in 元: 12.5 read as %s, note %q", amount, s.unitNote.Text)
	}
	// Row 6's amount 待定: its cell is marked, its message in the last column.
	problemCol := s.sheetColumns()
	text, _ := s.cellText(widget.TableCellID{Row: 3, Col: 6})
	msg, _ := s.cellText(widget.TableCellID{Row: 3, Col: problemCol})
	if text != "※待定" || !strings.Contains(msg, "合同金额：") || !strings.Contains(msg, "待定") {
		t.Errorf("problem cell %q, problem column %q", text, msg)
	}
	onUI(u, func() { s.pointAt(widget.TableCellID{Row: 1, Col: 3}) })
	if s.cell.Text != "D4：云溪档案服务有限公司" {
		t.Errorf("pointed cell shows %q", s.cell.Text)
	}

	onUI(u, func() { s.skipBad.SetChecked(true) })
	onUI(u, s.commit)
	waitIdle(t, u)
	if !strings.Contains(s.summary.Text, "已导入") {
		t.Fatalf("summary %q", s.summary.Text)
	}
	if n := mustCount(t, db, "SELECT COUNT(*) FROM contracts WHERE year = 2023 AND amount = 1250"); n != 1 {
		t.Errorf("%d contracts imported at 12.50 元, want 1", n)
	}
	readInto(t, u, s, path)
	if s.skipBad.Checked || s.summary.Text != "" || s.unit.Selected != "万元" {
		t.Errorf("the next file starts with skip %v, summary %q, unit %q", s.skipBad.Checked, s.summary.Text, s.unit.Selected)
	}
}

// A row naming a company with a stored contractor's code is a problem of
// its code cell with the three answers beside it, and each answer given
// through the window files the contract as it says: 同一承接主体 under the
// stored contractor with the name recorded as its 曾用名; a corrected code
// under a new contractor holding that code; 新增承接主体 under a new
// contractor without the code it cannot share.
func TestImportWizardResolvesAContractorConflict(t *testing.T) {
	const institute = "四川省云溪区数字经济产业发展研究院有限责任公司"
	corrected := "91110108551385091"
	check, err := govbuy.CreditCodeCheck(corrected)
	if err != nil {
		t.Fatal(err)
	}
	corrected += string(check)
	tests := []struct {
		answer  string
		code    string // typed into the corrected-code entry first
		stored  bool   // filed under the stored contractor
		newCode string // else the new contractor's code
		former  int    // 曾用名 rows recorded for the stored contractor
	}{
		{answer: "同一承接主体（名称记为曾用名）", stored: true, former: 1},
		{answer: "更正信用代码", code: corrected, newCode: corrected},
		{answer: "新增承接主体", newCode: ""},
	}
	for _, tt := range tests {
		t.Run(tt.answer, func(t *testing.T) {
			u, db := demoUI(t)
			s := showScreen[*importScreen](t, u)
			stored := storedCompany(t, db)
			path := filepath.Join(t.TempDir(), "台账.csv")
			text := "2024年度台账,,,,\n购买单位,服务项目,承接单位,统一社会信用代码,合同金额\n" +
				"区发改局,数字经济发展规划编制," + institute + "," + stored.CreditCode + ",300000\n"
			if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
				t.Fatal(err)
			}
			readInto(t, u, s, path)
			if len(s.conflicts.Objects) != 1 || !strings.Contains(s.problems.Text, "信用代码与已登记的“"+stored.Name+"”相同，名称不同") {
				t.Fatalf("conflicts %d, problems %q", len(s.conflicts.Objects), s.problems.Text)
			}
			if !s.importBtn.Disabled() {
				t.Error("import possible with the conflict unanswered")
			}
			if tt.code != "" {
				onUI(u, func() { conflictEntry(t, s).SetText(tt.code) })
			}
			answerAndImport(t, u, s, tt.answer)
			filed, args := "SELECT COUNT(*) FROM contracts c JOIN contractors k ON k.id = c.contractor_id "+
				"WHERE c.title = '数字经济发展规划编制' AND k.id = ?", []any{stored.ID}
			if !tt.stored {
				args = []any{stored.ID, institute, tt.newCode}
				filed = "SELECT COUNT(*) FROM contracts c JOIN contractors k ON k.id = c.contractor_id " +
					"WHERE c.title = '数字经济发展规划编制' AND k.id <> ? AND k.name = ? AND k.credit_code = ?"
			}
			if n := mustCount(t, db, filed, args...); n != 1 {
				t.Errorf("%d contracts filed as answered (stored %v, new code %q), want 1", n, tt.stored, tt.newCode)
			}
			if n := mustCount(t, db, "SELECT COUNT(*) FROM contractor_names WHERE contractor_id = ? AND name = ?", stored.ID, institute); n != tt.former {
				t.Errorf("former name recorded %d times, want %d", n, tt.former)
			}
		})
	}
}

// answerAndImport gives the only conflict shown the answer, and imports
// once the answer leaves no problem.
func answerAndImport(t *testing.T, u *UI, s *importScreen, answer string) {
	t.Helper()
	b := button(t, s.conflicts, answer)
	onUI(u, func() { b.OnTapped() })
	waitIdle(t, u)
	if len(s.plan.Problems) != 0 || len(s.conflicts.Objects) != 0 || s.importBtn.Disabled() {
		t.Fatalf("after the answer: problems %+v", s.plan.Problems)
	}
	onUI(u, s.commit)
	waitIdle(t, u)
}

// storedCompany is a demo contractor that is an organisation with a
// credit code.
func storedCompany(t *testing.T, db *store.DB) govbuy.ContractorRow {
	t.Helper()
	rows, _, err := db.FindContractors(context.Background(), govbuy.ContractorFilter{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.CreditCode != "" && !r.Type.IsIndividual() {
			return r
		}
	}
	t.Fatal("no demo contractor with a credit code")
	return govbuy.ContractorRow{}
}

// conflictEntry is the corrected-code entry of the only conflict shown.
func conflictEntry(t *testing.T, s *importScreen) *widget.Entry {
	t.Helper()
	var found *widget.Entry
	walk(s.conflicts, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok {
			found = e
		}
	})
	if found == nil {
		t.Fatal("no corrected-code entry beside the conflict")
	}
	return found
}

// A year's ledger whose posts are told by 备注 and which has no 人数 and no
// term column imports whole through the window: no problem blocks it, the
// wizard says what goes in 待补充, and the contracts are stored so marked.
func TestImportWizardTakesALedgerWithoutHeadcounts(t *testing.T) {
	u, db := demoUI(t)
	s := showScreen[*importScreen](t, u)
	path := filepath.Join(t.TempDir(), "2023台账.csv")
	ledger := "云溪区2023年度政府购买服务台账,,,,,\n单位：万元,,,,,\n序号,购买单位,服务项目,承接单位,合同金额,备注\n" +
		"1,区园林局,公园绿地养护,云溪区绿城园林有限责任公司,128.5,\n" +
		"2,区民政局,社区网格服务,云溪区明德社会工作服务中心,36,岗位\n" +
		"3,区交通局,道路巡查服务,云溪区明德社会工作服务中心,12,岗位\n"
	if err := os.WriteFile(path, []byte(ledger), 0o600); err != nil {
		t.Fatal(err)
	}
	readInto(t, u, s, path)
	if s.plan == nil || len(s.plan.Problems) != 0 || s.importBtn.Disabled() {
		t.Fatalf("problems %q, import disabled %v", s.problems.Text, s.importBtn.Disabled())
	}
	for _, want := range []string{"合同3份", "2份合同待补充岗位人数", "3份合同待补充合同期限"} {
		if !strings.Contains(s.counts.Text, want) {
			t.Errorf("the wizard does not say %q:\n%s", want, s.counts.Text)
		}
	}
	onUI(u, s.commit)
	waitIdle(t, u)
	if !strings.Contains(s.summary.Text, "已导入：合同3份") {
		t.Errorf("summary %q", s.summary.Text)
	}
	tests := []struct {
		title, kind, pending string
		amount               int64
	}{
		{"公园绿地养护", "project", "合同期限", 128_500_000},
		{"社区网格服务", "post", "岗位人数、合同期限", 36_000_000},
		{"道路巡查服务", "post", "岗位人数、合同期限", 12_000_000},
	}
	for _, tt := range tests {
		if n := mustCount(t, db, "SELECT COUNT(*) FROM contracts WHERE year = 2023 AND title = ? AND kind = ? AND pending = ? AND amount = ?",
			tt.title, tt.kind, tt.pending, tt.amount); n != 1 {
			t.Errorf("%s: %d stored as %s, 待补充 %s, %d fen", tt.title, n, tt.kind, tt.pending, tt.amount)
		}
	}
}

// A row naming a demo unit's code under another name is a problem of its
// code cell with the unit's answers beside it; each answer given through
// the window files the contract as it says: 同一单位 under the stored unit
// with the name recorded as its 曾用名, 新增单位 under a new unit without
// the code it cannot share.
func TestImportWizardResolvesAUnitConflict(t *testing.T) {
	const renamed = "云溪区社会事务局"
	tests := []struct {
		answer string
		stored bool // filed under the stored unit
		former int  // 曾用名 rows recorded for the stored unit
	}{
		{answer: "同一单位（名称记为曾用名）", stored: true, former: 1},
		{answer: "新增单位"},
	}
	for _, tt := range tests {
		t.Run(tt.answer, func(t *testing.T) {
			u, db := demoUI(t)
			s := showScreen[*importScreen](t, u)
			stored := storedUnit(t, db)
			path := filepath.Join(t.TempDir(), "台账.csv")
			text := "2024年度台账,,,,,\n购买单位,单位代码,服务项目,承接单位,合同金额\n" +
				renamed + "," + stored.Code + ",社会救助协理,某某物业管理有限公司,300000\n"
			if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
				t.Fatal(err)
			}
			readInto(t, u, s, path)
			if len(s.conflicts.Objects) != 1 || !strings.Contains(s.problems.Text, "单位代码与已登记的“"+stored.Name+"”相同，名称不同") {
				t.Fatalf("conflicts %d, problems %q", len(s.conflicts.Objects), s.problems.Text)
			}
			button(t, s.conflicts, "更正单位代码")
			answerAndImport(t, u, s, tt.answer)
			filed, args := "SELECT COUNT(*) FROM contracts c WHERE c.title = '社会救助协理' AND c.unit_id = ?", []any{stored.ID}
			if !tt.stored {
				filed = "SELECT COUNT(*) FROM contracts c JOIN units u ON u.id = c.unit_id " +
					"WHERE c.title = '社会救助协理' AND u.name = ? AND u.code = ''"
				args = []any{renamed}
			}
			if n := mustCount(t, db, filed, args...); n != 1 {
				t.Errorf("%d contracts filed as answered (stored %v), want 1", n, tt.stored)
			}
			if n := mustCount(t, db, "SELECT COUNT(*) FROM unit_names WHERE unit_id = ? AND name = ?", stored.ID, renamed); n != tt.former {
				t.Errorf("former name recorded %d times, want %d", n, tt.former)
			}
		})
	}
}

// storedUnit is a demo unit with a code.
func storedUnit(t *testing.T, db *store.DB) govbuy.UnitRow {
	t.Helper()
	rows, _, err := db.FindUnits(context.Background(), govbuy.UnitFilter{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Code != "" {
			return r
		}
	}
	t.Fatal("no demo unit with a code")
	return govbuy.UnitRow{}
}
