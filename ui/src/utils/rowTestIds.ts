/**
 * `v-row-test-ids="ids"` on an el-table: puts `data-testid = ids[i]` on the i-th body row. The
 * table renders its own <tr>s, so a template cannot; the ids are re-applied whenever the body
 * changes (paging, filtering, sorting).
 */
import type { Directive } from 'vue'

interface State {
  ids: string[]
  observer: MutationObserver
}

const states = new WeakMap<HTMLElement, State>()

function apply(el: HTMLElement, ids: string[]) {
  el.querySelectorAll<HTMLTableRowElement>('.el-table__body tr.el-table__row').forEach((tr, i) => {
    const id = ids[i]
    if (id === undefined) tr.removeAttribute('data-testid')
    else if (tr.getAttribute('data-testid') !== id) tr.setAttribute('data-testid', id)
  })
}

export const vRowTestIds: Directive<HTMLElement, string[]> = {
  mounted(el, binding) {
    const state: State = {
      ids: binding.value,
      // Only row insertions/removals: our own attribute changes do not retrigger it.
      observer: new MutationObserver(() => apply(el, state.ids)),
    }
    state.observer.observe(el, { childList: true, subtree: true })
    states.set(el, state)
    apply(el, state.ids)
  },
  updated(el, binding) {
    const state = states.get(el)
    if (!state) return
    state.ids = binding.value
    apply(el, state.ids)
  },
  unmounted(el) {
    states.get(el)?.observer.disconnect()
    states.delete(el)
  },
}
