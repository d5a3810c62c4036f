/**
 * 结果应用 commands (`src-tauri/src/commands/results_rect.rs`): the 整改台账 (paged list, the
 * steps, generation from 重点评价 / 监控 / 抽查, 佐证材料, workbook), 预算挂钩 and 公开. Money
 * comes back as integer 分; amounts go out as the 万元 text typed.
 */
import { pickOpen } from './dialog'
import { call } from './invoke'
import type { DisclosureRow } from './bindings/DisclosureRow'
import type { Evidence } from './bindings/Evidence'
import type { LinkageInput } from './bindings/LinkageInput'
import type { LinkageRow } from './bindings/LinkageRow'
import type { RectEdit } from './bindings/RectEdit'
import type { RectInput } from './bindings/RectInput'
import type { Page } from './bindings/Page'
import type { RectQuery } from './bindings/RectQuery'
import type { RectRow } from './bindings/RectRow'
import type { RectSources } from './bindings/RectSources'
import type { RectSourceType } from './bindings/RectSourceType'
import type { RectSummary } from './bindings/RectSummary'

/** 开始整改 / 反馈 / 核实 / 退回 / 销号. */
export type RectStep = 'start' | 'report' | 'verify' | 'reject' | 'close'

export const resultsApi = {
  rectList: (query: RectQuery) => call<Page<RectRow>>('results_rect_list', { query }),
  rectSummary: (year: number) => call<RectSummary>('results_rect_summary', { year }),
  rectGet: (id: string) => call<RectRow>('results_rect_get', { id }),
  /** Rejects with Invalid (one field) or Rejected (every bad field). */
  rectCreate: (input: RectInput) => call<RectRow>('results_rect_create', { input }),
  rectUpdate: (id: string, input: RectEdit) => call<RectRow>('results_rect_update', { id, input }),
  /** `text`: the feedback (report) or the note (verify / reject); rejects with Conflict when the state does not allow the step. */
  rectStep: (id: string, step: RectStep, text = '') => call<RectRow>('results_rect_step', { id, step, text }),
  rectSources: (year: number) => call<RectSources>('results_rect_sources', { year }),
  /** Returns how many items were created (problems already in the ledger are skipped). */
  rectGenerate: (source: RectSourceType, id: string, deadline: string) =>
    call<number>('results_rect_generate', { source, id, deadline }),
  evidence: (id: string) => call<Evidence[]>('results_rect_evidence', { id }),
  addEvidence: (id: string, path: string) => call<Evidence>('results_rect_add_evidence', { id, path }),
  saveEvidence: (evidenceId: string, dest: string) => call<void>('results_rect_save_evidence', { evidenceId, dest }),
  /** Returns the number of rows written. */
  rectExport: (path: string, year: number) => call<number>('results_rect_export', { path, year }),

  linkageList: (year: number) => call<LinkageRow[]>('results_linkage_list', { year }),
  /** Returns how many suggestions were created. */
  linkagePropose: (year: number) => call<number>('results_linkage_propose', { year }),
  linkageSave: (input: LinkageInput) => call<LinkageRow>('results_linkage_save', { input }),
  linkageExport: (path: string, year: number) => call<number>('results_linkage_export', { path, year }),

  disclosureList: (year: number) => call<DisclosureRow[]>('results_disclosure_list', { year }),
  disclosureSet: (sourceKind: string, sourceId: string, isPublic: boolean, reason: string) =>
    call<void>('results_disclosure_set', { sourceKind, sourceId, isPublic, reason }),
  disclosureExport: (path: string, year: number) => call<number>('results_disclosure_export', { path, year }),
}

/** Asks for a 佐证材料 file of any kind; null when the clerk cancels. */
export async function pickEvidenceFile(): Promise<string | null> {
  return pickOpen({ title: '选择佐证材料文件（不超过 50 MB）' })
}
