import { describe, expect, it } from 'vitest'
import Disclosure from '../src/views/results/Disclosure.vue'
import type { DisclosureRow } from '../src/api/bindings/DisclosureRow'
import { useSessionStore } from '../src/stores/session'
import { freshPinia, mockBackend, mountWith, settle, typeInto } from './helpers'
import { STATUS } from './fixtures'

function row(over: Partial<DisclosureRow>): DisclosureRow {
  return {
    source_kind: 'perf_target',
    source_id: 't1',
    kind_label: '绩效目标',
    code: '2025-JY-001',
    name: '义务教育学校校舍维修改造',
    unit_name: '县第一中学',
    is_public: true,
    reason: '',
    ...over,
  }
}

const ROWS = [
  row({}),
  row({ source_kind: 'self_eval', source_id: 's1', kind_label: '单位自评报告', code: '2025-GA-003', name: '公安信息化建设', unit_name: '县公安局', is_public: false, reason: '涉密' }),
  row({ source_kind: 'key_eval', source_id: 'k1', kind_label: '重点评价报告', code: '2025-SL-001', name: '农村饮水安全巩固提升工程', unit_name: '县水利局' }),
]

function setup(over: Record<string, (a: Record<string, any>) => unknown> = {}) {
  const pinia = freshPinia()
  useSessionStore().applyStatus(STATUS, true)
  const calls = mockBackend({ results_disclosure_list: () => ROWS, results_disclosure_set: () => null, ...over })
  return { pinia, calls }
}

const el = (id: string) => document.querySelector(`[data-testid=${id}]`) as HTMLElement
const inputOf = (id: string) => {
  const e = el(id)
  return e instanceof HTMLInputElement ? e : (e?.querySelector('input') ?? null)
}

describe('结果应用 › 信息公开', () => {
  it('lists targets and reports with their 公开 state and reason, and the counts', async () => {
    const { pinia, calls } = setup()
    const { wrapper } = await mountWith(Disclosure, { pinia })
    expect(calls.find((c) => c.cmd === 'results_disclosure_list')?.args).toEqual({ year: 2025 })
    expect(wrapper.find('[data-testid=disc-public]').text()).toBe('2')
    expect(wrapper.find('[data-testid=disc-hidden]').text()).toBe('1')
    const hidden = wrapper.find('[data-testid=disc-row-s1]')
    for (const text of ['单位自评报告', '2025-GA-003', '公安信息化建设', '县公安局', '涉密']) expect(hidden.text()).toContain(text)
    expect(hidden.find('.el-switch').classes()).not.toContain('is-checked')
    expect(wrapper.find('[data-testid=disc-row-t1] .el-switch').classes()).toContain('is-checked')
  })

  it('turning 公开 off asks for the reason and sends it; an empty reason is refused', async () => {
    const { pinia, calls } = setup()
    const { wrapper } = await mountWith(Disclosure, { pinia })
    await wrapper.find('[data-testid=disc-row-k1] .el-switch').trigger('click')
    await settle()
    expect(inputOf('disc-reason')?.value).toBe('涉密')
    await typeInto(inputOf('disc-reason'), ' ')
    el('disc-reason-confirm').click()
    await settle()
    expect(el('disc-reason-error').textContent).toBe('不公开须填写理由（如涉密）')
    expect(calls.some((c) => c.cmd === 'results_disclosure_set')).toBe(false)
    await typeInto(inputOf('disc-reason'), '涉及国家秘密')
    el('disc-reason-confirm').click()
    await settle()
    expect(calls.find((c) => c.cmd === 'results_disclosure_set')?.args).toEqual({
      sourceKind: 'key_eval',
      sourceId: 'k1',
      isPublic: false,
      reason: '涉及国家秘密',
    })
    expect(wrapper.find('[data-testid=disc-hidden]').text()).toBe('2')
    expect(wrapper.find('[data-testid=disc-row-k1]').text()).toContain('涉及国家秘密')
  })

  it('turning 公开 back on needs no reason', async () => {
    const { pinia, calls } = setup()
    const { wrapper } = await mountWith(Disclosure, { pinia })
    await wrapper.find('[data-testid=disc-row-s1] .el-switch').trigger('click')
    await settle()
    expect(calls.find((c) => c.cmd === 'results_disclosure_set')?.args).toEqual({
      sourceKind: 'self_eval',
      sourceId: 's1',
      isPublic: true,
      reason: '',
    })
    expect(wrapper.find('[data-testid=disc-hidden]').text()).toBe('0')
  })

  it('导出清单 writes the year\'s list', async () => {
    const { pinia, calls } = setup({ 'dialog_save': () => '/home/u/公开.xlsx', results_disclosure_export: () => 3 })
    const { wrapper } = await mountWith(Disclosure, { pinia })
    await wrapper.find('[data-testid=disc-export]').trigger('click')
    await settle()
    expect(calls.find((c) => c.cmd === 'results_disclosure_export')?.args).toEqual({ path: '/home/u/公开.xlsx', year: 2025 })
  })
})
