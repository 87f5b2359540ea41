package main

import (
	"encoding/json"
	"fmt"
)

// runCheck reports the database's integrity and the compliance hints of
// every contract. Hints are warnings, so they never fail the run; damage does.
func runCheck(e *env, args []string) int {
	fs := newFlags(e, "check")
	asJSON := fs.Bool("json", false, "在标准输出打印一个JSON对象")
	if fs.Parse(args) != nil || fs.NArg() > 0 {
		return exitFailure
	}
	db, code := openForReading(e)
	if db == nil {
		return code
	}
	defer db.Close()
	res, err := db.Check(e.ctx)
	if err != nil {
		return fail(e, "check", err)
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(res)
	} else {
		printCheck(e, res.Integrity, len(res.Hints))
		for _, h := range res.Hints {
			fmt.Fprintf(e.stdout, "  %s [%s] %s\n", h.Contract, h.Rule, h.Message)
		}
		fmt.Fprintf(e.stdout, "待补充：%d条\n", len(res.Pending))
		for _, p := range res.Pending {
			fmt.Fprintln(e.stdout, "  "+p.Message())
		}
	}
	if len(res.Integrity) > 0 {
		return exitFailure
	}
	return exitOK
}

func printCheck(e *env, integrity []string, hints int) {
	if len(integrity) == 0 {
		fmt.Fprintln(e.stdout, "数据库完整性：正常")
	} else {
		fmt.Fprintln(e.stdout, "数据库完整性：发现问题")
		for _, p := range integrity {
			fmt.Fprintln(e.stdout, "  "+p)
		}
	}
	fmt.Fprintf(e.stdout, "合规提示：%d条\n", hints)
}
