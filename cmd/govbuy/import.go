package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"govbuy"
	"govbuy/importer"
	"govbuy/store"
)

// mapFlags collects repeated --map 'HEADER=field' arguments.
type mapFlags importer.Mapping

func (m mapFlags) String() string { return "" }

func (m mapFlags) Set(v string) error {
	header, field, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(header) == "" || strings.TrimSpace(field) == "" {
		return errors.New("应写作 '表头=字段'，例如 --map '合同价款（万元）=amount'")
	}
	m[strings.TrimSpace(header)] = strings.TrimSpace(field)
	return nil
}

// runImport reads every file, plans the whole run, and writes it in one
// transaction only when no file has a problem: a run lands whole or not at
// all. Contracts already stored are skipped, and the summary says how many.
func runImport(e *env, args []string) int {
	fs := newFlags(e, "import")
	as := fs.String("as", "contracts", "文件内容：contracts（合同台账）、contractors、assessments、payments")
	dryRun := fs.Bool("dry-run", false, "只检查，不写入")
	asJSON := fs.Bool("json", false, "在标准输出打印一个JSON对象")
	mapping := mapFlags{}
	fs.Var(mapping, "map", "指定列的对应关系 '表头=字段'（可重复）")
	if fs.Parse(args) != nil {
		return exitFailure
	}
	kind, ok := importer.ParseKind(*as)
	if !ok {
		fmt.Fprintf(e.stderr, "govbuy import: --as 应为 contracts、contractors、assessments 或 payments，实际为“%s”\n", *as)
		return exitFailure
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(e.stderr, "用法: govbuy import [--as 类型] [--dry-run] [--map '表头=字段']... [--json] 文件...")
		return exitFailure
	}
	db, code := openDB(e)
	if db == nil {
		return code
	}
	defer db.Close()
	opts := importer.Options{As: kind, Map: importer.Mapping(mapping), Presets: db}
	if opts.Catalog, code = catalogFor(e, db); code != exitOK {
		return code
	}
	plan, batch, code := planImport(e, db, opts, fs.Args())
	if plan == nil {
		return code
	}
	var written *govbuy.ImportBatch
	if len(plan.Problems) == 0 && !*dryRun {
		b, err := db.ImportDataset(e.ctx, plan.Dataset, batch)
		if err != nil {
			return fail(e, "import", err)
		}
		written = b
	}
	printImport(e, plan, written, *asJSON, *dryRun)
	if len(plan.Problems) > 0 {
		return exitInput
	}
	return exitOK
}

func catalogFor(e *env, catalog govbuy.CatalogService) ([]govbuy.CatalogItem, int) {
	items, err := catalog.FindCatalog(e.ctx)
	if err != nil {
		return nil, fail(e, "import", err)
	}
	return items, exitOK
}

// planImport reads and plans every file. A file that cannot be read at all
// is a problem of the run, like a bad cell, so every file is still looked at.
func planImport(e *env, db *store.DB, opts importer.Options, paths []string) (*importer.Plan, govbuy.ImportBatch, int) {
	planner := importer.NewPlanner(opts, db)
	var unreadable []importer.Problem
	var batch govbuy.ImportBatch
	for _, path := range paths {
		wb, err := importer.ReadFile(e.ctx, path)
		if err != nil {
			var fe *importer.FileError
			if !errors.As(err, &fe) {
				fmt.Fprintf(e.stderr, "govbuy import: %v\n", err)
				return nil, batch, exitFailure
			}
			unreadable = append(unreadable, importer.Problem{File: filepath.Base(path), Message: fe.Message})
			continue
		}
		if err := planner.Add(e.ctx, wb); err != nil {
			return nil, batch, fail(e, "import", err)
		}
		batch.Files = append(batch.Files, wb.Name)
		batch.Checksums = append(batch.Checksums, wb.Checksum)
	}
	plan := planner.Result()
	plan.Problems = append(unreadable, plan.Problems...)
	return plan, batch, exitOK
}

// printImport reports the plan; written is the committed batch, nil when
// nothing was written.
func printImport(e *env, plan *importer.Plan, written *govbuy.ImportBatch, asJSON, dryRun bool) {
	summary := plan.Summary(written != nil)
	if written != nil {
		summary.Imported.PaymentRequests = written.Counts["payment_requests"]
		summary.Imported.Payments -= summary.Imported.PaymentRequests
	}
	if asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.Encode(summary)
		return
	}
	for _, p := range plan.Problems {
		fmt.Fprintln(e.stderr, p.String())
	}
	for _, n := range plan.Notices {
		fmt.Fprintln(e.stdout, "提示："+n)
	}
	c := plan.Counts()
	verb := "已导入"
	switch {
	case len(plan.Problems) > 0:
		fmt.Fprintf(e.stderr, "共%d个问题，未写入任何数据。请修改文件后重新导入。\n", len(plan.Problems))
		return
	case dryRun:
		verb = "检查通过（未写入），将导入"
	}
	fmt.Fprintf(e.stdout, "%s：%d个文件%d行，合同%d份，新单位%d个，新承接主体%d个，考核%d条，支付%d笔；跳过已有合同%d份\n",
		verb, plan.Files, plan.Rows, c.Contracts, len(plan.NewUnits), len(plan.NewContractors), c.Assessments, c.Payments, plan.Skipped)
	if n := summary.Imported.PaymentRequests; n > 0 {
		fmt.Fprintf(e.stdout, "其中%d笔支付超过审批金额，已转为付款申请，待录入人以外的审核员审批后计入\n", n)
	}
}
