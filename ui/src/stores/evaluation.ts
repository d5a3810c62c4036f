/**
 * 绩效评价: the year the evaluation screens work on, and the 单位自评 list (filters, paging,
 * current page; filtering and paging run in core).
 *
 * The year: 自评 is done after the year ends, so the screens open on the previous calendar year
 * when the database has it (else the newest earlier year, else the header's year). Changing the
 * header's year moves them along; the screens' own year select changes only them.
 */
import { defineStore } from 'pinia'
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

export const SELF_PAGE_SIZES = [20, 50, 100] as const

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
  const page = ref(1)
  const pageSize = ref<number>(20)
  const rows = ref<SelfEvalRow[]>([])
  const total = ref(0)
  const loading = ref(false)
  const error = ref<string | null>(null)
  let seq = 0

  function query(): SelfEvalQuery {
    const search = filters.search.trim()
    return {
      year: year.value,
      unit_id: filters.unitId || null,
      status: filters.status || null,
      grade: filters.grade || null,
      search: search === '' ? null : search,
      page: page.value,
      page_size: pageSize.value,
    }
  }

  /** Fetches the current page; a slower, older answer never overwrites a newer one. */
  async function load() {
    const mine = ++seq
    loading.value = true
    try {
      const res = await evaluationApi.selfList(query())
      if (mine !== seq) return
      rows.value = res.rows
      total.value = res.total
      error.value = null
      if (res.rows.length === 0 && res.total > 0 && page.value > 1) {
        page.value = Math.max(1, Math.ceil(res.total / pageSize.value))
        await load()
      }
    } catch (e) {
      if (mine === seq) error.value = toIpcError(e).message
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function resetFilters() {
    Object.assign(filters, blankFilters())
  }

  return { year, yearOptions, filters, page, pageSize, rows, total, loading, error, query, load, resetFilters }
})
