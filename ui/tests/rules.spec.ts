import { describe, expect, it } from 'vitest'
import RulesView from '../src/views/rules/RulesView.vue'
import type { RuleSetData, RuleSetVersionData } from '../src/api/rules'
import { freshPinia, mockBackend, mountWith, settle, typeInto } from './helpers'
import { DEFAULT_ASPECTS, EVALUATION_RULES } from './fixtures'

const RULES: RuleSetData = {
  grade_bands: { excellent_min_cp: 9000, good_min_cp: 8000, fair_min_cp: 6000 },
  self_eval_weights: { execution_cp: 1000, output_cp: 5000, benefit_cp: 3000, satisfaction_cp: 1000 },
  ex_ante: { threshold: 300_000_000, support_min_cp: 9000, revise_min_cp: 7000, aspects: DEFAULT_ASPECTS, policy_aspects: DEFAULT_ASPECTS, bond_aspects: DEFAULT_ASPECTS },
  quantification_floor_bp: 7000,
  warning: { yellow_lag_bp: 1500, red_lag_bp: 3000 },
  spot_check_share_bp: 1000,
  evaluation: EVALUATION_RULES,
}
const V1: RuleSetVersionData = { version: 1, rules: RULES, note: '初始化', created_by: '张三', created_at: '2025-03-02T09:15:00+08:00' }

function setup() {
  freshPinia()
  return mockBackend({
    rules_current: () => V1,
    rules_versions: () => [V1],
    rules_save: (a) => ({ ...V1, version: 2, rules: a.rules, note: a.note }),
  })
}

/** The text input of the form item whose label starts with `label`. */
function field(label: string): HTMLInputElement {
  const item = [...document.body.querySelectorAll('.el-form-item')].find((i) =>
    i.querySelector('.el-form-item__label')?.textContent?.trim().startsWith(label),
  )
  return item!.querySelector('input')!
}

describe('RulesView', () => {
  it('shows the current version and the rules in 分 / % / 万元', async () => {
    setup()
    const { wrapper } = await mountWith(RulesView)
    expect(wrapper.find('[data-testid=rules-version]').text()).toBe('当前版本：第 1 版')
    expect(field('优').value).toBe('90')
    expect(field('需评估的新增项目金额').value).toBe('300')
    expect(field('目标量化率下限').value).toBe('70')
    expect(wrapper.find('[data-testid=weight-sum]').text()).toContain('合计 100.00 分')
    expect(wrapper.text()).toContain('初始化')
  })

  it('turns the weight total red when it is not 100', async () => {
    setup()
    const { wrapper } = await mountWith(RulesView)
    await typeInto(field('产出'), '49.5')
    const sum = wrapper.find('[data-testid=weight-sum]')
    expect(sum.text()).toContain('合计 99.50 分')
    expect(sum.classes()).toContain('bad')
  })

  it('saves typed values as integer centi-points, basis points and 分', async () => {
    const calls = setup()
    await mountWith(RulesView)
    await typeInto(field('优'), '89.5')
    await typeInto(field('产出'), '49.5')
    await typeInto(field('效益'), '30.5')
    await typeInto(field('需评估的新增项目金额'), '500.5')
    await typeInto(field('抽查复核比例'), '12.5')
    await typeInto(document.body.querySelector('[data-testid=rules-note] ') as HTMLInputElement, '按新文件调整')
    ;(document.body.querySelector('[data-testid=rules-save]') as HTMLButtonElement).click()
    await settle(150)
    const save = calls.find((c) => c.cmd === 'rules_save')!
    expect(save.args).toEqual({
      note: '按新文件调整',
      rules: {
        ...RULES,
        grade_bands: { ...RULES.grade_bands, excellent_min_cp: 8950 },
        self_eval_weights: { ...RULES.self_eval_weights, output_cp: 4950, benefit_cp: 3050 },
        ex_ante: { ...RULES.ex_ante, threshold: 500_500_000 },
        spot_check_share_bp: 1250,
      },
    })
  })

  it('does not save when the weights do not add up to 100', async () => {
    const calls = setup()
    await mountWith(RulesView)
    await typeInto(field('产出'), '40')
    await typeInto(document.body.querySelector('[data-testid=rules-note]') as HTMLInputElement, '试试')
    ;(document.body.querySelector('[data-testid=rules-save]') as HTMLButtonElement).click()
    await settle(150)
    expect(calls.some((c) => c.cmd === 'rules_save')).toBe(false)
  })
})

describe('RulesView 事前评估评分表', () => {
  const input = (id: string) => document.body.querySelector(`[data-testid=${id}]`) as HTMLInputElement
  const button = (id: string) => document.body.querySelector(`[data-testid=${id}]`) as HTMLButtonElement

  it('lists the five aspects with their sub-items and a total of 100', async () => {
    setup()
    const { wrapper } = await mountWith(RulesView)
    expect(input('rules-aspect-name-0').value).toBe('立项必要性')
    expect(input('rules-aspect-name-4').value).toBe('筹资合规性')
    expect(input('rules-item-name-0-0').value).toBe('政策相符性')
    expect(input('rules-item-points-2-3').value).toBe('5')
    const sum = wrapper.find('[data-testid=rules-sheet-sum]')
    expect(sum.text()).toContain('合计 100.00 分')
    expect(sum.classes()).not.toContain('bad')
  })

  it('turns the sheet total red and refuses to save when it is not 100', async () => {
    const calls = setup()
    const { wrapper } = await mountWith(RulesView)
    await typeInto(input('rules-item-points-0-0'), '4.5')
    const sum = wrapper.find('[data-testid=rules-sheet-sum]')
    expect(sum.text()).toContain('合计 99.50 分')
    expect(sum.classes()).toContain('bad')
    await typeInto(input('rules-note'), '改评分表')
    button('rules-save').click()
    await settle(150)
    expect(calls.some((c) => c.cmd === 'rules_save')).toBe(false)
  })

  it('adds and removes sub-items and saves the sheet in centi-points', async () => {
    const calls = setup()
    await mountWith(RulesView)
    // 立项必要性: 政策相符性 5 → 2.5, plus a new 2.5-point item; 不可替代性 removed and its 5
    // points given to 需求紧迫性 (10).
    await typeInto(input('rules-item-points-0-0'), '2.5')
    button('rules-item-add-0').click()
    await settle()
    await typeInto(input('rules-item-name-0-4'), '前期工作基础')
    await typeInto(input('rules-item-points-0-4'), '2.5')
    button('rules-item-remove-0-3').click()
    await settle()
    await typeInto(input('rules-item-points-0-1'), '10')
    await typeInto(input('rules-note'), '调整立项必要性评分项')
    button('rules-save').click()
    await settle(150)
    const save = calls.find((c) => c.cmd === 'rules_save')!
    const sheet = (save.args.rules as RuleSetData).ex_ante.aspects
    expect(sheet[0]).toEqual({
      name: '立项必要性',
      items: [
        { name: '政策相符性', max_cp: 250 },
        { name: '需求紧迫性', max_cp: 1000 },
        { name: '职能相关性', max_cp: 500 },
        { name: '前期工作基础', max_cp: 250 },
      ],
    })
    expect(sheet.slice(1)).toEqual(DEFAULT_ASPECTS.slice(1))
  })
})
