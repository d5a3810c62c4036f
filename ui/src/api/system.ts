/** 系统 commands: status, first start, 操作日志, integrity check, backup, backups folder, restore. */
import { call } from './invoke'
import type { AuditEntry } from './bindings/AuditEntry'
import type { AuditFilterOptions } from './bindings/AuditFilterOptions'
import type { Page } from './bindings/Page'
import type { AuditRow } from './bindings/AuditRow'
import type { AuditQuery } from './bindings/AuditQuery'
import type { ChainReport } from './bindings/ChainReport'
import type { BackupFile } from './bindings/BackupFile'
import type { BackupSettings } from './bindings/BackupSettings'
import type { RestoreReport } from './bindings/RestoreReport'
import type { CheckReport } from './bindings/CheckReport'
import type { SystemStatus as SystemStatusBinding } from './bindings/SystemStatus'

/** `account_count` is 0 until first start is done. */
export type SystemStatus = SystemStatusBinding

/** The automatic backups folder and its files, newest first. */
export interface BackupList {
  dir: string
  files: BackupFile[]
}

export const systemApi = {
  status: () => call<SystemStatus>('system_status'),
  /** 操作日志: one page, newest first, filtered in core. */
  auditPage: (query: AuditQuery) => call<Page<AuditRow>>('system_audit_page', { query }),
  /** One entry with its before/after images. */
  auditGet: (id: string) => call<AuditEntry>('system_audit_get', { id }),
  /** Operators, actions and objects present in the log, with their Chinese names. */
  auditOptions: () => call<AuditFilterOptions>('system_audit_options'),
  /** Re-computes the SM3 chain: 完整, or the first row that does not match. */
  auditVerify: () => call<ChainReport>('system_audit_verify'),
  /** Writes every entry matching `query` to `path` (.xlsx); returns how many. */
  auditExport: (query: AuditQuery, path: string) => call<number>('system_audit_export', { query, path }),
  check: () => call<CheckReport>('system_check'),
  /** Returns the path written. */
  backup: (dest: string) => call<string>('system_backup', { dest }),
  backups: () => call<BackupList>('system_backups'),
  /** Checks the file, backs up the current data, then replaces it. */
  restore: (path: string) => call<RestoreReport>('system_restore', { path }),
  backupSettings: () => call<BackupSettings>('system_backup_settings_get'),
  saveBackupSettings: (settings: BackupSettings) => call<BackupSettings>('system_backup_settings_save', { settings }),
}
