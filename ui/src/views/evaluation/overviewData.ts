/**
 * The 评价总览 series from `evaluation_stats` and the coverage rows (plain integers): grade counts
 * of 单位自评 / 抽查复核 / 重点评价 side by side (a missing grade counts 0) and the units with
 * most 未提交.
 */
import type { CoverageRow } from '../../api/bindings/CoverageRow'
import type { EvaluationStats } from '../../api/bindings/EvaluationStats'
import { EVAL_GRADES } from '../../utils/grade'

export interface GradeSeries {
  name: string
  data: number[]
}

/** Counts in 优 / 良 / 中 / 差 order. */
export function gradeCounts(grades: Record<string, number> | undefined): number[] {
  return EVAL_GRADES.map((g) => grades?.[g] ?? 0)
}

export function gradeSeries(s: EvaluationStats): GradeSeries[] {
  return [
    { name: '单位自评', data: gradeCounts(s.self.grades) },
    { name: '抽查复核', data: gradeCounts(s.spot_check.grades) },
    { name: '重点评价', data: gradeCounts(s.key.grades) },
  ]
}

/** The `top` units with most 未提交 (then most 应评, then code). */
export function coverageTop(rows: readonly CoverageRow[], top = 15): CoverageRow[] {
  return [...rows]
    .sort((a, b) => b.not_submitted - a.not_submitted || b.required - a.required || a.unit_code.localeCompare(b.unit_code))
    .slice(0, top)
}
