-- The fee-standard library (收费标准库, 标准科学化) that prices contracts,
-- and inspections (督查) whose deductions reach the period's assessment.

CREATE TABLE fee_standards (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE,
	body       TEXT NOT NULL, -- JSON govbuy.FeeStandard; money in fen, rates in basis points
	updated_at TEXT NOT NULL
);

ALTER TABLE contracts ADD COLUMN fee_standard_id INTEGER REFERENCES fee_standards(id) ON DELETE RESTRICT;
ALTER TABLE contracts ADD COLUMN fee_quantity INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contracts ADD COLUMN fee_base INTEGER NOT NULL DEFAULT 0; -- fen

CREATE TABLE inspections (
	id          INTEGER PRIMARY KEY,
	contract_id INTEGER NOT NULL REFERENCES contracts(id) ON DELETE RESTRICT,
	period      TEXT NOT NULL,
	date        TEXT NOT NULL,
	kind        TEXT NOT NULL,
	inspectors  TEXT NOT NULL,
	findings    TEXT NOT NULL DEFAULT '',
	attachments TEXT NOT NULL DEFAULT '[]', -- JSON list of paths
	deductions  TEXT NOT NULL DEFAULT '[]', -- JSON [{criterion, points (tenths), finding}]
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL
);
CREATE INDEX inspections_contract ON inspections (contract_id, period);

CREATE TRIGGER inspections_closed_insert BEFORE INSERT ON inspections
WHEN EXISTS (SELECT 1 FROM closed_years WHERE year = CAST(substr(NEW.period, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'govbuy: year closed'); END;

CREATE TRIGGER inspections_closed_update BEFORE UPDATE ON inspections
WHEN EXISTS (SELECT 1 FROM closed_years WHERE year IN (CAST(substr(OLD.period, 1, 4) AS INTEGER), CAST(substr(NEW.period, 1, 4) AS INTEGER)))
BEGIN SELECT RAISE(ABORT, 'govbuy: year closed'); END;

CREATE TRIGGER inspections_closed_delete BEFORE DELETE ON inspections
WHEN EXISTS (SELECT 1 FROM closed_years WHERE year = CAST(substr(OLD.period, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'govbuy: year closed'); END;
