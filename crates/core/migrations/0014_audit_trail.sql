-- 0014: what the bureau found about the 操作日志 a unit's package carried (sync::audit_trail):
-- 连续 / 首次核对 / 改写 / 无法核对 (empty for packages that carry none), and the sentence saying
-- which row. Shown in 交换记录.
-- Shipped migrations are append-only: never edit this file, add a later one instead.

ALTER TABLE sync_package ADD COLUMN audit_status TEXT NOT NULL DEFAULT '';
ALTER TABLE sync_package ADD COLUMN audit_note TEXT NOT NULL DEFAULT '';
