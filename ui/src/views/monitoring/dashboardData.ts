/**
 * The dashboard's series from a round's task rows (one pass each, plain integers): 执行率
 * distribution in 10-point bins, the lights by unit (top units by 红灯), and the
 * (执行率, 完成率) points of filled sheets.
 */
import type { TaskRow } from '../../api/bindings/TaskRow'

export const EXECUTION_BINS = [
  '0–10%',
  '10–20%',
  '20–30%',
  '30–40%',
  '40–50%',
  '50–60%',
  '60–70%',
  '70–80%',
  '80–90%',
  '90–100%',
  '>100%',
] as const

/** Sheets per 执行率 bin (a bin holds its lower bound; exactly 100% is in 90–100%). */
export function executionHistogram(rows: readonly TaskRow[]): number[] {
  const bins = new Array<number>(EXECUTION_BINS.length).fill(0)
  for (const r of rows) {
    if (r.execution_bp === null) continue
    const bp = r.execution_bp
    const i = bp > 10_000 ? 10 : bp === 10_000 ? 9 : Math.floor(Math.max(0, bp) / 1000)
    bins[i]!++
  }
  return bins
}

export interface UnitLights {
  unit: string
  red: number
  yellow: number
  green: number
}

/** Lights per unit, the `top` units with most 红灯 (then 黄灯, then name). */
export function warningsByUnit(rows: readonly TaskRow[], top = 15): UnitLights[] {
  const m = new Map<string, UnitLights>()
  for (const r of rows) {
    if (!r.warning) continue
    let u = m.get(r.unit_id)
    if (!u) m.set(r.unit_id, (u = { unit: r.unit_name, red: 0, yellow: 0, green: 0 }))
    if (r.warning === '红灯') u.red++
    else if (r.warning === '黄灯') u.yellow++
    else u.green++
  }
  return [...m.values()]
    .sort((a, b) => b.red - a.red || b.yellow - a.yellow || a.unit.localeCompare(b.unit, 'zh-CN'))
    .slice(0, top)
}

/** [执行率 %, 完成率 %, name] of every sheet that has both. */
export function completionPoints(rows: readonly TaskRow[]): [number, number, string][] {
  const out: [number, number, string][] = []
  for (const r of rows) {
    if (r.execution_bp !== null && r.completion_bp !== null) out.push([r.execution_bp / 100, r.completion_bp / 100, `${r.code} ${r.name}`])
  }
  return out
}
