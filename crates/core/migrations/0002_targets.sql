-- 0002: 指标库 (indicator library), 事前绩效评估 (ex-ante assessment), 绩效目标 ("二上二下").
-- Shipped migrations are append-only: never edit this file, add 0003_….sql instead.
-- Same conventions as 0001: UUIDv7 TEXT keys, created_at / updated_at / deleted_at.
-- 一级/二级/指标性质 are the Chinese labels of `indicator::{Level1, Level2, Nature}`; that the
-- 二级 belongs to its 一级 is checked in Rust (one message naming the row), not here.

CREATE TABLE indicator_category (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    sort        INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE UNIQUE INDEX indicator_category_name ON indicator_category(name) WHERE deleted_at IS NULL;

CREATE TABLE library_indicator (
    id            TEXT PRIMARY KEY,
    category_id   TEXT NOT NULL REFERENCES indicator_category(id),
    level1        TEXT NOT NULL CHECK (level1 IN ('产出指标','效益指标','满意度指标')),
    level2        TEXT NOT NULL,
    name          TEXT NOT NULL,
    explanation   TEXT NOT NULL DEFAULT '',
    unit          TEXT NOT NULL DEFAULT '',
    nature        TEXT NOT NULL CHECK (nature IN ('≥','≤','=','>','<','区间','定性')),
    reference     TEXT NOT NULL DEFAULT '',
    is_core       INTEGER NOT NULL DEFAULT 0 CHECK (is_core IN (0, 1)),
    -- 适用项目类别, '、'-separated (基础设施建设类、补助类 …).
    project_kinds TEXT NOT NULL DEFAULT '',
    -- 内置 (shipped starter) / 导入 / 新建.
    source        TEXT NOT NULL DEFAULT '新建',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
) STRICT;
CREATE UNIQUE INDEX library_indicator_key
    ON library_indicator(category_id, level1, level2, name) WHERE deleted_at IS NULL;

-- 案例: a complete target set for a typical project of a category.
CREATE TABLE library_case (
    id               TEXT PRIMARY KEY,
    category_id      TEXT NOT NULL REFERENCES indicator_category(id),
    title            TEXT NOT NULL,
    project_example  TEXT NOT NULL DEFAULT '',
    overall_goal     TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT
) STRICT;
CREATE UNIQUE INDEX library_case_title ON library_case(title) WHERE deleted_at IS NULL;

CREATE TABLE library_case_indicator (
    id          TEXT PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES library_case(id),
    seq         INTEGER NOT NULL,
    level1      TEXT NOT NULL,
    level2      TEXT NOT NULL,
    name        TEXT NOT NULL,
    nature      TEXT NOT NULL CHECK (nature IN ('≥','≤','=','>','<','区间','定性')),
    value       TEXT NOT NULL DEFAULT '',
    value_high  TEXT,
    unit        TEXT NOT NULL DEFAULT '',
    weight_cp   INTEGER,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE INDEX library_case_indicator_case ON library_case_indicator(case_id, seq);

-- Projects the bureau designated for 事前评估 on top of the rule set's threshold.
CREATE TABLE exante_designation (
    id          TEXT PRIMARY KEY,
    project_id  TEXT NOT NULL REFERENCES project(id),
    reason      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE UNIQUE INDEX exante_designation_project ON exante_designation(project_id) WHERE deleted_at IS NULL;

CREATE TABLE exante_assessment (
    id             TEXT PRIMARY KEY,
    project_id     TEXT NOT NULL REFERENCES project(id),
    -- 财政 / 单位 / 第三方机构
    assessor_type  TEXT NOT NULL CHECK (assessor_type IN ('财政','单位','第三方机构')),
    assessor_org_id TEXT REFERENCES org_unit(id),
    assessor_name  TEXT NOT NULL DEFAULT '',
    -- Sub-item scores as JSON (aspect → item → centi-points), with the rule-set version they follow.
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
CREATE UNIQUE INDEX exante_assessment_project ON exante_assessment(project_id) WHERE deleted_at IS NULL;

-- 绩效目标: one row per version. `is_current` marks the newest version of a target; older
-- versions are the history kept when an approved target is adjusted.
CREATE TABLE perf_target (
    id                  TEXT PRIMARY KEY,
    fiscal_year         INTEGER NOT NULL,
    kind                TEXT NOT NULL CHECK (kind IN ('项目','部门整体')),
    project_id          TEXT REFERENCES project(id),
    unit_id             TEXT NOT NULL REFERENCES org_unit(id),
    version             INTEGER NOT NULL DEFAULT 1,
    is_current          INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1)),
    previous_id         TEXT REFERENCES perf_target(id),
    -- 编制 → 一上 → 一下 → 二上 → 二下; 二下 is frozen.
    status              TEXT NOT NULL CHECK (status IN ('编制','一上','一下','二上','二下')),
    overall_goal        TEXT NOT NULL DEFAULT '',
    adjustment_reason   TEXT NOT NULL DEFAULT '',
    -- 核减 recorded at review, 分.
    reduction_fen       INTEGER NOT NULL DEFAULT 0 CHECK (reduction_fen >= 0),
    is_public           INTEGER NOT NULL DEFAULT 1 CHECK (is_public IN (0, 1)),
    not_public_reason   TEXT NOT NULL DEFAULT '',
    -- A-tier targets need a second reviewer: the first approval is recorded here, the second
    -- (by another person) moves the target to 二下.
    first_approved_by   TEXT,
    first_approved_at   TEXT,
    approved_by         TEXT,
    approved_at         TEXT,
    submitted_at        TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    deleted_at          TEXT,
    CHECK ((kind = '项目') = (project_id IS NOT NULL)),
    CHECK (is_public = 1 OR not_public_reason <> '')
) STRICT;
CREATE UNIQUE INDEX perf_target_current_project
    ON perf_target(project_id) WHERE is_current = 1 AND deleted_at IS NULL AND kind = '项目';
CREATE UNIQUE INDEX perf_target_current_unit
    ON perf_target(fiscal_year, unit_id) WHERE is_current = 1 AND deleted_at IS NULL AND kind = '部门整体';
CREATE INDEX perf_target_year ON perf_target(fiscal_year, status) WHERE deleted_at IS NULL;

CREATE TABLE target_indicator (
    id          TEXT PRIMARY KEY,
    target_id   TEXT NOT NULL REFERENCES perf_target(id),
    seq         INTEGER NOT NULL,
    level1      TEXT NOT NULL CHECK (level1 IN ('产出指标','效益指标','满意度指标')),
    level2      TEXT NOT NULL,
    name        TEXT NOT NULL,
    nature      TEXT NOT NULL CHECK (nature IN ('≥','≤','=','>','<','区间','定性')),
    -- Decimal text for quantitative natures (the low bound for 区间); the text for 定性.
    value       TEXT NOT NULL,
    value_high  TEXT,
    unit        TEXT NOT NULL DEFAULT '',
    weight_cp   INTEGER CHECK (weight_cp IS NULL OR weight_cp BETWEEN 0 AND 10000),
    library_id  TEXT REFERENCES library_indicator(id),
    is_core     INTEGER NOT NULL DEFAULT 0 CHECK (is_core IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE INDEX target_indicator_target ON target_indicator(target_id, seq);

-- 审核意见 of the "二上二下" review; indicator_id/indicator_name point at one row or none
-- (an overall comment). The name is kept because a revision may delete the row.
CREATE TABLE target_comment (
    id              TEXT PRIMARY KEY,
    target_id       TEXT NOT NULL REFERENCES perf_target(id),
    indicator_id    TEXT,
    indicator_name  TEXT NOT NULL DEFAULT '',
    category        TEXT NOT NULL CHECK (category IN ('完整性','相关性','适当性','可行性')),
    text            TEXT NOT NULL,
    resolved        INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
    resolved_at     TEXT,
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
) STRICT;
CREATE INDEX target_comment_target ON target_comment(target_id);

-- What the unit submitted at each 一上/二上 (JSON of goal + indicators): the reviewer's diff
-- at 二上 compares the current body with the submission that was returned.
CREATE TABLE target_submission (
    id          TEXT PRIMARY KEY,
    target_id   TEXT NOT NULL REFERENCES perf_target(id),
    status      TEXT NOT NULL CHECK (status IN ('一上','二上')),
    body_json   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE INDEX target_submission_target ON target_submission(target_id, created_at);
