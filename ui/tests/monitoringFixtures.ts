/** Rounds, task rows and sheets for the 运行监控 screens' tests. */
import type { Round } from '../src/api/bindings/Round'
import type { SheetIndicator } from '../src/api/bindings/SheetIndicator'
import type { TaskRow } from '../src/api/bindings/TaskRow'
import type { MonitoringSheet } from '../src/api/monitoring'

export function round(over: Partial<Round>): Round {
  return {
    id: 'r1',
    fiscal_year: 2025,
    cutoff_month: 8,
    kind: '自行监控',
    due_date: '2025-09-10',
    status: '进行中',
    note: '',
    tasks: 533,
    submitted: 120,
    approved: 80,
    ...over,
  }
}

export function taskRow(over: Partial<TaskRow>): TaskRow {
  return {
    id: 'k1',
    round_id: 'r1',
    target_id: 't1',
    project_id: 'p1',
    code: '2025-JY-001',
    name: '义务教育营养餐',
    unit_id: 'u3',
    unit_name: '城关小学',
    status: '待填报',
    budget: 10000_000000,
    executed: 7317_000000,
    forecast: null,
    execution_bp: 7317,
    time_progress_bp: 6667,
    completion_bp: 6000,
    deviation_bp: 1317,
    warning: '绿灯',
    actions: 0,
    return_reason: '',
    ...over,
  }
}

export function sheetIndicator(over: Partial<SheetIndicator>): SheetIndicator {
  return {
    id: 'i1',
    seq: 1,
    level1: '产出指标',
    level2: '数量指标',
    name: '改造农田面积',
    nature: '≥',
    value: '5000',
    value_high: null,
    unit: '亩',
    weight_cp: null,
    actual: null,
    forecast: null,
    deviation_reason: null,
    possibility: null,
    measures: '',
    completion_bp: null,
    ...over,
  }
}

export function sheet(over: Partial<MonitoringSheet> = {}): MonitoringSheet {
  return {
    task: taskRow({ executed: null, execution_bp: null, completion_bp: null, deviation_bp: null, warning: null }),
    cutoff_month: 8,
    round_open: true,
    indicators: [
      sheetIndicator({}),
      sheetIndicator({ id: 'i2', seq: 2, level1: '效益指标', level2: '社会效益指标', name: '群众满意程度', nature: '定性', value: '明显提升', unit: '' }),
    ],
    actions: [],
    ...over,
  }
}
