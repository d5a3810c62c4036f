/**
 * The rules editor's text model ↔ `RuleSet` (centi-points, basis points, 分). Kept apart from
 * the .vue file so the conversions are unit-tested.
 */
import type { RuleSetData } from '../../api/rules'
import { bpToPercent, cpToPoints, fenToWanText, parseHundredths, wanTextToFen } from '../../utils/convert'

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
  }
}

/** Parses every field; returns the first bad field's key instead when one does not parse. */
export function fromFormText(t: RuleFormText): RuleSetData | { bad: keyof RuleFormText } {
  const h = (k: keyof RuleFormText): number => {
    const v = parseHundredths(t[k])
    if (v === null) throw k
    return v
  }
  try {
    const threshold = wanTextToFen(t.threshold)
    if (threshold === null) throw 'threshold'
    return {
      grade_bands: { excellent_min_cp: h('excellent'), good_min_cp: h('good'), fair_min_cp: h('fair') },
      self_eval_weights: {
        execution_cp: h('execution'),
        output_cp: h('output'),
        benefit_cp: h('benefit'),
        satisfaction_cp: h('satisfaction'),
      },
      ex_ante: { threshold, support_min_cp: h('support'), revise_min_cp: h('revise') },
      quantification_floor_bp: h('quantFloor'),
      warning: { yellow_lag_bp: h('yellow'), red_lag_bp: h('red') },
      spot_check_share_bp: h('spotCheck'),
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
