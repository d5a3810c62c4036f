import { afterEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import TargetEditor from '../src/views/targets/TargetEditor.vue'
import RiskList from '../src/views/review/RiskList.vue'
import type { Finding } from '../src/api/bindings/Finding'
import type { Risk } from '../src/api/bindings/Risk'
import type { Suggestion } from '../src/api/bindings/Suggestion'
import type { Target } from '../src/api/bindings/Target'
import { useSessionStore } from '../src/stores/session'
import { freshPinia, mockBackend, mountWith, settle, typeInto } from './helpers'
import { ME, STATUS } from './fixtures'
import { RULES, target } from './targetsFixtures'

const mounted: VueWrapper[] = []
afterEach(() => {
  mounted.splice(0).forEach((w) => w.unmount())
  document.body.innerHTML = ''
})

const $ = (sel: string) => document.querySelector(sel)
const $$ = (sel: string) => [...document.querySelectorAll(sel)]
const click = async (testid: string) => {
  ;($(`[data-testid=${testid}]`) as HTMLElement).click()
  await settle()
}

const NO_COST: Finding = {
  target_id: 't1',
  project_code: '2025-JY-001',
  project_name: '义务教育学校校舍维修改造',
  unit_code: '201001',
  rule: '缺少成本指标',
  severity: '必改',
  row: null,
  indicator_id: null,
  message: '没有成本指标，请补充单位成本或总成本控制指标',
  category: '完整性',
}
const VAGUE: Finding = {
  ...NO_COST,
  rule: '含模糊用语',
  severity: '提示',
  row: 2,
  indicator_id: 'i2',
  message: '第2行『办学条件』含模糊用语「明显」',
  category: '适当性',
}

async function openEditor(t: Target, extra: Record<string, (a: Record<string, any>) => unknown> = {}) {
  const pinia = freshPinia()
  useSessionStore().applyStatus(STATUS, true)
  useSessionStore().me = ME
  const calls = mockBackend({
    targets_get: () => t,
    rules_current: () => RULES,
    rules_versions: () => [RULES],
    targets_changes: () => [],
    targets_return: () => ({ ...t, status: '一下' }),
    review_target: () => [NO_COST, VAGUE],
    ...extra,
  })
  const { wrapper } = await mountWith(TargetEditor, { pinia, props: { id: t.id } })
  mounted.push(wrapper)
  const sent = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args)
  return { wrapper, sent }
}

describe('智能审核 findings in the target editor', () => {
  it('lists the findings per row with their severity and turns one into a review comment', async () => {
    const { sent } = await openEditor(target({ status: '一上' }))
    expect($('[data-testid=findings-summary]')!.textContent).toBe('2 条（必改 1，警告 0，提示 1）')
    const rows = $$('[data-testid=findings-table] .el-table__body tr').map((r) => r.textContent)
    expect(rows[0]).toContain('总体')
    expect(rows[0]).toContain('必改')
    expect(rows[1]).toContain('第2行')
    await click('finding-to-comment-0')
    await click('finding-to-comment-1')
    expect($('[data-testid=finding-to-comment-0]')!.textContent).toContain('已加入意见')
    await click('review-return')
    expect(sent('targets_return')).toEqual([
      {
        id: 't1',
        comments: [
          { indicator_id: null, category: '完整性', text: '【缺少成本指标】没有成本指标，请补充单位成本或总成本控制指标' },
          { indicator_id: 'i2', category: '适当性', text: '【含模糊用语】第2行『办学条件』含模糊用语「明显」' },
        ],
      },
    ])
  })

  it('offers no comment button to the unit while it edits', async () => {
    await openEditor(target({ status: '编制' }))
    expect($('[data-testid=findings-table]')).not.toBeNull()
    expect($('[data-testid=finding-to-comment-0]')).toBeNull()
  })

  it('adds a recommended indicator with last year\'s value and its library link', async () => {
    const s: Suggestion = {
      name: '受助学生人数',
      level1: '产出指标',
      level2: '数量指标',
      nature: '≥',
      unit: '人',
      source: '上年目标、指标库',
      uses: 7,
      last_value: '2600',
      library_id: 'lib-9',
      reference: '',
      score: 0,
    }
    const { sent } = await openEditor(target({ status: '编制' }), {
      review_suggest: () => [s],
      targets_save: (a) => ({ ...target({}), overall_goal: a.draft.overall_goal }),
    })
    await click('target-suggest')
    expect(sent('review_suggest')).toEqual([{ project: 'p1', year: 2025 }])
    const check = $('[data-testid=suggest-table] .el-table__body .el-checkbox') as HTMLElement
    check.click()
    await settle()
    await click('suggest-confirm')
    const names = $$('[data-testid^=target-name-] input').map((i) => (i as HTMLInputElement).value)
    expect(names).toContain('受助学生人数')
    await click('target-save')
    const draft = sent('targets_save')[0]!.draft as { indicators: { name: string; value: string; library_id: string | null }[] }
    const row = draft.indicators.find((i) => i.name === '受助学生人数')
    expect(row).toMatchObject({ value: '2600', library_id: 'lib-9' })
  })
})

const RISKS: Risk[] = [
  {
    key: '支付成果错配|monitor_task|k1',
    rule: '支付成果错配',
    severity: '警告',
    object_kind: 'monitor_task',
    object_id: 'k1',
    object_code: '2025-NY-003',
    object_name: '高标准农田建设',
    unit_id: 'u1',
    unit_code: '301',
    unit_name: '县农业农村局',
    message: '1–9月执行率 95.00%、完成率 31.00%：资金已基本支付，但绩效目标完成率偏低',
    figures: { 监控期间: '1–9月', 执行率: '95.00%', 完成率: '31.00%' },
  },
  {
    key: '整改逾期未销号|rectification|r1',
    rule: '整改逾期未销号',
    severity: '警告',
    object_kind: 'rectification',
    object_id: 'r1',
    object_code: '401',
    object_name: '资产管理不规范',
    unit_id: 'u2',
    unit_code: '401',
    unit_name: '县教育局',
    message: '整改事项完成时限 2025-06-30 已过 154 天，当前为『下达』，尚未销号',
    figures: { 完成时限: '2025-06-30', 逾期天数: '154' },
  },
]

async function openRisks(extra: Record<string, (a: Record<string, any>) => unknown> = {}) {
  const pinia = freshPinia()
  useSessionStore().applyStatus(STATUS, true)
  useSessionStore().me = ME
  let list = RISKS
  const calls = mockBackend({
    review_risks: () => list,
    review_risk_decisions: () => [],
    review_risk_dismiss: (a) => {
      list = list.filter((r) => r.key !== a.key)
      return null
    },
    ...extra,
  })
  const { wrapper, router } = await mountWith(RiskList, { pinia })
  mounted.push(wrapper)
  const sent = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args)
  return { wrapper, sent, router }
}

describe('疑点清单', () => {
  it('shows each 疑点 with the figures that triggered it and opens its object', async () => {
    const { sent, router } = await openRisks()
    expect(sent('review_risks')[0]).toEqual({ year: useSessionStore().year })
    const figures = $('[data-testid=risk-figures-0]')!.textContent
    expect(figures).toContain('执行率：95.00%')
    expect(figures).toContain('完成率：31.00%')
    await click('risk-open-0')
    // The route's screen is lazily loaded: wait for the navigation to finish.
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/monitoring/sheet/k1'), { timeout: 5000 })
  })

  it('dismisses a 疑点 with a reason and reloads the list', async () => {
    const { sent } = await openRisks()
    await click('risk-dismiss-1')
    const box = await (async () => {
      for (let i = 0; i < 20; i++) {
        const el = $('.el-message-box')
        if (el) return el
        await settle(10)
      }
      throw new Error('no prompt')
    })()
    await typeInto(box.querySelector('input'), '已批准顺延至年底')
    ;(box.querySelector('.el-message-box__btns .el-button--primary') as HTMLButtonElement).click()
    await settle(50)
    expect(sent('review_risk_dismiss')).toEqual([
      { year: useSessionStore().year, key: '整改逾期未销号|rectification|r1', reason: '已批准顺延至年底' },
    ])
    expect($$('[data-testid=risk-table] .el-table__body tr')).toHaveLength(1)
  })
})

describe('规则设置 › 智能审核规则', () => {
  it('switches a rule off, sets its severity and a parameter in %, and saves them with the rule set', async () => {
    const { default: RulesView } = await import('../src/views/rules/RulesView.vue')
    freshPinia()
    const review = {
      rules: [
        { code: '缺少成本指标', enabled: true, severity: '必改', param: null, param2: null },
        { code: '低于上年指标值', enabled: true, severity: '警告', param: 2000, param2: null },
      ],
      vague_words: ['较好', '明显'],
    }
    const v1 = { ...RULES, rules: { ...RULES.rules, review } }
    const calls = mockBackend({
      rules_current: () => v1,
      rules_versions: () => [v1],
      rules_save: (a) => ({ ...v1, version: 2, rules: a.rules, note: a.note }),
      review_rule_catalog: () => [
        { code: '缺少成本指标', pack: '目标审核', group: '核心指标缺失', description: '没有成本指标', param_label: null, param_unit: null, param2_label: null, param2_unit: null },
        { code: '低于上年指标值', pack: '目标审核', group: '指标值偏低', description: '低于上年', param_label: '低于上年的比例', param_unit: 'bp', param2_label: null, param2_unit: null },
      ],
    })
    const { wrapper } = await mountWith(RulesView)
    mounted.push(wrapper)
    expect($('[data-testid=review-rules]')!.textContent).toContain('低于上年的比例')
    ;($('[data-testid="review-rule-enabled-缺少成本指标"]') as HTMLElement).click()
    await settle()
    const el = $('[data-testid="review-rule-param-低于上年指标值"]')!
    const param = (el instanceof HTMLInputElement ? el : el.querySelector('input')) as HTMLInputElement
    expect(param.value).toBe('20.00')
    await typeInto(param, '25')
    param.dispatchEvent(new Event('change', { bubbles: true }))
    param.dispatchEvent(new Event('blur', { bubbles: true }))
    const wordsEl = $('[data-testid="review-vague-words"]')!
    const words = (wordsEl instanceof HTMLTextAreaElement ? wordsEl : wordsEl.querySelector('textarea')) as HTMLTextAreaElement
    words.value = '较好、明显、逐步'
    words.dispatchEvent(new Event('input', { bubbles: true }))
    await settle()
    await typeInto($('[data-testid=rules-note]'), '调整审核规则')
    await click('rules-save')
    await settle(50)
    const saved = calls.find((c) => c.cmd === 'rules_save')!.args.rules as { review: typeof review }
    expect(saved.review.rules).toEqual([
      { code: '缺少成本指标', enabled: false, severity: '必改', param: null, param2: null },
      { code: '低于上年指标值', enabled: true, severity: '警告', param: 2500, param2: null },
    ])
    expect(saved.review.vague_words).toEqual(['较好', '明显', '逐步'])
  })
})
