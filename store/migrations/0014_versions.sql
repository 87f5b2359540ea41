-- Optimistic concurrency (issue 16): a record an officer opens in a form and
-- saves back carries a version that every change raises by one, and the
-- person who made the last change. A save that brings an older version is
-- refused, naming updated_by and updated_at, instead of overwriting a change
-- made since the form opened. The audit log cannot say who: an import or a
-- dataset load that merges into a record writes one audit row for the whole
-- run, not one per record. Plain SQL that SQLite and PostgreSQL both accept.
ALTER TABLE units ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE units ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
ALTER TABLE contractors ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE contractors ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE contracts ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
ALTER TABLE plans ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE plans ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE assessments ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
ALTER TABLE inspections ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE inspections ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
ALTER TABLE fee_standards ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE fee_standards ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
-- The catalog had no time of change; '' until its first change.
ALTER TABLE catalog ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE catalog ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
ALTER TABLE catalog ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
