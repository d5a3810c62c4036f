/**
 * Timestamps from core are RFC 3339 with the writing PC's offset ("2025-03-02T09:15:07+08:00").
 * Show the wall-clock time as recorded, not converted to this PC's zone.
 */
const STAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?/

export function formatStamp(s: string, withSeconds = true): string {
  const m = STAMP.exec(s)
  if (!m) return s
  return `${m[1]} ${m[2]}${withSeconds ? (m[3] ?? ':00') : ''}`
}
