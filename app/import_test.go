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
// its code cell with the three answers beside it; answering 同一承接主体
// files it under the stored contractor and records the name as 曾用名.
func TestImportWizardResolvesAContractorConflict(t *testing.T) {
	u, db := demoUI(t)
	s := showScreen[*importScreen](t, u)
	ctx := context.Background()
	rows, _, err := db.FindContractors(ctx, govbuy.ContractorFilter{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	var stored govbuy.ContractorRow
	for _, r := range rows {
		if r.CreditCode != "" && !r.Type.IsIndividual() {
			stored = r
			break
		}
	}
	path := filepath.Join(t.TempDir(), "台账.csv")
	text := "2024年度台账,,,,\n购买单位,服务项目,承接单位,统一社会信用代码,合同金额\n" +
		"区发改局,数字经济发展规划编制,四川省云溪区数字经济产业发展研究院有限责任公司," + stored.CreditCode + ",300000\n"
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
	same := findButton(t, s.conflicts, "同一承接主体（名称记为曾用名）")
	onUI(u, func() { same.OnTapped() })
	waitIdle(t, u)
	if len(s.plan.Problems) != 0 || len(s.conflicts.Objects) != 0 || s.importBtn.Disabled() {
		t.Fatalf("after the answer: problems %+v", s.plan.Problems)
	}
	onUI(u, s.commit)
	waitIdle(t, u)
	if n := mustCount(t, db, "SELECT COUNT(*) FROM contracts WHERE title = '数字经济发展规划编制' AND contractor_id = ?", stored.ID); n != 1 {
		t.Errorf("contract filed under %s: %d", stored.Name, n)
	}
	if n := mustCount(t, db, "SELECT COUNT(*) FROM contractor_names WHERE contractor_id = ? AND name = '四川省云溪区数字经济产业发展研究院有限责任公司'", stored.ID); n != 1 {
		t.Errorf("former name recorded %d times", n)
	}
}

// findButton finds a button by its text in a container's tree.
func findButton(t *testing.T, root fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Button:
			if v.Text == text {
				found = v
			}
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		}
	}
	walk(root)
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}
