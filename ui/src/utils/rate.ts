/**
 * Rates in basis points, as core computes them (`crate::rate`): one half-up division (BigInt,
 * exact for amounts in 分) and one way to show a rate.
 */
import { formatHundredths } from './convert'

/** `part / whole` in basis points, rounded half up; null when `whole` is not positive. */
export function rateBp(part: number, whole: number): number | null {
  if (whole <= 0) return null
  const p = BigInt(part)
  const w = BigInt(whole)
  return Number((p * 20_000n + w) / (2n * w))
}

/** 8370 → "83.70%"; "—" when there is no rate. */
export function formatRate(bp: number | null | undefined): string {
  return bp === null || bp === undefined ? '—' : `${formatHundredths(bp)}%`
}
