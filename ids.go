package govbuy

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// creditCodeAlphabet is GB 32100-2015's character set, in value order; I, O,
// Z, S and V are left out because they are read as 1, 0, 2, 5 and U.
const creditCodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditCodeWeights are 3^(i-1) mod 31 for positions 1..17.
var creditCodeWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// idCardWeights are 2^(18-i) mod 11 for positions 1..17 (GB 11643-1999).
var idCardWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// idCardChecks maps the weighted sum mod 11 to the check character.
const idCardChecks = "10X98765432"

// NormalizeCode puts an identifier as typed or pasted into the form it is
// stored and compared in: half-width, upper-case, without any spaces.
func NormalizeCode(s string) string {
	return strings.Map(func(r rune) rune {
		r = toHalfWidth(r)
		if unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToUpper(r)
	}, s)
}

// toHalfWidth maps full-width ASCII forms (１２３．，Ａ) and the ideographic
// space, which Chinese input methods produce, to their ASCII counterparts.
func toHalfWidth(r rune) rune {
	switch {
	case r == '\u3000':
		return ' '
	case r >= '\uff01' && r <= '\uff5e':
		return r - 0xfee0
	}
	return r
}

// ValidateCreditCode checks a normalised 统一社会信用代码 and says precisely
// what is wrong, so an officer can tell a typo from a code to query.
func ValidateCreditCode(s string) error {
	if err := checkLength(FieldCreditCode, s, 18); err != nil {
		return err
	}
	if err := checkCreditChars(s); err != nil {
		return err
	}
	return checkCharacter(FieldCreditCode, creditCheck(s[:17]), s[17])
}

// CreditCodeCheck returns the check character for the first 17 characters of
// a 统一社会信用代码.
func CreditCodeCheck(first17 string) (byte, error) {
	if err := checkLength(FieldCreditCode, first17, 17); err != nil {
		return 0, err
	}
	if err := checkCreditChars(first17); err != nil {
		return 0, err
	}
	return creditCheck(first17), nil
}

func checkCreditChars(s string) error {
	for i, r := range []rune(s) {
		if strings.ContainsRune(creditCodeAlphabet, r) {
			continue
		}
		if strings.ContainsRune("IOZSV", r) {
			return Invalidf(FieldCreditCode, "第%d位“%c”不是允许的字符（不使用I、O、Z、S、V）", i+1, r)
		}
		return Invalidf(FieldCreditCode, "第%d位“%c”不是允许的字符（只能是数字和大写字母）", i+1, r)
	}
	return nil
}

// creditCheck computes the check character of 17 characters already known
// to be in the alphabet.
func creditCheck(first17 string) byte {
	sum := 0
	for i := range 17 {
		sum += strings.IndexByte(creditCodeAlphabet, first17[i]) * creditCodeWeights[i]
	}
	return creditCodeAlphabet[(31-sum%31)%31]
}

// ValidateIDCard checks a normalised 18-digit 身份证号: digits, date of birth
// and the MOD 11-2 check character.
func ValidateIDCard(s string) error {
	if err := checkLength(FieldIDCard, s, 18); err != nil {
		return err
	}
	if err := checkIDBody(s); err != nil {
		return err
	}
	return checkCharacter(FieldIDCard, idCardCheck(s[:17]), s[17])
}

// IDCardCheck returns the check character for the first 17 digits of a
// 身份证号.
func IDCardCheck(first17 string) (byte, error) {
	if err := checkLength(FieldIDCard, first17, 17); err != nil {
		return 0, err
	}
	if err := checkIDBody(first17); err != nil {
		return 0, err
	}
	return idCardCheck(first17), nil
}

// checkIDBody checks the characters and the date of birth of a 身份证号 or of
// its first 17 digits; once it passes, every character is a single byte.
func checkIDBody(s string) error {
	for i, r := range []rune(s) {
		switch {
		case r >= '0' && r <= '9':
		case i == 17 && r == 'X':
		case i == 17:
			return Invalidf(FieldIDCard, "第18位“%c”应为数字或X", r)
		default:
			return Invalidf(FieldIDCard, "第%d位“%c”应为数字", i+1, r)
		}
	}
	if !validBirthDate(s[6:14]) {
		return Invalidf(FieldIDCard, "出生日期“%s”无效", s[6:14])
	}
	return nil
}

// validBirthDate accepts a real calendar date YYYYMMDD in 1900..2100; the
// fixed bounds keep the check independent of today's date.
func validBirthDate(ymd string) bool {
	d, err := time.Parse("20060102", ymd)
	return err == nil && d.Year() >= 1900 && d.Year() <= 2100
}

func idCardCheck(first17 string) byte {
	sum := 0
	for i := range 17 {
		sum += int(first17[i]-'0') * idCardWeights[i]
	}
	return idCardChecks[sum%11]
}

func checkLength(field Field, s string, want int) error {
	if n := utf8.RuneCountInString(s); n != want {
		return Invalidf(field, "应为%d位，实际为%d位", want, n)
	}
	return nil
}

func checkCharacter(field Field, want, got byte) error {
	if want == got {
		return nil
	}
	return Invalidf(field, "校验位应为“%c”，实际为“%c”", want, got)
}

// Phone numbers as offices write them: an 11-digit mobile number (with
// +86 or spaces and hyphens in it), a fixed line with its area code
// (0851-12345678, (010)12345678) and an optional extension, or a 400/800
// service number.
var (
	mobilePattern   = regexp.MustCompile(`^(?:\+?86)?1[3-9]\d{9}$`)
	landlinePattern = regexp.MustCompile(`^(?:\(0\d{2,3}\)|0\d{2,3}-?)[1-9]\d{6,7}(?:(?:-|转|#|分机)\d{1,6})?$`)
	servicePattern  = regexp.MustCompile(`^[48]00-?\d{3}-?\d{4}$`)
)

// phoneSeparators split a cell that lists several numbers.
const phoneSeparators = "/、,，;；"

// PhoneProblem says why a phone number does not look like one, nil when
// every number in it does (or it is empty). It is a warning beside the
// field, never a block: a number written some other way may still be right.
func PhoneProblem(s string) error {
	for _, n := range strings.FieldsFunc(strings.Map(toHalfWidth, s), func(r rune) bool {
		return strings.ContainsRune(phoneSeparators, r)
	}) {
		if n = strings.Join(strings.Fields(n), ""); !phoneLike(n) {
			return Invalidf("联系电话", "“%s”不像电话号码：手机号为11位（如13812345678），座机写区号和号码（如0851-12345678）", n)
		}
	}
	return nil
}

func phoneLike(n string) bool {
	return mobilePattern.MatchString(strings.ReplaceAll(n, "-", "")) || landlinePattern.MatchString(n) || servicePattern.MatchString(n)
}
