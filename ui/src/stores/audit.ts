/**
 * 系统设置 › 操作日志: filters, paging, the current page, the filter lists and the state of the
 * SM3 chain. Paging and filtering run in core; the chain is verified in core too.
 */
import { defineStore } from 'pinia'
import type { Page } from '../api/bindings/Page'
import { usePagedList } from '../composables/usePagedList'
import { reactive, ref } from 'vue'
import { systemApi } from '../api/system'
import type { AuditFilterOptions } from '../api/bindings/AuditFilterOptions'
import type { AuditQuery } from '../api/bindings/AuditQuery'
import type { AuditRow } from '../api/bindings/AuditRow'
import type { ChainReport } from '../api/bindings/ChainReport'
import { toIpcError } from '../api/invoke'

export interface AuditFilters {
  operator: string | null
  action: string | null
  entity: string | null
  /** [from, to] as YYYY-MM-DD, both inclusive; null = any date. */
  dates: [string, string] | null
  search: string
}

function blankFilters(): AuditFilters {
  return { operator: null, action: null, entity: null, dates: null, search: '' }
}

const orNull = (s: string | null) => (s === null || s.trim() === '' ? null : s.trim())

export const useAuditStore = defineStore('audit', () => {
  const filters = reactive<AuditFilters>(blankFilters())
  const list = usePagedList<AuditRow, Page<AuditRow>>(
    (p: number, size: number) => systemApi.auditPage(query(false, p, size)),
    { pageSize: 50, errorText: (e) => toIpcError(e).message },
  )
  const { page, pageSize, rows, total, loading, error, load } = list
  const options = ref<AuditFilterOptions>({ operators: [], actions: [], entities: [] })
  const chain = ref<ChainReport | null>(null)
  const verifying = ref(false)

  /** The query of the current filters; `all` drops paging (the export). */
  function query(all = false, p: number = list.page.value, size: number = list.pageSize.value): AuditQuery {
    return {
      operator: orNull(filters.operator),
      action: orNull(filters.action),
      entity: orNull(filters.entity),
      from: filters.dates?.[0] ?? null,
      to: filters.dates?.[1] ?? null,
      search: orNull(filters.search),
      page: all ? 0 : p,
      page_size: size,
    }
  }

  async function loadOptions() {
    options.value = await systemApi.auditOptions()
  }

  async function verify() {
    verifying.value = true
    try {
      chain.value = await systemApi.auditVerify()
    } finally {
      verifying.value = false
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
    loading,
    error,
    options,
    chain,
    verifying,
    query,
    load,
    loadOptions,
    verify,
    resetFilters,
    reloadFirstPage: list.reloadFirstPage,
    reloadSoon: list.reloadSoon,
    setPage: list.setPage,
    setPageSize: list.setPageSize,
  }
})
