/** Targets as core returns them, for the 绩效目标 specs. */
import type { Target } from '../src/api/bindings/Target'
import type { TargetIndicator } from '../src/api/bindings/TargetIndicator'
import type { TargetRow } from '../src/api/bindings/TargetRow'
import type { RuleSetVersionData } from '../src/api/rules'
import { settle } from './helpers'
import { DEFAULT_ASPECTS, EVALUATION_RULES } from './fixtures'

export function indicator(over: Partial<TargetIndicator>): TargetIndicator {
  return {
    id: 'i1',
    seq: 1,
    level1: '产出指标',
    level2: '数量指标',
    name: '维修改造学校数',
    nature: '≥',
    value: '12',
    value_high: null,
    unit: '所',
    weight_cp: 2000,
    library_id: null,
    is_core: false,
    ...over,
  }
}

export function target(over: Partial<Target>): Target {
  return {
    id: 't1',
    fiscal_year: 2025,
    kind: '项目',
    project_id: 'p1',
    project_code: '2025-JY-001',
    project_name: '义务教育学校校舍维修改造',
    project_grade: 'B',
    project_budget: 1286500000,
    unit_id: 'u-school',
    unit_code: '201001',
    unit_name: '县第一中学',
    version: 1,
    is_current: true,
    previous_id: null,
    status: '编制',
    overall_goal: '完成12所学校校舍维修改造',
    adjustment_reason: '',
    reduction: 0,
    is_public: true,
    not_public_reason: '',
    first_approved_by: null,
    approved_by: null,
    approved_at: null,
    submitted_at: null,
    updated_at: '2025-03-01T10:00:00+08:00',
    indicators: [
      indicator({}),
      indicator({
        id: 'i2',
        seq: 2,
        level1: '效益指标',
        level2: '社会效益指标',
        name: '校舍安全状况',
        nature: '定性',
        value: '明显改善',
        unit: '',
        weight_cp: null,
      }),
    ],
    comments: [],
    quantification_bp: 5000,
    needs_second_reviewer: false,
    approval_block: null,
    ...over,
  }
}

export function targetRow(over: Partial<TargetRow>): TargetRow {
  return {
    target_id: 't1',
    project_id: 'p1',
    unit_id: 'u-school',
    code: '2025-JY-001',
    name: '义务教育学校校舍维修改造',
    unit_name: '县第一中学',
    budget: 1286500000,
    grade: 'B',
    status: '编制',
    version: 1,
    indicators: 2,
    quantitative: 1,
    quantification_bp: 5000,
    open_comments: 0,
    is_public: true,
    exante_conclusion: null,
    ...over,
  }
}

export const RULES: RuleSetVersionData = {
  version: 1,
  rules: {
    grade_bands: { excellent_min_cp: 9000, good_min_cp: 8000, fair_min_cp: 6000 },
    self_eval_weights: { execution_cp: 1000, output_cp: 5000, benefit_cp: 3000, satisfaction_cp: 1000 },
    ex_ante: { threshold: 300_000_000, support_min_cp: 9000, revise_min_cp: 7000, aspects: DEFAULT_ASPECTS, policy_aspects: DEFAULT_ASPECTS, bond_aspects: DEFAULT_ASPECTS },
    quantification_floor_bp: 7000,
    warning: { yellow_lag_bp: 1500, red_lag_bp: 3000 },
    spot_check_share_bp: 1000,
    evaluation: EVALUATION_RULES,
  },
  note: '',
  created_by: '张三',
  created_at: '2025-03-01T10:00:00+08:00',
}

/** Opens an Element Plus select and clicks the option showing `label`, as a user does. */
export async function pickOption(select: Element | null, label: string) {
  if (!select) throw new Error('no select')
  const wrapper = select.querySelector('.el-select__wrapper') ?? select
  wrapper.dispatchEvent(new MouseEvent('click', { bubbles: true }))
  await settle()
  const options = Array.from(document.querySelectorAll<HTMLElement>('.el-select-dropdown__item'))
  const option = options.find((o) => o.textContent?.trim().startsWith(label) && o.closest('.el-popper')?.getAttribute('aria-hidden') !== 'true')
  if (!option) throw new Error(`no option ${label} among ${options.map((o) => o.textContent).join(',')}`)
  option.dispatchEvent(new MouseEvent('click', { bubbles: true }))
  await settle()
}

/** Labels of the options of the select that is open now. */
export function openOptions(): string[] {
  return Array.from(document.querySelectorAll<HTMLElement>('.el-popper'))
    .filter((p) => p.getAttribute('aria-hidden') !== 'true' && p.style.display !== 'none')
    .flatMap((p) => Array.from(p.querySelectorAll<HTMLElement>('.el-select-dropdown__item')))
    .map((o) => o.textContent?.trim() ?? '')
}
