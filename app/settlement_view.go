package app

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// The pieces below show a contract's settlement the same way wherever it
// appears: the 支付 screen and the contract details.

// totalsText is the settlement's totals in one sentence.
func totalsText(st *govbuy.ContractSettlement) string {
	return lang.L("Settlement totals", map[string]any{
		"Amount": st.Amount.String(), "Payable": st.PayableToDate.String(), "Paid": st.Paid.String(),
		"Withheld": st.Withheld.String(), "Balance": st.Balance.String(),
	})
}

// assessmentLine is one recorded assessment: period, score, grade (by the
// plan's bands when there is a plan), assessor and date, then what the
// period's inspections took off, so the score can be traced to what was
// found.
func assessmentLine(a govbuy.Assessment, plan *govbuy.AssessmentPlan) string {
	line := govbuy.PeriodLabel(a.Period) + "　" + a.Score.String() + "（" + string(govbuy.PlanBands(plan).Grade(a.Score)) + "）　" +
		a.Assessor + "　" + govbuy.FormatDate(a.Date)
	if a.Remarks != "" {
		line += "　" + a.Remarks
	}
	for _, d := range a.Deductions {
		line += "\n　　" + lang.L("Inspection deduction on {{.Criterion}}: {{.Text}}", map[string]any{"Criterion": d.Criterion, "Text": d.Text()})
	}
	return line
}

// paymentLine is one recorded payment, with the reason it went over what
// was payable if it did.
func paymentLine(p govbuy.Payment) string {
	line := govbuy.FormatDate(p.Date) + "　" + p.Amount.String() + "元　" + govbuy.PeriodLabel(p.Period) + "　" + p.Voucher
	if p.OverReason != "" {
		line += "　" + lang.L("(paid over: {{.Reason}})", map[string]any{"Reason": p.OverReason})
	}
	return line
}

// hintAcknowledger records that someone read a hint, and why the contract
// goes ahead anyway.
type hintAcknowledger interface {
	AcknowledgeHint(ctx context.Context, contractID int64, rule, reason string) error
}

// hintList shows a contract's compliance hints, each citing its article.
// Hints never block anything; one not yet acknowledged has a button that
// asks for the reason, and an acknowledged one shows it.
type hintList struct {
	sh   *shell
	svc  hintAcknowledger
	box  *fyne.Container
	done func(contractID int64) // after an acknowledgement: show the contract again
}

func newHintList(sh *shell, svc hintAcknowledger, done func(contractID int64)) *hintList {
	return &hintList{sh: sh, svc: svc, box: container.NewVBox(), done: done}
}

// show lists the hints of the contract; none gives an empty list, or the
// line saying so when quiet is false.
func (h *hintList) show(contractID int64, hints []govbuy.Hint, quiet bool) {
	h.box.RemoveAll()
	if len(hints) == 0 && !quiet {
		h.box.Add(widget.NewLabel(lang.L("No compliance hints.")))
	}
	for _, hint := range hints {
		label := widget.NewLabel(hint.Article + "：" + hint.Message)
		label.Wrapping = fyne.TextWrapWord
		if hint.Acknowledged != "" {
			label.SetText(label.Text + "　" + lang.L("(acknowledged: {{.Reason}})", map[string]any{"Reason": hint.Acknowledged}))
			h.box.Add(label)
			continue
		}
		label.Importance = widget.WarningImportance
		ack := widget.NewButton(lang.L("Acknowledge"), func() { h.acknowledge(contractID, hint) })
		h.box.Add(container.NewBorder(nil, nil, nil, ack, label))
	}
}

// acknowledge asks for the reason, with the hint in view, and records it.
func (h *hintList) acknowledge(contractID int64, hint govbuy.Hint) {
	reason := widget.NewMultiLineEntry()
	reason.Wrapping = fyne.TextWrapWord
	reason.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(lang.L("Give the reason"))
		}
		return nil
	}
	items := []*widget.FormItem{
		widget.NewFormItem(hint.Article, wrappedLabel(hint.Message)),
		widget.NewFormItem(lang.L("Reason"), reason),
	}
	d := dialog.NewForm(lang.L("Acknowledge the hint"), lang.L("Save"), lang.L("Cancel"), items, func(ok bool) {
		if ok {
			h.save(contractID, hint.Rule, entryText(reason))
		}
	}, h.sh.win)
	d.Resize(fyne.NewSize(600, 320))
	d.Show()
}

func (h *hintList) save(contractID int64, rule, reason string) {
	ctx := h.sh.ctx
	h.sh.tasks.run(func() func() {
		err := h.svc.AcknowledgeHint(ctx, contractID, rule, reason)
		return func() {
			if err != nil {
				dialog.ShowError(errors.New(errorText(err)), h.sh.win)
				return
			}
			h.done(contractID)
		}
	})
}
