-- Assessment plans and assessments (考核), acknowledgements of compliance
-- hints, and import batches that can be undone as a whole.

CREATE TABLE plans (
	contract_id  INTEGER PRIMARY KEY REFERENCES contracts(id) ON DELETE RESTRICT,
	period       TEXT NOT NULL,
	criteria     TEXT NOT NULL DEFAULT '[]', -- JSON [{name, points}], points in tenths
	bands        TEXT NOT NULL,              -- JSON grade bands, tenths
	rule         TEXT NOT NULL,              -- JSON payment rule
	installments TEXT NOT NULL DEFAULT '{}', -- JSON {period: fen}
	updated_at   TEXT NOT NULL
);

CREATE TABLE import_batches (
	id        INTEGER PRIMARY KEY,
	files     TEXT NOT NULL, -- JSON list of file names
	checksums TEXT NOT NULL, -- JSON list of SHA-256 hex
	actor     TEXT NOT NULL,
	at        TEXT NOT NULL,
	counts    TEXT NOT NULL, -- JSON {units, contractors, contracts, updated, assessments, payments}
	undone_at TEXT NOT NULL DEFAULT ''
);

CREATE TABLE assessments (
	id              INTEGER PRIMARY KEY,
	contract_id     INTEGER NOT NULL REFERENCES contracts(id) ON DELETE RESTRICT,
	period          TEXT NOT NULL,
	items           TEXT NOT NULL DEFAULT '[]', -- JSON [{criterion, score, reason}]
	score           INTEGER NOT NULL CHECK (score BETWEEN 0 AND 1000),
	date            TEXT NOT NULL DEFAULT '',
	assessor        TEXT NOT NULL DEFAULT '',
	remarks         TEXT NOT NULL DEFAULT '',
	import_batch_id INTEGER REFERENCES import_batches(id) ON DELETE RESTRICT,
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL,
	UNIQUE (contract_id, period)
);

CREATE TABLE hint_acks (
	contract_id INTEGER NOT NULL REFERENCES contracts(id) ON DELETE RESTRICT,
	rule        TEXT NOT NULL,
	reason      TEXT NOT NULL,
	actor       TEXT NOT NULL,
	at          TEXT NOT NULL,
	PRIMARY KEY (contract_id, rule)
);

ALTER TABLE units ADD COLUMN import_batch_id INTEGER REFERENCES import_batches(id) ON DELETE RESTRICT;
ALTER TABLE contractors ADD COLUMN import_batch_id INTEGER REFERENCES import_batches(id) ON DELETE RESTRICT;
ALTER TABLE contracts ADD COLUMN import_batch_id INTEGER REFERENCES import_batches(id) ON DELETE RESTRICT;
ALTER TABLE payments ADD COLUMN import_batch_id INTEGER REFERENCES import_batches(id) ON DELETE RESTRICT;
CREATE INDEX units_batch ON units(import_batch_id) WHERE import_batch_id IS NOT NULL;
CREATE INDEX contractors_batch ON contractors(import_batch_id) WHERE import_batch_id IS NOT NULL;
CREATE INDEX contracts_batch ON contracts(import_batch_id) WHERE import_batch_id IS NOT NULL;
CREATE INDEX payments_batch ON payments(import_batch_id) WHERE import_batch_id IS NOT NULL;
CREATE INDEX assessments_batch ON assessments(import_batch_id) WHERE import_batch_id IS NOT NULL;
