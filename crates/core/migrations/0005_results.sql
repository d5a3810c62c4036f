-- 0005: 结果应用 — official documents and the 文号 register, the 整改台账 with evidence files,
-- 预算挂钩 and 公开.
-- Shipped migrations are append-only: never edit this file, add 0006_….sql instead.

-- A document generated from an evaluation, a monitoring sheet or a target review. The model
-- (jixiao-gongwen's Document as JSON) is editable while 草稿; issuing assigns the 文号, renders
-- the PDF once and stores it, so a reprint gives the same bytes.
CREATE TABLE document (
    id            TEXT PRIMARY KEY,
    doc_type      TEXT NOT NULL CHECK (doc_type IN
                    ('反馈意见函','整改通知书','绩效管理意见书','监控结果反馈书','事前评估意见')),
    fiscal_year   INTEGER NOT NULL,
    -- What it was generated from: key_eval / self_eval / spot_check / monitor_task / perf_target /
    -- exante_assessment, and that row's id.
    source_kind   TEXT NOT NULL,
    source_id     TEXT NOT NULL,
    unit_id       TEXT REFERENCES org_unit(id),
    title         TEXT NOT NULL,
    model_json    TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('草稿','已印发')),
    org_code      TEXT,
    doc_year      INTEGER,
    doc_seq       INTEGER,
    pdf           BLOB,
    pdf_sha256    TEXT,
    issued_by     TEXT,
    issued_at     TEXT,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    CHECK ((status = '已印发') = (doc_seq IS NOT NULL AND pdf IS NOT NULL))
) STRICT;
CREATE INDEX document_year ON document(fiscal_year, doc_type) WHERE deleted_at IS NULL;
CREATE INDEX document_source ON document(source_kind, source_id) WHERE deleted_at IS NULL;

-- The 文号 register: one row per number ever assigned, per 代字 and year; never reused. A voided
-- number keeps its row with the reason.
CREATE TABLE doc_number (
    id            TEXT PRIMARY KEY,
    org_code      TEXT NOT NULL,
    year          INTEGER NOT NULL,
    seq           INTEGER NOT NULL CHECK (seq >= 1),
    document_id   TEXT REFERENCES document(id),
    title         TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('已使用','已作废')),
    void_reason   TEXT NOT NULL DEFAULT '',
    assigned_by   TEXT NOT NULL,
    assigned_at   TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    CHECK (status = '已使用' OR void_reason <> '')
) STRICT;
CREATE UNIQUE INDEX doc_number_unique ON doc_number(org_code, year, seq);

-- 整改台账: one item per problem (a key-evaluation finding, a red monitoring sheet, a spot-check
-- gap …). 下达 → 整改中 → 已反馈 → 已核实 (or 退回 → 整改中) → 销号; overdue is derived.
CREATE TABLE rectification (
    id                  TEXT PRIMARY KEY,
    fiscal_year         INTEGER NOT NULL,
    source_kind         TEXT NOT NULL,
    source_id           TEXT NOT NULL,
    unit_id             TEXT NOT NULL REFERENCES org_unit(id),
    problem             TEXT NOT NULL,
    basis               TEXT NOT NULL DEFAULT '',
    measure             TEXT NOT NULL DEFAULT '',
    responsible_person  TEXT NOT NULL DEFAULT '',
    deadline            TEXT NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('下达','整改中','已反馈','已核实','退回','销号')),
    feedback            TEXT NOT NULL DEFAULT '',
    review_note         TEXT NOT NULL DEFAULT '',
    notice_id           TEXT REFERENCES document(id),
    closed_at           TEXT,
    created_by          TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    deleted_at          TEXT
) STRICT;
CREATE INDEX rectification_year ON rectification(fiscal_year, status) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX rectification_source ON rectification(source_kind, source_id) WHERE deleted_at IS NULL;

-- 佐证材料: copied into the app's data folder, named by hash.
CREATE TABLE rectification_evidence (
    id                 TEXT PRIMARY KEY,
    rectification_id   TEXT NOT NULL REFERENCES rectification(id),
    file_name          TEXT NOT NULL,
    sha256             TEXT NOT NULL,
    size_bytes         INTEGER NOT NULL,
    added_by           TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    deleted_at         TEXT
) STRICT;
CREATE INDEX rectification_evidence_item ON rectification_evidence(rectification_id);

-- 预算挂钩: what an evaluation result means for next year's budget.
CREATE TABLE budget_linkage (
    id            TEXT PRIMARY KEY,
    fiscal_year   INTEGER NOT NULL,
    source_kind   TEXT NOT NULL,
    source_id     TEXT NOT NULL,
    unit_id       TEXT REFERENCES org_unit(id),
    project_id    TEXT REFERENCES project(id),
    action        TEXT NOT NULL CHECK (action IN ('优先保障','据实安排','压减','暂停','取消')),
    -- 压减 by a share (bp) or an amount; the resulting cut in 分 is stored for the budget section.
    pct_bp        INTEGER CHECK (pct_bp IS NULL OR pct_bp BETWEEN 0 AND 10000),
    amount_fen    INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
    next_year     INTEGER NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
) STRICT;
CREATE UNIQUE INDEX budget_linkage_source ON budget_linkage(source_kind, source_id) WHERE deleted_at IS NULL;

-- 公开 of an evaluation report (targets carry their own flag in perf_target).
CREATE TABLE disclosure (
    id            TEXT PRIMARY KEY,
    source_kind   TEXT NOT NULL,
    source_id     TEXT NOT NULL,
    is_public     INTEGER NOT NULL CHECK (is_public IN (0, 1)),
    reason        TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT,
    CHECK (is_public = 1 OR reason <> '')
) STRICT;
CREATE UNIQUE INDEX disclosure_source ON disclosure(source_kind, source_id) WHERE deleted_at IS NULL;
