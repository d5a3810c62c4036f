/**
 * The 监控情况表's live figures, mirroring `crates/core/src/monitoring/math.rs` exactly (integers
 * and BigInt only): 执行率 and 时间进度 (bp), each indicator's 完成率 (bp, capped at 100%), the
 * project's completion (weighted by 权重 when every filled row has one), 偏差度 and the light.
 * The server recomputes all of these on save; this only lets the form show them as one types.
 */
import type { Nature } from '../api/bindings/Nature'
import type { Possibility } from '../api/bindings/Possibility'
import type { Warning } from '../api/bindings/Warning'
import type { WarningLines } from '../api/bindings/WarningLines'
import { rateBp } from './rate'

/** 定性 results and the share of the target each counts as (domain §2.4, upper end of the tier). */
export const QUALITATIVE_TIERS: readonly (readonly [string, number])[] = [
  ['达成', 10_000],
  ['部分达成', 8_000],
  ['未达成', 6_000],
]

/** A plain decimal text as millionths ("98.5" → 98500000n); null when not a number. */
export function micro(text: string): bigint | null {
  const t = text.trim()
  const m = /^(\d+)(?:\.(\d{0,6}))?$/.exec(t)
  if (!m) return null
  return BigInt(m[1]!) * 1_000_000n + BigInt((m[2] ?? '').padEnd(6, '0'))
}

/** part / whole in bp, half up, capped at 10000; null when whole is 0. */
function ratioBp(part: bigint, whole: bigint): number | null {
  if (whole <= 0n) return null
  const bp = (part * 20_000n + whole) / (2n * whole)
  return Number(bp > 10_000n ? 10_000n : bp)
}

/** 完成率 of one indicator for `actual`; null when there is nothing to compare yet. */
export function indicatorCompletionBp(
  nature: Nature,
  value: string,
  valueHigh: string | null,
  actual: string,
): number | null {
  if (nature === '定性') return QUALITATIVE_TIERS.find(([w]) => w === actual.trim())?.[1] ?? null
  const a = micro(actual)
  const v = micro(value)
  if (a === null || v === null) return null
  switch (nature) {
    case '≥':
    case '>':
    case '=':
      return v === 0n ? 10_000 : ratioBp(a, v)
    case '≤':
    case '<':
      return a <= v ? 10_000 : ratioBp(v, a)
    case '区间': {
      const high = valueHigh === null ? null : micro(valueHigh)
      if (high === null) return null
      if (a < v) return ratioBp(a, v)
      if (a > high) return ratioBp(high, a)
      return 10_000
    }
  }
}

/** Project completion from [completion bp, weight cp] of the filled rows; half up. */
export function projectCompletionBp(rows: readonly (readonly [number, number | null])[]): number | null {
  if (rows.length === 0) return null
  const weighted = rows.every(([, w]) => w !== null && w > 0)
  let sum = 0n
  let total = 0n
  for (const [bp, w] of rows) {
    const weight = weighted ? BigInt(w ?? 0) : 1n
    sum += BigInt(bp) * weight
    total += weight
  }
  return Number((sum * 2n + total) / (2n * total))
}

/** 执行率 in bp (not capped), half up; null without a budget. */
export function executionBp(executedFen: number, budgetFen: number): number | null {
  return rateBp(executedFen, budgetFen)
}

/** 时间进度 of a 1–N月 round (N/12), in bp. */
export function timeProgressBp(cutoffMonth: number): number {
  return rateBp(cutoffMonth, 12) ?? 0
}

/** 偏差度 = |完成率 − 执行率|. */
export function deviationBp(completion: number | null, execution: number | null): number | null {
  return completion === null || execution === null ? null : Math.abs(completion - execution)
}

/** The light: 红灯 past the red line or any 完全不可能; 黄灯 past the yellow line or 有可能. */
export function warningOf(
  lines: WarningLines,
  execution: number | null,
  timeBp: number,
  possibilities: readonly Possibility[],
): Warning | null {
  if (execution === null) return null
  const lag = timeBp - execution
  if (lag > lines.red_lag_bp || possibilities.includes('完全不可能')) return '红灯'
  if (lag > lines.yellow_lag_bp || possibilities.includes('有可能')) return '黄灯'
  return '绿灯'
}

/** Element Plus tag type of a light. */
export function warningTag(w: Warning | null): 'danger' | 'warning' | 'success' | 'info' {
  return w === '红灯' ? 'danger' : w === '黄灯' ? 'warning' : w === '绿灯' ? 'success' : 'info'
}
