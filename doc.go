// Package govbuy holds the domain of 政府购买服务管理: money in integer fen,
// identifiers, purchasing units, contractors, the service catalog, contracts,
// payments and the annual report model, together with the validation rules
// every other package relies on. It does no I/O and imports no project package:
// store/, reports/, app/ and cmd/ build on it.
//
// The services (UnitService, ContractService, YearService, …) are what a
// store provides and what the window, the importer and the command line ask
// of it; package store is their SQLite implementation, package mock has
// in-memory ones for tests. Their errors are *Error values of a kind:
// ENotFound for a record that is not stored, EInvalid for input that breaks
// a rule, EConflict for input that clashes with what is stored — a
// duplicate, a record still referred to, a closed year's record, or a change
// the signed-in user's role may not make (see Act). Every write is recorded
// in the audit log in the transaction that makes it.
package govbuy
