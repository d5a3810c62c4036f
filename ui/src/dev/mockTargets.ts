/**
 * DEV-ONLY stand-in for the 绩效目标 and 指标库-picker commands, added to the mock backend so the
 * targets screens can be previewed in a plain browser. A loose imitation of core (same shapes,
 * the client-side row checks, the "二上二下" transitions); core is the real judge.
 */
import type { Actor } from '../api/bindings/Actor'
import type { CommentInput } from '../api/bindings/CommentInput'
import type { IndicatorCategory } from '../api/bindings/IndicatorCategory'
import type { LibraryCaseDetail } from '../api/bindings/LibraryCaseDetail'
import type { LibraryIndicator } from '../api/bindings/LibraryIndicator'
import type { LibraryQuery } from '../api/bindings/LibraryQuery'
import type { OrgUnit } from '../api/bindings/OrgUnit'
import type { Project } from '../api/bindings/Project'
import type { StatusCount } from '../api/bindings/StatusCount'
import type { Target } from '../api/bindings/Target'
import type { TargetDraft } from '../api/bindings/TargetDraft'
import type { TargetIndicator } from '../api/bindings/TargetIndicator'
import type { TargetQuery } from '../api/bindings/TargetQuery'
import type { TargetRow } from '../api/bindings/TargetRow'
import type { IpcError } from '../api/invoke'
import { isQuantitative } from '../utils/indicatorLevels'
import { checkIndicators, parseValue, parseWeight } from '../utils/indicatorValue'
import { rateBp } from '../utils/rate'
import { wanTextToFen } from '../utils/money'

type Handlers = Record<string, (a: Record<string, any>) => unknown>
interface Ctx {
  units: OrgUnit[]
  projects: Project[]
  operator: () => Actor | null
  newId: () => string
  now: () => string
  fail: (code: IpcError['code'], message: string, problems?: IpcError['problems']) => never
}

const FLOOR_BP = 7000
const ORDER = ['未编制', '编制', '一上', '一下', '二上', '二下']

export function targetHandlers(c: Ctx): Handlers {
  const targets: Target[] = []
  const byId = (id: string) => targets.find((t) => t.id === id) ?? c.fail('NotFound', '找不到该绩效目标')
  const label = (t: Target) => (t.kind === '项目' ? `${t.project_code} ${t.project_name}` : `${t.unit_name}（部门整体）`)
  const withRate = (t: Target): Target => ({
    ...structuredClone(t),
    quantification_bp: rateBp(t.indicators.filter((i) => isQuantitative(i.nature)).length, t.indicators.length),
  })

  function blank(p: Project | null, u: OrgUnit, year: number): Target {
    return {
      id: c.newId(), fiscal_year: year, kind: p ? '项目' : '部门整体', project_id: p?.id ?? null,
      project_code: p?.code ?? null, project_name: p?.name ?? null, project_grade: p?.grade ?? null,
      project_budget: p?.adjusted_budget ?? null, unit_id: u.id, unit_code: u.code, unit_name: u.name,
      version: 1, is_current: true, previous_id: null, status: '编制', overall_goal: '', adjustment_reason: '',
      reduction: 0, is_public: true, not_public_reason: '', first_approved_by: null, approved_by: null,
      approved_at: null, submitted_at: null, updated_at: c.now(), indicators: [], comments: [],
      quantification_bp: null, needs_second_reviewer: p?.grade === 'A', approval_block: p && p.code.endsWith('7') ? '事前绩效评估结论为『不予支持』，不能批复该项目的绩效目标' : null,
    }
  }

  function write(t: Target, d: TargetDraft) {
    const problems = checkIndicators(d.indicators)
    if (problems.length) c.fail('Rejected', `共${problems.length}处错误，未保存`, problems)
    t.overall_goal = d.overall_goal
    t.indicators = d.indicators.map((i, n): TargetIndicator => {
      const v = parseValue(i.nature, i.value)
      const w = parseWeight(i.weight)
      return {
        id: i.id ?? c.newId(), seq: n + 1, level1: i.level1, level2: i.level2, name: i.name, nature: i.nature,
        value: v.ok ? v.value.value : i.value, value_high: v.ok ? v.value.valueHigh : null, unit: i.unit,
        weight_cp: w.ok ? w.value : null, library_id: i.library_id, is_core: i.is_core,
      }
    })
  }

  // A few targets in every state, so the list and the overview have something to show.
  c.projects.slice(0, 24).forEach((p, n) => {
    const u = c.units.find((x) => x.id === p.unit_id)!
    const t = blank(p, u, p.fiscal_year)
    t.status = (['编制', '一上', '一下', '二上', '二下', '二下', '一上'] as const)[n % 7]!
    write(t, {
      overall_goal: `完成${p.name}，保障相关工作按期推进。`,
      indicators: [
        { id: null, level1: '产出指标', level2: '数量指标', name: '完成项目数', nature: '≥', value: String(3 + (n % 5)), unit: '个', weight: '20', library_id: null, is_core: false },
        { id: null, level1: '产出指标', level2: '质量指标', name: '验收合格率', nature: '≥', value: '95', unit: '%', weight: '20', library_id: null, is_core: true },
        { id: null, level1: '产出指标', level2: '时效指标', name: '完成时间', nature: '≤', value: '12', unit: '月', weight: '10', library_id: null, is_core: false },
        { id: null, level1: '效益指标', level2: '社会效益指标', name: '服务保障水平', nature: '定性', value: '明显提升', unit: '', weight: '30', library_id: null, is_core: false },
        { id: null, level1: '满意度指标', level2: '服务对象满意度指标', name: '服务对象满意度', nature: '区间', value: '85-95', unit: '%', weight: '10', library_id: null, is_core: true },
      ],
    })
    if (t.status === '一下' || t.status === '二上') {
      t.comments.push({ id: c.newId(), indicator_id: t.indicators[0]!.id, indicator_name: t.indicators[0]!.name, category: '适当性', text: '指标值偏低，请结合上年完成情况提高', resolved: t.status === '二上', created_by: '李四', created_at: c.now() })
    }
    if (t.status === '二下') Object.assign(t, { approved_by: '李四', approved_at: c.now() })
    targets.push(t)
  })

  const current = () => targets.filter((t) => t.is_current)

  function list(q: TargetQuery) {
    const s = q.search?.toLowerCase() ?? ''
    const rows: TargetRow[] = (q.kind === '部门整体'
      ? c.units.filter((u) => ['主管部门', '预算单位', '乡镇'].includes(u.kind)).map((u) => ({ p: null as Project | null, u, t: current().find((t) => t.kind === '部门整体' && t.unit_id === u.id && t.fiscal_year === q.year) }))
      : c.projects.filter((p) => p.fiscal_year === q.year).map((p) => ({ p, u: c.units.find((u) => u.id === p.unit_id)!, t: current().find((t) => t.project_id === p.id) }))
    ).map(({ p, u, t }) => ({
      target_id: t?.id ?? null, project_id: p?.id ?? null, unit_id: u.id, code: p?.code ?? u.code, name: p?.name ?? u.name,
      unit_name: u.name, budget: p?.adjusted_budget ?? null, grade: p?.grade ?? null, status: t?.status ?? null,
      version: t?.version ?? null, indicators: t?.indicators.length ?? 0,
      quantitative: t?.indicators.filter((i) => isQuantitative(i.nature)).length ?? 0,
      quantification_bp: t ? withRate(t).quantification_bp : null,
      open_comments: t?.comments.filter((x) => !x.resolved).length ?? 0, is_public: t?.is_public ?? null,
      exante_conclusion: p && p.code.endsWith('7') ? '不予支持' : null,
    }))
      .filter((r) => !s || `${r.code} ${r.name} ${r.unit_name}`.toLowerCase().includes(s))
      .filter((r) => !q.status || (q.status === '未编制' ? r.status === null : r.status === q.status))
      .sort((a, b) => a.code.localeCompare(b.code))
    const start = (q.page - 1) * q.page_size
    return { total: rows.length, rows: q.page === 0 ? rows : rows.slice(start, start + q.page_size) }
  }

  function counts(list: (string | null)[]): StatusCount[] {
    return ORDER.map((status) => ({ status, count: list.filter((s) => (s ?? '未编制') === status).length }))
  }

  function overview(year: number) {
    const cur = current().filter((t) => t.fiscal_year === year)
    const all = cur.flatMap((t) => t.indicators)
    const q = all.filter((i) => isQuantitative(i.nature)).length
    const units = [...new Set(cur.map((t) => t.unit_id))].map((id) => {
      const mine = cur.filter((t) => t.unit_id === id)
      const ind = mine.flatMap((t) => t.indicators)
      const qq = ind.filter((i) => isQuantitative(i.nature)).length
      const u = c.units.find((x) => x.id === id)!
      const rate = rateBp(qq, ind.length) ?? 0
      return { unit_id: id, unit_code: u.code, unit_name: u.name, targets: mine.length, indicators_l3: ind.length, quantitative_l3: qq, rate_bp: rate, below_floor: rate < FLOOR_BP }
    }).filter((u) => u.indicators_l3 > 0).sort((a, b) => a.rate_bp - b.rate_bp)
    const comments = cur.flatMap((t) => t.comments)
    const projectRows = list({ year, kind: '项目', status: null, unit_id: null, search: null, page: 0, page_size: 0 }).rows
    const unitRows = list({ year, kind: '部门整体', status: null, unit_id: null, search: null, page: 0, page_size: 0 }).rows
    return {
      year, floor_bp: FLOOR_BP,
      stats: {
        targets: cur.length, indicators_l2: cur.reduce((n, t) => n + new Set(t.indicators.map((i) => i.level2)).size, 0),
        indicators_l3: all.length, quantitative_l3: q, quantification_rate_bp: rateBp(q, all.length) ?? 0,
        units_below_floor: units.filter((u) => u.below_floor).length, comments: comments.length,
        comments_resolved: comments.filter((x) => x.resolved).length,
      },
      projects_total: projectRows.length, project_status: counts(projectRows.map((r) => r.status)),
      units_total: unitRows.length, unit_status: counts(unitRows.map((r) => r.status)), units,
    }
  }

  const editable = (t: Target) => (t.status === '编制' || t.status === '一下') && t.is_current || c.fail('Conflict', `绩效目标 ${label(t)} 当前不能修改`)
  const reviewable = (t: Target) => (t.status === '一上' || t.status === '二上') || c.fail('Conflict', `绩效目标 ${label(t)} 不在待审状态`)

  return {
    targets_list: (a) => list(a.query),
    targets_get: (a) => withRate(byId(a.id)),
    targets_create_for_project: (a) => {
      const p = c.projects.find((x) => x.id === a.projectId) ?? c.fail('NotFound', '项目不存在')
      const t = blank(p, c.units.find((u) => u.id === p.unit_id)!, p.fiscal_year)
      targets.push(t)
      return withRate(t)
    },
    targets_create_for_unit: (a) => {
      const t = blank(null, c.units.find((u) => u.id === a.unitId)!, a.year)
      targets.push(t)
      return withRate(t)
    },
    targets_save: (a) => {
      const t = byId(a.id)
      editable(t)
      write(t, a.draft)
      return withRate(t)
    },
    targets_submit: (a) => {
      const t = byId(a.id)
      editable(t)
      if (!t.overall_goal.trim()) c.fail('Invalid', '『总体目标』提交前请填写总体目标', [{ row: 0, column: '总体目标', message: '提交前请填写总体目标' }])
      t.status = t.status === '编制' ? '一上' : '二上'
      t.submitted_at = c.now()
      return withRate(t)
    },
    targets_return: (a) => {
      const t = byId(a.id)
      reviewable(t)
      for (const x of a.comments as CommentInput[]) {
        const ind = t.indicators.find((i) => i.id === x.indicator_id)
        t.comments.push({ id: c.newId(), indicator_id: x.indicator_id, indicator_name: ind?.name ?? '', category: x.category, text: x.text, resolved: false, created_by: c.operator()?.name ?? '', created_at: c.now() })
      }
      t.status = '一下'
      return withRate(t)
    },
    targets_approve: (a) => {
      const t = byId(a.id)
      reviewable(t)
      if (t.approval_block) c.fail('Conflict', t.approval_block)
      Object.assign(t, {
        status: '二下', reduction: wanTextToFen(a.input.reduction_wan || '0') ?? 0, approved_at: c.now(),
        first_approved_by: t.needs_second_reviewer ? (c.operator()?.name ?? null) : null,
        approved_by: t.needs_second_reviewer ? a.input.second_reviewer : (c.operator()?.name ?? ''),
      })
      t.comments.forEach((x) => (x.resolved = true))
      return withRate(t)
    },
    targets_approve_all: (a) => {
      const report = { approved: 0, skipped: [] as string[] }
      for (const t of current().filter((t) => t.fiscal_year === a.year && (t.status === '一上' || t.status === '二上'))) {
        if (t.approval_block) report.skipped.push(`${label(t)}：${t.approval_block}`)
        else if (t.needs_second_reviewer && !a.input.second_reviewer) report.skipped.push(`${label(t)}：『复核人』A类项目的绩效目标须经第二人复核`)
        else (t.status = '二下'), (t.approved_at = c.now()), (t.approved_by = c.operator()?.name ?? ''), report.approved++
      }
      return report
    },
    targets_resolve_comment: (a) => {
      const t = targets.find((x) => x.comments.some((m) => m.id === a.commentId)) ?? c.fail('NotFound', '找不到该审核意见')
      t.comments.find((m) => m.id === a.commentId)!.resolved = a.resolved
      return withRate(t)
    },
    targets_adjust: (a) => {
      const old = byId(a.id)
      old.is_current = false
      const t: Target = { ...structuredClone(old), id: c.newId(), version: old.version + 1, is_current: true, previous_id: old.id, status: '编制', adjustment_reason: a.reason, comments: [], approved_at: null, approved_by: null, first_approved_by: null }
      t.indicators = t.indicators.map((i) => ({ ...i, id: c.newId() }))
      targets.push(t)
      return withRate(t)
    },
    targets_set_public: (a) => {
      const t = byId(a.id)
      Object.assign(t, { is_public: a.public, not_public_reason: a.public ? '' : a.reason })
      return withRate(t)
    },
    targets_delete: (a) => void targets.splice(targets.indexOf(byId(a.id)), 1),
    targets_versions: (a) => {
      const chain: Target[] = []
      let t: Target | undefined = byId(a.id)
      while (targets.some((x) => x.previous_id === t!.id)) t = targets.find((x) => x.previous_id === t!.id)
      for (; t; t = t.previous_id ? targets.find((x) => x.id === t!.previous_id) : undefined) chain.push(t)
      return chain.map((v) => ({ id: v.id, version: v.version, status: v.status, is_current: v.is_current, adjustment_reason: v.adjustment_reason, approved_by: v.approved_by, approved_at: v.approved_at }))
    },
    targets_changes: () => [
      { change: '修改', item: '产出指标 / 数量指标 / 完成项目数', before: '≥ 3个，权重 20', after: '≥ 5个，权重 20' },
      { change: '新增', item: '效益指标 / 可持续影响指标 / 长效管护机制', before: null, after: '定性 建立健全' },
    ],
    targets_overview: (a) => overview(a.year),
    targets_import: () => ({ rows: 48, created: 6, updated: 3, unchanged: 1, locked: 2, submitted: 0 }),
    targets_export: () => targets.reduce((n, t) => n + t.indicators.length, 0),
    ...libraryHandlers(c),
  }
}

function libraryHandlers(c: Ctx): Handlers {
  const categories: IndicatorCategory[] = ['教育', '卫生健康', '农业农村', '交通运输', '社会保障'].map((name, i) => ({ id: `cat${i}`, name, sort: i, indicator_count: 6, case_count: 1 }))
  const names: [LibraryIndicator['level2'], string, LibraryIndicator['nature'], string, string][] = [
    ['数量指标', '培训人次', '≥', '人次', '≥500'],
    ['质量指标', '工程验收合格率', '≥', '%', '≥95%'],
    ['时效指标', '资金支付及时率', '≥', '%', '≥90%'],
    ['成本指标', '成本控制率', '≤', '%', '≤100%'],
    ['社会效益指标', '群众知晓度', '定性', '', '明显提高'],
    ['服务对象满意度指标', '服务对象满意度', '≥', '%', '≥90%'],
  ]
  const level1Of = (l: string) => (['数量指标', '质量指标', '时效指标', '成本指标'].includes(l) ? '产出指标' : l === '服务对象满意度指标' ? '满意度指标' : '效益指标')
  const all: LibraryIndicator[] = categories.flatMap((cat) =>
    names.map(([level2, name, nature, unit, reference], i) => ({
      id: `${cat.id}-${i}`, category_id: cat.id, category_name: cat.name, level1: level1Of(level2) as LibraryIndicator['level1'], level2,
      name: `${cat.name}${name}`, explanation: '', unit, nature, reference, is_core: i === 1 || i === 5, project_kinds: '', source: '内置', updated_at: c.now(),
    })),
  )
  const caseOf = (cat: IndicatorCategory): LibraryCaseDetail => ({
    case: { id: `case-${cat.id}`, category_id: cat.id, category_name: cat.name, title: `${cat.name}类项目示例`, project_example: `${cat.name}设施建设`, overall_goal: `按期完成${cat.name}设施建设任务，提升服务能力。`, indicator_count: 3 },
    indicators: [
      { id: 'r1', seq: 1, level1: '产出指标', level2: '数量指标', name: '建设完成数', nature: '≥', value: '3', value_high: null, value_text: '3', unit: '个', weight_cp: 3000 },
      { id: 'r2', seq: 2, level1: '效益指标', level2: '社会效益指标', name: '服务能力', nature: '定性', value: '明显提升', value_high: null, value_text: '明显提升', unit: '', weight_cp: 4000 },
      { id: 'r3', seq: 3, level1: '满意度指标', level2: '服务对象满意度指标', name: '群众满意度', nature: '区间', value: '85', value_high: '95', value_text: '85-95', unit: '%', weight_cp: 3000 },
    ],
  })
  return {
    library_categories: () => categories,
    library_list: (a) => {
      const q = a.query as LibraryQuery
      const rows = all.filter((l) => (!q.category_id || l.category_id === q.category_id) && (!q.core_only || l.is_core) && (!q.search || l.name.includes(q.search)))
      return { total: rows.length, rows: rows.slice((q.page - 1) * q.page_size, q.page * q.page_size) }
    },
    library_cases: (a) => categories.filter((x) => !a.categoryId || x.id === a.categoryId).map((x) => caseOf(x).case),
    library_case_get: (a) => caseOf(categories.find((x) => `case-${x.id}` === a.id)!),
  }
}
