/**
 * 导入 / 导出 / 下载导入模板 for one base-data sheet, shared by 单位管理 and 项目管理.
 * A rejected import fills `problems` and opens the error dialog; nothing was written then.
 */
import { ref } from 'vue'
import { ElLoading, ElMessage, ElMessageBox } from 'element-plus'
import type { FieldProblem } from '../api/bindings/FieldProblem'
import type { Sheet } from '../api/bindings/Sheet'
import { exchangeApi, pickExcelToOpen, pickExcelToSave } from '../api/exchange'
import { toIpcError } from '../api/invoke'

const SHEET_NAME: Record<Sheet, string> = { units: '单位', projects: '项目' }

export function importDoneText(r: { created: number; updated: number; unchanged: number }): string {
  return `导入完成：新增 ${r.created} 条，更新 ${r.updated} 条，未变化 ${r.unchanged} 条`
}

export function useExchange(
  sheet: Sheet,
  opts: { year?: () => number | null; onImported?: () => unknown } = {},
) {
  const problems = ref<FieldProblem[]>([])
  const errorVisible = ref(false)
  const busy = ref(false)
  const name = SHEET_NAME[sheet]

  async function withBusy<T>(text: string, job: () => Promise<T>): Promise<T> {
    busy.value = true
    const loading = ElLoading.service({ lock: true, text })
    try {
      return await job()
    } finally {
      loading.close()
      busy.value = false
    }
  }

  async function importFile() {
    let path: string | null
    try {
      path = await pickExcelToOpen(`选择要导入的${name}Excel文件`)
    } catch (e) {
      ElMessage.error(toIpcError(e).message)
      return
    }
    if (!path) return
    const file = path
    try {
      const report = await withBusy(`正在导入${name}…`, () => exchangeApi.import(sheet, file))
      await opts.onImported?.()
      await ElMessageBox.alert(importDoneText(report), '导入完成', {
        type: 'success',
        confirmButtonText: '确定',
      }).catch(() => undefined)
    } catch (e) {
      const err = toIpcError(e)
      if (err.code === 'Rejected') {
        problems.value = err.problems
        errorVisible.value = true
      } else {
        await ElMessageBox.alert(err.message, '导入失败', { type: 'error', confirmButtonText: '确定' }).catch(
          () => undefined,
        )
      }
    }
  }

  async function exportFile() {
    const year = opts.year?.() ?? null
    try {
      const path = await pickExcelToSave(
        `导出${name}`,
        year !== null ? `${name}_${year}年度.xlsx` : `${name}.xlsx`,
      )
      if (!path) return
      const n = await withBusy(`正在导出${name}…`, () => exchangeApi.export(sheet, path, year))
      ElMessage.success(`已导出 ${n} 条${name}到 ${path}`)
    } catch (e) {
      ElMessage.error(toIpcError(e).message)
    }
  }

  async function downloadTemplate() {
    try {
      const path = await pickExcelToSave(`保存${name}导入模板`, `${name}导入模板.xlsx`)
      if (!path) return
      await withBusy('正在生成模板…', () => exchangeApi.template(sheet, path))
      ElMessage.success(`导入模板已保存到 ${path}`)
    } catch (e) {
      ElMessage.error(toIpcError(e).message)
    }
  }

  return { problems, errorVisible, busy, importFile, exportFile, downloadTemplate }
}
