-- A contract may agree its own share of its fee standard (basis points;
-- 0: the standard's own share), for contractors who each negotiated a
-- discount on the same standard.
ALTER TABLE contracts ADD COLUMN fee_share INTEGER NOT NULL DEFAULT 0 CHECK (fee_share BETWEEN 0 AND 10000);
