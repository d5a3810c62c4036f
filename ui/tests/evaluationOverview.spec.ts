import { describe, expect, it } from 'vitest'
import Overview from '../src/views/evaluation/Overview.vue'
import { useEvaluationStore } from '../src/stores/evaluation'
import { useSessionStore } from '../src/stores/session'
import { coverageTop, gradeSeries } from '../src/views/evaluation/overviewData'
import { freshPinia, mockBackend, mountWith } from './helpers'
import { STATUS } from './fixtures'
import { coverageRow, stats } from './evaluationFixtures'

function setup(s = stats()) {
  const pinia = freshPinia()
  useSessionStore().applyStatus(STATUS, true)
  useEvaluationStore().year = 2025
  const calls = mockBackend({
    evaluation_stats: () => s,
    evaluation_self_coverage: () => [coverageRow({})],
  })
  return { pinia, calls }
}

const text = (w: { find: (s: string) => { text: () => string } }, id: string) => w.find(`[data-testid=eval-overview-${id}]`).text()

describe('绩效评价 › 评价总览', () => {
  it('shows the year\'s self-evaluation, spot-check and key-evaluation figures', async () => {
    const { pinia, calls } = setup()
    const { wrapper } = await mountWith(Overview, { pinia })
    expect(calls.find((c) => c.cmd === 'evaluation_stats')?.args).toEqual({ year: 2025 })
    expect(text(wrapper, 'required')).toBe('533')
    expect(text(wrapper, 'submitted')).toBe('496')
    expect(text(wrapper, 'coverage')).toBe('93.06%')
    expect(text(wrapper, 'units').replace(/\s+/g, '')).toBe('80/98')
    expect(text(wrapper, 'execution')).toBe('73.17%')
    expect(text(wrapper, 'completion')).toBe('82.76%')
    expect(text(wrapper, 'deviation')).toBe('9.59%')
    expect(text(wrapper, 'spot-base')).toBe('496')
    expect(text(wrapper, 'spot-drawn')).toBe('57')
    expect(text(wrapper, 'spot-share')).toBe('11.49%')
    expect(text(wrapper, 'spot-reviewed')).toBe('57')
    expect(text(wrapper, 'spot-flagged')).toBe('5')
    expect(text(wrapper, 'key-count')).toBe('0')
    expect(text(wrapper, 'key-amount')).toBe('0.00')
    expect(text(wrapper, 'engagements')).toBe('0')
    expect(wrapper.find('[data-testid=eval-overview-chart-grades]').exists()).toBe(true)
    expect(wrapper.find('[data-testid=eval-overview-chart-coverage]').exists()).toBe(true)
  })

  it('shows the key evaluations\' amount and kinds once core reports them', async () => {
    const key = { count: 18, amount_fen: 7_904_850_000, by_kind: { 项目: 13, 部门整体: 5, 政策: 0, 乡镇: 0 }, grades: { 优: 1, 良: 15, 中: 2, 差: 0 } }
    const { pinia } = setup(stats({ key, third_party: { engagements: 5, fee_fen: 36_000_000, agencies: 3 } }))
    const { wrapper } = await mountWith(Overview, { pinia })
    expect(text(wrapper, 'key-count')).toBe('18')
    expect(text(wrapper, 'key-amount')).toBe('7,904.85')
    expect(text(wrapper, 'key-kinds')).toContain('项目 13 · 部门整体 5')
    expect(text(wrapper, 'engagements')).toBe('5')
    expect(text(wrapper, 'fee')).toBe('36.00')
  })

  it('puts the three kinds\' grades side by side in 优/良/中/差 order, missing ones as 0', () => {
    expect(gradeSeries(stats())).toEqual([
      { name: '单位自评', data: [120, 300, 70, 6] },
      { name: '抽查复核', data: [8, 24, 22, 3] },
      { name: '重点评价', data: [0, 0, 0, 0] },
    ])
  })

  it('charts the units with most forms not submitted first', () => {
    const rows = [
      coverageRow({ unit_code: 'A', not_submitted: 0, required: 9 }),
      coverageRow({ unit_code: 'B', not_submitted: 3 }),
      coverageRow({ unit_code: 'C', not_submitted: 5 }),
    ]
    expect(coverageTop(rows).map((r) => r.unit_code)).toEqual(['C', 'B', 'A'])
    expect(coverageTop(rows, 2)).toHaveLength(2)
  })
})
