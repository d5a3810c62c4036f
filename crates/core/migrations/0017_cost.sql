-- 0017: 成本预算绩效分析 (cost analysis of the projects of one 领域 and year).
-- Shipped migrations are append-only: never edit this file, add a later one instead.
-- Money in 分; quantities in 1/100 of their 计量单位 (quantity_c 1250 = 12.50 座), never floats.

-- A 成本领域 the bureau adds to the built-in five (城乡环卫, 学前教育, 校车补贴, 公厕管理, 路灯维护).
CREATE TABLE cost_field (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE UNIQUE INDEX cost_field_name ON cost_field(name) WHERE deleted_at IS NULL;

-- One project's cost sheet in one field: its 成本动因, 数量, 计量单位 and the four cost parts.
CREATE TABLE cost_item (
    id              TEXT PRIMARY KEY,
    fiscal_year     INTEGER NOT NULL,
    field           TEXT NOT NULL,
    project_id      TEXT NOT NULL REFERENCES project(id),
    driver          TEXT NOT NULL,
    quantity_c      INTEGER NOT NULL CHECK (quantity_c > 0),
    measure_unit    TEXT NOT NULL,
    personnel_fen   INTEGER NOT NULL CHECK (personnel_fen >= 0),
    operation_fen   INTEGER NOT NULL CHECK (operation_fen >= 0),
    material_fen    INTEGER NOT NULL CHECK (material_fen >= 0),
    other_fen       INTEGER NOT NULL CHECK (other_fen >= 0),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
) STRICT;
CREATE UNIQUE INDEX cost_item_key ON cost_item(fiscal_year, field, project_id) WHERE deleted_at IS NULL;
CREATE INDEX cost_item_project ON cost_item(project_id);

-- 成本定额标准: one row per adoption (version 1, 2, …) of a (year, field, driver); the highest
-- live version is current. Rows are never edited: a new standard is a new version.
CREATE TABLE cost_standard (
    id              TEXT PRIMARY KEY,
    fiscal_year     INTEGER NOT NULL,
    field           TEXT NOT NULL,
    driver          TEXT NOT NULL,
    version         INTEGER NOT NULL CHECK (version >= 1),
    unit_cost_fen   INTEGER NOT NULL CHECK (unit_cost_fen > 0),
    measure_unit    TEXT NOT NULL,
    basis           TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT '',
    adopted_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
) STRICT;
CREATE UNIQUE INDEX cost_standard_version ON cost_standard(fiscal_year, field, driver, version);
