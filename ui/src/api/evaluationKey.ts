/**
 * 绩效评价 › 财政重点评价 and 第三方机构 commands. Scores go out and come back as integer
 * centi-points, amounts as integer 分 (the forms parse 万元 text exactly with `wanTextToFen`).
 */
import { call } from './invoke'
import type { AgencyInput } from './bindings/AgencyInput'
import type { AgencyRelation } from './bindings/AgencyRelation'
import type { AgencyRow } from './bindings/AgencyRow'
import type { EngagementInput } from './bindings/EngagementInput'
import type { EngagementReview } from './bindings/EngagementReview'
import type { EngagementStatus } from './bindings/EngagementStatus'
import type { EngagementView } from './bindings/EngagementView'
import type { FindingInput } from './bindings/FindingInput'
import type { KeyEval } from './bindings/KeyEval'
import type { KeyEvalInput } from './bindings/KeyEvalInput'
import type { KeyEvalPage } from './bindings/KeyEvalPage'
import type { KeyEvalQuery } from './bindings/KeyEvalQuery'
import type { KeyItemInput } from './bindings/KeyItemInput'
import type { KeyPlanInput } from './bindings/KeyPlanInput'
import type { KeyStats } from './bindings/KeyStats'
import type { ReviewInput } from './bindings/ReviewInput'

export const keyApi = {
  list: (query: KeyEvalQuery) => call<KeyEvalPage>('evaluation_key_list', { query }),
  get: (id: string) => call<KeyEval>('evaluation_key_get', { id }),
  /** Copies the kind's score sheet from the rule set in force; status 计划. */
  create: (input: KeyEvalInput) => call<KeyEval>('evaluation_key_create', { input }),
  updatePlan: (id: string, input: KeyPlanInput) => call<KeyEval>('evaluation_key_update_plan', { id, input }),
  /** Replaces the sheet; 扣分 rows are scored by the backend from their actual value. */
  saveSheet: (id: string, items: KeyItemInput[]) => call<KeyEval>('evaluation_key_save_sheet', { id, items }),
  saveFindings: (id: string, findings: FindingInput[]) =>
    call<KeyEval>('evaluation_key_save_findings', { id, findings }),
  saveTexts: (id: string, summary: string, unitFeedback: string) =>
    call<KeyEval>('evaluation_key_save_texts', { id, summary, unitFeedback }),
  /** 计划 → 实施 → 报告初稿 → 单位反馈 → 定稿 (total and grade stored at 定稿). */
  advance: (id: string) => call<KeyEval>('evaluation_key_advance', { id }),
  /** One step back, with a reason. */
  returnBack: (id: string, reason: string) => call<KeyEval>('evaluation_key_return', { id, reason }),
  stats: (year: number) => call<KeyStats>('evaluation_key_stats', { year }),
  /** Returns the number of item rows written. */
  exportSheet: (id: string, path: string) => call<number>('evaluation_key_export_sheet', { id, path }),
}

export const agencyApi = {
  list: () => call<AgencyRow[]>('evaluation_agency_list'),
  save: (input: AgencyInput) => call<AgencyRow>('evaluation_agency_save', { input }),
  addRelation: (agencyId: string, unitId: string, note: string) =>
    call<AgencyRelation>('evaluation_agency_add_relation', { agencyId, unitId, note }),
  removeRelation: (relationId: string) => call<void>('evaluation_agency_remove_relation', { relationId }),
  /** Latest contract first; of one agency when `agencyId` is given. */
  engagements: (agencyId: string | null) => call<EngagementView[]>('evaluation_agency_engagements', { agencyId }),
  engage: (input: EngagementInput) => call<EngagementView>('evaluation_agency_engage', { input }),
  removeEngagement: (engagementId: string) => call<void>('evaluation_agency_remove_engagement', { engagementId }),
  setEngagementStatus: (engagementId: string, status: EngagementStatus) =>
    call<EngagementView>('evaluation_agency_set_engagement_status', { engagementId, status }),
  review: (input: ReviewInput) => call<EngagementReview>('evaluation_agency_review', { input }),
}
