package govbuy

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Payment is money paid to a contractor under a contract. Period names the
// assessment period it settles ("2024Q2", "2024H1", "2024", "2024-03"), empty
// for contracts not paid by score.
type Payment struct {
	ID         int64     `json:"id"`
	ContractID int64     `json:"contract_id"`
	Date       time.Time `json:"date"`
	Amount     Money     `json:"amount_fen"`
	Period     string    `json:"period,omitempty"`
	Voucher    string    `json:"voucher,omitempty"`
	Account    string    `json:"account,omitempty"`
	Notes      string    `json:"notes,omitempty"`
	// OverReason records why a payment above the payable amount or the
	// contract's balance was made; such a payment is refused without one.
	OverReason string `json:"over_reason,omitempty"`
	// PendingApproval is set by the store when the payment went to a second
	// person for approval (maker–checker) instead of being recorded.
	PendingApproval bool `json:"pending_approval,omitempty"`
	// Form is the number of the payment's approval form, given by the store
	// when it records the payment.
	Form FormNumber `json:"form,omitzero"`
}

// FormNumber numbers the approval form (支付审批表) of a recorded payment:
// the year of the payment and the payment's place among that year's, in the
// order they were recorded. It is kept with the payment, so every print of
// the form carries the same number.
type FormNumber struct {
	Year, Seq int
}

// IsZero reports whether the number is not given: a payment not yet
// recorded.
func (n FormNumber) IsZero() bool { return n.Seq == 0 }

// String writes the number as the form prints it: 2024-0001.
func (n FormNumber) String() string {
	if n.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d-%04d", n.Year, n.Seq)
}

// Title names the form by its number, as lists and the audit log do:
// 审批表 2024-0001.
func (n FormNumber) Title() string { return "审批表 " + n.String() }

// MarshalText writes the number as String does, so a payment's JSON (the
// audit log's record of it) reads 2024-0001.
func (n FormNumber) MarshalText() ([]byte, error) { return []byte(n.String()), nil }

// UnmarshalText reads a number as String writes it; empty text is no
// number.
func (n *FormNumber) UnmarshalText(b []byte) error {
	*n = FormNumber{}
	if len(b) == 0 {
		return nil
	}
	year, seq, ok := strings.Cut(string(b), "-")
	y, err1 := strconv.Atoi(year)
	q, err2 := strconv.Atoi(seq)
	if !ok || err1 != nil || err2 != nil || q <= 0 {
		return Invalidf("审批表编号", "无法识别的编号“%s”（应为 2024-0001 的形式）", b)
	}
	*n = FormNumber{y, q}
	return nil
}

// Normalize cleans the payment's text before it is stored.
func (p *Payment) Normalize() {
	p.Voucher = CleanText(p.Voucher)
	p.Notes = CleanText(p.Notes)
	p.OverReason = CleanText(p.OverReason)
}

// Validate checks a normalised payment before it is stored, changing
// nothing.
func (p *Payment) Validate() error {
	var v ValidationErrors
	if p.ContractID == 0 {
		v = append(v, Invalidf(FieldContract, "请选择合同"))
	}
	if p.Date.IsZero() {
		v = append(v, Invalidf(FieldPayDate, "不能为空"))
	}
	if p.Amount <= 0 {
		v = append(v, Invalidf(FieldPayAmount, "应大于0"))
	}
	v = append(v, checkLengths(codeField(FieldPeriod, p.Period), codeField(FieldVoucher, p.Voucher),
		codeField(FieldPayeeAccount, p.Account), noteField(FieldNotes, p.Notes), noteField(FieldOverReason, p.OverReason))...)
	return v.Err()
}

// CheckBalance refuses a payment that takes a contract's total paid above
// its amount without a recorded OverReason. A contract without an amount
// (0) has no balance to check against.
func (p *Payment) CheckBalance(contractAmount, paidBefore Money) error {
	after := paidBefore + p.Amount
	if contractAmount > 0 && after > contractAmount && p.OverReason == "" {
		return Invalidf(FieldOverReason, "支付后累计%s元，超过合同金额%s元，请填写超付原因", after, contractAmount)
	}
	return nil
}

// PaymentService keeps payments.
type PaymentService interface {
	// FindPayments lists a contract's payments by date, each with the
	// number of its approval form.
	FindPayments(ctx context.Context, contractID int64) ([]Payment, error)
	// CreatePayment validates and stores a payment, setting p.ID; one that
	// needs approval (NeedsApproval) is stored as a request and comes back
	// PendingApproval. A payment of a period not in the plan, or over what is
	// payable without an OverReason, is EInvalid; one of a closed year
	// EConflict.
	CreatePayment(ctx context.Context, p *Payment) error
	// DeletePayment removes a wrongly entered payment (the audit log keeps
	// it): ENotFound when there is none, EConflict in a closed year.
	DeletePayment(ctx context.Context, id int64) error
}
