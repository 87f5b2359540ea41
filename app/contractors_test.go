package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"govbuy"
)

func TestRegisterContractor(t *testing.T) {
	u, db := newTestUI(t, nil)
	s := showScreen[*contractorsScreen](t, u)

	test.Tap(button(t, s.view(), "新增"))
	if !hasText(overlay(t, u), "新增承接主体") {
		t.Fatal("新增 did not open the contractor form")
	}
	u.Window().Canvas().Overlays().Top().Hide()

	f := s.showForm(govbuy.Contractor{Type: govbuy.TypeEnterprise})
	test.Type(f.name, "云溪城市物业管理有限公司")
	f.typ.SetSelected(string(govbuy.TypeEnterprise))
	test.Type(f.code, "91110000600037341l") // lower case, as pasted: normalised on save
	test.Type(f.legalRep, "王建国")
	test.Type(f.phone, "0571-88886666")
	test.Type(f.bank, "农业银行云溪支行")
	test.Type(f.account, "6228480012345678")
	test.Tap(button(t, f.quals.view, "添加资质"))
	q := f.quals.rows[0]
	test.Type(q.kind, "物业服务企业资质")
	test.Type(q.level, "二级")
	test.Type(q.expiry.entry, "2026-12-31")
	test.Tap(f.save)
	waitIdle(t, u)

	if f.form.general.Text != "" {
		t.Fatalf("save refused: %q", f.form.general.Text)
	}
	if u.Window().Canvas().Overlays().Top() != nil {
		t.Error("the form stayed open after a successful save")
	}
	got, err := db.FindContractorByCode(context.Background(), "91110000600037341L", "")
	if err != nil {
		t.Fatalf("contractor not stored: %v", err)
	}
	want := govbuy.Contractor{
		ID: got.ID, Name: "云溪城市物业管理有限公司", Type: govbuy.TypeEnterprise, CreditCode: "91110000600037341L",
		LegalRep: "王建国", Phone: "0571-88886666", Bank: "农业银行云溪支行", Account: "6228480012345678",
		Qualifications: []govbuy.Qualification{{Kind: "物业服务企业资质", Level: "二级", Expiry: govbuy.Day(2026, 12, 31)}},
	}
	if g, w := describe(got), describe(&want); g != w {
		t.Errorf("stored\n%s\nwant\n%s", g, w)
	}
	if s.list.count.Text != "共 1 条" {
		t.Errorf("list count %q after save", s.list.count.Text)
	}
}

func TestContractorCodeCheckFails(t *testing.T) {
	u, db := newTestUI(t, nil)
	s := showScreen[*contractorsScreen](t, u)

	f := s.showForm(govbuy.Contractor{Type: govbuy.TypeEnterprise})
	test.Type(f.name, "云溪园林绿化工程有限公司")
	test.Type(f.code, "91110000600037341A")
	test.Tap(f.save)
	waitIdle(t, u)

	if msg := f.codeField.msg.Text; !strings.Contains(msg, "校验位应为“L”，实际为“A”") {
		t.Errorf("code field message %q", msg)
	}
	if f.override.Disabled() || !strings.Contains(f.override.PlaceHolder, "代码未通过校验") {
		t.Errorf("the reason to keep the failing code is not asked for: %q", f.override.PlaceHolder)
	}
	if n := mustCount(t, db, "SELECT COUNT(*) FROM contractors"); n != 0 {
		t.Fatalf("%d contractors stored from a refused form", n)
	}

	// With a reason the officer keeps the code, and the reason is recorded.
	test.Type(f.override, "营业执照原件如此，已向市场监管局核实")
	test.Tap(f.save)
	waitIdle(t, u)
	got, err := db.FindContractorByCode(context.Background(), "91110000600037341A", "")
	if err != nil {
		t.Fatalf("contractor with a reason not stored: %v", err)
	}
	if got.CodeOverride != "营业执照原件如此，已向市场监管局核实" {
		t.Errorf("override reason %q", got.CodeOverride)
	}
}

func TestContractorIndividualCodeLabel(t *testing.T) {
	u, _ := newTestUI(t, nil)
	s := screenOf[*contractorsScreen](t, u)
	f := s.showForm(govbuy.Contractor{Type: govbuy.TypeEnterprise})
	if f.codeField.label.Text != "统一社会信用代码" {
		t.Errorf("code label %q for an enterprise", f.codeField.label.Text)
	}
	f.typ.SetSelected(string(govbuy.TypeIndividual))
	if f.codeField.label.Text != "身份证号" {
		t.Errorf("code label %q for a person", f.codeField.label.Text)
	}
	test.Type(f.code, "11010519491231002X")
	if f.codeField.msg.Text != "" {
		t.Errorf("a valid ID number is questioned: %q", f.codeField.msg.Text)
	}
}

func TestDuplicateCreditCodeShownBesideField(t *testing.T) {
	u, db := newTestUI(t, nil)
	mustCreate(t, db)
	s := screenOf[*contractorsScreen](t, u)
	f := s.showForm(govbuy.Contractor{Type: govbuy.TypeEnterprise})
	test.Type(f.name, "另一家公司")
	test.Type(f.code, "91110000600037341L")
	test.Tap(f.save)
	waitIdle(t, u)
	if !strings.Contains(f.codeField.msg.Text, "云溪路桥养护有限公司") {
		t.Errorf("code field message %q, want the conflict naming the holder", f.codeField.msg.Text)
	}
}

// describe writes the fields a form edits, for comparison.
func describe(c *govbuy.Contractor) string {
	var b strings.Builder
	for _, s := range []string{c.Name, string(c.Type), c.CreditCode, c.CodeOverride, c.LegalRep, c.Phone,
		c.Address, c.Bank, c.Account, c.Notes} {
		b.WriteString(s + "|")
	}
	for _, q := range c.Qualifications {
		b.WriteString("\n" + q.Kind + "|" + q.Level + "|" + q.Number + "|" + q.Issuer + "|" + govbuy.FormatDate(q.Expiry))
	}
	return b.String()
}
