/**
 * `v-enter-nav="submit"` on a form: Enter moves to the next field, and on the last field calls
 * `submit`. An open select dropdown keeps its Enter (to pick the highlighted option); textareas
 * keep theirs (new line).
 */
import type { Directive } from 'vue'

type Submit = () => void

const FIELD_SELECTOR = 'input:not([type=hidden]):not([type=radio]):not([type=checkbox]):not([disabled])'

const handlers = new WeakMap<HTMLElement, { onKey: (e: KeyboardEvent) => void; submit: { fn?: Submit } }>()

export function formFields(root: HTMLElement): HTMLInputElement[] {
  return Array.from(root.querySelectorAll<HTMLInputElement>(FIELD_SELECTOR)).filter(
    (el) => !el.closest('[aria-hidden=true]') && el.tabIndex >= 0,
  )
}

/**
 * Focuses the first field of `root` (forms open with the cursor in their first box). With
 * `preferEmpty`, the first empty text box wins (a prefilled 预算年度 is skipped for 项目编码).
 */
export function focusFirstField(root: HTMLElement | null | undefined, preferEmpty = false): void {
  if (!root) return
  const fields = formFields(root)
  const empty = preferEmpty ? fields.find((f) => !f.readOnly && f.value === '' && !f.closest('.el-select')) : undefined
  ;(empty ?? fields[0])?.focus()
}

export const vEnterNav: Directive<HTMLElement, Submit | undefined> = {
  mounted(el, binding) {
    const submit: { fn?: Submit } = { fn: binding.value }
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || e.isComposing || e.shiftKey || e.ctrlKey || e.altKey) return
      const target = e.target as HTMLElement | null
      if (!(target instanceof HTMLInputElement)) return
      // An open dropdown (el-select, el-tree-select) uses Enter to choose an option.
      if (target.getAttribute('aria-expanded') === 'true') return
      const fields = formFields(el)
      const i = fields.indexOf(target)
      if (i < 0) return
      e.preventDefault()
      e.stopPropagation()
      const next = fields[i + 1]
      if (next) next.focus()
      else submit.fn?.()
    }
    // Capture phase: a closed select would otherwise open on Enter instead of moving on.
    el.addEventListener('keydown', onKey, true)
    handlers.set(el, { onKey, submit })
  },
  updated(el, binding) {
    const h = handlers.get(el)
    if (h) h.submit.fn = binding.value
  },
  unmounted(el) {
    const h = handlers.get(el)
    if (h) el.removeEventListener('keydown', h.onKey, true)
    handlers.delete(el)
  },
}
