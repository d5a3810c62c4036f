/**
 * 导入 / 导出 / 下载导入模板 for one base-data sheet, shared by 单位管理 and 项目管理 (the workbook
 * handling itself is `useWorkbook`).
 */
import { ElMessage } from 'element-plus'
import type { Sheet } from '../api/bindings/Sheet'
import { exchangeApi, pickExcelToSave } from '../api/exchange'
import { toIpcError } from '../api/invoke'
import { useWorkbook } from './useWorkbook'

export { importDoneText } from './useWorkbook'

const SHEET_NAME: Record<Sheet, string> = { units: '单位', projects: '项目' }

export function useExchange(
  sheet: Sheet,
  opts: { year?: () => number | null; onImported?: () => unknown } = {},
) {
  const name = SHEET_NAME[sheet]
  const year = () => opts.year?.() ?? null
  const book = useWorkbook({
    name,
    fileName: () => (year() !== null ? `${name}_${year()}年度.xlsx` : `${name}.xlsx`),
    import: (path) => exchangeApi.import(sheet, path),
    export: (path) => exchangeApi.export(sheet, path, year()),
    exportedText: (n) => `已导出 ${n} 条${name}`,
    onImported: opts.onImported,
  })

  async function downloadTemplate() {
    try {
      const path = await pickExcelToSave(`保存${name}导入模板`, `${name}导入模板.xlsx`)
      if (!path) return
      await book.withBusy('正在生成模板…', () => exchangeApi.template(sheet, path))
      ElMessage.success(`导入模板已保存到 ${path}`)
    } catch (e) {
      ElMessage.error(toIpcError(e).message)
    }
  }

  return { ...book, downloadTemplate }
}
