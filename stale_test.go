package govbuy

import (
	"testing"
	"time"
)

func TestStaleRecord(t *testing.T) {
	beijing := time.FixedZone("CST", 8*3600)
	now := time.Date(2026, 12, 5, 16, 30, 0, 0, beijing)
	tests := []struct {
		what, by string
		at       time.Time
		want     string
	}{
		// 06:05 UTC is 14:05 in Beijing, today there.
		{"合同", "李明", time.Date(2026, 12, 5, 6, 5, 0, 0, time.UTC), "该合同已被李明于14:05修改，请重新打开后再改"},
		// 20:05 UTC on the 2nd is already the 3rd in Beijing.
		{"承接主体", "王芳", time.Date(2026, 12, 2, 20, 5, 0, 0, time.UTC), "该承接主体已被王芳于12月3日04:05修改，请重新打开后再改"},
		{"单位", "李明", time.Date(2025, 12, 3, 6, 5, 0, 0, time.UTC), "该单位已被李明于2025年12月3日14:05修改，请重新打开后再改"},
		{"考核", "", time.Date(2026, 12, 5, 0, 0, 0, 0, beijing), "该考核已被他人于00:00修改，请重新打开后再改"},
		{"目录项", "", time.Time{}, "该目录项已被他人修改，请重新打开后再改"},
	}
	for _, tt := range tests {
		err := StaleRecord(tt.what, tt.by, tt.at, now)
		if err.Error() != tt.want || err.Kind != EConflict {
			t.Errorf("StaleRecord(%s, %s, %v) = %v %q, want conflict %q", tt.what, tt.by, tt.at, err.Kind, err, tt.want)
		}
	}
}

func TestStaleDeleteAsksToLookBeforeDeleting(t *testing.T) {
	now := time.Date(2026, 12, 5, 16, 30, 0, 0, time.UTC)
	for _, tt := range []struct {
		by   string
		at   time.Time
		want string
	}{
		{"李明", time.Date(2026, 12, 5, 9, 15, 0, 0, time.UTC), "该合同已被李明于09:15修改，请查看其修改后再决定是否删除"},
		{"", time.Time{}, "该合同已被他人修改，请查看其修改后再决定是否删除"},
	} {
		if err := StaleDelete("合同", tt.by, tt.at, now); err.Error() != tt.want || err.Kind != EConflict {
			t.Errorf("StaleDelete(合同, %q, %v) = %v %q, want conflict %q", tt.by, tt.at, err.Kind, err, tt.want)
		}
	}
}
