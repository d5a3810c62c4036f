import { describe, expect, it, vi } from 'vitest'
import Spot from '../src/views/evaluation/Spot.vue'
import type { DrawInput } from '../src/api/bindings/DrawInput'
import type { SpotReviewInput } from '../src/api/bindings/SpotReviewInput'
import { useEvaluationStore } from '../src/stores/evaluation'
import { useSessionStore } from '../src/stores/session'
import { parseSeed } from '../src/views/evaluation/seed'
import { freshPinia, mockBackend, mountWith, settle, typeInto } from './helpers'
import { STATUS } from './fixtures'
import { RULES } from './targetsFixtures'
import { draw, spotDetail, spotRow } from './evaluationFixtures'

// 出具反馈意见函 opens the document editor route; pdf.js never runs under happy-dom.
vi.mock('../src/views/results/pdfPages', () => ({
  openPdf: async () => ({ pages: 1, render: async () => undefined, destroy: async () => undefined }),
}))

const inputOf = (el: Element | null) => (el instanceof HTMLInputElement ? el : (el?.querySelector('input') ?? null))
const q = (id: string) => document.querySelector(`[data-testid=${id}]`)
const click = async (id: string) => {
  ;(q(id) as HTMLElement).click()
  await settle()
}
type Handlers = Record<string, (a: Record<string, any>) => unknown>

function setup(over: Handlers = {}, current: unknown = draw()) {
  const pinia = freshPinia()
  useSessionStore().applyStatus(STATUS, true)
  useEvaluationStore().year = 2025
  const calls = mockBackend({
    rules_current: () => RULES,
    rules_versions: () => [RULES],
    evaluation_spot_current: () => current,
    ...over,
  })
  return { pinia, calls }
}

describe('绩效评价 › 抽查复核', () => {
  it('shows the recorded draw — base, drawn, 11.49%, the seed as text — and a flagged gap in red', async () => {
    const { pinia, calls } = setup()
    const { wrapper } = await mountWith(Spot, { pinia })
    expect(calls.find((c) => c.cmd === 'evaluation_spot_current')?.args).toEqual({ year: 2025 })
    expect(wrapper.find('[data-testid=eval-spot-base]').text()).toBe('496')
    expect(wrapper.find('[data-testid=eval-spot-drawn]').text()).toBe('57')
    expect(wrapper.find('[data-testid=eval-spot-share-text]').text()).toBe('11.49%')
    expect(wrapper.find('[data-testid=eval-spot-seed-text]').text()).toBe('12345678901234567890')
    expect(wrapper.find('[data-testid=eval-spot-record]').text()).toContain('2026-03-02 09:15:07')
    const flagged = wrapper.find('[data-testid=eval-spot-gap-2025-NY-007]')
    expect(flagged.text()).toBe('-14.00')
    expect(flagged.classes()).toContain('red')
    const small = wrapper.find('[data-testid=eval-spot-gap-2025-WS-003]')
    expect(small.text()).toBe('-2.50')
    expect(small.classes()).not.toContain('red')
    const row = wrapper.find('[data-testid=eval-spot-row-2025-NY-007]')
    for (const text of ['高标准农田', '92.00', '优', '78.00', '中', '已复核']) expect(row.text()).toContain(text)
    expect(wrapper.find('[data-testid=eval-spot-progress]').text().replace(/\s+/g, '')).toBe('2/1')
  })

  it('draws with the typed share, seed and stratification and shows the new record', async () => {
    const fresh = draw({ id: 'd2', seed: '2026', stratify: '按金额', rows: [spotRow()] })
    const { pinia, calls } = setup({ evaluation_spot_draw: () => fresh }, null)
    const { wrapper } = await mountWith(Spot, { pinia })
    expect(wrapper.find('[data-testid=eval-spot-empty]').exists()).toBe(true)
    await click('eval-spot-draw')
    expect(inputOf(q('eval-spot-share'))!.value).toBe('10')
    await typeInto(inputOf(q('eval-spot-share')), '12')
    await typeInto(inputOf(q('eval-spot-seed')), '2026')
    const byAmount = [...document.querySelectorAll<HTMLElement>('[data-testid=eval-spot-stratify] .el-radio')].find((r) => r.textContent?.includes('按金额'))!
    byAmount.querySelector('input')!.click()
    await settle()
    await click('eval-spot-confirm')
    expect(calls.find((c) => c.cmd === 'evaluation_spot_draw')?.args.input as DrawInput).toEqual({
      year: 2025,
      share_bp: 1200,
      seed: 2026,
      stratify: '按金额',
    })
    expect(wrapper.find('[data-testid=eval-spot-seed-text]').text()).toBe('2026')
  })

  it('leaves a blank seed to core and refuses one that is not a whole number', async () => {
    const { pinia, calls } = setup({ evaluation_spot_draw: () => draw() }, null)
    await mountWith(Spot, { pinia })
    await click('eval-spot-draw')
    await typeInto(inputOf(q('eval-spot-seed')), '12a')
    await click('eval-spot-confirm')
    expect(q('eval-spot-draw-error')?.textContent).toContain('随机种子请填写非负整数')
    expect(calls.some((c) => c.cmd === 'evaluation_spot_draw')).toBe(false)
    await typeInto(inputOf(q('eval-spot-seed')), '')
    await click('eval-spot-confirm')
    expect((calls.find((c) => c.cmd === 'evaluation_spot_draw')?.args.input as DrawInput).seed).toBeNull()
  })

  it('shows why core refuses a draw (share below the rule set) and keeps the dialog', async () => {
    const { pinia } = setup({
      evaluation_spot_draw: () => {
        throw { code: 'Invalid', message: '『抽查比例』不得低于规则设置的 10.00%', problems: [] }
      },
    })
    await mountWith(Spot, { pinia })
    await click('eval-spot-draw')
    await typeInto(inputOf(q('eval-spot-share')), '5')
    await click('eval-spot-confirm')
    expect(q('eval-spot-draw-error')?.textContent).toContain('不得低于规则设置的 10.00%')
  })

  it('验证抽取 re-runs the recorded draw and says the list is the same', async () => {
    const { pinia, calls } = setup({ evaluation_spot_verify: () => true })
    const { wrapper } = await mountWith(Spot, { pinia })
    await click('eval-spot-verify')
    expect(calls.find((c) => c.cmd === 'evaluation_spot_verify')?.args).toEqual({ id: 'd1' })
    expect(wrapper.find('[data-testid=eval-spot-verify-result]').text()).toBe('重新运行抽取得到相同名单')
  })

  it('复核 prefills the self scores, sends the bureau\'s scores and notes, and updates the row', async () => {
    const reviewed = spotDetail({
      row: spotRow({ status: '已复核', review_total_cp: 7932, review_grade: '中', gap_cp: -1018, flagged: true, review_note: '受益人数无佐证' }),
      review_execution_cp: 932,
      review_items: [{ item_id: 'i1', score_cp: 4000, note: '名单不全' }],
    })
    const { pinia, calls } = setup({ evaluation_spot_get: () => spotDetail(), evaluation_spot_review: () => reviewed })
    const { wrapper } = await mountWith(Spot, { pinia })
    await click('eval-spot-review-2025-JY-001')
    await settle(50)
    expect(calls.find((c) => c.cmd === 'evaluation_spot_get')?.args).toEqual({ id: 'k1' })
    expect(inputOf(q('eval-spot-review-exec'))!.value).toBe('9.32')
    expect(inputOf(q('eval-spot-review-score-1'))!.value).toBe('48')
    await typeInto(inputOf(q('eval-spot-review-score-1')), '40')
    await typeInto(inputOf(q('eval-spot-review-note-1')), '名单不全')
    const el = q('eval-spot-review-opinion')!
    const opinion = el instanceof HTMLTextAreaElement ? el : el.querySelector('textarea')!
    opinion.value = '受益人数无佐证'
    opinion.dispatchEvent(new Event('input', { bubbles: true }))
    await click('eval-spot-review-save')
    expect(calls.find((c) => c.cmd === 'evaluation_spot_review')?.args).toEqual({
      id: 'k1',
      input: {
        execution_score_cp: 932,
        items: [
          { item_id: 'i1', score_cp: 4000, note: '名单不全' },
          { item_id: 'i2', score_cp: 3000, note: '' },
          { item_id: 'i3', score_cp: 1000, note: '' },
        ],
        note: '受益人数无佐证',
      } satisfies SpotReviewInput,
    })
    expect(q('eval-spot-review-total')?.textContent).toBe('79.32')
    const gap = wrapper.find('[data-testid=eval-spot-gap-2025-JY-001]')
    expect(gap.text()).toBe('-10.18')
    expect(gap.classes()).toContain('red')
  })

  it('marks a review score core refuses on its row', async () => {
    const { pinia } = setup({
      evaluation_spot_get: () => spotDetail(),
      evaluation_spot_review: () => {
        throw {
          code: 'Rejected',
          message: '有 1 处需要修改',
          problems: [{ row: 2, column: '复核得分', message: '「营养改善情况」的复核得分应在 0–30.00 分之间' }],
        }
      },
    })
    await mountWith(Spot, { pinia })
    await click('eval-spot-review-2025-JY-001')
    await settle(50)
    await typeInto(inputOf(q('eval-spot-review-score-2')), '35')
    await click('eval-spot-review-save')
    expect(q('eval-spot-review-score-2')?.classList.contains('bad')).toBe(true)
    expect(q('eval-spot-review-score-2')?.textContent).toContain('应在 0–30.00 分之间')
    expect(q('eval-spot-review-score-1')?.classList.contains('bad')).toBe(false)
  })

  it('a reviewed row offers 出具反馈意见函, which drafts the letter on the review and opens it', async () => {
    const { pinia, calls } = setup({
      results_doc_draft: () => ({ row: { id: 'doc8' }, model: null }),
    })
    const { router } = await mountWith(Spot, { pinia })
    expect(q('eval-spot-letter-2025-JY-001')).toBeNull()
    await click('eval-spot-letter-2025-NY-007')
    expect(calls.filter((c) => c.cmd === 'results_doc_draft').map((c) => c.args)).toEqual([
      { input: { doc_type: '反馈意见函', source_kind: 'spot_check', source_id: 'k2', year: null } },
    ])
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/results/documents/doc8'), { timeout: 10_000 })
  }, 20_000)

  it('keeps seeds as text: a seed beyond 2^53 − 1 is refused rather than rounded', () => {
    expect(parseSeed('')).toEqual({ ok: true, value: null })
    expect(parseSeed(' 2026 ')).toEqual({ ok: true, value: 2026 })
    expect(parseSeed('9007199254740991')).toEqual({ ok: true, value: 9007199254740991 })
    expect(parseSeed('9007199254740993').ok).toBe(false)
    expect(parseSeed('-1').ok).toBe(false)
  })
})
