import { describe, expect, it } from 'vitest'
import { completionPoints, executionHistogram, warningsByUnit } from '../src/views/monitoring/dashboardData'
import { taskRow } from './monitoringFixtures'

describe('运行监控 › 监控分析 series', () => {
  it('puts each 执行率 into its 10-point bin, 100% in 90–100% and over-spending in >100%', () => {
    const rows = [0, 999, 1000, 7317, 10_000, 12_000].map((bp, i) => taskRow({ id: `k${i}`, execution_bp: bp }))
    rows.push(taskRow({ id: 'none', execution_bp: null }))
    expect(executionHistogram(rows)).toEqual([2, 1, 0, 0, 0, 0, 0, 1, 0, 1, 1])
  })

  it('ranks units by 红灯 and counts each light', () => {
    const rows = [
      taskRow({ unit_id: 'a', unit_name: '城关小学', warning: '绿灯' }),
      taskRow({ unit_id: 'b', unit_name: '农业农村局', warning: '红灯' }),
      taskRow({ unit_id: 'b', unit_name: '农业农村局', warning: '黄灯' }),
      taskRow({ unit_id: 'a', unit_name: '城关小学', warning: null }),
    ]
    expect(warningsByUnit(rows)).toEqual([
      { unit: '农业农村局', red: 1, yellow: 1, green: 0 },
      { unit: '城关小学', red: 0, yellow: 0, green: 1 },
    ])
    expect(warningsByUnit(rows, 1)).toHaveLength(1)
  })

  it('plots only sheets with both rates, in percent', () => {
    const rows = [taskRow({}), taskRow({ completion_bp: null })]
    expect(completionPoints(rows)).toEqual([[73.17, 60, '2025-JY-001 义务教育营养餐']])
  })
})
