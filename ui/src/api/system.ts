/** 系统 commands: status, first start, 操作日志, integrity check, backup. */
import { call } from './invoke'
import type { AuditEntry } from './bindings/AuditEntry'
import type { CheckReport } from './bindings/CheckReport'
import type { SystemStatus as SystemStatusBinding } from './bindings/SystemStatus'

/** `operator` is null until first start is done. */
export type SystemStatus = SystemStatusBinding

export const systemApi = {
  status: () => call<SystemStatus>('system_status'),
  firstStart: (name: string, dept: string, loadDemo: boolean) =>
    call<SystemStatus>('system_first_start', { name, dept, loadDemo }),
  auditList: (limit: number) => call<AuditEntry[]>('system_audit_list', { limit }),
  check: () => call<CheckReport>('system_check'),
  /** Returns the path written. */
  backup: (dest: string) => call<string>('system_backup', { dest }),
}
