import { describe, expect, it, vi } from 'vitest'
import YearOverview from '../src/views/reports/YearOverview.vue'
import { useSessionStore } from '../src/stores/session'
import { freshPinia, mockBackend, mountWith, settle } from './helpers'
import { ME, STATUS } from './fixtures'
import { OVERVIEW_2025 } from './reportsFixtures'

const EMPTY_TEXTS = {
  year: 2025,
  organization: '',
  documents: [],
  problems: [],
  next_steps: [],
  updated_at: null,
  updated_by: '',
}

function setup(over: Record<string, (a: Record<string, any>) => unknown> = {}) {
  const pinia = freshPinia()
  const session = useSessionStore()
  session.applyStatus({ ...STATUS, years: [2024, 2025] }, true)
  session.me = ME
  session.year = 2025
  const calls = mockBackend({
    reports_year_overview: () => OVERVIEW_2025,
    evaluation_self_coverage: () => [],
    reports_texts: () => EMPTY_TEXTS,
    ...over,
  })
  return { pinia, calls }
}

const value = (id: string) => document.querySelector(`[data-testid=ov-${id}-value]`)?.textContent?.trim()
const prev = (id: string) => document.querySelector(`[data-testid=ov-${id}-prev]`)?.textContent?.trim()

describe('统计分析 › 年度总览', () => {
  it('shows the figures core computed for the header year, with the previous year beside them', async () => {
    const { pinia, calls } = setup()
    const { wrapper } = await mountWith(YearOverview, { pinia })
    expect(calls.find((c) => c.cmd === 'reports_year_overview')?.args).toEqual({ year: 2025 })
    expect(wrapper.find('[data-testid=ov-title]').text()).toContain('示例县2025 年度总览')
    expect(value('exante-assessed')).toBe('24')
    expect(prev('exante-assessed')).toBe('上年 0')
    expect(value('exante-declared')).toBe('17,927.86')
    expect(value('exante-reduction-rate')).toBe('27.39%')
    expect(value('targets-coverage')).toBe('98.78%')
    expect(value('targets-quantification')).toBe('81.68%')
    expect(value('targets-units')).toBe('89 / 89')
    expect(value('monitoring-execution')).toBe('53.97%')
    expect(value('monitoring-completion')).toBe('88.85%')
    expect(value('monitoring-lights')).toBe('71 / 67 / 104')
    expect(value('evaluation-self-coverage')).toBe('94.86%')
    expect(value('evaluation-spot')).toBe('37 / 314')
    expect(value('evaluation-key-amount')).toBe('37,135.20')
    expect(value('results-rect-overdue')).toBe('49')
    expect(value('results-cut')).toBe('1,483.53')
    for (const id of ['grades', 'yoy', 'coverage']) expect(wrapper.find(`[data-testid=ov-chart-${id}]`).exists()).toBe(true)
  })

  it('splits by 预算类型: the fund budget\'s own figures, county-only ones as —, no previous year', async () => {
    const { pinia } = setup()
    const { wrapper } = await mountWith(YearOverview, { pinia })
    const fund = wrapper.find('[data-testid="ov-scope-政府性基金预算"] input')
    await fund.setValue(true)
    await settle()
    expect(value('exante-assessed')).toBe('5')
    expect(value('exante-reduction-rate')).toBe('35.83%')
    expect(value('targets-units')).toBe('—')
    expect(prev('exante-assessed')).toBeUndefined()
  })

  it('opens the list screen a figure comes from', async () => {
    const { pinia } = setup()
    const { wrapper, router } = await mountWith(YearOverview, { pinia })
    await wrapper.find('[data-testid=ov-monitoring-execution]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/monitoring'))
    await wrapper.find('[data-testid=ov-evaluation-self-submitted]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/evaluation/self'))
  })

  it('saves the report texts one item per line', async () => {
    const { pinia, calls } = setup({
      reports_save_texts: (a) => ({ ...EMPTY_TEXTS, ...a.input, updated_at: '2026-01-05 10:00:00', updated_by: '张三' }),
    })
    const { wrapper } = await mountWith(YearOverview, { pinia })
    await wrapper.find('[data-testid=ov-edit-texts]').trigger('click')
    await settle()
    const box = document.querySelector('[data-testid=ov-text-problems]')
    const problems = (box instanceof HTMLTextAreaElement ? box : box?.querySelector('textarea')) as HTMLTextAreaElement
    problems.value = '绩效意识不强。\n结果应用有待加强。'
    problems.dispatchEvent(new Event('input', { bubbles: true }))
    await settle()
    ;(document.querySelector('[data-testid=ov-text-save]') as HTMLElement).click()
    await settle()
    const save = calls.find((c) => c.cmd === 'reports_save_texts')
    expect(save?.args).toEqual({
      year: 2025,
      input: { organization: '', documents: [''], problems: ['绩效意识不强。', '结果应用有待加强。'], next_steps: [''] },
    })
    expect(wrapper.find('[data-testid=ov-texts]').text()).toContain('存在问题：2 条')
  })

  it('生成年度报告 asks where to save and writes the .docx there', async () => {
    const { pinia, calls } = setup({
      'dialog_save': () => '/home/u/年度报告.docx',
      reports_write_annual: (a) => ({ year: a.year, title: '示例县2025年度全面预算绩效管理工作开展情况', opening: '', sections: [], signature: '', date: '' }),
    })
    const { wrapper } = await mountWith(YearOverview, { pinia })
    await wrapper.find('[data-testid=ov-generate]').trigger('click')
    await settle(50)
    ;(document.querySelector('[data-testid=ov-generate-docx]') as HTMLElement).click()
    await settle()
    const dialog = calls.find((c) => c.cmd === 'dialog_save')
    expect(JSON.stringify(dialog?.args)).toContain('示例县2025年度全面预算绩效管理工作开展情况.docx')
    expect(calls.find((c) => c.cmd === 'reports_write_annual')?.args).toEqual({ year: 2025, path: '/home/u/年度报告.docx' })
  })
})
