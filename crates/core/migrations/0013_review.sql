-- 0013: 智能审核 — what the bureau decided about a 疑点 (排除 with a reason, or 转整改 into the
-- 整改台账). The 疑点 themselves are derived when read (from the rule set in force and the
-- year's data) and never stored; a decision hides its 疑点 from the 疑点清单.
-- Shipped migrations are append-only: never edit this file, add a later one instead.

CREATE TABLE review_risk_decision (
    id                TEXT PRIMARY KEY,
    fiscal_year       INTEGER NOT NULL,
    -- 规则|对象类型|对象id: the identity of a 疑点, stable while its object lives.
    risk_key          TEXT NOT NULL,
    rule              TEXT NOT NULL,
    object_kind       TEXT NOT NULL,
    object_id         TEXT NOT NULL,
    unit_id           TEXT REFERENCES org_unit(id),
    decision          TEXT NOT NULL CHECK (decision IN ('排除','转整改')),
    reason            TEXT NOT NULL DEFAULT '',
    rectification_id  TEXT REFERENCES rectification(id),
    message           TEXT NOT NULL DEFAULT '',
    decided_by        TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    deleted_at        TEXT,
    CHECK (decision <> '排除' OR reason <> ''),
    CHECK (decision <> '转整改' OR rectification_id IS NOT NULL)
) STRICT;
CREATE UNIQUE INDEX review_risk_decision_key ON review_risk_decision(risk_key) WHERE deleted_at IS NULL;
CREATE INDEX review_risk_decision_year ON review_risk_decision(fiscal_year) WHERE deleted_at IS NULL;
