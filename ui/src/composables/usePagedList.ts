/**
 * The one list stack of the UI (with components/ListPage.vue): a server-paged list's page, page
 * size, rows, total, loading and error, a loader where the latest request wins (a slower, older
 * answer never overwrites a newer one), debounced reload for typed filters, the page sizes
 * offered, and the initial filters read from the router query (a 工作台 card or a 年度总览 link
 * opens `/monitoring?light=红灯`, `/targets?status=未编制`, `/results/rect?overdue=1` …).
 *
 * `usePagedList` has no lifecycle hooks, so a Pinia store may hold one (the store keeps its page
 * when the clerk leaves and comes back).
 */
import { computed, inject, ref, watch, type Ref } from 'vue'
import { routeLocationKey, type RouteLocationNormalizedLoaded } from 'vue-router'

/** Page sizes offered by every pager. */
export const PAGE_SIZES = [20, 50, 100] as const
/** Wait after the last keystroke before searching. */
export const DEBOUNCE_MS = 300

export interface PageResult<R> {
  total: number
  rows: R[]
}

export interface PagedList<R, P extends PageResult<R>> {
  page: Ref<number>
  pageSize: Ref<number>
  rows: Ref<R[]>
  total: Ref<number>
  loading: Ref<boolean>
  error: Ref<string | null>
  /** The whole last answer (for summaries the page carries beside its rows). */
  last: Ref<P | null>
  load: () => Promise<void>
  reloadFirstPage: () => Promise<void>
  /** Debounced reload from page 1, skipped while `ready()` says a filter is not valid yet. */
  reloadSoon: (ready?: () => boolean) => void
  setPage: (p: number) => Promise<void>
  setPageSize: (s: number) => Promise<void>
}

export function usePagedList<R, P extends PageResult<R> = PageResult<R>>(
  fetch: (page: number, pageSize: number) => Promise<P>,
  opts: { pageSize?: number; errorText: (e: unknown) => string },
): PagedList<R, P> {
  const page = ref(1)
  const pageSize = ref<number>(opts.pageSize ?? PAGE_SIZES[0])
  const rows = ref<R[]>([]) as Ref<R[]>
  const total = ref(0)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const last = ref<P | null>(null) as Ref<P | null>
  let seq = 0

  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const res = await fetch(page.value, pageSize.value)
      if (mine !== seq) return
      rows.value = res.rows
      total.value = res.total
      last.value = res
      error.value = null
      // Deleting the last row of the last page: step back to the new last page.
      if (res.rows.length === 0 && res.total > 0 && page.value > 1) {
        page.value = Math.max(1, Math.ceil(res.total / pageSize.value))
        await load()
      }
    } catch (e) {
      if (mine === seq) error.value = opts.errorText(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function reloadFirstPage() {
    page.value = 1
    return load()
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  function reloadSoon(ready?: () => boolean) {
    clearTimeout(timer)
    timer = setTimeout(() => {
      if (ready && !ready()) return
      void reloadFirstPage()
    }, DEBOUNCE_MS)
  }

  function setPage(p: number) {
    page.value = p
    return load()
  }
  function setPageSize(s: number) {
    pageSize.value = s
    return reloadFirstPage()
  }

  return { page, pageSize, rows, total, loading, error, last, load, reloadFirstPage, reloadSoon, setPage, setPageSize }
}

/** How a filter field is read from the router query: one of its choices, free text, or `?key=1`. */
export type RouteFilterSpec = readonly string[] | 'text' | 'flag'

/** The current route, or null outside a router (a component mounted alone in a test). */
function currentRoute(): RouteLocationNormalizedLoaded | null {
  return inject(routeLocationKey, null)
}

/**
 * Sets `filters[field]` from the router query for each field of `spec` (query key = field name,
 * or `aliases[field]`). A value that is not one of the field's choices is ignored, so a
 * hand-edited URL never puts an unknown value into a filter. Returns whether anything was set.
 * Call it in a list view's setup, before the first load.
 */
export function applyRouteFilters<F extends object>(
  filters: F,
  spec: Partial<Record<keyof F & string, RouteFilterSpec>>,
  aliases: Partial<Record<keyof F & string, string>> = {},
): boolean {
  const route = currentRoute()
  if (!route) return false
  let any = false
  for (const [field, how] of Object.entries(spec) as [keyof F & string, RouteFilterSpec][]) {
    const v = route.query[aliases[field] ?? field]
    if (typeof v !== 'string') continue
    const target = filters as Record<string, unknown>
    if (how === 'flag') {
      if (v === '1') {
        target[field] = true
        any = true
      }
    } else if (how === 'text') {
      if (v.trim() !== '') {
        target[field] = v.trim()
        any = true
      }
    } else if (how.includes(v)) {
      target[field] = v
      any = true
    }
  }
  return any
}

/** `?key=` when it is one of `choices`, else null. */
export function routeChoice<T extends string>(key: string, choices: readonly T[]): T | null {
  const v = currentRoute()?.query[key]
  return typeof v === 'string' && (choices as readonly string[]).includes(v) ? (v as T) : null
}

/** `?key=1` → true. */
export function routeFlag(key: string): boolean {
  return currentRoute()?.query[key] === '1'
}

/**
 * Paging of a list that is loaded whole (short lists, or lists edited in place): the page of
 * `all` to show, back to page 1 when `all` changes length through a filter.
 */
export function useLocalPage<R>(all: Ref<R[]> | (() => R[])) {
  const rowsOf = typeof all === 'function' ? all : () => all.value
  const page = ref(1)
  const pageSize = ref<number>(PAGE_SIZES[0])
  const total = computed(() => rowsOf().length)
  const rows = computed(() => rowsOf().slice((page.value - 1) * pageSize.value, page.value * pageSize.value))
  watch(total, () => {
    if ((page.value - 1) * pageSize.value >= total.value) page.value = 1
  })
  const setPage = (p: number) => {
    page.value = p
  }
  const setPageSize = (s: number) => {
    pageSize.value = s
    page.value = 1
  }
  return { page, pageSize, total, rows, setPage, setPageSize }
}

/** `fn` called once the clerk pauses typing (DEBOUNCE_MS after the last call). */
export function debounced(fn: () => unknown): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  return () => {
    clearTimeout(timer)
    timer = setTimeout(() => void fn(), DEBOUNCE_MS)
  }
}
