package importer

import (
	"strings"
	"testing"

	"govbuy"
)

// fullCode completes a 统一社会信用代码 from its first 17 characters.
func fullCode(t *testing.T, first string) string {
	t.Helper()
	check, err := govbuy.CreditCodeCheck(first)
	if err != nil {
		t.Fatal(err)
	}
	return first + string(check)
}

// unitLookup holds 云溪区民政局 with a code, 区档案馆 without one, and
// 区财政局 with a code and the former name 区财政所.
func unitLookup(t *testing.T) (*memLookup, string, string) {
	civil, finance := fullCode(t, "11510123MB1200001"), fullCode(t, "11510123MB1200002")
	return &memLookup{units: []govbuy.NamedUnit{
		{Unit: govbuy.Unit{Name: "云溪区民政局", Code: civil}},
		{Unit: govbuy.Unit{Name: "区档案馆"}},
		{Unit: govbuy.Unit{Name: "区财政局", Code: finance}, FormerNames: []string{"区财政所"}},
	}}, civil, finance
}

// unitLedger is a ledger whose rows name units by name and code.
func unitLedger(t *testing.T, rows ...string) string {
	text := "2024年度台账,,,,\n购买单位,单位代码,服务项目,承接单位,合同金额\n"
	for i, r := range rows {
		text += r + ",服务" + string(rune('甲'+i)) + ",某某物业管理有限公司,1000\n"
	}
	return writeFile(t, "台账.csv", []byte(text))
}

// A unit is matched by code first, then by name or a former name; a code
// held under another name, or a name held under another code, is a problem
// of that cell stating both.
func TestUnitMatchedByCodeThenName(t *testing.T) {
	lookup, civil, finance := unitLookup(t)
	other := fullCode(t, "11510123MB1200003")
	tests := []struct {
		name, row string
		unit      string // the contract's unit, "" when the row has a problem
		by        string // the match listed, "" for none
		column    string // the problem's column
		message   string
	}{
		{"code of another", "云溪区社会事务局," + civil, "", "", "单位代码",
			"单位代码与已登记的“云溪区民政局”相同，名称不同：请选择同一单位（记为曾用名）、更正单位代码或新增单位"},
		{"name of another code", "云溪区民政局," + other, "", "", "购买单位",
			"名称与已登记的“云溪区民政局”相同，单位代码不同（已登记为" + civil + "）：请选择同一单位、更正单位代码"},
		{"same code and name", "云溪区民政局," + civil, "云溪区民政局", "单位代码相同", "", ""},
		{"stored without a code", "区档案馆," + other, "区档案馆", "名称相同", "", ""},
		{"former name", "区财政所,", "区财政局", "曾用名", "", ""},
		{"former name with the code", "区财政所," + finance, "区财政局", "单位代码相同，名称为曾用名", "", ""},
		{"code failing its check", "区档案馆,11510123MB1200009", "", "", "单位代码", "应为18位，实际为17位"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, p := readAndPlan(t, unitLedger(t, tt.row), Options{}, lookup)
			if tt.column != "" {
				if len(p.Problems) != 1 || p.Problems[0].Column != tt.column || !strings.HasPrefix(p.Problems[0].Message, tt.message) {
					t.Fatalf("problems %+v, want %s：%s", p.Problems, tt.column, tt.message)
				}
				if c := p.Problems[0].Conflict; c != nil && (c.Party != PartyUnit || !c.Stored || c.MatchedName != "云溪区民政局") {
					t.Errorf("conflict %+v", c)
				}
				return
			}
			if len(p.Problems) != 0 || len(p.Dataset.Contracts) != 1 || p.Dataset.Contracts[0].UnitName != tt.unit || len(p.NewUnits) != 0 {
				t.Fatalf("problems %+v, contracts %+v, new units %v", p.Problems, p.Dataset.Contracts, p.NewUnits)
			}
			if len(p.Matches) != 1 || p.Matches[0].Party != PartyUnit || p.Matches[0].By != tt.by || p.Matches[0].Matched != tt.unit {
				t.Errorf("matches %+v, want one by %s", p.Matches, tt.by)
			}
		})
	}
}

// The officer's answers to a unit whose code another unit holds: the same
// unit (its name recorded as the unit's 曾用名), a corrected code (a new
// unit holding it), or a new unit (without the code it cannot share); to
// a name held under another code: the same unit, or a corrected code — a
// new unit cannot take a name that is taken.
func TestUnitConflictChoices(t *testing.T) {
	lookup, civil, _ := unitLookup(t)
	other := fullCode(t, "11510123MB1200003")
	tests := []struct {
		name, row  string
		res        Resolution
		unit, code string // the contract's unit; the new unit's code
		newUnit    bool
		former     []govbuy.DatasetFormerName
		by         string
	}{
		{"same", "云溪区社会事务局," + civil, Resolution{Choice: ChoiceSame}, "云溪区民政局", "", false,
			[]govbuy.DatasetFormerName{{Owner: "云溪区民政局", Code: civil, Name: "云溪区社会事务局"}}, "确认为同一单位"},
		{"code", "云溪区社会事务局," + civil, Resolution{Choice: ChoiceCode, Code: other}, "云溪区社会事务局", other, true, nil, ""},
		{"new", "云溪区社会事务局," + civil, Resolution{Choice: ChoiceNew}, "云溪区社会事务局", "", true, nil, ""},
		{"new, named as a stored unit", "区档案馆," + civil, Resolution{Choice: ChoiceNew}, "区档案馆", "", false, nil, "名称相同"},
		{"same for a name", "云溪区民政局," + other, Resolution{Choice: ChoiceSame}, "云溪区民政局", "", false, nil, "确认为同一单位"},
		{"corrected to the stored code", "云溪区民政局," + other, Resolution{Choice: ChoiceCode, Code: civil}, "云溪区民政局", "", false, nil, "单位代码相同"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name, code, _ := strings.Cut(tt.row, ",")
			opts := Options{Resolutions: map[string]Resolution{PartyUnit.ConflictKey(name, code): tt.res}}
			_, p := readAndPlan(t, unitLedger(t, tt.row), opts, lookup)
			if len(p.Problems) != 0 || len(p.Dataset.Contracts) != 1 || p.Dataset.Contracts[0].UnitName != tt.unit {
				t.Fatalf("problems %+v, contracts %+v", p.Problems, p.Dataset.Contracts)
			}
			if got := len(p.Dataset.Units) == 1; got != tt.newUnit {
				t.Fatalf("new units %+v, want a new one: %v", p.Dataset.Units, tt.newUnit)
			}
			if tt.newUnit {
				u := p.Dataset.Units[0]
				dropped := tt.res.Choice == ChoiceNew
				if u.Name != tt.unit || u.Code != tt.code || strings.Contains(u.Notes, civil) != dropped {
					t.Errorf("new unit %+v, want %s %q (code dropped: %v)", u.Unit, tt.unit, tt.code, dropped)
				}
			}
			if len(p.Dataset.UnitFormerNames) != len(tt.former) || len(tt.former) == 1 && p.Dataset.UnitFormerNames[0] != tt.former[0] {
				t.Errorf("former names %+v, want %+v", p.Dataset.UnitFormerNames, tt.former)
			}
			if len(p.Dataset.FormerNames) != 0 {
				t.Errorf("contractor former names %+v", p.Dataset.FormerNames)
			}
			if tt.by != "" && (len(p.Matches) != 1 || p.Matches[0].By != tt.by) {
				t.Errorf("matches %+v, want one by %s", p.Matches, tt.by)
			}
		})
	}
}

// A unit that shares its code with one named earlier in the run is a
// conflict with that one; a name offered no new unit stays a conflict; a
// contractor's answer does not answer a unit.
func TestUnitConflictsWithinARun(t *testing.T) {
	code := fullCode(t, "11510123MB1200003")
	_, p := readAndPlan(t, unitLedger(t, "区新设局,"+code, "区另一局,"+code), Options{}, &memLookup{})
	want := "单位代码与本次导入前面的“区新设局”相同，名称不同"
	if len(p.Problems) != 1 || p.Problems[0].Row != 4 || !strings.HasPrefix(p.Problems[0].Message, want) || p.Problems[0].Conflict.Stored {
		t.Fatalf("problems %+v", p.Problems)
	}
	lookup, civil, _ := unitLookup(t)
	for _, key := range []string{PartyUnit.ConflictKey("云溪区民政局", code), ConflictKey("云溪区民政局", code)} {
		opts := Options{Resolutions: map[string]Resolution{key: {Choice: ChoiceNew}}}
		_, p = readAndPlan(t, unitLedger(t, "云溪区民政局,"+code), opts, lookup)
		if len(p.Problems) != 1 || p.Problems[0].Conflict == nil || p.Problems[0].Conflict.MatchedCode != civil {
			t.Errorf("answer %q: problems %+v", key, p.Problems)
		}
	}
}

// A stored unit without a code matched by name takes the row's code only
// in update mode, once, and says so; a code failing its check is not taken.
func TestStoredUnitTakesItsCodeOnlyInUpdateMode(t *testing.T) {
	code := fullCode(t, "11510123MB1200003")
	tests := []struct {
		name   string
		update bool
		code   string
		want   []govbuy.DatasetUnit
	}{
		{"plain import", false, code, nil},
		{"update", true, code, []govbuy.DatasetUnit{{Unit: govbuy.Unit{ID: 2, Name: "区档案馆", Code: code}, Given: govbuy.NewFieldSet(govbuy.FieldCreditCode)}}},
		{"update, code failing its check", true, code[:17] + "0", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lookup, _, _ := unitLookup(t)
			_, p := readAndPlan(t, unitLedger(t, "区档案馆,"+tt.code, "区档案馆,"+tt.code), Options{Update: tt.update}, lookup)
			if len(p.Dataset.Units) != len(tt.want) || len(tt.want) == 1 && p.Dataset.Units[0] != tt.want[0] {
				t.Errorf("units %+v, want %+v", p.Dataset.Units, tt.want)
			}
			said := strings.Contains(strings.Join(p.Notices, "\n"), "单位“区档案馆”登记时没有单位代码，将记为"+code)
			if said != (len(tt.want) == 1) {
				t.Errorf("notices %q", p.Notices)
			}
		})
	}
}

// A corrected code that fails its check is a problem of the code's cell
// that offers the conflict's answers again, for a unit and a contractor.
func TestCorrectedCodeFailingItsCheck(t *testing.T) {
	lookup, civil, _ := unitLookup(t)
	firm := fullCode(t, "91510123MA6100001")
	lookup.contractors = []govbuy.Contractor{{ID: 1, Name: "某某物业管理有限公司", Type: govbuy.TypeEnterprise, CreditCode: firm}}
	bad := "91510123MA61000"
	tests := []struct {
		name, header, row, key, column, message string
	}{
		{"unit", "购买单位,单位代码,服务项目,承接单位,合同金额", "云溪区社会事务局," + civil + ",服务甲,某某物业管理有限公司,1000",
			PartyUnit.ConflictKey("云溪区社会事务局", civil), "单位代码", "更正后的单位代码“" + bad + "”有误：应为18位"},
		{"contractor", "购买单位,服务项目,承接单位,统一社会信用代码,合同金额", "区档案馆,服务甲,另一家公司," + firm + ",1000",
			ConflictKey("另一家公司", firm), "统一社会信用代码", "更正后的信用代码“" + bad + "”有误：应为18位"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, "台账.csv", []byte("2024年度台账,,,,\n"+tt.header+"\n"+tt.row+"\n"))
			opts := Options{Resolutions: map[string]Resolution{tt.key: {Choice: ChoiceCode, Code: bad}}}
			_, p := readAndPlan(t, path, opts, lookup)
			if len(p.Problems) != 1 || p.Problems[0].Column != tt.column || !strings.HasPrefix(p.Problems[0].Message, tt.message) {
				t.Fatalf("problems %+v", p.Problems)
			}
			if c := p.Problems[0].Conflict; c == nil || c.Key != tt.key {
				t.Errorf("conflict %+v, want the one answered", c)
			}
		})
	}
}
