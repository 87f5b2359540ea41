package govbuy

import (
	"encoding/json"
	"testing"
)

func TestParseScore(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Score
	}{
		{"86.5", 865},
		{"86", 860},
		{" 86.5 ", 865},
		{"８６．５", 865},
		{"86.5分", 865},
		{"86.5 分", 865},
		{"86.50", 865},
		{"86.500", 865},
		{"86.", 860},
		{"0", 0},
		{"-0", 0},
		{"0.5", 5},
		{"100", 1000},
		{"100.0", 1000},
		{"0100", 1000},
		{"+90", 900},
	} {
		got, err := ParseScore(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseScore(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
}

func TestParseScoreErrors(t *testing.T) {
	for _, tc := range []struct {
		in, message string
	}{
		{"", "不能为空"},
		{"86.55", "得分最多保留一位小数：“86.55”"},
		{"86.05", "得分最多保留一位小数：“86.05”"},
		{"100.1", "得分应在0到100之间：“100.1”"},
		{"101", "得分应在0到100之间：“101”"},
		{"99999999999999999999", "得分应在0到100之间：“99999999999999999999”"},
		{"-5", "得分应在0到100之间：“-5”"},
		{"-0.1", "得分应在0到100之间：“-0.1”"},
		{"待定", "无法识别的得分“待定”"},
		{"86.5.1", "无法识别的得分“86.5.1”"},
		{".5", "无法识别的得分“.5”"},
		{"8e1", "无法识别的得分“8e1”"},
		{"分", "无法识别的得分“分”"},
	} {
		_, err := ParseScore(tc.in)
		assertInvalid(t, "ParseScore("+tc.in+")", err, FieldScore, tc.message)
	}
}

func TestScoreString(t *testing.T) {
	for _, tc := range []struct {
		s    Score
		want string
	}{{865, "86.5"}, {900, "90"}, {1000, "100"}, {0, "0"}, {5, "0.5"}, {-5, "-0.5"}} {
		if got := tc.s.String(); got != tc.want {
			t.Errorf("Score(%d).String() = %q, want %q", int(tc.s), got, tc.want)
		}
	}
}

func TestScoreJSON(t *testing.T) {
	type row struct {
		Score Score  `json:"score"`
		Best  *Score `json:"best,omitempty"`
	}
	best := Score(1000)
	for _, tc := range []struct {
		in   row
		want string
	}{
		{row{Score: 865}, `{"score":86.5}`},
		{row{Score: 900}, `{"score":90}`},
		{row{Score: 5, Best: &best}, `{"score":0.5,"best":100}`},
	} {
		data, err := json.Marshal(tc.in)
		if err != nil || string(data) != tc.want {
			t.Errorf("json.Marshal(%+v) = %s, %v; want %s", tc.in, data, err, tc.want)
			continue
		}
		var back row
		if err := json.Unmarshal(data, &back); err != nil || back.Score != tc.in.Score {
			t.Errorf("json.Unmarshal(%s) = %+v, %v", data, back, err)
		}
	}
}

func TestScoreUnmarshalJSON(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    Score
		wantErr bool
	}{
		{`86.5`, 865, false},
		{`86.50`, 865, false},
		{`90`, 900, false},
		{`null`, 123, false}, // null leaves the value alone
		{`86.55`, 0, true},
		{`101`, 0, true},
		{`"86.5"`, 0, true},
	} {
		s := Score(123)
		err := json.Unmarshal([]byte(tc.in), &s)
		if (err != nil) != tc.wantErr || (!tc.wantErr && s != tc.want) {
			t.Errorf("json.Unmarshal(%s) = %d, %v; want %d (error %v)", tc.in, s, err, tc.want, tc.wantErr)
		}
		if err != nil && ErrorKindOf(err) != EInvalid {
			t.Errorf("json.Unmarshal(%s): error %v is not EInvalid", tc.in, err)
		}
	}
}

func TestGrade(t *testing.T) {
	custom := GradeBands{Excellent: 950, Good: 850, Fair: 700}
	for _, tc := range []struct {
		bands GradeBands
		s     Score
		want  Grade
	}{
		{DefaultGradeBands, 1000, GradeExcellent},
		{DefaultGradeBands, 900, GradeExcellent},
		{DefaultGradeBands, 899, GradeGood},
		{DefaultGradeBands, 865, GradeGood},
		{DefaultGradeBands, 800, GradeGood},
		{DefaultGradeBands, 799, GradeFair},
		{DefaultGradeBands, 600, GradeFair},
		{DefaultGradeBands, 599, GradePoor},
		{DefaultGradeBands, 0, GradePoor},
		{custom, 949, GradeGood},
		{custom, 950, GradeExcellent},
		{custom, 699, GradePoor},
	} {
		if got := tc.bands.Grade(tc.s); got != tc.want {
			t.Errorf("%+v.Grade(%s) = %s, want %s", tc.bands, tc.s, got, tc.want)
		}
	}
}

func TestGradeBandsValidate(t *testing.T) {
	for _, tc := range []struct {
		bands   GradeBands
		message string
	}{
		{DefaultGradeBands, ""},
		{GradeBands{1000, 500, 0}, ""},
		{GradeBands{900, 900, 600}, "等级分界须依次递减：优>良>中"},
		{GradeBands{800, 900, 600}, "等级分界须依次递减：优>良>中"},
		{GradeBands{900, 600, 800}, "等级分界须依次递减：优>良>中"},
		{GradeBands{1001, 800, 600}, "等级分界应在0到100分之间"},
		{GradeBands{900, 800, -1}, "等级分界应在0到100分之间"},
	} {
		err := tc.bands.Validate()
		if tc.message == "" {
			if err != nil {
				t.Errorf("%+v.Validate() = %v, want nil", tc.bands, err)
			}
			continue
		}
		assertInvalid(t, "Validate", err, "等级分界", tc.message)
	}
}

func TestAverageScore(t *testing.T) {
	tests := []struct {
		sum, n int64
		want   Score
	}{
		{0, 0, 0},
		{1455, 2, 728},  // 72.75 rounds half up to 72.8
		{2669, 3, 890},  // 88.966… to 89
		{2668, 3, 889},  // 88.933… to 88.9
		{1000, 1, 1000}, // a single score is itself
	}
	for _, tt := range tests {
		if got := AverageScore(tt.sum, tt.n); got != tt.want {
			t.Errorf("AverageScore(%d, %d) = %s, want %s", tt.sum, tt.n, got, tt.want)
		}
	}
}

func TestPlanBands(t *testing.T) {
	own := GradeBands{Excellent: 950, Good: 850, Fair: 700}
	if got := PlanBands(&AssessmentPlan{Bands: own}); got != own {
		t.Errorf("a plan's bands = %+v", got)
	}
	if got := PlanBands(nil); got != DefaultGradeBands {
		t.Errorf("no plan's bands = %+v", got)
	}
}
