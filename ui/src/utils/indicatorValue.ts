/**
 * Client-side checks of a 三级指标 row, mirroring core so the editor can flag a cell while the
 * clerk types: `parse_decimal` / `parse_value` / `compare_decimal` of `crates/core/src/indicator.rs`
 * and `parse_weight` / `check_indicators` of `crates/core/src/targets/edit.rs` (same messages,
 * same column names). Core stays the judge: it checks again on save. Decimal strings only.
 */
import type { FieldProblem } from '../api/bindings/FieldProblem'
import type { Level1 } from '../api/bindings/Level1'
import type { Level2 } from '../api/bindings/Level2'
import type { Nature } from '../api/bindings/Nature'
import { hundredthsToInput } from './convert'
import { isQuantitative, level1Of, level2Under } from './indicatorLevels'

export type Result<T> = { ok: true; value: T } | { ok: false; error: string }
const ok = <T>(value: T): Result<T> => ({ ok: true, value })
const err = <T>(error: string): Result<T> => ({ ok: false, error })

/** Normalizes a plain decimal ("98.50" → "98.5", " 3,200 " → "3200", "95%" → "95"). */
export function parseDecimal(text: string): Result<string> {
  let t = text.trim().replace(/[,，]/g, '')
  t = t.replace(/%+$/, '').replace(/％+$/, '').trim()
  const valid =
    t !== '' && /^[0-9.]+$/.test(t) && (t.match(/\./g) ?? []).length <= 1 && !t.startsWith('.') && !t.endsWith('.')
  if (!valid) return err(`『${text.trim()}』不是数字，请填写如 95 或 98.5 的数值`)
  if (t.includes('.')) t = t.replace(/0+$/, '').replace(/\.$/, '')
  t = t.replace(/^0+/, '')
  return ok(t === '' || t.startsWith('.') ? `0${t}` : t)
}

/** Orders two normalized non-negative decimals without floats. */
export function compareDecimal(a: string, b: string): number {
  const [ai, af = ''] = a.split('.')
  const [bi, bf = ''] = b.split('.')
  if (ai!.length !== bi!.length) return ai!.length < bi!.length ? -1 : 1
  if (ai !== bi) return ai! < bi! ? -1 : 1
  const n = Math.max(af.length, bf.length)
  const x = af.padEnd(n, '0')
  const y = bf.padEnd(n, '0')
  return x === y ? 0 : x < y ? -1 : 1
}

export interface IndicatorValue {
  value: string
  valueHigh: string | null
}

/** Parses the 指标值 as typed for a 指标性质 ("85-95" / "[85,95]" / "85至95" for 区间). */
export function parseValue(nature: Nature, text: string): Result<IndicatorValue> {
  const t = text.trim()
  if (nature === '定性') {
    return t === '' ? err('定性指标需要填写指标值（如『明显提升』）') : ok({ value: t, valueHigh: null })
  }
  if (nature === '区间') {
    const inner = t.replace(/^[[【(]+/, '').replace(/[\]】)]+$/, '')
    const parts = inner
      .split(/[-~～至,，—]/)
      .map((p) => p.trim())
      .filter((p) => p !== '')
    if (parts.length !== 2) return err(`区间指标值应写成『下限-上限』，如 85-95，现为『${t}』`)
    const low = parseDecimal(parts[0]!)
    if (!low.ok) return low
    const high = parseDecimal(parts[1]!)
    if (!high.ok) return high
    if (compareDecimal(low.value, high.value) > 0) return err(`区间下限 ${low.value} 大于上限 ${high.value}`)
    return ok({ value: low.value, valueHigh: high.value })
  }
  const v = parseDecimal(t)
  return v.ok ? ok({ value: v.value, valueHigh: null }) : v
}

/** "85-95" for 区间, else the value (`display_value`). */
export function displayValue(value: string, valueHigh: string | null): string {
  return valueHigh === null ? value : `${value}-${valueHigh}`
}

/** 权重 points text → centi-points; "" = no weight (`parse_weight`). */
export function parseWeight(text: string): Result<number | null> {
  const t = text.trim()
  if (t === '') return ok(null)
  const d = parseDecimal(t)
  if (!d.ok) return err(`权重『${t}』不是数字，请填写分值如 10 或 7.5`)
  const [int, frac = ''] = d.value.split('.')
  if (frac.length > 2 || int!.length > 3) return err(`权重『${t}』应为 0–100 分，最多两位小数`)
  const cp = Number(int) * 100 + Number(frac.padEnd(2, '0'))
  if (cp > 10_000) return err(`权重『${t}』超过 100 分`)
  return ok(cp)
}

/** centi-points → points text for the 权重 box ("" when none). */
export const weightText = (cp: number | null) => (cp === null ? '' : hundredthsToInput(cp))

/** The fields of a row that the checks read. */
export interface IndicatorFields {
  level1: Level1
  level2: Level2
  name: string
  nature: Nature
  value: string
  unit: string
  weight: string
}

/**
 * Every problem of the rows, as core reports them: `row` 1-based, `column` the grid header
 * (三级指标 / 二级指标 / 指标值 / 计量单位 / 权重).
 */
export function checkIndicators(rows: readonly IndicatorFields[]): FieldProblem[] {
  const problems: FieldProblem[] = []
  const seen = new Set<string>()
  rows.forEach((r, i) => {
    const bad = (column: string, message: string) => problems.push({ row: i + 1, column, message })
    const name = r.name.trim()
    if (name === '') bad('三级指标', '请填写三级指标名称')
    else if ([...name].length > 100) bad('三级指标', '名称不能超过 100 字')
    else if (seen.has(`${r.level2}\u0000${name}`)) bad('三级指标', `「${r.level2}」下已有同名指标「${name}」`)
    else seen.add(`${r.level2}\u0000${name}`)
    if (level1Of(r.level2) !== r.level1) {
      bad('二级指标', `「${r.level2}」不属于「${r.level1}」，请选择${level2Under(r.level1).join(' / ')}`)
    }
    const v = parseValue(r.nature, r.value)
    if (!v.ok) bad('指标值', v.error)
    if (isQuantitative(r.nature) && r.unit.trim() === '') bad('计量单位', '定量指标请填写计量单位（如 %、人、个）')
    const w = parseWeight(r.weight)
    if (!w.ok) bad('权重', w.error)
  })
  return problems
}

