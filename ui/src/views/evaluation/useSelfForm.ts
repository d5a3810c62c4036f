/**
 * State of one 单位自评 form: the loaded form, what is typed (万元 text, 分值 in points, 实际完成值,
 * 不适用, reasons), the live 分值合计 (must be 100) and 执行率, and the server's problems keyed by
 * cell. Scores, total and grade are only ever shown as core computed them on the last save.
 */
import { computed, reactive, ref } from 'vue'
import { useDirty } from '../../composables/useLeaveGuard'
import type { FieldProblem } from '../../api/bindings/FieldProblem'
import type { SelfEvalForm } from '../../api/bindings/SelfEvalForm'
import type { SelfEvalInput } from '../../api/bindings/SelfEvalInput'
import { evaluationApi } from '../../api/evaluation'
import { toIpcError } from '../../api/invoke'
import { cpToPoints, pointsToCp } from '../../utils/convert'
import { fenToWanText, wanTextToFen } from '../../utils/money'
import { rateBp } from '../../utils/rate'

export const BUDGET_LABEL = '全年预算数（万元）'
export const EXECUTED_LABEL = '全年执行数（万元）'
export const EXEC_WEIGHT_LABEL = '预算执行率分值'
/** Column of core's "分值合计应为 100 分" problem (row 0). */
export const SUM_LABEL = '分值'

/** One indicator row as typed. */
export interface ItemText {
  id: string
  /** 分值 in points, "28.13". */
  weight: string
  actual: string
  not_applicable: boolean
  reason: string
}

/** Key of a problem: `<row>:<column>` (row 1-based; 0 = a form field). */
export const cellKey = (row: number, column: string) => `${row}:${column.replace(/^『|』$/g, '')}`

export function useSelfForm(id: () => string) {
  const data = ref<SelfEvalForm | null>(null)
  const form = reactive<{ budget: string; executed: string; execWeight: string; summary: string; rows: ItemText[] }>({
    budget: '',
    executed: '',
    execWeight: '',
    summary: '',
    rows: [],
  })
  const problems = ref<FieldProblem[]>([])
  const error = ref('')
  const busy = ref(false)

  const cellErrors = computed(() => {
    const m = new Map<string, string>()
    for (const p of problems.value) if (!m.has(cellKey(p.row, p.column))) m.set(cellKey(p.row, p.column), p.message)
    return m
  })
  const fieldError = (label: string) => cellErrors.value.get(cellKey(0, label)) ?? ''
  const cellError = (i: number, column: string) => cellErrors.value.get(cellKey(i + 1, column)) ?? ''

  const status = computed(() => data.value?.row.status ?? null)
  const fillable = computed(() => status.value === '待填报' || status.value === '填报中' || status.value === '已退回')
  const returnable = computed(() => status.value === '已提交')

  /** 预算执行率分值 + every row's 分值, centi-points; null while one is not a number. */
  const weightSum = computed(() => {
    const parts = [form.execWeight, ...form.rows.map((r) => r.weight)].map(pointsToCp)
    return parts.some((p) => p === null) ? null : parts.reduce<number>((s, p) => s + p!, 0)
  })
  /** 全年执行数 ÷ 全年预算数 as typed (bp). */
  const executionBp = computed(() => {
    const executed = wanTextToFen(form.executed)
    const budget = wanTextToFen(form.budget)
    return executed === null || budget === null ? null : rateBp(executed, budget)
  })

  /** What is typed differs from what was last loaded or saved (only while it can be saved). */
  const tracked = useDirty(() => form)
  const dirty = computed(() => fillable.value && tracked.dirty.value)

  function fill(f: SelfEvalForm) {
    data.value = f
    form.budget = fenToWanText(f.row.budget)
    form.executed = f.row.executed === null ? '' : fenToWanText(f.row.executed)
    form.execWeight = cpToPoints(f.row.execution_weight_cp)
    form.summary = f.summary
    form.rows = f.items.map((i) => ({
      id: i.id,
      weight: cpToPoints(i.weight_cp),
      actual: i.actual ?? '',
      not_applicable: i.not_applicable,
      reason: i.reason,
    }))
    tracked.mark()
  }

  async function load() {
    error.value = ''
    problems.value = []
    try {
      fill(await evaluationApi.selfGet(id()))
    } catch (e) {
      error.value = toIpcError(e).message
    }
  }

  /** 分值 that are not numbers: refused here, as core would, before anything is sent. */
  function typingProblems(): FieldProblem[] {
    const out: FieldProblem[] = []
    const bad = '请填写 0–100 的分值，最多两位小数，如 28.13'
    if (pointsToCp(form.execWeight) === null) out.push({ row: 0, column: EXEC_WEIGHT_LABEL, message: bad })
    form.rows.forEach((r, k) => pointsToCp(r.weight) === null && out.push({ row: k + 1, column: '分值', message: bad }))
    return out
  }

  function input(): SelfEvalInput {
    return {
      budget_wan: form.budget.trim(),
      executed_wan: form.executed.trim(),
      execution_weight_cp: pointsToCp(form.execWeight) ?? 0,
      summary: form.summary.trim(),
      items: form.rows.map((r) => ({
        id: r.id,
        weight_cp: pointsToCp(r.weight) ?? 0,
        actual: r.actual.trim(),
        not_applicable: r.not_applicable,
        reason: r.reason.trim(),
      })),
    }
  }

  /** Runs a command; a refusal's problems land on their cells, other errors in `error`. */
  async function run(job: () => Promise<SelfEvalForm>, check = false): Promise<boolean> {
    if (busy.value) return false
    if (check) {
      const local = typingProblems()
      if (local.length > 0) {
        problems.value = local
        error.value = `有 ${local.length} 处分值不是数字，已在表中标出`
        return false
      }
    }
    busy.value = true
    error.value = ''
    try {
      fill(await job())
      problems.value = []
      return true
    } catch (e) {
      const err = toIpcError(e)
      problems.value = err.problems
      error.value = err.code === 'Rejected' ? `${err.message}（共 ${err.problems.length} 处，已在表中标出）` : err.message
      return false
    } finally {
      busy.value = false
    }
  }

  const save = () => run(() => evaluationApi.selfSave(id(), input()), true)
  /** Saves what is typed, then submits. */
  const submit = () =>
    run(async () => {
      // The saved scores show even when the submit is refused.
      fill(await evaluationApi.selfSave(id(), input()))
      return evaluationApi.selfSubmit(id())
    }, true)
  const returnWith = (reason: string) => run(() => evaluationApi.selfReturn(id(), reason))

  return {
    data,
    form,
    problems,
    error,
    busy,
    status,
    fillable,
    dirty,
    returnable,
    weightSum,
    executionBp,
    fieldError,
    cellError,
    load,
    save,
    submit,
    returnWith,
  }
}
