-- A purchasing unit's former names (曾用名): a ledger that names a stored
-- unit's code under another name, confirmed by the officer as the same
-- unit (units are renamed when departments merge or are reorganised),
-- records that name here, and later imports match it. Tagged with the
-- import that recorded it, so undoing that import removes it.
CREATE TABLE unit_names (
	id              INTEGER PRIMARY KEY,
	unit_id         INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
	name            TEXT NOT NULL,
	import_batch_id INTEGER REFERENCES import_batches(id) ON DELETE RESTRICT,
	UNIQUE (unit_id, name)
);
CREATE INDEX unit_names_name ON unit_names(name);
