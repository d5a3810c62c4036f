/**
 * 运行监控: the year's rounds, and the task list of one round (filters, paging, current page).
 * Filtering and paging run in core, so 3,000 sheets cost one page of rows here.
 */
import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import { monitoringApi } from '../api/monitoring'
import type { Round } from '../api/bindings/Round'
import type { Page } from '../api/bindings/Page'
import type { TaskQuery } from '../api/bindings/TaskQuery'
import { usePagedList } from '../composables/usePagedList'
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

export const TASK_STATUSES: readonly TaskStatus[] = ['待填报', '已提交', '已退回', '审核通过']
export const WARNING_FILTERS = ['红灯', '黄灯', '绿灯', '未填报'] as const

const EMPTY: Page<TaskRow> = { total: 0, rows: [] }
const blankFilters = (): TaskFilters => ({ search: '', unitId: null, status: '', warning: '' })

export const useMonitoringStore = defineStore('monitoring', () => {
  const session = useSessionStore()
  const rounds = ref<Round[]>([])
  const roundsLoading = ref(false)
  const roundId = ref('')
  const filters = reactive<TaskFilters>(blankFilters())
  const list = usePagedList<TaskRow, Page<TaskRow>>(
    (p: number, size: number) => (roundId.value ? monitoringApi.tasks(query(p, size)) : Promise.resolve(EMPTY)),
    { errorText: (e) => toIpcError(e).message },
  )
  const { page, pageSize, rows, total, loading, error } = list

  async function loadRounds() {
    roundsLoading.value = true
    try {
      rounds.value = await monitoringApi.rounds(session.year)
    } finally {
      roundsLoading.value = false
    }
  }

  function query(p: number = list.page.value, size: number = list.pageSize.value): TaskQuery {
    const search = filters.search.trim()
    return {
      round_id: roundId.value,
      unit_id: filters.unitId || null,
      status: filters.status || null,
      warning: filters.warning || null,
      search: search === '' ? null : search,
      page: p,
      page_size: size,
    }
  }

  /** Fetches the current page (nothing before a round is chosen). */
  async function load() {
    if (!roundId.value) return
    await list.load()
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
    reloadFirstPage: list.reloadFirstPage,
    reloadSoon: list.reloadSoon,
    setPage: list.setPage,
    setPageSize: list.setPageSize,
    useRound,
    resetFilters,
  }
})
