/**
 * 指标库: categories with their counts, the filters, paging and the current page of
 * indicators. Filtering and paging run in core.
 */
import { defineStore } from 'pinia'
import type { Page } from '../api/bindings/Page'
import { usePagedList } from '../composables/usePagedList'
import { computed, reactive, ref } from 'vue'
import { libraryApi } from '../api/library'
import type { IndicatorCategory } from '../api/bindings/IndicatorCategory'
import type { Level1 } from '../api/bindings/Level1'
import type { Level2 } from '../api/bindings/Level2'
import type { LibraryIndicator } from '../api/bindings/LibraryIndicator'
import type { LibraryQuery } from '../api/bindings/LibraryQuery'
import type { Nature } from '../api/bindings/Nature'
import { toIpcError } from '../api/invoke'

export interface LibraryFilters {
  /** null = 全部. */
  categoryId: string | null
  level1: Level1 | null
  level2: Level2 | null
  nature: Nature | null
  coreOnly: boolean
  search: string
}

function blankFilters(): LibraryFilters {
  return { categoryId: null, level1: null, level2: null, nature: null, coreOnly: false, search: '' }
}

export const useLibraryStore = defineStore('library', () => {
  const categories = ref<IndicatorCategory[]>([])
  const filters = reactive<LibraryFilters>(blankFilters())
  const list = usePagedList<LibraryIndicator, Page<LibraryIndicator>>(
    (p: number, size: number) => libraryApi.list(query(p, size)),
    { errorText: (e) => toIpcError(e).message },
  )
  const { page, pageSize, rows, total, loading, error, load } = list

  /** Indicators over all categories (the 「全部」 entry). */
  const allCount = computed(() => categories.value.reduce((n, c) => n + c.indicator_count, 0))
  const selectedCategory = computed(() => categories.value.find((c) => c.id === filters.categoryId) ?? null)

  function query(p: number = list.page.value, size: number = list.pageSize.value): LibraryQuery {
    const search = filters.search.trim()
    return {
      category_id: filters.categoryId || null,
      level1: filters.level1 || null,
      level2: filters.level2 || null,
      nature: filters.nature || null,
      core_only: filters.coreOnly,
      search: search === '' ? null : search,
      page: p,
      page_size: size,
    }
  }

  async function loadCategories() {
    try {
      categories.value = await libraryApi.categories()
      // The selected category was deleted elsewhere: fall back to 全部.
      if (filters.categoryId && !categories.value.some((c) => c.id === filters.categoryId)) {
        filters.categoryId = null
      }
    } catch (e) {
      error.value = toIpcError(e).message
    }
  }

  /** After a save, delete or import: the counts and the page both change. */
  async function refresh() {
    await Promise.all([loadCategories(), load()])
  }

  function resetFilters() {
    Object.assign(filters, { ...blankFilters(), categoryId: filters.categoryId })
  }

  async function remove(id: string) {
    await libraryApi.delete(id)
    await refresh()
  }

  return {
    categories,
    filters,
    page,
    pageSize,
    rows,
    total,
    loading,
    error,
    allCount,
    selectedCategory,
    query,
    loadCategories,
    load,
    refresh,
    resetFilters,
    remove,
    reloadFirstPage: list.reloadFirstPage,
    reloadSoon: list.reloadSoon,
    setPage: list.setPage,
    setPageSize: list.setPageSize,
  }
})
