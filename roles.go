package govbuy

import "context"

// Role is what a user may do. Roles are off until an administrator creates
// the first user; until then everyone at the PC may do everything.
type Role string

const (
	RoleClerk    Role = "录入员" // enters units, contractors, contracts, assessments, payments
	RoleReviewer Role = "审核员" // also approves large payments and closes years
	RoleAdmin    Role = "管理员" // also manages users and reopens closed years
)

// Roles lists the roles in form order.
var Roles = []Role{RoleClerk, RoleReviewer, RoleAdmin}

// CanApprove reports whether the role may approve payments and close years.
func (r Role) CanApprove() bool { return r == RoleReviewer || r == RoleAdmin }

// CanAdminister reports whether the role may manage users and reopen years.
func (r Role) CanAdminister() bool { return r == RoleAdmin }

// User is a person who signs in when roles are on.
type User struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Role Role   `json:"role"`
}

type userKey struct{}

// WithUser returns a context acting as u: its changes are recorded as made
// by u, and the store checks u's role.
func WithUser(ctx context.Context, u *User) context.Context {
	return context.WithValue(WithActor(ctx, u.Name), userKey{}, u)
}

// UserFrom returns the signed-in user of ctx, or nil.
func UserFrom(ctx context.Context) *User {
	u, _ := ctx.Value(userKey{}).(*User)
	return u
}

// UserService keeps users and signs them in.
type UserService interface {
	HasUsers(ctx context.Context) (bool, error)
	FindUsers(ctx context.Context) ([]User, error)
	CreateUser(ctx context.Context, name string, role Role, password string) (*User, error)
	Authenticate(ctx context.Context, name, password string) (*User, error)
}

// PaymentRequest is a payment waiting for a second person's approval.
type PaymentRequest struct {
	ID      int64   `json:"id"`
	Payment Payment `json:"payment"`
	Author  string  `json:"author"`
	At      string  `json:"at"`
}

// ApprovalService keeps the payments that wait for approval.
type ApprovalService interface {
	FindPaymentRequests(ctx context.Context) ([]PaymentRequest, error)
	ApprovePayment(ctx context.Context, requestID int64) (*Payment, error)
	ApprovalThreshold(ctx context.Context) (Money, error)
	SetApprovalThreshold(ctx context.Context, m Money) error
}
