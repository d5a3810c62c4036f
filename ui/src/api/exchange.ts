/**
 * Excel import/export of base data, and the file dialogs that pick the paths (opened in Rust:
 * `api/dialog.ts`; commands accept only paths those dialogs returned).
 */
import { pickOpen, pickSave } from './dialog'
import { call } from './invoke'
import type { ImportReport } from './bindings/ImportReport'
import type { Sheet } from './bindings/Sheet'
import type { TouchedUnit } from './bindings/TouchedUnit'

export const exchangeApi = {
  /** Rejects with code "Rejected" and every problem when any row is bad (nothing imported). */
  import: (sheet: Sheet, path: string) => call<ImportReport>('exchange_import', { sheet, path }),
  /** Returns the number of rows written. `year` null = all years (units ignore it). */
  export: (sheet: Sheet, path: string, year: number | null) =>
    call<number>('exchange_export', { sheet, path, year }),
  template: (sheet: Sheet, path: string) => call<void>('exchange_template', { sheet, path }),
  /** The units whose projects of `year` a form workbook's rows name, most rows first. */
  unitsTouched: (path: string, year: number) => call<TouchedUnit[]>('exchange_units_touched', { path, year }),
}

const EXCEL_OPEN = [{ name: 'Excel 工作簿', extensions: ['xlsx', 'xls'] }]
// rust_xlsxwriter writes .xlsx only, so the save dialogs offer just that.
const EXCEL_SAVE = [{ name: 'Excel 工作簿', extensions: ['xlsx'] }]

/** Asks for a workbook to import; null when the clerk cancels. */
export async function pickExcelToOpen(title: string): Promise<string | null> {
  return pickOpen({ title, filters: EXCEL_OPEN })
}

/** Asks where to write a workbook; the shell appends `.xlsx` when the clerk typed a bare name. */
export async function pickExcelToSave(title: string, defaultName: string): Promise<string | null> {
  return pickSave({ title, defaultName, filters: EXCEL_SAVE })
}

/** Asks where to write a file of another kind (e.g. the database backup). */
export async function pickSavePath(
  title: string,
  defaultName: string,
  filter: { name: string; extensions: string[] },
): Promise<string | null> {
  return pickSave({ title, defaultName, filters: [filter] })
}
