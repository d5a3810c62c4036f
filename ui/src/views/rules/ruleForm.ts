/**
 * The rules editor's text model ↔ `RuleSet` (centi-points, basis points, 分). Kept apart from
 * the .vue file so the conversions are unit-tested.
 */
import type { RuleSetData } from '../../api/rules'
import { bpToPercent, cpToPoints, fenToWanText, formatHundredths, parseHundredths, wanTextToFen } from '../../utils/convert'

/** One 评分项 of the 事前评估 sheet as typed: 分值 in 分. */
export interface SheetItemText {
  name: string
  points: string
}

/** One 评估方面 as typed. */
export interface SheetAspectText {
  name: string
  items: SheetItemText[]
}

/** Everything as the clerk sees and types it: 分, %, 万元. */
export interface RuleFormText {
  excellent: string
  good: string
  fair: string
  execution: string
  output: string
  benefit: string
  satisfaction: string
  /** 万元. */
  threshold: string
  support: string
  revise: string
  /** %. */
  quantFloor: string
  /** 滞后百分点. */
  yellow: string
  red: string
  /** %. */
  spotCheck: string
  /** 事前评估 score sheet. */
  aspects: SheetAspectText[]
  /** 政策事前评估 score sheet. */
  policyAspects: SheetAspectText[]
  /** 专项债 score sheet (a special-bond project's 事前评估). */
  bondAspects: SheetAspectText[]
  /** 绩效评价 rules: not edited here, carried through unchanged (null until a rule set is loaded). */
  evaluation: RuleSetData['evaluation'] | null
  /** 智能审核 rule pack, edited in place by ReviewRulesEditor (null = core keeps its defaults). */
  review: RuleSetData['review'] | null
}

export function toFormText(r: RuleSetData): RuleFormText {
  return {
    excellent: cpToPoints(r.grade_bands.excellent_min_cp),
    good: cpToPoints(r.grade_bands.good_min_cp),
    fair: cpToPoints(r.grade_bands.fair_min_cp),
    execution: cpToPoints(r.self_eval_weights.execution_cp),
    output: cpToPoints(r.self_eval_weights.output_cp),
    benefit: cpToPoints(r.self_eval_weights.benefit_cp),
    satisfaction: cpToPoints(r.self_eval_weights.satisfaction_cp),
    threshold: fenToWanText(r.ex_ante.threshold).replace(/\.00$/, ''),
    support: cpToPoints(r.ex_ante.support_min_cp),
    revise: cpToPoints(r.ex_ante.revise_min_cp),
    quantFloor: bpToPercent(r.quantification_floor_bp),
    yellow: bpToPercent(r.warning.yellow_lag_bp),
    red: bpToPercent(r.warning.red_lag_bp),
    spotCheck: bpToPercent(r.spot_check_share_bp),
    aspects: aspectsText(r.ex_ante.aspects),
    policyAspects: aspectsText(r.ex_ante.policy_aspects),
    bondAspects: aspectsText(r.ex_ante.bond_aspects),
    evaluation: r.evaluation,
    review: r.review ? structuredCloneRules(r.review) : null,
  }
}

function aspectsText(aspects: RuleSetData['ex_ante']['aspects']): SheetAspectText[] {
  return aspects.map((a) => ({
    name: a.name,
    items: a.items.map((i) => ({ name: i.name, points: cpToPoints(i.max_cp) })),
  }))
}

/** A typed sheet as rules; throws the form key when a 分值 does not parse. */
function aspectsData(aspects: SheetAspectText[], key: keyof RuleFormText): RuleSetData['ex_ante']['aspects'] {
  return aspects.map((a) => ({
    name: a.name.trim(),
    items: a.items.map((i) => {
      const cp = parseHundredths(i.points)
      if (cp === null) throw key
      return { name: i.name.trim(), max_cp: cp }
    }),
  }))
}

function structuredCloneRules<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T
}

/** Parses every field; returns the first bad field's key instead when one does not parse. */
export function fromFormText(t: RuleFormText): RuleSetData | { bad: keyof RuleFormText } {
  const h = (k: Exclude<keyof RuleFormText, 'aspects' | 'policyAspects' | 'bondAspects' | 'evaluation' | 'review'>): number => {
    const v = parseHundredths(t[k])
    if (v === null) throw k
    return v
  }
  try {
    const threshold = wanTextToFen(t.threshold)
    if (threshold === null) throw 'threshold'
    if (t.evaluation === null) throw 'evaluation'
    const evaluation = t.evaluation
    return {
      grade_bands: { excellent_min_cp: h('excellent'), good_min_cp: h('good'), fair_min_cp: h('fair') },
      self_eval_weights: {
        execution_cp: h('execution'),
        output_cp: h('output'),
        benefit_cp: h('benefit'),
        satisfaction_cp: h('satisfaction'),
      },
      ex_ante: {
        threshold,
        support_min_cp: h('support'),
        revise_min_cp: h('revise'),
        aspects: aspectsData(t.aspects, 'aspects'),
        policy_aspects: aspectsData(t.policyAspects, 'policyAspects'),
        bond_aspects: aspectsData(t.bondAspects, 'bondAspects'),
      },
      quantification_floor_bp: h('quantFloor'),
      warning: { yellow_lag_bp: h('yellow'), red_lag_bp: h('red') },
      spot_check_share_bp: h('spotCheck'),
      evaluation,
      ...(t.review ? { review: t.review } : {}),
    }
  } catch (k) {
    return { bad: k as keyof RuleFormText }
  }
}

/** Sum of the four 自评 weights in centi-points, or null while one of them is not a number. */
export function weightSumCp(t: Pick<RuleFormText, 'execution' | 'output' | 'benefit' | 'satisfaction'>): number | null {
  const parts = [t.execution, t.output, t.benefit, t.satisfaction].map(parseHundredths)
  if (parts.some((p) => p === null)) return null
  return (parts as number[]).reduce((a, b) => a + b, 0)
}

/** Sum of every 评分项 分值 in centi-points, or null while one of them is not a number. */
export function sheetSumCp(aspects: SheetAspectText[]): number | null {
  let sum = 0
  for (const a of aspects) {
    for (const i of a.items) {
      const cp = parseHundredths(i.points)
      if (cp === null) return null
      sum += cp
    }
  }
  return sum
}

/** The first problem of the sheet that blocks saving (names, 分值, total), or null. */
export function sheetProblem(aspects: SheetAspectText[], sheet = '事前评估评分表'): string | null {
  if (aspects.length === 0) return `${sheet}至少需要一个评估方面`
  const names = new Set<string>()
  for (const [ai, a] of aspects.entries()) {
    const name = a.name.trim()
    if (name === '') return `第 ${ai + 1} 个评估方面未填写名称`
    if (names.has(name)) return `评估方面「${name}」重复`
    names.add(name)
    if (a.items.length === 0) return `「${name}」至少需要一个评分项`
    const items = new Set<string>()
    for (const [ii, i] of a.items.entries()) {
      const item = i.name.trim()
      if (item === '') return `「${name}」的第 ${ii + 1} 个评分项未填写名称`
      if (items.has(item)) return `「${name}」的评分项「${item}」重复`
      items.add(item)
      const cp = parseHundredths(i.points)
      if (cp === null || cp <= 0) return `「${name}」的评分项「${item}」分值须为大于 0 的数字`
    }
  }
  const sum = sheetSumCp(aspects)
  if (sum !== 10000) return `事前评估评分表各项分值合计须为 100 分${sum === null ? '' : `，现为 ${formatHundredths(sum)} 分`}`
  return null
}
