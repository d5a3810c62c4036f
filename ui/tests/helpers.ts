/** Mounting with Pinia, a memory router, Element Plus and a mocked Tauri IPC. */
import { mount, flushPromises } from '@vue/test-utils'
import { vi } from 'vitest'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'
import { mockIPC } from '@tauri-apps/api/mocks'
import type { Component } from 'vue'
import { routes } from '../src/router'

export interface IpcCall {
  cmd: string
  args: Record<string, unknown>
}

/** Installs a mocked backend; returns the list of calls it receives. */
export function mockBackend(handlers: Record<string, (args: Record<string, any>) => unknown>): IpcCall[] {
  const calls: IpcCall[] = []
  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>
    calls.push({ cmd, args: JSON.parse(JSON.stringify(args)) })
    const h = handlers[cmd]
    if (!h) throw { code: 'Internal', message: `unmocked ${cmd}`, problems: [] }
    return h(args)
  })
  return calls
}

export function freshPinia(): Pinia {
  const pinia = createPinia()
  setActivePinia(pinia)
  return pinia
}

export async function mountWith(component: Component, opts: { props?: Record<string, unknown>; pinia?: Pinia } = {}) {
  const pinia = opts.pinia ?? freshPinia()
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push('/projects')
  await router.isReady()
  const wrapper = mount(component, {
    props: opts.props,
    attachTo: document.body,
    global: { plugins: [pinia, router, ElementPlus] },
  })
  await settle()
  return { wrapper, pinia, router }
}

/** Lets promises, Vue updates and short timers run. */
export async function settle(ms = 0) {
  await flushPromises()
  if (ms > 0) await new Promise((r) => setTimeout(r, ms))
  await flushPromises()
}

/** Types into a native input as a user would (value + input event). */
export async function typeInto(input: Element | null, text: string) {
  if (!(input instanceof HTMLInputElement)) throw new Error('not an input')
  input.value = text
  input.dispatchEvent(new Event('input', { bubbles: true }))
  await settle()
}

/**
 * Answers the 导入即提交 dialog a form-workbook import opens before the file dialog: ticks the
 * box when `submit`, then 选择文件…
 */
/**
 * Answers the 导入即提交 dialog, and — for form workbooks — confirms the 按单位导入 dialog that
 * follows the file pick (its default: the one unit the file touches, else 汇总表).
 */
export async function chooseImportSubmit(submit: boolean) {
  await settle()
  const box = await vi.waitFor(() => {
    const el = document.querySelector('.el-message-box')
    if (!el) throw new Error('no 导入即提交 dialog')
    return el
  })
  if (submit) {
    ;(box.querySelector('[data-testid=import-submit] input') as HTMLInputElement).click()
    await settle()
  }
  ;(box.querySelector('.el-message-box__btns .el-button--primary') as HTMLButtonElement).click()
  await settle(50)
  const units = document.querySelector('[data-testid=import-unit]')?.closest('.el-message-box')
  if (units) {
    ;(units.querySelector('.el-message-box__btns .el-button--primary') as HTMLButtonElement).click()
    await settle(50)
  }
}
