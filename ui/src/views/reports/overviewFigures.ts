/**
 * 年度总览's cards: which figure of core's `YearOverview` shows where, formatted the one way the
 * screens show numbers (万元 two decimals, rates two decimals), and which list screen makes it —
 * with the filters that list reads from the route query, so the list shows the rows behind the
 * figure. Nothing is computed here: every value is a field core filled.
 */
import type { BudgetType } from '../../api/bindings/BudgetType'
import type { Split } from '../../api/bindings/Split'
import type { YearOverview } from '../../api/bindings/YearOverview'
import { EVAL_GRADES, SELF_STATUSES } from '../../utils/grade'
import { NOT_STARTED, TARGET_STATUSES } from '../../utils/indicatorLevels'
import { BUDGET_TYPES, EXANTE_CONCLUSIONS } from '../../utils/labels'
import { formatWan } from '../../utils/money'
import { formatRate } from '../../utils/rate'
import { KEY_KINDS, KEY_STATUSES } from '../evaluation/keyLabels'
import { RECT_STATUSES } from '../results/rect'

/** 全县, one 预算类型, or one 主管部门 / 乡镇 (`unit:<id>`). */
export type Scope = '全部' | BudgetType | `unit:${string}`

/** A list screen's link: its path and the route-query filters it reads. */
export interface Link {
  path: string
  query: Record<string, string>
}

export interface Figure {
  key: string
  label: string
  value: string
  /** The previous year's value (全县 only), null in a budget-type or unit view. */
  previous: string | null
  /** The list screen the figure comes from, filtered. */
  to: Link
  listTitle: string
}

export interface FigureGroup {
  key: string
  title: string
  figures: Figure[]
}

/**
 * The route-query filters each linked list reads (`applyRouteFilters` in the view): allowed
 * values, or 'text' / 'flag'. `unit` opens a unit's subtree. The vitest spec checks every link
 * against this table and the router.
 */
export const LIST_FILTERS: Record<string, Record<string, readonly string[] | 'text' | 'flag'>> = {
  '/projects': { search: 'text', unitId: 'text', budgetType: BUDGET_TYPES },
  '/exante': { status: ['未评估', '已评估'], conclusion: EXANTE_CONCLUSIONS, budgetType: BUDGET_TYPES, unit: 'text', search: 'text' },
  '/targets': { status: [NOT_STARTED, ...TARGET_STATUSES], kind: ['项目', '部门整体'], unit: 'text', search: 'text' },
  '/targets/overview': {},
  '/monitoring': {},
  '/evaluation/self': { status: SELF_STATUSES, grade: EVAL_GRADES, unit: 'text', search: 'text' },
  '/evaluation/spot': {},
  '/evaluation/key': { search: 'text', kind: KEY_KINDS, status: KEY_STATUSES },
  '/evaluation/agencies': {},
  '/results/documents': {},
  '/results/rect': { status: RECT_STATUSES, overdue: 'flag', unit: 'text', search: 'text' },
  '/results/linkage': {},
  '/results/disclosure': {},
  '/cost': {},
}

/** The query key a list reads a unit from (`/projects` names it unitId). */
function unitKey(path: string): string | null {
  const f = LIST_FILTERS[path] ?? {}
  if ('unit' in f) return 'unit'
  if ('unitId' in f) return 'unitId'
  return null
}

/** `path` with `query`, narrowed to the scope where the list can filter by it. */
export function link(path: string, query: Record<string, string>, scope: Scope): Link {
  const q = { ...query }
  if (scope.startsWith('unit:')) {
    const k = unitKey(path)
    if (k) q[k] = scope.slice(5)
  } else if (scope !== '全部' && 'budgetType' in (LIST_FILTERS[path] ?? {})) {
    q.budgetType = scope
  }
  return { path, query: q }
}

type Fmt<T> = (f: T) => string
type Def<T> = [key: string, label: string, fmt: Fmt<T>, path: string, listTitle: string, query?: Record<string, string>]

const n = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v))
const wan = (v: number) => formatWan(v)
const rate = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatRate(v))

/** The stage's figures in scope; null when a unit has no row in this stage. */
function pick<T>(s: Split<T>, scope: Scope): T | null {
  if (scope === '全部') return s.total
  if (scope.startsWith('unit:')) return s.by_unit.find((u) => u.unit_id === scope.slice(5))?.figures ?? null
  return s.by_budget_type.find((p) => p.budget_type === scope)?.figures ?? s.total
}

function group<T>(key: string, title: string, s: Split<T>, scope: Scope, defs: Def<T>[]): FigureGroup {
  const cur = pick(s, scope)
  return {
    key,
    title,
    figures: defs.map(([k, label, fmt, path, listTitle, query]) => ({
      key: k,
      label,
      value: cur === null ? '0' : fmt(cur),
      previous: scope === '全部' ? fmt(s.previous_year) : null,
      to: link(path, query ?? {}, scope),
      listTitle,
    })),
  }
}

/** 主管部门 / 乡镇 with figures in any stage, 主管部门 first (core's order), for the unit selector. */
export function overviewUnits(o: YearOverview): { id: string; name: string; kind: string }[] {
  const seen = new Map<string, { id: string; name: string; kind: string; code: string }>()
  for (const s of [o.exante, o.targets, o.monitoring, o.evaluation, o.results] as Split<unknown>[]) {
    for (const u of s.by_unit) {
      if (!seen.has(u.unit_id)) seen.set(u.unit_id, { id: u.unit_id, name: u.unit_name, kind: u.unit_kind, code: u.unit_code })
    }
  }
  const order = (k: string) => (k === '主管部门' ? 0 : k === '乡镇' ? 1 : 2)
  return [...seen.values()]
    .sort((a, b) => order(a.kind) - order(b.kind) || a.code.localeCompare(b.code))
    .map(({ id, name, kind }) => ({ id, name, kind }))
}

export function figureGroups(o: YearOverview, scope: Scope): FigureGroup[] {
  const EX = ['/exante', '事前评估'] as const
  const PR = ['/projects', '项目库'] as const
  const TG = ['/targets', '目标管理'] as const
  const TO = ['/targets/overview', '目标总览'] as const
  const MO = ['/monitoring', '监控轮次'] as const
  const SE = ['/evaluation/self', '单位自评'] as const
  const SP = ['/evaluation/spot', '抽查复核'] as const
  const KE = ['/evaluation/key', '重点评价'] as const
  const AG = ['/evaluation/agencies', '第三方机构'] as const
  const DO = ['/results/documents', '文书'] as const
  const RE = ['/results/rect', '整改台账'] as const
  const LI = ['/results/linkage', '预算挂钩'] as const
  const DI = ['/results/disclosure', '信息公开'] as const
  const CO = ['/cost', '成本分析'] as const
  const done = { status: '已评估' }
  return [
    group('exante', '事前评估', o.exante, scope, [
      ['assessed', '评估项目', (f) => n(f.assessed), ...EX, done],
      ['support', '予以支持', (f) => n(f.support), ...EX, { conclusion: '予以支持' }],
      ['revise', '调整完善后予以支持', (f) => n(f.support_after_revision), ...EX, { conclusion: '调整完善后予以支持' }],
      ['not-support', '不予支持', (f) => n(f.not_support), ...EX, { conclusion: '不予支持' }],
      ['declared', '申报金额（万元）', (f) => wan(f.declared_fen), ...EX, done],
      ['approved', '审定金额（万元）', (f) => wan(f.approved_fen), ...EX, done],
      ['reduction', '审减额（万元）', (f) => wan(f.reduction_fen), ...EX, done],
      ['reduction-rate', '审减率', (f) => rate(f.reduction_rate_bp), ...EX, done],
    ]),
    group('targets', '绩效目标', o.targets, scope, [
      ['projects', '预算项目', (f) => n(f.projects), ...PR],
      ['approved', '目标已批复项目', (f) => n(f.projects_approved), ...TG, { kind: '项目', status: '二下' }],
      ['coverage', '项目覆盖率', (f) => rate(f.project_coverage_bp), ...TO],
      ['approved-budget', '批复项目资金（万元）', (f) => wan(f.projects_approved_budget_fen), ...TG, { kind: '项目', status: '二下' }],
      ['units', '部门整体已批复 / 单位', (f) => (f.units === null ? '—' : `${n(f.units_approved)} / ${n(f.units)}`), ...TG, { kind: '部门整体', status: '二下' }],
      ['indicators', '三级指标', (f) => n(f.indicators), ...TO],
      ['quantification', '量化率', (f) => rate(f.quantification_rate_bp), ...TO],
      ['below-floor', '量化率低于下限的单位', (f) => n(f.units_below_floor), ...TO],
    ]),
    group('monitoring', '运行监控', o.monitoring, scope, [
      ['rounds', '监控轮次', (f) => n(f.rounds), ...MO],
      ['projects', '监控项目', (f) => n(f.projects_monitored), ...MO],
      ['execution', '预算执行率', (f) => rate(f.execution_rate_bp), ...MO],
      ['completion', '目标完成率', (f) => rate(f.completion_rate_bp), ...MO],
      ['deviation', '偏差度', (f) => rate(f.deviation_bp), ...MO],
      ['lights', '红 / 黄 / 绿', (f) => `${f.red} / ${f.yellow} / ${f.green}`, ...MO],
      ['actions', '财政处理（万元）', (f) => wan(f.actions.total.amount_fen), ...MO],
    ]),
    group('evaluation', '绩效评价', o.evaluation, scope, [
      ['self-required', '应自评', (f) => n(f.self_required), ...SE],
      ['self-submitted', '已提交自评', (f) => n(f.self_submitted), ...SE, { status: '已提交' }],
      ['self-coverage', '自评覆盖率', (f) => rate(f.self_coverage_bp), ...SE],
      ['self-execution', '自评执行率', (f) => rate(f.self_execution_bp), ...SE, { status: '已提交' }],
      ['self-completion', '自评完成率', (f) => rate(f.self_completion_bp), ...SE, { status: '已提交' }],
      ['spot', '抽查 / 基数', (f) => (f.spot_drawn === null ? '—' : `${n(f.spot_drawn)} / ${n(f.spot_base)}`), ...SP],
      ['spot-share', '抽查比例', (f) => rate(f.spot_share_bp), ...SP],
      ['key', '重点评价', (f) => n(f.key_count), ...KE],
      ['key-project', '项目支出评价', (f) => n(f.key_by_kind.project.count), ...KE, { kind: '项目' }],
      ['key-policy', '政策评价', (f) => n(f.key_by_kind.policy.count), ...KE, { kind: '政策' }],
      ['key-township', '乡镇财政运行评价', (f) => n(f.key_by_kind.township.count), ...KE, { kind: '乡镇' }],
      ['key-amount', '重点评价金额（万元）', (f) => wan(f.key_amount_fen), ...KE],
      ['third-party', '委托第三方', (f) => n(f.third_party_engagements), ...AG],
      ['fee', '第三方费用（万元）', (f) => wan(f.third_party_fee_fen), ...AG],
    ]),
    group('results', '结果应用', o.results, scope, [
      ['documents', '印发文书', (f) => n(f.documents.issued), ...DO],
      ['rect-open', '整改未销号', (f) => n(f.rect_open), ...RE],
      ['rect-overdue', '整改逾期', (f) => n(f.rect_overdue), ...RE, { overdue: '1' }],
      ['rect-closed', '已销号', (f) => n(f.rect_closed), ...RE, { status: '销号' }],
      ['cut', '挂钩压减（万元）', (f) => wan(f.linkage_cut_fen), ...LI],
      ['cost-cut', '成本分析压减（万元）', (f) => wan(f.cost_cut_fen), ...CO],
      ['priority', '优先保障', (f) => n(f.linkage.priority), ...LI],
      ['disclosed', '已公开 / 未公开', (f) => (f.disclosed === null ? '—' : `${n(f.disclosed)} / ${n(f.not_disclosed)}`), ...DI],
    ]),
  ]
}

/** Counts of this year and the previous one, for the year-over-year bars. */
export function yoyBars(o: YearOverview): { label: string; current: number; previous: number }[] {
  return [
    { label: '事前评估', current: o.exante.total.assessed, previous: o.exante.previous_year.assessed },
    { label: '目标批复', current: o.targets.total.projects_approved, previous: o.targets.previous_year.projects_approved },
    { label: '监控项目', current: o.monitoring.total.projects_monitored, previous: o.monitoring.previous_year.projects_monitored },
    { label: '自评提交', current: o.evaluation.total.self_submitted, previous: o.evaluation.previous_year.self_submitted },
    { label: '重点评价', current: o.evaluation.total.key_count, previous: o.evaluation.previous_year.key_count },
  ]
}
