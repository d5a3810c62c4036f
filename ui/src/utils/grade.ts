/**
 * 评价等级 and scores on screen: the four grades in order with their tag colours, and a score in
 * centi-points as "89.50" (the grade itself always comes from core's half-open bands).
 */
import type { Grade } from '../api/bindings/Grade'
import type { SelfEvalStatus } from '../api/bindings/SelfEvalStatus'
import { formatHundredths } from './convert'

export const EVAL_GRADES: readonly Grade[] = ['优', '良', '中', '差']

export const GRADE_TAG: Record<Grade, 'success' | 'primary' | 'warning' | 'danger'> = {
  优: 'success',
  良: 'primary',
  中: 'warning',
  差: 'danger',
}

/** Tag colour of a grade given as text (`grades` maps, list rows); info for anything else. */
export function gradeTag(g: string | null | undefined): 'success' | 'primary' | 'warning' | 'danger' | 'info' {
  return g && g in GRADE_TAG ? GRADE_TAG[g as Grade] : 'info'
}

/** 8950 → "89.50"; "—" when not scored yet. */
export function scoreText(cp: number | null | undefined): string {
  return cp === null || cp === undefined ? '—' : formatHundredths(cp)
}

export const SELF_STATUSES: readonly SelfEvalStatus[] = ['待填报', '填报中', '已提交', '已退回']

export const SELF_STATUS_TAG: Record<SelfEvalStatus, 'info' | 'warning' | 'success' | 'danger'> = {
  待填报: 'info',
  填报中: 'warning',
  已提交: 'success',
  已退回: 'danger',
}

/** review − self: -1250 → "-12.50", 300 → "+3.00", 0 → "0.00"; "—" before the review. */
export function gapText(cp: number | null | undefined): string {
  if (cp === null || cp === undefined) return '—'
  return `${cp > 0 ? '+' : ''}${formatHundredths(cp)}`
}
