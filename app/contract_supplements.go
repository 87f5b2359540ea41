package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// supplementList is the contract details' part for its supplementary
// contracts (补充合同): each with its date and amount, their total against
// the 10 % the law allows (政府采购法 第四十九条), and buttons to record
// one or delete one. The store checks roles and closed years; a refusal
// shows here as any other.
type supplementList struct {
	sh        *shell
	svc       govbuy.SupplementService
	box       *fyne.Container
	contract  govbuy.Contract
	onChanged func() // reloads the details, whose hints count the supplements
}

func newSupplementList(sh *shell, svc govbuy.SupplementService, onChanged func()) *supplementList {
	return &supplementList{sh: sh, svc: svc, box: container.NewVBox(), onChanged: onChanged}
}

// show lists c's supplements.
func (l *supplementList) show(c govbuy.Contract, list []govbuy.Supplement) {
	l.contract = c
	var rows []fyne.CanvasObject
	for _, s := range list {
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { l.confirmDelete(s) })
		rows = append(rows, container.NewBorder(nil, nil, nil, del, wrappedLabel(supplementLine(s))))
	}
	if len(list) == 0 {
		rows = append(rows, wrappedLabel(lang.L("No supplementary contract recorded.")))
	} else {
		rows = append(rows, wrappedLabel(supplementTotalText(c.Amount, govbuy.SupplementTotal(list))))
	}
	add := widget.NewButtonWithIcon(lang.L("Record a supplementary contract"), theme.ContentAddIcon(), l.showForm)
	rows = append(rows, container.NewHBox(add))
	l.box.Objects = rows
	l.box.Refresh()
}

// supplementLine is one supplement as the details list it.
func supplementLine(s govbuy.Supplement) string {
	line := fmt.Sprintf("%s  %s元", govbuy.FormatDate(s.Date), s.Amount)
	if s.Number != "" {
		line += "  " + s.Number
	}
	if s.Notes != "" {
		line += "  " + s.Notes
	}
	return line
}

// supplementTotalText is the supplements' total as a share of the
// original amount, the figure 第四十九条 limits.
func supplementTotalText(amount, total govbuy.Money) string {
	share := "—"
	if amount > 0 {
		share = govbuy.Rate(int64(total) * 10000 / int64(amount)).String()
	}
	return lang.L("Supplements total {{.Total}} yuan, {{.Share}} of the original amount (at most 10 %).",
		map[string]any{"Total": total.String(), "Share": share})
}

func (l *supplementList) confirmDelete(s govbuy.Supplement) {
	confirmDelete(l.sh, lang.L("Delete the supplementary contract of {{.Date}}?", map[string]any{"Date": govbuy.FormatDate(s.Date)}),
		func() error { return l.svc.DeleteSupplement(l.sh.ctx, s.ID) }, l.changed)
}

func (l *supplementList) changed() {
	l.onChanged()
	l.sh.changed()
}

// showForm asks for a new supplement of the contract shown.
func (l *supplementList) showForm() {
	number, amount, notes := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	date := newDateField(l.sh.win)
	amount.SetPlaceHolder("12,345.00")
	form := newFieldForm()
	form.add(lang.L("Supplement number"), number, govbuy.FieldSupplementNo)
	form.add(lang.L("Supplement signed"), date.view, govbuy.FieldSupplementDate)
	form.add(lang.L("Supplement amount (yuan)"), amount, govbuy.FieldSupplementAmount)
	form.add(lang.L("Notes"), notes, govbuy.FieldNotes)
	c := l.contract
	read := func() (*govbuy.Supplement, govbuy.ValidationErrors) {
		s := &govbuy.Supplement{ContractID: c.ID, Number: number.Text, Notes: notes.Text}
		var found govbuy.ValidationErrors
		if d, bad := date.date(govbuy.FieldSupplementDate); bad != nil {
			found = append(found, bad)
		} else {
			s.Date = d
		}
		m, err := govbuy.ParseMoney(amount.Text)
		if err != nil {
			found = append(found, govbuy.Invalidf(govbuy.FieldSupplementAmount, "%s", problems(err)[0].Message))
		}
		s.Amount = m
		s.Normalize()
		if err := s.Validate(&c); err != nil && len(found) == 0 {
			found = append(found, problems(err)...)
		}
		return s, found
	}
	form.check = problemsOf(read)
	var fd *formDialog
	fd = newFormDialog(l.sh.win, lang.L("New supplementary contract"), form, fyne.NewSize(560, 360), func() {
		s, found := read()
		fd.submit(l.sh.tasks, found, func() error { return l.svc.AddSupplement(l.sh.ctx, s) }, l.changed)
	})
}
