-- 0012: 工作台 and 绩效管理工作考核 (the year-end assessment of every department and township).
-- Shipped migrations are append-only: never edit this file, add a later one instead.
-- Scores are centi-points (8950 = 89.50 分). The rule set (items, points, bands) lives in
-- rule_set.body_json (section "assessment"), versioned with the other rules.

-- The login before the last one: 「自上次登录以来新逾期」 compares deadlines with it (the
-- last login is the current session's own).
ALTER TABLE account ADD COLUMN prev_login_at TEXT;

-- One 考核 per year and kind (部门 / 乡镇): 草稿 while hand items are edited, 已定稿 once
-- frozen. result_json holds the table as finalised (items, totals, ranks, grades) so an edited
-- rule set or later data never change a finished 考核. The 考核结果通报 (one per year, both
-- kinds) is stored on the 部门 row once issued, with its 文号.
CREATE TABLE assess_sheet (
    id            TEXT PRIMARY KEY,
    fiscal_year   INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('部门','乡镇')),
    status        TEXT NOT NULL CHECK (status IN ('草稿','已定稿')),
    rule_version  INTEGER NOT NULL,
    result_json   TEXT,
    finalized_by  TEXT,
    finalized_at  TEXT,
    org_code      TEXT,
    doc_year      INTEGER,
    doc_seq       INTEGER,
    notice_pdf    BLOB,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    CHECK ((status = '已定稿') = (result_json IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX assess_sheet_year_kind ON assess_sheet(fiscal_year, kind) WHERE deleted_at IS NULL;

-- A hand-scored item of one unit (加分 / 扣分 / 手工评分) with its reason.
CREATE TABLE assess_hand (
    id            TEXT PRIMARY KEY,
    fiscal_year   INTEGER NOT NULL,
    unit_id       TEXT NOT NULL REFERENCES org_unit(id),
    item_code     TEXT NOT NULL,
    score_cp      INTEGER NOT NULL CHECK (score_cp >= 0),
    reason        TEXT NOT NULL DEFAULT '',
    updated_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
) STRICT;
CREATE UNIQUE INDEX assess_hand_key ON assess_hand(fiscal_year, unit_id, item_code) WHERE deleted_at IS NULL;

-- The 考核 rule set (items and points for 部门 and 乡镇, grade bands), versioned like rule_set:
-- every save inserts a version, the newest live one is current, none saved = built-in default.
CREATE TABLE assess_rule_set (
    id          TEXT PRIMARY KEY,
    version     INTEGER NOT NULL UNIQUE,
    body_json   TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    created_by  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
