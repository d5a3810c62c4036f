/**
 * 绩效评价: the year the evaluation screens work on, and the 单位自评 list (filters, paging,
 * current page; filtering and paging run in core).
 *
 * The year: 自评 is done after the year ends, so the screens open on the previous calendar year
 * when the database has it (else the newest earlier year, else the header's year). Changing the
 * header's year moves them along; the screens' own year select changes only them.
 */
import { defineStore } from 'pinia'
import type { Page } from '../api/bindings/Page'
import { usePagedList } from '../composables/usePagedList'
import { computed, reactive, ref, watch } from 'vue'
import dayjs from 'dayjs'
import type { Grade } from '../api/bindings/Grade'
import type { SelfEvalQuery } from '../api/bindings/SelfEvalQuery'
import type { SelfEvalRow } from '../api/bindings/SelfEvalRow'
import type { SelfEvalStatus } from '../api/bindings/SelfEvalStatus'
import { evaluationApi } from '../api/evaluation'
import { toIpcError } from '../api/invoke'
import { useSessionStore } from './session'

/** The previous calendar year if the database has it, else the newest earlier one, else `fallback`. */
export function defaultEvaluationYear(years: readonly number[], fallback: number, now = dayjs().year()): number {
  if (years.includes(now - 1)) return now - 1
  const earlier = years.filter((y) => y < now)
  return earlier.length > 0 ? Math.max(...earlier) : fallback
}

export interface SelfFilters {
  search: string
  unitId: string | null
  status: SelfEvalStatus | ''
  grade: Grade | ''
}

const blankFilters = (): SelfFilters => ({ search: '', unitId: null, status: '', grade: '' })

export const useEvaluationStore = defineStore('evaluation', () => {
  const session = useSessionStore()
  const picked = ref<number | null>(null)
  watch(
    () => session.year,
    (y) => (picked.value = y),
  )
  const year = computed<number>({
    get: () => picked.value ?? defaultEvaluationYear(session.years, session.year),
    set: (y) => (picked.value = y),
  })
  const yearOptions = computed(() => [...new Set([...session.yearOptions, year.value])].sort((a, b) => b - a))

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
    yearOptions,
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
