/**
 * 结果应用 documents (`src-tauri/src/commands/results_docs.rs`): 文书设置 and fonts, drafting
 * from a source, editing, issuing with a 文号, the PDF (bytes for the preview, save as, open in
 * the system viewer to print), the year's batch with `results-batch-progress` events, the 文号
 * register and the stage's figures.
 */
import { listen, type UnlistenFn } from '@tauri-apps/api/event'
import { call } from './invoke'
import { pickSavePath } from './exchange'
import type { DocQuery } from './bindings/DocQuery'
import type { DocSettings } from './bindings/DocSettings'
import type { DocType } from './bindings/DocType'
import type { Document } from './bindings/Document'
import type { DocumentRow } from './bindings/DocumentRow'
import type { DocumentView } from './bindings/DocumentView'
import type { DraftInput } from './bindings/DraftInput'
import type { FontInfo } from './bindings/FontInfo'
import type { FontReport } from './bindings/FontReport'
import type { NumberRow } from './bindings/NumberRow'
import type { ResultsStats } from './bindings/ResultsStats'

export const documentsApi = {
  settings: () => call<DocSettings>('results_doc_settings'),
  saveSettings: (settings: DocSettings) => call<DocSettings>('results_doc_settings_save', { settings }),
  /** Which font file serves each role (仿宋 / 小标宋 / 黑体 / 楷体). */
  fonts: () => call<FontInfo[]>('results_doc_fonts'),
  /** The 字体 screen: each role's face, official or substitute, and one warning per substitute. */
  fontReport: () => call<FontReport>('results_doc_font_report'),
  /** Copies a font file picked in the Rust dialog into the data folder; the fonts as they are now. */
  importFont: (path: string) => call<FontReport>('results_doc_import_font', { path }),
  list: (query: DocQuery) => call<DocumentRow[]>('results_doc_list', { query }),
  get: (id: string) => call<DocumentView>('results_doc_get', { id }),
  /** A live draft of the same 文种 and source comes back as it is; an issued one is a Conflict. */
  draft: (input: DraftInput) => call<DocumentView>('results_doc_draft', { input }),
  update: (id: string, model: Document) => call<DocumentView>('results_doc_update', { id, model }),
  /** Composes the draft again from the current data; the edits are discarded. */
  regenerate: (id: string) => call<DocumentView>('results_doc_regenerate', { id }),
  /** Assigns the next 文号, renders and stores the PDF; the document is frozen from then on. */
  issue: (id: string) => call<DocumentView>('results_doc_issue', { id }),
  /** The PDF bytes: the stored ones once issued, else a preview of the saved draft. */
  pdf: (id: string) => call<ArrayBuffer>('results_doc_pdf', { id }),
  savePdf: (id: string, path: string) => call<void>('results_doc_save_pdf', { id, path }),
  /** Opens the PDF in the system's PDF viewer, where the clerk prints it. */
  print: (id: string) => call<void>('results_doc_print', { id }),
  /** Every issued document of the year and 文种 into one PDF; returns how many. */
  batch: (year: number, docType: DocType, path: string) => call<number>('results_doc_batch', { year, docType, path }),

  registerList: (year: number, search: string | null) => call<NumberRow[]>('results_register_list', { year, search }),
  /** Voids a 文号 (the document is withdrawn; the number is never given out again). */
  registerVoid: (id: string, reason: string) => call<NumberRow>('results_register_void', { id, reason }),
  registerExport: (path: string, year: number) => call<number>('results_register_export', { path, year }),

  stats: (year: number) => call<ResultsStats>('results_stats', { year }),
}

/** `results-batch-progress` payload: documents laid out so far of the total. */
export interface BatchProgress {
  done: number
  total: number
}

export const BATCH_PROGRESS_EVENT = 'results-batch-progress'

/** Follows the batch's progress events; call the returned function to stop. */
export function onBatchProgress(handler: (p: BatchProgress) => void): Promise<UnlistenFn> {
  return listen<BatchProgress>(BATCH_PROGRESS_EVENT, (e) => handler(e.payload))
}

/** Asks where to write a PDF; appends `.pdf` when the clerk typed a bare name. */
export function pickPdfToSave(title: string, defaultName: string): Promise<string | null> {
  return pickSavePath(title, defaultName, { name: 'PDF 文件', extensions: ['pdf'] })
}

/** Every 文种, in the order the screens list them. */
export const DOC_TYPES: readonly DocType[] = ['反馈意见函', '整改通知书', '绩效管理意见书', '监控结果反馈书', '事前评估意见']
