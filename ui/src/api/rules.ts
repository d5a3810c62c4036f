/** 规则设置 commands. */
import { call } from './invoke'
import type { EvaluationRules } from './bindings/EvaluationRules'
import type { ReviewRules } from './bindings/ReviewRules'
import type { RuleSet } from './bindings/RuleSet'
import type { RuleSetVersion } from './bindings/RuleSetVersion'

/**
 * RuleSet as sent/received: centi-points (*_cp), basis points (*_bp), 分 (threshold). The
 * 绩效评价 and 智能审核 parts may be left out: core then keeps their defaults (`#[serde(default)]`).
 */
export type RuleSetData = Omit<RuleSet, 'evaluation' | 'review'> & { evaluation?: EvaluationRules; review?: ReviewRules }
export type RuleSetVersionData = Omit<RuleSetVersion, 'rules'> & { rules: RuleSetData }

export const rulesApi = {
  /** version 0 = the built-in defaults (nothing saved yet). */
  current: () => call<RuleSetVersionData>('rules_current'),
  versions: () => call<RuleSetVersionData[]>('rules_versions'),
  save: (rules: RuleSetData, note: string) =>
    call<RuleSetVersionData>('rules_save', { rules, note }),
}
