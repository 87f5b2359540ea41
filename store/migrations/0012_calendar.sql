-- The public record of a contract (govbuy.PublicRecord): the dates the law
-- counts its deadlines from (award notice, signing, publication, filing with
-- the finance department, procurement intention and start) with where it
-- was published, the filing number and the reason a term runs past a year.
-- Dates are 'YYYY-MM-DD' or '' when not recorded, like start_date.
ALTER TABLE contracts ADD COLUMN award_date TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN sign_date TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN publish_date TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN publish_media TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN filing_date TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN filing_no TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN intent_date TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN procure_date TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN term_reason TEXT NOT NULL DEFAULT '';

-- Supplementary contracts (补充合同), each adding to the original amount
-- (政府采购法 第四十九条 limits them to 10 % in all). Money in fen.
CREATE TABLE contract_supplements (
	id          INTEGER PRIMARY KEY,
	contract_id INTEGER NOT NULL REFERENCES contracts(id),
	number      TEXT NOT NULL DEFAULT '',
	date        TEXT NOT NULL,
	amount      INTEGER NOT NULL CHECK (amount > 0),
	notes       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contract_supplements_contract ON contract_supplements(contract_id);

-- The working calendar's days the district entered (设置), beside the years
-- govbuy ships (2020–2026): statutory holidays (work = 0) and the weekend
-- days made working days (调休, work = 1) of a year the State Council has
-- announced since, or a correction of a shipped day.
CREATE TABLE calendar_days (
	date TEXT PRIMARY KEY,
	work INTEGER NOT NULL CHECK (work IN (0, 1)),
	name TEXT NOT NULL DEFAULT ''
);

-- A closed year's contracts keep their supplements as they were, whoever
-- writes (the window, an import, a restore's replay).
CREATE TRIGGER contract_supplements_closed_insert BEFORE INSERT ON contract_supplements
WHEN EXISTS (SELECT 1 FROM closed_years y JOIN contracts c ON c.year = y.year WHERE c.id = NEW.contract_id)
BEGIN SELECT RAISE(ABORT, 'govbuy: year closed'); END;

CREATE TRIGGER contract_supplements_closed_update BEFORE UPDATE ON contract_supplements
WHEN EXISTS (SELECT 1 FROM closed_years y JOIN contracts c ON c.year = y.year WHERE c.id IN (OLD.contract_id, NEW.contract_id))
BEGIN SELECT RAISE(ABORT, 'govbuy: year closed'); END;

CREATE TRIGGER contract_supplements_closed_delete BEFORE DELETE ON contract_supplements
WHEN EXISTS (SELECT 1 FROM closed_years y JOIN contracts c ON c.year = y.year WHERE c.id = OLD.contract_id)
BEGIN SELECT RAISE(ABORT, 'govbuy: year closed'); END;
