import { describe, expect, it, vi } from 'vitest'
import RoundsView from '../src/views/monitoring/RoundsView.vue'
import TasksView from '../src/views/monitoring/TasksView.vue'
import type { RoundInput } from '../src/api/bindings/RoundInput'
import type { TaskQuery } from '../src/api/bindings/TaskQuery'
import { useSessionStore } from '../src/stores/session'
import { freshPinia, mockBackend, mountWith, settle, typeInto, chooseImportSubmit } from './helpers'
import { STATUS, UNITS } from './fixtures'
import { pickOption } from './targetsFixtures'
import { round, taskRow } from './monitoringFixtures'

/** The <input> of an el-input whose test id may sit on the input itself or on its wrapper. */
const inputOf = (el: Element | null) => (el instanceof HTMLInputElement ? el : (el?.querySelector('input') ?? null))

const STATS = {
  projects: 533,
  budget_fen: 1286500000000,
  executed_fen: 941330000000,
  execution_rate_bp: 7317,
  completion_rate_bp: 8125,
  deviation_bp: 808,
  warnings: { red: 172, yellow: 90, green: 200 },
  actions_fen: 26300000,
}

function setup(over: Record<string, (a: Record<string, any>) => unknown> = {}) {
  const pinia = freshPinia()
  useSessionStore().applyStatus(STATUS, true)
  const calls = mockBackend({
    org_units: () => UNITS,
    monitoring_rounds: () => [round({}), round({ id: 'r0', cutoff_month: 6, status: '已关闭', tasks: 530 })],
    monitoring_round: (args: Record<string, unknown>) => round({ id: args.id as string }),
    monitoring_stats: () => STATS,
    monitoring_tasks: () => ({
      total: 533,
      rows: [
        taskRow({}),
        taskRow({ id: 'k2', code: '2025-NY-007', name: '高标准农田', execution_bp: 3666, warning: '红灯', status: '已提交' }),
      ],
    }),
    ...over,
  })
  return { pinia, calls }
}

describe('运行监控 › 监控轮次', () => {
  it('lists the year\'s rounds with their progress and the enter/close actions', async () => {
    const { pinia, calls } = setup()
    const { wrapper } = await mountWith(RoundsView, { pinia })
    expect(calls.find((c) => c.cmd === 'monitoring_rounds')?.args).toEqual({ year: 2025 })
    const row = wrapper.find('[data-testid=round-row-8]')
    expect(row.element.tagName).toBe('TR')
    expect(row.text()).toContain('1–8月')
    expect(row.text()).toContain('自行监控')
    expect(row.text()).toContain('533')
    expect(row.text()).toContain('进行中')
    expect(wrapper.find('[data-testid=round-enter-8]').exists()).toBe(true)
    expect(wrapper.find('[data-testid=round-close-8]').exists()).toBe(true)
    expect(wrapper.find('[data-testid=round-close-6]').exists()).toBe(false)
  })

  it('开启监控 sends the picked month, type, due date and note as the RoundInput', async () => {
    const { pinia, calls } = setup({ monitoring_open: () => round({ id: 'r2', cutoff_month: 7, kind: '重点监控' }) })
    const { wrapper } = await mountWith(RoundsView, { pinia })
    await wrapper.find('[data-testid=monitoring-open]').trigger('click')
    await settle()
    await pickOption(document.querySelector('[data-testid=round-month]'), '1–7月')
    ;(document.querySelector('[data-testid=round-kind-key] input') as HTMLInputElement).click()
    await typeInto(inputOf(document.querySelector('[data-testid=round-note]')), '重点项目')
    ;(document.querySelector('[data-testid=round-confirm]') as HTMLElement).click()
    await settle()
    const sent = calls.find((c) => c.cmd === 'monitoring_open')?.args.input as RoundInput
    expect(sent).toMatchObject({ year: 2025, cutoff_month: 7, kind: '重点监控', note: '重点项目', unit_ids: [] })
    expect(sent.due_date).toBe('2025-08-10') // the 10th after the 1–7月 cut-off
    expect(calls.filter((c) => c.cmd === 'monitoring_rounds')).toHaveLength(2)
  })

  it('shows why a round cannot be opened and keeps the dialog', async () => {
    const { pinia } = setup({
      monitoring_open: () => {
        throw { code: 'Conflict', message: '2025年度还没有已批复（二下）的绩效目标，无法开启监控', problems: [] }
      },
    })
    const { wrapper } = await mountWith(RoundsView, { pinia })
    await wrapper.find('[data-testid=monitoring-open]').trigger('click')
    await settle()
    ;(document.querySelector('[data-testid=round-confirm]') as HTMLElement).click()
    await settle()
    expect(document.querySelector('[data-testid=round-error]')?.textContent).toContain('还没有已批复（二下）的绩效目标')
  })
})

describe('运行监控 › 监控情况表列表', () => {
  const queries = (calls: { cmd: string; args: Record<string, unknown> }[]) =>
    calls.filter((c) => c.cmd === 'monitoring_tasks').map((c) => c.args.query as TaskQuery)

  it('shows the round\'s figures and one page of sheets with rates, light and state', async () => {
    const { pinia, calls } = setup()
    const { wrapper } = await mountWith(TasksView, { pinia, props: { roundId: 'r1' } })
    expect(queries(calls)).toEqual([
      { round_id: 'r1', unit_id: null, status: null, warning: null, search: null, page: 1, page_size: 20 },
    ])
    expect(wrapper.find('[data-testid=tasks-title]').text()).toBe('2025年度1–8月自行监控')
    expect(wrapper.find('[data-testid=stat-projects]').text()).toBe('533')
    expect(wrapper.find('[data-testid=stat-execution]').text()).toBe('73.17%')
    expect(wrapper.find('[data-testid=stat-warnings]').text().replace(/\s+/g, ' ')).toBe('172 90 200')
    const row = wrapper.find('[data-testid=task-row-2025-JY-001]')
    expect(row.element.tagName).toBe('TR')
    for (const text of ['10,000.00', '7,317.00', '73.17%', '66.67%', '60.00%', '13.17%', '绿灯', '待填报']) {
      expect(row.text()).toContain(text)
    }
    expect(wrapper.find('[data-testid=task-row-2025-NY-007]').text()).toContain('红灯')
    expect(wrapper.find('[data-testid=task-open-2025-JY-001]').text()).toBe('填报')
    expect(wrapper.find('[data-testid=task-open-2025-NY-007]').text()).toBe('查看')
  })

  it('sends the status and warning filters and the search to core, from page 1', async () => {
    const { pinia, calls } = setup()
    const { wrapper } = await mountWith(TasksView, { pinia, props: { roundId: 'r1' } })
    await pickOption(wrapper.find('[data-testid=tasks-filter-status]').element, '已提交')
    await pickOption(wrapper.find('[data-testid=tasks-filter-warning]').element, '红灯')
    await typeInto(wrapper.find('[data-testid=tasks-search] input').element, '农田')
    await settle(350)
    const all = queries(calls)
    const last = all[all.length - 1]
    expect(last).toEqual({ round_id: 'r1', unit_id: null, status: '已提交', warning: '红灯', search: '农田', page: 1, page_size: 20 })
  })

  it('opens a sheet from its row', async () => {
    const { pinia } = setup()
    const { wrapper, router } = await mountWith(TasksView, { pinia, props: { roundId: 'r1' } })
    await wrapper.find('[data-testid=task-open-2025-JY-001]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/monitoring/sheet/k1'))
  })

  it('导出填报表 / 导入填报表 send the picked file and the round to core', async () => {
    const { pinia, calls } = setup({
      'dialog_save': () => '/home/u/监控.xlsx',
      'dialog_open': () => '/home/u/监控.xlsx',
      exchange_units_touched: () => [],
      monitoring_export: () => 533,
      monitoring_import: () => ({ rows: 533, created: 0, updated: 12, unchanged: 500, locked: 21, submitted: 0 }),
    })
    const { wrapper } = await mountWith(TasksView, { pinia, props: { roundId: 'r1' } })
    await wrapper.find('[data-testid=tasks-export]').trigger('click')
    await settle()
    expect(calls.find((c) => c.cmd === 'monitoring_export')?.args).toEqual({ path: '/home/u/监控.xlsx', roundId: 'r1' })
    await wrapper.find('[data-testid=tasks-import]').trigger('click')
    await chooseImportSubmit(false)
    expect(calls.find((c) => c.cmd === 'monitoring_import')?.args).toEqual({
      path: '/home/u/监控.xlsx',
      roundId: 'r1',
      submit: false,
      unit: null,
    })
    expect(document.body.textContent).toContain('更新 12 张情况表')
    expect(document.body.textContent).toContain('已锁定未修改 21 张，跳过')
  })
})
