import { describe, expect, it } from 'vitest'
import Rectifications from '../src/views/results/Rectifications.vue'
import type { RectQuery } from '../src/api/bindings/RectQuery'
import type { RectRow } from '../src/api/bindings/RectRow'
import type { RectSummary } from '../src/api/bindings/RectSummary'
import { useSessionStore } from '../src/stores/session'
import { freshPinia, mockBackend, mountWith, settle, typeInto } from './helpers'
import { STATUS, UNITS } from './fixtures'
import { pickOption } from './targetsFixtures'

function rect(over: Partial<RectRow>): RectRow {
  return {
    id: 'x1',
    fiscal_year: 2025,
    source_kind: 'monitor_task',
    source_id: 'k1',
    source_label: '运行监控（1–8月）：高标准农田建设',
    unit_id: 'u-school',
    unit_name: '县农业农村局',
    problem: '运行监控红色预警：执行率 30.00%，落后时间进度 36.67 个百分点',
    basis: '《预算绩效运行监控管理暂行办法》',
    measure: '加快拨付进度',
    responsible_person: '王建国',
    deadline: '2025-06-20',
    status: '下达',
    feedback: '',
    review_note: '',
    closed_at: null,
    created_at: '2025-03-01T09:00:00+08:00',
    overdue: true,
    days_overdue: 11,
    evidence_count: 0,
    ...over,
  }
}

const SUMMARY: RectSummary = {
  total: 87,
  open: 58,
  overdue: 15,
  closed: 29,
  by_status: [
    { status: '下达', count: 7 },
    { status: '整改中', count: 15 },
    { status: '已反馈', count: 14 },
    { status: '已核实', count: 13 },
    { status: '退回', count: 9 },
    { status: '销号', count: 29 },
  ],
}

const ROWS = [
  rect({}),
  rect({ id: 'x2', problem: '自评结果失实', source_label: '抽查复核：校舍维修', status: '已反馈', overdue: false, days_overdue: 0, deadline: '2025-12-31', feedback: '已修正', evidence_count: 2 }),
]

function setup(over: Record<string, (a: Record<string, any>) => unknown> = {}) {
  const pinia = freshPinia()
  useSessionStore().applyStatus(STATUS, true)
  const calls = mockBackend({
    org_units: () => UNITS,
    results_rect_summary: () => SUMMARY,
    results_rect_list: () => ({ total: 87, rows: ROWS }),
    results_rect_get: (a) => ROWS.find((r) => r.id === a.id),
    results_rect_evidence: () => [],
    ...over,
  })
  return { pinia, calls }
}

const queries = (calls: { cmd: string; args: Record<string, unknown> }[]) =>
  calls.filter((c) => c.cmd === 'results_rect_list').map((c) => c.args.query as RectQuery)

const button = (id: string) => document.querySelector(`[data-testid=${id}]`) as HTMLElement

describe('结果应用 › 整改台账', () => {
  it('shows the year\'s figures and one page of items with state tags and overdue deadlines in red', async () => {
    const { pinia, calls } = setup()
    const { wrapper } = await mountWith(Rectifications, { pinia })
    expect(queries(calls)).toEqual([
      { year: 2025, unit_id: null, status: null, overdue_only: false, search: null, page: 1, page_size: 20 },
    ])
    expect(wrapper.find('[data-testid=rect-total]').text()).toBe('87')
    expect(wrapper.find('[data-testid=rect-open]').text()).toBe('58')
    expect(wrapper.find('[data-testid=rect-overdue]').text()).toBe('15')
    expect(wrapper.find('[data-testid=rect-closed]').text()).toBe('29')
    const late = wrapper.find('[data-testid=rect-row-x1]')
    expect(late.element.tagName).toBe('TR')
    for (const text of ['县农业农村局', '执行率 30.00%', '运行监控（1–8月）', '王建国', '2025-06-20', '逾期 11 天', '下达']) {
      expect(late.text()).toContain(text)
    }
    expect(late.find('.overdue').exists()).toBe(true)
    const ok = wrapper.find('[data-testid=rect-row-x2]')
    expect(ok.text()).toContain('已反馈')
    expect(ok.find('.overdue').exists()).toBe(false)
  })

  it('sends the state filter, 只看逾期 and the search to core, from page 1', async () => {
    const { pinia, calls } = setup()
    const { wrapper } = await mountWith(Rectifications, { pinia })
    await pickOption(wrapper.find('[data-testid=rect-filter-status]').element, '整改中')
    ;(wrapper.find('[data-testid=rect-filter-overdue] input').element as HTMLInputElement).click()
    await settle()
    await typeInto(wrapper.find('[data-testid=rect-search] input').element, '王建国')
    await settle(350)
    const all = queries(calls)
    expect(all[all.length - 1]).toEqual({
      year: 2025,
      unit_id: null,
      status: '整改中',
      overdue_only: true,
      search: '王建国',
      page: 1,
      page_size: 20,
    })
  })

  it('生成整改事项 sends the picked round and deadline, then reloads the ledger', async () => {
    const { pinia, calls } = setup({
      results_rect_sources: () => ({
        key_evals: [],
        rounds: [{ id: 'r8', label: '1–8月自行监控（已关闭）', problems: 71, in_ledger: 0 }],
        spot_checks: [{ id: 'd1', label: '2025年度抽查复核', problems: 16, in_ledger: 16 }],
      }),
      results_rect_generate: () => 71,
    })
    const { wrapper } = await mountWith(Rectifications, { pinia })
    await wrapper.find('[data-testid=rect-generate]').trigger('click')
    await settle()
    expect(button('gen-hint').textContent).toContain('将生成 71 条')
    button('gen-confirm').click()
    await settle()
    const sent = calls.find((c) => c.cmd === 'results_rect_generate')?.args
    expect(sent).toMatchObject({ source: '运行监控', id: 'r8' })
    expect(sent?.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(queries(calls)).toHaveLength(2)
    expect(calls.filter((c) => c.cmd === 'results_rect_sources')).toEqual([{ cmd: 'results_rect_sources', args: { year: 2025 } }])
  })

  it('says when a source type has nothing to generate from', async () => {
    const { pinia, calls } = setup({ results_rect_sources: () => ({ key_evals: [], rounds: [], spot_checks: [] }) })
    const { wrapper } = await mountWith(Rectifications, { pinia })
    await wrapper.find('[data-testid=rect-generate]').trigger('click')
    await settle()
    ;(document.querySelector('[data-testid=gen-type-key] input') as HTMLInputElement).click()
    await settle()
    button('gen-confirm').click()
    await settle()
    expect(button('gen-error').textContent).toBe('请选择重点评价')
    expect(calls.some((c) => c.cmd === 'results_rect_generate')).toBe(false)
  })

  it('the drawer offers only the steps of the item\'s state and a report needs its text', async () => {
    const stepped = rect({ status: '已反馈', feedback: '已加快支付' })
    const { pinia, calls } = setup({
      results_rect_get: () => rect({ status: '整改中' }),
      results_rect_step: () => stepped,
    })
    const { wrapper } = await mountWith(Rectifications, { pinia })
    await wrapper.find('[data-testid=rect-open-x1]').trigger('click')
    await settle()
    expect(button('rect-drawer-status').textContent).toBe('整改中')
    expect(button('rect-drawer-overdue').textContent).toContain('逾期 11 天')
    expect(button('rect-step-report')).not.toBeNull()
    for (const other of ['start', 'verify', 'reject', 'close']) expect(button(`rect-step-${other}`)).toBeNull()
    button('rect-step-report').click()
    await settle()
    expect(button('rect-text-error').textContent).toBe('请填写整改完成情况')
    expect(calls.some((c) => c.cmd === 'results_rect_step')).toBe(false)
    const el = document.querySelector('[data-testid=rect-text]')
    const box = (el instanceof HTMLTextAreaElement ? el : el?.querySelector('textarea')) as HTMLTextAreaElement
    box.value = '已加快支付'
    box.dispatchEvent(new Event('input', { bubbles: true }))
    await settle()
    button('rect-step-report').click()
    await settle()
    expect(calls.find((c) => c.cmd === 'results_rect_step')?.args).toEqual({ id: 'x1', step: 'report', text: '已加快支付' })
    // Now 已反馈: 核实通过 and 退回整改.
    expect(button('rect-drawer-status').textContent).toBe('已反馈')
    expect(button('rect-step-verify')).not.toBeNull()
    expect(button('rect-step-reject')).not.toBeNull()
    expect(queries(calls).length).toBeGreaterThan(1)
  })

  it('shows core\'s refusal of a step as it is', async () => {
    const { pinia } = setup({
      results_rect_get: () => rect({ status: '下达' }),
      results_rect_step: () => {
        throw { code: 'Conflict', message: '整改事项当前为『销号』，不能开始整改：只有『下达』或『退回』的事项可以开始整改', problems: [] }
      },
    })
    const { wrapper } = await mountWith(Rectifications, { pinia })
    await wrapper.find('[data-testid=rect-open-x1]').trigger('click')
    await settle()
    button('rect-step-start').click()
    await settle()
    expect(document.body.textContent).toContain('只有『下达』或『退回』的事项可以开始整改')
  })

  it('上传佐证 sends the picked file and lists it; 导出台账 writes the year\'s ledger', async () => {
    const { pinia, calls } = setup({
      'dialog_open': () => '/home/u/支付凭证.pdf',
      'dialog_save': () => '/home/u/整改台账.xlsx',
      results_rect_add_evidence: () => ({
        id: 'e1',
        rectification_id: 'x1',
        file_name: '支付凭证.pdf',
        sha256: 'ab',
        size_bytes: 2048,
        added_by: '张三',
        created_at: '2026-03-01T09:00:00+08:00',
      }),
      results_rect_export: () => 87,
    })
    const { wrapper } = await mountWith(Rectifications, { pinia })
    await wrapper.find('[data-testid=rect-open-x1]').trigger('click')
    await settle()
    button('rect-upload').click()
    await settle()
    expect(calls.find((c) => c.cmd === 'results_rect_add_evidence')?.args).toEqual({ id: 'x1', path: '/home/u/支付凭证.pdf' })
    const list = button('rect-evidence').textContent ?? ''
    expect(list).toContain('支付凭证.pdf')
    expect(list).toContain('2.0 KB')
    await wrapper.find('[data-testid=rect-export]').trigger('click')
    await settle()
    expect(calls.find((c) => c.cmd === 'results_rect_export')?.args).toEqual({ path: '/home/u/整改台账.xlsx', year: 2025 })
  })
})
