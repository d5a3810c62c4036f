/**
 * 绩效评价 › 重点评价: the year's list (kind / status / text filters, server-side paging) and the
 * year's figures. The year follows the header's 年度.
 */
import { defineStore } from 'pinia'
import { usePagedList } from '../composables/usePagedList'
import { computed, reactive } from 'vue'
import type { KeyEvalPage } from '../api/bindings/KeyEvalPage'
import { keyApi } from '../api/evaluationKey'
import { toIpcError } from '../api/invoke'
import type { KeyEvalQuery } from '../api/bindings/KeyEvalQuery'
import type { KeyEvalRow } from '../api/bindings/KeyEvalRow'
import type { KeyKind } from '../api/bindings/KeyKind'
import type { KeyStats } from '../api/bindings/KeyStats'
import type { KeyStatus } from '../api/bindings/KeyStatus'
import { useSessionStore } from './session'

export interface KeyFilters {
  text: string
  kind: KeyKind | null
  status: KeyStatus | null
}

const blankFilters = (): KeyFilters => ({ text: '', kind: null, status: null })

export const useEvaluationKeyStore = defineStore('evaluationKey', () => {
  const session = useSessionStore()
  const filters = reactive<KeyFilters>(blankFilters())
  const list = usePagedList<KeyEvalRow, KeyEvalPage & { stats: KeyStats }>(
    async (p: number, size: number) => {
      const [res, st] = await Promise.all([keyApi.list(query(p, size)), keyApi.stats(session.year)])
      return { ...res, stats: st }
    },
    { errorText: (e) => toIpcError(e).message },
  )
  const { page, pageSize, rows, total, loading, error, load } = list
  /** Sum of 评价金额 over the matching rows, 分. */
  const amountFen = computed(() => list.last.value?.amount_fen ?? 0)
  const stats = computed<KeyStats | null>(() => list.last.value?.stats ?? null)

  function query(p: number = list.page.value, size: number = list.pageSize.value): KeyEvalQuery {
    const text = filters.text.trim()
    return {
      year: session.year,
      kind: filters.kind || null,
      status: filters.status || null,
      text: text === '' ? null : text,
      page: p,
      page_size: size,
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
    amountFen,
    stats,
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
