/**
 * 导入申报表 / 导出申报表 of the year's 绩效目标 (the 绩效目标申报表 workbook). A rejected import
 * fills `problems` for the error dialog; nothing was written then. Imported targets arrive as
 * the units' submissions (一上, or 二上 after a return).
 */
import { ref } from 'vue'
import { ElLoading, ElMessage, ElMessageBox } from 'element-plus'
import type { FieldProblem } from '../../api/bindings/FieldProblem'
import { pickExcelToOpen, pickExcelToSave } from '../../api/exchange'
import { toIpcError } from '../../api/invoke'
import { targetsApi } from '../../api/targets'

export function useTargetsExchange(year: () => number, onImported: () => unknown) {
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
      path = await pickExcelToOpen('选择要导入的绩效目标申报表')
    } catch (e) {
      ElMessage.error(toIpcError(e).message)
      return
    }
    if (!path) return
    const file = path
    try {
      const report = await withBusy('正在导入绩效目标申报表…', () => targetsApi.import(file, year()))
      await onImported()
      const text = `导入完成：读取 ${report.rows} 行；新增目标 ${report.created} 个，更新 ${report.updated} 个，未变化 ${report.unchanged} 个`
      await ElMessageBox.alert(text, '导入完成', { type: 'success', confirmButtonText: '确定' }).catch(() => undefined)
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
    const y = year()
    try {
      const path = await pickExcelToSave('导出绩效目标申报表', `绩效目标申报表_${y}年度.xlsx`)
      if (!path) return
      const n = await withBusy('正在导出绩效目标申报表…', () => targetsApi.export(path, y))
      ElMessage.success(`已导出 ${n} 条三级指标到 ${path}`)
    } catch (e) {
      ElMessage.error(toIpcError(e).message)
    }
  }

  return { problems, errorVisible, busy, importFile, exportFile }
}
