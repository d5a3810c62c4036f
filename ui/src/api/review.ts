/**
 * 智能审核 commands (`src-tauri/src/commands/review.rs`): findings of the target review, the
 * 疑点清单 with 排除 / 转整改, 推荐指标, 引用次数 and the rule catalog. Core decides everything;
 * screens only show it.
 */
import { call } from './invoke'
import type { Finding } from './bindings/Finding'
import type { RectRow } from './bindings/RectRow'
import type { ReviewRuleInfo } from './bindings/ReviewRuleInfo'
import type { Risk } from './bindings/Risk'
import type { RiskDecision } from './bindings/RiskDecision'
import type { RiskRectInput } from './bindings/RiskRectInput'
import type { Suggestion } from './bindings/Suggestion'

export const reviewApi = {
  /** Findings of one target under the rule set in force (row = 1-based 序号, null = whole target). */
  target: (id: string) => call<Finding[]>('review_target', { id }),
  year: (year: number) => call<Finding[]>('review_year', { year }),
  risks: (year: number) => call<Risk[]>('review_risks', { year }),
  decisions: (year: number) => call<RiskDecision[]>('review_risk_decisions', { year }),
  /** Rejects with code "Invalid" (排除理由) or "Forbidden". */
  dismiss: (year: number, key: string, reason: string) => call<void>('review_risk_dismiss', { year, key, reason }),
  rectify: (year: number, key: string, input: RiskRectInput) =>
    call<RectRow>('review_risk_rectify', { year, key, input }),
  /** `project` = project id (or 项目编码 of `year`). */
  suggest: (project: string, year: number) => call<Suggestion[]>('review_suggest', { project, year }),
  libraryUses: (year: number) => call<[string, number][]>('review_library_uses', { year }),
  catalog: () => call<ReviewRuleInfo[]>('review_rule_catalog'),
}
