import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import Register from '../src/views/results/Register.vue'
import { useSessionStore } from '../src/stores/session'
import { freshPinia, mockBackend, mountWith, settle, typeInto } from './helpers'
import { STATUS } from './fixtures'
import { numberRow } from './documentsFixtures'
import { pickOption } from './targetsFixtures'

// 查看 loads the editor route; pdf.js never runs under happy-dom.
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
// Numbers are given out in 2026 for 2025's evaluations: the register opens on the calendar year.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-03-06T09:00:00+08:00'))
})
afterEach(() => {
  while (mounted.length) mounted.pop()!.unmount()
  vi.useRealTimers()
})

const USED = numberRow()
const VOIDED = numberRow({
  id: 'n2',
  seq: 11,
  number: '示财绩函〔2026〕11号',
  document_id: 'd0',
  title: '关于反馈农村公路养护绩效评价结果的函',
  status: '已作废',
  void_reason: '主送单位有误',
})

type Handlers = Record<string, (a: Record<string, any>) => unknown>
function setup(over: Handlers = {}) {
  const pinia = freshPinia()
  useSessionStore().applyStatus(STATUS, true)
  const calls = mockBackend({
    results_register_list: () => [USED, VOIDED],
    results_register_void: (a) => ({ ...USED, status: '已作废', void_reason: a.reason }),
    ...over,
  })
  const sent = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args)
  return { pinia, calls, sent }
}

async function open(s: ReturnType<typeof setup>) {
  const m = await mountWith(Register, { pinia: s.pinia })
  mounted.push(m.wrapper)
  return m
}

describe('结果应用 › 发文登记簿', () => {
  it('lists the numbers of the year of issue (not the header\'s 预算年度) with 文种, 标题, state and the reason of a voided one', async () => {
    const s = setup()
    await open(s)
    expect(s.sent('results_register_list')).toEqual([{ year: 2026, search: null }])
    const used = text('[data-testid="reg-row-示财绩函〔2026〕12号"]')
    for (const t of ['示财绩函〔2026〕12号', '反馈意见函', '校舍维修改造', '已使用', '张三', '2026-03-05 10:20']) expect(used).toContain(t)
    const voided = text('[data-testid="reg-row-示财绩函〔2026〕11号"]')
    for (const t of ['已作废', '主送单位有误']) expect(voided).toContain(t)
    expect($('[data-testid="reg-void-示财绩函〔2026〕11号"]')).toBeNull()
    expect(text('[data-testid=reg-total]')).toBe('2')
    expect(text('[data-testid=reg-voided]')).toBe('1')
  })

  it('searches the number or title in core', async () => {
    const s = setup()
    await open(s)
    await typeInto($('input[data-testid=reg-search]'), '〔2026〕12')
    await settle(350)
    expect(s.sent('results_register_list').pop()).toEqual({ year: 2026, search: '〔2026〕12' })
  })

  it('another 文号年度 reloads the register of that year', async () => {
    const s = setup()
    await open(s)
    await pickOption($('[data-testid=reg-year]'), '2025年')
    expect(s.sent('results_register_list').pop()).toEqual({ year: 2025, search: null })
  })

  it('作废 needs a reason; with one it voids the number and the row shows it', async () => {
    const s = setup()
    await open(s)
    await click('reg-void-示财绩函〔2026〕12号')
    expect(document.body.textContent).toContain('以后不会再使用')
    await click('reg-void-confirm')
    expect(text('[data-testid=reg-void-error]')).toBe('请填写作废原因')
    expect(s.sent('results_register_void')).toEqual([])
    const reason = $('textarea[data-testid=reg-void-reason]') as HTMLTextAreaElement
    reason.value = '主送单位写错，重新出具'
    reason.dispatchEvent(new Event('input', { bubbles: true }))
    await settle()
    await click('reg-void-confirm')
    expect(s.sent('results_register_void')).toEqual([{ id: 'n1', reason: '主送单位写错，重新出具' }])
    const row = text('[data-testid="reg-row-示财绩函〔2026〕12号"]')
    expect(row).toContain('已作废')
    expect(row).toContain('主送单位写错，重新出具')
    expect(text('[data-testid=reg-voided]')).toBe('2')
  })

  it('shows core\'s refusal in the void dialog', async () => {
    const s = setup({
      results_register_void: () => {
        throw { code: 'Conflict', message: '示财绩函〔2026〕12号 已作废', problems: [] }
      },
    })
    await open(s)
    await click('reg-void-示财绩函〔2026〕12号')
    const reason = $('textarea[data-testid=reg-void-reason]') as HTMLTextAreaElement
    reason.value = '重复'
    reason.dispatchEvent(new Event('input', { bubbles: true }))
    await settle()
    await click('reg-void-confirm')
    expect(text('[data-testid=reg-void-error]')).toBe('示财绩函〔2026〕12号 已作废')
  })

  it('导出 writes the year\'s register to the chosen workbook', async () => {
    const s = setup({
      'dialog_save': () => '/home/user/发文登记簿.xlsx',
      results_register_export: () => 2,
    })
    await open(s)
    await click('reg-export')
    await settle()
    expect(s.sent('results_register_export')).toEqual([{ path: '/home/user/发文登记簿.xlsx', year: 2026 }])
  })

  it('查看 opens the document of a used number', async () => {
    const s = setup()
    const { router } = await open(s)
    await click('reg-open-示财绩函〔2026〕12号')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/results/documents/d1'), { timeout: 10_000 })
  }, 20_000)
})
