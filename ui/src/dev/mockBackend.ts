/**
 * DEV-ONLY in-memory stand-in for the Rust commands, so the screens can be previewed and
 * screenshotted in a plain browser (`vite`, or `vite build --mode mock`). Never bundled in a
 * production build (see main.ts). URL switches: `?mock=first` (first-start screen),
 * `?mock=reject` (imports are rejected with a problem list).
 */
import { mockIPC } from '@tauri-apps/api/mocks'
import type { InvokeArgs } from '@tauri-apps/api/core'
import type { Actor } from '../api/bindings/Actor'
import type { AuditEntry } from '../api/bindings/AuditEntry'
import type { OrgUnit } from '../api/bindings/OrgUnit'
import type { Project } from '../api/bindings/Project'
import type { ProjectInput } from '../api/bindings/ProjectInput'
import type { ProjectQuery } from '../api/bindings/ProjectQuery'
import type { UnitInput } from '../api/bindings/UnitInput'
import type { IpcError } from '../api/invoke'
import type { RuleSetData, RuleSetVersionData } from '../api/rules'
import type { SystemStatus } from '../api/system'
import { wanTextToFen } from '../utils/money'
import { libraryHandlers } from './mockLibrary'
import { exanteMock } from './mockExante'
import { keyMock } from './mockEvaluationKey'
import { targetHandlers } from './mockTargets'
import { resultsHandlers } from './mockResults'
import { documentsMock } from './mockDocuments'

const DEFAULT_RULES: RuleSetData = {
  grade_bands: { excellent_min_cp: 9000, good_min_cp: 8000, fair_min_cp: 6000 },
  self_eval_weights: { execution_cp: 1000, output_cp: 5000, benefit_cp: 3000, satisfaction_cp: 1000 },
  ex_ante: {
    threshold: 300_000_000,
    support_min_cp: 9000,
    revise_min_cp: 7000,
    aspects: (
      [
        ['立项必要性', ['政策相符性', '需求紧迫性', '职能相关性', '不可替代性']],
        ['投入经济性', ['成本测算合理性', '投入产出比', '资金规模适当性', '成本控制措施']],
        ['绩效目标合理性', ['目标明确性', '指标细化量化', '目标与任务匹配', '目标值合理性']],
        ['实施方案可行性', ['实施内容明确', '组织管理健全', '进度安排合理', '风险防控措施']],
        ['筹资合规性', ['资金来源合规', '筹资结构合理', '财政承受能力', '配套资金落实']],
      ] as const
    ).map(([name, items]) => ({ name, items: items.map((i) => ({ name: i, max_cp: 500 })) })),
  },
  quantification_floor_bp: 7000,
  warning: { yellow_lag_bp: 1500, red_lag_bp: 3000 },
  spot_check_share_bp: 1000,
  evaluation: {
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
  },
}

let nextId = 1
const newId = () => `mock-${(nextId++).toString().padStart(6, '0')}`
const now = () => new Date().toISOString().slice(0, 19) + '+08:00'

function fail(code: IpcError['code'], message: string, problems: IpcError['problems'] = []): never {
  throw { code, message, problems } satisfies IpcError
}

export function installMockBackend() {
  const mode = new URLSearchParams(window.location.search).get('mock')
  let operator: Actor | null = mode === 'first' ? null : { id: 'op1', name: '张三', dept: '绩效股' }
  let years = [2024, 2025]
  const units: OrgUnit[] = []
  const projects: Project[] = []
  const audit: AuditEntry[] = []
  const versions: RuleSetVersionData[] = [
    { version: 1, rules: DEFAULT_RULES, note: '按市局文件初始化', created_by: '张三', created_at: '2025-03-02T09:15:00+08:00' },
  ]

  const log = (action: string, entity: string, id: string | null, summary: string, before?: unknown, after?: unknown) =>
    audit.unshift({
      at: now(),
      operator_name: operator?.name ?? '系统',
      operator_dept: operator?.dept ?? '系统',
      action,
      entity,
      entity_id: id,
      summary,
      before_json: before === undefined ? null : JSON.stringify(before),
      after_json: after === undefined ? null : JSON.stringify(after),
    })

  const addUnit = (code: string, name: string, kind: OrgUnit['kind'], parent: string | null) => {
    const u: OrgUnit = { id: newId(), code, name, parent_id: parent, kind, contact: '', phone: '', project_count: 0 }
    units.push(u)
    return u
  }

  function seed() {
    const bureau = addUnit('100', '县财政局', '主管部门', null)
    for (const [c, n] of [['101', '预算股'], ['102', '绩效股'], ['103', '教科文股'], ['104', '农业股'], ['105', '社保股']] as const)
      addUnit(c, n, '财政局股室', bureau.id)
    const depts: [string, string, string[]][] = [
      ['201', '县教育局', ['县第一中学', '县实验小学', '县职业中专']],
      ['202', '县卫生健康局', ['县人民医院', '县中医院', '县疾病预防控制中心']],
      ['203', '县农业农村局', ['县农技推广中心', '县畜牧兽医站']],
      ['204', '县交通运输局', ['县公路事业发展中心']],
      ['205', '县民政局', ['县社会福利院']],
      ['206', '县水利局', ['县水利工程管理站']],
    ]
    for (const [code, name, subs] of depts) {
      const d = addUnit(code, name, '主管部门', null)
      subs.forEach((s, i) => addUnit(`${code}${String(i + 1).padStart(3, '0')}`, s, '预算单位', d.id))
    }
    const towns = addUnit('300', '乡镇', '主管部门', null)
    ;['城关镇', '东湖镇', '西山乡', '南岗镇'].forEach((t, i) => addUnit(`30${i + 1}`, t, '乡镇', towns.id))
    addUnit('900', '某会计师事务所', '第三方机构', null)

    const owners = units.filter((u) => u.kind !== '财政局股室' && u.kind !== '第三方机构')
    const names = ['校舍维修改造', '设备购置', '信息化建设', '人才培养', '公共卫生服务', '道路养护', '农田水利建设', '困难群众救助', '运转经费', '安全生产']
    for (let i = 0; i < 137; i++) {
      const u = owners[i % owners.length]!
      const year = 2025
      const initial = ((i * 7919) % 400000) * 10000 + 500000
      const p: Project = {
        id: newId(),
        fiscal_year: year,
        code: `${year}-${u.code}-${String(i + 1).padStart(3, '0')}`,
        name: `${u.name}${names[i % names.length]}项目`,
        unit_id: u.id,
        unit_code: u.code,
        unit_name: u.name,
        budget_type: i % 9 === 0 ? '政府性基金预算' : '一般公共预算',
        category: i % 4 === 0 ? '运转类' : '特定目标类',
        new_or_continuing: i % 3 === 0 ? '延续' : '新增',
        period_start: i % 5 === 0 ? 2024 : year,
        period_end: i % 7 === 0 ? 2027 : year,
        initial_budget: initial,
        adjusted_budget: i % 6 === 0 ? initial + 1_250_000 : initial,
        fund_source: i % 8 === 0 ? '上级转移支付' : '财政拨款',
        is_special_bond: false,
        grade: (['A', 'B', 'C', null] as const)[i % 4]!,
        managing_dept_id: null,
        managing_dept_name: null,
        updated_at: now(),
        exante_conclusion: null,
      }
      projects.push(p)
      u.project_count++
    }
    log('create', 'org_unit', units[0]!.id, '新增单位 100 县财政局', undefined, units[0])
    log('update', 'project', projects[0]!.id, `修改项目 ${projects[0]!.code}`, { adjusted_budget: 100 }, { adjusted_budget: 200 })
    log('import', 'project', null, '导入项目 137 条')
  }
  if (operator) seed()

  const status = (): SystemStatus => ({
    db_path: 'C:\\Users\\caizheng\\AppData\\Roaming\\jixiao\\jixiao.db',
    schema_version: 3,
    app_version: '0.1.0',
    operator,
    years,
    unit_count: units.length,
    project_count: projects.length,
  })

  const byId = (id: string) => units.find((u) => u.id === id) ?? fail('NotFound', '单位不存在')
  const sortUnits = () => units.sort((a, b) => a.code.localeCompare(b.code))
  const subtree = (id: string): Set<string> => {
    const out = new Set([id])
    let grew = true
    while (grew) {
      grew = false
      for (const u of units) if (u.parent_id && out.has(u.parent_id) && !out.has(u.id)) out.add(u.id), (grew = true)
    }
    return out
  }

  function unitSave(input: UnitInput, id: string | null): OrgUnit {
    if (!input.code.trim()) fail('Invalid', '『单位编码』不能为空', [{ row: 0, column: '单位编码', message: '不能为空' }])
    const dup = units.find((u) => u.code === input.code.trim() && u.id !== id)
    if (dup) fail('Conflict', `单位编码『${input.code}』已被『${dup.name}』使用，请换一个编码`)
    if (id) {
      const u = byId(id)
      Object.assign(u, { ...input })
      log('update', 'org_unit', id, `修改单位 ${u.code} ${u.name}`)
      return u
    }
    const u: OrgUnit = { id: newId(), ...input, project_count: 0 }
    units.push(u)
    sortUnits()
    log('create', 'org_unit', u.id, `新增单位 ${u.code} ${u.name}`, undefined, u)
    return u
  }

  function projectSave(input: ProjectInput, id: string | null): Project {
    const initial = wanTextToFen(input.initial_budget_wan)
    const adjusted = wanTextToFen(input.adjusted_budget_wan)
    if (initial === null)
      fail('Invalid', '『年初预算数（万元）』不是金额', [{ row: 0, column: '年初预算数（万元）', message: `不是金额：『${input.initial_budget_wan}』` }])
    if (adjusted === null)
      fail('Invalid', '『调整后预算数（万元）』不是金额', [{ row: 0, column: '调整后预算数（万元）', message: '不是金额' }])
    const dup = projects.find((p) => p.fiscal_year === input.fiscal_year && p.code === input.code && p.id !== id)
    if (dup) fail('Conflict', `${input.fiscal_year}年度已有项目编码『${input.code}』（${dup.name}），请换一个编码`)
    const u = byId(input.unit_id)
    const dept = input.managing_dept_id ? byId(input.managing_dept_id) : null
    const p: Project = {
      id: id ?? newId(),
      fiscal_year: input.fiscal_year,
      code: input.code,
      name: input.name,
      unit_id: u.id,
      unit_code: u.code,
      unit_name: u.name,
      budget_type: input.budget_type,
      category: input.category,
      new_or_continuing: input.new_or_continuing,
      period_start: input.period_start,
      period_end: input.period_end,
      initial_budget: initial,
      adjusted_budget: adjusted,
      fund_source: input.fund_source,
      is_special_bond: input.is_special_bond,
      grade: input.grade,
      managing_dept_id: dept?.id ?? null,
      managing_dept_name: dept?.name ?? null,
      updated_at: now(),
      exante_conclusion: id ? (projects.find((x) => x.id === id)?.exante_conclusion ?? null) : null,
    }
    const i = projects.findIndex((x) => x.id === p.id)
    if (i >= 0) projects[i] = p
    else (projects.unshift(p), u.project_count++)
    log(id ? 'update' : 'create', 'project', p.id, `${id ? '修改' : '新增'}项目 ${p.code} ${p.name}`, undefined, p)
    return p
  }

  function list(q: ProjectQuery) {
    const inUnit = q.unit_id ? subtree(q.unit_id) : null
    const min = q.min_wan ? wanTextToFen(q.min_wan) : null
    const max = q.max_wan ? wanTextToFen(q.max_wan) : null
    const s = q.search?.toLowerCase() ?? null
    const rows = projects
      .filter(
        (p) =>
          (q.year === null || p.fiscal_year === q.year) &&
          (!inUnit || inUnit.has(p.unit_id)) &&
          (!q.budget_type || p.budget_type === q.budget_type) &&
          (!q.category || p.category === q.category) &&
          (!q.grade || p.grade === q.grade) &&
          (min === null || p.adjusted_budget >= min) &&
          (max === null || p.adjusted_budget <= max) &&
          (!s || `${p.code} ${p.name} ${p.unit_name}`.toLowerCase().includes(s)),
      )
      .sort((a, b) => a.code.localeCompare(b.code))
    const start = (q.page - 1) * q.page_size
    return {
      total: rows.length,
      total_adjusted: rows.reduce((a, p) => a + p.adjusted_budget, 0),
      rows: q.page === 0 ? rows : rows.slice(start, start + q.page_size),
    }
  }

  const handlers: Record<string, (a: Record<string, any>) => unknown> = {
    system_status: () => status(),
    system_first_start: (a) => {
      operator = { id: 'op1', name: a.name, dept: a.dept }
      if (a.loadDemo) seed()
      else years = [new Date().getFullYear()]
      return status()
    },
    system_audit_list: (a) => audit.slice(0, a.limit),
    system_check: () => ({ ok: true, integrity: ['ok'], foreign_key_problems: [], evidence_problems: [], schema_version: 3 }),
    system_backup: (a) => a.dest,
    org_years: () => years,
    org_year_add: (a) => (years = [...new Set([...years, a.year])].sort()),
    org_units: () => units.map((u) => ({ ...u })),
    org_unit_create: (a) => unitSave(a.input, null),
    org_unit_update: (a) => unitSave(a.input, a.id),
    org_unit_move: (a) => {
      const u = byId(a.id)
      u.parent_id = a.parentId
      log('move', 'org_unit', u.id, `移动单位 ${u.code} ${u.name}`)
      return u
    },
    org_unit_delete: (a) => {
      const u = byId(a.id)
      if (units.some((x) => x.parent_id === u.id)) fail('Conflict', `『${u.name}』还有下级单位，请先删除或移走下级单位`)
      if (u.project_count > 0) fail('Conflict', `『${u.name}』还有 ${u.project_count} 个项目，不能删除`)
      units.splice(units.indexOf(u), 1)
      log('delete', 'org_unit', u.id, `删除单位 ${u.code} ${u.name}`, u)
      return null
    },
    projects_list: (a) => list(a.query),
    projects_get: (a) => projects.find((p) => p.id === a.id) ?? fail('NotFound', '项目不存在'),
    projects_create: (a) => projectSave(a.input, null),
    projects_update: (a) => projectSave(a.input, a.id),
    projects_delete: (a) => {
      const i = projects.findIndex((p) => p.id === a.id)
      if (i >= 0) projects.splice(i, 1)
      return null
    },
    rules_current: () => versions[versions.length - 1] ?? { version: 0, rules: DEFAULT_RULES, note: '', created_by: '', created_at: '' },
    rules_versions: () => versions,
    rules_save: (a) => {
      const v = { version: versions.length + 1, rules: a.rules, note: a.note, created_by: operator?.name ?? '', created_at: now() }
      versions.push(v)
      log('update', 'rule_set', null, `规则第 ${v.version} 版：${a.note}`)
      return v
    },
    ...exanteMock({
      projects,
      units,
      rules: () => (versions[versions.length - 1]?.rules ?? DEFAULT_RULES).ex_ante,
      version: () => versions.length,
    }),
    exchange_import: () =>
      mode === 'reject'
        ? fail('Rejected', '共3处错误，未导入任何数据', [
            { row: 3, column: '年初预算数（万元）', message: '不是金额：『约五十』，请填写万元数，如 1286.50' },
            { row: 7, column: '预算单位编码', message: '『209』不存在，请先在单位管理中新增' },
            { row: 12, column: '项目编码', message: '与第5行重复' },
          ])
        : { rows: 12, created: 8, updated: 3, unchanged: 1 },
    exchange_export: () => 42,
    exchange_template: () => null,
    ...libraryHandlers(newId, now),
    'plugin:dialog|open': () => 'C:\\Users\\caizheng\\Desktop\\项目导入.xlsx',
    'plugin:dialog|save': (a) => `C:\\Users\\caizheng\\Desktop\\${a.options?.defaultPath ?? '导出.xlsx'}`,
    ...targetHandlers({ units, projects, operator: () => operator, newId, now, fail }),
    ...resultsHandlers(fail, new Date().toISOString().slice(0, 10)),
    ...documentsMock(fail, newId, now),
    ...keyMock(),
  }

  mockIPC(async (cmd: string, payload?: InvokeArgs) => {
    await new Promise((r) => setTimeout(r, 120))
    const h = handlers[cmd]
    if (!h) fail('Internal', `（演示模式）没有模拟命令 ${cmd}`)
    return h((payload ?? {}) as Record<string, any>)
  })
  console.info('[jixiao] 演示模式：使用内存模拟数据，不连接数据库')
}
