-- 0016: 政策 as objects (issue 21): the 政策 register with its yearly 资金规模 and the projects
-- that carry it, the 政策事前评估 (scored on the rule set's policy sheet), and the bureau's
-- 全周期跟踪问效 decisions (继续 / 调整 / 退出) on multi-year projects and policies.
-- Shipped migrations are append-only: never edit this file, add a later one instead.

CREATE TABLE policy (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    -- 文号, e.g. 冠政办发〔2024〕12号; may be empty.
    doc_no        TEXT NOT NULL DEFAULT '',
    -- 主管部门.
    dept_unit_id  TEXT NOT NULL REFERENCES org_unit(id),
    start_year    INTEGER NOT NULL,
    end_year      INTEGER NOT NULL,
    -- 资金规模 per year: [{"year":2025,"fen":120000000}, …], years within start..end.
    funds_json    TEXT NOT NULL DEFAULT '[]',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    CHECK (end_year >= start_year)
) STRICT;
CREATE UNIQUE INDEX policy_name ON policy(name) WHERE deleted_at IS NULL;

-- The projects that carry a policy.
CREATE TABLE policy_project (
    id          TEXT PRIMARY KEY,
    policy_id   TEXT NOT NULL REFERENCES policy(id),
    project_id  TEXT NOT NULL REFERENCES project(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE UNIQUE INDEX policy_project_pair ON policy_project(policy_id, project_id) WHERE deleted_at IS NULL;
CREATE INDEX policy_project_project ON policy_project(project_id) WHERE deleted_at IS NULL;

-- 政策事前评估: like exante_assessment, one live row per policy.
CREATE TABLE policy_assessment (
    id             TEXT PRIMARY KEY,
    policy_id      TEXT NOT NULL REFERENCES policy(id),
    assessor_type  TEXT NOT NULL CHECK (assessor_type IN ('财政','单位','第三方机构')),
    assessor_org_id TEXT REFERENCES org_unit(id),
    assessor_name  TEXT NOT NULL DEFAULT '',
    scores_json    TEXT NOT NULL,
    rule_version   INTEGER NOT NULL,
    total_cp       INTEGER NOT NULL CHECK (total_cp BETWEEN 0 AND 10000),
    conclusion     TEXT NOT NULL CHECK (conclusion IN ('予以支持','调整完善后予以支持','不予支持')),
    declared_fen   INTEGER NOT NULL CHECK (declared_fen >= 0),
    approved_fen   INTEGER NOT NULL CHECK (approved_fen >= 0),
    opinion        TEXT NOT NULL DEFAULT '',
    assessed_on    TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT,
    CHECK (approved_fen <= declared_fen)
) STRICT;
CREATE UNIQUE INDEX policy_assessment_policy ON policy_assessment(policy_id) WHERE deleted_at IS NULL;

-- 全周期跟踪问效: the bureau's decision on a multi-year project or policy for a year
-- (继续 / 调整 / 退出), one live decision per object and year.
CREATE TABLE cycle_decision (
    id           TEXT PRIMARY KEY,
    fiscal_year  INTEGER NOT NULL,
    object_kind  TEXT NOT NULL CHECK (object_kind IN ('项目','政策')),
    object_id    TEXT NOT NULL,
    -- The project's or the policy's unit (主管部门), for sending a unit its own data.
    unit_id      TEXT REFERENCES org_unit(id),
    decision     TEXT NOT NULL CHECK (decision IN ('继续','调整','退出')),
    reason       TEXT NOT NULL DEFAULT '',
    decided_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;
CREATE UNIQUE INDEX cycle_decision_key ON cycle_decision(object_kind, object_id, fiscal_year) WHERE deleted_at IS NULL;
