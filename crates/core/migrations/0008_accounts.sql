-- 0008: accounts and roles (账号与角色). Each PC has its own accounts; they never travel in
-- exchange packages. Passwords and recovery codes are argon2id PHC strings, never clear text.

CREATE TABLE account (
    id             TEXT PRIMARY KEY,
    login          TEXT NOT NULL,
    name           TEXT NOT NULL,
    dept           TEXT NOT NULL DEFAULT '',
    unit_id        TEXT REFERENCES org_unit(id),
    -- JSON array of role names (系统管理员, 安全审计员, 绩效管理, 业务股室, 单位填报, 只读).
    roles          TEXT NOT NULL,
    -- NULL: the password is set at the next start (an administrator migrated from the
    -- operator profile of an older version).
    password_hash  TEXT,
    must_change    INTEGER NOT NULL DEFAULT 0 CHECK (must_change IN (0, 1)),
    enabled        INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    failed_count   INTEGER NOT NULL DEFAULT 0,
    locked_until   TEXT,
    recovery_hash  TEXT,
    last_login_at  TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
) STRICT;
CREATE UNIQUE INDEX account_login ON account(login) WHERE deleted_at IS NULL;

-- The operator of an existing database becomes its 系统管理员, who sets a password at the
-- next start.
INSERT INTO account (id, login, name, dept, roles, created_at, updated_at)
SELECT o.id, 'admin', o.name, o.dept, '["系统管理员"]', o.created_at, o.updated_at
FROM operator o JOIN local_setting s ON s.key = 'current_operator_id' AND s.value = o.id
WHERE o.deleted_at IS NULL;

-- The A类 two-person rule: both accounts of a 批复 are kept, not only their names.
ALTER TABLE perf_target ADD COLUMN first_approved_account TEXT;
ALTER TABLE perf_target ADD COLUMN approved_account TEXT;
