package govbuy

import (
	"context"
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
	FindPayments(ctx context.Context, contractID int64) ([]Payment, error)
	CreatePayment(ctx context.Context, p *Payment) error
	DeletePayment(ctx context.Context, id int64) error
}
