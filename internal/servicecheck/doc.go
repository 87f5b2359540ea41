// Package servicecheck holds the tests that keep the store and the screens
// on the root package's services: every exported method of *store.DB,
// lifecycle apart, belongs to a root service; store/db.go asserts every
// service, in one block; and every interface the window or the importer
// declares over the store is cut from the root services. It has no code of
// its own: a second store (a shared server database) gets its checklist
// from the same services.
package servicecheck
