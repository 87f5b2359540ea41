package govbuy

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Money is an amount in fen (分). Amounts are never held as float64: a binary
// fraction cannot represent 0.1 元, and sums of such values drift away from
// the ledgers officers reconcile against.
type Money int64

// Yuan returns y yuan as Money.
func Yuan(y int64) Money { return Money(y * 100) }

// String formats m in yuan with thousands separators: "1,234,567.89".
func (m Money) String() string {
	return formatHundredths(m < 0, m.magnitude())
}

// Wan formats m in 万元 with 2 decimals, rounded half away from zero, as
// reports show large totals: 40,293,000.00 元 → "4,029.30".
func (m Money) Wan() string {
	hundredths := (m.magnitude() + 5000) / 10000
	return formatHundredths(m < 0 && hundredths > 0, hundredths)
}

// magnitude is |m|; it is unsigned so that the most negative value has one.
func (m Money) magnitude() uint64 {
	if m < 0 {
		return -uint64(m)
	}
	return uint64(m)
}

func formatHundredths(neg bool, h uint64) string {
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	whole := strconv.FormatUint(h/100, 10)
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	b.WriteByte('.')
	b.WriteByte(byte('0' + h/10%10))
	b.WriteByte(byte('0' + h%10))
	return b.String()
}

var (
	capitalDigits = []rune("零壹贰叁肆伍陆柒捌玖")
	sectionUnits  = [4]string{"仟", "佰", "拾", ""}
)

// Words writes m as 大写金额 following 《支付结算办法》附件 (正确填写票据和结算凭证的
// 基本规定). Where the rules allow a choice, it writes 壹拾 (not 拾), "整" only
// after 元, and one 零 for a zero 元 digit before 角 (壹仟陆佰捌拾元零叁角贰分).
// Negative amounts read 人民币负….
func (m Money) Words() string {
	var b strings.Builder
	b.WriteString("人民币")
	if m < 0 {
		b.WriteString("负")
	}
	mag := m.magnitude()
	yuan, jiao, fen := mag/100, mag/10%10, mag%10
	if yuan > 0 {
		writeCapitalInt(&b, yuan)
		b.WriteString("元")
	}
	switch {
	case jiao == 0 && fen == 0:
		if yuan == 0 {
			b.WriteString("零元")
		}
		b.WriteString("整")
		return b.String()
	case yuan > 0 && (jiao == 0 || yuan%10 == 0):
		b.WriteRune('零')
	}
	if jiao > 0 {
		b.WriteRune(capitalDigits[jiao])
		b.WriteString("角")
	}
	if fen > 0 {
		b.WriteRune(capitalDigits[fen])
		b.WriteString("分")
	}
	return b.String()
}

// writeCapitalInt writes n ≥ 1 in capital digits, grouping by 亿 and 万.
func writeCapitalInt(b *strings.Builder, n uint64) {
	switch {
	case n >= 1e8:
		writeCapitalGroup(b, n, 1e8, "亿")
	case n >= 1e4:
		writeCapitalGroup(b, n, 1e4, "万")
	default:
		writeCapitalSection(b, n)
	}
}

// writeCapitalGroup writes n as (n/size)·unit + rest; the rest gets a 零
// when its leading digit is zero (壹亿零壹万, 壹万零伍佰).
func writeCapitalGroup(b *strings.Builder, n, size uint64, unit string) {
	writeCapitalInt(b, n/size)
	b.WriteString(unit)
	if rest := n % size; rest > 0 {
		if rest < size/10 {
			b.WriteRune('零')
		}
		writeCapitalInt(b, rest)
	}
}

// writeCapitalSection writes 1 ≤ n ≤ 9999: a run of inner zeros becomes one
// 零 and trailing zeros are dropped (陆仟零柒, 壹仟陆佰捌拾).
func writeCapitalSection(b *strings.Builder, n uint64) {
	pendingZero := false
	for i, p := 0, uint64(1000); p > 0; i, p = i+1, p/10 {
		d := n / p % 10
		if d == 0 {
			pendingZero = n/p > 0
			continue
		}
		if pendingZero {
			b.WriteRune('零')
		}
		b.WriteRune(capitalDigits[d])
		b.WriteString(sectionUnits[i])
		pendingZero = false
	}
}

// MulRatio returns m×num/den rounded half away from zero, the rule every
// proportional payment uses. den must be positive; a result beyond the range
// of Money panics, as both can only come from a programming error.
func (m Money) MulRatio(num, den int64) Money {
	if den <= 0 {
		panic("govbuy: Money.MulRatio with a non-positive denominator")
	}
	product := new(big.Int).Mul(big.NewInt(int64(m)), big.NewInt(num))
	q := quoRoundHalfUp(product, big.NewInt(den))
	if !q.IsInt64() {
		panic("govbuy: Money.MulRatio overflows")
	}
	return Money(q.Int64())
}

// quoRoundHalfUp returns n/d rounded half away from zero; d > 0.
func quoRoundHalfUp(n, d *big.Int) *big.Int {
	q, r := new(big.Int).QuoRem(n, d, new(big.Int))
	r.Abs(r).Lsh(r, 1)
	if r.Cmp(d) >= 0 {
		q.Add(q, big.NewInt(int64(n.Sign())))
	}
	return q
}

// MoneyUnit is the unit a bare number is read in: ledgers keep some columns
// in 元 and others in 万元.
type MoneyUnit int

const (
	UnitYuan MoneyUnit = iota
	UnitWan
)

// String is the unit's name: 元 or 万元.
func (u MoneyUnit) String() string {
	if u == UnitWan {
		return "万元"
	}
	return "元"
}

// fenExp is the power of ten that turns one unit into fen.
func (u MoneyUnit) fenExp() int {
	if u == UnitWan {
		return 6
	}
	return 2
}

const moneyField Field = "金额"

// maxFenExp bounds the scaling of a nonzero amount: 10^19 fen is already
// beyond int64, so anything larger overflows without computing it.
const maxFenExp = 19

// ParseMoney reads an amount in 元; see ParseMoneyUnit.
func ParseMoney(s string) (Money, error) { return ParseMoneyUnit(s, UnitYuan) }

// ParseMoneyUnit reads an amount typed by a person or found in a spreadsheet
// cell: full-width characters, thousands separators, a ￥/¥/RMB prefix, a
// sign, Excel's exponent form (1.2345E+5) and a 元, 万 or 万元 suffix, which
// overrides unit. Digits beyond the fen are rounded half away from zero, which
// also cleans Excel's binary noise (0.30000000000000004 → 30 分).
func ParseMoneyUnit(s string, unit MoneyUnit) (Money, error) {
	text := strings.TrimSpace(s)
	if text == "" {
		return 0, Invalidf(moneyField, "不能为空")
	}
	neg, t := cutMoneyPrefix(strings.Map(toHalfWidth, text))
	t, unit = cutMoneySuffix(t, unit)
	digits, exp, ok := parseDecimal(t)
	if !ok {
		return 0, Invalidf(moneyField, "无法识别的金额“%s”", text)
	}
	fen, ok := scaleToFen(digits, exp+unit.fenExp())
	if !ok {
		return 0, Invalidf(moneyField, "金额“%s”超出可记录的范围", text)
	}
	if neg {
		fen = -fen
	}
	return Money(fen), nil
}

// cutMoneyPrefix removes a sign and a currency mark, in either order, as
// Excel's currency formats write both "-¥1.00" and "¥-1.00".
func cutMoneyPrefix(t string) (neg bool, rest string) {
	t, hadCurrency := cutCurrency(t)
	neg, t, hadSign := cutSign(t)
	if hadSign && !hadCurrency {
		t, _ = cutCurrency(t)
	}
	return neg, t
}

func cutCurrency(t string) (string, bool) {
	for _, p := range []string{"￥", "¥"} {
		if rest, ok := strings.CutPrefix(t, p); ok {
			return strings.TrimSpace(rest), true
		}
	}
	if len(t) >= 3 && strings.EqualFold(t[:3], "RMB") {
		return strings.TrimSpace(t[3:]), true
	}
	return t, false
}

func cutSign(t string) (neg bool, rest string, found bool) {
	if t != "" && (t[0] == '-' || t[0] == '+') {
		return t[0] == '-', strings.TrimSpace(t[1:]), true
	}
	return false, t, false
}

func cutMoneySuffix(t string, unit MoneyUnit) (string, MoneyUnit) {
	for _, sfx := range []struct {
		text string
		unit MoneyUnit
	}{{"万元", UnitWan}, {"万", UnitWan}, {"元", UnitYuan}} {
		if rest, ok := strings.CutSuffix(t, sfx.text); ok {
			return strings.TrimSpace(rest), sfx.unit
		}
	}
	return t, unit
}

// parseDecimal splits "1,234.5E+3" into its digits ("12345") and the power of
// ten they are scaled by (3-1 = 2).
func parseDecimal(t string) (digits string, exp int, ok bool) {
	mantissa, expText, hasExp := strings.Cut(strings.ToUpper(t), "E")
	if hasExp {
		if exp, ok = parseExponent(expText); !ok {
			return "", 0, false
		}
	}
	whole, frac, _ := strings.Cut(mantissa, ".")
	whole, ok = ungroup(whole)
	if !ok || (whole == "" && frac == "") || (frac != "" && !isDigits(frac)) {
		return "", 0, false
	}
	return whole + frac, exp - len(frac), true
}

// parseExponent reads an exponent of at most 4 digits; Excel never writes
// more than 3 (1E+308), and the bound keeps the arithmetic small.
func parseExponent(t string) (int, bool) {
	neg, t, _ := cutSign(t)
	if !isDigits(t) || len(t) > 4 {
		return 0, false
	}
	n, _ := strconv.Atoi(t)
	if neg {
		n = -n
	}
	return n, true
}

// ungroup removes thousands separators from the integer part, insisting on
// groups of three so that a mistyped "1,23.4" is not read as 123.4.
func ungroup(whole string) (string, bool) {
	if !strings.Contains(whole, ",") {
		return whole, whole == "" || isDigits(whole)
	}
	groups := strings.Split(whole, ",")
	if len(groups[0]) > 3 {
		return "", false
	}
	for i, g := range groups {
		if !isDigits(g) || (i > 0 && len(g) != 3) {
			return "", false
		}
	}
	return strings.Join(groups, ""), true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// scaleToFen returns digits×10^exp rounded half away from zero, or false when
// it does not fit in int64.
func scaleToFen(digits string, exp int) (int64, bool) {
	if fen, ok := scaleSmallToFen(digits, exp); ok {
		return fen, true
	}
	return scaleBigToFen(digits, exp)
}

// pow10u are the powers of ten a uint64 holds.
var pow10u = [...]uint64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19}

// scaleSmallToFen is scaleToFen for the amounts ledgers hold, at most 18
// digits, in machine words: a 100,000-row import reads every amount, and
// math/big cost it a tenth of its planning. It reports false for what it
// leaves to scaleBigToFen, which has the last word on every edge (and
// TestScaleToFenSmallAgreesWithBig holds the two equal).
func scaleSmallToFen(digits string, exp int) (int64, bool) {
	if len(digits) > 18 || -exp > len(digits) || exp >= len(pow10u) {
		return 0, false
	}
	var n uint64 // below 10^18, so within int64
	for i := 0; i < len(digits); i++ {
		n = n*10 + uint64(digits[i]-'0')
	}
	if exp >= 0 {
		p := pow10u[exp]
		if n > math.MaxInt64/p {
			return 0, false
		}
		return int64(n * p), true
	}
	p := pow10u[-exp]
	q, r := n/p, n%p
	if r >= p-r { // r ≥ p/2 without rounding p/2 down
		q++
	}
	return int64(q), true
}

// scaleBigToFen is scaleToFen for any length and exponent.
func scaleBigToFen(digits string, exp int) (int64, bool) {
	n, _ := new(big.Int).SetString(digits, 10)
	switch {
	case n.Sign() == 0:
		return 0, true
	case exp > maxFenExp:
		return 0, false
	case exp >= 0:
		n.Mul(n, pow10(exp))
	case -exp > len(digits):
		return 0, true // below a tenth of a fen, so it rounds to zero
	default:
		n = quoRoundHalfUp(n, pow10(-exp))
	}
	return n.Int64(), n.IsInt64()
}

func pow10(e int) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(e)), nil)
}

// ListTotals are the sums of a list's money columns over every row its
// filter matches, not only the rows on screen, keyed by the column's sort
// key ("amount", "paid"). The store sums them in SQL.
type ListTotals map[string]Money

// Decimal writes m in yuan with 2 decimals and no separators, the way data
// formats (OCDS, JSON numbers) take an amount: "1234567.89", "-0.05". It
// is integer arithmetic: the figure is exact however large.
func (m Money) Decimal() string {
	h := m.magnitude()
	s := strconv.FormatUint(h/100, 10) + "." + string([]byte{byte('0' + h/10%10), byte('0' + h%10)})
	if m < 0 {
		return "-" + s
	}
	return s
}
