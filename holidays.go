package govbuy

import "time"

// shippedYears are the holidays and make-up working days the State
// Council announced for 2020–2026, as tabulated by 6tail/lunar-go v1.4.7
// (HolidayUtil) and checked against the notices of the 国务院办公厅关于
// 部分节假日安排的通知 of each year: 国办发明电〔2019〕16号 (2020, with the
// Spring Festival extended to 2 February by 国办发明电〔2020〕1号),
// 〔2020〕27号 (2021), 〔2021〕11号 (2022), 〔2022〕16号 (2023), 〔2023〕7号
// (2024), 〔2024〕12号 (2025) and the notice for 2026 published in November
// 2025. Holidays are ranges of days off (weekends inside a range included);
// workdays are the weekend days worked instead.
var shippedYears = []struct {
	holidays []holidayRange
	workdays []string
}{
	{[]holidayRange{{"2020-01-01", "2020-01-01", "元旦"}, {"2020-01-24", "2020-02-02", "春节"}, {"2020-04-04", "2020-04-06", "清明节"},
		{"2020-05-01", "2020-05-05", "劳动节"}, {"2020-06-25", "2020-06-27", "端午节"}, {"2020-10-01", "2020-10-08", "国庆节、中秋节"}},
		[]string{"2020-01-19", "2020-04-26", "2020-05-09", "2020-06-28", "2020-09-27", "2020-10-10"}},
	{[]holidayRange{{"2021-01-01", "2021-01-03", "元旦"}, {"2021-02-11", "2021-02-17", "春节"}, {"2021-04-03", "2021-04-05", "清明节"},
		{"2021-05-01", "2021-05-05", "劳动节"}, {"2021-06-12", "2021-06-14", "端午节"}, {"2021-09-19", "2021-09-21", "中秋节"},
		{"2021-10-01", "2021-10-07", "国庆节"}},
		[]string{"2021-02-07", "2021-02-20", "2021-04-25", "2021-05-08", "2021-09-18", "2021-09-26", "2021-10-09"}},
	{[]holidayRange{{"2022-01-01", "2022-01-03", "元旦"}, {"2022-01-31", "2022-02-06", "春节"}, {"2022-04-03", "2022-04-05", "清明节"},
		{"2022-04-30", "2022-05-04", "劳动节"}, {"2022-06-03", "2022-06-05", "端午节"}, {"2022-09-10", "2022-09-12", "中秋节"},
		{"2022-10-01", "2022-10-07", "国庆节"}, {"2022-12-31", "2022-12-31", "元旦"}},
		[]string{"2022-01-29", "2022-01-30", "2022-04-02", "2022-04-24", "2022-05-07", "2022-10-08", "2022-10-09"}},
	{[]holidayRange{{"2023-01-01", "2023-01-02", "元旦"}, {"2023-01-21", "2023-01-27", "春节"}, {"2023-04-05", "2023-04-05", "清明节"},
		{"2023-04-29", "2023-05-03", "劳动节"}, {"2023-06-22", "2023-06-24", "端午节"}, {"2023-09-29", "2023-10-06", "中秋节、国庆节"},
		{"2023-12-30", "2023-12-31", "元旦"}},
		[]string{"2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25", "2023-10-07", "2023-10-08"}},
	{[]holidayRange{{"2024-01-01", "2024-01-01", "元旦"}, {"2024-02-10", "2024-02-17", "春节"}, {"2024-04-04", "2024-04-06", "清明节"},
		{"2024-05-01", "2024-05-05", "劳动节"}, {"2024-06-08", "2024-06-10", "端午节"}, {"2024-09-15", "2024-09-17", "中秋节"},
		{"2024-10-01", "2024-10-07", "国庆节"}},
		[]string{"2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12"}},
	{[]holidayRange{{"2025-01-01", "2025-01-01", "元旦"}, {"2025-01-28", "2025-02-04", "春节"}, {"2025-04-04", "2025-04-06", "清明节"},
		{"2025-05-01", "2025-05-05", "劳动节"}, {"2025-05-31", "2025-06-02", "端午节"}, {"2025-10-01", "2025-10-08", "国庆节、中秋节"}},
		[]string{"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"}},
	{[]holidayRange{{"2026-01-01", "2026-01-03", "元旦"}, {"2026-02-15", "2026-02-23", "春节"}, {"2026-04-04", "2026-04-06", "清明节"},
		{"2026-05-01", "2026-05-05", "劳动节"}, {"2026-06-19", "2026-06-21", "端午节"}, {"2026-09-25", "2026-09-27", "中秋节"},
		{"2026-10-01", "2026-10-07", "国庆节"}},
		[]string{"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"}},
}

// holidayRange is a run of days off, first to last.
type holidayRange struct{ first, last, name string }

// shippedDays lists the shipped years as calendar days.
func shippedDays() []CalendarDay {
	var out []CalendarDay
	for _, y := range shippedYears {
		for _, r := range y.holidays {
			first, last := mustDate(r.first), mustDate(r.last)
			for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
				out = append(out, CalendarDay{Date: d, Name: r.name})
			}
		}
		for _, w := range y.workdays {
			out = append(out, CalendarDay{Date: mustDate(w), Work: true, Name: "调休上班"})
		}
	}
	return out
}

// ShippedHolidayYears are the years whose holidays govbuy ships.
func ShippedHolidayYears() []int {
	var out []int
	for _, y := range shippedYears {
		out = append(out, mustDate(y.holidays[0].first).Year())
	}
	return out
}

// mustDate reads a date of the table above, which a test reads whole.
func mustDate(s string) time.Time {
	d, err := time.Parse(DateLayout, s)
	if err != nil {
		panic("govbuy: holiday table: " + err.Error())
	}
	return d
}
