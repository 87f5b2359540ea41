package app

import (
	"context"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"govbuy"
	"govbuy/reports"
)

// settingsStore is what the 设置 screen needs: backups, closed years and
// the audit log.
type settingsStore interface {
	govbuy.DistrictService
	govbuy.AuditService
	govbuy.UserService
	govbuy.ApprovalService
	govbuy.CalendarService
	govbuy.BackupService
	yearKeeper
	ocidPrefixKeeper
}

// ocidPrefixKeeper keeps the ocid prefix the OCDS export is published
// under (本区信息).
type ocidPrefixKeeper interface {
	OCIDPrefix(ctx context.Context) (string, error)
	SetOCIDPrefix(ctx context.Context, prefix string) error
}

// settingsScreen holds 备份与恢复, 年度结账 and 操作日志.
type settingsScreen struct {
	sh  *shell
	svc settingsStore
	// replaceWithDemo asks to replace all data with the demo district.
	replaceWithDemo func()

	backupDir *widget.Entry
	backupMsg *widget.Label
	closed    *widget.Label
	year      *widget.Select

	users     *widget.Label
	threshold *widget.Entry

	district *districtForm

	ocidPrefix *widget.Entry
	ocidNote   *widget.Label
	ocidSave   *widget.Button

	calendarYears         *widget.Label
	holidayYear           *widget.Select
	holidayOff, holidayOn *widget.Entry

	entity  *widget.Select
	actor   *widget.Entry
	record  *widget.Entry
	from    *dateField
	to      *dateField
	log     *widget.Table
	entries []govbuy.AuditEntry
	content fyne.CanvasObject
}

func newSettingsScreen(sh *shell, svc settingsStore, replaceWithDemo func()) *settingsScreen {
	s := &settingsScreen{sh: sh, svc: svc, replaceWithDemo: replaceWithDemo}
	tabs := container.NewAppTabs(
		container.NewTabItem(lang.L("Backup"), s.backupTab()),
		container.NewTabItem(lang.L("Closed years"), s.yearsTab()),
		container.NewTabItem(lang.L("Audit log"), s.auditTab()),
		container.NewTabItem(lang.L("Users and approval"), s.usersTab()),
		container.NewTabItem(lang.L("Holidays"), s.holidaysTab()),
		container.NewTabItem(lang.L("District profile"), s.districtTab()),
	)
	s.content = tabs
	return s
}

func (s *settingsScreen) view() fyne.CanvasObject { return s.content }

func (s *settingsScreen) reload() {
	ctx := s.sh.ctx
	s.sh.tasks.run(func() func() {
		dir, err := s.svc.BackupDir(ctx)
		years, yerr := s.svc.ClosedYears(ctx)
		users, uerr := s.svc.FindUsers(ctx)
		threshold, terr := s.svc.ApprovalThreshold(ctx)
		profile, perr := s.svc.DistrictProfile(ctx)
		entered, cerr := s.svc.EnteredCalendarDays(ctx)
		prefix, oerr := s.svc.OCIDPrefix(ctx)
		return func() {
			if oerr == nil {
				s.ocidPrefix.SetText(prefix)
			}
			s.showCalendarYears(entered, cerr)
			s.district.showProblem(perr)
			if perr == nil {
				s.district.set(profile)
			}
			if err == nil {
				s.backupDir.SetText(dir)
			}
			s.showClosed(years, yerr)
			s.showUsers(users, uerr)
			if terr == nil && threshold > 0 {
				s.threshold.SetText(threshold.String())
			}
		}
	})
	s.loadLog()
}

func (s *settingsScreen) backupTab() fyne.CanvasObject {
	s.backupDir = widget.NewEntry()
	s.backupMsg = widget.NewLabel(lang.L("A backup of the day is written when the window is up and when it closes; the last 7 days and the last 12 months are kept. A restore takes place at the next start, after the backup is checked; the current database is kept beside it."))
	s.backupMsg.Wrapping = fyne.TextWrapWord
	saveDir := widget.NewButton(lang.L("Save folder"), func() {
		dir := strings.TrimSpace(s.backupDir.Text)
		s.run(func(ctx context.Context) (string, error) { return lang.L("Saved"), s.svc.SetBackupDir(ctx, dir) })
	})
	now := widget.NewButton(lang.L("Back up now"), func() {
		s.run(func(ctx context.Context) (string, error) {
			path, err := s.svc.BackupNow(ctx, time.Now())
			return lang.L("Backed up to {{.Path}}", map[string]any{"Path": path}), err
		})
	})
	now.Importance = widget.HighImportance
	saveAs := widget.NewButton(lang.L("Back up to a file…"), s.backupAs)
	restore := widget.NewButton(lang.L("Restore from a backup…"), s.restore)
	demo := widget.NewButton(lang.L("Replace all data with the demo district…"), s.replaceWithDemo)
	demo.Importance = widget.DangerImportance
	form := widget.NewForm(widget.NewFormItem(lang.L("Backup folder"), container.NewBorder(nil, nil, nil, saveDir, s.backupDir)))
	return container.NewVBox(form, container.NewHBox(now, saveAs, restore), s.backupMsg, widget.NewSeparator(), container.NewHBox(demo))
}

// run does a settings action off the UI goroutine and reports its outcome.
func (s *settingsScreen) run(action func(ctx context.Context) (string, error)) {
	ctx := s.sh.ctx
	s.sh.tasks.run(func() func() {
		msg, err := action(ctx)
		return func() {
			if err != nil {
				dialog.ShowError(errors.New(errorText(err)), s.sh.win)
				return
			}
			dialog.ShowInformation(lang.L("Done"), msg, s.sh.win)
			s.reload()
		}
	})
}

func (s *settingsScreen) backupAs() {
	chooseFile(s.sh, saveRequest("govbuy-"+time.Now().Format("2006-01-02")+".db"), func(path string) {
		s.run(func(ctx context.Context) (string, error) { return path, s.svc.Backup(ctx, path) })
	})
}

// restore checks the chosen backup now and has it put in place at the next
// start: the window cannot replace the database it holds open.
func (s *settingsScreen) restore() {
	chooseFile(s.sh, openRequest(lang.L("Restore from a backup…"), ".db"), s.askRestore)
}

// askRestore asks for the reason a backup that weakens the controls needs,
// and schedules the restore.
func (s *settingsScreen) askRestore(path string) {
	reason := widget.NewEntry()
	item := widget.NewFormItem(lang.L("Reason"), reason)
	item.HintText = lang.L("Needed when the backup has fewer closed years, an older audit log or no users")
	dialog.ShowForm(lang.L("Restore from a backup…"), lang.L("Restore"), lang.L("Cancel"), []*widget.FormItem{item}, func(ok bool) {
		if ok {
			s.run(func(ctx context.Context) (string, error) {
				return lang.L("The backup passed its checks. Close the window and start govbuy again to restore it."), s.svc.ScheduleRestore(ctx, path, reason.Text)
			})
		}
	}, s.sh.win)
}

func (s *settingsScreen) yearsTab() fyne.CanvasObject {
	s.closed = widget.NewLabel("")
	s.year = newSelect(yearOptions(), nil)
	s.year.SetSelectedIndex(2) // last year: the one usually closed
	chosen := func() int { y, _ := strconv.Atoi(s.year.Selected); return y }
	closeBtn := widget.NewButton(lang.L("Close year…"), func() { askClose(s.sh, s.svc, chosen(), s.reload) })
	reopen := widget.NewButton(lang.L("Reopen year…"), func() { askReopen(s.sh, s.svc, chosen(), s.reload) })
	showIf(reopen, mayReopen(s.sh.ctx))
	return container.NewVBox(s.closed, container.NewHBox(widget.NewLabel(lang.L("Year")), s.year, closeBtn, reopen))
}

func (s *settingsScreen) showClosed(years []int, err error) {
	switch {
	case err != nil:
		s.closed.SetText(errorText(err))
	case len(years) == 0:
		s.closed.SetText(lang.L("No year is closed."))
	default:
		text := make([]string, len(years))
		for i, y := range years {
			text[i] = strconv.Itoa(y)
		}
		s.closed.SetText(lang.L("Closed years: {{.Years}}", map[string]any{"Years": strings.Join(text, "、")}))
	}
}

// auditColumnWidths fit a time, an account name, an operation and a
// contract or contractor; the changes take the rest and a selected row
// shows them whole.
var auditColumnWidths = []float32{160, 170, 64, 280, 640}

func (s *settingsScreen) auditTab() fyne.CanvasObject {
	labels := []string{lang.L("All records")}
	for _, e := range govbuy.AuditEntities {
		labels = append(labels, e.Name)
	}
	s.entity = newSelect(labels, func(string) { s.loadLog() })
	s.entity.SetSelectedIndex(0)
	s.actor = widget.NewEntry()
	s.actor.SetPlaceHolder(lang.L("Person"))
	s.record = widget.NewEntry()
	s.record.SetPlaceHolder(lang.L("Number or name"))
	s.from, s.to = newDateField(s.sh.win), newDateField(s.sh.win)
	apply := widget.NewButton(lang.L("Filter"), s.loadLog)
	export := widget.NewButton(lang.L("Export Excel"), s.exportLog)
	s.log = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.entries), len(auditColumnWidths) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(auditCell(s.entries[id.Row], id.Col))
		})
	s.log.ShowHeaderColumn = false
	s.log.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		titles := []string{lang.L("Time"), lang.L("Person"), lang.L("Action"), lang.L("Record"), lang.L("Changes")}
		o.(*widget.Label).SetText(titles[id.Col])
	}
	s.log.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(s.entries) {
			s.showEntry(s.entries[id.Row])
		}
		s.log.UnselectAll()
	}
	for i, w := range auditColumnWidths {
		s.log.SetColumnWidth(i, w)
	}
	filters := container.NewHBox(s.entity, fixedWidth(120, s.actor), fixedWidth(160, s.record),
		widget.NewLabel(lang.L("From")), fullDate(s.from), widget.NewLabel(lang.L("To")), fullDate(s.to), apply, export)
	return container.NewBorder(container.NewHScroll(filters), nil, nil, nil, s.log)
}

// fixedWidth gives an entry in a row of filters a width of its own: a row
// gives it only its least width otherwise.
func fixedWidth(width float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(width, o.MinSize().Height), o)
}

// fullDate is a date field wide enough to show a whole date (2024-12-31)
// beside its calendar button, not "2024".
func fullDate(d *dateField) fyne.CanvasObject {
	text := fyne.MeasureText("2024-12-31", theme.TextSize(), fyne.TextStyle{}).Width
	button := d.view.MinSize().Width - d.entry.MinSize().Width
	return fixedWidth(text+2*theme.InnerPadding()+2*theme.InputBorderSize()+theme.Padding()+button, d.view)
}

// auditCell is one cell of an entry as govbuy.AuditEntry.Cells words it,
// the changes on one line (a selected row shows them one to a line).
func auditCell(e govbuy.AuditEntry, col int) string {
	cell := e.Cells()[col]
	if col == len(auditColumnWidths)-1 {
		return strings.ReplaceAll(cell, "\n", "；")
	}
	return cell
}

// showEntry shows an entry whole, its changes one to a line.
func (s *settingsScreen) showEntry(e govbuy.AuditEntry) {
	cells := e.Cells()
	head := widget.NewLabel(strings.Join(cells[:4], "　"))
	head.TextStyle.Bold = true
	head.Wrapping = fyne.TextWrapWord
	changes := widget.NewLabel(cells[4])
	changes.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(lang.L("Audit log"), lang.L("Close"), container.NewBorder(head, nil, nil, nil, container.NewVScroll(changes)), s.sh.win)
	d.Resize(fyne.NewSize(720, 420))
	d.Show()
}

// filter reads the filter row; a date typed wrongly is a problem to show,
// not a filter silently dropped. Dates are the officer's days, in the
// computer's time zone, as the log's times are shown.
func (s *settingsScreen) filter() (govbuy.AuditFilter, error) {
	f := govbuy.AuditFilter{Actor: s.actor.Text, Label: s.record.Text}
	if i := s.entity.SelectedIndex(); i > 0 {
		f.Entity = govbuy.AuditEntities[i-1].Key
	}
	var v govbuy.ValidationErrors
	for _, d := range []struct {
		field *dateField
		name  string
		into  *time.Time
	}{{s.from, lang.L("From"), &f.From}, {s.to, lang.L("To"), &f.To}} {
		day, problem := d.field.date(govbuy.Field(d.name))
		if problem != nil {
			v = append(v, problem)
			continue
		}
		if !day.IsZero() {
			*d.into = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.Local)
		}
	}
	return f, v.Err()
}

func (s *settingsScreen) loadLog() {
	if s.log == nil {
		return
	}
	f, err := s.filter()
	if err != nil {
		dialog.ShowError(errors.New(errorText(err)), s.sh.win)
		return
	}
	ctx := s.sh.ctx
	s.sh.tasks.run(func() func() {
		entries, err := s.svc.FindAuditLog(ctx, f)
		return func() {
			if err != nil {
				dialog.ShowError(errors.New(errorText(err)), s.sh.win)
				return
			}
			s.entries = entries
			s.log.Refresh()
		}
	})
}

func (s *settingsScreen) exportLog() {
	entries := s.entries
	chooseFile(s.sh, saveRequest("操作日志-"+time.Now().Format("2006-01-02")+".xlsx"), func(path string) {
		s.run(func(context.Context) (string, error) {
			return path, reports.WriteFile(path, func(out io.Writer) error { return reports.WriteAuditXLSX(out, entries) })
		})
	})
}

// usersTab turns roles on (the first user must be an administrator) and
// sets the amount above which a payment needs a second person's approval.
func (s *settingsScreen) usersTab() fyne.CanvasObject {
	s.users = widget.NewLabel("")
	s.users.Wrapping = fyne.TextWrapWord
	name, password := widget.NewEntry(), widget.NewPasswordEntry()
	role := newSelect(stringsOf(govbuy.Roles), nil)
	role.SetSelected(string(govbuy.RoleAdmin))
	add := widget.NewButton(lang.L("Add user"), func() {
		r, n, pw := govbuy.Role(role.Selected), name.Text, password.Text
		s.run(func(ctx context.Context) (string, error) {
			u, err := s.svc.CreateUser(ctx, n, r, pw)
			if err != nil {
				return "", err
			}
			return u.Name + "（" + string(u.Role) + "）", nil
		})
	})
	s.threshold = widget.NewEntry()
	s.threshold.SetPlaceHolder(lang.L("0: no approval needed"))
	saveThreshold := widget.NewButton(lang.L("Save"), func() {
		m, err := govbuy.ParseMoney(strings.TrimSpace(s.threshold.Text))
		if strings.TrimSpace(s.threshold.Text) == "" {
			m, err = 0, nil
		}
		if err != nil {
			dialog.ShowError(errors.New(govbuy.ErrorMessage(err)), s.sh.win)
			return
		}
		s.run(func(ctx context.Context) (string, error) { return m.String(), s.svc.SetApprovalThreshold(ctx, m) })
	})
	form := widget.NewForm(
		widget.NewFormItem(lang.L("User name"), name),
		widget.NewFormItem(lang.L("Role"), role),
		widget.NewFormItem(lang.L("Password"), password))
	approval := widget.NewForm(widget.NewFormItem(lang.L("Payments above (yuan) need approval"),
		container.NewBorder(nil, nil, nil, saveThreshold, s.threshold)))
	return container.NewVBox(s.users, form, container.NewHBox(add), widget.NewSeparator(), approval)
}

func (s *settingsScreen) showUsers(users []govbuy.User, err error) {
	switch {
	case err != nil:
		s.users.SetText(errorText(err))
	case len(users) == 0:
		s.users.SetText(lang.L("Roles are off: everyone at this PC may do everything. The first user added must be an administrator; after that everyone signs in."))
	default:
		lines := make([]string, len(users))
		for i, u := range users {
			lines[i] = u.Name + "（" + string(u.Role) + "）"
		}
		s.users.SetText(lang.L("Users: {{.Users}}", map[string]any{"Users": strings.Join(lines, "、")}))
	}
}

// districtTab edits the district's profile — an administrator's act once
// roles are on, which the store decides — and the window's language, the
// person's own preference on this PC, applied at the next start.
func (s *settingsScreen) districtTab() fyne.CanvasObject {
	s.district = newDistrictForm()
	save := widget.NewButton(lang.L("Save"), func() {
		s.district.save(s.sh, s.svc, func() { dialog.ShowInformation(lang.L("Done"), lang.L("Saved"), s.sh.win) })
	})
	save.Importance = widget.HighImportance
	languages := []string{"中文", "English"}
	language := newSelect(languages, nil)
	language.SetSelectedIndex(0)
	if s.sh.prefs.String(languagePref) == englishPref {
		language.SetSelectedIndex(1)
	}
	note := widget.NewLabel("")
	language.OnChanged = func(string) {
		pref := ""
		if language.SelectedIndex() == 1 {
			pref = englishPref
		}
		s.sh.prefs.SetString(languagePref, pref)
		note.SetText(lang.L("The window changes language at the next start."))
	}
	languageForm := widget.NewForm(widget.NewFormItem(lang.L("Window language"), container.NewHBox(language, note)))
	return container.NewVBox(s.district.view(), container.NewHBox(save), widget.NewSeparator(), s.ocidPrefixForm(),
		widget.NewSeparator(), languageForm)
}

// ocidPrefixForm sets the prefix of the OCDS export's ocids. The default
// is govbuy's own local prefix, which OCDS has not registered: the field
// says so beside it, and the hint says what to do before publishing.
func (s *settingsScreen) ocidPrefixForm() fyne.CanvasObject {
	s.ocidPrefix = widget.NewEntry()
	s.ocidNote = widget.NewLabel("")
	s.ocidNote.Importance = widget.WarningImportance
	s.ocidPrefix.OnChanged = func(text string) {
		p := govbuy.NormalizeOCIDPrefix(text)
		if p == "" || p == govbuy.DefaultOCIDPrefix {
			s.ocidNote.SetText(lang.L("Local prefix, not registered"))
		} else {
			s.ocidNote.SetText("")
		}
	}
	s.ocidSave = widget.NewButton(lang.L("Save"), func() {
		text := s.ocidPrefix.Text
		s.run(func(ctx context.Context) (string, error) {
			if err := s.svc.SetOCIDPrefix(ctx, text); err != nil {
				return "", err
			}
			// The field shows the prefix as kept: tidied, or the
			// default again when cleared.
			p, err := s.svc.OCIDPrefix(ctx)
			fyne.Do(func() { s.ocidPrefix.SetText(p) })
			return lang.L("Saved"), err
		})
	})
	hint := widget.NewLabel(lang.L("The OCDS export names each contract by this prefix and its number. Until the district registers a prefix of its own with the Open Contracting Partnership, the default is a local prefix: it is not registered and identifies nothing outside this office. Register one before publishing the data and enter it here; leave it empty to go back to the local default."))
	hint.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(widget.NewFormItem(lang.L("OCDS prefix"),
		container.NewBorder(nil, nil, nil, container.NewHBox(s.ocidNote, s.ocidSave), s.ocidPrefix)))
	return container.NewVBox(form, hint)
}
