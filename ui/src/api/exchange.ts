/**
 * Excel import/export of base data, and the file dialogs that pick the paths
 * (`@tauri-apps/plugin-dialog`; the Rust shell registers the plugin, capability `dialog:default`).
 */
import { open, save } from '@tauri-apps/plugin-dialog'
import { call } from './invoke'
import type { ImportReport } from './bindings/ImportReport'
import type { Sheet } from './bindings/Sheet'

export const exchangeApi = {
  /** Rejects with code "Rejected" and every problem when any row is bad (nothing imported). */
  import: (sheet: Sheet, path: string) => call<ImportReport>('exchange_import', { sheet, path }),
  /** Returns the number of rows written. `year` null = all years (units ignore it). */
  export: (sheet: Sheet, path: string, year: number | null) =>
    call<number>('exchange_export', { sheet, path, year }),
  template: (sheet: Sheet, path: string) => call<void>('exchange_template', { sheet, path }),
}

const EXCEL_OPEN = [{ name: 'Excel 工作簿', extensions: ['xlsx', 'xls'] }]
// rust_xlsxwriter writes .xlsx only, so the save dialogs offer just that.
const EXCEL_SAVE = [{ name: 'Excel 工作簿', extensions: ['xlsx'] }]

/** Asks for a workbook to import; null when the clerk cancels. */
export async function pickExcelToOpen(title: string): Promise<string | null> {
  const picked = await open({ title, multiple: false, directory: false, filters: EXCEL_OPEN })
  return typeof picked === 'string' ? picked : null
}

/** Asks where to write a workbook; appends `.xlsx` when the clerk typed a bare name. */
export async function pickExcelToSave(title: string, defaultName: string): Promise<string | null> {
  const path = await save({ title, defaultPath: defaultName, filters: EXCEL_SAVE })
  if (!path) return null
  return /\.xlsx$/i.test(path) ? path : `${path}.xlsx`
}

/** Asks where to write a file of another kind (e.g. the database backup). */
export async function pickSavePath(
  title: string,
  defaultName: string,
  filter: { name: string; extensions: string[] },
): Promise<string | null> {
  const path = await save({ title, defaultPath: defaultName, filters: [filter] })
  if (!path) return null
  const ext = filter.extensions[0]
  return ext && !path.toLowerCase().endsWith(`.${ext}`) ? `${path}.${ext}` : path
}
