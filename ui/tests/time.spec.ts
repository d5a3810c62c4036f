import { describe, expect, it } from 'vitest'
import { formatStamp } from '../src/utils/time'

describe('formatStamp', () => {
  it('shows the recorded wall-clock time, not this PC’s zone', () => {
    expect(formatStamp('2025-03-02T09:15:07+08:00')).toBe('2025-03-02 09:15:07')
    expect(formatStamp('2025-03-02T09:15:07+08:00', false)).toBe('2025-03-02 09:15')
    expect(formatStamp('不是时间')).toBe('不是时间')
  })
})
