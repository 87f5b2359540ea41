-- Payment requests keep their ids for good: an approved request is deleted,
-- and without AUTOINCREMENT the next request would take its id again, so
-- the audit log and a printed form would name two requests by one number.
-- The counter starts above every id used so far, the deleted ones included
-- (the audit log remembers them). A request an import made carries its
-- batch, so undoing the import withdraws it.

CREATE TABLE payment_requests_new (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	contract_id INTEGER NOT NULL REFERENCES contracts(id) ON DELETE RESTRICT,
	payment     TEXT NOT NULL, -- JSON of the payment asked for, money in fen
	author      TEXT NOT NULL,
	created_at  TEXT NOT NULL,
	import_batch_id INTEGER REFERENCES import_batches(id) ON DELETE RESTRICT
);
INSERT INTO payment_requests_new (id, contract_id, payment, author, created_at)
	SELECT id, contract_id, payment, author, created_at FROM payment_requests;
DROP TABLE payment_requests;
ALTER TABLE payment_requests_new RENAME TO payment_requests;

DELETE FROM sqlite_sequence WHERE name = 'payment_requests';
INSERT INTO sqlite_sequence (name, seq) SELECT 'payment_requests', MAX(
	(SELECT COALESCE(MAX(id), 0) FROM payment_requests),
	(SELECT COALESCE(MAX(entity_id), 0) FROM audit_log WHERE entity = 'payment_request'));
