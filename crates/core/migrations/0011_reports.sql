-- 0011: 年度工作报告 — the narrative texts of 「{县名}{年度}年度全面预算绩效管理工作开展情况」 that
-- the bureau types once per year (组织保障, 制度文件, 存在问题, 下一步工作); every figure of the
-- report is computed from the data when it is generated, never stored here.
-- Shipped migrations are append-only: never edit this file, add a new one instead.

CREATE TABLE annual_report (
    id            TEXT PRIMARY KEY,
    fiscal_year   INTEGER NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
    -- 组织保障 paragraph (领导小组 …); '' = the report's standard sentence.
    organization  TEXT NOT NULL DEFAULT '',
    -- One item per line: 制度文件 (《办法》（文号）), 存在问题, 下一步工作.
    documents     TEXT NOT NULL DEFAULT '',
    problems      TEXT NOT NULL DEFAULT '',
    next_steps    TEXT NOT NULL DEFAULT '',
    updated_by    TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
) STRICT;
CREATE UNIQUE INDEX annual_report_year ON annual_report(fiscal_year) WHERE deleted_at IS NULL;
