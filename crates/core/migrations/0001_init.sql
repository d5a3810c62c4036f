-- 0001: foundation — operators, audit log, fiscal years, org units, projects, rule sets.
-- Shipped migrations are append-only: never edit this file, add 0002_….sql instead.
-- Every user-written table: UUIDv7 TEXT primary key (rows are created on many offline PCs and
-- merged later), created_at / updated_at / deleted_at (soft delete, so deletes can travel).

CREATE TABLE operator (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    dept        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;

-- Settings of this PC only (current operator, first-start done); never synced.
CREATE TABLE local_setting (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE audit_log (
    id             TEXT PRIMARY KEY,
    at             TEXT NOT NULL,
    operator_id    TEXT,
    operator_name  TEXT NOT NULL,
    operator_dept  TEXT NOT NULL,
    action         TEXT NOT NULL,
    entity         TEXT NOT NULL,
    entity_id      TEXT,
    summary        TEXT NOT NULL,
    before_json    TEXT,
    after_json     TEXT
) STRICT;
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

CREATE TABLE fiscal_year (
    id          TEXT PRIMARY KEY,
    year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE UNIQUE INDEX fiscal_year_year ON fiscal_year(year) WHERE deleted_at IS NULL;

CREATE TABLE org_unit (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    parent_id   TEXT REFERENCES org_unit(id),
    kind        TEXT NOT NULL CHECK (kind IN ('财政局股室','主管部门','预算单位','乡镇','第三方机构')),
    contact     TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE UNIQUE INDEX org_unit_code ON org_unit(code) WHERE deleted_at IS NULL;
CREATE INDEX org_unit_parent ON org_unit(parent_id);

CREATE TABLE project (
    id                   TEXT PRIMARY KEY,
    fiscal_year          INTEGER NOT NULL,
    code                 TEXT NOT NULL,
    name                 TEXT NOT NULL,
    unit_id              TEXT NOT NULL REFERENCES org_unit(id),
    budget_type          TEXT NOT NULL CHECK (budget_type IN ('一般公共预算','政府性基金预算','国有资本经营预算','社保基金预算')),
    category             TEXT NOT NULL CHECK (category IN ('运转类','特定目标类')),
    new_or_continuing    TEXT NOT NULL CHECK (new_or_continuing IN ('新增','延续')),
    period_start         INTEGER NOT NULL,
    period_end           INTEGER NOT NULL,
    initial_budget_fen   INTEGER NOT NULL CHECK (initial_budget_fen >= 0),
    adjusted_budget_fen  INTEGER NOT NULL CHECK (adjusted_budget_fen >= 0),
    fund_source          TEXT NOT NULL DEFAULT '',
    is_special_bond      INTEGER NOT NULL DEFAULT 0 CHECK (is_special_bond IN (0, 1)),
    grade                TEXT CHECK (grade IN ('A','B','C')),
    managing_dept_id     TEXT REFERENCES org_unit(id),
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    deleted_at           TEXT,
    CHECK (period_end >= period_start)
) STRICT;
CREATE UNIQUE INDEX project_year_code ON project(fiscal_year, code) WHERE deleted_at IS NULL;
CREATE INDEX project_year_unit ON project(fiscal_year, unit_id) WHERE deleted_at IS NULL;
CREATE INDEX project_year_amount ON project(fiscal_year, adjusted_budget_fen) WHERE deleted_at IS NULL;

-- Versioned rule sets: every save inserts a new version; later stages read the newest one.
CREATE TABLE rule_set (
    id          TEXT PRIMARY KEY,
    version     INTEGER NOT NULL UNIQUE,
    body_json   TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    created_by  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
