/**
 * 数据交换 (`src-tauri/src/commands/sync.rs`): this PC's identity, where it can export to,
 * export / preview / import of `.jxpkg` packages (progress through `sync-progress` events), the
 * history of packages and PCs, and the conflicts to settle.
 */
import { listen, type UnlistenFn } from '@tauri-apps/api/event'
import { pickOpen } from './dialog'
import { call } from './invoke'
import type { Choice } from './bindings/Choice'
import type { Conflict } from './bindings/Conflict'
import type { ExportReport } from './bindings/ExportReport'
import type { ImportPreview } from './bindings/ImportPreview'
import type { PackageRecord } from './bindings/PackageRecord'
import type { Peer } from './bindings/Peer'
import type { Enrolment } from './bindings/Enrolment'
import type { EnrolReport } from './bindings/EnrolReport'
import type { Gap } from './bindings/Gap'
import type { Site } from './bindings/Site'
import type { SiteInput } from './bindings/SiteInput'
import type { SyncDestination } from './bindings/SyncDestination'
import type { SyncImportReport } from './bindings/SyncImportReport'

/** A row as core stores it in a conflict: column → JSON value. */
export type RowImage = Record<string, unknown>

export const syncApi = {
  site: () => call<Site>('sync_site'),
  /** Renames this PC; its 类型 and 所属单位 come from the 入网文件 and are refused here. */
  setSite: (input: SiteInput) => call<Site>('sync_site_set', { input }),
  /** 发放入网文件 for a unit to a path the save dialog returned. */
  enrol: (unit: string, path: string) => call<EnrolReport>('sync_enrol', { unit, path }),
  enrolments: () => call<Enrolment[]>('sync_enrolments'),
  revoke: (site: string, reason: string) => call<Enrolment>('sync_revoke', { site, reason }),
  gaps: () => call<Gap[]>('sync_gaps'),
  destinations: () => call<SyncDestination[]>('sync_destinations'),
  /** `to`: a destination's `value`; `folder`: an existing folder (or a path ending .jxpkg). */
  exportPackage: (to: string, full: boolean, folder: string) => call<ExportReport>('sync_export', { to, full, folder }),
  preview: (file: string) => call<ImportPreview>('sync_preview', { file }),
  importPackage: (file: string) => call<SyncImportReport>('sync_import', { file }),
  history: (limit: number) => call<PackageRecord[]>('sync_history', { limit }),
  peers: () => call<Peer[]>('sync_peers'),
  conflicts: (openOnly: boolean) => call<Conflict[]>('sync_conflicts', { openOnly }),
  /** `edited` is the whole row, only with 编辑. */
  resolve: (id: string, choice: Choice, edited: RowImage | null) =>
    call<Conflict>('sync_resolve', { id, choice, edited }),
}

/** `sync-progress` payload: rows handled so far of the total, and what is being done. */
export interface SyncProgress {
  done: number
  total: number
  phase: string
}

export const SYNC_PROGRESS_EVENT = 'sync-progress'

/** Follows an export's or import's progress; call the returned function to stop. */
export function onSyncProgress(handler: (p: SyncProgress) => void): Promise<UnlistenFn> {
  return listen<SyncProgress>(SYNC_PROGRESS_EVENT, (e) => handler(e.payload))
}

/** Asks for the folder to export into (e.g. the USB stick); null when the clerk cancels. */
export async function pickFolder(title: string): Promise<string | null> {
  return pickOpen({ title, directory: true })
}

/** Asks for a package to import; null when the clerk cancels. */
export async function pickPackage(title: string): Promise<string | null> {
  return pickOpen({ title, filters: [{ name: '绩效数据包', extensions: ['jxpkg'] }] })
}
