package main

import (
	"fmt"
	"strings"

	"govbuy"
)

// runDistrict prints the district's profile, or with --name sets it:
// `govbuy district --name 山南区 [--bureau 山南区财政局] --first-year 2025`.
// Reports are titled with the district, so a database filled from the
// command line needs this before its first report. Setting it is an
// administrator's act once roles are on.
func runDistrict(e *env, args []string) int {
	fs := newFlags(e, "district")
	name := fs.String("name", "", "区县名称，如 山南区")
	bureau := fs.String("bureau", "", "财政局（默认：区县名称加“财政局”）")
	firstYear := fs.Int("first-year", 0, "首个预算年度")
	if fs.Parse(args) != nil || fs.NArg() > 0 {
		return exitFailure
	}
	if *name == "" && *bureau == "" && *firstYear == 0 {
		return printDistrict(e)
	}
	p := govbuy.DistrictProfile{Name: *name, Bureau: *bureau, FirstYear: *firstYear}
	if strings.TrimSpace(p.Bureau) == "" {
		p.Bureau = govbuy.DefaultBureau(p.Name)
	}
	db, code := openDB(e)
	if db == nil {
		return code
	}
	defer db.Close()
	if err := db.SetDistrictProfile(e.ctx, p); err != nil {
		return fail(e, "district", err)
	}
	return printDistrict(e)
}

func printDistrict(e *env) int {
	db, code := openForReading(e)
	if db == nil {
		return code
	}
	defer db.Close()
	p, err := db.DistrictProfile(e.ctx)
	if err != nil {
		return fail(e, "district", err)
	}
	if p.Name == "" {
		fmt.Fprintln(e.stdout, "尚未设置区县名称：govbuy district --name 区县名称 --first-year 年度")
		return exitOK
	}
	year := "未设置"
	if p.FirstYear != 0 {
		year = fmt.Sprintf("%d年", p.FirstYear)
	}
	fmt.Fprintf(e.stdout, "区县名称：%s\n财政局：%s\n首个预算年度：%s\n", p.Name, p.Bureau, year)
	return exitOK
}
