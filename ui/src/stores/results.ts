/**
 * 结果应用 › 整改台账: filters, paging and the current page of the ledger, plus its header
 * figures. Filtering, overdue and paging run in core.
 */
import { defineStore } from 'pinia'
import type { Page } from '../api/bindings/Page'
import { usePagedList } from '../composables/usePagedList'
import { reactive, ref } from 'vue'
import { resultsApi } from '../api/results'
import type { RectQuery } from '../api/bindings/RectQuery'
import type { RectRow } from '../api/bindings/RectRow'
import type { RectStatus } from '../api/bindings/RectStatus'
import type { RectSummary } from '../api/bindings/RectSummary'
import { toIpcError } from '../api/invoke'
import { useSessionStore } from './session'

export interface RectFilters {
  search: string
  unitId: string | null
  status: RectStatus | ''
  overdueOnly: boolean
}

const blankFilters = (): RectFilters => ({ search: '', unitId: null, status: '', overdueOnly: false })

export const useResultsStore = defineStore('results', () => {
  const session = useSessionStore()
  const filters = reactive<RectFilters>(blankFilters())
  const list = usePagedList<RectRow, Page<RectRow>>(
    (p: number, size: number) => resultsApi.rectList(query(p, size)),
    { errorText: (e) => toIpcError(e).message },
  )
  const { page, pageSize, rows, total, loading, error, load } = list
  const summary = ref<RectSummary | null>(null)

  function query(p: number = list.page.value, size: number = list.pageSize.value): RectQuery {
    const search = filters.search.trim()
    return {
      year: session.year,
      unit_id: filters.unitId || null,
      status: filters.status || null,
      overdue_only: filters.overdueOnly,
      search: search === '' ? null : search,
      page: p,
      page_size: size,
    }
  }

  async function loadSummary() {
    try {
      summary.value = await resultsApi.rectSummary(session.year)
    } catch (e) {
      error.value = toIpcError(e).message
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
    summary,
    loading,
    error,
    query,
    load,
    loadSummary,
    resetFilters,
    reloadFirstPage: list.reloadFirstPage,
    reloadSoon: list.reloadSoon,
    setPage: list.setPage,
    setPageSize: list.setPageSize,
  }
})
