/**
 * 绩效评价: the year the evaluation screens work on, and the 单位自评 list (filters, paging,
 * current page; filtering and paging run in core).
 *
 * The year (one model, issue 16): the header's year is the year the work is done in. 自评 and
 * 抽查复核 are done after a year ends, so these screens work on the results of the year before the
 * header's year and say so in their title (「2025 年度自评（2026 年开展）」); they have no year
 * select of their own. Setting `year` moves the header.
 */
import { defineStore } from 'pinia'
import type { Page } from '../api/bindings/Page'
import { usePagedList } from '../composables/usePagedList'
import { computed, reactive } from 'vue'
import type { Grade } from '../api/bindings/Grade'
import type { SelfEvalQuery } from '../api/bindings/SelfEvalQuery'
import type { SelfEvalRow } from '../api/bindings/SelfEvalRow'
import type { SelfEvalStatus } from '../api/bindings/SelfEvalStatus'
import { evaluationApi } from '../api/evaluation'
import { toIpcError } from '../api/invoke'
import { useSessionStore } from './session'

export interface SelfFilters {
  search: string
  unitId: string | null
  status: SelfEvalStatus | ''
  grade: Grade | ''
}

const blankFilters = (): SelfFilters => ({ search: '', unitId: null, status: '', grade: '' })

export const useEvaluationStore = defineStore('evaluation', () => {
  const session = useSessionStore()
  /** The year whose results are evaluated: the header's year − 1. */
  const year = computed<number>({
    get: () => session.year - 1,
    set: (y) => (session.year = y + 1),
  })
  /** 「2025 年度自评（2026 年开展）」 */
  const titleOf = (what: string) => `${year.value} 年度${what}（${session.year} 年开展）`

  const filters = reactive<SelfFilters>(blankFilters())
  const list = usePagedList<SelfEvalRow, Page<SelfEvalRow>>(
    (p: number, size: number) => evaluationApi.selfList(query(p, size)),
    { errorText: (e) => toIpcError(e).message },
  )
  const { page, pageSize, rows, total, loading, error, load } = list

  function query(p: number = list.page.value, size: number = list.pageSize.value): SelfEvalQuery {
    const search = filters.search.trim()
    return {
      year: year.value,
      unit_id: filters.unitId || null,
      status: filters.status || null,
      grade: filters.grade || null,
      search: search === '' ? null : search,
      page: p,
      page_size: size,
    }
  }

  function resetFilters() {
    Object.assign(filters, blankFilters())
  }

  return {
    year,
    titleOf,
    filters,
    page,
    pageSize,
    rows,
    total,
    loading,
    error,
    query,
    load,
    resetFilters,
    reloadFirstPage: list.reloadFirstPage,
    reloadSoon: list.reloadSoon,
    setPage: list.setPage,
    setPageSize: list.setPageSize,
  }
})
