/** Fixed choices and Chinese labels shared by forms, filters and tables. */
import type { AssessorType } from '../api/bindings/AssessorType'
import type { BudgetType } from '../api/bindings/BudgetType'
import type { ExAnteConclusion } from '../api/bindings/ExAnteConclusion'
import type { NewOrContinuing } from '../api/bindings/NewOrContinuing'
import type { ProjectCategory } from '../api/bindings/ProjectCategory'
import type { ProjectGrade } from '../api/bindings/ProjectGrade'
import type { UnitKind } from '../api/bindings/UnitKind'

export const UNIT_KINDS: readonly UnitKind[] = ['财政局股室', '主管部门', '预算单位', '乡镇', '第三方机构']

/** Kinds that may own projects (mirrors `UnitKind::owns_projects` in core). */
export const PROJECT_OWNER_KINDS: readonly UnitKind[] = ['主管部门', '预算单位', '乡镇']

export const UNIT_KIND_TAG: Record<UnitKind, 'primary' | 'success' | 'warning' | 'info' | 'danger'> = {
  财政局股室: 'danger',
  主管部门: 'primary',
  预算单位: 'success',
  乡镇: 'warning',
  第三方机构: 'info',
}

export const BUDGET_TYPES: readonly BudgetType[] = [
  '一般公共预算',
  '政府性基金预算',
  '国有资本经营预算',
  '社保基金预算',
]
export const CATEGORIES: readonly ProjectCategory[] = ['运转类', '特定目标类']
export const NEW_OR_CONTINUING: readonly NewOrContinuing[] = ['新增', '延续']
export const GRADES: readonly ProjectGrade[] = ['A', 'B', 'C']
export const FUND_SOURCES: readonly string[] = ['财政拨款', '上级转移支付', '政府性基金', '专项债券', '其他']

/** 事前评估 conclusions and their tag colours (未评估 is shown orange, `warning`). */
export const EXANTE_CONCLUSIONS: readonly ExAnteConclusion[] = ['予以支持', '调整完善后予以支持', '不予支持']
export const CONCLUSION_TAG: Record<ExAnteConclusion, 'success' | 'primary' | 'danger'> = {
  予以支持: 'success',
  调整完善后予以支持: 'primary',
  不予支持: 'danger',
}
export const ASSESSOR_TYPES: readonly AssessorType[] = ['财政', '单位', '第三方机构']

/** 操作日志 `action` → 动作. */
export const AUDIT_ACTIONS: Record<string, string> = {
  create: '新增',
  update: '修改',
  move: '移动',
  delete: '删除',
  import: '导入',
  install: '载入',
  advance: '推进',
  return: '退回',
}

/** 操作日志 `entity` → 对象. */
export const AUDIT_ENTITIES: Record<string, string> = {
  org_unit: '单位',
  project: '项目',
  fiscal_year: '预算年度',
  rule_set: '规则',
  exante_assessment: '事前评估',
  exante_designation: '事前评估指定',
  operator: '操作员',
  library: '指标库',
  indicator_category: '指标分类',
  library_indicator: '指标',
  library_case: '案例',
  key_eval: '重点评价',
  key_eval_item: '重点评价评分表',
  key_eval_finding: '重点评价问题',
  agency: '第三方机构',
  agency_relation: '机构关联关系',
  engagement: '第三方委托',
  engagement_review: '机构质量评价',
}
