/**
 * 绩效评价 commands (`src-tauri/src/commands/evaluation.rs`): 单位自评 (start, paged list,
 * coverage, the form with save / submit / return, the 自评表 workbook), 财政抽查复核 (draw, the
 * current draw, verify, one drawn form and its review) and the year's figures. Scores come back
 * as centi-points computed by core; amounts go out as the 万元 text typed.
 */
import { call } from './invoke'
import type { CoverageRow } from './bindings/CoverageRow'
import type { DrawInput } from './bindings/DrawInput'
import type { DrawSummary } from './bindings/DrawSummary'
import type { EvaluationListRow } from './bindings/EvaluationListRow'
import type { EvaluationStats } from './bindings/EvaluationStats'
import type { ImportReport } from './bindings/ImportReport'
import type { SelfEvalForm } from './bindings/SelfEvalForm'
import type { SelfEvalInput } from './bindings/SelfEvalInput'
import type { Page } from './bindings/Page'
import type { SelfEvalRow } from './bindings/SelfEvalRow'
import type { SelfEvalQuery } from './bindings/SelfEvalQuery'
import type { SpotDetail } from './bindings/SpotDetail'
import type { SpotReviewInput } from './bindings/SpotReviewInput'
import type { StartReport } from './bindings/StartReport'

export const evaluationApi = {
  /** Makes the year's missing forms (one per approved target); says how many were new. */
  selfStart: (year: number) => call<StartReport>('evaluation_self_start', { year }),
  selfList: (query: SelfEvalQuery) => call<Page<SelfEvalRow>>('evaluation_self_list', { query }),
  /** Per unit: 应评 / 已提交 / 未提交, units with something outstanding first. */
  selfCoverage: (year: number) => call<CoverageRow[]>('evaluation_self_coverage', { year }),
  selfGet: (id: string) => call<SelfEvalForm>('evaluation_self_get', { id }),
  /** Rejects with Rejected (1-based item row or 0, column 分值/实际完成值/…) or Invalid. */
  selfSave: (id: string, input: SelfEvalInput) => call<SelfEvalForm>('evaluation_self_save', { id, input }),
  selfSubmit: (id: string) => call<SelfEvalForm>('evaluation_self_submit', { id }),
  selfReturn: (id: string, reason: string) => call<SelfEvalForm>('evaluation_self_return', { id, reason }),
  /** Rejects with Rejected and every problem when any row is bad (nothing imported). */
  selfImport: (path: string, year: number, submit = false, unit: string | null = null) =>
    call<ImportReport>('evaluation_self_import', { path, year, submit, unit }),
  /** Returns the number of rows written. */
  selfExport: (path: string, year: number) => call<number>('evaluation_self_export', { path, year }),
  spotDraw: (input: DrawInput) => call<DrawSummary>('evaluation_spot_draw', { input }),
  spotCurrent: (year: number) => call<DrawSummary | null>('evaluation_spot_current', { year }),
  /** Re-runs the recorded draw: true when it gives the same list. */
  spotVerify: (id: string) => call<boolean>('evaluation_spot_verify', { id }),
  spotGet: (id: string) => call<SpotDetail>('evaluation_spot_get', { id }),
  spotReview: (id: string, input: SpotReviewInput) => call<SpotDetail>('evaluation_spot_review', { id, input }),
  stats: (year: number) => call<EvaluationStats>('evaluation_stats', { year }),
  list: (year: number) => call<EvaluationListRow[]>('evaluation_list', { year }),
}
