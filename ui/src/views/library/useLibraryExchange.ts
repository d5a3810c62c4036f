/**
 * 导入 / 导出 of the 指标库 workbook, following `composables/useExchange.ts`: a rejected import
 * fills `problems` and opens the error dialog (nothing was written then).
 */
import { ref } from 'vue'
import { ElLoading, ElMessage, ElMessageBox } from 'element-plus'
import type { FieldProblem } from '../../api/bindings/FieldProblem'
import { pickExcelToOpen, pickExcelToSave } from '../../api/exchange'
import { libraryApi } from '../../api/library'
import { toIpcError } from '../../api/invoke'
import { importDoneText } from '../../composables/useExchange'

export function useLibraryExchange(onImported: () => unknown) {
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
      path = await pickExcelToOpen('选择要导入的指标库Excel文件')
    } catch (e) {
      ElMessage.error(toIpcError(e).message)
      return
    }
    if (!path) return
    const file = path
    try {
      const report = await withBusy('正在导入指标…', () => libraryApi.import(file))
      await onImported()
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
    try {
      const path = await pickExcelToSave('导出指标库', '指标库.xlsx')
      if (!path) return
      const n = await withBusy('正在导出指标库…', () => libraryApi.export(path))
      ElMessage.success(`已导出 ${n} 个指标到 ${path}`)
    } catch (e) {
      ElMessage.error(toIpcError(e).message)
    }
  }

  return { problems, errorVisible, busy, importFile, exportFile }
}
