import { describe, expect, it } from 'vitest'
import {
  bpToPercent,
  cpToPoints,
  formatHundredths,
  parseHundredths,
  percentToBp,
  pointsToCp,
} from '../src/utils/convert'
import { fromFormText, sheetProblem, sheetSumCp, toFormText, weightSumCp } from '../src/views/rules/ruleForm'
import type { RuleSetData } from '../src/api/rules'
import { DEFAULT_ASPECTS, EVALUATION_RULES } from './fixtures'

describe('rules editor converters (分 ↔ centi-points, % ↔ basis points)', () => {
  it('parses points without floats: "90" → 9000, "89.5" → 8950, "89.55" → 8955', () => {
    expect(pointsToCp('90')).toBe(9000)
    expect(pointsToCp('89.5')).toBe(8950)
    expect(pointsToCp('89.55')).toBe(8955)
    expect(pointsToCp(' 0.05 ')).toBe(5)
  })
  it('parses percent: "70" → 7000 bp, "12.5" → 1250 bp', () => {
    expect(percentToBp('70')).toBe(7000)
    expect(percentToBp('12.5')).toBe(1250)
  })
  it('rejects more than two decimals, signs and words', () => {
    for (const bad of ['89.555', '-1', '+5', '', '九十', '90.', '.5', '1e3']) expect(parseHundredths(bad)).toBeNull()
  })
  it('formats back for inputs (short) and for display (fixed)', () => {
    expect(cpToPoints(9000)).toBe('90')
    expect(cpToPoints(8950)).toBe('89.5')
    expect(cpToPoints(8955)).toBe('89.55')
    expect(bpToPercent(1250)).toBe('12.5')
    expect(formatHundredths(10000)).toBe('100.00')
    expect(formatHundredths(5)).toBe('0.05')
  })
  it('round-trips every value 0..10000', () => {
    const wrong: number[] = []
    for (let v = 0; v <= 10000; v++) if (parseHundredths(cpToPoints(v)) !== v) wrong.push(v)
    expect(wrong).toEqual([])
  })
})

const DEFAULTS: RuleSetData = {
  grade_bands: { excellent_min_cp: 9000, good_min_cp: 8000, fair_min_cp: 6000 },
  self_eval_weights: { execution_cp: 1000, output_cp: 5000, benefit_cp: 3000, satisfaction_cp: 1000 },
  ex_ante: { threshold: 300_000_000, support_min_cp: 9000, revise_min_cp: 7000, aspects: DEFAULT_ASPECTS, policy_aspects: DEFAULT_ASPECTS, bond_aspects: DEFAULT_ASPECTS },
  quantification_floor_bp: 7000,
  warning: { yellow_lag_bp: 1500, red_lag_bp: 3000 },
  spot_check_share_bp: 1000,
  evaluation: EVALUATION_RULES,
}

describe('rule form text ↔ RuleSet', () => {
  it('shows the defaults as 分 / % / 万元', () => {
    const t = toFormText(DEFAULTS)
    expect(t.excellent).toBe('90')
    expect(t.threshold).toBe('300')
    expect(t.quantFloor).toBe('70')
    expect(t.yellow).toBe('15')
  })
  it('round-trips the defaults exactly', () => {
    expect(fromFormText(toFormText(DEFAULTS))).toEqual(DEFAULTS)
  })
  it('converts typed values to integers (89.5 分 → 8950, 0.5 万元 → 500000 分)', () => {
    const t = { ...toFormText(DEFAULTS), excellent: '89.5', threshold: '0.5', spotCheck: '12.5' }
    const r = fromFormText(t)
    if ('bad' in r) throw new Error(`bad ${r.bad}`)
    expect(r.grade_bands.excellent_min_cp).toBe(8950)
    expect(r.ex_ante.threshold).toBe(500_000)
    expect(r.spot_check_share_bp).toBe(1250)
  })
  it('names the first field that does not parse', () => {
    expect(fromFormText({ ...toFormText(DEFAULTS), good: '八十' })).toEqual({ bad: 'good' })
    expect(fromFormText({ ...toFormText(DEFAULTS), threshold: '3,000' })).toEqual({ bad: 'threshold' })
  })
  it('sums weights in centi-points (10 + 50 + 30 + 10 = 10000)', () => {
    expect(weightSumCp(toFormText(DEFAULTS))).toBe(10000)
    expect(weightSumCp({ execution: '10.5', output: '50', benefit: '30', satisfaction: '10' })).toBe(10050)
    expect(weightSumCp({ execution: 'x', output: '50', benefit: '30', satisfaction: '10' })).toBeNull()
  })
  it('checks the 事前评估 sheet: names filled and unique, 分值 positive, total 100', () => {
    const t = toFormText(DEFAULTS)
    expect(sheetSumCp(t.aspects)).toBe(10000)
    expect(sheetProblem(t.aspects)).toBeNull()
    t.aspects[1]!.name = '立项必要性'
    expect(sheetProblem(t.aspects)).toBe('评估方面「立项必要性」重复')
    t.aspects[1]!.name = '投入经济性'
    t.aspects[2]!.items[0]!.points = '0'
    expect(sheetProblem(t.aspects)).toBe('「绩效目标合理性」的评分项「目标明确性」分值须为大于 0 的数字')
    t.aspects[2]!.items[0]!.points = '4.75'
    expect(sheetProblem(t.aspects)).toBe('事前评估评分表各项分值合计须为 100 分，现为 99.75 分')
    expect(fromFormText({ ...t, aspects: [{ name: 'x', items: [{ name: 'y', points: '五' }] }] })).toEqual({ bad: 'aspects' })
  })
})
