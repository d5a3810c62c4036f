/**
 * 结果应用 › 整改台账: filters, paging and the current page of the ledger, plus its header
 * figures. Filtering, overdue and paging run in core.
 */
import { defineStore } from 'pinia'
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

export const RECT_PAGE_SIZES = [20, 50, 100] as const

const blankFilters = (): RectFilters => ({ search: '', unitId: null, status: '', overdueOnly: false })

export const useResultsStore = defineStore('results', () => {
  const session = useSessionStore()
  const filters = reactive<RectFilters>(blankFilters())
  const page = ref(1)
  const pageSize = ref<number>(20)
  const rows = ref<RectRow[]>([])
  const total = ref(0)
  const summary = ref<RectSummary | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  let seq = 0

  function query(): RectQuery {
    const search = filters.search.trim()
    return {
      year: session.year,
      unit_id: filters.unitId || null,
      status: filters.status || null,
      overdue_only: filters.overdueOnly,
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
      const res = await resultsApi.rectList(query())
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

  return { filters, page, pageSize, rows, total, summary, loading, error, query, load, loadSummary, resetFilters }
})
