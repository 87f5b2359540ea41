package mock

import (
	"context"

	"govbuy"
)

var _ govbuy.UnitService = (*UnitService)(nil)

// UnitService is a govbuy.UnitService whose methods call the matching
// functions.
type UnitService struct {
	FindUnitsFn         func(ctx context.Context, f govbuy.UnitFilter) ([]govbuy.UnitRow, int, error)
	SumUnitsFn          func(ctx context.Context, f govbuy.UnitFilter) (govbuy.ListTotals, error)
	FindUnitByIDFn      func(ctx context.Context, id int64) (*govbuy.Unit, error)
	FindUnitByCodeFn    func(ctx context.Context, code, name string) (*govbuy.NamedUnit, error)
	CreateUnitFn        func(ctx context.Context, u *govbuy.Unit) error
	UpdateUnitFn        func(ctx context.Context, u *govbuy.Unit) error
	DeleteUnitFn        func(ctx context.Context, id, version int64) error
	UnitDeleteRefusalFn func(ctx context.Context, id int64) error
}

func (s *UnitService) FindUnits(ctx context.Context, f govbuy.UnitFilter) ([]govbuy.UnitRow, int, error) {
	return s.FindUnitsFn(ctx, f)
}

func (s *UnitService) SumUnits(ctx context.Context, f govbuy.UnitFilter) (govbuy.ListTotals, error) {
	return s.SumUnitsFn(ctx, f)
}

func (s *UnitService) FindUnitByID(ctx context.Context, id int64) (*govbuy.Unit, error) {
	return s.FindUnitByIDFn(ctx, id)
}

func (s *UnitService) FindUnitByCode(ctx context.Context, code, name string) (*govbuy.NamedUnit, error) {
	return s.FindUnitByCodeFn(ctx, code, name)
}

func (s *UnitService) CreateUnit(ctx context.Context, u *govbuy.Unit) error {
	return s.CreateUnitFn(ctx, u)
}

func (s *UnitService) UpdateUnit(ctx context.Context, u *govbuy.Unit) error {
	return s.UpdateUnitFn(ctx, u)
}

func (s *UnitService) DeleteUnit(ctx context.Context, id, version int64) error {
	return s.DeleteUnitFn(ctx, id, version)
}

func (s *UnitService) UnitDeleteRefusal(ctx context.Context, id int64) error {
	return s.UnitDeleteRefusalFn(ctx, id)
}
