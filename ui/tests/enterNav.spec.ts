import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h, withDirectives } from 'vue'
import { mount } from '@vue/test-utils'
import { focusFirstField, vEnterNav } from '../src/utils/enterNav'

function mountForm(submit: () => void) {
  const C = defineComponent({
    setup: () => () =>
      withDirectives(
        h('form', [
          h('input', { id: 'a' }),
          h('input', { id: 'hidden', type: 'hidden' }),
          h('input', { id: 'radio', type: 'radio' }),
          h('input', { id: 'b', value: 'filled' }),
          h('input', { id: 'open', 'aria-expanded': 'true' }),
          h('input', { id: 'c', disabled: true }),
        ]),
        [[vEnterNav, submit]],
      ),
  })
  return mount(C, { attachTo: document.body })
}

const enter = (el: Element) =>
  el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }))

describe('v-enter-nav', () => {
  it('moves to the next field on Enter, skipping hidden/radio/disabled ones', () => {
    const submit = vi.fn()
    mountForm(submit)
    const a = document.getElementById('a') as HTMLInputElement
    a.focus()
    enter(a)
    expect(document.activeElement?.id).toBe('b')
    expect(submit).not.toHaveBeenCalled()
  })

  it('submits on the last field', () => {
    const submit = vi.fn()
    mountForm(submit)
    const open = document.getElementById('open') as HTMLInputElement
    open.setAttribute('aria-expanded', 'false')
    enter(open)
    expect(submit).toHaveBeenCalledTimes(1)
  })

  it('leaves Enter to an open dropdown (it picks the highlighted option)', () => {
    const submit = vi.fn()
    mountForm(submit)
    const open = document.getElementById('open') as HTMLInputElement
    open.focus()
    enter(open)
    expect(submit).not.toHaveBeenCalled()
    expect(document.activeElement?.id).toBe('open')
  })

  it('focuses the first field, or the first empty one', () => {
    const w = mountForm(() => undefined)
    focusFirstField(w.element as HTMLElement)
    expect(document.activeElement?.id).toBe('a')
    ;(document.getElementById('a') as HTMLInputElement).value = 'x'
    focusFirstField(w.element as HTMLElement, true)
    expect(document.activeElement?.id).toBe('open')
  })
})
