package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"govbuy"
)

// recordFields are the contract form's part for the public record: the
// dates the law counts its deadlines from, where the contract was
// published, its filing number and the justification of a term over a
// year (govbuy.PublicRecord).
type recordFields struct {
	award, sign, publish, filing, intent, procure *dateField
	media, filingNo, termReason                   *widget.Entry
	// what the contract notice states beside the contract's own fields
	projectNo, place, spec *widget.Entry
}

func newRecordFields(win fyne.Window, r govbuy.PublicRecord) *recordFields {
	f := &recordFields{
		award: newDateField(win), sign: newDateField(win), publish: newDateField(win), filing: newDateField(win),
		intent: newDateField(win), procure: newDateField(win),
		media: entryWith(r.PublishMedia), filingNo: entryWith(r.FilingNo), termReason: widget.NewMultiLineEntry(),
		projectNo: entryWith(r.ProjectNo), place: entryWith(r.Place), spec: widget.NewMultiLineEntry(),
	}
	f.spec.SetText(r.Spec)
	f.spec.SetPlaceHolder(lang.L("What the service must meet, as the contract notice states it"))
	f.award.set(r.AwardDate)
	f.sign.set(r.SignDate)
	f.publish.set(r.PublishDate)
	f.filing.set(r.FilingDate)
	f.intent.set(r.IntentDate)
	f.procure.set(r.ProcureDate)
	f.termReason.SetText(r.TermReason)
	f.media.SetPlaceHolder(lang.L("Website address or the media's name"))
	f.termReason.SetPlaceHolder(lang.L("Terms over a year: budget assurance and why the service is stable"))
	return f
}

func (f *recordFields) addTo(form *fieldForm) {
	form.add(lang.L("Award notice date"), f.award.view, govbuy.FieldAwardDate)
	form.add(lang.L("Signing date"), f.sign.view, govbuy.FieldSignDate)
	form.add(lang.L("Publication date"), f.publish.view, govbuy.FieldPublishDate)
	form.add(lang.L("Published on"), f.media, govbuy.FieldPublishMedia)
	form.add(lang.L("Filing date"), f.filing.view, govbuy.FieldFilingDate)
	form.add(lang.L("Filing number"), f.filingNo, govbuy.FieldFilingNo)
	form.add(lang.L("Intention published"), f.intent.view, govbuy.FieldIntentDate)
	form.add(lang.L("Procurement began"), f.procure.view, govbuy.FieldProcureDate)
	form.add(lang.L("Multi-year justification"), f.termReason, govbuy.FieldTermReason).roomFor(2)
	form.add(lang.L("Project number"), f.projectNo, govbuy.FieldProjectNo)
	form.add(lang.L("Place of performance"), f.place, govbuy.FieldPlace)
	form.add(lang.L("Service requirements"), f.spec, govbuy.FieldSpec).roomFor(2)
}

// read puts the record into c, noting each date that cannot be read.
func (f *recordFields) read(c *govbuy.Contract, r *formReader) {
	for _, d := range []struct {
		field *dateField
		name  govbuy.Field
		dst   *time.Time
	}{
		{f.award, govbuy.FieldAwardDate, &c.AwardDate}, {f.sign, govbuy.FieldSignDate, &c.SignDate},
		{f.publish, govbuy.FieldPublishDate, &c.PublishDate}, {f.filing, govbuy.FieldFilingDate, &c.FilingDate},
		{f.intent, govbuy.FieldIntentDate, &c.IntentDate}, {f.procure, govbuy.FieldProcureDate, &c.ProcureDate},
	} {
		t, bad := d.field.date(d.name)
		if bad != nil {
			r.found = append(r.found, bad)
		}
		*d.dst = t
	}
	c.PublishMedia, c.FilingNo, c.TermReason = entryText(f.media), entryText(f.filingNo), entryText(f.termReason)
	c.ProjectNo, c.Place, c.Spec = entryText(f.projectNo), entryText(f.place), entryText(f.spec)
}
