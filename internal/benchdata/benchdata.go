// Package benchdata makes large, deterministic districts for benchmarks:
// 60 units, 3,000 contractors and as many contracts as asked, each paid in
// the year, so list, report and start-up figures are measured on the sizes
// the performance targets name.
package benchdata

import (
	"fmt"

	"govbuy"
)

// Year is the budget year of every generated contract.
const Year = 2024

var titles = []string{"社区工作者", "城市管理协管员", "农村公路日常养护", "公园绿地养护", "市政设施维护", "政府法律顾问服务", "物业管理", "道路清扫保洁"}

// Dataset returns a district with n contracts.
func Dataset(n int) *govbuy.Dataset {
	ds := &govbuy.Dataset{District: "基准区"}
	for i := range 60 {
		ds.Units = append(ds.Units, govbuy.DatasetUnit{Unit: govbuy.Unit{Name: fmt.Sprintf("基准区第%02d局", i+1), Kind: govbuy.UnitAdministrative}})
	}
	for i := range 3000 {
		ds.Contractors = append(ds.Contractors, govbuy.DatasetContractor{Contractor: govbuy.Contractor{Name: fmt.Sprintf("基准服务有限公司%04d", i+1), Type: govbuy.TypeEnterprise}})
	}
	for i := range n {
		number := fmt.Sprintf("BM%d-%06d", Year, i+1)
		kind, headcount := govbuy.KindProject, 0
		if i%3 == 0 {
			kind, headcount = govbuy.KindPost, 1+i%20
		}
		amount := govbuy.Money(10_000_00 + int64(i%997)*1_234_56)
		ds.Contracts = append(ds.Contracts, govbuy.DatasetContract{
			Contract: govbuy.Contract{
				Number: number, Year: Year, Kind: kind, Headcount: headcount,
				Title:  fmt.Sprintf("%s%d", titles[i%len(titles)], i%500),
				Method: govbuy.Methods[i%len(govbuy.Methods)], Amount: amount,
				Start: govbuy.Day(Year, 1, 1), End: govbuy.Day(Year, 12, 31), Status: govbuy.StatusActive,
			},
			UnitName:       ds.Units[i%len(ds.Units)].Name,
			ContractorName: ds.Contractors[i%len(ds.Contractors)].Name,
			CatalogCode:    govbuy.DefaultCatalog[1+i%(len(govbuy.DefaultCatalog)-1)].Code,
		})
		ds.Payments = append(ds.Payments, govbuy.DatasetPayment{
			ContractNumber: number,
			Payment:        govbuy.Payment{Date: govbuy.Day(Year, 6, 30), Amount: amount / 2},
		})
	}
	return ds
}
