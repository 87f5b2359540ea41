package assets

import (
	"fmt"
	"strings"
	"time"

	"govbuy"
)

// The demo's contracts carry the dates an auditor checks: the award notice
// of those bought by a procurement method, the signing in December 2023
// before the service year, the contract notice on the provincial
// procurement site a working day or two later and the copy filed with the
// finance bureau within the week. A few did not keep the law's time, so
// that every deadline hint shows on the demo:
//   - 城区道路清扫保洁 was signed on 28 September 2023, the day before the
//     National Day holiday, and published on 10 October, 4 working days
//     later (实施条例 第五十条 allows 2; the make-up weekend of 7–8 October
//     counts);
//   - 居家养老上门服务 was never filed with the finance bureau (第四十七条);
//   - 政务信息系统运维 was signed 46 days after its award notice (第四十六条);
//   - 市政设施日常维护 took a supplementary contract of 11 % (第四十九条);
//   - 城区公园绿地养护（一标段） runs two years with no justification on
//     record (第二十四条);
//   - 城区公园绿地养护（二标段）'s procurement intention went up 17 days
//     before the procurement (财库〔2020〕10号).

// demoMedia is where the district publishes its contracts.
const demoMedia = "云溪省政府采购网（www.ccgp-yunxi.gov.cn）"

// procured are the methods that end in an award notice (中标、成交通知书).
var procured = map[govbuy.Method]bool{
	govbuy.MethodOpenTender: true, govbuy.MethodInvitedTender: true, govbuy.MethodNegotiation: true,
	govbuy.MethodConsultation: true, govbuy.MethodSingleSource: true, govbuy.MethodInquiry: true,
	govbuy.MethodLimitedCompete: true,
}

// demoRecord is the public record of the i-th demo contract, on time: signed
// on one of the first working days of December 2023, published one or two
// working days later and filed within five; the award notice two weeks
// before the signing, and for open tenders the procurement intention 45
// days before the procurement began.
func demoRecord(i int, d demoContract, cal *govbuy.Calendar) govbuy.PublicRecord {
	sign := cal.AddWorkdays(govbuy.Day(2023, 11, 30), 1+i%15)
	r := govbuy.PublicRecord{SignDate: sign, PublishDate: cal.AddWorkdays(sign, 1+i%2), PublishMedia: demoMedia,
		FilingDate: cal.AddWorkdays(sign, 3+i%3), FilingNo: fmt.Sprintf("云财采备〔2023〕%03d号", i+1),
		ProjectNo: fmt.Sprintf("YXCG2023-%03d", i+1), Place: demoPlace(demoUnits[d.unit]), Spec: demoSpec(d)}
	if procured[d.method] {
		r.AwardDate = sign.AddDate(0, 0, -14)
	}
	if d.method == govbuy.MethodOpenTender {
		r.ProcureDate = r.AwardDate.AddDate(0, 0, -30)
		r.IntentDate = r.ProcureDate.AddDate(0, 0, -45)
	}
	return lateRecord(d.title, r)
}

// lateRecord makes the exceptions listed above.
func lateRecord(title string, r govbuy.PublicRecord) govbuy.PublicRecord {
	switch title {
	case "城区道路清扫保洁":
		r.AwardDate, r.SignDate, r.PublishDate, r.FilingDate = govbuy.Day(2023, 9, 15), govbuy.Day(2023, 9, 28), govbuy.Day(2023, 10, 10), govbuy.Day(2023, 10, 12)
		r.ProcureDate, r.IntentDate = govbuy.Day(2023, 8, 10), govbuy.Day(2023, 6, 20)
	case "居家养老上门服务":
		r.FilingDate, r.FilingNo = time.Time{}, ""
	case "政务信息系统运维":
		r.AwardDate = r.SignDate.AddDate(0, 0, -46)
	case "城区公园绿地养护（二标段）":
		r.IntentDate = r.ProcureDate.AddDate(0, 0, -17)
	}
	return r
}

// demoSupplements are the supplementary contracts of the demo.
func demoSupplements(title string) []govbuy.Supplement {
	if title != "市政设施日常维护" {
		return nil
	}
	return []govbuy.Supplement{{Number: "YX2024-市政-补1", Date: govbuy.Day(2024, 7, 15), Amount: govbuy.Yuan(118_800),
		Notes: "汛期排水设施抢修增加工作量"}}
}

// demoEnd is the last day of a demo contract's service: the year's end,
// but for the one two-year contract.
func demoEnd(title string) time.Time {
	if title == "城区公园绿地养护（一标段）" {
		return govbuy.Day(DemoYear+1, 12, 31)
	}
	return govbuy.Day(DemoYear, 12, 31)
}

// demoPlace is where a demo contract is performed: a town's or a
// street's own area, else the district's, as the unit directs.
func demoPlace(unit string) string {
	for _, suffix := range []string{"人民政府", "办事处"} {
		if area, ok := strings.CutSuffix(unit, suffix); ok {
			return area + "辖区内"
		}
	}
	return unit + "指定的服务地点（云溪区内）"
}

// demoSpec is what a demo contract's service must meet, as its notice
// states it.
func demoSpec(d demoContract) string {
	if d.kind == govbuy.KindPost {
		return fmt.Sprintf("提供%s%d人，按岗位职责履职，遵守购买主体工作纪律，按年度考核结果支付费用", d.title, d.headcount)
	}
	return d.title + "按合同约定的服务内容、服务标准和频次实施，接受购买主体考核和督查，按考核结果支付费用"
}
