/**
 * State of the 绩效目标 editor: the loaded Target, the 总体目标 and rows being typed, what is
 * unsaved, and the problems to show. A cell's client-side problem shows once the clerk has
 * touched that cell (or after a save attempt); a server problem sticks to its row until the
 * row is edited. 保存 is refused on the client while problems remain (core would refuse too).
 */
import { computed, ref } from 'vue'
import { ElMessage } from 'element-plus'
import type { FieldProblem } from '../../api/bindings/FieldProblem'
import type { Target } from '../../api/bindings/Target'
import { toIpcError } from '../../api/invoke'
import { targetsApi } from '../../api/targets'
import { isEditableStatus, isUnderReview } from '../../utils/indicatorLevels'
import { checkIndicators } from '../../utils/indicatorValue'
import { rowOf, toDraft, type DraftRow } from './draftRows'

type Problems = Record<string, string>

export function useTargetEditor() {
  const target = ref<Target | null>(null)
  const goal = ref('')
  const rows = ref<DraftRow[]>([])
  const snapshot = ref('')
  const loading = ref(false)
  const loadError = ref<string | null>(null)
  const saving = ref(false)
  const goalError = ref('')
  /** `${key}:${column}` of cells the clerk has changed since the last save. */
  const touched = ref(new Set<string>())
  const showAll = ref(false)
  const server = ref(new Map<number, Problems>())

  const editable = computed(() => !!target.value && target.value.is_current && isEditableStatus(target.value.status))
  const reviewing = computed(() => !!target.value && target.value.is_current && isUnderReview(target.value.status))
  const draft = computed(() => toDraft(goal.value, rows.value))
  const dirty = computed(() => editable.value && JSON.stringify(draft.value) !== snapshot.value)

  const client = computed(() => {
    const byKey = new Map<number, Problems>()
    for (const p of checkIndicators(rows.value)) {
      const key = rows.value[p.row - 1]!.key
      const m = byKey.get(key) ?? {}
      m[p.column] ??= p.message
      byKey.set(key, m)
    }
    return byKey
  })
  const problemCount = computed(() => [...client.value.values()].reduce((n, m) => n + Object.keys(m).length, 0))

  function problemsOf(r: DraftRow): Problems {
    const out: Problems = {}
    for (const [column, message] of Object.entries(client.value.get(r.key) ?? {})) {
      if (showAll.value || touched.value.has(`${r.key}:${column}`)) out[column] = message
    }
    return { ...out, ...(server.value.get(r.key) ?? {}) }
  }

  function markEdited(key: number, column: string) {
    if (server.value.has(key)) {
      const m = new Map(server.value)
      m.delete(key)
      server.value = m
    }
    if (column) touched.value = new Set(touched.value).add(`${key}:${column}`)
  }

  /**
   * Takes a Target from the server. `keepDraft` (公开, 意见已整改) leaves what the clerk is
   * typing alone; otherwise the rows are rebuilt, keeping each position's key so focus and
   * Vue's row identity survive a save (core stores the rows in the order sent).
   */
  function apply(t: Target, keepDraft = false) {
    target.value = t
    if (keepDraft) return
    const old = rows.value
    goal.value = t.overall_goal
    rows.value = t.indicators.map((ind, i) => {
      const r = rowOf(ind)
      return old[i] ? { ...r, key: old[i].key } : r
    })
    snapshot.value = JSON.stringify(toDraft(goal.value, rows.value))
    touched.value = new Set()
    showAll.value = false
    server.value = new Map()
    goalError.value = ''
  }

  async function load(id: string) {
    loading.value = true
    loadError.value = null
    try {
      rows.value = []
      apply(await targetsApi.get(id))
    } catch (e) {
      loadError.value = toIpcError(e).message
    } finally {
      loading.value = false
    }
  }

  function takeServerProblems(problems: FieldProblem[]) {
    const m = new Map<number, Problems>()
    for (const p of problems) {
      const row = rows.value[p.row - 1]
      if (!row) continue
      const column = p.column.replace(/^『|』$/g, '')
      m.set(row.key, { ...(m.get(row.key) ?? {}), [column]: p.message })
    }
    server.value = m
  }

  /** Saves the draft; false when it was refused (the problems are on screen). */
  async function save(): Promise<boolean> {
    const t = target.value
    if (!t || !editable.value || saving.value) return false
    showAll.value = true
    if (problemCount.value > 0) {
      ElMessage.error(`还有 ${problemCount.value} 处需要修改，已在表格中标红`)
      return false
    }
    saving.value = true
    try {
      apply(await targetsApi.save(t.id, draft.value))
      ElMessage.success('已保存')
      return true
    } catch (e) {
      const err = toIpcError(e)
      if (err.code === 'Rejected') takeServerProblems(err.problems)
      else if (err.code === 'Invalid' && err.problems[0]?.column === '总体目标') goalError.value = err.problems[0].message
      ElMessage.error(err.message)
      return false
    } finally {
      saving.value = false
    }
  }

  /** 提交审核 (编制 → 一上, 一下 → 二上); saves first when there are unsaved changes. */
  async function submit(): Promise<boolean> {
    const t = target.value
    if (!t || !editable.value || saving.value) return false
    if (dirty.value && !(await save())) return false
    saving.value = true
    try {
      const after = await targetsApi.submit(t.id)
      apply(after)
      ElMessage.success(`已提交审核（${after.status}）`)
      return true
    } catch (e) {
      const err = toIpcError(e)
      if (err.code === 'Invalid' && err.problems[0]?.column === '总体目标') goalError.value = err.problems[0].message
      ElMessage.error(err.message)
      return false
    } finally {
      saving.value = false
    }
  }

  return {
    target,
    goal,
    rows,
    loading,
    loadError,
    saving,
    goalError,
    editable,
    reviewing,
    dirty,
    problemCount,
    problemsOf,
    markEdited,
    apply,
    load,
    save,
    submit,
  }
}
