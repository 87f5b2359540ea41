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

// Act is a kind of change, by the least role that may make it. The store
// asks for one at every write, whichever path the write comes by (window,
// import, command line, demo, restore), so the roles hold on all of them.
type Act int

const (
	// ActEnter: enter and import units, contractors, contracts,
	// assessments and payments (up to the approval amount).
	ActEnter Act = iota
	// ActApprove: approve another person's payment, close a year.
	ActApprove
	// ActAdminister: users, settings, reopening a year, loading or
	// replacing the whole data, restoring a backup.
	ActAdminister
)

// May reports whether the role may make changes of kind a.
func (r Role) May(a Act) bool {
	switch a {
	case ActEnter:
		return r == RoleClerk || r == RoleReviewer || r == RoleAdmin
	case ActApprove:
		return r == RoleReviewer || r == RoleAdmin
	}
	return r == RoleAdmin
}

// NeedsApproval reports whether a payment of amount must wait for a second
// person (maker–checker) under the approval threshold; 0 turns approval off.
func NeedsApproval(amount, threshold Money) bool { return threshold > 0 && amount > threshold }

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
	// HasUsers reports whether roles are on: some user exists.
	HasUsers(ctx context.Context) (bool, error)
	// FindUsers lists the users by name.
	FindUsers(ctx context.Context) ([]User, error)
	// CreateUser adds a user. The first turns roles on and must be an
	// administrator (EInvalid); after that only an administrator adds users.
	// A name already taken is EConflict.
	CreateUser(ctx context.Context, name string, role Role, password string) (*User, error)
	// Authenticate signs a user in: a wrong name or password is EInvalid,
	// counted; after five in a row the account is locked for a while
	// (EConflict, saying until when).
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
	// FindPaymentRequests lists the payments waiting for approval, oldest
	// first.
	FindPaymentRequests(ctx context.Context) ([]PaymentRequest, error)
	// ApprovePayment records a requested payment and returns it: ENotFound
	// when there is no such request; EConflict unless the approver is a
	// reviewer or administrator other than the person who asked.
	ApprovePayment(ctx context.Context, requestID int64) (*Payment, error)
	// ApprovalThreshold is the amount above which, with roles on, a payment
	// needs a second person's approval; 0: approval is off.
	ApprovalThreshold(ctx context.Context) (Money, error)
	// SetApprovalThreshold changes it: an administrator's act; a negative
	// amount is EInvalid.
	SetApprovalThreshold(ctx context.Context, m Money) error
}
