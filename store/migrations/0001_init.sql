-- 0001: the first schema of govbuy.
-- Money columns are INTEGER fen; dates are TEXT 'YYYY-MM-DD' ('' when unknown);
-- timestamps are TEXT RFC 3339 in UTC. Foreign keys restrict deletes: the store
-- explains a refused delete to the officer before SQLite has to.

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL DEFAULT ''
);

CREATE TABLE units (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE,
	code       TEXT NOT NULL DEFAULT '',
	kind       TEXT NOT NULL,
	contact    TEXT NOT NULL DEFAULT '',
	phone      TEXT NOT NULL DEFAULT '',
	notes      TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

CREATE TABLE contractors (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL,
	type          TEXT NOT NULL,
	credit_code   TEXT NOT NULL DEFAULT '',
	code_override TEXT NOT NULL DEFAULT '',
	legal_rep     TEXT NOT NULL DEFAULT '',
	phone         TEXT NOT NULL DEFAULT '',
	address       TEXT NOT NULL DEFAULT '',
	bank          TEXT NOT NULL DEFAULT '',
	account       TEXT NOT NULL DEFAULT '',
	notes         TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);
-- Many contractors (individuals, small village bodies) have no code on file:
-- only a code that is present has to be unique.
CREATE UNIQUE INDEX contractors_credit_code ON contractors(credit_code) WHERE credit_code <> '';
CREATE INDEX contractors_name ON contractors(name);
CREATE INDEX contractors_type ON contractors(type);

CREATE TABLE qualifications (
	id            INTEGER PRIMARY KEY,
	contractor_id INTEGER NOT NULL REFERENCES contractors(id) ON DELETE RESTRICT,
	position      INTEGER NOT NULL DEFAULT 0,
	kind          TEXT NOT NULL,
	level         TEXT NOT NULL DEFAULT '',
	number        TEXT NOT NULL DEFAULT '',
	issuer        TEXT NOT NULL DEFAULT '',
	expiry        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX qualifications_contractor ON qualifications(contractor_id, position);

CREATE TABLE catalog (
	id        INTEGER PRIMARY KEY,
	parent_id INTEGER REFERENCES catalog(id) ON DELETE RESTRICT,
	code      TEXT NOT NULL UNIQUE,
	name      TEXT NOT NULL,
	kind      TEXT NOT NULL DEFAULT '' CHECK (kind IN ('', 'post', 'project'))
);
CREATE INDEX catalog_parent ON catalog(parent_id);
CREATE INDEX catalog_name ON catalog(name);

CREATE TABLE contracts (
	id            INTEGER PRIMARY KEY,
	number        TEXT NOT NULL UNIQUE,
	year          INTEGER NOT NULL,
	unit_id       INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
	contractor_id INTEGER NOT NULL REFERENCES contractors(id) ON DELETE RESTRICT,
	catalog_id    INTEGER REFERENCES catalog(id) ON DELETE RESTRICT,
	kind          TEXT NOT NULL CHECK (kind IN ('post', 'project')),
	title         TEXT NOT NULL,
	headcount     INTEGER NOT NULL DEFAULT 0 CHECK (headcount >= 0),
	method        TEXT NOT NULL,
	amount        INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),
	start_date    TEXT NOT NULL DEFAULT '',
	end_date      TEXT NOT NULL DEFAULT '',
	funding       TEXT NOT NULL,
	fee_basis     TEXT NOT NULL DEFAULT '',
	status        TEXT NOT NULL,
	notes         TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);
-- The contract list filters by year, unit, contractor or status and sorts by
-- any column. The year-leading indexes serve the common "this year's
-- contracts by amount/start" page without a sort step; contracts_year_search
-- holds every column the search box looks at, so counting a searched year
-- reads that index alone instead of fetching each row; the others serve the
-- unit, contractor and catalog lookups (and the checks that refuse deleting a
-- referenced unit, contractor or catalog item).
CREATE INDEX contracts_year_amount ON contracts(year, amount);
CREATE INDEX contracts_year_start ON contracts(year, start_date);
CREATE INDEX contracts_year_search ON contracts(year, number, title, unit_id, contractor_id, catalog_id);
CREATE INDEX contracts_amount ON contracts(amount);
CREATE INDEX contracts_start ON contracts(start_date);
CREATE INDEX contracts_unit ON contracts(unit_id, year, amount);
CREATE INDEX contracts_contractor ON contracts(contractor_id, year, amount);
CREATE INDEX contracts_catalog ON contracts(catalog_id);
CREATE INDEX contracts_status ON contracts(status, year);

CREATE TABLE payments (
	id          INTEGER PRIMARY KEY,
	contract_id INTEGER NOT NULL REFERENCES contracts(id) ON DELETE RESTRICT,
	date        TEXT NOT NULL,
	amount      INTEGER NOT NULL CHECK (amount > 0),
	period      TEXT NOT NULL DEFAULT '',
	voucher     TEXT NOT NULL DEFAULT '',
	account     TEXT NOT NULL DEFAULT '',
	notes       TEXT NOT NULL DEFAULT '',
	over_reason TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL
);
-- (contract_id, date, amount) answers "paid so far" and "paid in year Y" for
-- one contract from the index alone; (date) finds a year's payments for the
-- report.
CREATE INDEX payments_contract ON payments(contract_id, date, amount);
CREATE INDEX payments_date ON payments(date, contract_id, amount);

CREATE TABLE audit_log (
	id        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,
	actor     TEXT NOT NULL,
	action    TEXT NOT NULL, -- create, update, delete, load
	entity    TEXT NOT NULL, -- unit, contractor, catalog, contract, payment, setting, dataset
	entity_id INTEGER,        -- NULL for settings and dataset loads
	before    TEXT,           -- JSON, NULL on create
	after     TEXT            -- JSON, NULL on delete
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_at ON audit_log(at);
