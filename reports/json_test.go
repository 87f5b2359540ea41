package reports_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"govbuy"
	"govbuy/reports"
	"govbuy/reports/internal/reporttest"
)

func TestWriteJSONRoundTrips(t *testing.T) {
	r := reporttest.Sample()
	var b bytes.Buffer
	if err := reports.WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	var back govbuy.Report
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r, &back) {
		t.Errorf("round trip changed the model:\n%+v\n%+v", r, &back)
	}
	text := b.String()
	for _, want := range []string{
		"\n  \"year\": 2024,",    // indented
		`"paid_fen": 1104749931`, // money in integer fen
		`"score": 92.5`,          // scores as numbers, exactly
		`"title": "=SUM(A1)"`,    // text as it is
		`"district": "示例区"`,      // Chinese unescaped
		`"message": "=HYPERLINK(\"http://example.com\") 上年考核等级为差，仍签订新合同。"`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("JSON lacks %s", want)
		}
	}
}

func TestWriteJSONEmptyListsAreArrays(t *testing.T) {
	var b bytes.Buffer
	if err := reports.WriteJSON(&b, &govbuy.Report{Year: 2024, District: "示例区"}); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	if strings.Contains(text, "null") {
		t.Errorf("null in %s", text)
	}
	for _, key := range []string{"by_unit", "by_category", "by_method", "by_contractor_type",
		"by_funding_source", "contracts", "assessments", "warnings", "narrative", "standards", "contractor_types"} {
		if !strings.Contains(text, `"`+key+`": []`) {
			t.Errorf("%s is not []", key)
		}
	}
	if err := reports.WriteJSON(&b, nil); err == nil {
		t.Error("no error for a nil report")
	}
}
