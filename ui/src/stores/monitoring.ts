/**
 * 运行监控: the year's rounds, and the task list of one round (filters, paging, current page).
 * Filtering and paging run in core, so 3,000 sheets cost one page of rows here.
 */
import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import { monitoringApi } from '../api/monitoring'
import type { Round } from '../api/bindings/Round'
import type { TaskQuery } from '../api/bindings/TaskQuery'
import type { TaskRow } from '../api/bindings/TaskRow'
import type { TaskStatus } from '../api/bindings/TaskStatus'
import { toIpcError } from '../api/invoke'
import { useSessionStore } from './session'

export interface TaskFilters {
  search: string
  unitId: string | null
  status: TaskStatus | ''
  /** 红灯 / 黄灯 / 绿灯 / 未填报, or '' for all. */
  warning: string
}

export const TASK_PAGE_SIZES = [20, 50, 100] as const
export const TASK_STATUSES: readonly TaskStatus[] = ['待填报', '已提交', '已退回', '审核通过']
export const WARNING_FILTERS = ['红灯', '黄灯', '绿灯', '未填报'] as const

const blankFilters = (): TaskFilters => ({ search: '', unitId: null, status: '', warning: '' })

export const useMonitoringStore = defineStore('monitoring', () => {
  const session = useSessionStore()
  const rounds = ref<Round[]>([])
  const roundsLoading = ref(false)
  const roundId = ref('')
  const filters = reactive<TaskFilters>(blankFilters())
  const page = ref(1)
  const pageSize = ref<number>(20)
  const rows = ref<TaskRow[]>([])
  const total = ref(0)
  const loading = ref(false)
  const error = ref<string | null>(null)
  let seq = 0

  async function loadRounds() {
    roundsLoading.value = true
    try {
      rounds.value = await monitoringApi.rounds(session.year)
    } finally {
      roundsLoading.value = false
    }
  }

  function query(): TaskQuery {
    const search = filters.search.trim()
    return {
      round_id: roundId.value,
      unit_id: filters.unitId || null,
      status: filters.status || null,
      warning: filters.warning || null,
      search: search === '' ? null : search,
      page: page.value,
      page_size: pageSize.value,
    }
  }

  /** Fetches the current page; a slower, older answer never overwrites a newer one. */
  async function load() {
    if (!roundId.value) return
    const mine = ++seq
    loading.value = true
    try {
      const res = await monitoringApi.tasks(query())
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

  /** Switches the task list to a round (filters are kept only within one round). */
  function useRound(id: string) {
    if (roundId.value === id) return
    roundId.value = id
    Object.assign(filters, blankFilters())
    page.value = 1
    rows.value = []
    total.value = 0
  }

  function resetFilters() {
    Object.assign(filters, blankFilters())
  }

  return {
    rounds,
    roundsLoading,
    roundId,
    filters,
    page,
    pageSize,
    rows,
    total,
    loading,
    error,
    loadRounds,
    query,
    load,
    useRound,
    resetFilters,
  }
})
