package govbuy

import "testing"

func TestNormalizeCode(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{" 91110000600037341l ", "91110000600037341L"},
		{"９１１１ ００００６０００３７３４１Ｌ", "91110000600037341L"},
		{"9111\u30000000 6000\t37341L", "91110000600037341L"},
		{"11010519491231002x", "11010519491231002X"},
		{"", ""},
	} {
		if got := NormalizeCode(tc.in); got != tc.want {
			t.Errorf("NormalizeCode(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Real codes of registered organisations; each agrees with GB 32100-2015.
var validCreditCodes = []string{
	"91110000600037341L",
	"91350100M000100Y43",
	"11100000000013127D",
	"12100000400000624D",
	"91440300708461136T",
	"914403001922038216",
	"91330100799655058B",
	"91110108551385082Q",
}

func TestValidateCreditCode(t *testing.T) {
	for _, code := range validCreditCodes {
		if err := ValidateCreditCode(code); err != nil {
			t.Errorf("ValidateCreditCode(%q) = %v, want nil", code, err)
		}
	}
	for _, tc := range []struct{ in, message string }{
		{"", "应为18位，实际为0位"},
		{"91110000600037341", "应为18位，实际为17位"},
		{"91110000600037341L1", "应为18位，实际为19位"},
		{"91110000600037341M", "校验位应为“L”，实际为“M”"},
		{"91110000600037342L", "校验位应为“P”，实际为“L”"},
		{"9111000060003734IL", "第17位“I”不是允许的字符（不使用I、O、Z、S、V）"},
		{"O1110000600037341L", "第1位“O”不是允许的字符（不使用I、O、Z、S、V）"},
		{"91110000600037341S", "第18位“S”不是允许的字符（不使用I、O、Z、S、V）"},
		{"91110000600037341l", "第18位“l”不是允许的字符（只能是数字和大写字母）"},
		{"9111000060003-341L", "第14位“-”不是允许的字符（只能是数字和大写字母）"},
		{"9111000060003734中L", "第17位“中”不是允许的字符（只能是数字和大写字母）"},
	} {
		assertInvalid(t, "ValidateCreditCode("+tc.in+")", ValidateCreditCode(tc.in), FieldCreditCode, tc.message)
	}
}

func TestCreditCodeCheck(t *testing.T) {
	for _, code := range validCreditCodes {
		got, err := CreditCodeCheck(code[:17])
		if err != nil || got != code[17] {
			t.Errorf("CreditCodeCheck(%q) = %q, %v; want %q", code[:17], got, err, code[17])
		}
	}
	for _, tc := range []struct{ in, message string }{
		{"9111000060003734", "应为17位，实际为16位"},
		{"9111000060003734Z", "第17位“Z”不是允许的字符（不使用I、O、Z、S、V）"},
	} {
		_, err := CreditCodeCheck(tc.in)
		assertInvalid(t, "CreditCodeCheck("+tc.in+")", err, FieldCreditCode, tc.message)
	}
}

var validIDCards = []string{
	"11010519491231002X",
	"110101199003077774",
	"440308199901011234",
	"110101200002290018", // 29 February of a leap year
}

func TestValidateIDCard(t *testing.T) {
	for _, id := range validIDCards {
		if err := ValidateIDCard(id); err != nil {
			t.Errorf("ValidateIDCard(%q) = %v, want nil", id, err)
		}
	}
	if err := ValidateIDCard(NormalizeCode(" 11010519491231002x")); err != nil {
		t.Errorf("a lower-case x after NormalizeCode: %v", err)
	}
	for _, tc := range []struct{ in, message string }{
		{"", "应为18位，实际为0位"},
		{"11010519491231002", "应为18位，实际为17位"},
		{"110105194912310023", "校验位应为“X”，实际为“3”"},
		{"110105194912310020", "校验位应为“X”，实际为“0”"},
		{"11010519491231002x", "第18位“x”应为数字或X"}, // NormalizeCode upper-cases it
		{"11010519491231002A", "第18位“A”应为数字或X"},
		{"1101051949123100A2", "第17位“A”应为数字"},
		{"11010519491231002中", "第18位“中”应为数字或X"},
		{"1101051949123100中X", "第17位“中”应为数字"},
		{"110105194913310023", "出生日期“19491331”无效"},
		{"110105194902300023", "出生日期“19490230”无效"},
		{"110101190002290010", "出生日期“19000229”无效"}, // 1900 is not a leap year
		{"110105189912310023", "出生日期“18991231”无效"},
		{"110105210101010023", "出生日期“21010101”无效"},
		{"110105194912000023", "出生日期“19491200”无效"},
	} {
		assertInvalid(t, "ValidateIDCard("+tc.in+")", ValidateIDCard(tc.in), FieldIDCard, tc.message)
	}
}

func TestIDCardCheck(t *testing.T) {
	for _, id := range validIDCards {
		got, err := IDCardCheck(id[:17])
		if err != nil || got != id[17] {
			t.Errorf("IDCardCheck(%q) = %q, %v; want %q", id[:17], got, err, id[17])
		}
	}
	for _, tc := range []struct{ in, message string }{
		{"1101051949123100", "应为17位，实际为16位"},
		{"1101051949123100X", "第17位“X”应为数字"},
		{"11010519491331002", "出生日期“19491331”无效"},
	} {
		_, err := IDCardCheck(tc.in)
		assertInvalid(t, "IDCardCheck("+tc.in+")", err, FieldIDCard, tc.message)
	}
}

func TestPhoneProblem(t *testing.T) {
	for _, tc := range []struct{ in, message string }{
		{"", ""},
		{"13812345678", ""},
		{"138-1234-5678", ""},
		{"+86 138 1234 5678", ""},
		{"0851-12345678", ""},
		{"010-12345678", ""},
		{"(0851)12345678", ""},
		{"（０８５１）８２２２３３３", ""},
		{"0851-12345678-801", ""},
		{"0851-12345678转801", ""},
		{"0851 12345678", ""},
		{"400-123-4567", ""},
		{"13812345678/0851-12345678", ""},
		{"123", "“123”不像电话号码：手机号为11位（如13812345678），座机写区号和号码（如0851-12345678）"},
		{"1381234567", "“1381234567”不像电话号码：手机号为11位（如13812345678），座机写区号和号码（如0851-12345678）"},
		{"12812345678", "“12812345678”不像电话号码：手机号为11位（如13812345678），座机写区号和号码（如0851-12345678）"},
		{"12345678", "“12345678”不像电话号码：手机号为11位（如13812345678），座机写区号和号码（如0851-12345678）"},
		{"0851-1234", "“0851-1234”不像电话号码：手机号为11位（如13812345678），座机写区号和号码（如0851-12345678）"},
		{"13812345678、王经理", "“王经理”不像电话号码：手机号为11位（如13812345678），座机写区号和号码（如0851-12345678）"},
	} {
		err := PhoneProblem(tc.in)
		switch {
		case tc.message == "" && err != nil:
			t.Errorf("PhoneProblem(%q) = %v, want nil", tc.in, err)
		case tc.message != "" && (err == nil || err.(*Error).Message != tc.message || err.(*Error).Field != "联系电话"):
			t.Errorf("PhoneProblem(%q) = %v, want 联系电话：%s", tc.in, err, tc.message)
		}
	}
}
