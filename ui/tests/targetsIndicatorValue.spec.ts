import { describe, expect, it } from 'vitest'
import {
  checkIndicators,
  parseDecimal,
  parseValue,
  parseWeight,
  type IndicatorFields,
} from '../src/utils/indicatorValue'
import { level1Of, level2Under } from '../src/utils/indicatorLevels'
import { formatRate, rateBp } from '../src/utils/rate'

const row = (over: Partial<IndicatorFields>): IndicatorFields => ({
  level1: '产出指标',
  level2: '数量指标',
  name: '维修改造学校数',
  nature: '≥',
  value: '12',
  unit: '所',
  weight: '',
  ...over,
})

describe('indicator vocabulary (mirrors core)', () => {
  it('lists each 二级 under its own 一级 only', () => {
    expect(level2Under('产出指标')).toEqual(['数量指标', '质量指标', '时效指标', '成本指标'])
    expect(level2Under('满意度指标')).toEqual(['服务对象满意度指标'])
    expect(level1Of('可持续影响指标')).toBe('效益指标')
    expect(level1Of('成本指标')).toBe('产出指标')
  })
})

describe('指标值 parsing (mirrors core parse_value)', () => {
  it('normalizes decimals exactly as core does', () => {
    expect(parseDecimal('98.50')).toEqual({ ok: true, value: '98.5' })
    expect(parseDecimal(' 3,200 ')).toEqual({ ok: true, value: '3200' })
    expect(parseDecimal('95%')).toEqual({ ok: true, value: '95' })
    expect(parseDecimal('0.0')).toEqual({ ok: true, value: '0' })
    expect(parseDecimal('007')).toEqual({ ok: true, value: '7' })
    expect(parseDecimal('1.2.3').ok).toBe(false)
  })

  it('refuses words for a quantitative nature with core message', () => {
    expect(parseValue('≥', '约五十')).toEqual({ ok: false, error: '『约五十』不是数字，请填写如 95 或 98.5 的数值' })
  })

  it('reads ranges the way clerks write them and refuses a reversed one', () => {
    for (const t of ['85-95', '85~95', '85～95', '[85,95]', '85至95']) {
      expect(parseValue('区间', t)).toEqual({ ok: true, value: { value: '85', valueHigh: '95' } })
    }
    expect(parseValue('区间', '95-85')).toEqual({ ok: false, error: '区间下限 95 大于上限 85' })
    expect(parseValue('区间', '95').ok).toBe(false)
  })

  it('keeps the words of a qualitative value and needs some', () => {
    expect(parseValue('定性', ' 明显提升 ')).toEqual({ ok: true, value: { value: '明显提升', valueHigh: null } })
    expect(parseValue('定性', '').ok).toBe(false)
  })

  it('reads 权重 as centi-points up to 100 分', () => {
    expect(parseWeight('')).toEqual({ ok: true, value: null })
    expect(parseWeight('7.5')).toEqual({ ok: true, value: 750 })
    expect(parseWeight('100')).toEqual({ ok: true, value: 10000 })
    expect(parseWeight('100.01')).toEqual({ ok: false, error: '权重『100.01』超过 100 分' })
    expect(parseWeight('十分').ok).toBe(false)
  })
})

describe('row checks (mirror core check_indicators)', () => {
  it('accepts a complete row', () => {
    expect(checkIndicators([row({}), row({ level1: '效益指标', level2: '社会效益指标', name: '安全', nature: '定性', value: '明显', unit: '' })])).toEqual([])
  })

  it('names the row and column of each problem', () => {
    const problems = checkIndicators([
      row({}),
      row({ name: ' ', value: '约五十' }),
      row({ level1: '效益指标', level2: '数量指标', name: '受益学生', unit: '' }),
      row({ name: '维修改造学校数' }),
    ])
    expect(problems).toEqual([
      { row: 2, column: '三级指标', message: '请填写三级指标名称' },
      { row: 2, column: '指标值', message: '『约五十』不是数字，请填写如 95 或 98.5 的数值' },
      {
        row: 3,
        column: '二级指标',
        message: '「数量指标」不属于「效益指标」，请选择经济效益指标 / 社会效益指标 / 生态效益指标 / 可持续影响指标',
      },
      { row: 3, column: '计量单位', message: '定量指标请填写计量单位（如 %、人、个）' },
      { row: 4, column: '三级指标', message: '「数量指标」下已有同名指标「维修改造学校数」' },
    ])
  })
})

describe('量化率', () => {
  it('is 83.70% for 1176 quantitative of 1405 (half up, as core)', () => {
    expect(rateBp(1176, 1405)).toBe(8370)
    expect(rateBp(2, 3)).toBe(6667)
    expect(rateBp(0, 0)).toBeNull()
    expect(formatRate(8370)).toBe('83.70%')
    expect(formatRate(null)).toBe('—')
  })
})
