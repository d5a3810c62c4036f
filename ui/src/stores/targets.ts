/**
 * 绩效目标 › 目标管理: the tab (项目 / 部门整体), filters, paging and the current page, plus the
 * overview of the year. Paging and filtering run in core; the year is the header's 年度.
 */
import { defineStore } from 'pinia'
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

export const TARGET_PAGE_SIZES = [20, 50, 100] as const

const blankFilters = (): TargetFilters => ({ search: '', unitId: null, status: '' })

export const useTargetsStore = defineStore('targets', () => {
  const session = useSessionStore()
  const kind = ref<TargetKind>('项目')
  const filters = reactive<TargetFilters>(blankFilters())
  const page = ref(1)
  const pageSize = ref<number>(20)
  const rows = ref<TargetRow[]>([])
  const total = ref(0)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const overview = ref<TargetOverview | null>(null)
  let seq = 0

  function query(): TargetQuery {
    const search = filters.search.trim()
    return {
      year: session.year,
      kind: kind.value,
      status: filters.status || null,
      unit_id: filters.unitId || null,
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
      const res = await targetsApi.list(query())
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

  async function loadOverview() {
    overview.value = await targetsApi.overview(session.year)
  }

  return { kind, filters, page, pageSize, rows, total, loading, error, overview, query, load, resetFilters, loadOverview }
})
