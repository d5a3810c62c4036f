/**
 * State of one 监控情况表 form: the loaded sheet, what is typed (万元 text, indicator rows), the
 * live figures (same arithmetic as core, `utils/monitoringMath.ts`), and the server's problems
 * keyed by cell. Save / submit (= save then submit) / approve / return go through here.
 */
import { computed, reactive, ref } from 'vue'
import { useDirty } from '../../composables/useLeaveGuard'
import type { FieldProblem } from '../../api/bindings/FieldProblem'
import type { SheetIndicatorInput } from '../../api/bindings/SheetIndicatorInput'
import type { SheetInput } from '../../api/bindings/SheetInput'
import { toIpcError } from '../../api/invoke'
import { monitoringApi, type MonitoringSheet } from '../../api/monitoring'
import { useRulesStore } from '../../stores/rules'
import { fenToWanText, wanTextToFen } from '../../utils/money'
import {
  deviationBp,
  executionBp,
  indicatorCompletionBp,
  projectCompletionBp,
  timeProgressBp,
  warningOf,
} from '../../utils/monitoringMath'

/** Core names the 执行数 field with the round's real months (「1–8月执行数（万元）」). */
export const executedLabel = (cutoffMonth: number) => `1–${cutoffMonth}月执行数（万元）`
export const FORECAST_LABEL = '全年预计执行数（万元）'

/** Key of a server problem: `<row>:<column>` (row 1-based; 0 = a form field). */
export const cellKey = (row: number, column: string) => `${row}:${column.replace(/^『|』$/g, '')}`

export function useSheet(taskId: () => string) {
  const rules = useRulesStore()
  const sheet = ref<MonitoringSheet | null>(null)
  const form = reactive<{ executed: string; forecast: string; rows: SheetIndicatorInput[] }>({
    executed: '',
    forecast: '',
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

  const fillable = computed(() => {
    const s = sheet.value
    return !!s && s.round_open && (s.task.status === '待填报' || s.task.status === '已退回')
  })
  const reviewable = computed(() => !!sheet.value && sheet.value.round_open && sheet.value.task.status === '已提交')

  /** What is typed differs from what was last loaded or saved (only while it can be saved). */
  const tracked = useDirty(() => form)
  const dirty = computed(() => fillable.value && tracked.dirty.value)

  function fill(s: MonitoringSheet) {
    sheet.value = s
    form.executed = s.task.executed === null ? '' : fenToWanText(s.task.executed)
    form.forecast = s.task.forecast === null ? '' : fenToWanText(s.task.forecast)
    form.rows = s.indicators.map((i) => ({
      id: i.id,
      actual: i.actual ?? '',
      forecast: i.forecast ?? '',
      deviation_reason: i.deviation_reason,
      possibility: i.possibility,
      measures: i.measures,
    }))
    tracked.mark()
  }

  async function load() {
    error.value = ''
    problems.value = []
    try {
      fill(await monitoringApi.sheet(taskId()))
    } catch (e) {
      error.value = toIpcError(e).message
    }
    if (!rules.current) void rules.load().catch(() => undefined)
  }

  const time = computed(() => (sheet.value ? timeProgressBp(sheet.value.cutoff_month) : 0))
  const execution = computed(() => {
    const fen = wanTextToFen(form.executed)
    return fen === null || !sheet.value ? null : executionBp(fen, sheet.value.task.budget)
  })
  const rowCompletion = computed(() =>
    (sheet.value?.indicators ?? []).map((def, k) =>
      indicatorCompletionBp(def.nature, def.value, def.value_high, form.rows[k]?.actual ?? ''),
    ),
  )
  const completion = computed(() => {
    const defs = sheet.value?.indicators ?? []
    const filled: [number, number | null][] = []
    rowCompletion.value.forEach((bp, k) => bp !== null && filled.push([bp, defs[k]!.weight_cp]))
    return projectCompletionBp(filled)
  })
  const deviation = computed(() => deviationBp(completion.value, execution.value))
  const warning = computed(() => {
    const lines = rules.current?.rules.warning
    if (!lines) return sheet.value?.task.warning ?? null
    const poss = form.rows.flatMap((r) => (r.possibility ? [r.possibility] : []))
    return warningOf(lines, execution.value, time.value, poss)
  })

  function input(): SheetInput {
    return {
      executed_wan: form.executed.trim(),
      forecast_wan: form.forecast.trim(),
      indicators: form.rows.map((r) => ({ ...r, actual: r.actual.trim(), forecast: r.forecast.trim(), measures: r.measures.trim() })),
    }
  }

  /** Runs a command; a refusal's problems land on their cells, other errors in `error`. */
  async function run(job: () => Promise<MonitoringSheet>): Promise<boolean> {
    if (busy.value) return false
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

  const save = () => run(() => monitoringApi.save(taskId(), input()))
  const submit = () =>
    run(async () => {
      await monitoringApi.save(taskId(), input())
      return monitoringApi.submit(taskId())
    })
  const approve = () => run(() => monitoringApi.approve(taskId()))
  const returnWith = (reason: string) => run(() => monitoringApi.returnWith(taskId(), reason))

  return {
    sheet,
    form,
    problems,
    error,
    busy,
    fillable,
    dirty,
    reviewable,
    fieldError,
    cellError,
    time,
    execution,
    rowCompletion,
    completion,
    deviation,
    warning,
    load,
    save,
    submit,
    approve,
    returnWith,
  }
}
