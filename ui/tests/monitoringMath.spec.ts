import { describe, expect, it } from 'vitest'
import {
  deviationBp,
  executionBp,
  indicatorCompletionBp,
  projectCompletionBp,
  timeProgressBp,
  warningOf,
} from '../src/utils/monitoringMath'
import { formatRate } from '../src/utils/rate'

const LINES = { yellow_lag_bp: 1500, red_lag_bp: 3000 }

describe('monitoringMath (the same figures as core)', () => {
  it('a ≥ 5000 亩 target with 3000 done is 60.00% complete, 6000 done caps at 100%', () => {
    expect(formatRate(indicatorCompletionBp('≥', '5000', null, '3000'))).toBe('60.00%')
    expect(indicatorCompletionBp('≥', '5000', null, '6000')).toBe(10_000)
  })

  it('a ≤ 3000 target at 4000 is 75.00%, at 0 is 100%', () => {
    expect(formatRate(indicatorCompletionBp('≤', '3000', null, '4000'))).toBe('75.00%')
    expect(indicatorCompletionBp('≤', '3000', null, '0')).toBe(10_000)
  })

  it('a 区间 85–95 target at 80 is 94.12%, inside is 100%', () => {
    expect(formatRate(indicatorCompletionBp('区间', '85', '95', '80'))).toBe('94.12%')
    expect(indicatorCompletionBp('区间', '85', '95', '90')).toBe(10_000)
  })

  it('定性 rows count 达成/部分达成/未达成 as 100/80/60%, text that is no number gives nothing', () => {
    expect(indicatorCompletionBp('定性', '明显提升', null, '部分达成')).toBe(8000)
    expect(indicatorCompletionBp('定性', '明显提升', null, '未达成')).toBe(6000)
    expect(indicatorCompletionBp('≥', '5000', null, '约三千')).toBeNull()
  })

  it('the project is weighted by 权重 only when every filled row has one', () => {
    expect(projectCompletionBp([[6000, 3000], [10_000, 1000]])).toBe(7000)
    expect(projectCompletionBp([[6000, 3000], [10_000, null]])).toBe(8000)
    expect(projectCompletionBp([])).toBeNull()
  })

  it('1–8月 is 66.67% of the year; 执行率 is executed over budget, uncapped', () => {
    expect(formatRate(timeProgressBp(8))).toBe('66.67%')
    expect(formatRate(executionBp(7317_000000, 10000_000000))).toBe('73.17%')
    expect(executionBp(120, 100)).toBe(12_000)
    expect(executionBp(1, 0)).toBeNull()
    expect(deviationBp(7000, 7317)).toBe(317)
  })

  it('lagging time progress by 30.01 points is 红灯, by 16.67 黄灯, 完全不可能 is always 红灯', () => {
    const t = timeProgressBp(8)
    expect(warningOf(LINES, 3666, t, [])).toBe('红灯')
    expect(warningOf(LINES, 3667, t, [])).toBe('黄灯')
    expect(warningOf(LINES, 5000, t, [])).toBe('黄灯')
    expect(warningOf(LINES, 5167, t, [])).toBe('绿灯')
    expect(warningOf(LINES, 9000, t, ['完全不可能'])).toBe('红灯')
    expect(warningOf(LINES, 9000, t, ['有可能'])).toBe('黄灯')
    expect(warningOf(LINES, null, t, [])).toBeNull()
  })
})
