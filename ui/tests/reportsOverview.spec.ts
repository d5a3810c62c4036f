import { describe, expect, it, vi } from 'vitest'
import YearOverview from '../src/views/reports/YearOverview.vue'
import { useSessionStore } from '../src/stores/session'
import { freshPinia, mockBackend, mountWith, settle } from './helpers'
import { ME, STATUS } from './fixtures'
import { OVERVIEW_2025 } from './reportsFixtures'
import { createMemoryHistory, createRouter } from 'vue-router'
import { routes } from '../src/router'
import { LIST_FILTERS, figureGroups, type Scope } from '../src/views/reports/overviewFigures'
import type { YearOverview as Overview } from '../src/api/bindings/YearOverview'

/** The demo year with 县农业局 (主管部门) in 事前评估 and 绩效目标. */
function withUnit(): Overview {
  const o: Overview = JSON.parse(JSON.stringify(OVERVIEW_2025))
  const unit = { unit_id: 'u-agri', unit_code: '201', unit_name: '县农业局', unit_kind: '主管部门' }
  o.exante.by_unit = [{ ...unit, figures: { ...o.exante.total, assessed: 3, support: 2, reduction_rate_bp: 1234 } }]
  o.targets.by_unit = [{ ...unit, figures: { ...o.targets.total, projects: 9, units: null } }]
  return o
}

/** The view file of each linked list, whose applyRouteFilters call must read the link's keys. */
const VIEW_FILES: Record<string, string> = {
  '/projects': 'projects/ProjectsView.vue',
  '/exante': 'exante/ExAnteView.vue',
  '/targets': 'targets/TargetsView.vue',
  '/evaluation/self': 'evaluation/SelfList.vue',
  '/evaluation/key': 'evaluation/KeyList.vue',
  '/results/rect': 'results/Rectifications.vue',
}
const SOURCES = import.meta.glob('../src/views/**/*.vue', { query: '?raw', import: 'default', eager: true }) as Record<string, string>

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

  it('every figure links to a real list route with filters that list reads, in every scope', () => {
    const router = createRouter({ history: createMemoryHistory(), routes })
    const scopes: Scope[] = ['全部', '政府性基金预算', 'unit:u-agri']
    let filtered = 0
    for (const scope of scopes) {
      for (const g of figureGroups(withUnit(), scope)) {
        for (const f of g.figures) {
          const r = router.resolve(f.to)
          expect(r.matched.length, `${g.key}-${f.key}`).toBeGreaterThan(0)
          expect(r.matched[0].path, `${g.key}-${f.key} → ${f.to.path}`).not.toContain(':rest')
          const allowed = LIST_FILTERS[f.to.path]
          expect(allowed, f.to.path).toBeDefined()
          for (const [k, v] of Object.entries(f.to.query)) {
            const how = allowed[k]
            expect(how, `${g.key}-${f.key}: ?${k}`).toBeDefined()
            if (how === 'flag') expect(v).toBe('1')
            else if (how !== 'text') expect(how).toContain(v)
            filtered++
          }
        }
      }
    }
    expect(filtered).toBeGreaterThan(20)
    // The table itself matches the views: each key is read by the view's applyRouteFilters.
    for (const [path, file] of Object.entries(VIEW_FILES)) {
      const src = SOURCES[`../src/views/${file}`]
      expect(src, file).toBeTruthy()
      const calls = src.split('\n').filter((l) => l.includes('applyRouteFilters(')).join(' ')
      for (const key of Object.keys(LIST_FILTERS[path])) {
        // Read under its own name, or under an alias ({ unitId: 'unit' }).
        expect(calls.includes(`${key}:`) || calls.includes(`'${key}'`), `${file} reads ?${key}`).toBe(true)
      }
    }
  })

  it('a figure opens its list filtered: 不予支持 by conclusion, 逾期 by ?overdue=1, a unit by ?unit=', async () => {
    const { pinia } = setup({ reports_year_overview: () => withUnit() })
    const { wrapper, router } = await mountWith(YearOverview, { pinia })
    await wrapper.find('[data-testid=ov-exante-not-support]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe(`/exante?conclusion=${encodeURIComponent('不予支持')}`))
    await wrapper.find('[data-testid=ov-results-rect-overdue]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/results/rect?overdue=1'))
  })

  it('splits by 主管部门 / 乡镇: the unit\'s own figures, 0 where it has none, links narrowed to it', async () => {
    const { pinia } = setup({ reports_year_overview: () => withUnit() })
    const { wrapper, router } = await mountWith(YearOverview, { pinia })
    await wrapper.find('[data-testid=ov-unit]').trigger('click')
    await settle(50)
    ;(document.querySelector('[data-testid="ov-unit-县农业局"]') as HTMLElement).click()
    await settle()
    expect(value('exante-assessed')).toBe('3')
    expect(value('exante-reduction-rate')).toBe('12.34%')
    expect(value('targets-projects')).toBe('9')
    expect(value('targets-units')).toBe('—')
    expect(value('monitoring-projects')).toBe('0')
    expect(prev('exante-assessed')).toBeUndefined()
    await wrapper.find('[data-testid=ov-exante-support]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.query).toEqual({ conclusion: '予以支持', unit: 'u-agri' }))
  })

  it('导出 writes the .xlsx and 人大报送 sends the chosen line and format', async () => {
    let path = '/home/u/总览.xlsx'
    const { pinia, calls } = setup({
      dialog_save: () => path,
      reports_export_overview: () => OVERVIEW_2025,
      reports_write_npc: () => ({ year: 2025, county: '示例县', min_fen: 0, projects: [], results: [], projects_budget_fen: 0 }),
    })
    const { wrapper } = await mountWith(YearOverview, { pinia })
    await wrapper.find('[data-testid=ov-export]').trigger('click')
    await settle()
    expect(calls.find((c) => c.cmd === 'reports_export_overview')?.args).toEqual({ year: 2025, path: '/home/u/总览.xlsx' })
    path = '/home/u/人大.xlsx'
    await wrapper.find('[data-testid=ov-npc]').trigger('click')
    await settle()
    const box = document.querySelector('[data-testid=ov-npc-min]')
    const min = (box instanceof HTMLInputElement ? box : box?.querySelector('input')) as HTMLInputElement
    min.value = '1000'
    min.dispatchEvent(new Event('input', { bubbles: true }))
    await settle()
    ;(document.querySelector('[data-testid=ov-npc-write]') as HTMLElement).click()
    await settle()
    expect(calls.find((c) => c.cmd === 'reports_write_npc')?.args).toEqual({ year: 2025, minWan: '1000', path: '/home/u/人大.xlsx' })
  })
})
