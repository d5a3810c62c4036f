/**
 * 导入 / 导出 of one workbook, whatever the stage: file dialogs, a full-screen mask while the
 * command runs, the 导入完成 summary, and the error dialog. A rejected import fills `problems`
 * and opens the dialog; nothing was written then. Each stage says only what differs (titles,
 * file name, the two commands).
 */
import { defineComponent, h, ref } from 'vue'
import { ElCheckbox, ElLoading, ElMessage, ElMessageBox, ElOption, ElSelect } from 'element-plus'
import type { FieldProblem } from '../api/bindings/FieldProblem'
import type { ImportReport } from '../api/bindings/ImportReport'
import { exchangeApi, pickExcelToOpen, pickExcelToSave } from '../api/exchange'
import type { TouchedUnit } from '../api/bindings/TouchedUnit'
import { toIpcError } from '../api/invoke'

export interface WorkbookSpec {
  /** 「指标库」, 「绩效目标申报表」 … — used in titles and masks. */
  name: string
  /** Suggested file name of an export. */
  fileName: () => string
  /**
   * `submit`: the user ticked 导入即提交 (only offered when `submitChoice` is set); `unit`: the
   * code of the unit whose workbook this is (按单位导入), null for a consolidated one.
   */
  import: (path: string, submit: boolean, unit: string | null) => Promise<ImportReport>
  /**
   * Form workbooks: the year whose projects the rows name. After the file is picked, the units it
   * touches are shown and one may be chosen (core refuses rows of any other unit then).
   */
  unitsYear?: () => number
  /**
   * Form workbooks (绩效目标, 监控情况表, 自评表): before the file is picked, a dialog offers
   * 导入即提交 with this explanation; unticked (the default) the forms are only saved.
   */
  submitChoice?: string
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

/** 「；已锁定未修改 3 张，跳过；已提交 2 张」 — the form counts the base-data text has not. */
export function lockedAndSubmittedText(r: { locked: number; submitted: number }): string {
  return (
    (r.locked > 0 ? `；已锁定未修改 ${r.locked} 张，跳过` : '') +
    (r.submitted > 0 ? `；已提交 ${r.submitted} 张` : '')
  )
}

/**
 * Asks whether to submit the imported forms (导入即提交), default no. Resolves to the choice, or
 * null when the user cancels.
 */
export async function askSubmit(name: string, explanation: string): Promise<boolean | null> {
  const submit = ref(false)
  const Choice = defineComponent(() => () =>
    h('div', [
      h('p', { style: 'margin: 0 0 8px' }, `将从 Excel 文件导入${name}。已提交或已批复且文件中未修改的表会跳过。`),
      h(
        ElCheckbox,
        {
          modelValue: submit.value,
          'onUpdate:modelValue': (v: string | number | boolean) => (submit.value = Boolean(v)),
          'data-testid': 'import-submit',
        },
        () => '导入即提交',
      ),
      h('p', { style: 'margin: 4px 0 0; color: var(--el-text-color-secondary); font-size: 12px' }, explanation),
    ]),
  )
  try {
    await ElMessageBox.confirm(h(Choice), `导入${name}`, {
      confirmButtonText: '选择文件…',
      cancelButtonText: '取消',
      type: 'info',
    })
  } catch {
    return null
  }
  return submit.value
}

/**
 * Shows which units a form workbook touches and asks whether it is one unit's (按单位导入: core
 * then refuses rows of any other unit) or a consolidated one. One unit touched → that unit is the
 * default. Resolves to the unit code, '' for 汇总, or null when the user cancels.
 */
export async function askUnit(name: string, touched: TouchedUnit[]): Promise<string | null> {
  const unit = ref(touched.length === 1 ? touched[0].code : '')
  const listed = touched.map((u) => `${u.name}（${u.rows} 行）`).join('、')
  const Choice = defineComponent(() => () =>
    h('div', [
      h(
        'p',
        { style: 'margin: 0 0 8px', 'data-testid': 'import-units-touched' },
        touched.length === 0
          ? '文件中没有本年度已有项目的行（导入时会逐行说明）。'
          : `本文件涉及 ${touched.length} 个单位：${listed}。`,
      ),
      h(
        ElSelect,
        {
          modelValue: unit.value,
          'onUpdate:modelValue': (v: string) => (unit.value = v),
          style: 'width: 100%',
          'data-testid': 'import-unit',
        },
        () => [
          h(ElOption, { label: '汇总表（不限单位，财政局绩效管理用）', value: '' }),
          ...touched.map((u) => h(ElOption, { label: `按单位导入：${u.name}（${u.code}）`, value: u.code })),
        ],
      ),
      h(
        'p',
        { style: 'margin: 4px 0 0; color: var(--el-text-color-secondary); font-size: 12px' },
        '选择单位后，文件中其他单位的项目行将使整个文件被拒绝，不会导入任何数据。',
      ),
    ]),
  )
  try {
    await ElMessageBox.confirm(h(Choice), `导入${name}`, {
      confirmButtonText: '导入',
      cancelButtonText: '取消',
      type: 'info',
    })
  } catch {
    return null
  }
  return unit.value
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
    let submit = false
    if (spec.submitChoice) {
      const choice = await askSubmit(spec.name, spec.submitChoice)
      if (choice === null) return
      submit = choice
    }
    let path: string | null
    try {
      path = await pickExcelToOpen(`选择要导入的${spec.name}Excel文件`)
    } catch (e) {
      ElMessage.error(toIpcError(e).message)
      return
    }
    if (!path) return
    const file = path
    let unit: string | null = null
    if (spec.unitsYear) {
      const year = spec.unitsYear()
      let touched: TouchedUnit[]
      try {
        touched = await exchangeApi.unitsTouched(file, year)
      } catch (e) {
        await ElMessageBox.alert(toIpcError(e).message, '导入失败', { type: 'error', confirmButtonText: '确定' }).catch(
          () => undefined,
        )
        return
      }
      const choice = await askUnit(spec.name, touched)
      if (choice === null) return
      unit = choice || null
    }
    try {
      const report = await withBusy(`正在导入${spec.name}…`, () => spec.import(file, submit, unit))
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
