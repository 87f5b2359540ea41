-- What the contract notice (合同公告, 《政府采购公告和公示信息格式规范
-- （2020年版）》) states beyond the contract's own fields: the purchaser's
-- address, the procurement's project number, where the service is performed
-- (履约地点) and what it must meet (服务要求). '' when not recorded; the
-- notice names each one missing before it is produced.
ALTER TABLE units ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN project_no TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN place TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN spec TEXT NOT NULL DEFAULT '';
