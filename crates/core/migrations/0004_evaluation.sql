-- 0004: 绩效评价 — 单位自评, 财政抽查复核, 财政重点评价 (项目/部门整体/政策/乡镇) and 第三方机构.
-- Shipped migrations are append-only: never edit this file, add 0005_….sql instead.
-- Scores are centi-points (8950 = 89.50 分), money 分, shares bp. A score is computed by core
-- when its inputs are saved and stored with the row, so an issued result never changes when the
-- rule set is edited later; the grade is stored when the evaluation is submitted / finalised.

-- 单位自评: one per approved target (the latest 二下 version of a project or 部门整体 chain).
CREATE TABLE self_eval (
    id               TEXT PRIMARY KEY,
    fiscal_year      INTEGER NOT NULL,
    target_id        TEXT NOT NULL REFERENCES perf_target(id),
    kind             TEXT NOT NULL CHECK (kind IN ('项目','部门整体')),
    project_id       TEXT REFERENCES project(id),
    unit_id          TEXT NOT NULL REFERENCES org_unit(id),
    status           TEXT NOT NULL CHECK (status IN ('待填报','填报中','已提交','已退回')),
    -- 全年预算数 (the project's 调整后预算数 when the row was made; editable) and 全年执行数.
    budget_fen       INTEGER NOT NULL CHECK (budget_fen >= 0),
    executed_fen     INTEGER CHECK (executed_fen IS NULL OR executed_fen >= 0),
    -- 预算执行率 item: its 分值 and the computed 得分.
    execution_weight_cp  INTEGER NOT NULL CHECK (execution_weight_cp BETWEEN 0 AND 10000),
    execution_score_cp   INTEGER,
    -- Total (rescaled to 100 when items are 不适用) and grade, computed by core.
    total_cp         INTEGER,
    grade            TEXT CHECK (grade IS NULL OR grade IN ('优','良','中','差')),
    summary          TEXT NOT NULL DEFAULT '',
    return_reason    TEXT NOT NULL DEFAULT '',
    submitted_by     TEXT,
    submitted_at     TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT,
    CHECK ((kind = '项目') = (project_id IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX self_eval_target ON self_eval(target_id) WHERE deleted_at IS NULL;
CREATE INDEX self_eval_year ON self_eval(fiscal_year, status) WHERE deleted_at IS NULL;
CREATE INDEX self_eval_year_unit ON self_eval(fiscal_year, unit_id) WHERE deleted_at IS NULL;

-- One row per 三级指标, the definition copied from the approved target.
CREATE TABLE self_eval_item (
    id                   TEXT PRIMARY KEY,
    self_eval_id         TEXT NOT NULL REFERENCES self_eval(id),
    target_indicator_id  TEXT REFERENCES target_indicator(id),
    seq                  INTEGER NOT NULL,
    level1               TEXT NOT NULL,
    level2               TEXT NOT NULL,
    name                 TEXT NOT NULL,
    nature               TEXT NOT NULL,
    value                TEXT NOT NULL,
    value_high           TEXT,
    unit                 TEXT NOT NULL DEFAULT '',
    weight_cp            INTEGER NOT NULL CHECK (weight_cp BETWEEN 0 AND 10000),
    -- 实际完成值: decimal text, or 达成 / 部分达成 / 未达成 for 定性.
    actual               TEXT,
    not_applicable       INTEGER NOT NULL DEFAULT 0 CHECK (not_applicable IN (0, 1)),
    score_cp             INTEGER,
    -- 偏差原因及改进措施.
    reason               TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    deleted_at           TEXT
) STRICT;
CREATE INDEX self_eval_item_eval ON self_eval_item(self_eval_id, seq);

-- 财政抽查复核: a recorded draw. The base (the submitted self-evaluations it drew from, in the
-- order the draw used) is kept so anyone can re-run the draw with the seed and get the same list.
CREATE TABLE spot_check_draw (
    id            TEXT PRIMARY KEY,
    fiscal_year   INTEGER NOT NULL,
    seed          INTEGER NOT NULL,
    share_bp      INTEGER NOT NULL CHECK (share_bp BETWEEN 1 AND 10000),
    stratify      TEXT NOT NULL CHECK (stratify IN ('不分层','按金额','按单位')),
    base_ids      TEXT NOT NULL,
    base_count    INTEGER NOT NULL,
    drawn_count   INTEGER NOT NULL,
    -- 有效 until a later draw of the same year replaces it (only while nothing is reviewed).
    is_current    INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1)),
    drawn_by      TEXT NOT NULL,
    drawn_at      TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
) STRICT;
CREATE INDEX spot_check_draw_year ON spot_check_draw(fiscal_year) WHERE deleted_at IS NULL;

CREATE TABLE spot_check (
    id             TEXT PRIMARY KEY,
    draw_id        TEXT NOT NULL REFERENCES spot_check_draw(id),
    self_eval_id   TEXT NOT NULL REFERENCES self_eval(id),
    seq            INTEGER NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('待复核','已复核')),
    -- The self score at the draw (the unit cannot change a submitted evaluation) and the review.
    self_total_cp  INTEGER NOT NULL,
    review_total_cp  INTEGER,
    review_grade   TEXT CHECK (review_grade IS NULL OR review_grade IN ('优','良','中','差')),
    review_note    TEXT NOT NULL DEFAULT '',
    reviewed_by    TEXT,
    reviewed_at    TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
) STRICT;
CREATE UNIQUE INDEX spot_check_draw_eval ON spot_check(draw_id, self_eval_id) WHERE deleted_at IS NULL;

-- The bureau's score per item of a drawn self-evaluation; self_eval_item_id NULL = 预算执行率.
CREATE TABLE spot_check_item (
    id                 TEXT PRIMARY KEY,
    spot_check_id      TEXT NOT NULL REFERENCES spot_check(id),
    self_eval_item_id  TEXT REFERENCES self_eval_item(id),
    score_cp           INTEGER NOT NULL CHECK (score_cp >= 0),
    note               TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    deleted_at         TEXT
) STRICT;
CREATE INDEX spot_check_item_check ON spot_check_item(spot_check_id);

-- 财政重点评价 of a 项目, a 部门整体, a 政策 or a 乡镇财政运行.
CREATE TABLE key_eval (
    id             TEXT PRIMARY KEY,
    fiscal_year    INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('项目','部门整体','政策','乡镇')),
    object_name    TEXT NOT NULL,
    project_id     TEXT REFERENCES project(id),
    -- 被评价单位 (the 乡镇 for a 乡镇财政运行 evaluation; the 主管部门 of a policy).
    unit_id        TEXT REFERENCES org_unit(id),
    amount_fen     INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
    method         TEXT NOT NULL CHECK (method IN ('财政评价','第三方机构评价')),
    team           TEXT NOT NULL DEFAULT '',
    plan_start     TEXT,
    plan_end       TEXT,
    status         TEXT NOT NULL CHECK (status IN ('计划','实施','报告初稿','单位反馈','定稿')),
    -- 全周期跟踪问效: the previous yearly stage evaluation of the same multi-year object.
    previous_id    TEXT REFERENCES key_eval(id),
    basis          TEXT NOT NULL DEFAULT '',
    summary        TEXT NOT NULL DEFAULT '',
    unit_feedback  TEXT NOT NULL DEFAULT '',
    total_cp       INTEGER,
    grade          TEXT CHECK (grade IS NULL OR grade IN ('优','良','中','差')),
    finalized_by   TEXT,
    finalized_at   TEXT,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
) STRICT;
CREATE INDEX key_eval_year ON key_eval(fiscal_year, kind) WHERE deleted_at IS NULL;

-- The score sheet of one key evaluation, copied from the kind's template and editable until
-- 定稿. rule '评分' = the evaluator gives the score; '扣分' = full marks while the actual value is
-- within the threshold, minus deduct_cp per percentage point beyond it, floor 0 (部门整体 items
-- such as 在职人员控制率).
CREATE TABLE key_eval_item (
    id             TEXT PRIMARY KEY,
    key_eval_id    TEXT NOT NULL REFERENCES key_eval(id),
    seq            INTEGER NOT NULL,
    level1         TEXT NOT NULL,
    level2         TEXT NOT NULL,
    level3         TEXT NOT NULL,
    weight_cp      INTEGER NOT NULL CHECK (weight_cp BETWEEN 0 AND 10000),
    standard       TEXT NOT NULL DEFAULT '',
    rule           TEXT NOT NULL CHECK (rule IN ('评分','扣分')),
    threshold      TEXT,
    deduct_cp      INTEGER CHECK (deduct_cp IS NULL OR deduct_cp >= 0),
    actual         TEXT,
    score_cp       INTEGER,
    note           TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
) STRICT;
CREATE INDEX key_eval_item_eval ON key_eval_item(key_eval_id, seq);

-- 发现的问题 of a key evaluation (the 整改 ledger of the results stage starts from these).
CREATE TABLE key_eval_finding (
    id              TEXT PRIMARY KEY,
    key_eval_id     TEXT NOT NULL REFERENCES key_eval(id),
    seq             INTEGER NOT NULL,
    category        TEXT NOT NULL,
    problem         TEXT NOT NULL,
    basis           TEXT NOT NULL DEFAULT '',
    recommendation  TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
) STRICT;
CREATE INDEX key_eval_finding_eval ON key_eval_finding(key_eval_id, seq);

-- 第三方机构: the registry adds qualification and record to an org_unit of kind 第三方机构.
CREATE TABLE agency (
    unit_id        TEXT PRIMARY KEY REFERENCES org_unit(id),
    agency_type    TEXT NOT NULL CHECK (agency_type IN
                     ('咨询机构','会计师事务所','资产评估机构','律师事务所','科研院所','高等院校')),
    qualification  TEXT NOT NULL DEFAULT '',
    record         TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
) STRICT;

-- A recorded relation (投资、审计、咨询服务 …) between an agency and a unit: the app refuses to
-- engage the agency to evaluate that unit.
CREATE TABLE agency_relation (
    id          TEXT PRIMARY KEY,
    agency_id   TEXT NOT NULL REFERENCES agency(unit_id),
    unit_id     TEXT NOT NULL REFERENCES org_unit(id),
    note        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;
CREATE UNIQUE INDEX agency_relation_pair ON agency_relation(agency_id, unit_id) WHERE deleted_at IS NULL;

CREATE TABLE engagement (
    id                    TEXT PRIMARY KEY,
    key_eval_id           TEXT NOT NULL REFERENCES key_eval(id),
    agency_id             TEXT NOT NULL REFERENCES agency(unit_id),
    fee_fen               INTEGER NOT NULL CHECK (fee_fen >= 0),
    contract_date         TEXT NOT NULL,
    -- 利益冲突声明: the agency declares it has no relation with the evaluated unit.
    conflict_declaration  TEXT NOT NULL,
    status                TEXT NOT NULL CHECK (status IN ('已签约','已交付','已验收')),
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    deleted_at            TEXT
) STRICT;
CREATE UNIQUE INDEX engagement_eval ON engagement(key_eval_id) WHERE deleted_at IS NULL;
CREATE INDEX engagement_agency ON engagement(agency_id) WHERE deleted_at IS NULL;

-- 第三方机构执业质量评价 of one engagement: five parts (cp) → 优秀 / 合格 / 不合格.
CREATE TABLE engagement_review (
    id               TEXT PRIMARY KEY,
    engagement_id    TEXT NOT NULL REFERENCES engagement(id),
    plan_cp          INTEGER NOT NULL CHECK (plan_cp >= 0),
    papers_cp        INTEGER NOT NULL CHECK (papers_cp >= 0),
    report_cp        INTEGER NOT NULL CHECK (report_cp >= 0),
    timeliness_cp    INTEGER NOT NULL CHECK (timeliness_cp >= 0),
    integrity_cp     INTEGER NOT NULL CHECK (integrity_cp >= 0),
    total_cp         INTEGER NOT NULL,
    grade            TEXT NOT NULL CHECK (grade IN ('优秀','合格','不合格')),
    reward_penalty   TEXT NOT NULL DEFAULT '',
    reviewed_by      TEXT NOT NULL,
    reviewed_at      TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT
) STRICT;
CREATE UNIQUE INDEX engagement_review_one ON engagement_review(engagement_id) WHERE deleted_at IS NULL;
