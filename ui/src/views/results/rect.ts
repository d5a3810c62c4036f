/**
 * The 整改 workflow as the screens show it: states in order with their tag colours, and which
 * step buttons an item's state allows (mirrors `results::rectification::flow`; core refuses the
 * rest anyway).
 */
import type { RectStatus } from '../../api/bindings/RectStatus'
import type { RectStep } from '../../api/results'

export const RECT_STATUSES: readonly RectStatus[] = ['下达', '整改中', '已反馈', '已核实', '退回', '销号']

export const RECT_STATUS_TAG: Record<RectStatus, 'primary' | 'success' | 'warning' | 'info' | 'danger'> = {
  下达: 'info',
  整改中: 'primary',
  已反馈: 'warning',
  已核实: 'success',
  退回: 'danger',
  销号: 'success',
}

/** Pie colours per state (same hues as the tags). */
export const RECT_STATUS_COLOR: Record<RectStatus, string> = {
  下达: '#909399',
  整改中: '#409eff',
  已反馈: '#e6a23c',
  已核实: '#67c23a',
  退回: '#f56c6c',
  销号: '#2e7d32',
}

export interface StepButton {
  step: RectStep
  label: string
  type: 'primary' | 'success' | 'warning' | 'danger' | 'default'
  /** The text box the step needs: the unit's report, or the bureau's note. */
  text?: 'feedback' | 'note'
  /** A note that must not be empty. */
  required?: boolean
}

export function stepsFor(status: RectStatus): StepButton[] {
  switch (status) {
    case '下达':
      return [{ step: 'start', label: '开始整改', type: 'primary' }]
    case '退回':
      return [{ step: 'start', label: '重新整改', type: 'primary' }]
    case '整改中':
      return [{ step: 'report', label: '提交整改反馈', type: 'primary', text: 'feedback', required: true }]
    case '已反馈':
      return [
        { step: 'verify', label: '核实通过', type: 'success', text: 'note' },
        { step: 'reject', label: '退回整改', type: 'danger', text: 'note', required: true },
      ]
    case '已核实':
      return [{ step: 'close', label: '销号', type: 'success' }]
    case '销号':
      return []
  }
}

/** Content (problem, measure, 责任人, 完成时限) can be edited until the unit reports. */
export function editable(status: RectStatus): boolean {
  return status === '下达' || status === '整改中' || status === '退回'
}

