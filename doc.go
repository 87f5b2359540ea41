// Package govbuy holds the domain of 政府购买服务管理: money in integer fen,
// identifiers, purchasing units, contractors, the service catalog, contracts,
// payments and the annual report model, together with the validation rules
// every other package relies on. It does no I/O and imports no project package:
// store/, reports/, app/ and cmd/ build on it.
package govbuy
