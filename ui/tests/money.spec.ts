import { describe, expect, it } from 'vitest'
import { fenToWanText, formatWan, isWanText, wanTextToFen } from '../src/utils/money'

describe('formatWan (分 → 万元, two decimals, half-up, separators)', () => {
  it('formats 1286500000 分 as 1,286.50', () => expect(formatWan(1286500000)).toBe('1,286.50'))
  it('rounds 12865000 分 (12.865 万元) half-up to 12.87', () => expect(formatWan(12865000)).toBe('12.87'))
  it('formats 0 as 0.00', () => expect(formatWan(0)).toBe('0.00'))
  it('rounds just below the half down', () => expect(formatWan(12864999)).toBe('12.86'))
  it('shows one 分 as 0.00', () => expect(formatWan(1)).toBe('0.00'))
  it('shows 5000 分 (half of 0.01 万元) as 0.01', () => expect(formatWan(5000)).toBe('0.01'))
  it('groups thousands of 万元', () => expect(formatWan(123456789012345)).toBe('123,456,789.01'))
  it('is exact at the largest safe integer', () => expect(formatWan(Number.MAX_SAFE_INTEGER)).toBe('9,007,199,254.74'))
  it('rounds negatives away from zero and never shows -0.00', () => {
    expect(formatWan(-12865000)).toBe('-12.87')
    expect(formatWan(-1)).toBe('0.00')
  })
  it('refuses non-integers instead of guessing', () => expect(formatWan(1.5)).toBe('—'))
})

describe('万元 text ↔ 分', () => {
  it('gives exact edit text without rounding', () => {
    expect(fenToWanText(1286500000)).toBe('1286.50')
    expect(fenToWanText(1286505000)).toBe('1286.505')
    expect(fenToWanText(1)).toBe('0.000001')
    expect(fenToWanText(0)).toBe('0.00')
  })
  it('parses 万元 text with string arithmetic', () => {
    expect(wanTextToFen('300')).toBe(300_000_000)
    expect(wanTextToFen('0.5')).toBe(500_000)
    expect(wanTextToFen(' 1286.505 ')).toBe(1_286_505_000)
    expect(wanTextToFen('0.000001')).toBe(1)
    // 0.1 + 0.2 style float errors cannot happen:
    expect(wanTextToFen('0.3')).toBe(300_000)
  })
  it('rejects what the forms reject', () => {
    for (const bad of ['', '1,286.50', '-1', '1.2345678', 'abc', '1.', '.5']) {
      expect(wanTextToFen(bad)).toBeNull()
      expect(isWanText(bad)).toBe(false)
    }
  })
})
