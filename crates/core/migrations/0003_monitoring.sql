-- 0003: 运行监控 ("双监控") — rounds, one task per monitored target, the 监控情况表 (budget
-- execution + per-indicator progress), and the bureau's corrective actions.
-- Shipped migrations are append-only: never edit this file, add 0004_….sql instead.
-- Inputs are stored (amounts in 分, values as decimal text); rates, warnings and deviation are
-- derived when read, so a changed rule set re-grades every round the same way.

CREATE TABLE monitor_round (
    id            TEXT PRIMARY KEY,
    fiscal_year   INTEGER NOT NULL,
    -- 监控截止月份: the round covers 1–N月.
    cutoff_month  INTEGER NOT NULL CHECK (cutoff_month BETWEEN 1 AND 12),
    kind          TEXT NOT NULL CHECK (kind IN ('自行监控','重点监控')),
    due_date      TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('进行中','已关闭')),
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
) STRICT;
CREATE INDEX monitor_round_year ON monitor_round(fiscal_year) WHERE deleted_at IS NULL;

-- One 监控情况表 per approved target of the round. Budget is the project's 调整后预算数 when
-- the round was opened (the 全年预算数 the unit reports against).
CREATE TABLE monitor_task (
    id             TEXT PRIMARY KEY,
    round_id       TEXT NOT NULL REFERENCES monitor_round(id),
    target_id      TEXT NOT NULL REFERENCES perf_target(id),
    project_id     TEXT REFERENCES project(id),
    unit_id        TEXT NOT NULL REFERENCES org_unit(id),
    status         TEXT NOT NULL CHECK (status IN ('待填报','已提交','已退回','审核通过')),
    budget_fen     INTEGER NOT NULL CHECK (budget_fen >= 0),
    executed_fen   INTEGER CHECK (executed_fen IS NULL OR executed_fen >= 0),
    forecast_fen   INTEGER CHECK (forecast_fen IS NULL OR forecast_fen >= 0),
    return_reason  TEXT NOT NULL DEFAULT '',
    submitted_at   TEXT,
    reviewed_by    TEXT,
    reviewed_at    TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
) STRICT;
CREATE UNIQUE INDEX monitor_task_round_target ON monitor_task(round_id, target_id) WHERE deleted_at IS NULL;
CREATE INDEX monitor_task_round_unit ON monitor_task(round_id, unit_id) WHERE deleted_at IS NULL;

-- Per 三级指标 progress; the indicator's definition is copied from the approved target so the
-- sheet stays readable if the target is adjusted later.
CREATE TABLE monitor_indicator (
    id                   TEXT PRIMARY KEY,
    task_id              TEXT NOT NULL REFERENCES monitor_task(id),
    target_indicator_id  TEXT NOT NULL REFERENCES target_indicator(id),
    seq                  INTEGER NOT NULL,
    level1               TEXT NOT NULL,
    level2               TEXT NOT NULL,
    name                 TEXT NOT NULL,
    nature               TEXT NOT NULL,
    value                TEXT NOT NULL,
    value_high           TEXT,
    unit                 TEXT NOT NULL DEFAULT '',
    weight_cp            INTEGER,
    -- 1–N月实际完成值 / 全年预计完成值: decimal text, or 达成 / 部分达成 / 未达成 for 定性.
    actual               TEXT,
    forecast             TEXT,
    deviation_reason     TEXT CHECK (deviation_reason IS NULL OR deviation_reason IN
                           ('经费保障','制度保障','人员保障','硬件条件保障','其他')),
    possibility          TEXT CHECK (possibility IS NULL OR possibility IN ('确定能','有可能','完全不可能')),
    measures             TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    deleted_at           TEXT
) STRICT;
CREATE INDEX monitor_indicator_task ON monitor_indicator(task_id, seq);

-- 财政 corrective actions on a monitored project.
CREATE TABLE monitor_action (
    id           TEXT PRIMARY KEY,
    task_id      TEXT NOT NULL REFERENCES monitor_task(id),
    kind         TEXT NOT NULL CHECK (kind IN ('调减预算','收回资金','核销','暂缓拨付')),
    amount_fen   INTEGER NOT NULL CHECK (amount_fen > 0),
    reason       TEXT NOT NULL,
    action_date  TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;
CREATE INDEX monitor_action_task ON monitor_action(task_id);
