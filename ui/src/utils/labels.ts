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

