-- 0007: the audit log (操作日志) becomes append-only and hash-chained.
--
-- Each row gets `seq` (1, 2, 3, … with no gap), `prev_hash` (the `hash` of row seq-1; 64 zeros
-- for row 1) and `hash` (SM3 over the row's canonical encoding, lowercase hex — the encoding is
-- documented in crates/core/src/audit/chain.rs so an auditor can re-compute it).
--
-- Rows of an older database are chained right after this file runs, in the same transaction,
-- by Rust (SQL has no SM3): in the order (at, id), only rows whose hash is NULL
-- (`audit::chain::seal_unchained`, called from db/migrate.rs). That is the one UPDATE the
-- trigger below lets through: giving an unsealed row its seal. Once a row has a hash it can
-- never be changed or deleted while the triggers stand; whoever drops them is caught by
-- `audit::chain::verify_chain` (`jixiao-cli check`, 数据维护 › 完整性检查, restore).
--
-- audit_log stays LOCAL_ONLY (sync/tables.rs): it is never sent in an exchange package.

ALTER TABLE audit_log ADD COLUMN seq INTEGER;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;

-- The writer reads the last (seq, hash) through this index; the list pages newest-first by it.
CREATE UNIQUE INDEX audit_log_seq ON audit_log(seq);
-- Filters of the 操作日志 screen.
CREATE INDEX audit_log_action ON audit_log(action, seq);
CREATE INDEX audit_log_operator ON audit_log(operator_name, seq);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN OLD.hash IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, '操作日志只能追加，不能修改或删除');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, '操作日志只能追加，不能修改或删除');
END;

-- A new row must continue the chain: the next seq, the last row's hash as prev_hash, and a hash
-- of its own. (Whether that hash is right only Rust can tell; verify_chain does.)
CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log
WHEN NEW.hash IS NULL
  OR NEW.seq IS NOT (SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_log)
  OR NEW.prev_hash IS NOT COALESCE(
        (SELECT hash FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)),
        '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN
    SELECT RAISE(ABORT, '操作日志只能按顺序追加：序号或上一条的校验值不符');
END;
