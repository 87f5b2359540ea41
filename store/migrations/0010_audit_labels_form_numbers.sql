-- The audit log names each record as it was when the entry was written
-- (合同 YX2024-076, 承接主体 云溪区绿源环保科技有限公司), so a later rename or
-- delete does not lose it. Entries written before are named, as far as
-- can be told, from what they recorded, else from the record as it is now.
-- An entry that recorded no record before or after held JSON null; it
-- holds SQL NULL as new entries do.
ALTER TABLE audit_log ADD COLUMN label TEXT NOT NULL DEFAULT '';

-- Each recorded payment has the number of its approval form (支付审批表):
-- the year of the payment and its place among that year's payments, in the
-- order they were recorded. The trigger numbers every payment however it is
-- written — the window, an import, an approved request, a dataset load —
-- and a year's counter never goes back, so the number of a deleted payment
-- is never given to another. Payments recorded before are numbered in the
-- order they were recorded.
CREATE TABLE payment_form_counters (
	year INTEGER PRIMARY KEY,
	last INTEGER NOT NULL
);
CREATE TABLE payment_forms (
	payment_id INTEGER PRIMARY KEY REFERENCES payments(id) ON DELETE CASCADE,
	year       INTEGER NOT NULL,
	seq        INTEGER NOT NULL,
	UNIQUE (year, seq)
);
INSERT INTO payment_forms (payment_id, year, seq)
	SELECT id, y, ROW_NUMBER() OVER (PARTITION BY y ORDER BY id)
	FROM (SELECT id, CAST(substr(date, 1, 4) AS INTEGER) AS y FROM payments);
INSERT INTO payment_form_counters (year, last)
	SELECT year, MAX(seq) FROM payment_forms GROUP BY year;

CREATE TRIGGER payments_form_number AFTER INSERT ON payments
BEGIN
	INSERT OR IGNORE INTO payment_form_counters (year, last) VALUES (CAST(substr(NEW.date, 1, 4) AS INTEGER), 0);
	UPDATE payment_form_counters SET last = last + 1 WHERE year = CAST(substr(NEW.date, 1, 4) AS INTEGER);
	INSERT INTO payment_forms (payment_id, year, seq)
		SELECT NEW.id, year, last FROM payment_form_counters WHERE year = CAST(substr(NEW.date, 1, 4) AS INTEGER);
END;

UPDATE audit_log SET before = NULL WHERE before = 'null';
UPDATE audit_log SET after = NULL WHERE after = 'null';

UPDATE audit_log SET label = COALESCE((
	SELECT CASE audit_log.entity
		WHEN 'contract' THEN json_extract(r.j, '$.number')
		WHEN 'unit' THEN json_extract(r.j, '$.name')
		WHEN 'contractor' THEN json_extract(r.j, '$.name')
		WHEN 'fee_standard' THEN json_extract(r.j, '$.name')
		WHEN 'user' THEN json_extract(r.j, '$.name')
		WHEN 'catalog' THEN json_extract(r.j, '$.code') || ' ' || json_extract(r.j, '$.name')
		WHEN 'requirement' THEN json_extract(r.j, '$.catalog_code')
		WHEN 'setting' THEN json_extract(r.j, '$.key')
		WHEN 'dataset' THEN json_extract(r.j, '$.district')
		WHEN 'database' THEN json_extract(r.j, '$.file')
		WHEN 'import' THEN (SELECT group_concat(value, '、') FROM json_each(r.j, '$.files'))
		WHEN 'year' THEN CAST(audit_log.entity_id AS TEXT)
		WHEN 'plan' THEN (SELECT number FROM contracts WHERE id = audit_log.entity_id)
		WHEN 'hint' THEN (SELECT number FROM contracts WHERE id = audit_log.entity_id)
		WHEN 'payment_request' THEN (SELECT number FROM contracts WHERE id = json_extract(r.j, '$.contract_id'))
		WHEN 'assessment' THEN (SELECT number FROM contracts WHERE id = json_extract(r.j, '$.contract_id'))
			|| ' ' || json_extract(r.j, '$.period')
		WHEN 'inspection' THEN (SELECT number FROM contracts WHERE id = json_extract(r.j, '$.contract_id'))
			|| ' ' || json_extract(r.j, '$.period')
		WHEN 'payment' THEN (SELECT number FROM contracts WHERE id = json_extract(r.j, '$.contract_id'))
			|| COALESCE((SELECT printf(' 审批表 %d-%04d', year, seq) FROM payment_forms WHERE payment_id = audit_log.entity_id), '')
	END
	FROM (SELECT CASE WHEN json_valid(COALESCE(audit_log.after, audit_log.before))
		THEN COALESCE(audit_log.after, audit_log.before) ELSE '{}' END AS j) AS r
), '');
