/** Centi-points as the 分值 a form shows: 3000 → "30", 1250 → "12.5". */
export function fmtPoints(cp: number): string {
  const whole = Math.trunc(cp / 100)
  const frac = Math.abs(cp % 100)
  if (frac === 0) return String(whole)
  return `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`
}
