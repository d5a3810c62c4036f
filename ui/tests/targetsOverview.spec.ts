import { describe, expect, it } from 'vitest'
import TargetsOverview from '../src/views/targets/TargetsOverview.vue'
import type { TargetOverview } from '../src/api/bindings/TargetOverview'
import { useSessionStore } from '../src/stores/session'
import { freshPinia, mockBackend, mountWith, settle } from './helpers'
import { STATUS } from './fixtures'

const statuses = (counts: number[]) =>
  ['未编制', '编制', '一上', '一下', '二上', '二下'].map((status, i) => ({ status, count: counts[i]! }))

const OVERVIEW: TargetOverview = {
  year: 2025,
  floor_bp: 7000,
  stats: {
    targets: 312,
    indicators_l2: 1032,
    indicators_l3: 1405,
    quantitative_l3: 1176,
    quantification_rate_bp: 8370,
    units_below_floor: 1,
    comments: 48,
    comments_resolved: 45,
  },
  projects_total: 330,
  project_status: statuses([18, 20, 30, 12, 10, 240]),
  units_total: 100,
  unit_status: statuses([40, 10, 10, 5, 5, 30]),
  units: [
    { unit_id: 'u1', unit_code: '305', unit_name: '南岗镇', targets: 3, indicators_l3: 20, quantitative_l3: 13, rate_bp: 6500, below_floor: true },
    { unit_id: 'u2', unit_code: '201', unit_name: '县教育局', targets: 12, indicators_l3: 80, quantitative_l3: 70, rate_bp: 8750, below_floor: false },
  ],
}

async function open() {
  const pinia = freshPinia()
  useSessionStore().applyStatus(STATUS, true)
  const calls = mockBackend({ targets_overview: () => OVERVIEW })
  const { wrapper } = await mountWith(TargetsOverview, { pinia })
  await settle()
  return { wrapper, calls }
}

const figure = (w: Awaited<ReturnType<typeof open>>['wrapper'], key: string) =>
  w.find(`[data-testid=stat-${key}] .value`).text().replace(/\s+/g, '')

describe('TargetsOverview', () => {
  it('asks for the header year', async () => {
    const { calls } = await open()
    expect(calls.map((c) => c.args)).toEqual([{ year: 2025 }])
  })

  it('shows the year\'s figures: 1176 of 1405 三级指标 quantitative = 83.70%', async () => {
    const { wrapper } = await open()
    expect(figure(wrapper, 'targets')).toBe('312个')
    expect(figure(wrapper, 'l2')).toBe('1032个')
    expect(figure(wrapper, 'l3')).toBe('1405条')
    expect(figure(wrapper, 'quantitative')).toBe('1176条')
    expect(figure(wrapper, 'rate')).toBe('83.70%')
    expect(figure(wrapper, 'below')).toBe('1个')
    expect(figure(wrapper, 'comments')).toBe('45/48条')
    expect(wrapper.find('[data-testid=stat-rate]').classes()).not.toContain('bad')
    expect(wrapper.find('[data-testid=stat-below]').classes()).toContain('bad')
  })

  it('states the coverage of projects and units', async () => {
    const { wrapper } = await open()
    const text = wrapper.text()
    expect(text).toContain('共 330 个项目，已批复 240 个')
    expect(text).toContain('60 / 100 个单位已编制')
  })

  it('lists 量化率 by unit against the floor, the ones below it in red', async () => {
    const { wrapper } = await open()
    expect(wrapper.find('[data-testid=overview-floor]').text()).toBe('70.00%')
    const rows = wrapper.findAll('[data-testid=overview-units] .el-table__body tr')
    expect(rows).toHaveLength(2)
    expect(rows[0]!.text()).toContain('南岗镇')
    expect(rows[0]!.text()).toContain('65.00%')
    expect(rows[0]!.text()).toContain('低于下限')
    expect(rows[0]!.classes()).toContain('below-row')
    expect(rows[1]!.text()).toContain('87.50%')
    expect(rows[1]!.classes()).not.toContain('below-row')
  })
})
