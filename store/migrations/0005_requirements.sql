-- Service requirements per catalog item (服务专业化): the contractor types
-- allowed and the qualification or licence needed, as JSON. A contract that
-- goes ahead with a contractor who does not meet them keeps its reason as
-- the acknowledgement of the "requirement" hint.
CREATE TABLE requirements (
	catalog_code TEXT PRIMARY KEY,
	body         TEXT NOT NULL,
	updated_at   TEXT NOT NULL
);
