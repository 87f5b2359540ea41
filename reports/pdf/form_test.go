package pdf_test

import (
	"errors"
	"html"
	"io"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"govbuy"
	"govbuy/reports/internal/reporttest"
	"govbuy/reports/pdf"
)

// assessedQuarter: Q2 scored 86.5, paid in proportion to the score.
func assessedQuarter() *govbuy.PaymentForm {
	score := govbuy.Score(865)
	return &govbuy.PaymentForm{
		District: "云溪区", Unit: "云溪区公路事业发展中心", Contractor: "云溪路桥养护工程有限公司",
		Bank: "中国农业银行云溪支行", Account: "2238 5101 2300 0000 000", ContractNumber: "YX2024-042",
		ContractTitle: "农村公路日常养护（一标段）", ContractAmount: 98_000_000, Period: "2024Q2",
		Score: &score, Grade: govbuy.GradeGood, Rule: "按得分比例支付（应付 = 基数 × 得分 / 100）",
		Base: 24_500_000, Payable: 21_192_500, Deduction: 3_307_500, PaidBefore: 0,
		Amount: 21_192_500, PaidToDate: 49_000_000,
		Explanation: "2024年第2季度得分86.5（良），按得分比例支付86.5%：本期基数245,000.00元，应付211,925.00元，扣减33,075.00元。",
		Date:        govbuy.Day(2024, 7, 5),
	}
}

// unassessedPeriod: Q3 has no score yet; no district set, so the form
// names the unit that fills it in.
func unassessedPeriod() *govbuy.PaymentForm {
	return &govbuy.PaymentForm{
		Unit: "云溪区城市管理局", Contractor: "云溪区绿源园林绿化有限公司",
		Bank: "中国建设银行云溪支行", Account: "4405 0166 0000 1234", ContractNumber: "YX2024-017",
		ContractTitle: "城区公园绿地养护", ContractAmount: 120_000_000, Period: "2024Q3",
		Rule: "得分90分以上全额支付", Base: 30_000_000, Payable: 30_000_000, PaidBefore: 10_000_000,
		Amount: 20_000_000, PaidToDate: 70_000_000,
		Explanation: "2024年第3季度尚未考核，按基数300,000.00元计；已预付100,000.00元。",
		Date:        govbuy.Day(2024, 10, 8),
	}
}

// longNames: names and an explanation far longer than their cells.
func longNames() *govbuy.PaymentForm {
	score := govbuy.Score(925)
	return &govbuy.PaymentForm{
		District:       "云溪区",
		Unit:           "云溪区农业农村局（云溪区乡村振兴局、云溪区农村公路建设养护服务中心、云溪区农村集体经济组织管理服务站）",
		Contractor:     "云溪区众联城乡公共服务与物业管理综合服务有限责任公司（联合体牵头人）暨云溪区新时代社会工作服务中心",
		Bank:           "中国农业发展银行云溪区支行营业部（代理国库集中支付业务）",
		Account:        "9550 8800 1234 5678 9012 3456",
		ContractNumber: "YXCG-2024-FW-0000123-补充协议（第二次变更）",
		ContractTitle:  "2024—2026年度云溪区农村公路日常养护、应急抢通保障、路域环境综合整治及公路设施巡查管护一体化政府购买服务项目（第一标段：东部片区十二个行政村）",
		ContractAmount: 1_234_567_890, Period: "2024H1", Score: &score, Grade: govbuy.GradeExcellent,
		Rule: "分档支付：得分95分以上按100%支付，85分至94.9分按98%支付，75分至84.9分按95%支付，60分至74.9分按90%支付，60分以下按70%支付",
		Base: 205_761_315, Payable: 201_646_089, Deduction: 4_115_226, PaidBefore: 100_000_000,
		Amount: 101_646_089, PaidToDate: 500_000_000,
		Explanation: strings.Repeat("2024年上半年考核得分92.5（优），落在“85分至94.9分”一档，按98%支付："+
			"本期基数2,057,613.15元×98%＝2,016,460.89元（元以下四舍五入到分），考核扣减41,152.26元；"+
			"本期已预付1,000,000.00元，本次申请支付1,016,460.89元。", 3) + "以上计算经购买主体与承接主体双方确认。",
		Date: govbuy.Day(2024, 7, 20),
	}
}

// paymentFormLabels is what every form prints whatever its figures.
var paymentFormLabels = []string{
	"政府购买服务费用支付审批表", "编号：", "日期：",
	"购买主体", "承接主体", "开户银行", "银行账号", "合同编号", "合同名称",
	"合同金额（元）", "考核期间", "考核得分", "考核等级", "支付规则",
	"本期基数（元）", "应付金额（元）", "考核扣减（元）", "本期已付（元）",
	"累计已付（元）", "本次申请支付（元）", "本次支付金额（大写）", "计算说明",
	"经办人意见", "部门负责人意见", "财政审核意见", "分管领导意见",
	"本表一式两份，购买主体与财政部门各存一份。",
}

func TestPaymentFormText(t *testing.T) {
	tests := []struct {
		name   string
		form   *govbuy.PaymentForm
		issuer string
		want   []string
	}{
		{"assessed quarter", assessedQuarter(), "云溪区财政局制", []string{
			"日期：2024年7月5日", "2024年第2季度", "考核得分86.5考核等级良",
			"245,000.00", "211,925.00", "33,075.00", "980,000.00", "490,000.00",
			"人民币贰拾壹万壹仟玖佰贰拾伍元整",
		}},
		{"unassessed period", unassessedPeriod(), "填报单位：云溪区城市管理局", []string{
			"日期：2024年10月8日", "2024年第3季度", "考核得分—考核等级—",
			"300,000.00", "100,000.00", "200,000.00", "700,000.00", "1,200,000.00",
			"人民币贰拾万元整",
		}},
		{"issued by its bureau", func() *govbuy.PaymentForm {
			f := assessedQuarter()
			f.Bureau = "云溪区财政局（国资办）"
			return f
		}(), "云溪区财政局（国资办）制", nil},
		{"long names", longNames(), "云溪区财政局制", []string{
			"2024年上半年", "考核得分92.5考核等级优",
			"12,345,678.90", "2,057,613.15", "2,016,460.89", "41,152.26", "1,016,460.89",
			"人民币壹佰零壹万陆仟肆佰陆拾元零捌角玖分",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.form
			d := formPDF(t, f)
			if n := len(d.Pages); n != 1 {
				t.Errorf("%d pages, want 1", n)
			}
			want := append(append([]string{tt.issuer}, paymentFormLabels...), tt.want...)
			want = append(want, f.Unit, f.Contractor, f.Bank, f.Account, f.ContractNumber,
				f.ContractTitle, f.Rule, f.Explanation, govbuy.PeriodLabel(f.Period),
				f.Amount.String(), f.Amount.Words(), f.Base.String(), f.Payable.String(),
				f.Deduction.String(), f.PaidBefore.String(), f.PaidToDate.String(), f.ContractAmount.String())
			for reader, pages := range d.readings(t) {
				raw := strings.Join(pages, "")
				text := squeeze(raw)
				for _, w := range want {
					if !strings.Contains(text, squeeze(w)) {
						t.Errorf("%s: the form lacks %q", reader, w)
					}
				}
				if n := strings.Count(text, "签字：日期：年月日"); n != 4 {
					t.Errorf("%s: %d signature lines, want 4", reader, n)
				}
				// A line of punctuation alone is a cell holding just that,
				// such as the "—" of a period not yet assessed.
				for i, line := range strings.Split(raw, "\n") {
					line = strings.TrimSpace(line)
					r, _ := utf8.DecodeRuneInString(line)
					if pdf.IsClosingPunct(r) && strings.TrimFunc(line, pdf.IsClosingPunct) != "" {
						t.Errorf("%s: line %d starts with closing punctuation: %q", reader, i+1, line)
					}
				}
			}
			if p := d.Pages[0]; p.Width != a4Short || p.Height != a4Long {
				t.Errorf("page of %v × %v pt: not A4 portrait", p.Width, p.Height)
			}
		})
	}
}

// TestPaymentFormWraps: long names and the explanation break over several
// lines of their cells, and the form still fits its page.
func TestPaymentFormWraps(t *testing.T) {
	f := longNames()
	for reader, pages := range formPDF(t, f).readings(t) {
		raw := strings.Join(pages, "")
		for _, s := range []string{f.Unit, f.Contractor, f.ContractTitle, f.Rule, f.Explanation} {
			if strings.Contains(raw, s) {
				t.Errorf("%s: %q is on one line: it should wrap in its cell", reader, s)
			}
			if !strings.Contains(squeeze(raw), squeeze(s)) {
				t.Errorf("%s: %q lost characters when it wrapped", reader, s)
			}
		}
	}
}

// pdfWord is a word of page 1 as pdftotext -bbox finds it, in pt from the
// top left.
type pdfWord struct {
	x0, y0, x1, y1 float64
	text           string
}

var wordPattern = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

func pdfWords(t *testing.T, path string) []pdfWord {
	t.Helper()
	out := run(t, "pdftotext", "-bbox", "-enc", "UTF-8", "-f", "1", "-l", "1", path, "-")
	var words []pdfWord
	for _, m := range wordPattern.FindAllStringSubmatch(out, -1) {
		var v [4]float64
		for i := range v {
			v[i], _ = strconv.ParseFloat(m[i+1], 64)
		}
		words = append(words, pdfWord{v[0], v[1], v[2], v[3], html.UnescapeString(m[5])})
	}
	if len(words) == 0 {
		t.Fatal("pdftotext -bbox found no words")
	}
	return words
}

// TestPaymentFormLayout checks where the text lands: inside the page's
// writing area, amounts right-aligned in their column, and wrapped names
// inside their own cells.
func TestPaymentFormLayout(t *testing.T) {
	const mm = 72 / 25.4
	for _, f := range []*govbuy.PaymentForm{assessedQuarter(), unassessedPeriod(), longNames()} {
		d := formPDF(t, f)
		needPoppler(t) // where each word lands: poppler's -bbox
		words := pdfWords(t, d.path)
		find := func(text string) []pdfWord {
			var found []pdfWord
			for _, w := range words {
				if w.text == text {
					found = append(found, w)
				}
			}
			return found
		}
		// A4 with the package's 15 mm margins.
		for _, w := range words {
			if w.x0 < 15*mm-0.5 || w.x1 > 195*mm+0.5 || w.y0 < 15*mm-0.5 || w.y1 > 282*mm+0.5 {
				t.Errorf("%s: %q at (%.1f,%.1f)–(%.1f,%.1f) pt is outside the writing area",
					f.ContractNumber, w.text, w.x0, w.y0, w.x1, w.y1)
			}
		}
		// The label of the second column divides the two value columns.
		label := find("承接主体")
		if len(label) != 1 {
			t.Fatalf("%s: 承接主体 found %d times", f.ContractNumber, len(label))
		}
		divide := label[0]
		var left, right []float64 // right edges of the amounts in each column
		for _, m := range []govbuy.Money{f.ContractAmount, f.Base, f.Deduction, f.PaidToDate} {
			for _, w := range find(m.String()) {
				if w.x1 < divide.x0 {
					left = append(left, w.x1)
				}
			}
		}
		for _, m := range []govbuy.Money{f.Payable, f.PaidBefore, f.Amount} {
			for _, w := range find(m.String()) {
				if w.x0 > divide.x1 {
					right = append(right, w.x1)
				}
			}
		}
		for _, col := range [][]float64{left, right} {
			if len(col) < 3 {
				t.Errorf("%s: amounts of a column found: %v", f.ContractNumber, col)
			}
			for _, x := range col {
				if x < col[0]-0.3 || x > col[0]+0.3 {
					t.Errorf("%s: amounts not right-aligned: right edges %v", f.ContractNumber, col)
					break
				}
			}
		}
		// Every line of the unit's name stays left of the second label
		// and every line of the contractor's right of it. (The unit's
		// name is in the header too when no district is set.)
		for _, w := range words {
			if utf8.RuneCountInString(w.text) < 2 || w.y0 < divide.y0-2 {
				continue
			}
			inUnit := strings.Contains(f.Unit, w.text)
			inContractor := strings.Contains(f.Contractor, w.text)
			switch {
			case inUnit && !inContractor && w.x1 > divide.x0:
				t.Errorf("%s: %q of the unit's name runs out of its cell", f.ContractNumber, w.text)
			case inContractor && !inUnit && w.x0 < divide.x1:
				t.Errorf("%s: %q of the contractor's name is out of its cell", f.ContractNumber, w.text)
			}
		}
	}
}

// TestPaymentFormExcessiveText: a long explanation still fits one page
// (in smaller type); one no form could hold continues on further pages in
// the usual type, losing nothing.
func TestPaymentFormExcessiveText(t *testing.T) {
	for _, tt := range []struct {
		repeat  int
		onePage bool
	}{{10, true}, {120, false}} {
		f := assessedQuarter()
		f.Explanation = strings.Repeat("本期基数245,000.00元×86.5%＝211,925.00元；", tt.repeat)
		d := formPDF(t, f)
		if n := len(d.Pages); (n == 1) != tt.onePage {
			t.Errorf("%d sentences: %d pages", tt.repeat, n)
		}
		for reader, pages := range d.readings(t) {
			// Page footers come between the parts of a row split by a page.
			text := pageFooter.ReplaceAllString(squeeze(strings.Join(pages, "")), "")
			if !strings.Contains(text, squeeze(f.Explanation)) {
				t.Errorf("%s: %d sentences: the explanation lost characters", reader, tt.repeat)
			}
			for _, w := range []string{"分管领导意见", "本表一式两份", f.Amount.Words()} {
				if !strings.Contains(text, w) {
					t.Errorf("%s: %d sentences: %q missing", reader, tt.repeat, w)
				}
			}
		}
	}
}

var pageFooter = regexp.MustCompile(`第\d+页共\d+页`)

func TestPaymentFormOddText(t *testing.T) {
	f := assessedQuarter()
	f.ContractTitle = "括号(a)与反斜杠\\和\r回车\t制表𠮷字"
	f.Explanation = "第一行\n第二行"
	for reader, pages := range formPDF(t, f).readings(t) {
		text := squeeze(strings.Join(pages, ""))
		for _, w := range []string{"括号(a)与反斜杠\\和回车制表□字", "第一行第二行"} {
			if !strings.Contains(text, w) {
				t.Errorf("%s: %q not found in %s", reader, w, text)
			}
		}
	}
}

func TestPaymentFormErrors(t *testing.T) {
	if err := pdf.WritePaymentForm(io.Discard, nil); err == nil {
		t.Error("no error for a nil form")
	}
	err := pdf.WritePaymentForm(reporttest.FailingWriter{}, assessedQuarter())
	if !errors.Is(err, reporttest.ErrDiskFull) || !strings.HasPrefix(err.Error(), "pdf: payment form: ") {
		t.Errorf("got %v", err)
	}
	// An empty form is still a form to fill in by hand.
	if err := pdf.WritePaymentForm(io.Discard, &govbuy.PaymentForm{}); err != nil {
		t.Error(err)
	}
}

// TestPaymentFormStructure has qpdf check the file too, where it is
// installed: a second opinion on what pdfcheck checks for every PDF written.
func TestPaymentFormStructure(t *testing.T) {
	for _, f := range []*govbuy.PaymentForm{assessedQuarter(), unassessedPeriod(), longNames(), {}} {
		d := formPDF(t, f)
		qpdf, err := exec.LookPath("qpdf")
		if err != nil {
			t.Skip("qpdf not installed; checked by pdfcheck only")
		}
		if out, err := exec.Command(qpdf, "--check", d.path).CombinedOutput(); err != nil {
			t.Errorf("qpdf: %v\n%s", err, out)
		}
	}
}
