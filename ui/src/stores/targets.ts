/**
 * 绩效目标 › 目标管理: the tab (项目 / 部门整体), filters, paging and the current page, plus the
 * overview of the year. Paging and filtering run in core; the year is the header's 年度.
 */
import { defineStore } from 'pinia'
import type { Page } from '../api/bindings/Page'
import { usePagedList } from '../composables/usePagedList'
import { reactive, ref } from 'vue'
import { targetsApi } from '../api/targets'
import type { TargetKind } from '../api/bindings/TargetKind'
import type { TargetOverview } from '../api/bindings/TargetOverview'
import type { TargetQuery } from '../api/bindings/TargetQuery'
import type { TargetRow } from '../api/bindings/TargetRow'
import { toIpcError } from '../api/invoke'
import { useSessionStore } from './session'

export interface TargetFilters {
  search: string
  unitId: string | null
  /** A TargetStatus label, 「未编制」, or '' for all. */
  status: string
}

const blankFilters = (): TargetFilters => ({ search: '', unitId: null, status: '' })

export const useTargetsStore = defineStore('targets', () => {
  const session = useSessionStore()
  const kind = ref<TargetKind>('项目')
  const filters = reactive<TargetFilters>(blankFilters())
  const list = usePagedList<TargetRow, Page<TargetRow>>(
    (p: number, size: number) => targetsApi.list(query(p, size)),
    { errorText: (e) => toIpcError(e).message },
  )
  const { page, pageSize, rows, total, loading, error, load } = list
  const overview = ref<TargetOverview | null>(null)

  function query(p: number = list.page.value, size: number = list.pageSize.value): TargetQuery {
    const search = filters.search.trim()
    return {
      year: session.year,
      kind: kind.value,
      status: filters.status || null,
      unit_id: filters.unitId || null,
      search: search === '' ? null : search,
      page: p,
      page_size: size,
    }
  }

  function resetFilters() {
    Object.assign(filters, blankFilters())
  }

  async function loadOverview() {
    overview.value = await targetsApi.overview(session.year)
  }

  return {
    kind,
    filters,
    page,
    pageSize,
    rows,
    total,
    loading,
    error,
    overview,
    query,
    load,
    resetFilters,
    loadOverview,
    reloadFirstPage: list.reloadFirstPage,
    reloadSoon: list.reloadSoon,
    setPage: list.setPage,
    setPageSize: list.setPageSize,
  }
})
