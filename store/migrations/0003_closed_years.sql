-- Closed years (年度结账): once a year is closed, its contracts, plans,
-- assessments and payments refuse every change, whoever makes it — the
-- window, an import or the command line — because the triggers sit in the
-- database itself. A contract belongs to its budget year, a payment to the
-- year of its date, an assessment to the year of its period.

CREATE TABLE closed_years (
	year      INTEGER PRIMARY KEY,
	closed_at TEXT NOT NULL,
	actor     TEXT NOT NULL
);

CREATE TRIGGER contracts_closed_insert BEFORE INSERT ON contracts
WHEN EXISTS (SELECT 1 FROM closed_years WHERE year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'govbuy: year closed'); END;

CREATE TRIGGER contracts_closed_update BEFORE UPDATE ON contracts
WHEN EXISTS (SELECT 1 FROM closed_years WHERE year IN (OLD.year, NEW.year))
BEGIN SELECT RAISE(ABORT, 'govbuy: year closed'); END;

CREATE TRIGGER contracts_closed_delete BEFORE DELETE ON contracts
WHEN EXISTS (SELECT 1 FROM closed_years WHERE year = OLD.year)
BEGIN SELECT RAISE(ABORT, 'govbuy: year closed'); END;

CREATE TRIGGER payments_closed_insert BEFORE INSERT ON payments
WHEN EXISTS (SELECT 1 FROM closed_years WHERE year = CAST(substr(NEW.date, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'govbuy: year closed'); END;

CREATE TRIGGER payments_closed_update BEFORE UPDATE ON payments
WHEN EXISTS (SELECT 1 FROM closed_years WHERE year IN (CAST(substr(OLD.date, 1, 4) AS INTEGER), CAST(substr(NEW.date, 1, 4) AS INTEGER)))
BEGIN SELECT RAISE(ABORT, 'govbuy: year closed'); END;

CREATE TRIGGER payments_closed_delete BEFORE DELETE ON payments
WHEN EXISTS (SELECT 1 FROM closed_years WHERE year = CAST(substr(OLD.date, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'govbuy: year closed'); END;

CREATE TRIGGER assessments_closed_insert BEFORE INSERT ON assessments
WHEN EXISTS (SELECT 1 FROM closed_years WHERE year = CAST(substr(NEW.period, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'govbuy: year closed'); END;

CREATE TRIGGER assessments_closed_update BEFORE UPDATE ON assessments
WHEN EXISTS (SELECT 1 FROM closed_years WHERE year IN (CAST(substr(OLD.period, 1, 4) AS INTEGER), CAST(substr(NEW.period, 1, 4) AS INTEGER)))
BEGIN SELECT RAISE(ABORT, 'govbuy: year closed'); END;

CREATE TRIGGER assessments_closed_delete BEFORE DELETE ON assessments
WHEN EXISTS (SELECT 1 FROM closed_years WHERE year = CAST(substr(OLD.period, 1, 4) AS INTEGER))
BEGIN SELECT RAISE(ABORT, 'govbuy: year closed'); END;

CREATE TRIGGER plans_closed_insert BEFORE INSERT ON plans
WHEN EXISTS (SELECT 1 FROM closed_years y JOIN contracts c ON c.year = y.year WHERE c.id = NEW.contract_id)
BEGIN SELECT RAISE(ABORT, 'govbuy: year closed'); END;

CREATE TRIGGER plans_closed_update BEFORE UPDATE ON plans
WHEN EXISTS (SELECT 1 FROM closed_years y JOIN contracts c ON c.year = y.year WHERE c.id = OLD.contract_id)
BEGIN SELECT RAISE(ABORT, 'govbuy: year closed'); END;

CREATE TRIGGER plans_closed_delete BEFORE DELETE ON plans
WHEN EXISTS (SELECT 1 FROM closed_years y JOIN contracts c ON c.year = y.year WHERE c.id = OLD.contract_id)
BEGIN SELECT RAISE(ABORT, 'govbuy: year closed'); END;
