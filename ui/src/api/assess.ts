/**
 * 绩效管理工作考核 (`src-tauri/src/commands/assess.rs`): the year's table (computed live until
 * 定稿), hand items, 定稿, the score table and the 考核结果通报. Scores are centi-points.
 */
import { call } from './invoke'
import type { AssessKind } from './bindings/AssessKind'
import type { AssessTable } from './bindings/AssessTable'
import type { HandInput } from './bindings/HandInput'
import type { AssessItemScore } from './bindings/AssessItemScore'
import type { AssessRules } from './bindings/AssessRules'
import type { AssessRulesVersion } from './bindings/AssessRulesVersion'

export const assessApi = {
  run: (year: number, kind: AssessKind) => call<AssessTable>('assess_run', { year, kind }),
  /** Rejects with Invalid (bad score / missing reason) or Conflict (已定稿). */
  setHand: (input: HandInput) => call<AssessItemScore>('assess_set_hand', { input }),
  finalize: (year: number) => call<AssessTable[]>('assess_finalize', { year }),
  /** Returns the number of unit rows written. */
  export: (path: string, year: number) => call<number>('assess_export', { path, year }),
  /** Saves the 通报 (issued with its 文号 the first time); returns the 文号. */
  noticeSave: (year: number, path: string) => call<string>('assess_notice_save', { year, path }),
  /** Opens the 通报 in the PDF viewer; returns the 文号. */
  noticePrint: (year: number) => call<string>('assess_notice_print', { year }),
  /** The 考核 rule set in force (version 0 = built-in defaults). */
  rulesCurrent: () => call<AssessRulesVersion>('assess_rules_current'),
  /** Saves a new version; rejects with Rejected (each problem) when core refuses it. */
  rulesSave: (rules: AssessRules, note: string) => call<AssessRulesVersion>('assess_rules_save', { rules, note }),
}
