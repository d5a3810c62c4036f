/**
 * 事前评估: the year's list (filters, paging, counts) and figures. Paging and filtering run in
 * core; the year follows the header's 年度.
 */
import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import { exanteApi } from '../api/exante'
import type { ExAnteConclusion } from '../api/bindings/ExAnteConclusion'
import type { ExAnteCounts } from '../api/bindings/ExAnteCounts'
import type { ExAnteQuery } from '../api/bindings/ExAnteQuery'
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
}

export const PAGE_SIZES = [20, 50, 100] as const

const blankFilters = (): ExAnteFilters => ({ search: '', unitId: null, status: null, conclusion: null })
const noCounts = (): ExAnteCounts => ({ required: 0, assessed: 0, missing: 0, other_assessed: 0 })

export const useExAnteStore = defineStore('exante', () => {
  const session = useSessionStore()
  const filters = reactive<ExAnteFilters>(blankFilters())
  const page = ref(1)
  const pageSize = ref<number>(20)
  const rows = ref<ExAnteRow[]>([])
  const total = ref(0)
  const counts = ref<ExAnteCounts>(noCounts())
  /** The threshold in force, 分. */
  const threshold = ref(0)
  const stats = ref<ExAnteStats | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  let seq = 0

  function query(): ExAnteQuery {
    const search = filters.search.trim()
    return {
      year: session.year,
      status: filters.status || null,
      conclusion: filters.conclusion || null,
      unit_id: filters.unitId || null,
      search: search === '' ? null : search,
      page: page.value,
      page_size: pageSize.value,
    }
  }

  /** Fetches the page and the year's figures; an older answer never overwrites a newer one. */
  async function load() {
    const mine = ++seq
    loading.value = true
    try {
      const [res, st] = await Promise.all([exanteApi.required(query()), exanteApi.stats(session.year)])
      if (mine !== seq) return
      rows.value = res.rows
      total.value = res.total
      counts.value = res.counts
      threshold.value = res.threshold
      stats.value = st
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

  return { filters, page, pageSize, rows, total, counts, threshold, stats, loading, error, query, load, resetFilters }
})
