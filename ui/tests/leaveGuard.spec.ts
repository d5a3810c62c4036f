/**
 * The one unsaved-changes guard (issue 16, point 2): the 监控情况表 and the 自评表 ask before
 * leaving with unsaved changes, dialogs ask before 取消 throws typed input away, and nothing asks
 * when nothing was typed or after 保存.
 */
import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { routes } from '../src/router'
import ProjectForm from '../src/views/projects/ProjectForm.vue'
import { useSessionStore } from '../src/stores/session'
import { anyUnsaved } from '../src/composables/useLeaveGuard'
import { freshPinia, mockBackend, mountWith, settle, typeInto } from './helpers'
import { project, STATUS, UNITS } from './fixtures'
import { RULES } from './targetsFixtures'
import { sheet } from './monitoringFixtures'
import { selfForm } from './evaluationFixtures'

const inputOf = (el: Element | null) => (el instanceof HTMLInputElement ? el : (el?.querySelector('input') ?? null))
const q = (id: string) => document.querySelector(`[data-testid=${id}]`)
const box = () => document.querySelector('.el-message-box')
const boxButton = (label: string) =>
  [...document.querySelectorAll<HTMLButtonElement>('.el-message-box button')].filter((b) => b.textContent?.trim() === label).pop()

const Elsewhere = defineComponent({ render: () => h('div', { 'data-testid': 'elsewhere' }, '别处') })

/** The screen at `path` inside a real router view (route guards only run there). */
async function mountRoute(path: string) {
  const pinia = freshPinia()
  useSessionStore().applyStatus(STATUS, true)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/elsewhere', component: Elsewhere }, ...routes],
  })
  await router.push(path)
  await router.isReady()
  const wrapper = mount(
    defineComponent({ render: () => h(RouterView) }),
    { attachTo: document.body, global: { plugins: [pinia, router, ElementPlus] } },
  )
  await settle(50)
  return { wrapper, router }
}

/** Tries to leave; answers the prompt (if any) with `answer`. Returns whether a prompt showed. */
async function leave(router: ReturnType<typeof createRouter>, answer: '留在本页' | '放弃修改并离开') {
  const done = router.push('/elsewhere')
  await settle(50)
  const asked = box()
  if (asked) {
    expect(asked.textContent).toContain('未保存的修改')
    boxButton(answer)!.click()
  }
  await done
  await settle(350)
  return asked !== null
}

describe('unsaved changes guard', () => {
  it('监控情况表: leaving with typed figures asks; 留在本页 keeps the typing, 放弃修改 leaves', async () => {
    mockBackend({ rules_current: () => RULES, rules_versions: () => [RULES], monitoring_sheet: () => sheet(), monitoring_save: () => sheet() })
    const { wrapper, router } = await mountRoute('/monitoring/sheet/k1')
    expect(anyUnsaved()).toBe(false)
    await typeInto(inputOf(q('sheet-executed')), '3666')
    expect(q('sheet-dirty')?.textContent).toBe('未保存')
    expect(anyUnsaved()).toBe(true)
    expect(await leave(router, '留在本页')).toBe(true)
    expect(router.currentRoute.value.path).toBe('/monitoring/sheet/k1')
    expect(inputOf(q('sheet-executed'))!.value).toBe('3666')
    expect(await leave(router, '放弃修改并离开')).toBe(true)
    expect(router.currentRoute.value.path).toBe('/elsewhere')
    wrapper.unmount()
  })

  it('监控情况表: nothing typed, or typed and saved, leaves without asking', async () => {
    const saved = sheet()
    saved.task.executed = 3666_000000
    mockBackend({ rules_current: () => RULES, rules_versions: () => [RULES], monitoring_sheet: () => sheet(), monitoring_save: () => saved })
    const { wrapper, router } = await mountRoute('/monitoring/sheet/k1')
    await typeInto(inputOf(q('sheet-executed')), '3666')
    ;(q('sheet-save') as HTMLButtonElement).click()
    await settle(50)
    expect(q('sheet-dirty')).toBeNull()
    expect(await leave(router, '留在本页')).toBe(false)
    expect(router.currentRoute.value.path).toBe('/elsewhere')
    wrapper.unmount()
  })

  it('自评表: leaving with a typed 分值 asks', async () => {
    mockBackend({ evaluation_self_get: () => selfForm(), evaluation_self_save: () => selfForm() })
    const { wrapper, router } = await mountRoute('/evaluation/self/s1')
    await typeInto(inputOf(q('eval-form-weight-1')), '40.5')
    expect(q('eval-form-dirty')?.textContent).toBe('未保存')
    expect(await leave(router, '留在本页')).toBe(true)
    expect(router.currentRoute.value.path).toBe('/evaluation/self/s1')
    wrapper.unmount()
  })

  it('a dialog (新增项目) asks before 取消 throws typed input away, and closes at once when untouched', async () => {
    const pinia = freshPinia()
    useSessionStore().applyStatus(STATUS, true)
    mockBackend({ org_units: () => UNITS, projects_create: () => project({}) })
    const { wrapper } = await mountWith(ProjectForm, { pinia, props: { modelValue: true, project: null } })
    const cancel = () => [...document.querySelectorAll<HTMLButtonElement>('.el-dialog button')].find((b) => b.textContent?.trim() === '取消')!
    cancel().click()
    await settle(50)
    expect(box()).toBeNull()
    expect(wrapper.emitted('update:modelValue')?.slice(-1)[0]).toEqual([false])

    await wrapper.setProps({ modelValue: false })
    await wrapper.setProps({ modelValue: true })
    await settle(50)
    await typeInto(document.querySelector('[data-testid=project-name] input'), '校园安全提升工程')
    const before = wrapper.emitted('update:modelValue')?.length ?? 0
    cancel().click()
    await settle(50)
    expect(box()?.textContent).toContain('项目有未保存的修改')
    boxButton('留在本页')!.click()
    await settle(350)
    expect(wrapper.emitted('update:modelValue')?.length ?? 0).toBe(before)
    cancel().click()
    await settle(50)
    boxButton('放弃修改并离开')!.click()
    await settle(350)
    expect(wrapper.emitted('update:modelValue')?.slice(-1)[0]).toEqual([false])
    wrapper.unmount()
  })
})
