package app

import (
	"context"
	"errors"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"govbuy"
	"govbuy/internal/sysopen"
)

// paymentStore is what the 支付 screen needs; the contractor's account is
// where a payment goes unless the officer says otherwise.
type paymentStore interface {
	contractFinder
	govbuy.PaymentService
	govbuy.SettlementService
	govbuy.ApprovalService
	FindContractorByID(ctx context.Context, id int64) (*govbuy.Contractor, error)
	yearKeeper
}

// FormRequest names the approval form to print: of a recorded payment
// (Payment), else of a contract's period as it stands — what it has
// outstanding, or once paid in full its last payment's form.
type FormRequest struct {
	Payment          int64
	Contract, Period string
}

// printFunc writes the approval form asked for and returns where it went.
type printFunc func(FormRequest) (string, error)

// systemHandOff hands a written form to the operating system
// (sysopen.Opener): to print it, or to show the folder it is in.
type systemHandOff interface {
	Print(path string) (sysopen.Handed, error)
	ShowFolder(path string) error
}

// paymentsScreen shows where a contract's money stands period by period and
// records payments against a period. A payment above what the period's
// score makes payable, or above the contract's balance, is refused by the
// store until a reason is given in the reason field, which is always
// there so that no refusal moves the form.
type paymentsScreen struct {
	sh       *shell
	svc      paymentStore
	printer  func() printFunc // how to write the payment form; it returns nil when the window cannot
	handOff  systemHandOff
	printB   *widget.Button
	save     *widget.Button
	banner   *closedBanner // the contract's year is closed
	contract *picker
	periods  *sheet[govbuy.PeriodSettlement]
	// tableHeight holds the table open to its rows: a table in a vertical
	// box would be squeezed to one row.
	tableHeight *canvas.Rectangle
	totals      *widget.Label
	hints       *hintList
	history     *fyne.Container
	requests    *fyne.Container
	// body is everything under the contract picker; it lays out again
	// when the history or the requests change height, or they would draw
	// over each other.
	body *fyne.Container

	date     *dateField
	amount   *widget.Entry
	period   *widget.Select
	voucher  *widget.Entry
	account  *widget.Entry
	notes    *widget.Entry
	reason   *widget.Entry
	form     *fieldForm
	reasonAt *formField
	// defaultDate is the date the form last filled in itself: a date the
	// officer typed is never replaced.
	defaultDate string

	settlement *govbuy.ContractSettlement
	payments   []govbuy.Payment
	loading    int64  // the contract asked for last: an older load is dropped
	wantPeriod string // the period to choose once the contract is read
	content    fyne.CanvasObject
}

// newPaymentsScreen builds the screen; printer tells, when the screen is
// shown, how to print the payment form, if the window can.
func newPaymentsScreen(sh *shell, svc paymentStore, printer func() printFunc) *paymentsScreen {
	s := &paymentsScreen{sh: sh, svc: svc, printer: printer, handOff: sysopen.System()}
	s.contract = newContractPicker(sh, svc)
	s.contract.onChanged = func(c choice) { s.load(c.id) }
	s.periods = s.newPeriodTable()
	s.totals = boldLabel(lang.L("Choose a contract to see its payments."))
	s.hints = newHintList(sh, svc, s.load)
	s.history = container.NewVBox()
	s.requests = container.NewVBox()
	s.buildForm()
	s.save = widget.NewButton(lang.L("Record payment"), s.savePayment)
	s.save.Importance = widget.HighImportance
	s.banner = newClosedBanner(sh, svc, func() { s.load(s.settlement.Contract.ID) }, func(closed bool) { enableIf(s.save, !closed) })
	s.printB = widget.NewButton(lang.L("Print payment form"), s.printOutstanding)
	s.tableHeight = canvas.NewRectangle(color.Transparent)
	s.body = container.NewVBox(s.banner.box, s.totals, container.NewStack(s.tableHeight, s.periods.view), s.hints.box,
		heading(lang.L("New payment")), s.form.content(), container.NewHBox(s.save, s.printB),
		heading(lang.L("Recorded payments")), s.history, s.requests)
	s.content = container.NewBorder(s.contract.view, nil, nil, nil, container.NewVScroll(s.body))
	return s
}

// tableHeight is the height that shows the header, the 合计 row and n rows
// of the period table, up to six rows (a monthly plan scrolls), with room
// for the sideways scroll bar.
func tableHeight(n int) float32 {
	row := widget.NewLabel("0").MinSize().Height + theme.SeparatorThicknessSize()
	return float32(min(n, 6)+2)*row + theme.ScrollBarSize()
}

func (s *paymentsScreen) buildForm() {
	s.date = newDateField(s.sh.win)
	s.amount = widget.NewEntry()
	s.period = newSelect(nil, func(string) { s.periodChosen() })
	s.period.PlaceHolder = lang.L("Choose a period")
	s.voucher, s.account, s.notes, s.reason = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	s.form = newFieldForm()
	s.form.add(lang.L("Payment date"), s.date.view, "支付日期")
	s.form.add(lang.L("Payment amount (yuan)"), s.amount, "支付金额", "金额")
	s.form.add(lang.L("Period"), s.period, "考核期间")
	s.form.add(lang.L("Voucher number"), s.voucher)
	s.form.add(lang.L("Payee account"), s.account)
	s.form.add(lang.L("Notes"), s.notes)
	s.reasonAt = s.form.add(lang.L("Reason for paying more"), s.reason, "超付原因")
	s.reason.SetPlaceHolder(lang.L("Only when paying more than is payable or than the contract's balance"))
	s.form.check = problemsOf(s.read)
	s.form.watch()
}

func (s *paymentsScreen) view() fyne.CanvasObject { return s.content }

func (s *paymentsScreen) reload() {
	if s.printer() == nil {
		s.printB.Hide()
	} else {
		s.printB.Show()
	}
	if s.settlement != nil {
		s.load(s.settlement.Contract.ID)
	}
	s.loadRequests()
}

// loadRequests lists the payments waiting for approval, of every contract.
func (s *paymentsScreen) loadRequests() {
	ctx := s.sh.ctx
	s.sh.tasks.run(func() func() {
		reqs, err := s.svc.FindPaymentRequests(ctx)
		return func() {
			defer s.body.Refresh()
			s.requests.RemoveAll()
			if err != nil {
				s.requests.Add(widget.NewLabel(errorText(err)))
				return
			}
			if len(reqs) > 0 {
				s.requests.Add(widget.NewLabel(lang.L("Payments waiting for approval")))
			}
			for _, r := range reqs {
				id := r.ID
				text := govbuy.FormatDate(r.Payment.Date) + "　" + r.Payment.Amount.String() + "元　" + govbuy.PeriodLabel(r.Payment.Period) + "　" + r.Author
				s.requests.Add(container.NewBorder(nil, nil, nil, widget.NewButton(lang.L("Approve"), func() { s.approve(id) }), widget.NewLabel(text)))
			}
		}
	})
}

func (s *paymentsScreen) approve(id int64) {
	ctx := s.sh.ctx
	s.sh.tasks.run(func() func() {
		p, err := s.svc.ApprovePayment(ctx, id)
		return func() {
			if err != nil {
				dialog.ShowError(errors.New(errorText(err)), s.sh.win)
				return
			}
			s.sh.changed()
			s.loadRequests()
			if s.settlement != nil && s.settlement.Contract.ID == p.ContractID {
				s.load(p.ContractID)
			}
		}
	})
}

// open shows contract c with period chosen, and the payments waiting for
// approval, as the workbench asks.
func (s *paymentsScreen) open(c choice, period string) {
	s.contract.show(c)
	s.wantPeriod = period
	s.load(c.id)
	s.loadRequests()
}

// load reads the contract's settlement, its payments and the account of
// its contractor.
func (s *paymentsScreen) load(id int64) {
	ctx := s.sh.ctx
	s.loading = id
	s.sh.tasks.run(func() func() {
		st, err := s.svc.ContractSettlement(ctx, id)
		var ps []govbuy.Payment
		if err == nil {
			ps, err = s.svc.FindPayments(ctx, id)
		}
		var k *govbuy.Contractor
		if err == nil {
			k, err = s.svc.FindContractorByID(ctx, st.Contract.ContractorID)
		}
		return func() {
			if id != s.loading {
				return
			}
			if err != nil {
				dialog.ShowError(errors.New(errorText(err)), s.sh.win)
				return
			}
			other := s.settlement == nil || s.settlement.Contract.ID != id
			s.settlement, s.payments = st, ps
			s.show()
			s.banner.check(st.Contract.Year)
			if other {
				s.startPayment()
				s.account.SetText(k.Account)
			}
			s.chooseWantedPeriod()
		}
	})
}

// chooseWantedPeriod chooses the period the workbench asked for, once.
func (s *paymentsScreen) chooseWantedPeriod() {
	for i, p := range s.settlement.Periods {
		if p.Period == s.wantPeriod {
			s.period.SetSelectedIndex(i)
		}
	}
	s.wantPeriod = ""
}

// show fills the screen for the loaded contract. A payment being typed is
// kept: acknowledging a hint reloads the contract.
func (s *paymentsScreen) show() {
	st := s.settlement
	s.totals.SetText(totalsText(st))
	s.periods.refresh()
	labels := make([]string, len(st.Periods))
	for i, p := range st.Periods {
		labels[i] = govbuy.PeriodLabel(p.Period)
	}
	s.period.SetOptions(labels)
	s.tableHeight.SetMinSize(fyne.NewSize(0, tableHeight(len(st.Periods))))
	s.hints.show(st.Contract.ID, st.Hints, true)
	s.showHistory()
}

// startPayment empties the form for the next payment, dated today; the
// payee account stays, as the next payment goes to the same contractor.
func (s *paymentsScreen) startPayment() {
	for _, e := range []*widget.Entry{s.amount, s.voucher, s.notes, s.reason} {
		e.SetText("")
	}
	s.setDefaultDate(time.Now())
	s.period.ClearSelected()
	if len(s.settlement.Periods) == 1 {
		s.period.SetSelectedIndex(0) // one payment period: nothing to choose
	}
	s.form.clear()
}

// setDefaultDate fills in a date the officer has not typed.
func (s *paymentsScreen) setDefaultDate(t time.Time) {
	s.date.set(t)
	s.defaultDate = s.date.entry.Text
}

// periodChosen suggests what is left to pay for the period and, unless the
// officer typed a date, dates the payment as govbuy.PeriodDate does: a past
// period's payment is entered after the fact.
func (s *paymentsScreen) periodChosen() {
	s.amount.SetPlaceHolder("")
	i := s.period.SelectedIndex()
	if i < 0 {
		return
	}
	p := s.settlement.Periods[i]
	if left := p.Outstanding(); left > 0 {
		s.amount.SetPlaceHolder(lang.L("Left to pay: {{.Amount}}", map[string]any{"Amount": left.String()}))
	}
	if s.date.entry.Text == s.defaultDate {
		s.setDefaultDate(govbuy.PeriodDate(p.Period, time.Now()))
	}
}

// periodColumns are the settlement of each period: figures right, the
// explanation last, taking what is left and shown whole on hover.
func periodColumns() []column[govbuy.PeriodSettlement] {
	type row = govbuy.PeriodSettlement
	right := fyne.TextAlignTrailing
	return []column[row]{
		{title: lang.L("Period"), width: 140, value: func(p row) string { return govbuy.PeriodLabel(p.Period) }},
		amountColumn(lang.L("Base (yuan)"), "", "base", func(p row) govbuy.Money { return p.Base }),
		{title: lang.L("Score"), width: 70, align: right, value: scoreText},
		{title: lang.L("Grade"), width: 60, value: func(p row) string { return string(p.Grade) }},
		amountColumn(lang.L("Payable (yuan)"), "", "payable", func(p row) govbuy.Money { return p.Payable }),
		amountColumn(lang.L("Paid (yuan)"), "", "paid", func(p row) govbuy.Money { return p.Paid }),
		{title: lang.L("How it is worked out"), width: 820, value: func(p row) string { return p.Explanation() }},
	}
}

func scoreText(p govbuy.PeriodSettlement) string {
	if p.Score != nil {
		return p.Score.String()
	}
	return "—"
}

func (s *paymentsScreen) newPeriodTable() *sheet[govbuy.PeriodSettlement] {
	return newSheet(periodColumns(), func() []govbuy.PeriodSettlement {
		if s.settlement == nil {
			return nil
		}
		return s.settlement.Periods
	}, nil).withTotals(func() govbuy.ListTotals {
		if s.settlement == nil {
			return nil
		}
		return s.settlement.PeriodTotals()
	})
}

func (s *paymentsScreen) showHistory() {
	defer s.body.Refresh()
	s.history.RemoveAll()
	if len(s.payments) == 0 {
		s.history.Add(widget.NewLabel(lang.L("No payment recorded yet.")))
		return
	}
	canPrint := s.printer() != nil
	for _, p := range s.payments {
		id := p.ID
		buttons := container.NewHBox()
		if canPrint {
			buttons.Add(widget.NewButton(lang.L("Print form"), func() { s.print(FormRequest{Payment: id}) }))
		}
		buttons.Add(widget.NewButton(lang.L("Delete"), func() { s.confirmDelete(id) }))
		s.history.Add(container.NewBorder(nil, nil, nil, buttons, widget.NewLabel(p.Form.Title()+"　"+paymentLine(p))))
	}
}

// payment reads the form; entries that cannot be read are problems of their
// fields.
func (s *paymentsScreen) payment() (*govbuy.Payment, govbuy.ValidationErrors) {
	p := &govbuy.Payment{ContractID: s.settlement.Contract.ID, Voucher: s.voucher.Text, Account: s.account.Text,
		Notes: s.notes.Text, OverReason: strings.TrimSpace(s.reason.Text)}
	var v govbuy.ValidationErrors
	if d, problem := s.date.date("支付日期"); problem != nil {
		v = append(v, problem)
	} else {
		p.Date = d
	}
	if m, err := govbuy.ParseMoney(s.amount.Text); err != nil {
		v = append(v, govbuy.Invalidf("支付金额", "%s", govbuy.ErrorMessage(err)))
	} else {
		p.Amount = m
	}
	if i := s.period.SelectedIndex(); i >= 0 {
		p.Period = s.settlement.Periods[i].Period
	}
	return p, v
}

// read is the payment with every problem a save would find before
// writing.
func (s *paymentsScreen) read() (*govbuy.Payment, govbuy.ValidationErrors) {
	if s.settlement == nil {
		return nil, nil
	}
	p, found := s.payment()
	return p, withDomainProblems(p, found)
}

func (s *paymentsScreen) savePayment() {
	if s.settlement == nil {
		return
	}
	s.form.clear()
	p, problems := s.read()
	if err := problems.Err(); err != nil {
		s.form.show(err)
		return
	}
	ctx := s.sh.ctx
	s.sh.tasks.run(func() func() {
		err := s.svc.CreatePayment(ctx, p)
		return func() {
			if err != nil {
				s.form.show(err)
				return
			}
			s.startPayment()
			if p.PendingApproval {
				dialog.ShowInformation(lang.L("Record payment"), lang.L("Above the approval amount: sent for approval; it is recorded once a reviewer other than you approves it."), s.sh.win)
				s.loadRequests()
				return
			}
			s.sh.changed()
			s.load(p.ContractID)
		}
	})
}

func (s *paymentsScreen) confirmDelete(id int64) {
	confirmAct(s.sh.win, lang.L("Delete payment"), lang.L("Delete this payment? The audit log keeps a record of it."), lang.L("Delete"), widget.DangerImportance, func() {
		ctx, contract := s.sh.ctx, s.settlement.Contract.ID
		s.sh.tasks.run(func() func() {
			err := s.svc.DeletePayment(ctx, id)
			return func() {
				if err != nil {
					dialog.ShowError(errors.New(errorText(err)), s.sh.win)
					return
				}
				s.load(contract)
			}
		})
	})
}

// printOutstanding prints the approval form of the chosen period: what it
// has outstanding (or, paid in full, its last payment's form).
func (s *paymentsScreen) printOutstanding() {
	if s.settlement == nil {
		return
	}
	period := ""
	if i := s.period.SelectedIndex(); i >= 0 {
		period = s.settlement.Periods[i].Period
	} else if len(s.settlement.Periods) > 1 {
		dialog.ShowInformation(lang.L("Print payment form"), lang.L("Choose the period first."), s.sh.win)
		return
	}
	s.print(FormRequest{Contract: s.settlement.Contract.Number, Period: period})
}

// print writes the form and hands it to the system to print. Printing
// always ends somewhere: sent to the printer, open in the PDF viewer, or
// a message with the file's path and a way to its folder.
func (s *paymentsScreen) print(req FormRequest) {
	write, handOff := s.printer(), s.handOff
	s.sh.tasks.run(func() func() {
		path, err := write(req)
		if err != nil {
			return func() { dialog.ShowError(errors.New(errorText(err)), s.sh.win) }
		}
		handed, err := handOff.Print(path)
		return func() {
			if err != nil {
				s.showNotPrinted(path, err)
				return
			}
			dialog.ShowInformation(lang.L("Print payment form"), handedText(handed)+"\n"+path, s.sh.win)
		}
	})
}

func handedText(h sysopen.Handed) string {
	if h == sysopen.SentToPrinter {
		return lang.L("Sent to the default printer.")
	}
	return lang.L("Opened in the PDF viewer: print it from there.")
}

// showNotPrinted says the form is written but the system would not take
// it, where the file is, and offers its folder or its path to copy.
func (s *paymentsScreen) showNotPrinted(path string, cause error) {
	msg := widget.NewLabel(lang.L("The form is written, but could not be handed to the system to print: {{.Reason}}. Open it with a PDF viewer to print it.",
		map[string]any{"Reason": errorText(cause)}))
	msg.Wrapping = fyne.TextWrapWord
	where := widget.NewLabel(path)
	where.Selectable = true
	where.Wrapping = fyne.TextWrapBreak
	note := widget.NewLabel("")
	note.Wrapping = fyne.TextWrapWord
	copyPath := func() {
		fyne.CurrentApp().Clipboard().SetContent(path)
		note.SetText(lang.L("The path is copied: paste it into the file manager or the PDF viewer."))
	}
	folder := widget.NewButton(lang.L("Open its folder"), func() {
		handOff := s.handOff
		s.sh.tasks.run(func() func() {
			err := handOff.ShowFolder(path)
			return func() {
				if err != nil {
					copyPath()
					note.SetText(lang.L("The folder could not be opened either ({{.Reason}}). The path is copied: paste it into the file manager or the PDF viewer.",
						map[string]any{"Reason": errorText(err)}))
				}
			}
		})
	})
	folder.Importance = widget.HighImportance
	body := container.NewVBox(msg, widget.NewForm(widget.NewFormItem(lang.L("File"), where)), note)
	d := dialog.NewCustom(lang.L("Print payment form"), lang.L("Close"), body, s.sh.win)
	d.SetButtons([]fyne.CanvasObject{folder, widget.NewButton(lang.L("Copy path"), copyPath), widget.NewButton(lang.L("Close"), d.Hide)})
	d.Resize(fyne.NewSize(620, 0))
	d.Show()
}
