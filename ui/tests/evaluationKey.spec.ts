import { afterEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import KeyList from '../src/views/evaluation/KeyList.vue'
import KeyEditor from '../src/views/evaluation/KeyEditor.vue'
import Agencies from '../src/views/evaluation/Agencies.vue'
import type { AgencyRow } from '../src/api/bindings/AgencyRow'
import type { EngagementView } from '../src/api/bindings/EngagementView'
import type { KeyEval } from '../src/api/bindings/KeyEval'
import type { KeyEvalPage } from '../src/api/bindings/KeyEvalPage'
import type { KeyItem } from '../src/api/bindings/KeyItem'
import type { KeyStats } from '../src/api/bindings/KeyStats'
import { useSessionStore } from '../src/stores/session'
import { deductionScoreCp, gradeOf, groups, rowsOf, totals } from '../src/views/evaluation/keySheet'
import { freshPinia, mockBackend, mountWith, settle, typeInto } from './helpers'
import { STATUS, UNITS } from './fixtures'
import { pickOption, RULES } from './targetsFixtures'

// 出具反馈意见函 opens the document editor route; pdf.js never runs under happy-dom.
vi.mock('../src/views/results/pdfPages', () => ({
  openPdf: async () => ({ pages: 1, render: async () => undefined, destroy: async () => undefined }),
}))

const $ = (sel: string) => document.body.querySelector(sel)
const text = (sel: string) => $(sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? ''
/** The text box with this test id (Element Plus puts the id on the <input> itself). */
const field = (id: string) => $(`input[data-testid="${id}"]`)
const mounted: VueWrapper[] = []
afterEach(() => {
  while (mounted.length) mounted.pop()!.unmount()
})

function item(seq: number, level1: string, level3: string, weight: number, score: number | null, over: Partial<KeyItem> = {}): KeyItem {
  return {
    id: `i${seq}`,
    seq,
    level1,
    level2: `${level1}二级`,
    level3,
    weight_cp: weight,
    standard: '',
    rule: '评分',
    threshold: null,
    deduct_cp: null,
    actual: null,
    score_cp: score,
    note: '',
    ...over,
  }
}

/** A 部门整体 evaluation in 实施: 投入 25 (one 扣分 row at 103.5% → 3.25 of 5), 过程 25, 产出 25, 效果 25. */
function detail(over: Partial<KeyEval> = {}): KeyEval {
  const items = [
    item(1, '投入', '绩效目标合理性', 2000, 1800),
    item(2, '投入', '在职人员控制率', 500, 325, { rule: '扣分', threshold: '100', deduct_cp: 50, actual: '103.5' }),
    item(3, '过程', '预算完成率', 2500, 2200),
    item(4, '产出', '实际完成率', 2500, 2300),
    item(5, '效果', '社会效益', 2500, 2325),
  ]
  return {
    id: 'k1',
    fiscal_year: 2025,
    kind: '部门整体',
    object_name: '县教育局部门整体支出',
    project_id: null,
    project_code: null,
    unit_id: 'u-edu',
    unit_name: '县教育局',
    amount_fen: 1_286_500_000,
    method: '财政评价',
    team: '绩效股',
    plan_start: '2025-04-01',
    plan_end: '2025-06-30',
    status: '实施',
    previous_id: null,
    basis: '',
    summary: '',
    unit_feedback: '',
    total_cp: 8950,
    grade: '良',
    weight_total_cp: 10000,
    unscored: 0,
    finalized_by: null,
    finalized_at: null,
    created_by: '张三（绩效股）',
    updated_at: '2025-04-01T09:00:00+08:00',
    items,
    level1_totals: [],
    findings: [],
    engagement: null,
    stages: [{ id: 'k1', fiscal_year: 2025, object_name: '县教育局部门整体支出', status: '实施', total_cp: null, grade: null, is_self: true }],
    ...over,
  }
}

describe('key score sheet arithmetic', () => {
  it('computes a deduction item like core: 103.5% of a ≤100% line at 0.5 per point → 3.25 of 5', () => {
    expect(deductionScoreCp('103.5', '100', 50, 500)).toBe(325)
    expect(deductionScoreCp('99', '100', 50, 500)).toBe(500)
    expect(deductionScoreCp('-3', '0', 80, 800)).toBe(800)
    expect(deductionScoreCp('20', '0', 80, 800)).toBe(0)
    expect(deductionScoreCp('约五', '0', 80, 800)).toBeNull()
  })

  it('grades 89.50 良 and 90.00 优 (half-open bands)', () => {
    expect(gradeOf(8950)).toBe('良')
    expect(gradeOf(9000)).toBe('优')
    expect(gradeOf(5999)).toBe('差')
  })

  it('groups rows by the framework 一级 with subtotals and a total', () => {
    const rows = rowsOf(detail())
    const g = groups('部门整体', rows)
    expect(g.map((x) => [x.level1, x.weightCp, x.scoreCp])).toEqual([
      ['投入', 2500, 2125],
      ['过程', 2500, 2200],
      ['产出', 2500, 2300],
      ['效果', 2500, 2325],
    ])
    expect(totals(rows)).toEqual({ weightCp: 10000, scoreCp: 8950, unscored: 0 })
  })
})

const PAGE: KeyEvalPage = {
  total: 1,
  amount_fen: 1_286_500_000,
  rows: [
    {
      id: 'k1',
      fiscal_year: 2025,
      kind: '项目',
      object_name: '义务教育学校校舍维修改造',
      project_code: '2025-JY-001',
      unit_name: '县第一中学',
      amount_fen: 1_286_500_000,
      method: '第三方机构评价',
      agency_name: '华信正和会计师事务所',
      status: '定稿',
      total_cp: 8950,
      grade: '良',
      findings: 3,
    },
  ],
}
const STATS: KeyStats = {
  count: 38,
  amount_fen: 5_000_000_000,
  by_kind: { 项目: 13, 部门整体: 5, 政策: 2, 乡镇: 18 },
  grades: { 优: 6, 良: 30, 中: 2, 差: 0 },
}

function setup(handlers: Record<string, (a: Record<string, any>) => unknown> = {}) {
  const pinia = freshPinia()
  useSessionStore().applyStatus(STATUS, true)
  const calls = mockBackend({
    evaluation_key_list: () => PAGE,
    evaluation_key_stats: () => STATS,
    evaluation_key_get: () => detail(),
    rules_current: () => RULES,
    rules_versions: () => [RULES],
    org_units: () => UNITS,
    projects_list: () => ({ total: 0, total_adjusted: 0, rows: [] }),
    ...handlers,
  })
  const sent = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args)
  return { pinia, calls, sent }
}

describe('KeyList', () => {
  it('loads page 1 of the header year and shows the rows and the year figures', async () => {
    const s = setup()
    const { wrapper } = await mountWith(KeyList, { pinia: s.pinia })
    mounted.push(wrapper)
    expect(s.sent('evaluation_key_list')[0]).toEqual({
      query: { year: 2025, kind: null, status: null, text: null, page: 1, page_size: 20 },
    })
    expect(s.sent('evaluation_key_stats')[0]).toEqual({ year: 2025 })
    expect(text('[data-testid=key-stat-count]')).toContain('38')
    expect(text('[data-testid=key-stat-township]')).toContain('18')
    expect(text('[data-testid=key-stat-grades]')).toContain('6 / 30 / 2 / 0')
    const row = text('[data-testid="key-row-2025-JY-001"]')
    expect(row).toContain('义务教育学校校舍维修改造')
    expect(row).toContain('华信正和会计师事务所')
    expect(row).toContain('89.50')
    expect(row).toContain('良')
  })

  it('filters by kind from page 1', async () => {
    const s = setup()
    const { wrapper } = await mountWith(KeyList, { pinia: s.pinia })
    mounted.push(wrapper)
    await pickOption($('[data-testid=key-filter-kind]'), '乡镇财政运行评价')
    expect(s.sent('evaluation_key_list').slice(-1)[0]).toMatchObject({ query: { kind: '乡镇', page: 1 } })
  })

  it('新建 creates a policy evaluation with the typed name and opens it', async () => {
    const s = setup({
      evaluation_key_create: (a) => detail({ id: 'k9', kind: '政策', object_name: a.input.object_name }),
    })
    const { wrapper, router } = await mountWith(KeyList, { pinia: s.pinia })
    mounted.push(wrapper)
    ;($('[data-testid=key-new]') as HTMLElement).click()
    await settle()
    await pickOption($('[data-testid=key-new-kind]'), '政策评价')
    await typeInto(field('key-new-object'), '学生资助政策')
    await typeInto(field('key-new-amount'), '500.5')
    ;($('[data-testid=key-new-save]') as HTMLElement).click()
    await settle()
    expect(s.sent('evaluation_key_create')[0]).toMatchObject({
      input: { year: 2025, kind: '政策', object_name: '学生资助政策', amount: 500_500_000, method: '财政评价', project_id: null },
    })
    await settle()
    expect(router.currentRoute.value.path).toBe('/evaluation/key/k9')
  }, 20_000)
})

describe('KeyEditor', () => {
  async function open(s: ReturnType<typeof setup>) {
    const { wrapper } = await mountWith(KeyEditor, { pinia: s.pinia, props: { id: 'k1' } })
    mounted.push(wrapper)
    await settle()
    return wrapper
  }

  it('shows per-一级 subtotals, the total and the grade of the mocked detail; the 扣分 row its computed score', async () => {
    const s = setup()
    await open(s)
    expect(text('[data-testid=key-title]')).toBe('县教育局部门整体支出')
    expect(text('[data-testid=key-subtotal-投入]')).toBe('21.25')
    expect(text('[data-testid=key-total]')).toBe('89.50')
    expect(text('[data-testid=key-grade]')).toBe('良')
    expect(text('[data-testid=key-score-2]')).toBe('3.25')
    expect(text('[data-testid=key-advance]')).toContain('下一步：报告初稿')
  })

  it('recomputes the total and grade as a score is typed, and a deduction as the actual value changes', async () => {
    const s = setup()
    await open(s)
    await typeInto(field('key-score-1'), '18.5')
    expect(text('[data-testid=key-total]')).toBe('90.00')
    expect(text('[data-testid=key-grade]')).toBe('优')
    await typeInto(field('key-actual-2'), '110')
    expect(text('[data-testid=key-score-2]')).toBe('0.00')
    expect(text('[data-testid=key-subtotal-投入]')).toBe('18.50')
  })

  it('advance saves the edited sheet first, then calls the command and shows the new step', async () => {
    const s = setup({
      evaluation_key_save_sheet: () => detail({ total_cp: 9000, grade: '优' }),
      evaluation_key_advance: () => detail({ status: '报告初稿', total_cp: 9000, grade: '优' }),
    })
    await open(s)
    await typeInto(field('key-score-1'), '18.5')
    ;($('[data-testid=key-advance]') as HTMLElement).click()
    await settle()
    const sheet = s.sent('evaluation_key_save_sheet')[0]!
    expect((sheet.items as { score_cp: number | null }[]).map((i) => i.score_cp)).toEqual([1850, null, 2200, 2300, 2325])
    expect(s.sent('evaluation_key_advance')).toEqual([{ id: 'k1' }])
    expect(s.calls.findIndex((c) => c.cmd === 'evaluation_key_save_sheet')).toBeLessThan(
      s.calls.findIndex((c) => c.cmd === 'evaluation_key_advance'),
    )
    expect(text('[data-testid=key-status]')).toBe('报告初稿')
  })

  it('a 定稿 evaluation is read-only with its stored grade and no next step', async () => {
    const s = setup({
      evaluation_key_get: () => detail({ status: '定稿', total_cp: 8950, grade: '良', finalized_by: '张三（绩效股）', finalized_at: '2025-07-01T09:00:00+08:00' }),
    })
    await open(s)
    expect($('[data-testid=key-advance]')).toBeNull()
    expect($('[data-testid=key-return]')).toBeNull()
    expect(field('key-score-1')).toBeNull()
    expect(text('[data-testid=key-score-1]')).toBe('18.00')
    expect(text('[data-testid=key-grade]')).toBe('良')
    expect(text('[data-testid=key-status-bar]')).toContain('89.50')
  })

  it('出具反馈意见函 appears at 定稿 only, drafts the letter from this evaluation and opens it', async () => {
    const s = setup()
    const draft = await open(s)
    expect($('[data-testid=key-feedback-letter]')).toBeNull()
    draft.unmount()
    mounted.pop()
    const f = setup({
      evaluation_key_get: () => detail({ status: '定稿', total_cp: 8950, grade: '良' }),
      results_doc_draft: () => ({
        row: { id: 'doc7', doc_type: '反馈意见函', fiscal_year: 2025, source_kind: 'key_eval', source_id: 'k1', unit_name: null, title: '关于反馈的函', status: '草稿', number: null, issued_by: null, issued_at: null, pdf_bytes: null, created_at: '2026-03-02T09:00:00+08:00' },
        model: null,
      }),
    })
    const { wrapper, router } = await mountWith(KeyEditor, { pinia: f.pinia, props: { id: 'k1' } })
    mounted.push(wrapper)
    await settle()
    ;($('[data-testid=key-feedback-letter]') as HTMLElement).click()
    await settle()
    expect(f.sent('results_doc_draft')).toEqual([
      { input: { doc_type: '反馈意见函', source_kind: 'key_eval', source_id: 'k1', year: null } },
    ])
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/results/documents/doc7'), { timeout: 10_000 })
  }, 20_000)
})

describe('Agencies', () => {
  const rows: AgencyRow[] = [
    {
      unit_id: 'a1',
      code: '801',
      name: '华信正和会计师事务所',
      contact: '王敏',
      phone: '0635-8123456',
      registered: true,
      agency_type: '会计师事务所',
      qualification: '执业证书',
      record: '',
      engagements: 2,
      latest_grades: ['不合格', '不合格'],
      flagged_for_exclusion: true,
      relations: [],
    },
    {
      unit_id: 'a2',
      code: '802',
      name: '明诚联合会计师事务所',
      contact: '',
      phone: '',
      registered: true,
      agency_type: '会计师事务所',
      qualification: '',
      record: '',
      engagements: 1,
      latest_grades: ['合格'],
      flagged_for_exclusion: false,
      relations: [{ id: 'r1', agency_id: 'a2', unit_id: 'u-edu', unit_name: '县教育局', note: '审计服务' }],
    },
  ]
  const engagement: EngagementView = {
    id: 'e1',
    key_eval_id: 'k1',
    fiscal_year: 2025,
    kind: '项目',
    object_name: '义务教育学校校舍维修改造',
    agency_id: 'a2',
    agency_name: '明诚联合会计师事务所',
    fee_fen: 123_400_000,
    contract_date: '2025-03-01',
    conflict_declaration: '无关联',
    status: '已验收',
    review: null,
  }

  it('tags the flagged agency 清退提示, lists relations, and reviews an accepted engagement', async () => {
    const s = setup({
      evaluation_agency_list: () => rows,
      evaluation_agency_engagements: () => [engagement],
      evaluation_agency_review: (a) => ({ ...a.input, id: 'rv', total_cp: 7500, grade: '合格', reviewed_by: '张三', reviewed_at: '' }),
    })
    const { wrapper } = await mountWith(Agencies, { pinia: s.pinia })
    mounted.push(wrapper)
    expect($('[data-testid=agency-flag-801]')).not.toBeNull()
    expect($('[data-testid=agency-flag-802]')).toBeNull()
    expect(text('[data-testid=agency-row-802]')).toContain('县教育局')
    ;($('[data-testid=agency-row-802]') as HTMLElement).click()
    await settle()
    expect(s.sent('evaluation_agency_engagements')).toEqual([{ agencyId: 'a2' }])
    expect(text('[data-testid=agency-engagements]')).toContain('123.40')
    ;($('[data-testid=agency-review-k1]') as HTMLElement).click()
    await settle()
    for (const [k, v] of [['plan', '15'], ['papers', '15'], ['report', '25'], ['timeliness', '10'], ['integrity', '10']])
      await typeInto(field(`review-${k}`), v!)
    expect(text('[data-testid=review-total]')).toBe('75.00')
    expect(text('[data-testid=review-grade]')).toBe('合格')
    ;($('[data-testid=review-save]') as HTMLElement).click()
    await settle()
    expect(s.sent('evaluation_agency_review')[0]).toMatchObject({
      input: { engagement_id: 'e1', plan_cp: 1500, papers_cp: 1500, report_cp: 2500, timeliness_cp: 1000, integrity_cp: 1000 },
    })
  })
})
