/**
 * 事前评估: the year's list (filters, paging, counts) and figures. Paging and filtering run in
 * core; the year follows the header's 年度.
 */
import { defineStore } from 'pinia'
import { computed, reactive } from 'vue'
import { usePagedList } from '../composables/usePagedList'
import type { ExAntePage } from '../api/bindings/ExAntePage'
import { exanteApi } from '../api/exante'
import type { ExAnteConclusion } from '../api/bindings/ExAnteConclusion'
import type { ExAnteCounts } from '../api/bindings/ExAnteCounts'
import type { ExAnteQuery } from '../api/bindings/ExAnteQuery'
import type { BudgetType } from '../api/bindings/BudgetType'
import type { ExAnteRow } from '../api/bindings/ExAnteRow'
import type { ExAnteStats } from '../api/bindings/ExAnteStats'
import type { ExAnteStatus } from '../api/bindings/ExAnteStatus'
import { toIpcError } from '../api/invoke'
import { useSessionStore } from './session'

export interface ExAnteFilters {
  search: string
  unitId: string | null
  status: ExAnteStatus | null
  conclusion: ExAnteConclusion | null
  budgetType: BudgetType | null
}


const blankFilters = (): ExAnteFilters => ({ search: '', unitId: null, status: null, conclusion: null, budgetType: null })
const noCounts = (): ExAnteCounts => ({ required: 0, assessed: 0, missing: 0, other_assessed: 0 })

export const useExAnteStore = defineStore('exante', () => {
  const session = useSessionStore()
  const filters = reactive<ExAnteFilters>(blankFilters())
  const list = usePagedList<ExAnteRow, ExAntePage & { stats: ExAnteStats }>(
    async (p: number, size: number) => {
      const [res, st] = await Promise.all([exanteApi.required(query(p, size)), exanteApi.stats(session.year)])
      return { ...res, stats: st }
    },
    { errorText: (e) => toIpcError(e).message },
  )
  const { page, pageSize, rows, total, loading, error, load } = list
  const counts = computed<ExAnteCounts>(() => list.last.value?.counts ?? noCounts())
  /** The threshold in force, 分. */
  const threshold = computed(() => list.last.value?.threshold ?? 0)
  const stats = computed<ExAnteStats | null>(() => list.last.value?.stats ?? null)

  function query(p: number = list.page.value, size: number = list.pageSize.value): ExAnteQuery {
    const search = filters.search.trim()
    return {
      year: session.year,
      status: filters.status || null,
      conclusion: filters.conclusion || null,
      budget_type: filters.budgetType || null,
      unit_id: filters.unitId || null,
      search: search === '' ? null : search,
      page: p,
      page_size: size,
    }
  }

  function resetFilters() {
    Object.assign(filters, blankFilters())
  }

  return {
    filters,
    page,
    pageSize,
    rows,
    total,
    counts,
    threshold,
    stats,
    loading,
    error,
    query,
    load,
    reloadFirstPage: list.reloadFirstPage,
    reloadSoon: list.reloadSoon,
    setPage: list.setPage,
    setPageSize: list.setPageSize,
    resetFilters,
  }
})
