/**
 * Converters of the rules editor. The rule set stores scores in centi-points (9000 = 90.00分),
 * rates in basis points (7000 = 70.00%) and the 事前评估 threshold in 分; the clerk types 分, %
 * and 万元. Both directions work on decimal strings, never on floats.
 */
export { fenToWanText, wanTextToFen } from './money'

/** A non-negative number with at most two decimals: "90", "89.5", "89.55". */
export const HUNDREDTHS_PATTERN = /^\d+(\.\d{1,2})?$/

/** "90" → 9000, "89.5" → 8950, "0.05" → 5; null for anything else (e.g. "89.555", "-1", ""). */
export function parseHundredths(text: string): number | null {
  const t = text.trim()
  if (!HUNDREDTHS_PATTERN.test(t)) return null
  const [whole, frac = ''] = t.split('.')
  const value = BigInt(whole!) * 100n + BigInt(frac.padEnd(2, '0'))
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : null
}

/** 9000 → "90.00", 8950 → "89.50", 5 → "0.05" (fixed two decimals, for read-only display). */
export function formatHundredths(value: number): string {
  if (!Number.isInteger(value)) return '—'
  const neg = value < 0
  const abs = BigInt(Math.abs(value))
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`
  return neg ? `-${text}` : text
}

/** 9000 → "90", 8950 → "89.5", 8955 → "89.55" (short form, for an input box). */
export function hundredthsToInput(value: number): string {
  return formatHundredths(value).replace(/\.00$/, '').replace(/(\.\d)0$/, '$1')
}

/** 分 (points) text → centi-points. */
export const pointsToCp = parseHundredths
/** centi-points → 分 text for an input. */
export const cpToPoints = hundredthsToInput
/** % text → basis points ("70" → 7000, "12.5" → 1250). */
export const percentToBp = parseHundredths
/** basis points → % text for an input. */
export const bpToPercent = hundredthsToInput
