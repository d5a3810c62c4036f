import { describe, expect, it } from 'vitest'
import Linkage from '../src/views/results/Linkage.vue'
import type { LinkageInput } from '../src/api/bindings/LinkageInput'
import type { LinkageRow } from '../src/api/bindings/LinkageRow'
import { cutPreview, totalsOf } from '../src/views/results/linkage'
import { useSessionStore } from '../src/stores/session'
import { freshPinia, mockBackend, mountWith, settle, typeInto } from './helpers'
import { STATUS } from './fixtures'

function linkage(over: Partial<LinkageRow>): LinkageRow {
  return {
    id: 'l1',
    source_kind: 'key_eval',
    source_id: 'k1',
    eval_type: '重点评价',
    project_code: '2025-SL-001',
    object_name: '农村饮水安全巩固提升工程',
    unit_name: '县水利局',
    score_cp: 7500,
    grade: '中',
    object_amount: 1286500000,
    action: '压减',
    pct_bp: 1000,
    amount: 128650000,
    next_year: 2026,
    note: '评价等级为『中』，按规定压减',
    suggested: '压减',
    ...over,
  }
}

const ROWS = [
  linkage({}),
  linkage({ id: 'l2', source_id: 's2', eval_type: '单位自评', project_code: '2025-JY-001', object_name: '校舍维修', grade: '优', score_cp: 9300, action: '优先保障', pct_bp: null, amount: 0, suggested: '优先保障' }),
  linkage({ id: 'l3', source_id: 's3', eval_type: '单位自评', project_code: '2025-NY-009', object_name: '农机补贴', grade: '差', score_cp: 5200, object_amount: 300000000, action: '取消', pct_bp: null, amount: 300000000, suggested: '取消' }),
]

function setup(over: Record<string, (a: Record<string, any>) => unknown> = {}) {
  const pinia = freshPinia()
  useSessionStore().applyStatus(STATUS, true)
  const calls = mockBackend({ results_linkage_list: () => ROWS, ...over })
  return { pinia, calls }
}

const inputOf = (id: string) => {
  const el = document.querySelector(`[data-testid=${id}]`)
  return el instanceof HTMLInputElement ? el : (el?.querySelector('input') ?? null)
}

describe('结果应用 › 预算挂钩', () => {
  it('previews the cut exactly like core: 10% of 1,286.50万 is 128.65万', () => {
    expect(cutPreview('压减', 1000, '', 1286500000)).toBe(128650000)
    expect(cutPreview('压减', 2500, '', 1286500000)).toBe(321625000)
    expect(cutPreview('压减', null, '200', 1286500000)).toBe(200000000)
    expect(cutPreview('压减', null, '', 1286500000)).toBeNull()
    expect(cutPreview('取消', null, '', 300000000)).toBe(300000000)
    expect(cutPreview('优先保障', null, '', 300000000)).toBe(0)
    expect(totalsOf(ROWS)).toEqual({ cutFen: 128650000, priority: 1, cancelled: 1 })
  })

  it('lists the year\'s linkages with grade, action and amount, and the totals', async () => {
    const { pinia, calls } = setup()
    const { wrapper } = await mountWith(Linkage, { pinia })
    expect(calls.find((c) => c.cmd === 'results_linkage_list')?.args).toEqual({ year: 2025 })
    expect(wrapper.find('[data-testid=link-count]').text()).toBe('3')
    expect(wrapper.find('[data-testid=link-cut]').text()).toBe('128.65')
    expect(wrapper.find('[data-testid=link-priority]').text()).toBe('1')
    expect(wrapper.find('[data-testid=link-cancelled]').text()).toBe('1')
    const row = wrapper.find('[data-testid=link-row-l1]')
    for (const text of ['2025-SL-001', '农村饮水安全巩固提升工程', '县水利局', '重点评价', '75.00 中', '1,286.50']) {
      expect(row.text()).toContain(text)
    }
    expect(inputOf('link-pct-l1')?.value).toBe('10')
    expect(inputOf('link-amount-l1')?.placeholder).toBe('128.65')
    expect(inputOf('link-amount-l2')?.disabled).toBe(true)
  })

  it('生成挂钩建议 asks core for the year\'s suggestions and reloads', async () => {
    const { pinia, calls } = setup({ results_linkage_propose: () => 3 })
    const { wrapper } = await mountWith(Linkage, { pinia })
    await wrapper.find('[data-testid=link-propose]').trigger('click')
    await settle()
    expect(calls.find((c) => c.cmd === 'results_linkage_propose')?.args).toEqual({ year: 2025 })
    expect(calls.filter((c) => c.cmd === 'results_linkage_list')).toHaveLength(2)
  })

  it('a new share previews its cut and Enter saves it; the totals follow core\'s answer', async () => {
    const { pinia, calls } = setup({
      results_linkage_save: () => linkage({ pct_bp: 2500, amount: 321625000, note: '预算股核定' }),
    })
    const { wrapper } = await mountWith(Linkage, { pinia })
    await typeInto(inputOf('link-pct-l1'), '25')
    expect(inputOf('link-amount-l1')?.placeholder).toBe('321.63')
    await typeInto(inputOf('link-note-l1'), '预算股核定')
    inputOf('link-note-l1')!.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter', bubbles: true }))
    await settle()
    const sent = calls.find((c) => c.cmd === 'results_linkage_save')?.args.input as LinkageInput
    expect(sent).toEqual({
      source_kind: 'key_eval',
      source_id: 'k1',
      action: '压减',
      pct_bp: 2500,
      amount_wan: null,
      next_year: 2026,
      note: '预算股核定',
    })
    expect(wrapper.find('[data-testid=link-cut]').text()).toBe('321.63')
  })

  it('typing an amount clears the share, and core\'s refusal stays on the row', async () => {
    const { pinia, calls } = setup({
      results_linkage_save: () => {
        throw {
          code: 'Invalid',
          message: '『调整金额（万元）』1300.00 万元超过了评价对象的金额 1286.50 万元',
          problems: [{ row: 0, column: '调整金额（万元）', message: '1300.00 万元超过了评价对象的金额 1286.50 万元' }],
        }
      },
    })
    const { wrapper } = await mountWith(Linkage, { pinia })
    await typeInto(inputOf('link-amount-l1'), '1300')
    expect(inputOf('link-pct-l1')?.value).toBe('')
    await wrapper.find('[data-testid=link-save-l1]').trigger('click')
    await settle()
    const sent = calls.find((c) => c.cmd === 'results_linkage_save')?.args.input as LinkageInput
    expect(sent.amount_wan).toBe('1300')
    expect(sent.pct_bp).toBeNull()
    expect(wrapper.find('[data-testid=link-error-l1]').text()).toContain('超过了评价对象的金额 1286.50 万元')
    expect(wrapper.find('[data-testid=link-cut]').text()).toBe('128.65')
  })

  it('导出清单 writes the year\'s list', async () => {
    const { pinia, calls } = setup({ 'dialog_save': () => '/home/u/挂钩.xlsx', results_linkage_export: () => 3 })
    const { wrapper } = await mountWith(Linkage, { pinia })
    await wrapper.find('[data-testid=link-export]').trigger('click')
    await settle()
    expect(calls.find((c) => c.cmd === 'results_linkage_export')?.args).toEqual({ path: '/home/u/挂钩.xlsx', year: 2025 })
  })
})
