package main

import (
	"encoding/json"
	"fmt"
	"io"

	"govbuy"
	"govbuy/importer"
	"govbuy/reports"
	"govbuy/store"
)

// runReconcile compares the treasury's payment list (国库集中支付明细) of a
// year with the payments recorded in it and lists every difference: paid
// but not recorded, recorded but not paid, amounts that differ, paid before
// the assessment or above the payable. It writes nothing to the database;
// --xlsx writes the 国库对账 sheet. Rows of other years are left out and
// counted. A file with unreadable rows is refused (exit 1) like an import.
func runReconcile(e *env, args []string) int {
	fs := newFlags(e, "reconcile")
	year := fs.Int("year", 0, "对账年度")
	xlsxPath := fs.String("xlsx", "", "写出对账表（Excel）")
	asJSON := fs.Bool("json", false, "在标准输出打印一个JSON对象")
	hand := handFlags{}
	fs.Var(hand, "match", "为未匹配的行指定合同 '支付凭证号=合同编号'（可重复）")
	if fs.Parse(args) != nil {
		return exitFailure
	}
	if *year == 0 || fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "用法: govbuy reconcile --year 年度 [--match '支付凭证号=合同编号']... [--xlsx 文件] [--json] 国库支付明细文件...")
		return exitFailure
	}
	db, code := openForReading(e)
	if db == nil {
		return code
	}
	defer db.Close()
	rec, others, code := reconcile(e, db, *year, hand, fs.Args())
	if rec == nil {
		return code
	}
	if *xlsxPath != "" {
		if code := writeReconciliation(e, db, rec, *xlsxPath); code != exitOK {
			return code
		}
	}
	printReconciliation(e, rec, others, *asJSON)
	return exitOK
}

// reconcile reads the lists, matches their rows, and reconciles those of
// year with the book; others counts the rows of other years.
func reconcile(e *env, db *store.DB, year int, hand handFlags, paths []string) (*govbuy.Reconciliation, int, int) {
	opts := importer.Options{As: importer.KindTreasury, Presets: db, Hand: hand, MatchOnly: true}
	plan, _, code := planImport(e, db, opts, paths, false)
	if plan == nil {
		return nil, 0, code
	}
	if len(plan.Problems) > 0 {
		for _, p := range plan.Problems {
			fmt.Fprintln(e.stderr, p.String())
		}
		fmt.Fprintf(e.stderr, "共%d个问题，未对账。请修改文件后重试。\n", len(plan.Problems))
		return nil, 0, exitInput
	}
	var rows []govbuy.TreasuryRow
	others := 0
	for _, l := range plan.Treasury {
		if l.Row.Date.Year() != year {
			others++
			continue
		}
		rows = append(rows, l.Row)
	}
	book, err := db.TreasuryBook(e.ctx, year)
	if err != nil {
		return nil, 0, fail(e, "reconcile", err)
	}
	return govbuy.Reconcile(book, rows), others, exitOK
}

func writeReconciliation(e *env, db *store.DB, rec *govbuy.Reconciliation, path string) int {
	district, err := db.District(e.ctx)
	if err != nil {
		return fail(e, "reconcile", err)
	}
	err = reports.WriteFile(path, func(w io.Writer) error { return reports.WriteReconciliationXLSX(w, district, rec) })
	if err != nil {
		return fail(e, "reconcile", err)
	}
	return exitOK
}

// printReconciliation prints the totals and each difference, or the
// reconciliation as JSON (money in fen).
func printReconciliation(e *env, rec *govbuy.Reconciliation, others int, asJSON bool) {
	if asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.Encode(struct {
			*govbuy.Reconciliation
			OtherYears int `json:"other_years"`
		}{rec, others})
		return
	}
	fmt.Fprintf(e.stdout, "%d年度国库对账：%s\n", rec.Year, reports.ReconSummary(rec))
	if others > 0 {
		fmt.Fprintf(e.stdout, "另有%d行不属于%d年度，未对账\n", others, rec.Year)
	}
	for _, it := range rec.Items {
		fmt.Fprintf(e.stdout, "[%s] %s\n", it.Kind, it.Message)
	}
	if len(rec.Items) == 0 {
		fmt.Fprintln(e.stdout, "国库支付与支付记录一致，没有差异")
	}
}
