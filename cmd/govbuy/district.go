package main

import (
	"flag"
	"fmt"
	"strings"

	"govbuy"
)

// runDistrict prints the district's profile, or with --name sets it:
// `govbuy district --name 山南区 [--bureau 山南区财政局] --first-year 2025`.
// Reports are titled with the district, so a database filled from the
// command line needs this before its first report. --ocid-prefix sets the
// prefix of the OCDS export's ocids ("" for the local default). Setting
// either is an administrator's act once roles are on.
func runDistrict(e *env, args []string) int {
	fs := newFlags(e, "district")
	name := fs.String("name", "", "区县名称，如 山南区")
	bureau := fs.String("bureau", "", "财政局（默认：区县名称加“财政局”）")
	firstYear := fs.Int("first-year", 0, "首个预算年度")
	prefix := fs.String("ocid-prefix", "", "OCDS导出的ocid前缀，如 ocds-abc123（空为默认的本地前缀 "+govbuy.DefaultOCIDPrefix+"，未登记）")
	if fs.Parse(args) != nil || fs.NArg() > 0 {
		return exitFailure
	}
	setPrefix := false
	fs.Visit(func(f *flag.Flag) { setPrefix = setPrefix || f.Name == "ocid-prefix" })
	setProfile := *name != "" || *bureau != "" || *firstYear != 0
	if !setProfile && !setPrefix {
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
	if setProfile {
		if err := db.SetDistrictProfile(e.ctx, p); err != nil {
			return fail(e, "district", err)
		}
	}
	if setPrefix {
		if err := db.SetOCIDPrefix(e.ctx, *prefix); err != nil {
			return fail(e, "district", err)
		}
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
	prefix, err := db.OCIDPrefix(e.ctx)
	if err != nil {
		return fail(e, "district", err)
	}
	if prefix == govbuy.DefaultOCIDPrefix {
		prefix += "（本地前缀，未登记）"
	}
	fmt.Fprintf(e.stdout, "OCDS前缀：%s\n", prefix)
	return exitOK
}
