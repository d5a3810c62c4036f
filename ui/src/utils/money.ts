/**
 * Money on screen. The backend keeps amounts as integer 分 (`Fen`); 1 万元 = 1,000,000 分.
 * Nothing here goes through floating point: BigInt and string digits only.
 */

const FEN_PER_WAN = 1_000_000n
/** 0.01 万元 = 10,000 分: the display step. */
const FEN_PER_CENTI_WAN = 10_000n

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/**
 * 分 → 万元 text with two decimals and thousands separators, rounded half-up (half away from
 * zero for negatives): 1286500000 → "1,286.50", 12865000 → "12.87", 0 → "0.00".
 */
export function formatWan(fen: number): string {
  if (!Number.isInteger(fen)) return '—'
  const n = BigInt(fen)
  const neg = n < 0n
  const abs = neg ? -n : n
  const centi = (abs + FEN_PER_CENTI_WAN / 2n) / FEN_PER_CENTI_WAN
  const whole = centi / 100n
  const frac = (centi % 100n).toString().padStart(2, '0')
  const text = `${groupThousands(whole.toString())}.${frac}`
  return neg && centi !== 0n ? `-${text}` : text
}

/**
 * 分 → exact 万元 text for editing (no rounding, no separators, at least two decimals):
 * 128650000000 → "128650.00", 1286505000 → "1286.505".
 */
export function fenToWanText(fen: number): string {
  if (!Number.isInteger(fen)) return ''
  const n = BigInt(fen)
  const neg = n < 0n
  const abs = neg ? -n : n
  const whole = (abs / FEN_PER_WAN).toString()
  let frac = (abs % FEN_PER_WAN).toString().padStart(6, '0')
  while (frac.length > 2 && frac.endsWith('0')) frac = frac.slice(0, -1)
  return `${neg ? '-' : ''}${whole}.${frac}`
}

/** What the forms accept as a 万元 amount: digits, optionally up to six decimals (= 1 分). */
export const WAN_PATTERN = /^\d+(\.\d{1,6})?$/

export function isWanText(text: string): boolean {
  return WAN_PATTERN.test(text.trim())
}

/**
 * 万元 text → 分 with string arithmetic ("300" → 300000000, "0.5" → 500000); null when the
 * text is not a plain non-negative amount with at most six decimals, or exceeds 2^53.
 */
export function wanTextToFen(text: string): number | null {
  const t = text.trim()
  if (!WAN_PATTERN.test(t)) return null
  const [whole, frac = ''] = t.split('.')
  const fen = BigInt(whole!) * FEN_PER_WAN + BigInt(frac.padEnd(6, '0'))
  return fen <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(fen) : null
}
