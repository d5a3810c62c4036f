/**
 * The 重点评价 score sheet as the editor holds it: text cells the clerk types (分值, 得分 in 分,
 * 实际情况), the live score of each row (扣分 rows computed like core's `deduction_score_cp`),
 * subtotals per 一级, the total and the grade it would get. Integer centi-points throughout;
 * decimals are parsed with BigInt, never floats.
 */
import type { Grade } from '../../api/bindings/Grade'
import type { GradeBands } from '../../api/bindings/GradeBands'
import type { KeyEval } from '../../api/bindings/KeyEval'
import type { KeyItemInput } from '../../api/bindings/KeyItemInput'
import type { KeyKind } from '../../api/bindings/KeyKind'
import { formatHundredths, hundredthsToInput, parseHundredths } from '../../utils/convert'

/** The 一级 headings of each kind's framework, in order (mirrors `rules::key_level1s`). */
export const KEY_LEVEL1S: Record<KeyKind, readonly string[]> = {
  项目: ['决策', '过程', '产出', '效益'],
  政策: ['决策', '过程', '产出', '效益'],
  部门整体: ['投入', '过程', '产出', '效果'],
  乡镇: ['预算编制', '收支管理', '财政财务基础工作', '工作成效', '可持续性'],
}

export const DEFAULT_BANDS: GradeBands = { excellent_min_cp: 9000, good_min_cp: 8000, fair_min_cp: 6000 }

/** Half-open bands, as `RuleSet::grade_of`. */
export function gradeOf(cp: number, bands: GradeBands = DEFAULT_BANDS): Grade {
  if (cp >= bands.excellent_min_cp) return '优'
  if (cp >= bands.good_min_cp) return '良'
  if (cp >= bands.fair_min_cp) return '中'
  return '差'
}

export const GRADE_TAG: Record<Grade, 'success' | 'primary' | 'warning' | 'danger'> = {
  优: 'success',
  良: 'primary',
  中: 'warning',
  差: 'danger',
}

/** 8950 → "89.50". */
export const fmtCp = formatHundredths

export interface SheetRow {
  /** Stable key for v-for (ids are null on new rows). */
  key: string
  id: string | null
  level1: string
  level2: string
  level3: string
  /** 分值 in 分, as typed. */
  weight: string
  standard: string
  rule: string
  threshold: string | null
  deduct_cp: number | null
  /** 实际情况 (扣分: a percentage). */
  actual: string
  /** 得分 in 分 as typed (评分 rows). */
  score: string
  note: string
}

let fresh = 0

export function rowsOf(k: KeyEval): SheetRow[] {
  return k.items.map((i) => ({
    key: i.id,
    id: i.id,
    level1: i.level1,
    level2: i.level2,
    level3: i.level3,
    weight: hundredthsToInput(i.weight_cp),
    standard: i.standard,
    rule: i.rule,
    threshold: i.threshold,
    deduct_cp: i.deduct_cp,
    actual: i.actual ?? '',
    score: i.rule === '评分' && i.score_cp !== null ? hundredthsToInput(i.score_cp) : '',
    note: i.note,
  }))
}

export function blankRow(level1: string): SheetRow {
  fresh += 1
  return {
    key: `new-${fresh}`,
    id: null,
    level1,
    level2: '',
    level3: '',
    weight: '',
    standard: '',
    rule: '评分',
    threshold: null,
    deduct_cp: null,
    actual: '',
    score: '',
    note: '',
  }
}

/** A signed decimal with at most six decimals (a trailing % allowed) → millionths; else null. */
export function micro(text: string): bigint | null {
  const t = text.trim().replace(/%$/, '')
  const m = /^(-?)(\d+)(?:\.(\d{1,6}))?$/.exec(t)
  if (!m) return null
  const v = BigInt(m[2]!) * 1_000_000n + BigInt((m[3] ?? '').padEnd(6, '0'))
  return m[1] === '-' ? -v : v
}

/** "Threshold + deduction per point, floor 0", as core's `deduction_score_cp`. */
export function deductionScoreCp(actual: string, threshold: string, deductCp: number, weightCp: number): number | null {
  const a = micro(actual)
  const t = micro(threshold)
  if (a === null || t === null) return null
  if (a <= t) return weightCp
  const n = (a - t) * BigInt(deductCp)
  const deduction = Number((n * 2n + 1_000_000n) / 2_000_000n)
  return Math.max(0, weightCp - deduction)
}

export function weightCp(r: SheetRow): number | null {
  return parseHundredths(r.weight)
}

/** The row's live score: computed for 扣分, typed for 评分; null when not scored yet. */
export function scoreCp(r: SheetRow): number | null {
  const w = weightCp(r) ?? 0
  if (r.rule === '扣分') {
    if (r.actual.trim() === '' || r.threshold === null || r.deduct_cp === null) return null
    return deductionScoreCp(r.actual, r.threshold, r.deduct_cp, w)
  }
  if (r.score.trim() === '') return null
  return parseHundredths(r.score)
}

/** What is wrong with a cell, or ''. */
export function cellError(r: SheetRow, cell: 'weight' | 'score' | 'actual'): string {
  const w = weightCp(r)
  if (cell === 'weight') {
    if (w === null) return '分值应为数字，最多两位小数'
    return w > 10000 ? '分值不能超过 100' : ''
  }
  if (cell === 'actual') {
    if (r.rule !== '扣分' || r.actual.trim() === '') return ''
    return micro(r.actual) === null ? '应为百分数，如 103.5' : ''
  }
  if (r.rule !== '评分' || r.score.trim() === '') return ''
  const s = parseHundredths(r.score)
  if (s === null) return '得分应为数字，最多两位小数'
  if (w !== null && s > w) return `得分不能超过分值 ${fmtCp(w)}`
  return ''
}

export interface Level1Total {
  level1: string
  weightCp: number
  scoreCp: number
  rows: SheetRow[]
  unscored: number
}

/** Rows grouped by 一级 in the framework's order (other headings after). */
export function groups(kind: KeyKind, rows: SheetRow[]): Level1Total[] {
  const names = [...KEY_LEVEL1S[kind]]
  for (const r of rows) if (!names.includes(r.level1)) names.push(r.level1)
  return names.map((level1) => {
    const of = rows.filter((r) => r.level1 === level1)
    return {
      level1,
      weightCp: of.reduce((s, r) => s + (weightCp(r) ?? 0), 0),
      scoreCp: of.reduce((s, r) => s + (scoreCp(r) ?? 0), 0),
      rows: of,
      unscored: of.filter((r) => scoreCp(r) === null).length,
    }
  })
}

export function totals(rows: SheetRow[]) {
  return {
    weightCp: rows.reduce((s, r) => s + (weightCp(r) ?? 0), 0),
    scoreCp: rows.reduce((s, r) => s + (scoreCp(r) ?? 0), 0),
    unscored: rows.filter((r) => scoreCp(r) === null).length,
  }
}

/** Rows in group order (the order the backend numbers them 第N项). */
export function ordered(kind: KeyKind, rows: SheetRow[]): SheetRow[] {
  return groups(kind, rows).flatMap((g) => g.rows)
}

export function toInput(kind: KeyKind, rows: SheetRow[]): KeyItemInput[] {
  return ordered(kind, rows).map((r) => ({
    id: r.id,
    level1: r.level1,
    level2: r.level2.trim(),
    level3: r.level3.trim(),
    weight_cp: weightCp(r) ?? -1,
    standard: r.standard.trim(),
    rule: r.rule,
    threshold: r.threshold,
    deduct_cp: r.deduct_cp,
    actual: r.actual.trim() === '' ? null : r.actual.trim(),
    score_cp: r.rule === '评分' ? scoreCp(r) : null,
    note: r.note.trim(),
  }))
}
