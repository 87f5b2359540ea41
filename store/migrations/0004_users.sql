-- Users and roles (off until the first user is created), and payments
-- waiting for a second person's approval (maker–checker). A request becomes
-- a payment only when approved, so no sum ever counts it before.

CREATE TABLE users (
	id           INTEGER PRIMARY KEY,
	name         TEXT NOT NULL UNIQUE,
	role         TEXT NOT NULL CHECK (role IN ('录入员', '审核员', '管理员')),
	hash         TEXT NOT NULL, -- argon2id, salted
	failed       INTEGER NOT NULL DEFAULT 0,
	locked_until TEXT NOT NULL DEFAULT '',
	created_at   TEXT NOT NULL
);

CREATE TABLE payment_requests (
	id          INTEGER PRIMARY KEY,
	contract_id INTEGER NOT NULL REFERENCES contracts(id) ON DELETE RESTRICT,
	payment     TEXT NOT NULL, -- JSON of the payment asked for, money in fen
	author      TEXT NOT NULL,
	created_at  TEXT NOT NULL
);
