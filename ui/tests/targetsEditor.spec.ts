import { afterEach, describe, expect, it } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import TargetEditor from '../src/views/targets/TargetEditor.vue'
import type { Target } from '../src/api/bindings/Target'
import type { TargetDraft } from '../src/api/bindings/TargetDraft'
import { useSessionStore } from '../src/stores/session'
import { freshPinia, mockBackend, mountWith, settle, typeInto } from './helpers'
import { STATUS } from './fixtures'
import { indicator, openOptions, pickOption, RULES, target } from './targetsFixtures'

function setup(t: Target = target({}), extra: Record<string, (a: Record<string, any>) => unknown> = {}) {
  const pinia = freshPinia()
  useSessionStore().applyStatus(STATUS, true)
  const calls = mockBackend({
    targets_get: () => t,
    rules_current: () => RULES,
    rules_versions: () => [RULES],
    targets_save: (a) => ({ ...t, overall_goal: a.draft.overall_goal }),
    targets_submit: () => ({ ...t, status: '一上' }),
    ...extra,
  })
  const cmds = () => calls.map((c) => c.cmd).filter((c) => c.startsWith('targets_') && c !== 'targets_get')
  return { pinia, calls, cmds }
}

// The editor listens on window (Ctrl+S): unmount each one so the next test has only its own.
const mounted: VueWrapper[] = []
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()))

async function open(t?: Target, extra?: Record<string, (a: Record<string, any>) => unknown>) {
  const s = setup(t, extra)
  const { wrapper } = await mountWith(TargetEditor, { pinia: s.pinia, props: { id: 't1' } })
  mounted.push(wrapper)
  return { ...s, wrapper }
}

const $ = (sel: string) => document.querySelector(sel)
const input = (testid: string) => $(`[data-testid=${testid}] input`)

describe('TargetEditor', () => {
  it('shows the project, its state and the live 量化率 against the floor', async () => {
    const { wrapper } = await open()
    const text = wrapper.text()
    expect(text).toContain('2025-JY-001 义务教育学校校舍维修改造')
    expect(text).toContain('1,286.50')
    expect(wrapper.find('[data-testid=target-status]').text()).toBe('编制')
    expect(wrapper.find('[data-testid=target-rate]').text()).toBe('50.00%')
    expect(wrapper.find('[data-testid=target-rate]').classes()).toContain('below')
    expect((input('target-name-0') as HTMLInputElement).value).toBe('维修改造学校数')
    expect((input('target-value-1') as HTMLInputElement).value).toBe('明显改善')
  })

  it('offers only the 二级 of the row\'s 一级, and follows a new 一级', async () => {
    await open()
    $('[data-testid=target-l2-0] .el-select__wrapper')!.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    await settle()
    expect(openOptions()).toEqual(['数量指标', '质量指标', '时效指标', '成本指标'])
    document.body.click()
    await pickOption($('[data-testid=target-l1-0]'), '效益指标')
    expect($('[data-testid=target-l2-0]')!.textContent).toContain('经济效益指标')
    $('[data-testid=target-l2-0] .el-select__wrapper')!.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    await settle()
    expect(openOptions()).toEqual(['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'])
  })

  it('flags words typed as the value of a ≥ indicator and does not save them', async () => {
    const { cmds } = await open()
    await typeInto(input('target-value-0'), '约五十')
    expect($('[data-testid=target-error-0]')!.textContent).toContain('指标值：『约五十』不是数字')
    expect($('[data-testid=target-value-0]')!.closest('td')!.classList).toContain('bad')
    expect($('[data-testid=target-error-1]')).toBeNull()
    ;($('[data-testid=target-save]') as HTMLElement).click()
    await settle()
    expect(cmds()).toEqual([])
  })

  it('saves the goal and rows as typed (values as text, 权重 in points)', async () => {
    const { calls, wrapper } = await open()
    await wrapper.find('[data-testid=target-goal] textarea').setValue('完成12所学校校舍维修改造，消除D级危房')
    await typeInto(input('target-value-0'), '15')
    await wrapper.find('[data-testid=target-save]').trigger('click')
    await settle()
    const save = calls.find((c) => c.cmd === 'targets_save')!
    expect(save.args.id).toBe('t1')
    const draft = save.args.draft as TargetDraft
    expect(draft.overall_goal).toBe('完成12所学校校舍维修改造，消除D级危房')
    expect(draft.indicators).toEqual([
      { id: 'i1', level1: '产出指标', level2: '数量指标', name: '维修改造学校数', nature: '≥', value: '15', unit: '所', weight: '20', library_id: null, is_core: false },
      { id: 'i2', level1: '效益指标', level2: '社会效益指标', name: '校舍安全状况', nature: '定性', value: '明显改善', unit: '', weight: '', library_id: null, is_core: false },
    ])
  })

  it('puts the server\'s problems on the row and cell they name', async () => {
    const { wrapper } = await open(undefined, {
      targets_save: () => {
        throw { code: 'Rejected', message: '共1处错误', problems: [{ row: 2, column: '计量单位', message: '请用规范单位' }] }
      },
    })
    await typeInto(input('target-name-1'), '校舍安全状况改善')
    await wrapper.find('[data-testid=target-save]').trigger('click')
    await settle()
    expect($('[data-testid=target-error-1]')!.textContent).toBe('计量单位：请用规范单位')
    expect($('[data-testid=target-unit-1]')!.closest('td')!.classList).toContain('bad')
    await typeInto(input('target-unit-1'), '项')
    expect($('[data-testid=target-error-1]')).toBeNull()
  })

  it('saves unsaved changes before submitting, then submits', async () => {
    const { cmds } = await open()
    await typeInto(input('target-name-0'), '维修改造学校数量')
    ;($('[data-testid=target-submit]') as HTMLElement).click()
    await settle()
    expect(cmds()).toEqual(['targets_save', 'targets_submit'])
    expect($('[data-testid=target-status]')!.textContent).toBe('一上')
    expect($('[data-testid=target-save]')).toBeNull()
  })

  it('submits without saving when nothing changed', async () => {
    const { cmds } = await open()
    ;($('[data-testid=target-submit]') as HTMLElement).click()
    await settle()
    expect(cmds()).toEqual(['targets_submit'])
  })

  it('adds a row under the same 一级/二级 on Enter in the last cell, and with 新增指标', async () => {
    const { wrapper } = await open()
    const last = input('target-weight-1') as HTMLInputElement
    last.focus()
    last.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }))
    await settle()
    expect($('[data-testid=target-row-2]')).not.toBeNull()
    expect($('[data-testid=target-l2-2]')!.textContent).toContain('社会效益指标')
    expect(document.activeElement).toBe(input('target-name-2'))
    await wrapper.find('[data-testid=target-add-row]').trigger('click')
    await settle()
    expect($('[data-testid=target-row-3]')).not.toBeNull()
  })

  it('saves on Ctrl+S', async () => {
    const { cmds } = await open()
    await typeInto(input('target-name-0'), '维修学校数')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true, cancelable: true }))
    await settle()
    expect(cmds()).toEqual(['targets_save'])
  })

  it('is read-only while the bureau reviews (一上)', async () => {
    await open(target({ status: '一上' }))
    expect($('[data-testid=target-save]')).toBeNull()
    expect($('[data-testid=target-add-row]')).toBeNull()
    expect(input('target-name-0')).toBeNull()
    expect($('[data-testid=target-name-0]')!.textContent).toBe('维修改造学校数')
  })

  it('adds picked 指标库 indicators with their levels, nature, unit and core mark', async () => {
    const lib = {
      id: 'lib1',
      category_id: 'c1',
      category_name: '教育',
      level1: '产出指标',
      level2: '质量指标',
      name: '工程验收合格率',
      explanation: '',
      unit: '%',
      nature: '≥',
      reference: '≥95%',
      is_core: true,
      project_kinds: '',
      source: '内置',
      updated_at: '',
    }
    const { calls, wrapper } = await open(undefined, {
      library_categories: () => [{ id: 'c1', name: '教育', sort: 1, indicator_count: 1, case_count: 0 }],
      library_list: () => ({ total: 1, rows: [lib] }),
    })
    await wrapper.find('[data-testid=target-from-library]').trigger('click')
    await settle()
    expect(calls.find((c) => c.cmd === 'library_list')!.args.query).toMatchObject({ category_id: null, page: 1 })
    ;($('[data-testid=library-table] .el-table__body tr') as HTMLElement).click()
    await settle()
    ;($('[data-testid=library-add]') as HTMLElement).click()
    await settle()
    expect((input('target-name-2') as HTMLInputElement).value).toBe('工程验收合格率')
    expect($('[data-testid=target-l2-2]')!.textContent).toContain('质量指标')
    expect($('[data-testid=target-row-2]')!.textContent).toContain('核心')
    expect((input('target-value-2') as HTMLInputElement).placeholder).toBe('参考：≥95%')
  })

  it('marks rows that have open review comments', async () => {
    await open(
      target({
        status: '一下',
        comments: [
          { id: 'c1', indicator_id: 'i1', indicator_name: '维修改造学校数', category: '适当性', text: '指标值偏低', resolved: false, created_by: '李四', created_at: '2025-03-02T09:00:00+08:00' },
        ],
        indicators: [indicator({})],
      }),
    )
    expect($('[data-testid=target-marker-0]')).not.toBeNull()
    expect($('[data-testid=target-comments]')!.textContent).toContain('指标值偏低')
    expect($('[data-testid=target-submit]')!.textContent).toContain('二上')
  })
})
