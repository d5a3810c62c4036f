/**
 * 导入 / 导出 of one workbook, whatever the stage: file dialogs, a full-screen mask while the
 * command runs, the 导入完成 summary, and the error dialog. A rejected import fills `problems`
 * and opens the dialog; nothing was written then. Each stage says only what differs (titles,
 * file name, the two commands).
 */
import { ref } from 'vue'
import { ElLoading, ElMessage, ElMessageBox } from 'element-plus'
import type { FieldProblem } from '../api/bindings/FieldProblem'
import type { ImportReport } from '../api/bindings/ImportReport'
import { pickExcelToOpen, pickExcelToSave } from '../api/exchange'
import { toIpcError } from '../api/invoke'

export interface WorkbookSpec {
  /** 「指标库」, 「绩效目标申报表」 … — used in titles and masks. */
  name: string
  /** Suggested file name of an export. */
  fileName: () => string
  import: (path: string) => Promise<ImportReport>
  /** Returns how many rows were written. */
  export: (path: string) => Promise<number>
  /** 「已导出 n 个指标」 — what the rows are. */
  exportedText: (n: number) => string
  importedText?: (r: ImportReport) => string
  onImported?: () => unknown
}

export function importDoneText(r: { created: number; updated: number; unchanged: number }): string {
  return `导入完成：新增 ${r.created} 条，更新 ${r.updated} 条，未变化 ${r.unchanged} 条`
}

export function useWorkbook(spec: WorkbookSpec) {
  const problems = ref<FieldProblem[]>([])
  const errorVisible = ref(false)
  const busy = ref(false)

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
      path = await pickExcelToOpen(`选择要导入的${spec.name}Excel文件`)
    } catch (e) {
      ElMessage.error(toIpcError(e).message)
      return
    }
    if (!path) return
    const file = path
    try {
      const report = await withBusy(`正在导入${spec.name}…`, () => spec.import(file))
      await spec.onImported?.()
      const text = (spec.importedText ?? importDoneText)(report)
      await ElMessageBox.alert(text, '导入完成', { type: 'success', confirmButtonText: '确定' }).catch(
        () => undefined,
      )
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
    try {
      const path = await pickExcelToSave(`导出${spec.name}`, spec.fileName())
      if (!path) return
      const n = await withBusy(`正在导出${spec.name}…`, () => spec.export(path))
      ElMessage.success(`${spec.exportedText(n)}到 ${path}`)
    } catch (e) {
      ElMessage.error(toIpcError(e).message)
    }
  }

  return { problems, errorVisible, busy, withBusy, importFile, exportFile }
}
