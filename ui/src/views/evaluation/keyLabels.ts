/** Fixed choices of 重点评价 and 第三方机构 (mirroring the text enums in core). */
import type { AgencyType } from '../../api/bindings/AgencyType'
import type { EngagementStatus } from '../../api/bindings/EngagementStatus'
import type { KeyKind } from '../../api/bindings/KeyKind'
import type { KeyMethod } from '../../api/bindings/KeyMethod'
import type { KeyStatus } from '../../api/bindings/KeyStatus'
import type { QualityGrade } from '../../api/bindings/QualityGrade'

export const KEY_KINDS: readonly KeyKind[] = ['项目', '部门整体', '政策', '乡镇']
export const KEY_KIND_LABEL: Record<KeyKind, string> = {
  项目: '项目评价',
  部门整体: '部门整体评价',
  政策: '政策评价',
  乡镇: '乡镇财政运行评价',
}
export const KEY_STATUSES: readonly KeyStatus[] = ['计划', '实施', '报告初稿', '单位反馈', '定稿']
export const KEY_METHODS: readonly KeyMethod[] = ['财政评价', '第三方机构评价']
export const STATUS_TAG: Record<KeyStatus, 'info' | 'primary' | 'warning' | 'success'> = {
  计划: 'info',
  实施: 'primary',
  报告初稿: 'warning',
  单位反馈: 'warning',
  定稿: 'success',
}

/** The step after / before each status (mirrors `next_status` / `previous_status`). */
export function nextStatus(s: KeyStatus): KeyStatus | null {
  const i = KEY_STATUSES.indexOf(s)
  return i >= 0 && i < KEY_STATUSES.length - 1 ? KEY_STATUSES[i + 1]! : null
}
export function previousStatus(s: KeyStatus): KeyStatus | null {
  const i = KEY_STATUSES.indexOf(s)
  return i > 0 && s !== '定稿' ? KEY_STATUSES[i - 1]! : null
}

export const FINDING_CATEGORIES: readonly string[] = ['预算管理', '资金使用', '绩效目标', '项目管理', '资产管理', '财务管理']

export const AGENCY_TYPES: readonly AgencyType[] = ['咨询机构', '会计师事务所', '资产评估机构', '律师事务所', '科研院所', '高等院校']
export const ENGAGEMENT_STATUSES: readonly EngagementStatus[] = ['已签约', '已交付', '已验收']
export const QUALITY_TAG: Record<QualityGrade, 'success' | 'primary' | 'danger'> = {
  优秀: 'success',
  合格: 'primary',
  不合格: 'danger',
}
