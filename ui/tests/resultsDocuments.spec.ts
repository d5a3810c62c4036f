import { afterEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import Documents from '../src/views/results/Documents.vue'
import type { DocQuery } from '../src/api/bindings/DocQuery'
import type { KeyEvalRow } from '../src/api/bindings/KeyEvalRow'
import type { TaskRow } from '../src/api/bindings/TaskRow'
import { useSessionStore } from '../src/stores/session'
import { freshPinia, mockBackend, mountWith, settle, typeInto } from './helpers'
import { STATUS, UNITS } from './fixtures'
import { openOptions, pickOption } from './targetsFixtures'
import { docRow, docView, ISSUED, SETTINGS, STATS } from './documentsFixtures'

// The batch's progress arrives as Tauri events: capture the listener the dialog installs.
const events = vi.hoisted(() => ({
  handlers: new Map<string, (e: { payload: unknown }) => void>(),
  unlistened: 0,
}))
vi.mock('@tauri-apps/api/event', () => ({
  listen: vi.fn(async (event: string, handler: (e: { payload: unknown }) => void) => {
    events.handlers.set(event, handler)
    return () => {
      events.unlistened += 1
      events.handlers.delete(event)
    }
  }),
}))
// Opening a drafted document loads the editor route; pdf.js never runs under happy-dom.
vi.mock('../src/views/results/pdfPages', () => ({
  openPdf: async () => ({ pages: 1, render: async () => undefined, destroy: async () => undefined }),
}))

const $ = (sel: string) => document.body.querySelector(sel)
const text = (sel: string) => $(sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? ''
const click = async (id: string) => {
  ;($(`[data-testid="${id}"]`) as HTMLElement).click()
  await settle()
}
const mounted: VueWrapper[] = []
afterEach(() => {
  while (mounted.length) mounted.pop()!.unmount()
  events.handlers.clear()
  events.unlistened = 0
})

function keyRow(over: Partial<KeyEvalRow>): KeyEvalRow {
  return {
    id: 'k1',
    fiscal_year: 2025,
    kind: '项目',
    object_name: '义务教育学校校舍维修改造',
    project_code: '2025-JY-001',
    unit_name: '县教育局',
    amount_fen: 1_286_500_000,
    method: '财政评价',
    agency_name: null,
    status: '定稿',
    total_cp: 8950,
    grade: '良',
    findings: 3,
    ...over,
  }
}

function task(over: Partial<TaskRow>): TaskRow {
  return {
    id: 't1',
    round_id: 'r8',
    target_id: 'g1',
    project_id: 'p1',
    code: '2025-NY-007',
    name: '高标准农田建设',
    unit_id: 'u-edu',
    unit_name: '县农业农村局',
    status: '已提交',
    budget: 100_000_000,
    executed: 30_000_000,
    forecast: 100_000_000,
    execution_bp: 3000,
    time_progress_bp: 6667,
    completion_bp: 6500,
    deviation_bp: 3500,
    warning: '红灯',
    actions: 0,
    return_reason: '',
    ...over,
  }
}

type Handlers = Record<string, (a: Record<string, any>) => unknown>

function setup(over: Handlers = {}) {
  const pinia = freshPinia()
  useSessionStore().applyStatus(STATUS, true)
  const calls = mockBackend({
    results_doc_list: () => [docRow(), ISSUED],
    results_stats: () => STATS,
    evaluation_key_list: () => ({
      total: 2,
      amount_fen: 0,
      rows: [keyRow({}), keyRow({ id: 'k2', object_name: '农村公路养护', unit_name: '县交通运输局', total_cp: 9100, grade: '优', findings: 0 })],
    }),
    monitoring_rounds: () => [
      { id: 'r8', fiscal_year: 2025, cutoff_month: 8, kind: '自行监控', due_date: '2025-09-10', status: '已关闭', note: '', tasks: 3, submitted: 3, approved: 3 },
    ],
    monitoring_task_rows: () => [
      task({}),
      task({ id: 't2', code: '2025-JY-001', name: '校舍维修', warning: '黄灯' }),
      task({ id: 't3', code: '2025-WS-012', name: '基本公卫', warning: null, status: '待填报' }),
    ],
    org_units: () => UNITS,
    results_doc_draft: () => docView({ id: 'd9' }),
    results_doc_get: () => docView({ id: 'd9' }),
    results_doc_pdf: () => new ArrayBuffer(8),
    ...over,
  })
  const sent = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args)
  return { pinia, calls, sent }
}

async function open(s: ReturnType<typeof setup>) {
  const m = await mountWith(Documents, { pinia: s.pinia })
  mounted.push(m.wrapper)
  return m
}

const queries = (s: ReturnType<typeof setup>) => s.sent('results_doc_list').map((a) => a.query as DocQuery)

describe('结果应用 › 文书', () => {
  it('shows the year\'s figures and documents: the 文号 of an issued one, 「草稿」 for a draft', async () => {
    const s = setup()
    await open(s)
    expect(queries(s)).toEqual([{ year: 2025, doc_type: null, status: null, search: null }])
    expect(s.sent('results_stats')).toEqual([{ year: 2025 }])
    expect(text('[data-testid=doc-fig-feedback]')).toBe('12')
    expect(text('[data-testid=doc-fig-notice]')).toBe('5')
    expect(text('[data-testid=doc-fig-opinion]')).toBe('2')
    expect(text('[data-testid=doc-fig-drafts]')).toBe('3')
    expect(text('[data-testid=doc-fig-rect-open]')).toBe('58')
    expect(text('[data-testid=doc-fig-rect-overdue]')).toBe('15')
    expect(text('[data-testid=doc-fig-rect-closed]')).toBe('29')
    expect(text('[data-testid=doc-fig-cut]')).toBe('1,286.50')
    expect(text('[data-testid=doc-fig-public]')).toBe('611')
    expect(text('[data-testid=doc-fig-not-public]')).toBe('2')
    const draft = text('[data-testid="doc-row-关于反馈义务教育学校校舍维修改造绩效评价结果的函"]')
    for (const t of ['反馈意见函', '县教育局', '草稿', '2026-03-02 09:15']) expect(draft).toContain(t)
    const issued = text(`[data-testid="doc-row-${ISSUED.title}"]`)
    for (const t of ['整改通知书', '示财绩通〔2026〕3号', '张三', '2026-03-05 10:20']) expect(issued).toContain(t)
    expect(text('[data-testid=doc-count]')).toBe('共 2 份')
  })

  it('sends the 文种 and 状态 filters and the search to core', async () => {
    const s = setup()
    await open(s)
    await pickOption($('[data-testid=doc-filter-type]'), '整改通知书')
    await pickOption($('[data-testid=doc-filter-status]'), '已印发')
    await typeInto($('input[data-testid=doc-search]'), '农田')
    await settle(350)
    expect(queries(s).pop()).toEqual({ year: 2025, doc_type: '整改通知书', status: '已印发', search: '农田' })
  })

  it('opens a document from its title', async () => {
    const s = setup()
    const { router } = await open(s)
    await click('doc-open-d2')
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/results/documents/d2'), { timeout: 10_000 })
  }, 20_000)

  it('起草文书 drafts a 反馈意见函 from the picked 定稿 重点评价 and opens it', async () => {
    const s = setup()
    const { router } = await open(s)
    await click('doc-new')
    expect(s.sent('evaluation_key_list')).toEqual([
      { query: { year: 2025, kind: null, status: '定稿', text: null, page: 0, page_size: 0 } },
    ])
    expect(text('[data-testid=doc-new-count]')).toContain('可起草 2 项')
    await pickOption($('[data-testid=doc-new-source]'), '农村公路养护')
    await click('doc-new-confirm')
    expect(s.sent('results_doc_draft')).toEqual([
      { input: { doc_type: '反馈意见函', source_kind: 'key_eval', source_id: 'k2', year: null } },
    ])
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/results/documents/d9'), { timeout: 10_000 })
  }, 20_000)

  it('a 整改通知书 from monitoring lists only the red sheets of the year\'s rounds', async () => {
    const s = setup()
    await open(s)
    await click('doc-new')
    await pickOption($('[data-testid=doc-new-type]'), '整改通知书')
    // 重点评价 first: only those with findings.
    $('[data-testid=doc-new-source] .el-select__wrapper')!.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    await settle()
    expect(openOptions().join('|')).toContain('义务教育学校校舍维修改造')
    expect(openOptions().join('|')).not.toContain('农村公路养护')
    ;($('[data-testid=doc-new-kind-monitor_task] input') as HTMLInputElement).click()
    await settle()
    expect(s.sent('monitoring_task_rows')).toEqual([{ roundId: 'r8' }])
    $('[data-testid=doc-new-source] .el-select__wrapper')!.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    await settle()
    const shown = openOptions().join('|')
    expect(shown).toContain('2025-NY-007 高标准农田建设')
    expect(shown).not.toContain('校舍维修')
    expect(shown).not.toContain('基本公卫')
    await click('doc-new-confirm')
    expect(s.sent('results_doc_draft').pop()).toEqual({
      input: { doc_type: '整改通知书', source_kind: 'monitor_task', source_id: 't1', year: null },
    })
  })

  it('a 绩效管理意见书 is drafted for a unit and the year', async () => {
    const s = setup()
    await open(s)
    await click('doc-new')
    await pickOption($('[data-testid=doc-new-type]'), '绩效管理意见书')
    expect(text('[data-testid=doc-new-year]')).toContain('2025 年度')
    await pickOption($('[data-testid=doc-new-source]'), '201 县教育局')
    await click('doc-new-confirm')
    expect(s.sent('results_doc_draft')).toEqual([
      { input: { doc_type: '绩效管理意见书', source_kind: 'unit', source_id: 'u-edu', year: 2025 } },
    ])
  })

  it('keeps the dialog open with core\'s reason when the source already has an issued letter', async () => {
    const s = setup({
      results_doc_draft: () => {
        throw { code: 'Conflict', message: '该反馈意见函已印发（示财绩函〔2026〕12号），如需重新出具请先在发文登记簿中作废该文号', problems: [] }
      },
    })
    const { router } = await open(s)
    await click('doc-new')
    await click('doc-new-confirm')
    expect(text('[data-testid=doc-new-error]')).toContain('示财绩函〔2026〕12号')
    expect(router.currentRoute.value.path).toBe('/projects')
  })

  it('批量打印 follows the progress events, then says how many letters it made', async () => {
    let finish: (n: number) => void = () => undefined
    const s = setup({
      'dialog_save': () => '/home/user/2025年度反馈意见函（合订）.pdf',
      results_doc_batch: () => new Promise<number>((resolve) => (finish = resolve)),
    })
    await open(s)
    await click('doc-batch')
    expect(text('[data-testid=doc-batch-available]')).toBe('已印发 12 份')
    await click('doc-batch-start')
    expect(s.sent('results_doc_batch')).toEqual([
      { year: 2025, docType: '反馈意见函', path: '/home/user/2025年度反馈意见函（合订）.pdf' },
    ])
    const progress = events.handlers.get('results-batch-progress')!
    progress({ payload: { done: 3, total: 12 } })
    await settle()
    expect(text('[data-testid=doc-batch-progress]')).toContain('25%')
    expect(text('[data-testid=doc-batch-count]')).toBe('3 / 12')
    progress({ payload: { done: 9, total: 12 } })
    await settle()
    expect(text('[data-testid=doc-batch-progress]')).toContain('75%')
    finish(12)
    await settle()
    expect(text('[data-testid=doc-batch-progress]')).toContain('100%')
    expect(text('[data-testid=doc-batch-done]')).toContain('已生成 12 份')
    expect(events.unlistened).toBe(1)
  })

  it('文书设置 shows which fonts are used and saves the edited settings, fonts untouched', async () => {
    const s = setup({
      results_doc_settings: () => SETTINGS,
      results_doc_fonts: () => [
        { role: '仿宋', family: 'FandolFang', path: '/usr/share/fonts/FandolFang-Regular.otf', official: false, configured: false },
        { role: '小标宋', family: '方正小标宋简体', path: 'C:\\Windows\\Fonts\\FZXBSJW.TTF', official: true, configured: false },
      ],
      results_doc_settings_save: (a) => a.settings,
    })
    await open(s)
    await click('doc-settings')
    const fonts = text('[data-testid=doc-fonts]')
    for (const t of ['仿宋', 'FandolFang', '替代字体', '方正小标宋简体', '公文标准字体']) expect(fonts).toContain(t)
    expect(text('[data-testid=doc-fonts-note]')).toContain('仿宋_GB2312')
    expect(($('input[data-testid="doc-set-code-整改通知书"]') as HTMLInputElement).value).toBe('示财绩通')
    await typeInto($('input[data-testid=doc-set-issuer]'), '冠县财政局')
    await typeInto($('input[data-testid="doc-set-code-反馈意见函"]'), '冠财绩函')
    await click('doc-set-save')
    expect(s.sent('results_doc_settings_save')).toEqual([
      { settings: { ...SETTINGS, issuer_name: '冠县财政局', codes: { ...SETTINGS.codes, 反馈意见函: '冠财绩函' } } },
    ])
  })
})
