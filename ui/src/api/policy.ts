/** 政策 commands: the register and its 政策事前评估. Amounts go out as 万元 text, 分 come back. */
import { call } from './invoke'
import type { ExAnteAssessment } from './bindings/ExAnteAssessment'
import type { ExAnteInput } from './bindings/ExAnteInput'
import type { ExAnteSheet } from './bindings/ExAnteSheet'
import type { ImportReport } from './bindings/ImportReport'
import type { Page } from './bindings/Page'
import type { Policy } from './bindings/Policy'
import type { PolicyExAnteSheet } from './bindings/PolicyExAnteSheet'
import type { PolicyInput } from './bindings/PolicyInput'
import type { PolicyQuery } from './bindings/PolicyQuery'

export const policyApi = {
  list: (query: PolicyQuery) => call<Page<Policy>>('policy_list', { query }),
  get: (id: string) => call<Policy>('policy_get', { id }),
  create: (input: PolicyInput) => call<Policy>('policy_create', { input }),
  update: (id: string, input: PolicyInput) => call<Policy>('policy_update', { id, input }),
  delete: (id: string) => call<void>('policy_delete', { id }),
  /** Rejects with every problem when any row is bad (nothing imported). */
  import: (path: string) => call<ImportReport>('policy_import', { path }),
  /** Returns the number of policies written. */
  export: (path: string, year: number | null) => call<number>('policy_export', { path, year }),
  exanteGet: (policyId: string) => call<PolicyExAnteSheet>('policy_exante_get', { policyId }),
  /** Creates or updates; total and conclusion are computed by the backend. */
  exanteSave: (policyId: string, input: ExAnteInput) =>
    call<ExAnteAssessment>('policy_exante_save', { policyId, input }),
  exanteDelete: (policyId: string) => call<void>('policy_exante_delete', { policyId }),
}

/**
 * A policy's score sheet in the shape the 事前评估 drawer shows: the policy stands in the
 * project's place (名称, 主管部门, 起止年度, 资金规模合计); nothing here is computed.
 */
export function policySheetAsProjectSheet(s: PolicyExAnteSheet): ExAnteSheet {
  const p = s.policy
  return {
    project: {
      id: p.id,
      fiscal_year: p.start_year,
      code: p.doc_no,
      name: p.name,
      unit_id: p.dept_unit_id,
      unit_code: p.dept_unit_code,
      unit_name: p.dept_unit_name,
      budget_type: '一般公共预算',
      category: '特定目标类',
      new_or_continuing: '新增',
      period_start: p.start_year,
      period_end: p.end_year,
      initial_budget: p.total_fen,
      adjusted_budget: p.total_fen,
      fund_source: '',
      is_special_bond: false,
      grade: null,
      managing_dept_id: null,
      managing_dept_name: null,
      updated_at: p.updated_at,
      exante_conclusion: p.exante_conclusion,
    },
    required_by: null,
    designation_reason: null,
    rule_version: s.rule_version,
    aspects: s.aspects,
    assessment: s.assessment,
    current_rule_version: s.current_rule_version,
    current_rules: s.current_rules,
  }
}
