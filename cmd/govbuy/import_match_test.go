package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"govbuy"
	"govbuy/importer"
	"govbuy/store"
)

const (
	greenCode    = "91110108551385082Q"
	greenName    = "云溪区绿源环保科技有限公司"
	instituteRow = "四川省云溪区数字经济产业发展研究院有限责任公司"
)

// instituteLedger names the institute with 绿源's credit code.
const instituteLedger = "2024年度台账,,,,\n" +
	"购买单位,服务项目,承接单位,统一社会信用代码,合同金额\n" +
	"区发改局,数字经济发展规划编制," + instituteRow + "," + greenCode + ",300000\n" +
	"区经信局,产业政策研究," + instituteRow + "," + greenCode + ",200000\n"

// greenDB is a database where 绿源 is registered with its code.
func greenDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "g.db")
	list := writeLedger(t, "名录.csv", "承接主体,主体类型,统一社会信用代码\n"+greenName+",企业,"+greenCode+"\n")
	if code, out, errOut := govbuyCmd(t, "--db", db, "import", "--as", "contractors", list); code != exitOK {
		t.Fatalf("contractor list: %d %s %s", code, out, errOut)
	}
	return db
}

// A row naming another company with 绿源's code is refused at its code
// cell, naming both, in the dry run's text and JSON; nothing is filed
// under 绿源.
func TestCodeOfAnotherContractorIsAProblemOfItsCell(t *testing.T) {
	db := greenDB(t)
	ledger := writeLedger(t, "台账.csv", instituteLedger)
	code, stdout, _ := govbuyCmd(t, "--db", db, "import", "--dry-run", "--json", ledger)
	if code != exitInput {
		t.Fatalf("exit %d, want %d: %s", code, exitInput, stdout)
	}
	var s importer.Summary
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Problems) != 2 {
		t.Fatalf("problems %+v", s.Problems)
	}
	p := s.Problems[0]
	wantMsg := "信用代码与已登记的“" + greenName + "”相同，名称不同：请选择同一承接主体（记为曾用名）、更正信用代码或新增承接主体"
	if p.Row != 3 || p.Column != "统一社会信用代码" || p.Message != wantMsg || p.Conflict == nil ||
		p.Conflict.MatchedName != greenName || p.Conflict.Name != instituteRow || p.Conflict.By != "code" {
		t.Errorf("problem %+v (conflict %+v)", p, p.Conflict)
	}
	_, text, errText := govbuyCmd(t, "--db", db, "import", "--dry-run", ledger)
	if !strings.Contains(errText, "第3行 统一社会信用代码："+wantMsg) {
		t.Errorf("dry-run text lacks the problem:\n%s%s", text, errText)
	}
}

// The dry run lists every match it made, and why.
func TestDryRunListsEachMatchAndWhy(t *testing.T) {
	db := greenDB(t)
	ledger := writeLedger(t, "台账.csv", "2024年度台账,,,,\n购买单位,服务项目,承接单位,统一社会信用代码,合同金额\n"+
		"区环保局,垃圾分类宣传,"+greenName+",,1000\n"+
		"区环保局,河道保洁,某某公司,"+greenCode+",1000\n")
	code, stdout, _ := govbuyCmd(t, "--db", db, "import", "--dry-run", "--json", ledger)
	var s importer.Summary
	if err := json.Unmarshal([]byte(stdout), &s); err != nil || code != exitInput {
		t.Fatalf("exit %d, %v: %s", code, err, stdout)
	}
	if len(s.Matches) != 1 || s.Matches[0].Row != 3 || s.Matches[0].Matched != greenName || s.Matches[0].By != "名称相同" {
		t.Errorf("matches %+v", s.Matches)
	}
	fixed := writeLedger(t, "台账2.csv", strings.Replace(instituteLedger, instituteRow, greenName, 2))
	_, text, _ := govbuyCmd(t, "--db", db, "import", "--dry-run", fixed)
	if !strings.Contains(text, "匹配：“台账2.csv” 工作表“台账2” 第3行 “"+greenName+"”→已登记的“"+greenName+"”（信用代码相同）") {
		t.Errorf("dry-run text lacks the match:\n%s", text)
	}
}

// The officer's three answers: the same contractor (the name becomes its
// 曾用名, and the next import matches it without asking), a corrected code,
// or another contractor (created without the code it cannot share).
func TestConflictChoices(t *testing.T) {
	other := completeCode(t, "91110108551385091")
	key := importer.ConflictKey(instituteRow, greenCode)
	tests := []struct {
		name       string
		res        importer.Resolution
		contractor string // the contractor the contracts are filed under
		code       string // its code
		newOnes    int
	}{
		{"same", importer.Resolution{Choice: importer.ChoiceSame}, greenName, greenCode, 0},
		{"code", importer.Resolution{Choice: importer.ChoiceCode, Code: other}, instituteRow, other, 1},
		{"new", importer.Resolution{Choice: importer.ChoiceNew}, instituteRow, "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := store.Open(greenDB(t))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			ctx := context.Background()
			a := importAnswered(t, db, writeLedger(t, "台账.csv", instituteLedger), key, tt.res)
			if len(a.plan.NewContractors) != tt.newOnes {
				t.Fatalf("new contractors %v", a.plan.NewContractors)
			}
			for _, r := range a.contracts {
				k, err := db.FindContractorByID(ctx, r.ContractorID)
				if err != nil || k.Name != tt.contractor || k.CreditCode != tt.code {
					t.Errorf("%s filed under %+v (%v), want %s %s", r.Title, k, err, tt.contractor, tt.code)
				}
			}
			if tt.res.Choice != importer.ChoiceSame {
				return
			}
			// The name is 绿源's 曾用名 now: a later ledger matches it by code
			// and name without asking.
			k, err := db.FindContractorByCode(ctx, "", instituteRow)
			if err != nil || k.Name != greenName {
				t.Fatalf("former name not found: %+v, %v", k, err)
			}
			again, err := importer.PlanWorkbook(ctx, a.wb, importer.Options{}, db)
			if err != nil || len(again.Problems) != 0 || again.Skipped != 2 {
				t.Errorf("second import: %v, problems %+v, skipped %d", err, again.Problems, again.Skipped)
			}
		})
	}
}

const (
	civilName   = "云溪区民政局"
	renamedUnit = "云溪区社会事务局"
)

// completeCode completes a 统一社会信用代码 with its check character.
func completeCode(t *testing.T, first17 string) string {
	t.Helper()
	check, err := govbuy.CreditCodeCheck(first17)
	if err != nil {
		t.Fatal(err)
	}
	return first17 + string(check)
}

// civilCode is 云溪区民政局's 统一社会信用代码.
func civilCode(t *testing.T) string { return completeCode(t, "11510123MB1200001") }

// answered is an import of a ledger with the officer's answer to its
// conflict: what was read, planned and imported, and the year's contracts.
type answered struct {
	wb        *importer.Workbook
	plan      *importer.Plan
	batch     *govbuy.ImportBatch
	contracts []govbuy.ContractRow
}

// importAnswered plans ledger with res as the answer to conflict key,
// which must leave no problem, and imports it.
func importAnswered(t *testing.T, db *store.DB, ledger, key string, res importer.Resolution) answered {
	t.Helper()
	ctx := context.Background()
	wb, err := importer.ReadFile(ctx, ledger)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := importer.PlanWorkbook(ctx, wb, importer.Options{Resolutions: map[string]importer.Resolution{key: res}}, db)
	if err != nil || len(plan.Problems) != 0 {
		t.Fatalf("plan: %v, problems %+v", err, plan.Problems)
	}
	b, err := db.ImportDataset(ctx, plan.Dataset, govbuy.ImportBatch{Files: []string{wb.Name}})
	if err != nil {
		t.Fatal(err)
	}
	rows, _, err := db.FindContracts(ctx, govbuy.ContractFilter{Year: 2024})
	if err != nil || len(rows) != 2 {
		t.Fatalf("contracts %+v, %v", rows, err)
	}
	return answered{wb: wb, plan: plan, batch: b, contracts: rows}
}

// renamedLedger names 民政局's code under another name.
func renamedLedger(t *testing.T) string {
	return writeLedger(t, "单位台账.csv", "2024年度台账,,,,,\n"+
		"购买单位,单位代码,服务项目,承接单位,统一社会信用代码,合同金额\n"+
		renamedUnit+","+civilCode(t)+",社会救助协理,"+greenName+","+greenCode+",300000\n"+
		renamedUnit+","+civilCode(t)+",养老服务评估,"+greenName+","+greenCode+",200000\n")
}

// civilDB is greenDB with 云溪区民政局 registered under its code.
func civilDB(t *testing.T) string {
	t.Helper()
	path := greenDB(t)
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.CreateUnit(context.Background(), &govbuy.Unit{Name: civilName, Code: civilCode(t)}); err != nil {
		t.Fatal(err)
	}
	return path
}

// A row naming a unit by another unit's code is refused at the code cell,
// naming both, in the dry run's text and JSON ("party": "unit"); a row that
// names the unit as registered is listed as matched, and why.
func TestUnitCodeOfAnotherUnitIsAProblemOfItsCell(t *testing.T) {
	db := civilDB(t)
	ledger := renamedLedger(t)
	code, stdout, _ := govbuyCmd(t, "--db", db, "import", "--dry-run", "--json", ledger)
	var s importer.Summary
	if err := json.Unmarshal([]byte(stdout), &s); err != nil || code != exitInput {
		t.Fatalf("exit %d, %v: %s", code, err, stdout)
	}
	wantMsg := "单位代码与已登记的“" + civilName + "”相同，名称不同：请选择同一单位（记为曾用名）、更正单位代码或新增单位"
	if len(s.Problems) != 2 || s.Problems[0].Row != 3 || s.Problems[0].Column != "单位代码" || s.Problems[0].Message != wantMsg {
		t.Fatalf("problems %+v", s.Problems)
	}
	if c := s.Problems[0].Conflict; c == nil || c.Party != importer.PartyUnit || c.MatchedName != civilName || c.Name != renamedUnit {
		t.Errorf("conflict %+v", c)
	}
	if !strings.Contains(stdout, `"party":"unit"`) && !strings.Contains(stdout, `"party": "unit"`) {
		t.Errorf("JSON lacks the party:\n%s", stdout)
	}
	_, _, errText := govbuyCmd(t, "--db", db, "import", "--dry-run", ledger)
	if !strings.Contains(errText, "第3行 单位代码："+wantMsg) {
		t.Errorf("dry-run text lacks the problem:\n%s", errText)
	}
	fixed := writeLedger(t, "单位台账2.csv", strings.ReplaceAll(readText(t, ledger), renamedUnit, civilName))
	code, stdout, _ = govbuyCmd(t, "--db", db, "import", "--dry-run", "--json", fixed)
	if err := json.Unmarshal([]byte(stdout), &s); err != nil || code != exitOK {
		t.Fatalf("exit %d, %v: %s", code, err, stdout)
	}
	var units []importer.Match
	for _, m := range s.Matches {
		if m.Party == importer.PartyUnit {
			units = append(units, m)
		}
	}
	if len(units) != 1 || units[0].Matched != civilName || units[0].By != "单位代码相同" || len(s.Matches) != 2 {
		t.Errorf("matches %+v", s.Matches)
	}
	_, text, _ := govbuyCmd(t, "--db", db, "import", "--dry-run", fixed)
	if !strings.Contains(text, "匹配：“单位台账2.csv” 工作表“单位台账2” 第3行 单位“"+civilName+"”→已登记的“"+civilName+"”（单位代码相同）") {
		t.Errorf("dry-run text lacks the unit's match:\n%s", text)
	}
}

func readText(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// The officer's three answers for a unit: the same unit (the name becomes
// its 曾用名: the next import matches it without asking, and undoing the
// import removes it), a corrected code (a new unit holding it), or another
// unit (created without the code it cannot share).
func TestUnitConflictChoices(t *testing.T) {
	other := completeCode(t, "11510123MB1200003")
	key := importer.PartyUnit.ConflictKey(renamedUnit, civilCode(t))
	tests := []struct {
		name     string
		res      importer.Resolution
		unit     string // the unit the contracts are filed under
		code     string // its code
		newUnits int
	}{
		{"same", importer.Resolution{Choice: importer.ChoiceSame}, civilName, civilCode(t), 0},
		{"code", importer.Resolution{Choice: importer.ChoiceCode, Code: other}, renamedUnit, other, 1},
		{"new", importer.Resolution{Choice: importer.ChoiceNew}, renamedUnit, "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := store.Open(civilDB(t))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			a := importAnswered(t, db, renamedLedger(t), key, tt.res)
			if len(a.plan.NewUnits) != tt.newUnits {
				t.Fatalf("new units %v", a.plan.NewUnits)
			}
			for _, r := range a.contracts {
				u, err := db.FindUnitByID(context.Background(), r.UnitID)
				if err != nil || u.Name != tt.unit || u.Code != tt.code {
					t.Errorf("%s filed under %+v (%v), want %s %q", r.Title, u, err, tt.unit, tt.code)
				}
			}
			if tt.res.Choice != importer.ChoiceSame {
				return
			}
			sameUnitAgain(t, db, a.wb, a.batch.ID)
		})
	}
}

// sameUnitAgain checks that the name confirmed in batch is 民政局's 曾用名
// for the next import, and that undoing the batch removes it.
func sameUnitAgain(t *testing.T, db *store.DB, wb *importer.Workbook, batch int64) {
	t.Helper()
	ctx := context.Background()
	u, err := db.FindUnitByCode(ctx, "", renamedUnit)
	if err != nil || u.Name != civilName || len(u.FormerNames) != 1 || u.FormerNames[0] != renamedUnit {
		t.Fatalf("former name not found: %+v, %v", u, err)
	}
	again, err := importer.PlanWorkbook(ctx, wb, importer.Options{}, db)
	if err != nil || len(again.Problems) != 0 || again.Skipped != 2 {
		t.Errorf("second import: %v, problems %+v, skipped %d", err, again.Problems, again.Skipped)
	}
	if err := db.UndoImport(ctx, batch); err != nil {
		t.Fatal(err)
	}
	if u, err := db.FindUnitByCode(ctx, "", renamedUnit); govbuy.ErrorKindOf(err) != govbuy.ENotFound {
		t.Errorf("after the undo the former name finds %+v, %v", u, err)
	}
}
