/**
 * What every server-paged list screen does around its table: the table's max height follows the
 * window (minus the screen's `chrome` above and below it), a filter change reloads from page 1,
 * and typing in the search box reloads once the clerk pauses. Used by 项目管理, 指标库, 事前评估,
 * 目标管理 and 监控情况表列表.
 */
import { onBeforeUnmount, onMounted, ref } from 'vue'

/** Wait after the last keystroke before searching. */
export const DEBOUNCE_MS = 300

export interface PagedStore {
  page: number
  load: () => Promise<unknown>
}

export function usePagedTable(
  store: PagedStore,
  opts: { chrome: number; ready?: () => boolean },
) {
  const tableMaxHeight = ref(480)
  const fit = () => {
    tableMaxHeight.value = Math.max(300, window.innerHeight - opts.chrome)
  }

  function reloadFirstPage() {
    store.page = 1
    void store.load()
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  /** Debounced reload, skipped while `ready` says a filter is not valid yet. */
  function reloadSoon() {
    clearTimeout(timer)
    timer = setTimeout(() => {
      if (opts.ready && !opts.ready()) return
      reloadFirstPage()
    }, DEBOUNCE_MS)
  }

  onMounted(() => {
    fit()
    window.addEventListener('resize', fit)
  })
  onBeforeUnmount(() => {
    clearTimeout(timer)
    window.removeEventListener('resize', fit)
  })

  return { tableMaxHeight, reloadFirstPage, reloadSoon }
}
