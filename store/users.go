package store

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"

	"govbuy"
)

// Sign-in limits: after maxFailures wrong passwords in a row an account is
// locked for lockout.
const (
	maxFailures = 5
	lockout     = 15 * time.Minute
	minPassword = 8
)

const settingApprovalThreshold = "approval_threshold_fen"

// HasUsers reports whether roles are on.
func (db *DB) HasUsers(ctx context.Context) (bool, error) {
	n, err := countRows(ctx, db.read, "SELECT COUNT(*) FROM users")
	return n > 0, wrapErr("has users", err)
}

// gate is the one check every write passes, whatever path it comes by:
// with roles off anyone may make any change; once they are on, the writer
// must be signed in, and the role the database holds for them now (not the
// one they signed in with) must allow act. what names the act in the
// refusal ("不能恢复数据库").
func gate(ctx context.Context, q queryer, act govbuy.Act, what string) error {
	u := govbuy.UserFrom(ctx)
	if u == nil {
		n, err := countRows(ctx, q, "SELECT COUNT(*) FROM users")
		if err != nil || n == 0 {
			return err
		}
		return govbuy.Errorf(govbuy.EConflict, "", "已启用用户权限，请先登录（命令行请设置 GOVBUY_USER 和 GOVBUY_PASSWORD）")
	}
	var role govbuy.Role
	err := q.QueryRowContext(ctx, "SELECT role FROM users WHERE id = ? AND name = ?", u.ID, u.Name).Scan(&role)
	if errors.Is(err, sql.ErrNoRows) {
		return govbuy.Errorf(govbuy.EConflict, "", "本数据库没有用户%s，请重新登录", u.Name)
	}
	if err != nil {
		return err
	}
	if !role.May(act) {
		return govbuy.Errorf(govbuy.EConflict, "", "%s的角色是%s，不能%s", u.Name, role, what)
	}
	return nil
}

// FindUsers lists the users by name.
func (db *DB) FindUsers(ctx context.Context) ([]govbuy.User, error) {
	out := []govbuy.User{}
	err := eachRow(ctx, db.read, "SELECT id, name, role FROM users ORDER BY name", func(rows *sql.Rows) error {
		var u govbuy.User
		err := rows.Scan(&u.ID, &u.Name, &u.Role)
		out = append(out, u)
		return err
	})
	return out, wrapErr("find users", err)
}

// CreateUser adds a user. The first user turns roles on and must be an
// administrator; after that only an administrator adds users.
func (db *DB) CreateUser(ctx context.Context, name string, role govbuy.Role, password string) (*govbuy.User, error) {
	u := &govbuy.User{Name: govbuy.CleanText(name), Role: role}
	if err := validateUser(u, password); err != nil {
		return nil, err
	}
	tx, err := db.beginAct(ctx, govbuy.ActAdminister, "添加用户")
	if err != nil {
		return nil, wrapErr("create user", err)
	}
	defer tx.Rollback()
	n, err := countRows(ctx, tx, "SELECT COUNT(*) FROM users")
	if err != nil {
		return nil, wrapErr("create user", err)
	}
	if n == 0 && role != govbuy.RoleAdmin {
		return nil, govbuy.Invalidf("角色", "第一个用户必须是管理员")
	}
	res, err := tx.ExecContext(ctx, "INSERT INTO users (name, role, hash, created_at) VALUES (?, ?, ?, ?)",
		u.Name, string(role), hashPassword(password), tx.stamp())
	if isUniqueViolation(err, "users.name") {
		return nil, govbuy.Errorf(govbuy.EConflict, "用户名", "“%s”已存在", u.Name)
	}
	if err != nil {
		return nil, wrapErr("create user", err)
	}
	if u.ID, err = res.LastInsertId(); err != nil {
		return nil, wrapErr("create user", err)
	}
	if err := tx.audit(ctx, actionCreate, "user", u.ID, u.Name, nil, u); err != nil {
		return nil, wrapErr("create user", err)
	}
	return u, commit(tx, "create user")
}

func validateUser(u *govbuy.User, password string) error {
	var v govbuy.ValidationErrors
	if u.Name == "" {
		v = append(v, govbuy.Invalidf("用户名", "不能为空"))
	}
	if u.Role != govbuy.RoleClerk && u.Role != govbuy.RoleReviewer && u.Role != govbuy.RoleAdmin {
		v = append(v, govbuy.Invalidf("角色", "请选择录入员、审核员或管理员"))
	}
	if len([]rune(password)) < minPassword {
		v = append(v, govbuy.Invalidf("密码", "至少%d位", minPassword))
	}
	return v.Err()
}

// Authenticate signs a user in. Wrong passwords are counted; after five in
// a row the account is locked for 15 minutes, and the message says until when.
func (db *DB) Authenticate(ctx context.Context, name, password string) (*govbuy.User, error) {
	tx, err := db.beginWriteAnyone(ctx)
	if err != nil {
		return nil, wrapErr("sign in", err)
	}
	defer tx.Rollback()
	var u govbuy.User
	var hash, locked string
	var failed int
	err = tx.QueryRowContext(ctx, "SELECT id, name, role, hash, failed, locked_until FROM users WHERE name = ?",
		govbuy.CleanText(name)).Scan(&u.ID, &u.Name, &u.Role, &hash, &failed, &locked)
	wrong := govbuy.Errorf(govbuy.EInvalid, "密码", "用户名或密码错误")
	if errors.Is(err, sql.ErrNoRows) {
		return nil, wrong
	}
	if err != nil {
		return nil, wrapErr("sign in", err)
	}
	if until, _ := time.Parse(time.RFC3339, locked); tx.now.Before(until) {
		return nil, govbuy.Errorf(govbuy.EConflict, "密码", "连续输错%d次，账户已锁定，请于%s后再试", maxFailures, until.Local().Format("15:04"))
	}
	if !checkPassword(hash, password) {
		if err := recordFailure(ctx, tx, u.ID, failed+1); err != nil {
			return nil, wrapErr("sign in", err)
		}
		return nil, errors.Join(wrong, commit(tx, "sign in"))
	}
	if _, err := tx.ExecContext(ctx, "UPDATE users SET failed = 0, locked_until = '' WHERE id = ?", u.ID); err != nil {
		return nil, wrapErr("sign in", err)
	}
	return &u, commit(tx, "sign in")
}

func recordFailure(ctx context.Context, tx *writeTx, id int64, failed int) error {
	locked := ""
	if failed >= maxFailures {
		failed, locked = 0, tx.now.Add(lockout).Format(time.RFC3339)
	}
	_, err := tx.ExecContext(ctx, "UPDATE users SET failed = ?, locked_until = ? WHERE id = ?", failed, locked, id)
	return err
}

// argon2id parameters (RFC 9106's second recommended set, lighter memory
// for an office PC).
const (
	argonTime    = 2
	argonMemory  = 32 * 1024
	argonThreads = 2
	argonKeyLen  = 32
)

func hashPassword(password string) string {
	salt := make([]byte, 16)
	rand.Read(salt)
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("argon2id$%d$%d$%d$%s$%s", argonTime, argonMemory, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

func checkPassword(stored, password string) bool {
	parts := strings.Split(stored, "$")
	if len(parts) != 6 || parts[0] != "argon2id" {
		return false
	}
	t, err1 := strconv.ParseUint(parts[1], 10, 32)
	m, err2 := strconv.ParseUint(parts[2], 10, 32)
	p, err3 := strconv.ParseUint(parts[3], 10, 8)
	salt, err4 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err5 := base64.RawStdEncoding.DecodeString(parts[5])
	if errors.Join(err1, err2, err3, err4, err5) != nil {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, uint32(t), uint32(m), uint8(p), uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// ApprovalThreshold is the amount above which, with roles on, a payment
// needs a second person's approval; 0 turns approval off.
func (db *DB) ApprovalThreshold(ctx context.Context) (govbuy.Money, error) {
	v, err := getSetting(ctx, db.read, settingApprovalThreshold)
	if err != nil || v == "" {
		return 0, wrapErr("approval threshold", err)
	}
	n, _ := strconv.ParseInt(v, 10, 64)
	return govbuy.Money(n), nil
}

// SetApprovalThreshold changes it; an administrator's decision.
func (db *DB) SetApprovalThreshold(ctx context.Context, m govbuy.Money) error {
	if m < 0 {
		return govbuy.Invalidf("审批金额", "不能为负数")
	}
	tx, err := db.beginAct(ctx, govbuy.ActAdminister, "设置审批金额")
	if err != nil {
		return wrapErr("set approval threshold", err)
	}
	defer tx.Rollback()
	if err := setSetting(ctx, tx, settingApprovalThreshold, strconv.FormatInt(int64(m), 10)); err != nil {
		return wrapErr("set approval threshold", err)
	}
	return commit(tx, "set approval threshold")
}

// approvalLimit is the amount above which a payment made with ctx waits for
// a second person: the threshold once roles are on (the gate has made sure
// a user is signed in), 0 (never) with roles off.
func approvalLimit(ctx context.Context, tx *writeTx) (govbuy.Money, error) {
	if govbuy.UserFrom(ctx) == nil {
		return 0, nil
	}
	v, err := getSetting(ctx, tx, settingApprovalThreshold)
	if err != nil || v == "" {
		return 0, err
	}
	n, err := strconv.ParseInt(v, 10, 64)
	return govbuy.Money(n), err
}

// requestApproval stores a payment as a request for approval.
func requestApproval(ctx context.Context, tx *writeTx, p *govbuy.Payment) error {
	body, err := json.Marshal(p)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, "INSERT INTO payment_requests (contract_id, payment, author, created_at) VALUES (?, ?, ?, ?)",
		p.ContractID, string(body), govbuy.ActorFrom(ctx), tx.stamp())
	if err != nil {
		return err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	p.ID, p.PendingApproval = 0, true
	return tx.auditOfContract(ctx, actionCreate, "payment_request", id, p.ContractID, fmt.Sprintf("第%d号申请", id), nil, p)
}

// PaymentRequest is a payment waiting for approval.
type PaymentRequest = govbuy.PaymentRequest

// FindPaymentRequests lists the payments waiting for approval, oldest first.
func (db *DB) FindPaymentRequests(ctx context.Context) ([]PaymentRequest, error) {
	out := []PaymentRequest{}
	err := eachRow(ctx, db.read, "SELECT id, payment, author, created_at FROM payment_requests ORDER BY id", func(rows *sql.Rows) error {
		var r PaymentRequest
		var body string
		if err := rows.Scan(&r.ID, &body, &r.Author, &r.At); err != nil {
			return err
		}
		out = append(out, r)
		return json.Unmarshal([]byte(body), &out[len(out)-1].Payment)
	})
	return out, wrapErr("find payment requests", err)
}

// approval is an approved payment as the audit log records it: the payment
// and who asked for it.
type approval struct {
	govbuy.Payment
	Author string `json:"author"`
}

// ApprovePayment records a requested payment. The approver must be a
// reviewer or administrator other than the person who asked for it.
func (db *DB) ApprovePayment(ctx context.Context, requestID int64) (*govbuy.Payment, error) {
	tx, err := db.beginAct(ctx, govbuy.ActApprove, "审批付款")
	if err != nil {
		return nil, wrapErr("approve payment", err)
	}
	defer tx.Rollback()
	var body, author string
	err = tx.QueryRowContext(ctx, "SELECT payment, author FROM payment_requests WHERE id = ?", requestID).Scan(&body, &author)
	if err != nil {
		return nil, wrapErr("approve payment", notFoundIfNoRows(err, "付款申请", requestID))
	}
	if author == govbuy.ActorFrom(ctx) {
		return nil, govbuy.Errorf(govbuy.EConflict, "", "付款须由录入人以外的审核员审批")
	}
	var p govbuy.Payment
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		return nil, wrapErr("approve payment", err)
	}
	p.PendingApproval = false
	if err := checkPaymentFits(ctx, tx, &p); err != nil {
		return nil, wrapErr("approve payment", err)
	}
	if err := insertPayment(ctx, tx, &p); err != nil {
		return nil, wrapErr("approve payment", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM payment_requests WHERE id = ?", requestID); err != nil {
		return nil, wrapErr("approve payment", err)
	}
	if err := tx.auditOfContract(ctx, "approve", "payment", p.ID, p.ContractID, p.Form.Title(), nil, approval{p, author}); err != nil {
		return nil, wrapErr("approve payment", err)
	}
	return &p, commit(tx, "approve payment")
}
