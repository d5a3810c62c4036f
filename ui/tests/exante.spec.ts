import { describe, expect, it } from 'vitest'
import dayjs from 'dayjs'
import ExAnteView from '../src/views/exante/ExAnteView.vue'
import SheetDrawer from '../src/views/exante/SheetDrawer.vue'
import ProjectsView from '../src/views/projects/ProjectsView.vue'
import ProjectForm from '../src/views/projects/ProjectForm.vue'
import type { ExAnteInput } from '../src/api/bindings/ExAnteInput'
import type { ExAntePage } from '../src/api/bindings/ExAntePage'
import type { ExAnteQuery } from '../src/api/bindings/ExAnteQuery'
import type { ExAnteRules } from '../src/api/bindings/ExAnteRules'
import type { ExAnteSheet } from '../src/api/bindings/ExAnteSheet'
import type { ExAnteStats } from '../src/api/bindings/ExAnteStats'
import type { OrgUnit } from '../src/api/bindings/OrgUnit'
import { useSessionStore } from '../src/stores/session'
import { useExAnteStore } from '../src/stores/exante'
import {
  buildForm,
  conclusionOf,
  parseScore,
  reductionOf,
  sameSheet,
  scoresOf,
  subtotalCp,
  totalCp,
} from '../src/views/exante/sheet'
import { freshPinia, mockBackend, mountWith, settle, typeInto } from './helpers'
import { DEFAULT_ASPECTS, ME, project, STATUS, UNITS } from './fixtures'

const $ = (sel: string) => document.body.querySelector(sel)
const $$ = (sel: string) => [...document.body.querySelectorAll(sel)]

const RULES: ExAnteRules = { threshold: 300_000_000, support_min_cp: 9000, revise_min_cp: 7000, aspects: DEFAULT_ASPECTS, policy_aspects: DEFAULT_ASPECTS, bond_aspects: DEFAULT_ASPECTS }
const FIRM: OrgUnit = { id: 'u-firm', code: '801', name: '华信正和会计师事务所', parent_id: null, kind: '第三方机构', contact: '', phone: '', project_count: 0 }

const P = project({ id: 'p1', code: '2025-JY-001', adjusted_budget: 500_000_000 })

function blankSheet(): ExAnteSheet {
  return {
    project: P,
    required_by: '达到金额标准',
    designation_reason: null,
    rule_version: 1,
    aspects: RULES.aspects.map((a) => ({
      name: a.name,
      max_cp: 2000,
      subtotal_cp: 0,
      items: a.items.map((i) => ({ name: i.name, max_cp: i.max_cp, score_cp: null })),
    })),
    assessment: null,
    current_rule_version: 1,
    current_rules: RULES,
  }
}

const PAGE: ExAntePage = {
  total: 2,
  counts: { required: 18, assessed: 16, missing: 2, other_assessed: 1 },
  threshold: 300_000_000,
  rows: [
    {
      project_id: 'p1',
      code: '2025-JY-001',
      name: '义务教育学校校舍维修改造',
      unit_id: 'u-school',
      unit_name: '县第一中学',
      new_or_continuing: '新增',
      adjusted_budget: 500_000_000,
      reason: '达到金额标准',
      designated: false,
      designation_reason: '',
      assessment: null,
    },
    {
      project_id: 'p2',
      code: '2025-JY-002',
      name: '学生营养改善计划',
      unit_id: 'u-school',
      unit_name: '县第一中学',
      new_or_continuing: '延续',
      adjusted_budget: 120_000_000,
      reason: '财政指定',
      designated: true,
      designation_reason: '政策到期需重新论证',
      assessment: {
        total_cp: 6550,
        conclusion: '不予支持',
        assessor_type: '财政',
        declared_fen: 120_000_000,
        approved_fen: 0,
        assessed_on: '2024-10-20',
      },
    },
  ],
}
const STATS: ExAnteStats = {
  assessed: 17,
  support: 10,
  support_after_revision: 6,
  not_support: 1,
  declared_fen: 13_300_000_000,
  approved_fen: 11_398_100_000,
  reduction_rate_bp: 1430,
  policies: { count: 0, amount_fen: 0, assessed: 0, support: 0, support_after_revision: 0, not_support: 0, declared_fen: 0, approved_fen: 0, reduction_rate_bp: 0 },
  bonds: { count: 0, amount_fen: 0, assessed: 0, support: 0, support_after_revision: 0, not_support: 0, declared_fen: 0, approved_fen: 0, reduction_rate_bp: 0 },
}

function setup(handlers: Record<string, (a: Record<string, any>) => unknown> = {}) {
  const pinia = freshPinia()
  useSessionStore().applyStatus(STATUS, true)
  useSessionStore().me = ME
  const calls = mockBackend({
    org_units: () => [...UNITS, FIRM],
    exante_required: () => PAGE,
    exante_stats: () => STATS,
    exante_get: () => blankSheet(),
    exante_save: (a) => ({ total_cp: 9250, conclusion: '予以支持', ...a.input }),
    ...handlers,
  })
  const sent = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args)
  return { pinia, calls, sent }
}

describe('score sheet arithmetic', () => {
  it('parses typed scores to centi-points and refuses more than the item is worth', () => {
    expect(parseScore('4.5', 500)).toEqual({ cp: 450 })
    expect(parseScore(' 5 ', 500)).toEqual({ cp: 500 })
    expect(parseScore('5.01', 500)).toEqual({ error: '不能超过 5 分' })
    expect(parseScore('四', 500)).toEqual({ error: '请填写数字，最多两位小数' })
    expect(parseScore('', 500)).toEqual({ error: '请填写得分' })
  })

  it('maps totals to conclusions with half-open bands at 90 and 70', () => {
    expect(conclusionOf(9000, RULES)).toBe('予以支持')
    expect(conclusionOf(8999, RULES)).toBe('调整完善后予以支持')
    expect(conclusionOf(7000, RULES)).toBe('调整完善后予以支持')
    expect(conclusionOf(6999, RULES)).toBe('不予支持')
  })

  it('computes 审减额 and 审减率 exactly: 500 → 430 万元 is 70 万元 = 14.00%', () => {
    expect(reductionOf('500', '430')).toEqual({ fen: 70_000_000, bp: 1400 })
    // 1/3 = 33.333…% → 3333 bp; 2/3 → 6667 (half up).
    expect(reductionOf('0.000003', '0.000002')).toEqual({ fen: 1, bp: 3333 })
    expect(reductionOf('0.000003', '0.000001')).toEqual({ fen: 2, bp: 6667 })
    expect(reductionOf('0', '0')).toEqual({ fen: 0, bp: 0 })
    expect(reductionOf('五百', '430')).toBeNull()
  })

  it('prefills stored scores by name and totals only a complete sheet', () => {
    const stored = blankSheet().aspects
    stored[0]!.items[1]!.score_cp = 450
    const form = buildForm(RULES, stored)
    expect(form[0]!.items[1]!.text).toBe('4.5')
    expect(form[0]!.max_cp).toBe(2000)
    expect(subtotalCp(form[0]!)).toBe(450)
    expect(totalCp(form)).toBeNull()
    expect(scoresOf(form)).toBeNull()
    for (const a of form) for (const i of a.items) i.text = '4.5'
    expect(totalCp(form)).toBe(9000)
    expect(scoresOf(form)![0]).toEqual({ aspect: '立项必要性', item: '政策相符性', score_cp: 450 })
    expect(sameSheet(RULES, stored)).toBe(true)
    stored[4]!.items[3]!.name = '旧评分项'
    expect(sameSheet(RULES, stored)).toBe(false)
  })
})

describe('ExAnteView', () => {
  it('asks for page 1 of the header year and shows the figures and rows with their status', async () => {
    const { pinia, sent } = setup()
    const { wrapper } = await mountWith(ExAnteView, { pinia })
    await settle()
    expect(sent('exante_required')[0]!.query).toEqual({
      year: 2025,
      status: null,
      conclusion: null,
      budget_type: null,
      unit_id: null,
      search: null,
      page: 1,
      page_size: 20,
    } satisfies ExAnteQuery)
    expect(sent('exante_stats')[0]).toEqual({ year: 2025 })
    const stat = (k: string) => wrapper.find(`[data-testid=exante-stat-${k}]`).text()
    expect(stat('required')).toContain('18')
    expect(stat('required')).toContain('300万元')
    expect(stat('missing')).toContain('2')
    expect(stat('support')).toContain('10')
    expect(stat('revise')).toContain('6')
    expect(stat('not-support')).toContain('1')
    expect(stat('rate')).toContain('14.30%')
    const row1 = $('[data-testid="exante-row-2025-JY-001"]')!
    expect(row1.tagName).toBe('TR')
    expect(row1.textContent).toContain('未评估')
    expect(row1.querySelector('.el-tag--warning')).not.toBeNull()
    const row2 = $('[data-testid="exante-row-2025-JY-002"]')!
    expect(row2.textContent).toContain('不予支持')
    expect(row2.textContent).toContain('65.50')
    expect(row2.textContent).toContain('取消指定')
    expect(row2.querySelector('.el-tag--danger')).not.toBeNull()
    expect($('[data-testid="exante-assess-2025-JY-001"]')!.textContent).toContain('评估')
    expect($('[data-testid="exante-assess-2025-JY-002"]')!.textContent).toContain('查看')
  })

  it('sends the status filter and the search text and goes back to page 1', async () => {
    const { pinia, sent } = setup()
    const { wrapper } = await mountWith(ExAnteView, { pinia })
    const store = useExAnteStore()
    store.page = 3
    store.filters.status = '未评估'
    await settle()
    const q = () => {
      const all = sent('exante_required')
      return all[all.length - 1]!.query as ExAnteQuery
    }
    expect(q()).toMatchObject({ status: '未评估', page: 1 })
    await typeInto(wrapper.find('[data-testid=exante-search] input').element, ' 校舍 ')
    await settle(350)
    expect(q()).toMatchObject({ status: '未评估', search: '校舍', page: 1 })
  })

  it('opens the score sheet of the clicked row', async () => {
    const { pinia, sent } = setup()
    await mountWith(ExAnteView, { pinia })
    ;($('[data-testid="exante-assess-2025-JY-001"]') as HTMLButtonElement).click()
    await settle()
    expect(sent('exante_get')).toEqual([{ projectId: 'p1' }])
    expect($('[data-testid=exante-score-4-3] input')).toBeInstanceOf(HTMLInputElement)
  })
})

async function openSheet(handlers: Record<string, (a: Record<string, any>) => unknown> = {}) {
  const ctx = setup(handlers)
  const { wrapper } = await mountWith(SheetDrawer, { pinia: ctx.pinia, props: { modelValue: true, projectId: 'p1' } })
  await settle()
  return { ...ctx, wrapper }
}

async function fillScores(text: (a: number, i: number) => string) {
  for (let a = 0; a < 5; a++) for (let i = 0; i < 4; i++) await typeInto($(`[data-testid=exante-score-${a}-${i}] input`), text(a, i))
}

describe('SheetDrawer', () => {
  it('has the E2E test ids', async () => {
    await openSheet()
    for (const id of ['exante-score-0-0', 'exante-score-4-3', 'exante-declared', 'exante-approved']) {
      expect($(`[data-testid=${id}] input`), id).toBeInstanceOf(HTMLInputElement)
    }
    expect($('[data-testid=exante-opinion] textarea')).toBeInstanceOf(HTMLTextAreaElement)
    expect($('[data-testid=exante-save]')!.tagName).toBe('BUTTON')
    expect($('[data-testid=exante-total]')).not.toBeNull()
    expect($('[data-testid=exante-conclusion]')).not.toBeNull()
  })

  it('shows the live total, subtotals and the conclusion they imply', async () => {
    await openSheet()
    expect($('[data-testid=exante-conclusion]')!.textContent).toBe('—')
    // 19 items at 4.5 and the last at 5: 90.00 → 予以支持.
    await fillScores((a, i) => (a === 4 && i === 3 ? '5' : '4.5'))
    expect($('[data-testid=exante-total]')!.textContent).toBe('90.50')
    expect($('[data-testid=exante-conclusion]')!.textContent).toBe('予以支持')
    expect($('[data-testid=exante-aspect-4]')!.textContent).toContain('小计 18.50')
    await typeInto($('[data-testid=exante-score-0-0] input'), '3.5')
    expect($('[data-testid=exante-total]')!.textContent).toBe('89.50')
    expect($('[data-testid=exante-conclusion]')!.textContent).toBe('调整完善后予以支持')
  })

  it('shows 审减额 and 审减率 as the amounts are typed', async () => {
    await openSheet()
    expect(($('[data-testid=exante-declared] input') as HTMLInputElement).value).toBe('500.00')
    await typeInto($('[data-testid=exante-approved] input'), '430')
    expect($('[data-testid=exante-reduction]')!.textContent!.replace(/\s+/g, '')).toBe('审减额70.00万元，审减率14.00%')
  })

  it('moves to the next score on Enter', async () => {
    await openSheet()
    const first = $('[data-testid=exante-score-0-0] input') as HTMLInputElement
    first.focus()
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    expect(document.activeElement).toBe($('[data-testid=exante-score-0-1] input'))
    const last = $('[data-testid=exante-score-0-3] input') as HTMLInputElement
    last.focus()
    last.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    expect(document.activeElement).toBe($('[data-testid=exante-score-1-0] input'))
  })

  it('saves integer centi-points and the typed 万元 text', async () => {
    const { sent, wrapper } = await openSheet()
    await fillScores((a, i) => (a === 0 && i === 0 ? '2.25' : '4.5'))
    await typeInto($('[data-testid=exante-approved] input'), '430.5')
    const opinion = $('[data-testid=exante-opinion] textarea') as HTMLTextAreaElement
    opinion.value = ' 建议核减设备购置费 '
    opinion.dispatchEvent(new Event('input', { bubbles: true }))
    await settle()
    ;($('[data-testid=exante-save]') as HTMLButtonElement).click()
    await settle()
    const input = sent('exante_save')[0]!.input as ExAnteInput
    expect(sent('exante_save')[0]!.projectId).toBe('p1')
    expect(input.scores).toHaveLength(20)
    expect(input.scores[0]).toEqual({ aspect: '立项必要性', item: '政策相符性', score_cp: 225 })
    expect(input.scores[19]).toEqual({ aspect: '筹资合规性', item: '配套资金落实', score_cp: 450 })
    expect(input).toMatchObject({
      assessor_type: '财政',
      assessor_org_id: null,
      assessor_name: '张三',
      declared_wan: '500.00',
      approved_wan: '430.5',
      opinion: '建议核减设备购置费',
      assessed_on: dayjs().format('YYYY-MM-DD'),
    })
    expect(wrapper.emitted('saved')).toHaveLength(1)
  })

  it('does not save with a score above the item maximum, and says why next to it', async () => {
    const { sent } = await openSheet()
    await fillScores(() => '4')
    await typeInto($('[data-testid=exante-score-1-2] input'), '5.5')
    ;($('[data-testid=exante-save]') as HTMLButtonElement).click()
    await settle(150)
    expect(sent('exante_save')).toHaveLength(0)
    const item = $('[data-testid=exante-score-1-2]')!.closest('.el-form-item')!
    expect(item.textContent).toContain('不能超过 5 分')
  })

  it('puts a refusal from core under the item it names', async () => {
    const { sent } = await openSheet({
      exante_save: () => {
        throw {
          code: 'Invalid',
          message: '『投入经济性 › 投入产出比』得分 5.50 超过该项分值 5.00',
          problems: [{ row: 0, column: '投入经济性 › 投入产出比', message: '得分 5.50 超过该项分值 5.00' }],
        }
      },
    })
    await fillScores(() => '4')
    ;($('[data-testid=exante-save]') as HTMLButtonElement).click()
    await settle(150)
    expect(sent('exante_save')).toHaveLength(1)
    const item = $('[data-testid=exante-score-1-1]')!.closest('.el-form-item')!
    expect(item.textContent).toContain('得分 5.50 超过该项分值 5.00')
  })

  it('asks for the firm when the assessor is a 第三方机构 and sends it', async () => {
    const { sent } = await openSheet()
    await fillScores(() => '4')
    const third = $$('[data-testid=exante-assessor-type] input').find((i) => (i as HTMLInputElement).value === '第三方机构')
    ;(third as HTMLInputElement).click()
    await settle()
    ;($('[data-testid=exante-save]') as HTMLButtonElement).click()
    await settle(150)
    expect(sent('exante_save')).toHaveLength(0)
    expect(document.body.textContent).toContain('请选择第三方机构')
  })
})

describe('ProjectsView and 事前评估', () => {
  it('marks a project whose assessment concluded 不予支持 with a red tag', async () => {
    const pinia = freshPinia()
    useSessionStore().applyStatus(STATUS, true)
    mockBackend({
      org_units: () => UNITS,
      projects_list: () => ({
        total: 2,
        total_adjusted: 0,
        rows: [project({ exante_conclusion: '不予支持' }), project({ id: 'p2', code: 'X2', exante_conclusion: '予以支持' })],
      }),
    })
    await mountWith(ProjectsView, { pinia })
    const tags = $$('[data-testid=project-exante-blocked]')
    expect(tags).toHaveLength(1)
    expect(tags[0]!.textContent!.trim()).toBe('事前评估不予支持')
    // (In tests the tag's transition is a stub that carries the attributes.)
    expect(tags[0]!.matches('.el-tag--danger') || tags[0]!.querySelector('.el-tag--danger') !== null).toBe(true)
  })

  it('shows the 事前评估 conclusion at the top of the project form', async () => {
    const pinia = freshPinia()
    useSessionStore().applyStatus(STATUS, true)
    mockBackend({ org_units: () => UNITS })
    await mountWith(ProjectForm, { pinia, props: { modelValue: true, project: project({ exante_conclusion: '不予支持' }) } })
    const note = $('[data-testid=project-exante-conclusion]')!
    expect(note.textContent).toContain('事前绩效评估结论：不予支持')
    expect(note.matches('.el-alert--error') || note.querySelector('.el-alert--error') !== null).toBe(true)
  })
})
