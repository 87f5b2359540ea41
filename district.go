package govbuy

import (
	"context"
	"unicode/utf8"
)

// DistrictProfile is whom the database belongs to: the district (云溪区),
// its finance bureau (云溪区财政局), which issues the payment approval
// forms, and the first budget year kept here. The window's title, the
// status bar, the reports and the forms carry them.
type DistrictProfile struct {
	Name      string `json:"name"`
	Bureau    string `json:"bureau"`
	FirstYear int    `json:"first_year"`
}

// Bounds of a profile: names fit a report title; budget years are those of
// a working office.
const (
	maxDistrictRunes = 40
	MinBudgetYear    = 2000
	MaxBudgetYear    = 2100
)

// Normalize tidies the names as a person types or pastes them.
func (p *DistrictProfile) Normalize() {
	p.Name, p.Bureau = CleanText(p.Name), CleanText(p.Bureau)
}

// Validate checks the profile as a person enters it, naming each field at
// fault.
func (p *DistrictProfile) Validate() error {
	var v ValidationErrors
	for _, f := range []struct {
		field Field
		value string
	}{{FieldDistrict, p.Name}, {FieldBureau, p.Bureau}} {
		switch {
		case isBlank(f.value):
			v = append(v, Invalidf(f.field, "不能为空"))
		case utf8.RuneCountInString(f.value) > maxDistrictRunes:
			v = append(v, Invalidf(f.field, "不能超过%d个字", maxDistrictRunes))
		}
	}
	if p.FirstYear < MinBudgetYear || p.FirstYear > MaxBudgetYear {
		v = append(v, Invalidf(FieldFirstYear, "应为%d至%d之间的年份", MinBudgetYear, MaxBudgetYear))
	}
	return v.Err()
}

// DefaultBureau is the finance bureau a district usually has: 云溪区 →
// 云溪区财政局.
func DefaultBureau(district string) string {
	if district = CleanText(district); district == "" {
		return ""
	}
	return district + "财政局"
}

// DistrictService keeps the district's profile.
type DistrictService interface {
	// District is the district's name, "" until one is set.
	District(ctx context.Context) (string, error)
	// DistrictProfile is the whole profile; a district set before the
	// profile existed (a demo, an older database) comes with its default
	// bureau and no first year.
	DistrictProfile(ctx context.Context) (DistrictProfile, error)
	// SetDistrictProfile changes the profile: an administrator's act once
	// roles are on, recorded in the audit log.
	SetDistrictProfile(ctx context.Context, p DistrictProfile) error
}
