/**
 * 运行监控 commands (`src-tauri/src/commands/monitoring.rs`): rounds, the paged task list, the
 * 监控情况表 with its review, 财政处理 and the round's figures, and the 填报表 workbook. Money
 * comes back as integer 分; amounts go out as the 万元 text typed.
 */
import { call } from './invoke'
import type { Action } from './bindings/Action'
import type { ActionInput } from './bindings/ActionInput'
import type { ImportReport } from './bindings/ImportReport'
import type { Round } from './bindings/Round'
import type { RoundInput } from './bindings/RoundInput'
import type { RoundStats } from './bindings/RoundStats'
import type { SheetInput } from './bindings/SheetInput'
import type { Page } from './bindings/Page'
import type { TaskQuery } from './bindings/TaskQuery'
import type { TaskRow } from './bindings/TaskRow'
import type { MonitoringSheet } from './bindings/MonitoringSheet'

export type { MonitoringSheet }

export const monitoringApi = {
  rounds: (year: number) => call<Round[]>('monitoring_rounds', { year }),
  round: (id: string) => call<Round>('monitoring_round', { id }),
  /** Rejects with Conflict when the year has no approved (二下) targets. */
  open: (input: RoundInput) => call<Round>('monitoring_open', { input }),
  close: (id: string) => call<Round>('monitoring_close', { id }),
  tasks: (query: TaskQuery) => call<Page<TaskRow>>('monitoring_tasks', { query }),
  /** Every sheet of the round (the dashboard). */
  taskRows: (roundId: string) => call<TaskRow[]>('monitoring_task_rows', { roundId }),
  sheet: (taskId: string) => call<MonitoringSheet>('monitoring_sheet', { taskId }),
  /** Rejects with Rejected (1-based indicator row, column 实际完成值/偏差原因/…) or Invalid. */
  save: (taskId: string, input: SheetInput) => call<MonitoringSheet>('monitoring_save', { taskId, input }),
  submit: (taskId: string) => call<MonitoringSheet>('monitoring_submit', { taskId }),
  approve: (taskId: string) => call<MonitoringSheet>('monitoring_approve', { taskId }),
  returnWith: (taskId: string, reason: string) => call<MonitoringSheet>('monitoring_return', { taskId, reason }),
  addAction: (taskId: string, input: ActionInput) => call<Action>('monitoring_add_action', { taskId, input }),
  stats: (roundId: string) => call<RoundStats>('monitoring_stats', { roundId }),
  /** Rejects with Rejected and every problem when any row is bad (nothing imported). */
  import: (path: string, roundId: string, submit = false, unit: string | null = null) =>
    call<ImportReport>('monitoring_import', { path, roundId, submit, unit }),
  /** Returns the number of rows written. */
  export: (path: string, roundId: string) => call<number>('monitoring_export', { path, roundId }),
}
