package main

import (
	"context"
	"encoding/json"
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
	other := "91110108551385091" // completed with its check character
	check, err := govbuy.CreditCodeCheck(other)
	if err != nil {
		t.Fatal(err)
	}
	other += string(check)
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
			path := greenDB(t)
			db, err := store.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			ctx := context.Background()
			wb, err := importer.ReadFile(ctx, writeLedger(t, "台账.csv", instituteLedger))
			if err != nil {
				t.Fatal(err)
			}
			plan, err := importer.PlanWorkbook(ctx, wb, importer.Options{Resolutions: map[string]importer.Resolution{key: tt.res}}, db)
			if err != nil || len(plan.Problems) != 0 || len(plan.NewContractors) != tt.newOnes {
				t.Fatalf("plan: %v, problems %+v, new %v", err, plan.Problems, plan.NewContractors)
			}
			if _, err := db.ImportDataset(ctx, plan.Dataset, govbuy.ImportBatch{Files: []string{wb.Name}}); err != nil {
				t.Fatal(err)
			}
			rows, _, err := db.FindContracts(ctx, govbuy.ContractFilter{Year: 2024})
			if err != nil || len(rows) != 2 {
				t.Fatalf("contracts %+v, %v", rows, err)
			}
			for _, r := range rows {
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
			again, err := importer.PlanWorkbook(ctx, wb, importer.Options{}, db)
			if err != nil || len(again.Problems) != 0 || again.Skipped != 2 {
				t.Errorf("second import: %v, problems %+v, skipped %d", err, again.Problems, again.Skipped)
			}
		})
	}
}
