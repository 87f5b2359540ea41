-- Old ledgers do not carry every field a new contract needs. A record
-- imported without one is kept, marked 待补充 with the fields it lacks
-- (their names, joined by 、), until someone completes them.
ALTER TABLE contracts ADD COLUMN pending TEXT NOT NULL DEFAULT '';
ALTER TABLE contractors ADD COLUMN pending TEXT NOT NULL DEFAULT '';

-- A contractor's former names (曾用名): a ledger that names a stored
-- contractor's credit code under another name, confirmed by the officer as
-- the same contractor, records that name here, and later imports match it.
CREATE TABLE contractor_names (
	id              INTEGER PRIMARY KEY,
	contractor_id   INTEGER NOT NULL REFERENCES contractors(id) ON DELETE CASCADE,
	name            TEXT NOT NULL,
	import_batch_id INTEGER REFERENCES import_batches(id) ON DELETE RESTRICT,
	UNIQUE (contractor_id, name)
);
CREATE INDEX contractor_names_name ON contractor_names(name);
