/**
 * 指标库: categories with their counts, the filters, paging and the current page of
 * indicators. Filtering and paging run in core.
 */
import { defineStore } from 'pinia'
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

export const LIBRARY_PAGE_SIZES = [20, 50, 100] as const

function blankFilters(): LibraryFilters {
  return { categoryId: null, level1: null, level2: null, nature: null, coreOnly: false, search: '' }
}

export const useLibraryStore = defineStore('library', () => {
  const categories = ref<IndicatorCategory[]>([])
  const filters = reactive<LibraryFilters>(blankFilters())
  const page = ref(1)
  const pageSize = ref<number>(20)
  const rows = ref<LibraryIndicator[]>([])
  const total = ref(0)
  const loading = ref(false)
  const error = ref<string | null>(null)
  let seq = 0

  /** Indicators over all categories (the 「全部」 entry). */
  const allCount = computed(() => categories.value.reduce((n, c) => n + c.indicator_count, 0))
  const selectedCategory = computed(() => categories.value.find((c) => c.id === filters.categoryId) ?? null)

  function query(): LibraryQuery {
    const search = filters.search.trim()
    return {
      category_id: filters.categoryId || null,
      level1: filters.level1 || null,
      level2: filters.level2 || null,
      nature: filters.nature || null,
      core_only: filters.coreOnly,
      search: search === '' ? null : search,
      page: page.value,
      page_size: pageSize.value,
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

  /** Fetches the current page; a slower, older answer never overwrites a newer one. */
  async function load() {
    const mine = ++seq
    loading.value = true
    try {
      const res = await libraryApi.list(query())
      if (mine !== seq) return
      rows.value = res.rows
      total.value = res.total
      error.value = null
      // Deleting the last row of the last page: step back one page.
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
  }
})
