package importer

import (
	"context"
	"fmt"

	"govbuy"
)

// A wrong match costs money: a row filed under another contractor prints
// that contractor's name and bank account on the approval form. So a
// contractor is matched silently only when code and name agree (or one of
// them is missing); a code that a stored contractor holds under another
// name, or a name it holds under another code, is a problem of that cell
// until the officer says which it is (Resolution).

// Choice is the officer's answer to a Conflict.
type Choice string

const (
	ChoiceSame Choice = "same" // the same contractor: the name written is recorded as its 曾用名
	ChoiceCode Choice = "code" // the code was wrong: Resolution.Code is the right one
	ChoiceNew  Choice = "new"  // another contractor: created (without the code it cannot share)
)

// Resolution is a Choice, with the corrected code for ChoiceCode.
type Resolution struct {
	Choice Choice `json:"choice"`
	Code   string `json:"code,omitempty"`
}

// Conflict is a contractor as a row names it that matches one stored (or
// named earlier in the run) by code but not by name (By "code"), or by
// name but not by code (By "name").
type Conflict struct {
	Key         string `json:"key"`
	By          string `json:"by"`
	Name        string `json:"name"`
	Code        string `json:"code"`
	MatchedName string `json:"matched_name"`
	MatchedCode string `json:"matched_code"`
	Stored      bool   `json:"stored"` // the match is a stored contractor, not one named earlier in the run
}

// ConflictKey is the key of Options.Resolutions for a contractor as
// written: its name and code.
func ConflictKey(name, code string) string { return nameKey(name) + "|" + govbuy.NormalizeCode(code) }

// Match is a contractor the rows named that was found, and why.
type Match struct {
	File    string `json:"file"`
	Sheet   string `json:"sheet"`
	Row     int    `json:"row"` // the first row that named it so
	Name    string `json:"name"`
	Code    string `json:"code,omitempty"`
	Matched string `json:"matched"`
	By      string `json:"by"`  // 信用代码相同, 名称相同, 曾用名, 确认为同一承接主体
	New     bool   `json:"new"` // matched to one this run creates
}

// String writes the match for a terminal.
func (m Match) String() string {
	where := "已登记的"
	if m.New {
		where = "本次新增的"
	}
	return fmt.Sprintf("%s “%s”→%s“%s”（%s）", Source{File: m.File, Sheet: m.Sheet, Row: m.Row}, m.Name, where, m.Matched, m.By)
}

// matchContractor finds the contractor a row names, as findContractor
// does, and applies the officer's resolution to a conflict; it returns
// the conflict when there is one not yet resolved. in may be changed: a
// corrected code, or a code dropped for a new contractor.
func (rc *rowCtx) matchContractor(ctx context.Context, in *contractorInput) (*contractorRef, *Conflict, error) {
	p := rc.sp.Planner
	ref, by, err := p.findContractor(ctx, *in)
	if err != nil || ref == nil {
		return nil, nil, err
	}
	conflict := ref.conflict(*in, by)
	if conflict == nil {
		p.accept(ref, *in)
		rc.noteMatch(*in, ref, matchReason(ref, *in, by))
		return ref, nil, nil
	}
	res, ok := p.opts.Resolutions[conflict.Key]
	switch {
	case !ok:
		return nil, conflict, nil
	case res.Choice == ChoiceSame:
		p.accept(ref, *in)
		p.formerName(ref, in.name)
		rc.noteMatch(*in, ref, "确认为同一承接主体")
		return ref, nil, nil
	case res.Choice == ChoiceCode && govbuy.NormalizeCode(res.Code) != in.code:
		in.code = govbuy.NormalizeCode(res.Code)
		return rc.matchContractor(ctx, in)
	case conflict.By == "code":
		in.code, in.droppedCode = "", in.code // another contractor cannot hold a code that is taken
		return p.findUnconflicted(in), nil, nil
	}
	return nil, nil, nil // another contractor of the same name
}

// findUnconflicted finds a new contractor named earlier in this run; the
// stored one whose code the row gave is not it.
func (p *Planner) findUnconflicted(in *contractorInput) *contractorRef {
	return p.contractorSeen["new:"+nameKey(in.name)]
}

// conflict reports a match by code whose name is not the contractor's, or
// by name whose code is another.
func (r *contractorRef) conflict(in contractorInput, by string) *Conflict {
	switch {
	case by == "code" && in.name != "" && !r.names[nameKey(in.name)]:
	case by == "name" && in.code != "" && r.code != "" && in.code != r.code:
	default:
		return nil
	}
	return &Conflict{Key: ConflictKey(in.name, in.code), By: by, Name: in.name, Code: in.code, MatchedName: r.name, MatchedCode: r.code, Stored: r.idx < 0}
}

// Message states both sides of a conflict.
func (c *Conflict) Message() string {
	where := "已登记的"
	if !c.Stored {
		where = "本次导入前面的"
	}
	if c.By == "code" {
		return fmt.Sprintf("信用代码与%s“%s”相同，名称不同：请选择同一承接主体（记为曾用名）、更正信用代码或新增承接主体", where, c.MatchedName)
	}
	return fmt.Sprintf("名称与%s“%s”相同，信用代码不同（已登记为%s）：请选择同一承接主体、更正信用代码或新增承接主体", where, c.MatchedName, c.MatchedCode)
}

func matchReason(r *contractorRef, in contractorInput, by string) string {
	switch {
	case by == "code":
		return "信用代码相同"
	case nameKey(in.name) == nameKey(r.name):
		return "名称相同"
	}
	return "曾用名"
}

// noteMatch lists a match once per contractor as written.
func (rc *rowCtx) noteMatch(in contractorInput, r *contractorRef, by string) {
	p := rc.sp.Planner
	key := ConflictKey(in.name, in.code)
	if p.matched[key] {
		return
	}
	p.matched[key] = true
	src := rc.source()
	p.plan.Matches = append(p.plan.Matches, Match{File: src.File, Sheet: src.Sheet, Row: src.Row, Name: in.name, Code: in.code,
		Matched: r.name, By: by, New: r.idx >= 0})
}

// accept makes the row's name and code the contractor's for the rest of
// the run.
func (p *Planner) accept(r *contractorRef, in contractorInput) {
	r.names[nameKey(in.name)] = true
	p.remember(r, in.code, in.name)
}

// formerName records a name confirmed as the contractor's, once.
func (p *Planner) formerName(r *contractorRef, name string) {
	key := nameKey(r.name) + "|" + nameKey(name)
	if p.formerNoted[key] || nameKey(name) == nameKey(r.name) {
		return
	}
	p.formerNoted[key] = true
	p.plan.Dataset.FormerNames = append(p.plan.Dataset.FormerNames, govbuy.DatasetFormerName{Contractor: r.name, Code: r.code, Name: name})
}

// findContractor matches a contractor against this run and the store: by
// credit code first, then by name (or a former name). It returns nil when
// the contractor is new, and how it matched: "code" or "name".
func (p *Planner) findContractor(ctx context.Context, in contractorInput) (*contractorRef, string, error) {
	if in.code != "" {
		if r, ok := p.contractorSeen["code:"+in.code]; ok {
			return r, "code", nil
		}
	}
	if r, ok := p.contractorSeen["raw:"+in.name]; ok && in.code == "" {
		return r, "name", nil
	}
	if r, ok := p.contractorSeen["name:"+nameKey(in.name)]; ok {
		return r, "name", nil
	}
	if p.lookup == nil {
		return nil, "", nil
	}
	c, err := p.lookup.FindContractorByCode(ctx, in.code, in.name)
	if notFound(err) {
		c, err = nil, nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("importer: find contractor %q: %w", in.name, err)
	}
	if c == nil {
		return nil, "", nil
	}
	by := "name"
	if in.code != "" && c.CreditCode == in.code {
		by = "code"
	}
	return p.storedRef(c), by, nil
}

// storedRef is the run's reference to a stored contractor, made once.
func (p *Planner) storedRef(c *govbuy.Contractor) *contractorRef {
	if r, ok := p.contractorByID[c.ID]; ok {
		return r
	}
	r := &contractorRef{name: c.Name, code: c.CreditCode, typ: c.Type, idx: -1, names: map[string]bool{nameKey(c.Name): true}}
	for _, n := range c.FormerNames {
		r.names[nameKey(n)] = true
		p.remember(r, "", n)
	}
	p.contractorByID[c.ID] = r
	p.remember(r, c.CreditCode, c.Name)
	return r
}

func (p *Planner) remember(r *contractorRef, code, name string) {
	if code != "" {
		p.contractorSeen["code:"+code] = r
	}
	if name != "" {
		p.contractorSeen["name:"+nameKey(name)] = r
		if code == "" || code == r.code {
			p.contractorSeen["raw:"+name] = r
		}
	}
}

// addContractor records a new contractor.
func (p *Planner) addContractor(c govbuy.DatasetContractor) *contractorRef {
	ds := p.plan.Dataset
	ds.Contractors = append(ds.Contractors, c)
	p.plan.NewContractors = append(p.plan.NewContractors, c.Name)
	r := &contractorRef{name: c.Name, code: c.CreditCode, typ: c.Type, idx: len(ds.Contractors) - 1, names: map[string]bool{nameKey(c.Name): true}}
	p.remember(r, c.CreditCode, c.Name)
	p.contractorSeen["new:"+nameKey(c.Name)] = r
	return r
}

// conflictProblem reports an unresolved conflict at the cell it concerns:
// the code's, or the name's.
func (rc *rowCtx) conflictProblem(c *Conflict, nameField Key) {
	field := nameField
	if c.By == "code" {
		field = KeyCreditCode
	}
	rc.fail(field, problemf("%s", c.Message()))
	rc.problems[len(rc.problems)-1].Conflict = c
}
