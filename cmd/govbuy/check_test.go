package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"govbuy/store"
)

// `govbuy check` lists, among the hints, a contractor that no longer meets
// its service's requirement and a contract priced away from its standard.
func TestCheckListsUnmetRequirementsAndFeeDepartures(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.db")
	if code, _, stderr := govbuyCmd(t, "--db", path, "demo"); code != exitOK {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	dropRoadQualification(t, path)
	code, out, stderr := govbuyCmd(t, "--db", path, "check")
	if code != exitOK {
		t.Fatalf("check: exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"YX2024-042 [第七条] 承接主体不符合该服务的要求：缺少公路养护工程施工资质",
		"YX2024-053 [收费标准] 合同金额180,000.00元高于按“律师服务收费标准（计时）”计算的价格150,000.00元20%，超过允许偏离的10%",
		"合规提示：33条",
		"YX2024-056 [政府采购法实施条例第五十条] 合同于2023-09-28签订，应在2个工作日内（2023-10-08前）公告，2023-10-10才公告，逾期2个工作日",
		"YX2024-054 [政府采购法第四十七条] 合同于2023-12-13签订，应在7个工作日内（2023-12-22前）报财政部门备案，至今未报财政部门备案，已逾期",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
}

// dropRoadQualification takes the road-upkeep qualification away from the
// contractor of the first road contract, as an officer correcting its record
// would.
func dropRoadQualification(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, err := db.FindContractByNumber(ctx, "YX2024-042")
	if err != nil {
		t.Fatal(err)
	}
	k, err := db.FindContractorByID(ctx, c.ContractorID)
	if err != nil {
		t.Fatal(err)
	}
	k.Qualifications = nil
	if err := db.UpdateContractor(ctx, k); err != nil {
		t.Fatal(err)
	}
}
