import { describe, expect, it } from 'vitest'
import SheetView from '../src/views/monitoring/SheetView.vue'
import type { SheetInput } from '../src/api/bindings/SheetInput'
import { freshPinia, mockBackend, mountWith, settle, typeInto } from './helpers'
import { pickOption, RULES } from './targetsFixtures'
import { sheet, sheetIndicator, taskRow } from './monitoringFixtures'

const inputOf = (el: Element | null) => (el instanceof HTMLInputElement ? el : (el?.querySelector('input') ?? null))
const q = (id: string) => document.querySelector(`[data-testid=${id}]`)

function setup(over: Record<string, (a: Record<string, any>) => unknown> = {}, initial = sheet()) {
  const pinia = freshPinia()
  const calls = mockBackend({
    rules_current: () => RULES,
    rules_versions: () => [RULES],
    monitoring_sheet: () => initial,
    monitoring_save: () => initial,
    monitoring_submit: () => sheet({ task: taskRow({ status: '已提交' }) }),
    ...over,
  })
  return { pinia, calls }
}

async function fillTypical() {
  await typeInto(inputOf(q('sheet-executed')), '3666')
  await typeInto(inputOf(q('sheet-forecast')), '9000')
  await typeInto(inputOf(q('sheet-actual-0')), '3000')
  await pickOption(q('sheet-actual-1'), '部分达成')
  await pickOption(q('sheet-possibility-0'), '有可能')
  await pickOption(q('sheet-reason-0'), '经费保障')
  await typeInto(inputOf(q('sheet-measures-0')), '加快拨付')
}

describe('运行监控 › 监控情况表', () => {
  it('follows the typing with 执行率, 完成率 and the light (30.01 points behind 1–8月 is 红灯)', async () => {
    const { pinia } = setup()
    const { wrapper } = await mountWith(SheetView, { pinia, props: { taskId: 'k1' } })
    expect(wrapper.find('[data-testid=sheet-warning]').text()).toBe('未填报')
    await typeInto(inputOf(q('sheet-executed')), '3666')
    expect(wrapper.find('[data-testid=sheet-execution]').text()).toBe('36.66%')
    expect(wrapper.find('[data-testid=sheet-time]').text()).toBe('66.67%')
    expect(wrapper.find('[data-testid=sheet-warning]').text()).toBe('红灯')
    await typeInto(inputOf(q('sheet-executed')), '5000')
    expect(wrapper.find('[data-testid=sheet-warning]').text()).toBe('黄灯')
    await typeInto(inputOf(q('sheet-actual-0')), '3000')
    expect(wrapper.find('[data-testid=sheet-completion-0]').text()).toBe('60.00%')
    await pickOption(q('sheet-actual-1'), '部分达成')
    expect(wrapper.find('[data-testid=sheet-completion]').text()).toBe('70.00%')
    expect(wrapper.find('[data-testid=sheet-deviation]').text()).toBe('20.00%')
    await typeInto(inputOf(q('sheet-executed')), '9000')
    expect(wrapper.find('[data-testid=sheet-warning]').text()).toBe('绿灯')
    await pickOption(q('sheet-possibility-0'), '完全不可能')
    expect(wrapper.find('[data-testid=sheet-warning]').text()).toBe('红灯')
  })

  it('保存 sends what was typed as the SheetInput', async () => {
    const { pinia, calls } = setup()
    const { wrapper } = await mountWith(SheetView, { pinia, props: { taskId: 'k1' } })
    await fillTypical()
    await wrapper.find('[data-testid=sheet-save]').trigger('click')
    await settle()
    const save = calls.find((c) => c.cmd === 'monitoring_save')!
    expect(save.args.taskId).toBe('k1')
    expect(save.args.input as SheetInput).toEqual({
      executed_wan: '3666',
      forecast_wan: '9000',
      indicators: [
        { id: 'i1', actual: '3000', forecast: '', deviation_reason: '经费保障', possibility: '有可能', measures: '加快拨付' },
        { id: 'i2', actual: '部分达成', forecast: '', deviation_reason: null, possibility: null, measures: '' },
      ],
    })
  })

  it('puts the server\'s refusal on the cell it names', async () => {
    const { pinia } = setup({
      monitoring_save: () => {
        throw {
          code: 'Rejected',
          message: '有 1 处需要修改',
          problems: [{ row: 2, column: '纠偏措施', message: '完成可能性不是『确定能』时请填写纠偏措施' }],
        }
      },
    })
    const { wrapper } = await mountWith(SheetView, { pinia, props: { taskId: 'k1' } })
    await wrapper.find('[data-testid=sheet-save]').trigger('click')
    await settle()
    const cell = wrapper.find('[data-testid=sheet-measures-1]')
    expect(cell.classes()).toContain('bad')
    expect(cell.text()).toContain('请填写纠偏措施')
    expect(wrapper.find('[data-testid=sheet-measures-0]').classes()).not.toContain('bad')
  })

  it('names the field of an invalid amount with the round\'s real months (1–8月, as core words it)', async () => {
    const { pinia } = setup({
      monitoring_save: () => {
        throw {
          code: 'Invalid',
          message: '『1–8月执行数（万元）』不能超过全年预算数 10000.00 万元',
          problems: [{ row: 0, column: '1–8月执行数（万元）', message: '不能超过全年预算数 10000.00 万元' }],
        }
      },
    })
    const { wrapper } = await mountWith(SheetView, { pinia, props: { taskId: 'k1' } })
    await wrapper.find('[data-testid=sheet-save]').trigger('click')
    await settle(100)
    expect(wrapper.find('[data-testid=sheet-executed]').classes()).toContain('is-error')
    expect(wrapper.find('[data-testid=sheet-executed]').text()).toContain('1–8月执行数（万元）')
    expect(wrapper.find('[data-testid=sheet-executed]').text()).toContain('不能超过全年预算数 10000.00 万元')
    expect(wrapper.find('[data-testid=sheet-error]').text()).toContain('『1–8月执行数（万元）』不能超过全年预算数')
  })

  it('提交 saves first, then submits, and the sheet turns read-only', async () => {
    const { pinia, calls } = setup()
    const { wrapper } = await mountWith(SheetView, { pinia, props: { taskId: 'k1' } })
    await fillTypical()
    await wrapper.find('[data-testid=sheet-submit]').trigger('click')
    await settle()
    const cmds = calls.map((c) => c.cmd).filter((c) => c === 'monitoring_save' || c === 'monitoring_submit')
    expect(cmds).toEqual(['monitoring_save', 'monitoring_submit'])
    expect(wrapper.find('[data-testid=sheet-status]').text()).toBe('已提交')
    expect(wrapper.find('[data-testid=sheet-save]').exists()).toBe(false)
    expect(inputOf(q('sheet-executed'))!.disabled).toBe(true)
    expect(wrapper.find('[data-testid=sheet-approve]').exists()).toBe(true)
    expect(wrapper.find('[data-testid=sheet-return]').exists()).toBe(true)
  })

  it('a closed round shows the sheet read-only without review buttons', async () => {
    const closed = sheet({
      round_open: false,
      task: taskRow({ status: '已提交' }),
      indicators: [sheetIndicator({ actual: '3000', completion_bp: 6000, possibility: '确定能' })],
    })
    const { pinia } = setup({}, closed)
    const { wrapper } = await mountWith(SheetView, { pinia, props: { taskId: 'k1' } })
    expect(wrapper.find('[data-testid=sheet-approve]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=sheet-save]').exists()).toBe(false)
    expect(inputOf(q('sheet-actual-0'))!.disabled).toBe(true)
    expect(wrapper.find('[data-testid=sheet-execution]').text()).toBe('73.17%')
  })
})
