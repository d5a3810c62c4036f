-- 国密 signed exchange (issue 14). This PC's SM2 key pair; on a unit/township PC also the
-- bureau's public key and site id from its 入网文件. Never sent in a package.
CREATE TABLE sync_key (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    secret_hex         TEXT NOT NULL,
    public_hex         TEXT NOT NULL,
    bureau_site_id     TEXT,
    bureau_public_hex  TEXT,
    created_at         TEXT NOT NULL
) STRICT;

-- The bureau's register of enrolled PCs (入网登记): which public key speaks for which unit.
CREATE TABLE sync_enrolment (
    site_id         TEXT PRIMARY KEY,
    unit_id         TEXT NOT NULL REFERENCES org_unit(id),
    kind            TEXT NOT NULL CHECK (kind IN ('预算单位','乡镇')),
    name            TEXT NOT NULL,
    public_hex      TEXT NOT NULL,
    enrolled_at     TEXT NOT NULL,
    enrolled_by     TEXT NOT NULL,
    revoked_at      TEXT,
    revoked_reason  TEXT NOT NULL DEFAULT ''
) STRICT;

-- Packages carry consecutive numbers per destination within the sender's epoch (a restore from
-- an older backup starts a new epoch, so peers resend instead of skipping), and the sender's
-- 操作日志 head.
ALTER TABLE sync_local ADD COLUMN epoch TEXT NOT NULL DEFAULT '';
ALTER TABLE sync_peer ADD COLUMN last_sent_no INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_peer ADD COLUMN epoch TEXT NOT NULL DEFAULT '';
ALTER TABLE sync_package ADD COLUMN number INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_package ADD COLUMN epoch TEXT NOT NULL DEFAULT '';
ALTER TABLE sync_package ADD COLUMN audit_head TEXT NOT NULL DEFAULT '';
