package govbuy

import (
	"math"
	"strings"
	"testing"
)

func TestYuan(t *testing.T) {
	for _, tc := range []struct {
		y    int64
		want Money
	}{{0, 0}, {1, 100}, {-3, -300}, {40293000, 4029300000}} {
		if got := Yuan(tc.y); got != tc.want {
			t.Errorf("Yuan(%d) = %d, want %d", tc.y, got, tc.want)
		}
	}
}

func TestMoneyString(t *testing.T) {
	for _, tc := range []struct {
		m    Money
		want string
	}{
		{0, "0.00"},
		{5, "0.05"},
		{50, "0.50"},
		{-5, "-0.05"},
		{12345, "123.45"},
		{100000, "1,000.00"},
		{-123400, "-1,234.00"},
		{123456789, "1,234,567.89"},
		{12345678900, "123,456,789.00"},
		{math.MaxInt64, "92,233,720,368,547,758.07"},
		{math.MinInt64, "-92,233,720,368,547,758.08"},
	} {
		if got := tc.m.String(); got != tc.want {
			t.Errorf("Money(%d).String() = %q, want %q", int64(tc.m), got, tc.want)
		}
	}
}

// Decimal is the amount data formats take: no separators, two decimals,
// exact at the extremes (no float64 on the way).
func TestMoneyDecimal(t *testing.T) {
	for _, tc := range []struct {
		m    Money
		want string
	}{
		{0, "0.00"},
		{5, "0.05"},
		{-5, "-0.05"},
		{230400000, "2304000.00"},
		{119880012, "1198800.12"},
		{math.MaxInt64, "92233720368547758.07"},
		{math.MinInt64, "-92233720368547758.08"},
	} {
		if got := tc.m.Decimal(); got != tc.want {
			t.Errorf("Money(%d).Decimal() = %q, want %q", int64(tc.m), got, tc.want)
		}
	}
}

func TestMoneyWan(t *testing.T) {
	for _, tc := range []struct {
		m    Money
		want string
	}{
		{0, "0.00"},
		{Yuan(40293000), "4,029.30"},
		{Yuan(12345), "1.23"},
		{Yuan(15000), "1.50"},
		{Yuan(125), "0.01"},  // 0.0125万 rounds up
		{Yuan(124), "0.01"},  // 0.0124万 rounds down
		{Yuan(49), "0.00"},   // 0.0049万
		{Yuan(50), "0.01"},   // half rounds up
		{Yuan(-50), "-0.01"}, // half rounds away from zero
		{Yuan(-49), "0.00"},  // no "-0.00"
		{4999, "0.00"},       // 49.99 元
		{Yuan(123456789), "12,345.68"},
	} {
		if got := tc.m.Wan(); got != tc.want {
			t.Errorf("Money(%d).Wan() = %q, want %q", int64(tc.m), got, tc.want)
		}
	}
}

func TestMoneyWords(t *testing.T) {
	for _, tc := range []struct {
		m    Money
		want string
	}{
		// The examples of 《支付结算办法》附件.
		{140950, "人民币壹仟肆佰零玖元伍角"},
		{600714, "人民币陆仟零柒元壹角肆分"},
		{168032, "人民币壹仟陆佰捌拾元零叁角贰分"},
		{10700053, "人民币壹拾万柒仟元零伍角叁分"},
		{1640902, "人民币壹万陆仟肆佰零玖元零贰分"},
		{32504, "人民币叁佰贰拾伍元零肆分"},
		{100000, "人民币壹仟元整"},
		// The demo district's spend, and 亿/万 boundaries.
		{Yuan(40293000), "人民币肆仟零贰拾玖万叁仟元整"},
		{Yuan(100000000), "人民币壹亿元整"},
		{Yuan(100010000), "人民币壹亿零壹万元整"},
		{Yuan(100000001), "人民币壹亿零壹元整"},
		{Yuan(110000000), "人民币壹亿壹仟万元整"},
		{Yuan(101000000), "人民币壹亿零壹佰万元整"},
		{Yuan(100001000), "人民币壹亿零壹仟元整"},
		{Yuan(1234567890), "人民币壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元整"},
		{Yuan(10000), "人民币壹万元整"},
		{Yuan(10001), "人民币壹万零壹元整"},
		{Yuan(10010), "人民币壹万零壹拾元整"},
		{Yuan(100100), "人民币壹拾万零壹佰元整"},
		{Yuan(1000000000000), "人民币壹万亿元整"},
		// Small amounts.
		{0, "人民币零元整"},
		{5, "人民币伍分"},
		{50, "人民币伍角"},
		{55, "人民币伍角伍分"},
		{Yuan(10), "人民币壹拾元整"},
		{Yuan(15), "人民币壹拾伍元整"},
		{1050, "人民币壹拾元零伍角"},
		{1005, "人民币壹拾元零伍分"},
		{Yuan(1), "人民币壹元整"},
		{101, "人民币壹元零壹分"},
		// Negative amounts.
		{-12345, "人民币负壹佰贰拾叁元肆角伍分"},
		{-5, "人民币负伍分"},
		{math.MinInt64, "人民币负玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零捌分"},
	} {
		if got := tc.m.Words(); got != tc.want {
			t.Errorf("Money(%s).Words() = %q, want %q", tc.m, got, tc.want)
		}
	}
}

func TestParseMoney(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Money
	}{
		{"0", 0},
		{"12", 1200},
		{"12.5", 1250},
		{"12.50", 1250},
		{".5", 50},
		{"5.", 500},
		{"  1,234.56  ", 123456},
		{"1,234,567.89", 123456789},
		{"1，234.56", 123456},
		{"１２３．４", 12340},
		{"１，２３４．５６", 123456},
		{"￥1,234.56", 123456},
		{"¥12", 1200},
		{"RMB 12", 1200},
		{"rmb12", 1200},
		{"12元", 1200},
		{"1,234.56 元", 123456},
		{"+12", 1200},
		{"-12.34", -1234},
		{"-￥12.34", -1234},
		{"￥-12.34", -1234},
		{"－１２", -1200},
		{"1.2345E+5", 12345000},
		{"1.2345e5", 12345000},
		{"4.5e-2", 5},
		{"1E-3", 0},
		{"1E-5", 0},
		{"-4.5e-2", -5},
		{"12.5万", 12500000},
		{"12.5万元", 12500000},
		{"12.5 万元", 12500000},
		{"12.3456万", Yuan(123456)},
		{"1.234567万", 1234567},
		{"0.125", 13},
		{"0.124", 12},
		{"-0.125", -13},
		{"0.005", 1},
		{"0.0049", 0},
		{"0.30000000000000004", 30},
		{"0.29999999999999999", 30},
		{"40293000", 4029300000},
		{"92233720368547758.07", math.MaxInt64},
		{"-92233720368547758.07", -math.MaxInt64},
		{"0000012", 1200},
		{"0E+999", 0},
		{"1000000000000万", Yuan(1e16)},
	} {
		got, err := ParseMoney(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
}

func TestParseMoneyUnit(t *testing.T) {
	for _, tc := range []struct {
		in   string
		unit MoneyUnit
		want Money
	}{
		{"12.5", UnitYuan, 1250},
		{"12.5", UnitWan, Yuan(125000)},
		{"4029.3", UnitWan, Yuan(40293000)},
		{"1.234567", UnitWan, 1234567},
		{"1.2345678", UnitWan, 1234568},
		{"12.5万元", UnitYuan, Yuan(125000)},
		{"12.5万", UnitWan, Yuan(125000)},
		{"50000元", UnitWan, Yuan(50000)}, // an explicit 元 wins over the column's unit
		{"1.5E+1", UnitWan, Yuan(150000)},
	} {
		got, err := ParseMoneyUnit(tc.in, tc.unit)
		if err != nil || got != tc.want {
			t.Errorf("ParseMoneyUnit(%q, %d) = %d, %v; want %d", tc.in, tc.unit, got, err, tc.want)
		}
	}
}

func TestParseMoneyErrors(t *testing.T) {
	for _, tc := range []struct {
		in, message string
	}{
		{"", "不能为空"},
		{"   ", "不能为空"},
		{"待定", "无法识别的金额“待定”"},
		{"abc", "无法识别的金额“abc”"},
		{"12a", "无法识别的金额“12a”"},
		{"1.2.3", "无法识别的金额“1.2.3”"},
		{"1,23.4", "无法识别的金额“1,23.4”"},
		{"1234,567", "无法识别的金额“1234,567”"},
		{",123", "无法识别的金额“,123”"},
		{"1,234.5,6", "无法识别的金额“1,234.5,6”"},
		{"1,,234", "无法识别的金额“1,,234”"},
		{".", "无法识别的金额“.”"},
		{"-", "无法识别的金额“-”"},
		{"--5", "无法识别的金额“--5”"},
		{"+-5", "无法识别的金额“+-5”"},
		{"1e", "无法识别的金额“1e”"},
		{"e5", "无法识别的金额“e5”"},
		{"1e+-5", "无法识别的金额“1e+-5”"},
		{"1e99999", "无法识别的金额“1e99999”"},
		{"1 234", "无法识别的金额“1 234”"},
		{"12万元元", "无法识别的金额“12万元元”"},
		{"￥", "无法识别的金额“￥”"},
		{"NaN", "无法识别的金额“NaN”"},
		{"Inf", "无法识别的金额“Inf”"},
		{"92233720368547758.08", "金额“92233720368547758.08”超出可记录的范围"},
		{"-92233720368547758.08", "金额“-92233720368547758.08”超出可记录的范围"},
		{"1E+20", "金额“1E+20”超出可记录的范围"},
		{"100000000000000万", "金额“100000000000000万”超出可记录的范围"},
		{"99999999999999999999999", "金额“99999999999999999999999”超出可记录的范围"},
	} {
		_, err := ParseMoney(tc.in)
		assertInvalid(t, "ParseMoney("+tc.in+")", err, moneyField, tc.message)
	}
}

// assertInvalid checks that err is an EInvalid domain error about field with
// exactly the given message.
func assertInvalid(t *testing.T, call string, err error, field Field, message string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error, want %q", call, message)
		return
	}
	if ErrorKindOf(err) != EInvalid || ErrorField(err) != field || !strings.HasSuffix(ErrorMessage(err), "："+message) {
		t.Errorf("%s: error %q (kind %s, field %q), want %s %q about %q",
			call, ErrorMessage(err), ErrorKindOf(err), ErrorField(err), EInvalid, message, field)
	}
}

func TestMulRatio(t *testing.T) {
	for _, tc := range []struct {
		m        Money
		num, den int64
		want     Money
	}{
		{Yuan(100000), 865, 1000, Yuan(86500)},
		{Yuan(100000), 98, 100, Yuan(98000)},
		{1, 1, 2, 1},    // half rounds up
		{-1, 1, 2, -1},  // half rounds away from zero
		{1, -1, 2, -1},  // sign from the ratio
		{10, 1, 3, 3},   // 3.33…
		{20, 1, 3, 7},   // 6.67…
		{-20, 1, 3, -7}, // -6.67…
		{0, 7, 9, 0},
		{12345, 0, 7, 0},
		{math.MaxInt64, 1000, 1000, math.MaxInt64}, // the product exceeds int64
		{math.MaxInt64 / 3 * 3, 2, 3, math.MaxInt64 / 3 * 2},
	} {
		if got := tc.m.MulRatio(tc.num, tc.den); got != tc.want {
			t.Errorf("Money(%d).MulRatio(%d, %d) = %d, want %d", int64(tc.m), tc.num, tc.den, got, tc.want)
		}
	}
}

func TestMulRatioPanics(t *testing.T) {
	for _, tc := range []struct {
		name     string
		m        Money
		num, den int64
	}{
		{"zero denominator", 100, 1, 0},
		{"negative denominator", 100, 1, -2},
		{"overflow", math.MaxInt64, 2, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("Money(%d).MulRatio(%d, %d) did not panic", int64(tc.m), tc.num, tc.den)
				}
			}()
			tc.m.MulRatio(tc.num, tc.den)
		})
	}
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{
		"0", "12.5", "1,234.56", "１２３．４", "￥-1,234.56元", "12.3456万", "1.2345E+5",
		"4.5e-2", "0.30000000000000004", "92233720368547758.07", "1,23.4", "待定", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMoney(s)
		if err != nil {
			if ErrorKindOf(err) != EInvalid {
				t.Fatalf("ParseMoney(%q): error %v is not EInvalid", s, err)
			}
			return
		}
		back, err := ParseMoney(m.String())
		if err != nil || back != m {
			t.Fatalf("ParseMoney(%q) = %d, but its String %q parses to %d, %v", s, m, m.String(), back, err)
		}
		if !strings.HasPrefix(m.Words(), "人民币") {
			t.Fatalf("Money(%d).Words() = %q", m, m.Words())
		}
	})
}

// TestScaleToFenSmallAgreesWithBig holds the word-sized path to math/big's
// on every length of digits up to the word's limit, exponents on both sides
// of each bound, and the roundings at half a fen.
func TestScaleToFenSmallAgreesWithBig(t *testing.T) {
	mantissas := []string{"0", "5", "4", "15", "25", "49", "50", "99", "995", "12345",
		"00000000000000000001", "922337203685477580", "999999999999999999",
		"500000000000000000", "499999999999999999", "9223372036854775807", "123456789012345678"}
	for d := 1; d <= 20; d++ {
		mantissas = append(mantissas, strings.Repeat("9", d), "1"+strings.Repeat("0", d-1), strings.Repeat("5", d))
	}
	checked := 0
	for _, m := range mantissas {
		for exp := -22; exp <= 22; exp++ {
			want, wantOK := scaleBigToFen(m, exp)
			got, ok := scaleSmallToFen(m, exp)
			if !ok {
				continue // left to the big path, which scaleToFen then takes
			}
			checked++
			if !wantOK || got != want {
				t.Errorf("scaleSmallToFen(%q, %d) = %d; math/big says %d, %v", m, exp, got, want, wantOK)
			}
		}
	}
	if checked < 500 {
		t.Fatalf("only %d cases took the small path", checked)
	}
}

func TestParseMoneyRoundsHalfAFenAwayFromZero(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Money
	}{
		{"0.005", 1}, {"0.0049999", 0}, {"-0.005", -1}, {"1.995", 200}, {"12.3456万", 123456_00},
		{"92233720368547758.07", math.MaxInt64}, {"999999999999999.995", 100_000_000_000_000_000},
	} {
		got, err := ParseMoney(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
}
