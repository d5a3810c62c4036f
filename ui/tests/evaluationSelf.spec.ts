import { describe, expect, it } from 'vitest'
import SelfList from '../src/views/evaluation/SelfList.vue'
import SelfForm from '../src/views/evaluation/SelfForm.vue'
import type { SelfEvalInput } from '../src/api/bindings/SelfEvalInput'
import type { SelfEvalQuery } from '../src/api/bindings/SelfEvalQuery'
import { useEvaluationStore } from '../src/stores/evaluation'
import { useSessionStore } from '../src/stores/session'
import { freshPinia, mockBackend, mountWith, settle, typeInto, chooseImportSubmit } from './helpers'
import { STATUS, UNITS } from './fixtures'
import { pickOption } from './targetsFixtures'
import { coverageRow, selfForm, selfItem, selfRow } from './evaluationFixtures'

const inputOf = (el: Element | null) => (el instanceof HTMLInputElement ? el : (el?.querySelector('input') ?? null))
const q = (id: string) => document.querySelector(`[data-testid=${id}]`)
type Handlers = Record<string, (a: Record<string, any>) => unknown>

function setupList(over: Handlers = {}) {
  const pinia = freshPinia()
  useSessionStore().applyStatus({ ...STATUS, years: [2024, 2025, 2026] }, true)
  useEvaluationStore().year = 2025
  const calls = mockBackend({
    org_units: () => UNITS,
    evaluation_self_list: () => ({
      total: 533,
      rows: [
        selfRow(),
        selfRow({ id: 's2', code: '2025-NY-007', name: '高标准农田', total_cp: 9000, grade: '优', status: '已提交' }),
        selfRow({ id: 's3', code: '2025-WS-003', name: '基本公共卫生服务', total_cp: null, grade: null, status: '待填报', executed: null, execution_bp: null }),
      ],
    }),
    evaluation_self_coverage: () => [
      coverageRow({ unit_id: 'u2', unit_code: '201', unit_name: '农业农村局', required: 10, submitted: 7, not_submitted: 3 }),
      coverageRow({ unit_id: 'u3', unit_code: '301001', unit_name: '城关小学', required: 4, submitted: 4, not_submitted: 0 }),
    ],
    ...over,
  })
  return { pinia, calls }
}

describe('绩效评价 › 单位自评 list', () => {
  const queries = (calls: { cmd: string; args: Record<string, unknown> }[]) =>
    calls.filter((c) => c.cmd === 'evaluation_self_list').map((c) => c.args.query as SelfEvalQuery)

  it('opens on the evaluation year and shows each form\'s budget, 执行率, score and coloured grade', async () => {
    const { pinia, calls } = setupList()
    const { wrapper } = await mountWith(SelfList, { pinia })
    expect(queries(calls)).toEqual([{ year: 2025, unit_id: null, status: null, grade: null, search: null, page: 1, page_size: 20 }])
    const row = wrapper.find('[data-testid=eval-self-row-2025-JY-001]')
    expect(row.element.tagName).toBe('TR')
    for (const text of ['义务教育营养餐', '城关小学', '10,000.00', '93.17%', '89.50', '良', '填报中']) expect(row.text()).toContain(text)
    const good = row.findAll('.el-tag').find((t) => t.text() === '良')!
    expect(good.classes()).toContain('el-tag--primary')
    const excellent = wrapper.find('[data-testid=eval-self-row-2025-NY-007]').findAll('.el-tag').find((t) => t.text() === '优')!
    expect(excellent.classes()).toContain('el-tag--success')
    expect(wrapper.find('[data-testid=eval-self-row-2025-WS-003]').text()).toContain('—')
    expect(wrapper.find('[data-testid=eval-self-total]').text()).toContain('533')
  })

  it('sends the 状态 and 等级 filters and the search to core, from page 1', async () => {
    const { pinia, calls } = setupList()
    const { wrapper } = await mountWith(SelfList, { pinia })
    await pickOption(wrapper.find('[data-testid=eval-self-filter-status]').element, '已提交')
    await pickOption(wrapper.find('[data-testid=eval-self-filter-grade]').element, '优')
    await typeInto(wrapper.find('[data-testid=eval-self-search] input').element, '农田')
    await settle(350)
    const all = queries(calls)
    expect(all[all.length - 1]).toEqual({ year: 2025, unit_id: null, status: '已提交', grade: '优', search: '农田', page: 1, page_size: 20 })
  })

  it('「发起年度自评」 says how many forms it made and reloads the list', async () => {
    const { pinia, calls } = setupList({ evaluation_self_start: () => ({ created: 12, existing: 521 }) })
    const { wrapper } = await mountWith(SelfList, { pinia })
    await wrapper.find('[data-testid=eval-self-start]').trigger('click')
    await settle()
    expect(calls.find((c) => c.cmd === 'evaluation_self_start')?.args).toEqual({ year: 2025 })
    expect(document.body.textContent).toContain('新建 12 张自评表')
    expect(queries(calls)).toHaveLength(2)
  })

  it('填报覆盖 lists every unit and highlights the ones with forms not yet submitted', async () => {
    const { pinia } = setupList()
    const { wrapper } = await mountWith(SelfList, { pinia })
    await wrapper.find('[data-testid=eval-self-tab-coverage]').trigger('click')
    await settle()
    const open = wrapper.find('[data-testid=eval-coverage-row-201]')
    expect(open.classes()).toContain('open-row')
    expect(open.text()).toContain('农业农村局')
    expect(open.text()).toContain('70.00%')
    expect(wrapper.find('[data-testid=eval-coverage-row-301001]').classes()).not.toContain('open-row')
    expect(wrapper.find('[data-testid=eval-coverage-summary]').text().replace(/\s+/g, '')).toContain('应评14张，已提交11张，覆盖率78.57%；1个单位')
  })

  it('a refused 自评表 import lists every bad row and column', async () => {
    const { pinia, calls } = setupList({
      'dialog_open': () => '/home/u/自评.xlsx',
      exchange_units_touched: () => [{ code: '301', name: '县农业农村局', rows: 9 }],
      evaluation_self_import: () => {
        throw {
          code: 'Rejected',
          message: '文件中有 2 处错误',
          problems: [
            { row: 3, column: '实际完成值', message: '定性指标请填写 达成 / 部分达成 / 未达成，现为『好』' },
            { row: 7, column: '分值', message: '预算执行率和各指标的分值合计应为 100 分，现为 95.00' },
          ],
        }
      },
    })
    const { wrapper } = await mountWith(SelfList, { pinia })
    await wrapper.find('[data-testid=eval-self-import]').trigger('click')
    await chooseImportSubmit(true)
    expect(calls.find((c) => c.cmd === 'evaluation_self_import')?.args).toEqual({
      path: '/home/u/自评.xlsx',
      year: 2025,
      submit: true,
      // The file touches one unit: imported as that unit's (按单位导入) unless the clerk chooses 汇总.
      unit: '301',
    })
    const table = document.querySelector('[data-testid=import-problems]')!.textContent!
    expect(table).toContain('现为『好』')
    expect(table).toContain('分值合计应为 100 分')
  })

  it('one year model: no 评价年度 select; works on the year before the header\'s and says so in its title', async () => {
    const { pinia, calls } = setupList()
    const { wrapper } = await mountWith(SelfList, { pinia })
    expect(wrapper.find('[data-testid=eval-year]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=eval-year-title]').text()).toBe('2025 年度单位自评（2026 年开展）')
    expect(queries(calls).map((q) => q.year)).toEqual([2025])
    useSessionStore().setYear(2025) // the header moves to 2025
    await settle()
    expect(wrapper.find('[data-testid=eval-year-title]').text()).toBe('2024 年度单位自评（2025 年开展）')
    expect(queries(calls).map((q) => q.year)).toEqual([2025, 2024])
    expect(calls.filter((c) => c.cmd === 'evaluation_self_coverage').map((c) => c.args.year)).toEqual([2025, 2024])
  })
})

function setupForm(initial = selfForm(), over: Handlers = {}) {
  const pinia = freshPinia()
  const calls = mockBackend({
    evaluation_self_get: () => initial,
    evaluation_self_save: () => initial,
    ...over,
  })
  return { pinia, calls }
}

describe('绩效评价 › 自评表', () => {
  it('保存 sends what was typed and shows the total and grade core returns', async () => {
    const scored = selfForm({ row: selfRow({ executed: 9500_000000, execution_bp: 9500, execution_score_cp: 950, total_cp: 9000, grade: '优' }) })
    const { pinia, calls } = setupForm(selfForm(), { evaluation_self_save: () => scored })
    const { wrapper } = await mountWith(SelfForm, { pinia, props: { id: 's1' } })
    expect(wrapper.find('[data-testid=eval-form-total]').text()).toBe('89.50')
    expect(wrapper.find('[data-testid=eval-form-grade]').text()).toBe('良')
    await typeInto(inputOf(q('eval-form-executed')), '9500')
    expect(wrapper.find('[data-testid=eval-form-execution]').text()).toBe('95.00%')
    await typeInto(inputOf(q('eval-form-actual-1')), '5000')
    await pickOption(q('eval-form-actual-2'), '部分达成')
    const reason = q('eval-form-reason-2')!.querySelector('textarea')!
    reason.value = '部分学校食堂改造滞后，明年完成'
    reason.dispatchEvent(new Event('input', { bubbles: true }))
    await wrapper.find('[data-testid=eval-form-save]').trigger('click')
    await settle()
    const save = calls.find((c) => c.cmd === 'evaluation_self_save')!
    expect(save.args.id).toBe('s1')
    expect(save.args.input as SelfEvalInput).toEqual({
      budget_wan: '10000.00',
      executed_wan: '9500',
      execution_weight_cp: 1000,
      summary: '',
      items: [
        { id: 'i1', weight_cp: 5000, actual: '5000', not_applicable: false, reason: '' },
        { id: 'i2', weight_cp: 3000, actual: '部分达成', not_applicable: false, reason: '部分学校食堂改造滞后，明年完成' },
        { id: 'i3', weight_cp: 1000, actual: '95', not_applicable: false, reason: '' },
      ],
    })
    expect(wrapper.find('[data-testid=eval-form-total]').text()).toBe('90.00')
    const grade = wrapper.find('[data-testid=eval-form-grade]')
    expect(grade.text()).toBe('优')
    expect(grade.classes()).toContain('el-tag--success')
    expect(wrapper.find('[data-testid=eval-form-exec-score]').text()).toBe('9.50')
  })

  it('warns while 分值合计 is not 100 and shows the sum as one types', async () => {
    const { pinia } = setupForm()
    const { wrapper } = await mountWith(SelfForm, { pinia, props: { id: 's1' } })
    expect(wrapper.find('[data-testid=eval-form-weight-sum]').text()).toBe('100.00')
    expect(wrapper.find('[data-testid=eval-form-sum-warning]').exists()).toBe(false)
    await typeInto(inputOf(q('eval-form-weight-1')), '40.5')
    expect(wrapper.find('[data-testid=eval-form-weight-sum]').text()).toBe('90.50')
    expect(wrapper.find('[data-testid=eval-form-sum-warning]').text()).toContain('分值合计应为 100 分，现为 90.50')
    await typeInto(inputOf(q('eval-form-weight-1')), '50')
    expect(wrapper.find('[data-testid=eval-form-sum-warning]').exists()).toBe(false)
  })

  it('does not send a 分值 that is not a number, and marks its cell', async () => {
    const { pinia, calls } = setupForm()
    const { wrapper } = await mountWith(SelfForm, { pinia, props: { id: 's1' } })
    await typeInto(inputOf(q('eval-form-weight-3')), '十')
    await wrapper.find('[data-testid=eval-form-save]').trigger('click')
    await settle()
    expect(calls.some((c) => c.cmd === 'evaluation_self_save')).toBe(false)
    expect(wrapper.find('[data-testid=eval-form-weight-3]').classes()).toContain('bad')
  })

  it('puts the server\'s refusal on the row and column it names', async () => {
    const { pinia } = setupForm(selfForm(), {
      evaluation_self_submit: () => {
        throw {
          code: 'Rejected',
          message: '有 1 处需要修改',
          problems: [{ row: 1, column: '偏差原因及改进措施', message: '「受益学生人数」未得满分，请填写偏差原因及改进措施' }],
        }
      },
    })
    const { wrapper } = await mountWith(SelfForm, { pinia, props: { id: 's1' } })
    await wrapper.find('[data-testid=eval-form-submit]').trigger('click')
    await settle()
    const cell = wrapper.find('[data-testid=eval-form-reason-1]')
    expect(cell.classes()).toContain('bad')
    expect(cell.text()).toContain('未得满分，请填写偏差原因及改进措施')
    expect(wrapper.find('[data-testid=eval-form-reason-2]').classes()).not.toContain('bad')
    expect(wrapper.find('[data-testid=eval-form-error]').text()).toContain('共 1 处')
  })

  it('提交 saves first, then submits, and the form turns read-only with 退回 offered', async () => {
    const submitted = selfForm({ row: selfRow({ status: '已提交', submitted_at: '2026-02-01T10:00:00+08:00' }) })
    const { pinia, calls } = setupForm(selfForm(), { evaluation_self_submit: () => submitted })
    const { wrapper } = await mountWith(SelfForm, { pinia, props: { id: 's1' } })
    await wrapper.find('[data-testid=eval-form-submit]').trigger('click')
    await settle()
    const cmds = calls.map((c) => c.cmd).filter((c) => c !== 'evaluation_self_get')
    expect(cmds).toEqual(['evaluation_self_save', 'evaluation_self_submit'])
    expect(wrapper.find('[data-testid=eval-form-status]').text()).toBe('已提交')
    expect(wrapper.find('[data-testid=eval-form-save]').exists()).toBe(false)
    expect(inputOf(q('eval-form-executed'))!.disabled).toBe(true)
    expect(inputOf(q('eval-form-actual-1'))!.disabled).toBe(true)
    expect(wrapper.find('[data-testid=eval-form-return]').exists()).toBe(true)
  })

  it('退回 asks for the reason and sends it', async () => {
    const submitted = selfForm({ row: selfRow({ status: '已提交' }) })
    const returned = selfForm({ row: selfRow({ status: '已退回', return_reason: '佐证不足' }) })
    const { pinia, calls } = setupForm(submitted, { evaluation_self_return: () => returned })
    const { wrapper } = await mountWith(SelfForm, { pinia, props: { id: 's1' } })
    await wrapper.find('[data-testid=eval-form-return]').trigger('click')
    await settle(50)
    await typeInto(document.querySelector('.el-message-box input'), '佐证不足')
    const ok = [...document.querySelectorAll<HTMLButtonElement>('.el-message-box button')].find((b) => b.textContent?.trim() === '退回')!
    ok.click()
    await settle(50)
    expect(calls.find((c) => c.cmd === 'evaluation_self_return')?.args).toEqual({ id: 's1', reason: '佐证不足' })
    expect(wrapper.find('[data-testid=eval-form-return-reason]').text()).toContain('退回原因：佐证不足')
    expect(wrapper.find('[data-testid=eval-form-save]').exists()).toBe(true)
  })

  it('a 不适用 row shows no score and its 实际完成值 cannot be typed', async () => {
    const form = selfForm({ items: [selfItem({ not_applicable: true, actual: null, score_cp: null })] })
    const { pinia } = setupForm(form)
    const { wrapper } = await mountWith(SelfForm, { pinia, props: { id: 's1' } })
    expect(wrapper.find('[data-testid=eval-form-score-1]').text()).toBe('不适用')
    expect(inputOf(q('eval-form-actual-1'))!.disabled).toBe(true)
  })
})
