package store_test

import (
	"context"
	"testing"
	"time"

	"govbuy"
)

// A contract signed on the make-up Sunday before National Day 2024 and
// published after the holiday: the record is stored and read back, and the
// deadline hints reach the contract's screen, `govbuy check` and the
// workbench alike, counted to the store's clock.
func TestDeadlineHintsEverywhere(t *testing.T) {
	db := openDB(t)
	db.Now = func() time.Time { return time.Date(2024, 10, 18, 9, 0, 0, 0, time.UTC) }
	ctx := context.Background()
	u := mustUnit(t, db, "区城管局")
	k := mustContractor(t, db, "云溪保洁服务有限公司", govbuy.TypeEnterprise, creditCode(t, 1))
	c := newContract("YX-9", 2024, u, k, govbuy.Yuan(100_000))
	c.PublicRecord = govbuy.PublicRecord{AwardDate: date(t, "2024-09-20"), SignDate: date(t, "2024-09-29"),
		PublishDate: date(t, "2024-10-10"), PublishMedia: "中国政府采购网"}
	mustContract(t, db, c)
	got, err := db.FindContractByID(ctx, c.ID)
	if err != nil || got.PublicRecord != c.PublicRecord {
		t.Fatalf("record read back %+v, %v; want %+v", got.PublicRecord, err, c.PublicRecord)
	}
	want := map[string]string{
		"publish": "合同于2024-09-29签订，应在2个工作日内（2024-10-08前）公告，2024-10-10才公告，逾期2个工作日",
		"filing":  "合同于2024-09-29签订，应在7个工作日内（2024-10-14前）报财政部门备案，至今未报财政部门备案，已逾期4个工作日",
	}
	s, err := db.ContractSettlement(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Hints) != 2 || s.Hints[0].Message != want["publish"] || s.Hints[1].Message != want["filing"] {
		t.Errorf("contract hints = %+v", s.Hints)
	}
	res, err := db.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hints) != 2 || res.Hints[0].Message != want["publish"] || res.Hints[1].Rule != "政府采购法第四十七条" {
		t.Errorf("check hints = %+v", res.Hints)
	}
	w, err := db.Workbench(ctx, 2024, 0)
	if err != nil {
		t.Fatal(err)
	}
	items := w.Due[govbuy.DueHint].Items
	if len(items) != 2 || govbuy.FormatDate(items[1].Date) != "2024-10-14" || items[1].Days != 4 {
		t.Errorf("workbench hints = %+v", items)
	}
	if err := db.AcknowledgeHint(ctx, c.ID, "filing", "已于10月16日线下报送，系统补录中"); err != nil {
		t.Fatal(err)
	}
	if res, _ := db.Check(ctx); len(res.Hints) != 1 {
		t.Errorf("after acknowledging, check hints = %+v", res.Hints)
	}
}

func TestSupplements(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	u := mustUnit(t, db, "区城管局")
	k := mustContractor(t, db, "云溪保洁服务有限公司", govbuy.TypeEnterprise, creditCode(t, 1))
	c := newContract("YX-9", 2024, u, k, govbuy.Yuan(100_000))
	c.SignDate, c.PublishDate, c.FilingDate = date(t, "2024-01-01"), date(t, "2024-01-02"), date(t, "2024-01-02")
	mustContract(t, db, c)
	wantDomainError(t, db.AddSupplement(ctx, &govbuy.Supplement{ContractID: c.ID, Date: date(t, "2023-12-01"), Amount: govbuy.Yuan(1)}),
		govbuy.EInvalid, "补充合同签订日期：2023-12-01早于原合同签订日期2024-01-01")
	for _, amount := range []int64{6_000, 5_000} {
		if err := db.AddSupplement(ctx, &govbuy.Supplement{ContractID: c.ID, Date: date(t, "2024-06-01"), Amount: govbuy.Yuan(amount)}); err != nil {
			t.Fatal(err)
		}
	}
	list, err := db.ContractSupplements(ctx, c.ID)
	if err != nil || len(list) != 2 || govbuy.SupplementTotal(list) != govbuy.Yuan(11_000) {
		t.Fatalf("supplements = %+v, %v", list, err)
	}
	res, _ := db.Check(ctx)
	if len(res.Hints) != 1 || res.Hints[0].Code != "supplement" {
		t.Errorf("check hints = %+v", res.Hints)
	}
	if err := db.DeleteSupplement(ctx, list[0].ID); err != nil {
		t.Fatal(err)
	}
	if res, _ := db.Check(ctx); len(res.Hints) != 0 {
		t.Errorf("after deleting one, check hints = %+v", res.Hints)
	}
	if n := mustCount(t, db, "SELECT COUNT(*) FROM audit_log WHERE entity = 'supplement'"); n != 3 {
		t.Errorf("audit entries = %d, want 3", n)
	}
	if err := db.CloseYear(ctx, 2024); err != nil {
		t.Fatal(err)
	}
	err = db.AddSupplement(ctx, &govbuy.Supplement{ContractID: c.ID, Date: date(t, "2024-06-01"), Amount: govbuy.Yuan(1)})
	if err == nil {
		t.Error("a closed year's contract took a supplement")
	}
}

// A year the State Council announced after govbuy shipped is entered in
// 设置 and moves the deadlines that fall in it.
func TestSaveHolidayYear(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	days, err := govbuy.ParseHolidayYear(2031, "2031-01-01至2031-01-03：元旦", "2031-01-04")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SaveHolidayYear(ctx, 2031, days); err != nil {
		t.Fatal(err)
	}
	cal, err := db.WorkCalendar(ctx)
	if err != nil || !cal.Knows(2031) || cal.Workday(date(t, "2031-01-02")) || !cal.Workday(date(t, "2031-01-04")) {
		t.Fatalf("calendar after saving 2031: %v", err)
	}
	if err := db.SaveHolidayYear(ctx, 2031, nil); err != nil {
		t.Fatal(err)
	}
	if entered, _ := db.EnteredCalendarDays(ctx); len(entered) != 0 {
		t.Errorf("entered days after clearing = %+v", entered)
	}
	wantDomainError(t, db.SaveHolidayYear(ctx, 2030, days), govbuy.EInvalid, "放假日期：2031-01-01不在2030年内")
	if n := mustCount(t, db, "SELECT COUNT(*) FROM audit_log WHERE entity = 'calendar'"); n != 2 {
		t.Errorf("audit entries = %d, want 2", n)
	}
}

func date(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(govbuy.DateLayout, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// A ledger's public record and supplementary contract come in by import
// as they would by the window: stored, not added twice when the ledger is
// imported again to update its contracts, removed with an undone import,
// and refused for a closed year.
func TestImportedRecordAndSupplements(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	u := mustUnit(t, db, "区城管局")
	k := mustContractor(t, db, "云溪保洁服务有限公司", govbuy.TypeEnterprise, creditCode(t, 1))
	row := newContract("YX-9", 2024, u, k, govbuy.Yuan(100_000))
	row.PublicRecord = govbuy.PublicRecord{SignDate: date(t, "2023-09-28"), PublishDate: date(t, "2023-10-10"), PublishMedia: "云溪省政府采购网"}
	supp := govbuy.Supplement{Number: "YX-9-补1", Date: date(t, "2024-07-15"), Amount: govbuy.Yuan(11_880)}
	dc := govbuy.DatasetContract{Contract: *row, UnitName: "区城管局", ContractorName: "云溪保洁服务有限公司",
		Supplements: []govbuy.Supplement{supp}}
	first, err := db.ImportDataset(ctx, &govbuy.Dataset{Contracts: []govbuy.DatasetContract{dc}}, govbuy.ImportBatch{})
	if err != nil {
		t.Fatal(err)
	}
	stored, err := db.FindContractByNumber(ctx, "YX-9")
	if err != nil || stored.PublicRecord != row.PublicRecord {
		t.Fatalf("imported record %+v, %v", stored.PublicRecord, err)
	}
	// The ledger again, now with the 备案 filled in.
	dc.ID = stored.ID
	dc.FilingDate, dc.FilingNo = date(t, "2023-10-12"), "云财采备〔2023〕001号"
	dc.Given = govbuy.NewFieldSet(govbuy.FieldUnit, govbuy.FieldTitle, govbuy.FieldContractor, govbuy.FieldAmount,
		govbuy.FieldSignDate, govbuy.FieldFilingDate, govbuy.FieldFilingNo)
	if _, err := db.ImportDataset(ctx, &govbuy.Dataset{Contracts: []govbuy.DatasetContract{dc}}, govbuy.ImportBatch{}); err != nil {
		t.Fatal(err)
	}
	stored, _ = db.FindContractByNumber(ctx, "YX-9")
	list, _ := db.ContractSupplements(ctx, stored.ID)
	if stored.FilingNo != "云财采备〔2023〕001号" || stored.PublishMedia != "云溪省政府采购网" || len(list) != 1 || list[0].Amount != supp.Amount {
		t.Errorf("after the update: record %+v, supplements %+v", stored.PublicRecord, list)
	}

	if err := db.CloseYear(ctx, 2024); err != nil {
		t.Fatal(err)
	}
	dc.Supplements = []govbuy.Supplement{{Number: "YX-9-补2", Date: date(t, "2024-09-01"), Amount: govbuy.Yuan(1_000)}}
	if _, err := db.ImportDataset(ctx, &govbuy.Dataset{Contracts: []govbuy.DatasetContract{dc}}, govbuy.ImportBatch{}); err == nil {
		t.Error("an import amended a closed year's contract")
	}
	if list, _ := db.ContractSupplements(ctx, stored.ID); len(list) != 1 {
		t.Errorf("a refused import left supplements %+v", list)
	}
	if err := db.ReopenYear(ctx, 2024, "补录"); err != nil {
		t.Fatal(err)
	}
	other := govbuy.DatasetContract{Contract: *newContract("YX-10", 2024, u, k, govbuy.Yuan(50_000)), UnitName: "区城管局",
		ContractorName: "云溪保洁服务有限公司", Supplements: []govbuy.Supplement{{Date: date(t, "2024-03-01"), Amount: govbuy.Yuan(500)}}}
	b, err := db.ImportDataset(ctx, &govbuy.Dataset{Contracts: []govbuy.DatasetContract{other}}, govbuy.ImportBatch{})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.UndoImport(ctx, b.ID); err != nil {
		t.Fatalf("undo of an import with a supplement: %v", err)
	}
	if n := mustCount(t, db, "SELECT COUNT(*) FROM contract_supplements"); n != 1 || first.ID == b.ID {
		t.Errorf("supplements after the undo = %d, want the first import's 1", n)
	}
}

// Supplements and the calendar obey roles: with roles on nobody unsigned
// writes, a clerk records supplements, and only an administrator changes
// the calendar.
func TestRecordRoles(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	u := mustUnit(t, db, "区城管局")
	k := mustContractor(t, db, "云溪保洁服务有限公司", govbuy.TypeEnterprise, creditCode(t, 1))
	c := newContract("YX-9", 2024, u, k, govbuy.Yuan(100_000))
	mustContract(t, db, c)
	admin, clerk, _ := signedIn(t, db)
	s := func() *govbuy.Supplement {
		return &govbuy.Supplement{ContractID: c.ID, Date: date(t, "2024-06-01"), Amount: govbuy.Yuan(1_000)}
	}
	if err := db.AddSupplement(ctx, s()); err == nil {
		t.Error("an unsigned caller added a supplement")
	}
	added := s()
	if err := db.AddSupplement(clerk, added); err != nil {
		t.Fatalf("clerk: %v", err)
	}
	if err := db.DeleteSupplement(ctx, added.ID); err == nil {
		t.Error("an unsigned caller deleted a supplement")
	}
	days, _ := govbuy.ParseHolidayYear(2031, "2031-01-01", "")
	if err := db.SaveHolidayYear(clerk, 2031, days); govbuy.ErrorMessage(err) != "李录入的角色是录入员，不能设置节假日" {
		t.Errorf("clerk saving holidays: %v", err)
	}
	if err := db.SaveHolidayYear(admin, 2031, days); err != nil {
		t.Errorf("administrator saving holidays: %v", err)
	}
}
