import { describe, expect, it, vi } from 'vitest'
import TargetsView from '../src/views/targets/TargetsView.vue'
import type { TargetQuery } from '../src/api/bindings/TargetQuery'
import { useSessionStore } from '../src/stores/session'
import { useTargetsStore } from '../src/stores/targets'
import { freshPinia, mockBackend, mountWith, settle, typeInto, chooseImportSubmit } from './helpers'
import { STATUS, UNITS } from './fixtures'
import { pickOption, RULES, target, targetRow } from './targetsFixtures'

const PAGE = {
  total: 41,
  rows: [
    targetRow({}),
    targetRow({
      target_id: null,
      project_id: 'p2',
      code: '2025-JY-002',
      name: '学生营养改善计划',
      budget: 12870000,
      grade: 'A',
      status: null,
      version: null,
      indicators: 0,
      quantitative: 0,
      quantification_bp: null,
      exante_conclusion: '不予支持',
    }),
    targetRow({
      target_id: 't3',
      project_id: 'p3',
      code: '2025-JY-003',
      name: '教师培训',
      status: '一下',
      quantification_bp: 8370,
      open_comments: 3,
    }),
  ],
}

const BLANK: TargetQuery = { year: 2025, kind: '项目', status: null, unit_id: null, search: null, page: 1, page_size: 20 }

function setup() {
  const pinia = freshPinia()
  useSessionStore().applyStatus(STATUS, true)
  const calls = mockBackend({
    org_units: () => UNITS,
    rules_current: () => RULES,
    rules_versions: () => [RULES],
    targets_list: () => PAGE,
    targets_create_for_project: (a) => target({ id: 'new-t', project_id: a.projectId }),
    targets_create_for_unit: (a) => target({ id: 'new-u', kind: '部门整体', unit_id: a.unitId }),
  })
  const queries = () => calls.filter((c) => c.cmd === 'targets_list').map((c) => c.args.query as TargetQuery)
  return { pinia, calls, queries }
}
const last = <T>(list: T[]): T | undefined => list[list.length - 1]

describe('TargetsView', () => {
  it('asks for page 1 of the header year\'s project targets with no filters', async () => {
    const { pinia, queries } = setup()
    await mountWith(TargetsView, { pinia })
    expect(queries()).toEqual([BLANK])
  })

  it('shows each project with its amount in 万元, state, 量化率 and open comments', async () => {
    const { pinia } = setup()
    const { wrapper } = await mountWith(TargetsView, { pinia })
    const rowText = (code: string) => wrapper.find(`[data-testid=targets-row-${code}]`).text()
    expect(wrapper.find('[data-testid=targets-row-2025-JY-001]').element.tagName).toBe('TR')
    expect(rowText('2025-JY-001')).toContain('1,286.50')
    expect(rowText('2025-JY-001')).toContain('编制')
    expect(rowText('2025-JY-001')).toContain('50.00%')
    expect(rowText('2025-JY-002')).toContain('未编制')
    expect(rowText('2025-JY-002')).toContain('不予支持')
    expect(rowText('2025-JY-003')).toContain('83.70%')
    expect(rowText('2025-JY-003')).toContain('3')
    expect(wrapper.find('[data-testid=targets-open-2025-JY-001]').text()).toBe('打开')
    expect(wrapper.find('[data-testid=targets-open-2025-JY-002]').text()).toBe('编制目标')
    expect(wrapper.find('[data-testid=targets-total]').text().replace(/\s+/g, '')).toBe('共41个项目，量化率下限70.00%')
  })

  it('marks a 量化率 below the rule set floor red', async () => {
    const { pinia } = setup()
    const { wrapper } = await mountWith(TargetsView, { pinia })
    const rate = (code: string) =>
      wrapper.find(`[data-testid=targets-row-${code}]`).element.closest('tr')!.querySelector('.amount.below')
    expect(rate('2025-JY-001')?.textContent).toBe('50.00%') // below 70%
    expect(rate('2025-JY-003')).toBeNull() // 83.70% is above
  })

  it('sends the status picked in the filter, including 未编制', async () => {
    const { pinia, queries } = setup()
    const { wrapper } = await mountWith(TargetsView, { pinia })
    await pickOption(wrapper.find('[data-testid=targets-filter-status]').element, '未编制')
    expect(last(queries())).toEqual({ ...BLANK, status: '未编制' })
    await pickOption(wrapper.find('[data-testid=targets-filter-status]').element, '二上')
    expect(last(queries())).toEqual({ ...BLANK, status: '二上' })
  })

  it('sends the search (debounced), the unit and the 部门整体 tab, back on page 1', async () => {
    const { pinia, queries } = setup()
    const { wrapper } = await mountWith(TargetsView, { pinia })
    const store = useTargetsStore()
    store.page = 3
    await typeInto(wrapper.find('[data-testid=targets-search] input').element, ' 校舍 ')
    expect(queries()).toHaveLength(1)
    await settle(350)
    expect(last(queries())).toEqual({ ...BLANK, search: '校舍' })
    store.filters.unitId = 'u-edu'
    await settle()
    expect(last(queries())).toEqual({ ...BLANK, search: '校舍', unit_id: 'u-edu' })
    store.kind = '部门整体'
    await settle()
    expect(last(queries())).toEqual({ ...BLANK, search: '校舍', unit_id: 'u-edu', kind: '部门整体' })
  })

  it('creates the target of a project without one and opens the editor', async () => {
    const { pinia, calls } = setup()
    const { wrapper, router } = await mountWith(TargetsView, { pinia })
    await wrapper.find('[data-testid=targets-open-2025-JY-002]').trigger('click')
    await settle()
    expect(calls.filter((c) => c.cmd === 'targets_create_for_project')).toEqual([
      { cmd: 'targets_create_for_project', args: { projectId: 'p2' } },
    ])
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/targets/new-t'), { timeout: 5000 })
  })

  it('opens an existing target without creating anything', async () => {
    const { pinia, calls } = setup()
    const { wrapper, router } = await mountWith(TargetsView, { pinia })
    await wrapper.find('[data-testid=targets-open-2025-JY-003]').trigger('click')
    await settle()
    expect(calls.some((c) => c.cmd.startsWith('targets_create'))).toBe(false)
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/targets/t3'), { timeout: 5000 })
  })

  it('creates a unit\'s 部门整体 target for the header year', async () => {
    const { pinia, calls } = setup()
    const { wrapper, router } = await mountWith(TargetsView, { pinia })
    useTargetsStore().kind = '部门整体'
    await settle()
    await wrapper.find('[data-testid=targets-open-2025-JY-002]').trigger('click')
    await settle()
    expect(calls.filter((c) => c.cmd === 'targets_create_for_unit').map((c) => c.args)).toEqual([
      { year: 2025, unitId: 'u-school' },
    ])
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/targets/new-u'), { timeout: 5000 })
  })
})

describe('TargetsView 申报表', () => {
  it('imports the picked workbook for the header year and lists every problem when it is refused', async () => {
    const { pinia } = setup()
    const problems = [{ row: 4, column: '指标值', message: '『约五十』不是数字，请填写如 95 或 98.5 的数值' }]
    const calls = mockBackend({
      org_units: () => UNITS,
      rules_current: () => RULES,
      rules_versions: () => [RULES],
      targets_list: () => PAGE,
      'dialog_open': () => '/home/u/绩效目标申报表.xlsx',
      exchange_units_touched: () => [
        { code: '101', name: '县教育局', rows: 5 },
        { code: '102', name: '县卫健委', rows: 2 },
      ],
      targets_import: () => {
        throw { code: 'Rejected', message: '共1处错误，未导入任何数据', problems }
      },
    })
    const { wrapper } = await mountWith(TargetsView, { pinia })
    await wrapper.find('[data-testid=targets-import]').trigger('click')
    await chooseImportSubmit(false)
    expect(calls.filter((c) => c.cmd === 'targets_import').map((c) => c.args)).toEqual([
      { path: '/home/u/绩效目标申报表.xlsx', year: 2025, submit: false, unit: null },
    ])
    // Two units touched: shown, and the default is the consolidated workbook (汇总表).
    expect(calls.find((c) => c.cmd === 'exchange_units_touched')?.args).toEqual({
      path: '/home/u/绩效目标申报表.xlsx',
      year: 2025,
    })
    const dialog = document.querySelector('[data-testid=import-problems]')!.textContent!
    expect(dialog).toContain('指标值')
    expect(dialog).toContain('『约五十』不是数字')
  })

  it('exports the year to the chosen file', async () => {
    const { pinia } = setup()
    const calls = mockBackend({
      org_units: () => UNITS,
      rules_current: () => RULES,
      rules_versions: () => [RULES],
      targets_list: () => PAGE,
      'dialog_save': () => '/home/u/申报表.xlsx',
      targets_export: () => 1405,
    })
    const { wrapper } = await mountWith(TargetsView, { pinia })
    await wrapper.find('[data-testid=targets-export]').trigger('click')
    await settle(50)
    expect(calls.filter((c) => c.cmd === 'targets_export').map((c) => c.args)).toEqual([
      { path: '/home/u/申报表.xlsx', year: 2025 },
    ])
    expect(document.body.textContent).toContain('已导出 1405 条三级指标')
  })
})
