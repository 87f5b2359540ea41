package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"govbuy"
	"govbuy/store"
)

func TestRolesSignInLockoutAndMakerChecker(t *testing.T) {
	db := openDB(t)
	bg := context.Background()
	c := roadContract(t, db) // written before roles are on
	if _, err := db.CreateUser(bg, "录入", govbuy.RoleClerk, "password1"); govbuy.ErrorField(err) != "角色" {
		t.Errorf("first user not an admin: %v", err)
	}
	admin, err := db.CreateUser(bg, "王管理", govbuy.RoleAdmin, "admin-pass-1")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateUnit(bg, &govbuy.Unit{Name: "未登录单位"}); !strings.Contains(govbuy.ErrorMessage(err), "请先登录") {
		t.Errorf("write without signing in: %v", err)
	}
	asAdmin := govbuy.WithUser(bg, admin)
	if _, err := db.CreateUser(bg, "无名", govbuy.RoleClerk, "password1"); govbuy.ErrorKindOf(err) != govbuy.EConflict {
		t.Errorf("adding a user without an admin: %v", err)
	}
	clerk, err := db.CreateUser(asAdmin, "李录入", govbuy.RoleClerk, "clerk-pass-1")
	if err != nil {
		t.Fatal(err)
	}
	reviewer, err := db.CreateUser(asAdmin, "赵审核", govbuy.RoleReviewer, "review-pass-1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateUser(asAdmin, "短", govbuy.RoleClerk, "short"); govbuy.ErrorField(err) != "密码" {
		t.Errorf("short password: %v", err)
	}

	// Sign-in and lockout.
	if u, err := db.Authenticate(bg, "李录入", "clerk-pass-1"); err != nil || u.Role != govbuy.RoleClerk {
		t.Fatalf("sign in: %v %v", u, err)
	}
	for i := 0; i < 5; i++ {
		if _, err := db.Authenticate(bg, "李录入", "wrong"); govbuy.ErrorMessage(err) != "密码：用户名或密码错误" {
			t.Fatalf("wrong password %d: %v", i, err)
		}
	}
	if _, err := db.Authenticate(bg, "李录入", "clerk-pass-1"); !strings.Contains(govbuy.ErrorMessage(err), "账户已锁定") {
		t.Errorf("locked account signed in: %v", err)
	}
	db.Now = func() time.Time { return testNow.Add(16 * time.Minute) }
	if _, err := db.Authenticate(bg, "李录入", "clerk-pass-1"); err != nil {
		t.Errorf("after the lockout: %v", err)
	}

	// Roles.
	asClerk, asReviewer := govbuy.WithUser(bg, clerk), govbuy.WithUser(bg, reviewer)
	if err := db.CloseYear(asClerk, 2023); !strings.Contains(govbuy.ErrorMessage(err), "不能年度结账") {
		t.Errorf("clerk closing a year: %v", err)
	}
	if err := db.CloseYear(asReviewer, 2023); err != nil {
		t.Fatalf("reviewer closing a year: %v", err)
	}
	if err := db.ReopenYear(asReviewer, 2023, "补录"); govbuy.ErrorKindOf(err) != govbuy.EConflict {
		t.Errorf("reviewer reopening: %v", err)
	}
	if err := db.ReopenYear(asAdmin, 2023, "补录"); err != nil {
		t.Errorf("admin reopening: %v", err)
	}

	// Maker–checker above 100,000.00 元.
	if err := db.SetApprovalThreshold(asClerk, 10_000_000); govbuy.ErrorKindOf(err) != govbuy.EConflict {
		t.Errorf("clerk setting the threshold: %v", err)
	}
	if err := db.SetMaxFeeDeparture(asClerk, 9000); govbuy.ErrorKindOf(err) != govbuy.EConflict {
		t.Errorf("clerk widening the fee departure: %v", err)
	}
	if err := db.SetApprovalThreshold(asAdmin, 10_000_000); err != nil {
		t.Fatal(err)
	}
	big := &govbuy.Payment{ContractID: c.ID, Period: "2024Q1", Date: govbuy.Day(2024, 4, 10), Amount: 15_000_000}
	if err := db.CreatePayment(asClerk, big); err != nil || !big.PendingApproval {
		t.Fatalf("large payment: %v, pending %v", err, big.PendingApproval)
	}
	if n := mustCount(t, db, "SELECT COUNT(*) FROM payments WHERE contract_id = ?", c.ID); n != 0 {
		t.Fatalf("a payment awaiting approval was recorded: %d payments", n)
	}
	reqs, _ := db.FindPaymentRequests(bg)
	if len(reqs) != 1 || reqs[0].Author != "李录入" {
		t.Fatalf("requests = %+v", reqs)
	}
	if _, err := db.ApprovePayment(asClerk, reqs[0].ID); govbuy.ErrorKindOf(err) != govbuy.EConflict {
		t.Errorf("clerk approving: %v", err)
	}
	own := &govbuy.Payment{ContractID: c.ID, Period: "2024Q2", Date: govbuy.Day(2024, 7, 10), Amount: 12_000_000}
	db.CreatePayment(asReviewer, own)
	reqs, _ = db.FindPaymentRequests(bg)
	if _, err := db.ApprovePayment(asReviewer, reqs[1].ID); !strings.Contains(govbuy.ErrorMessage(err), "录入人以外") {
		t.Errorf("approving one's own payment: %v", err)
	}
	p, err := db.ApprovePayment(asReviewer, reqs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if ps, _ := db.FindPayments(bg, c.ID); len(ps) != 1 || ps[0].ID != p.ID || ps[0].Amount != 15_000_000 {
		t.Errorf("approved payments = %+v", ps)
	}
	small := &govbuy.Payment{ContractID: c.ID, Period: "2024Q3", Date: govbuy.Day(2024, 10, 10), Amount: 1_000_000}
	if err := db.CreatePayment(asClerk, small); err != nil || small.PendingApproval || small.ID == 0 {
		t.Errorf("small payment: %v pending %v", err, small.PendingApproval)
	}
}

// signedIn turns roles on with an administrator, a clerk and a reviewer and
// returns a context acting as each.
func signedIn(t *testing.T, db *store.DB) (admin, clerk, reviewer context.Context) {
	t.Helper()
	bg := context.Background()
	a, err := db.CreateUser(bg, "王管理", govbuy.RoleAdmin, "admin-pass-1")
	if err != nil {
		t.Fatal(err)
	}
	admin = govbuy.WithUser(bg, a)
	for _, u := range []struct {
		name string
		role govbuy.Role
		ctx  *context.Context
	}{{"李录入", govbuy.RoleClerk, &clerk}, {"赵审核", govbuy.RoleReviewer, &reviewer}} {
		made, err := db.CreateUser(admin, u.name, u.role, "user-pass-1")
		if err != nil {
			t.Fatal(err)
		}
		*u.ctx = govbuy.WithUser(bg, made)
	}
	return admin, clerk, reviewer
}

func TestApprovedRequestIDsAreNeverReused(t *testing.T) {
	db := openDB(t)
	c := roadContract(t, db)
	admin, clerk, reviewer := signedIn(t, db)
	if err := db.SetApprovalThreshold(admin, 10_000_000); err != nil {
		t.Fatal(err)
	}
	request := func(period string) int64 {
		t.Helper()
		p := &govbuy.Payment{ContractID: c.ID, Period: period, Date: govbuy.Day(2024, 4, 10), Amount: 15_000_000}
		if err := db.CreatePayment(clerk, p); err != nil || !p.PendingApproval {
			t.Fatalf("request %s: %v, pending %v", period, err, p.PendingApproval)
		}
		reqs, err := db.FindPaymentRequests(context.Background())
		if err != nil || len(reqs) != 1 {
			t.Fatalf("requests = %+v, %v", reqs, err)
		}
		return reqs[0].ID
	}
	first := request("2024Q1")
	if _, err := db.ApprovePayment(reviewer, first); err != nil {
		t.Fatal(err)
	}
	if second := request("2024Q2"); second <= first {
		t.Errorf("the request after approved request %d has id %d", first, second)
	}
}

func TestRoleChangedSinceSignInIsTheOneThatCounts(t *testing.T) {
	db := openDB(t)
	_, clerk, _ := signedIn(t, db)
	ghost := govbuy.WithUser(context.Background(), &govbuy.User{ID: 99, Name: "冒名", Role: govbuy.RoleAdmin})
	tests := []struct {
		name string
		ctx  context.Context
		want string
	}{
		{"a user the database does not have", ghost, "本数据库没有用户冒名，请重新登录"},
		{"a clerk", clerk, "李录入的角色是录入员，不能设置区县名称"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantDomainError(t, db.SetDistrict(tt.ctx, "冒名区"), govbuy.EConflict, tt.want)
			if d, err := db.District(context.Background()); err != nil || d != "" {
				t.Errorf("district = %q, %v", d, err)
			}
		})
	}
}
