/**
 * The editor's rows: what a 三级指标 looks like while the clerk types (value as text, "85-95"
 * for 区间; 权重 as points text) and the conversions from a saved Target and to the TargetDraft
 * that `targets_save` takes. `key` is local only: it keeps Vue's row identity and ties server
 * problems to a row even after rows move.
 */
import type { IndicatorInput } from '../../api/bindings/IndicatorInput'
import type { LibraryCaseIndicator } from '../../api/bindings/LibraryCaseIndicator'
import type { LibraryIndicator } from '../../api/bindings/LibraryIndicator'
import type { Suggestion } from '../../api/bindings/Suggestion'
import type { Target } from '../../api/bindings/Target'
import type { TargetDraft } from '../../api/bindings/TargetDraft'
import type { TargetIndicator } from '../../api/bindings/TargetIndicator'
import { displayValue, weightText, type IndicatorFields } from '../../utils/indicatorValue'
import { isQuantitative, level2Under } from '../../utils/indicatorLevels'
import { rateBp } from '../../utils/rate'

export interface DraftRow extends IndicatorFields {
  key: number
  id: string | null
  library_id: string | null
  is_core: boolean
  /** Placeholder of the 指标值 box (e.g. the library's 参考值). */
  hint: string
}

let nextKey = 1
const key = () => nextKey++

export function rowOf(i: TargetIndicator): DraftRow {
  return {
    key: key(),
    id: i.id,
    level1: i.level1,
    level2: i.level2,
    name: i.name,
    nature: i.nature,
    value: displayValue(i.value, i.value_high),
    unit: i.unit,
    weight: weightText(i.weight_cp),
    library_id: i.library_id,
    is_core: i.is_core,
    hint: '',
  }
}

/** A blank row; it takes the 一级/二级 of the row above so a block of 数量指标 types quickly. */
export function blankRow(above?: DraftRow): DraftRow {
  const level1 = above?.level1 ?? '产出指标'
  return {
    key: key(),
    id: null,
    level1,
    level2: above?.level2 ?? level2Under(level1)[0]!,
    name: '',
    nature: '≥',
    value: '',
    unit: '',
    weight: '',
    library_id: null,
    is_core: false,
    hint: '',
  }
}

/** A row picked from the 指标库: everything but the value, which the clerk sets. */
export function rowFromLibrary(l: LibraryIndicator): DraftRow {
  return {
    ...blankRow(),
    level1: l.level1,
    level2: l.level2,
    name: l.name,
    nature: l.nature,
    unit: l.unit,
    library_id: l.id,
    is_core: l.is_core,
    hint: l.reference ? `参考：${l.reference}` : '',
  }
}

/** A row from 推荐指标: last year's value prefilled for 上年目标 rows; the library link kept. */
export function rowFromSuggestion(s: Suggestion): DraftRow {
  return {
    ...blankRow(),
    level1: s.level1,
    level2: s.level2,
    name: s.name,
    nature: s.nature,
    unit: s.unit,
    value: s.source.startsWith('上年目标') ? (s.last_value ?? '') : '',
    library_id: s.library_id,
    hint: s.last_value ? `上年/同类：${s.last_value}` : s.reference ? `参考：${s.reference}` : '',
  }
}

/** A row copied from a 案例, with its value and 分值. */
export function rowFromCase(c: LibraryCaseIndicator): DraftRow {
  return {
    ...blankRow(),
    level1: c.level1,
    level2: c.level2,
    name: c.name,
    nature: c.nature,
    value: c.value_text || displayValue(c.value, c.value_high),
    unit: c.unit,
    weight: weightText(c.weight_cp),
  }
}

export const rowsOf = (t: Target) => t.indicators.map(rowOf)

export function toInput(r: DraftRow): IndicatorInput {
  return {
    id: r.id,
    level1: r.level1,
    level2: r.level2,
    name: r.name.trim(),
    nature: r.nature,
    value: r.value.trim(),
    unit: r.unit.trim(),
    weight: r.weight.trim(),
    library_id: r.library_id,
    is_core: r.is_core,
  }
}

export function toDraft(goal: string, rows: readonly DraftRow[]): TargetDraft {
  return { overall_goal: goal.trim(), indicators: rows.map(toInput) }
}

/** 量化率 of the named rows as they stand, bp (null while there are none). */
export function liveRate(rows: readonly DraftRow[]): number | null {
  const named = rows.filter((r) => r.name.trim() !== '')
  return rateBp(named.filter((r) => isQuantitative(r.nature)).length, named.length)
}

/** Same 二级 and name (what core calls a duplicate). */
export const sameIndicator = (a: Pick<DraftRow, 'level2' | 'name'>, b: Pick<DraftRow, 'level2' | 'name'>) =>
  a.level2 === b.level2 && a.name.trim() === b.name.trim()
