package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"govbuy"
)

// PayeeContracts lists every contract as a treasury list is matched against
// it: unit, contractor name and account, amount, and its payments' amounts.
func (db *DB) PayeeContracts(ctx context.Context) ([]govbuy.PayeeContract, error) {
	var out []govbuy.PayeeContract
	index := map[int64]int{}
	err := eachRow(ctx, db.read, `
		SELECT c.id, c.number, c.title, u.name, k.name, k.account, c.amount
		FROM contracts c JOIN units u ON u.id = c.unit_id JOIN contractors k ON k.id = c.contractor_id
		ORDER BY c.number`, func(rows *sql.Rows) error {
		var c govbuy.PayeeContract
		if err := rows.Scan(&c.ID, &c.Number, &c.Title, &c.Unit, &c.Contractor, &c.Account, &c.Amount); err != nil {
			return err
		}
		index[c.ID] = len(out)
		out = append(out, c)
		return nil
	})
	if err != nil {
		return nil, wrapErr("payee contracts", err)
	}
	err = eachRow(ctx, db.read, "SELECT contract_id, amount FROM payments ORDER BY contract_id, date", func(rows *sql.Rows) error {
		var id int64
		var amount govbuy.Money
		if err := rows.Scan(&id, &amount); err != nil {
			return err
		}
		if i, ok := index[id]; ok {
			out[i].Paid = append(out[i].Paid, amount)
		}
		return nil
	})
	if err != nil {
		return nil, wrapErr("payee contracts", err)
	}
	return out, nil
}

// TreasuryBook reads the payments dated in year with their contracts'
// numbers, and settles each contract they pay to say what its periods make
// payable and when each was assessed.
func (db *DB) TreasuryBook(ctx context.Context, year int) (*govbuy.TreasuryBook, error) {
	if err := govbuy.CheckBudgetYear(year); err != nil {
		return nil, err
	}
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, wrapErr("treasury book", err)
	}
	defer tx.Rollback()
	book := &govbuy.TreasuryBook{Year: year, Payments: []govbuy.BookPayment{}}
	from, to := yearRange(year)
	var ids []int64
	seen := map[int64]bool{}
	err = eachRow(ctx, tx, `
		SELECT p.id, p.contract_id, p.date, p.amount, p.period, p.voucher, p.account, p.notes, p.over_reason, c.number, u.name, k.name
		FROM payments p JOIN contracts c ON c.id = p.contract_id
		JOIN units u ON u.id = c.unit_id JOIN contractors k ON k.id = c.contractor_id
		WHERE p.date >= ? AND p.date < ? ORDER BY p.date, p.id`, func(rows *sql.Rows) error {
		var bp govbuy.BookPayment
		var date string
		if err := rows.Scan(&bp.ID, &bp.ContractID, &date, &bp.Amount, &bp.Period, &bp.Voucher, &bp.Account,
			&bp.Notes, &bp.OverReason, &bp.Contract, &bp.Unit, &bp.Payee); err != nil {
			return err
		}
		var err error
		if bp.Date, err = parseDate(date); err != nil {
			return err
		}
		if !seen[bp.ContractID] {
			seen[bp.ContractID] = true
			ids = append(ids, bp.ContractID)
		}
		book.Payments = append(book.Payments, bp)
		return nil
	}, from, to)
	if err != nil {
		return nil, wrapErr("treasury book", err)
	}
	for _, id := range ids {
		periods, err := bookPeriods(ctx, tx, id)
		if err != nil {
			return nil, wrapErr("treasury book", err)
		}
		book.Periods = append(book.Periods, periods...)
	}
	return book, nil
}

// bookPeriods settles one contract into what each of its periods makes
// payable, with the contract as a whole (period "") payable its amount.
func bookPeriods(ctx context.Context, q queryer, contractID int64) ([]govbuy.BookPeriod, error) {
	row, err := findContractWhere(ctx, q, "c.id = ?", contractID)
	if err != nil {
		return nil, err
	}
	in, err := readSettlementInputs(ctx, q, contractID)
	if err != nil {
		return nil, err
	}
	s := in.settle(row, 0)
	assessed := map[string]time.Time{}
	for _, a := range in.assessments {
		assessed[a.Period] = a.Date
	}
	byScore := s.Plan != nil && s.Plan.Rule.Kind != govbuy.RuleFull
	out := []govbuy.BookPeriod{{ContractID: contractID, Payable: s.Amount}}
	for _, p := range s.Periods {
		if p.Period == "" {
			continue
		}
		out = append(out, govbuy.BookPeriod{ContractID: contractID, Period: p.Period, Payable: p.Payable,
			AssessedOn: assessed[p.Period], ByScore: byScore})
	}
	return out, nil
}

// TakenVouchers returns the vouchers of the list already stored with a
// payment or a payment request, each with what it paid.
func (db *DB) TakenVouchers(ctx context.Context, vouchers []string) (map[string]string, error) {
	taken, err := takenVouchers(ctx, db.read, vouchers)
	if err != nil {
		return nil, wrapErr("taken vouchers", err)
	}
	return taken, nil
}

// takenVouchers looks the vouchers up in batches, payments first, then the
// payments waiting for approval.
func takenVouchers(ctx context.Context, q queryer, vouchers []string) (map[string]string, error) {
	taken := map[string]string{}
	for start := 0; start < len(vouchers); start += 500 {
		batch := vouchers[start:min(start+500, len(vouchers))]
		marks := strings.TrimSuffix(strings.Repeat("?,", len(batch)), ",")
		args := make([]any, len(batch))
		for i, v := range batch {
			args[i] = v
		}
		err := eachRow(ctx, q, `
			SELECT p.voucher, c.number, p.date, p.amount FROM payments p JOIN contracts c ON c.id = p.contract_id
			WHERE p.voucher IN (`+marks+`)
			UNION ALL
			SELECT json_extract(r.payment, '$.voucher'), c.number, substr(json_extract(r.payment, '$.date'), 1, 10),
			       CAST(json_extract(r.payment, '$.amount_fen') AS INTEGER)
			FROM payment_requests r JOIN contracts c ON c.id = r.contract_id
			WHERE json_extract(r.payment, '$.voucher') IN (`+marks+`)`, func(rows *sql.Rows) error {
			var voucher, number, date string
			var amount govbuy.Money
			if err := rows.Scan(&voucher, &number, &date, &amount); err != nil {
				return err
			}
			taken[voucher] = fmt.Sprintf("合同%s %s %s元", number, date, amount)
			return nil
		}, append(args, args...)...)
		if err != nil {
			return nil, err
		}
	}
	return taken, nil
}

// checkTreasuryVouchers refuses an import whose treasury rows repeat a
// payment voucher (支付凭证号), among themselves or with a payment or request
// stored before: the treasury pays once under each.
func checkTreasuryVouchers(ctx context.Context, tx *writeTx, list []govbuy.DatasetPayment) error {
	var vouchers []string
	first := map[string]int{}
	for i, dp := range list {
		if !dp.Treasury {
			continue
		}
		v := govbuy.CleanText(dp.Voucher)
		if v == "" {
			return importRowError(i, &list[i], govbuy.Invalidf(govbuy.FieldTreasuryVoucher, "不能为空"))
		}
		if j, dup := first[v]; dup {
			return importRowError(i, &list[i], govbuy.Invalidf(govbuy.FieldTreasuryVoucher, "“%s”与%s重复", v, list[j].Origin))
		}
		first[v] = i
		vouchers = append(vouchers, v)
	}
	taken, err := takenVouchers(ctx, tx, vouchers)
	if err != nil {
		return err
	}
	for _, v := range vouchers {
		if what, ok := taken[v]; ok {
			i := first[v]
			return importRowError(i, &list[i], govbuy.Invalidf(govbuy.FieldTreasuryVoucher, "“%s”已登记（%s），不能重复导入", v, what))
		}
	}
	return nil
}
