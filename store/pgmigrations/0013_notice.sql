-- Twin of migrations/0013_notice.sql: what the contract notice states
-- beyond the contract's own fields.
ALTER TABLE units ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN project_no TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN place TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN spec TEXT NOT NULL DEFAULT '';
