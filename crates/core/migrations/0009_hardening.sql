-- Hostile input (issue 14). A 佐证材料 file is stored as evidence/<sha256>: the hash names a
-- file, so it must be exactly 64 lowercase hex digits — never `../jixiao.db` from a package or a
-- restored file. SQLite cannot add a CHECK to an existing table, so triggers refuse the row.
-- Rows already stored are left alone here; `check` reports any that break the rule.
CREATE TRIGGER rectification_evidence_sha256_insert
BEFORE INSERT ON rectification_evidence
WHEN length(NEW.sha256) <> 64 OR NEW.sha256 GLOB '*[^0-9a-f]*'
BEGIN
    SELECT RAISE(ABORT, '佐证材料的校验值（sha256）应为64位小写十六进制数字');
END;

CREATE TRIGGER rectification_evidence_sha256_update
BEFORE UPDATE OF sha256 ON rectification_evidence
WHEN length(NEW.sha256) <> 64 OR NEW.sha256 GLOB '*[^0-9a-f]*'
BEGIN
    SELECT RAISE(ABORT, '佐证材料的校验值（sha256）应为64位小写十六进制数字');
END;
