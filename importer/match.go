package importer

import (
	"context"
	"fmt"
	"slices"

	"govbuy"
)

// A wrong match costs money: a row filed under another contractor prints
// that contractor's name and bank account on the approval form, and a
// contract filed under another unit is counted in that unit's report. So
// a contractor or a purchasing unit (a party) is matched silently only
// when code and name agree (or one of them is missing); a code that a
// stored party holds under another name, or a name it holds under another
// code, is a problem of that cell until the officer says which it is
// (Resolution). Contractors and units are matched by the same rules, each
// in its own partyIndex.

// Party is whom a conflict or a match concerns.
type Party string

const (
	PartyContractor Party = "contractor" // 承接主体, by 统一社会信用代码 or 身份证号
	PartyUnit       Party = "unit"       // 购买主体, by 单位代码
)

// codeWord and noun are the words a party's conflicts and matches are
// told in.
func (p Party) codeWord() string {
	if p == PartyUnit {
		return "单位代码"
	}
	return "信用代码"
}

func (p Party) noun() string {
	if p == PartyUnit {
		return "单位"
	}
	return "承接主体"
}

// ConflictKey is the key of Options.Resolutions for a party as written:
// its name and code. A contractor's key is name|code, as it always was; a
// unit's has "unit|" before it, so the two never answer each other.
func (p Party) ConflictKey(name, code string) string {
	key := nameKey(name) + "|" + govbuy.NormalizeCode(code)
	if p == PartyUnit {
		return "unit|" + key
	}
	return key
}

// Choice is the officer's answer to a Conflict.
type Choice string

const (
	ChoiceSame Choice = "same" // the same party: the name written is recorded as its 曾用名
	ChoiceCode Choice = "code" // the code was wrong: Resolution.Code is the right one
	ChoiceNew  Choice = "new"  // another party: created (without the code it cannot share)
)

// Resolution is a Choice, with the corrected code for ChoiceCode.
type Resolution struct {
	Choice Choice `json:"choice"`
	Code   string `json:"code,omitempty"`
}

// Conflict is a party as a row names it that matches one stored (or named
// earlier in the run) by code but not by name (By "code"), or by name but
// not by code (By "name").
type Conflict struct {
	Party       Party  `json:"party"`
	Key         string `json:"key"`
	By          string `json:"by"`
	Name        string `json:"name"`
	Code        string `json:"code"`
	MatchedName string `json:"matched_name"`
	MatchedCode string `json:"matched_code"`
	Stored      bool   `json:"stored"` // the match is a stored party, not one named earlier in the run
}

// ConflictKey is the key of Options.Resolutions for a contractor as
// written: its name and code.
func ConflictKey(name, code string) string { return PartyContractor.ConflictKey(name, code) }

// Choices are the answers the conflict can take. A unit's name is unique,
// so a unit that shares a stored unit's name cannot be another unit.
func (c *Conflict) Choices() []Choice {
	if c.Party == PartyUnit && c.By == "name" {
		return []Choice{ChoiceSame, ChoiceCode}
	}
	return []Choice{ChoiceSame, ChoiceCode, ChoiceNew}
}

func (c *Conflict) offers(choice Choice) bool { return slices.Contains(c.Choices(), choice) }

// Message states both sides of a conflict.
func (c *Conflict) Message() string {
	where := "已登记的"
	if !c.Stored {
		where = "本次导入前面的"
	}
	code, noun := c.Party.codeWord(), c.Party.noun()
	if c.By == "code" {
		return fmt.Sprintf("%s与%s“%s”相同，名称不同：请选择同一%s（记为曾用名）、更正%s或新增%s", code, where, c.MatchedName, noun, code, noun)
	}
	another := "或新增" + noun
	if !c.offers(ChoiceNew) {
		another = ""
	}
	return fmt.Sprintf("名称与%s“%s”相同，%s不同（已登记为%s）：请选择同一%s、更正%s%s", where, c.MatchedName, code, c.MatchedCode, noun, code, another)
}

// Match is a party the rows named that was found, and why.
type Match struct {
	Party   Party  `json:"party"`
	File    string `json:"file"`
	Sheet   string `json:"sheet"`
	Row     int    `json:"row"` // the first row that named it so
	Name    string `json:"name"`
	Code    string `json:"code,omitempty"`
	Matched string `json:"matched"`
	By      string `json:"by"`  // 信用代码相同 (单位代码相同; …，名称为曾用名), 名称相同, 曾用名, 确认为同一承接主体 (确认为同一单位)
	New     bool   `json:"new"` // matched to one this run creates
}

// String writes the match for a terminal; a unit's says so.
func (m Match) String() string {
	where := "已登记的"
	if m.New {
		where = "本次新增的"
	}
	what := ""
	if m.Party == PartyUnit {
		what = "单位"
	}
	return fmt.Sprintf("%s %s“%s”→%s“%s”（%s）", Source{File: m.File, Sheet: m.Sheet, Row: m.Row}, what, m.Name, where, m.Matched, m.By)
}

// partyInput is a contractor or unit as one row names it.
type partyInput struct {
	name, code  string
	droppedCode string // a code the officer said belongs to another party
}

// partyRef is a party of this run: stored, or new in the run.
type partyRef struct {
	name  string
	code  string
	typ   govbuy.ContractorType // a contractor's
	idx   int                   // index into the Dataset's Contractors or Units, -1 for a stored one
	id    int64                 // a stored one's ID
	names map[string]bool       // name keys that are its own: its name, former names, names the officer confirmed
}

// storedParty is a party the store holds, as a partyIndex needs it.
type storedParty struct {
	id         int64
	name, code string
	typ        govbuy.ContractorType
	former     []string
}

// partyIndex is what a run knows of one kind of party: the parties it met,
// by code, by name and by name as written, and how to find a stored one.
type partyIndex struct {
	party Party
	seen  map[string]*partyRef
	byID  map[int64]*partyRef
	find  func(ctx context.Context, code, name string) (*storedParty, error) // nil: nothing is stored
	// clean holds the plain matches (no conflict) by name and code as
	// written, so the rows of a large ledger that name a party the same
	// way are matched with one map lookup. It is emptied whenever seen
	// changes what a key stands for.
	clean map[[2]string]*partyRef
}

func newPartyIndex(party Party) partyIndex {
	return partyIndex{party: party, seen: map[string]*partyRef{}, byID: map[int64]*partyRef{}}
}

// matchParty finds the party a row names, as lookup does, and applies the
// officer's resolution to a conflict; it returns the conflict when there
// is one not yet resolved. in may be changed: a corrected code, or a code
// dropped for a new party.
func (rc *rowCtx) matchParty(ctx context.Context, ix *partyIndex, in *partyInput) (*partyRef, *Conflict, error) {
	p := rc.sp.Planner
	written := [2]string{in.name, in.code}
	if ref, ok := ix.clean[written]; ok {
		return ref, nil, nil
	}
	ref, by, err := ix.lookup(ctx, *in)
	if err != nil || ref == nil {
		return nil, nil, err
	}
	conflict := ref.conflict(ix.party, *in, by)
	if conflict == nil {
		ix.accept(ref, *in)
		rc.noteMatch(ix.party, *in, ref, matchReason(ix.party, ref, *in, by))
		if ix.clean == nil {
			ix.clean = map[[2]string]*partyRef{}
		}
		ix.clean[written] = ref
		return ref, nil, nil
	}
	res, ok := p.opts.Resolutions[conflict.Key]
	switch {
	case !ok || !conflict.offers(res.Choice):
		return nil, conflict, nil
	case res.Choice == ChoiceSame:
		ix.accept(ref, *in)
		p.formerName(ix.party, ref, in.name)
		rc.noteMatch(ix.party, *in, ref, "确认为同一"+ix.party.noun())
		return ref, nil, nil
	case res.Choice == ChoiceCode && govbuy.NormalizeCode(res.Code) != in.code:
		in.code = govbuy.NormalizeCode(res.Code)
		rc.corrected = conflict
		return rc.matchParty(ctx, ix, in)
	case conflict.By == "code" && ix.party == PartyUnit:
		// Another unit: its name is unique, so it is the stored unit of
		// that name if there is one, else a new unit, without the code.
		in.code, in.droppedCode = "", in.code
		return rc.matchParty(ctx, ix, in)
	case conflict.By == "code":
		in.code, in.droppedCode = "", in.code // another contractor cannot hold a code that is taken
		return ix.seen["new:"+nameKey(in.name)], nil, nil
	}
	return nil, nil, nil // another contractor of the same name
}

// conflict reports a match by code whose name is not the party's, or by
// name whose code is another.
func (r *partyRef) conflict(party Party, in partyInput, by string) *Conflict {
	switch {
	case by == "code" && in.name != "" && !r.names[nameKey(in.name)]:
	case by == "name" && in.code != "" && r.code != "" && in.code != r.code:
	default:
		return nil
	}
	return &Conflict{Party: party, Key: party.ConflictKey(in.name, in.code), By: by, Name: in.name, Code: in.code,
		MatchedName: r.name, MatchedCode: r.code, Stored: r.idx < 0}
}

// matchReason says why a match was made: by code (under a former name,
// when the row gives one), by name, or by a former name.
func matchReason(party Party, r *partyRef, in partyInput, by string) string {
	sameName := in.name == "" || nameKey(in.name) == nameKey(r.name)
	switch {
	case by == "code" && sameName:
		return party.codeWord() + "相同"
	case by == "code":
		return party.codeWord() + "相同，名称为曾用名"
	case sameName:
		return "名称相同"
	}
	return "曾用名"
}

// noteMatch lists a match once per party as written. A unit named again
// in the run as written before is the same unit, not a match to tell.
func (rc *rowCtx) noteMatch(party Party, in partyInput, r *partyRef, by string) {
	p := rc.sp.Planner
	key := party.ConflictKey(in.name, in.code)
	if p.matched[key] || (party == PartyUnit && r.idx >= 0 && by == "名称相同") {
		return
	}
	p.matched[key] = true
	src := rc.source()
	p.plan.Matches = append(p.plan.Matches, Match{Party: party, File: src.File, Sheet: src.Sheet, Row: src.Row, Name: in.name, Code: in.code,
		Matched: r.name, By: by, New: r.idx >= 0})
}

// accept makes the row's name and code the party's for the rest of the
// run.
func (ix *partyIndex) accept(r *partyRef, in partyInput) {
	r.names[nameKey(in.name)] = true
	ix.remember(r, in.code, in.name)
}

// formerName records a name confirmed as the party's, once.
func (p *Planner) formerName(party Party, r *partyRef, name string) {
	key := string(party) + "|" + nameKey(r.name) + "|" + nameKey(name)
	if p.formerNoted[key] || nameKey(name) == nameKey(r.name) {
		return
	}
	p.formerNoted[key] = true
	f := govbuy.DatasetFormerName{Owner: r.name, Code: r.code, Name: name}
	ds := p.plan.Dataset
	if party == PartyUnit {
		ds.UnitFormerNames = append(ds.UnitFormerNames, f)
		return
	}
	ds.FormerNames = append(ds.FormerNames, f)
}

// lookup matches a party against this run and the store: by code first,
// then by name (or a former name). It returns nil when the party is new,
// and how it matched: "code" or "name".
func (ix *partyIndex) lookup(ctx context.Context, in partyInput) (*partyRef, string, error) {
	if in.code != "" {
		if r, ok := ix.seen["code:"+in.code]; ok {
			return r, "code", nil
		}
	}
	if r, ok := ix.seen["raw:"+in.name]; ok && in.code == "" {
		return r, "name", nil
	}
	if r, ok := ix.seen["name:"+nameKey(in.name)]; ok {
		return r, "name", nil
	}
	if ix.find == nil {
		return nil, "", nil
	}
	s, err := ix.find(ctx, in.code, in.name)
	if notFound(err) {
		s, err = nil, nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("importer: find %s %q: %w", ix.party.noun(), in.name, err)
	}
	if s == nil {
		return nil, "", nil
	}
	by := "name"
	if in.code != "" && s.code == in.code {
		by = "code"
	}
	return ix.storedRef(s), by, nil
}

// storedRef is the run's reference to a stored party, made once.
func (ix *partyIndex) storedRef(s *storedParty) *partyRef {
	if r, ok := ix.byID[s.id]; ok {
		return r
	}
	r := &partyRef{name: s.name, code: s.code, typ: s.typ, idx: -1, id: s.id, names: map[string]bool{nameKey(s.name): true}}
	for _, n := range s.former {
		r.names[nameKey(n)] = true
		ix.remember(r, "", n)
	}
	ix.byID[s.id] = r
	ix.remember(r, s.code, s.name)
	return r
}

func (ix *partyIndex) remember(r *partyRef, code, name string) {
	if code != "" {
		ix.set("code:"+code, r)
	}
	if name != "" {
		ix.set("name:"+nameKey(name), r)
		if code == "" || code == r.code {
			ix.set("raw:"+name, r)
		}
	}
}

func (ix *partyIndex) set(key string, r *partyRef) {
	if old, ok := ix.seen[key]; ok && old != r {
		ix.clean = nil // a plain match made before may now be another
	}
	ix.seen[key] = r
}

// add records a party new in this run, at index idx of its Dataset list.
func (ix *partyIndex) add(name, code string, typ govbuy.ContractorType, idx int) *partyRef {
	r := &partyRef{name: name, code: code, typ: typ, idx: idx, names: map[string]bool{nameKey(name): true}}
	ix.remember(r, code, name)
	ix.seen["new:"+nameKey(name)] = r
	return r
}

// addContractor records a new contractor.
func (p *Planner) addContractor(c govbuy.DatasetContractor) *partyRef {
	ds := p.plan.Dataset
	ds.Contractors = append(ds.Contractors, c)
	p.plan.NewContractors = append(p.plan.NewContractors, c.Name)
	return p.contractors.add(c.Name, c.CreditCode, c.Type, len(ds.Contractors)-1)
}

// addUnit records a new purchasing unit.
func (p *Planner) addUnit(u govbuy.Unit) *partyRef {
	ds := p.plan.Dataset
	ds.Units = append(ds.Units, govbuy.DatasetUnit{Unit: u})
	p.plan.NewUnits = append(p.plan.NewUnits, u.Name)
	return p.units.add(u.Name, u.Code, "", len(ds.Units)-1)
}

// codeKeys are the cells a party's code conflicts are shown at.
var codeKeys = map[Party]Key{PartyContractor: KeyCreditCode, PartyUnit: KeyUnitCode}

// conflictProblem reports an unresolved conflict at the cell it concerns:
// the code's, or the name's.
func (rc *rowCtx) conflictProblem(c *Conflict, nameField Key) {
	field := nameField
	if c.By == "code" {
		field = codeKeys[c.Party]
	}
	rc.fail(field, problemf("%s", c.Message()))
	rc.problems[len(rc.problems)-1].Conflict = c
}

// droppedNote keeps, in a new party's notes, the code its row gave that
// the officer said is another's.
func droppedNote(party Party, in partyInput) string {
	if in.droppedCode == "" {
		return ""
	}
	return fmt.Sprintf("导入时所填%s%s属另一%s，未采用", party.codeWord(), in.droppedCode, party.noun())
}
