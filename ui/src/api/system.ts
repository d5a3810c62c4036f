/** 系统 commands: status, first start, 操作日志, integrity check, backup, backups folder, restore. */
import { call } from './invoke'
import type { AuditEntry } from './bindings/AuditEntry'
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
  auditList: (limit: number) => call<AuditEntry[]>('system_audit_list', { limit }),
  check: () => call<CheckReport>('system_check'),
  /** Returns the path written. */
  backup: (dest: string) => call<string>('system_backup', { dest }),
  backups: () => call<BackupList>('system_backups'),
  /** Checks the file, backs up the current data, then replaces it. */
  restore: (path: string) => call<RestoreReport>('system_restore', { path }),
  backupSettings: () => call<BackupSettings>('system_backup_settings_get'),
  saveBackupSettings: (settings: BackupSettings) => call<BackupSettings>('system_backup_settings_save', { settings }),
}
