/**
 * 绩效评价 › 重点评价: the year's list (kind / status / text filters, server-side paging) and the
 * year's figures. The year follows the header's 年度.
 */
import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
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

export const PAGE_SIZES = [20, 50, 100] as const

const blankFilters = (): KeyFilters => ({ text: '', kind: null, status: null })

export const useEvaluationKeyStore = defineStore('evaluationKey', () => {
  const session = useSessionStore()
  const filters = reactive<KeyFilters>(blankFilters())
  const page = ref(1)
  const pageSize = ref<number>(20)
  const rows = ref<KeyEvalRow[]>([])
  const total = ref(0)
  /** Sum of 评价金额 over the matching rows, 分. */
  const amountFen = ref(0)
  const stats = ref<KeyStats | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  let seq = 0

  function query(): KeyEvalQuery {
    const text = filters.text.trim()
    return {
      year: session.year,
      kind: filters.kind || null,
      status: filters.status || null,
      text: text === '' ? null : text,
      page: page.value,
      page_size: pageSize.value,
    }
  }

  /** Fetches the page and the figures; an older answer never overwrites a newer one. */
  async function load() {
    const mine = ++seq
    loading.value = true
    try {
      const [res, st] = await Promise.all([keyApi.list(query()), keyApi.stats(session.year)])
      if (mine !== seq) return
      rows.value = res.rows
      total.value = res.total
      amountFen.value = res.amount_fen
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

  return { filters, page, pageSize, rows, total, amountFen, stats, loading, error, query, load, resetFilters }
})
