import type { OrgUnit } from '../src/api/bindings/OrgUnit'
import type { Project } from '../src/api/bindings/Project'
import type { SystemStatus } from '../src/api/system'
import type { MyAccess } from '../src/api/bindings/MyAccess'
import type { ExAnteAspect } from '../src/api/bindings/ExAnteAspect'
import type { EvaluationRules } from '../src/api/bindings/EvaluationRules'

/** The built-in 事前评估 score sheet (mirrors `rules::default_exante_aspects`). */
export const DEFAULT_ASPECTS: ExAnteAspect[] = [
  ['立项必要性', ['政策相符性', '需求紧迫性', '职能相关性', '不可替代性']],
  ['投入经济性', ['成本测算合理性', '投入产出比', '资金规模适当性', '成本控制措施']],
  ['绩效目标合理性', ['目标明确性', '指标细化量化', '目标与任务匹配', '目标值合理性']],
  ['实施方案可行性', ['实施内容明确', '组织管理健全', '进度安排合理', '风险防控措施']],
  ['筹资合规性', ['资金来源合规', '筹资结构合理', '财政承受能力', '配套资金落实']],
].map(([name, items]) => ({ name: name as string, items: (items as string[]).map((i) => ({ name: i, max_cp: 500 })) }))

/** 绩效评价 rules (mirrors `EvaluationRules::default`, without the key-evaluation templates). */
export const EVALUATION_RULES: EvaluationRules = {
  spot_gap_cp: 1000,
  key_templates: [],
  agency_review: {
    plan_max_cp: 2000,
    papers_max_cp: 2000,
    report_max_cp: 3000,
    timeliness_max_cp: 1500,
    integrity_max_cp: 1500,
    excellent_min_cp: 9000,
    pass_min_cp: 6000,
    exclude_after_fails: 2,
  },
}

export const STATUS: SystemStatus = {
  db_path: '/home/user/.local/share/jixiao/jixiao.db',
  schema_version: 2,
  app_version: '0.1.0',
  account_count: 3,
  pending_admin: null,
  has_data: true,
  years: [2024, 2025],
  unit_count: 3,
  project_count: 2,
}

export const UNITS: OrgUnit[] = [
  { id: 'u-fin', code: '100', name: '县财政局', parent_id: null, kind: '主管部门', contact: '', phone: '', project_count: 0 },
  { id: 'u-jx', code: '102', name: '绩效股', parent_id: 'u-fin', kind: '财政局股室', contact: '', phone: '', project_count: 0 },
  { id: 'u-edu', code: '201', name: '县教育局', parent_id: null, kind: '主管部门', contact: '李四', phone: '0635-1234567', project_count: 2 },
  { id: 'u-school', code: '201001', name: '县第一中学', parent_id: 'u-edu', kind: '预算单位', contact: '', phone: '', project_count: 1 },
]

export function project(over: Partial<Project>): Project {
  return {
    id: 'p1',
    fiscal_year: 2025,
    code: '2025-JY-001',
    name: '义务教育学校校舍维修改造',
    unit_id: 'u-school',
    unit_code: '201001',
    unit_name: '县第一中学',
    budget_type: '一般公共预算',
    category: '特定目标类',
    new_or_continuing: '新增',
    period_start: 2025,
    period_end: 2025,
    initial_budget: 1286500000,
    adjusted_budget: 1286500000,
    fund_source: '财政拨款',
    is_special_bond: false,
    grade: 'A',
    managing_dept_id: null,
    managing_dept_name: null,
    updated_at: '2025-03-01T10:00:00+08:00',
    exante_conclusion: null,
    ...over,
  }
}

/** 张三 of the 绩效股 (绩效管理) at the bureau: what `access_me` / `access_login` return. */
export const ME: MyAccess = {
  account_id: 'acct-zs',
  login: 'zhangsan',
  name: '张三',
  dept: '绩效股',
  roles: ['绩效管理'],
  unit_id: null,
  unit_name: null,
  perms: [
    '基础数据（年度、单位）', '项目管理', '规则设置', '指标库维护', '事前绩效评估', '绩效目标编制与提交',
    '绩效目标审核与批复', '监控轮次开启与关闭', '监控情况表填报', '监控审核与财政处理', '发起年度自评',
    '自评表填报', '自评审核', '抽查复核', '重点评价', '第三方机构管理', '文书与文号', '整改反馈',
    '整改台账与销号', '预算挂钩', '信息公开', '数据交换',
  ],
  site_kind: '财政局',
  site_unit_name: null,
}

/** The 系统管理员: accounts, backups, 本机身份 — no business screen. */
export const ADMIN: MyAccess = {
  ...ME,
  account_id: 'acct-admin',
  login: 'admin',
  name: '周管理',
  dept: '信息股',
  roles: ['系统管理员'],
  perms: ['用户管理', '系统维护（备份、恢复、本机身份）'],
}
