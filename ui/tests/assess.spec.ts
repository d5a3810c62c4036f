import { afterEach, describe, expect, it } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import AssessView from '../src/views/assess/AssessView.vue'
import type { AssessTable } from '../src/api/bindings/AssessTable'
import type { AssessItemScore } from '../src/api/bindings/AssessItemScore'
import type { UnitResult } from '../src/api/bindings/UnitResult'
import { useSessionStore } from '../src/stores/session'
import { freshPinia, mockBackend, mountWith, settle, typeInto } from './helpers'
import { ME, STATUS } from './fixtures'

const $ = (sel: string) => document.body.querySelector(sel)
const text = (sel: string) => $(sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? ''
const mounted: VueWrapper[] = []
afterEach(() => {
  while (mounted.length) mounted.pop()!.unmount()
  document.body.innerHTML = ''
})

const ITEMS: AssessTable['items'] = [
  { code: 'monitor_on_time', group: '运行监控', name: '监控表按时填报率', points_cp: 1000, method: '监控表按时填报率' },
  { code: 'bonus', group: '加减分', name: '加分', points_cp: 500, method: '加分' },
  { code: 'penalty', group: '加减分', name: '扣分', points_cp: 1000, method: '扣分' },
]

function score(code: string, score_cp: number, over: Partial<AssessItemScore> = {}): AssessItemScore {
  const it = ITEMS.find((i) => i.code === code)!
  const computed = !['bonus', 'penalty'].includes(code)
  return { code, item: it.name, group: it.group, method: it.method, points_cp: it.points_cp, score_cp, computed, inputs: computed ? '按时提交监控表 4 / 共 5' : '', reason: '', ...over }
}

function unit(code: string, name: string, total: number, rank: number, over: Partial<UnitResult> = {}): UnitResult {
  return {
    unit_id: `u-${code}`,
    unit_code: code,
    unit_name: name,
    items: [score('monitor_on_time', 800), score('bonus', 0), score('penalty', 0)],
    total_cp: total,
    rank,
    grade: '优秀',
    last_rank: null,
    rank_change: null,
    ...over,
  }
}

function table(over: Partial<AssessTable> = {}): AssessTable {
  return {
    year: 2025,
    kind: '部门',
    status: '草稿',
    rule_version: 0,
    finalized_by: null,
    finalized_at: null,
    items: ITEMS,
    rows: [
      unit('203', '县文旅局', 10000, 1, { last_rank: 4, rank_change: 3 }),
      unit('204', '县档案馆', 10000, 1),
      unit('201', '县教育局', 9800, 3, { last_rank: 1, rank_change: -2, items: [score('monitor_on_time', 800), score('bonus', 0), score('penalty', 150, { reason: '数据造假' })] }),
    ],
    notice_number: null,
    ...over,
  }
}

async function open(handlers: Record<string, (a: Record<string, any>) => unknown>, perms = true) {
  const pinia = freshPinia()
  const session = useSessionStore()
  session.applyStatus(STATUS, true)
  session.me = perms ? { ...ME, perms: [...ME.perms, '绩效管理工作考核'] } : ME
  const calls = mockBackend(handlers)
  const m = await mountWith(AssessView, { pinia })
  mounted.push(m.wrapper)
  return { calls, sent: (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args) }
}

describe('考核 › 年度考核', () => {
  it('lists every unit with its item scores, total, shared rank, grade and change against last year', async () => {
    const s = await open({ assess_run: () => table() })
    expect(s.sent('assess_run')).toEqual([{ year: 2025, kind: '部门' }])
    const rows = [...document.querySelectorAll('.el-table__body-wrapper tbody tr')].map((r) =>
      [...r.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '').join('|'),
    )
    expect(rows[0]).toMatch(/^1\|县文旅局\|/)
    expect(rows[1]).toMatch(/^1\|县档案馆\|/)
    expect(rows[2]).toMatch(/^3\|县教育局\|8\.00\|0\.00\|-1\.50\|98\.00\|优秀\|↓2$/)
    expect(text('[data-testid=assess-cell-201-monitor_on_time]')).toBe('8.00')
    expect(text('[data-testid=assess-cell-201-penalty]')).toBe('-1.50')
    expect(text('[data-testid=assess-total-201]')).toBe('98.00')
    expect(rows[0]).toMatch(/\|↑3$/)
    expect(text('[data-testid=assess-status]')).toBe('草稿')
  })

  it('edits a hand item until 定稿 and sends the score as typed', async () => {
    let current = table()
    const s = await open({
      assess_run: () => current,
      assess_set_hand: (a) => {
        current = table({ rows: table().rows.map((r) => (r.unit_code === '204' ? { ...r, total_cp: 10200 } : r)) })
        return score('bonus', 200, { reason: a.input.reason })
      },
    })
    ;($('[data-testid=assess-cell-204-bonus]') as HTMLElement).click()
    await settle()
    await typeInto($('input[data-testid=assess-hand-score]'), '2')
    const reason = $('textarea[data-testid=assess-hand-reason]') as HTMLTextAreaElement
    reason.value = '经验被市财政局推广'
    reason.dispatchEvent(new Event('input', { bubbles: true }))
    await settle()
    ;($('[data-testid=assess-hand-save]') as HTMLElement).click()
    await settle()
    expect(s.sent('assess_set_hand')).toEqual([
      { input: { year: 2025, unit_id: 'u-204', item_code: 'bonus', score: '2', reason: '经验被市财政局推广' } },
    ])
    expect(text('[data-testid=assess-total-204]')).toBe('102.00')
  })

  it('shows core\'s refusal in the dialog', async () => {
    await open({
      assess_run: () => table(),
      assess_set_hand: () => {
        throw { code: 'Invalid', message: '加分：应在 0–5.00 分之间，现为『9』', problems: [] }
      },
    })
    ;($('[data-testid=assess-cell-204-bonus]') as HTMLElement).click()
    await settle()
    await typeInto($('input[data-testid=assess-hand-score]'), '9')
    ;($('[data-testid=assess-hand-save]') as HTMLElement).click()
    await settle()
    expect(text('[data-testid=assess-hand-error]')).toContain('应在 0–5.00 分之间')
  })

  it('after 定稿 offers no editing and no 定稿 button, but prints the 通报', async () => {
    const s = await open({
      assess_run: () => table({ status: '已定稿', finalized_by: '张三（绩效股）', finalized_at: '2026-01-10T10:00:00+08:00' }),
      assess_notice_print: () => '示财绩发〔2026〕1号',
    })
    expect($('[data-testid=assess-finalize]')).toBeNull()
    ;($('[data-testid=assess-cell-204-bonus]') as HTMLElement).click()
    await settle()
    expect($('[data-testid=assess-hand-dialog]')?.closest('.el-overlay')?.getAttribute('style') ?? 'display: none').toContain('display: none')
    ;($('[data-testid=assess-print]') as HTMLElement).click()
    await settle()
    expect(s.sent('assess_notice_print')).toEqual([{ year: 2025 }])
  })

  it('hides 定稿 and printing from an account without the permission', async () => {
    await open({ assess_run: () => table({ status: '已定稿' }) }, false)
    expect($('[data-testid=assess-print]')).toBeNull()
    expect($('[data-testid=assess-finalize]')).toBeNull()
  })

  it('switches to the 乡镇 table', async () => {
    const s = await open({ assess_run: (a) => table({ kind: a.kind, rows: [] }) })
    ;($('[data-testid=assess-kind-乡镇]') as HTMLElement).click()
    await settle()
    expect(s.sent('assess_run').map((a) => a.kind)).toEqual(['部门', '乡镇'])
  })
})

describe('考核 › 考核规则', () => {
  const RULES = {
    department: ITEMS,
    township: ITEMS,
    bands: [
      { name: '优秀', min_cp: 9000 },
      { name: '良好', min_cp: 8000 },
    ],
    lowest_band: '合格',
    target_due_md: '11-30',
    revision_deduct_cp: 200,
  }

  it('edits 分值 in 分, saves a new version and shows every problem core refuses', async () => {
    let refuse = true
    const s = await open({
      assess_run: () => table(),
      assess_rules_current: () => ({ version: 2, rules: RULES, note: '', created_by: '张三', created_at: '' }),
      assess_rules_save: () => {
        if (refuse) {
          refuse = false
          throw {
            code: 'Rejected',
            message: '考核规则有误',
            problems: [{ row: 0, column: '部门考核项目', message: '除加分、扣分外各项分值合计应为 100 分，现为 12.50' }],
          }
        }
        return { version: 3, rules: RULES, note: '', created_by: '张三', created_at: '' }
      },
    })
    const session = useSessionStore()
    session.me = { ...session.me!, perms: [...session.me!.perms, '规则设置'] }
    await settle()
    ;($('[data-testid=assess-rules]') as HTMLButtonElement).click()
    await settle(50)
    expect(text('[data-testid=assess-rules-dialog] .el-dialog__title')).toBe('考核规则（当前第 2 版）')
    const input = $('[data-testid=assess-rules-points-monitor_on_time] input') as HTMLInputElement
    expect(input.value).toBe('10.00')
    await typeInto(input, '12.5')
    input.dispatchEvent(new Event('change'))
    await settle()
    ;($('[data-testid=assess-rules-save]') as HTMLButtonElement).click()
    await settle(50)
    const sent = s.sent('assess_rules_save')[0] as { rules: typeof RULES }
    expect(sent.rules.department[0].points_cp).toBe(1250)
    expect(text('[data-testid=assess-rules-problems]')).toBe('部门考核项目：除加分、扣分外各项分值合计应为 100 分，现为 12.50')
    ;($('[data-testid=assess-rules-save]') as HTMLButtonElement).click()
    await settle(50)
    expect(s.sent('assess_rules_save')).toHaveLength(2)
    // Saved: the table is computed again under the new version.
    expect(s.sent('assess_run').length).toBeGreaterThanOrEqual(2)
  })

  it('is offered only to accounts that may change rule sets', async () => {
    await open({ assess_run: () => table() })
    const session = useSessionStore()
    session.me = { ...session.me!, perms: session.me!.perms.filter((p) => p !== '规则设置') }
    await settle()
    expect($('[data-testid=assess-rules]')).toBeNull()
  })
})
