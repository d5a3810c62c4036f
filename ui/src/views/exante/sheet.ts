/**
 * The score sheet's arithmetic, kept out of the .vue file so it is unit-tested: score text →
 * centi-points, subtotals, the total and the conclusion it implies (for live feedback only —
 * the saved values come from core), 审减额 and 审减率. Integers and BigInt only, no floats.
 */
import type { ExAnteConclusion } from '../../api/bindings/ExAnteConclusion'
import type { ExAnteRules } from '../../api/bindings/ExAnteRules'
import type { ItemScore } from '../../api/bindings/ItemScore'
import type { SheetAspect } from '../../api/bindings/SheetAspect'
import { cpToPoints, formatHundredths, parseHundredths } from '../../utils/convert'
import { wanTextToFen } from '../../utils/money'

export interface ItemForm {
  name: string
  max_cp: number
  /** As typed, in 分 ("4.5"). */
  text: string
}

export interface AspectForm {
  name: string
  max_cp: number
  items: ItemForm[]
}

/** The form of the current rule set, prefilled with stored scores matched by aspect/item name. */
export function buildForm(rules: ExAnteRules, stored: SheetAspect[] = []): AspectForm[] {
  return rules.aspects.map((a) => {
    const old = stored.find((s) => s.name === a.name)
    const items = a.items.map((i) => {
      const score = old?.items.find((s) => s.name === i.name)?.score_cp
      return { name: i.name, max_cp: i.max_cp, text: score === null || score === undefined ? '' : cpToPoints(score) }
    })
    return { name: a.name, max_cp: items.reduce((s, i) => s + i.max_cp, 0), items }
  })
}

/** Whether the stored sheet has exactly the aspects and items (names and 分值) of `rules`. */
export function sameSheet(rules: ExAnteRules, stored: SheetAspect[]): boolean {
  return (
    rules.aspects.length === stored.length &&
    rules.aspects.every((a, i) => {
      const s = stored[i]!
      return (
        s.name === a.name &&
        s.items.length === a.items.length &&
        a.items.every((it, j) => s.items[j]!.name === it.name && s.items[j]!.max_cp === it.max_cp)
      )
    })
  )
}

/** A typed score → centi-points, or the reason it is not a valid score for this item. */
export function parseScore(text: string, maxCp: number): { cp: number } | { error: string } {
  const t = text.trim()
  if (t === '') return { error: '请填写得分' }
  const cp = parseHundredths(t)
  if (cp === null) return { error: '请填写数字，最多两位小数' }
  if (cp > maxCp) return { error: `不能超过 ${formatHundredths(maxCp).replace(/\.00$/, '')} 分` }
  return { cp }
}

/** Sum of the valid scores of an aspect (centi-points). */
export function subtotalCp(aspect: AspectForm): number {
  return aspect.items.reduce((sum, i) => {
    const r = parseScore(i.text, i.max_cp)
    return 'cp' in r ? sum + r.cp : sum
  }, 0)
}

/** The total when every item holds a valid score, else null. */
export function totalCp(form: AspectForm[]): number | null {
  let total = 0
  for (const a of form) {
    for (const i of a.items) {
      const r = parseScore(i.text, i.max_cp)
      if (!('cp' in r)) return null
      total += r.cp
    }
  }
  return total
}

/** The scores to send, or null while one is missing or invalid. */
export function scoresOf(form: AspectForm[]): ItemScore[] | null {
  const out: ItemScore[] = []
  for (const a of form) {
    for (const i of a.items) {
      const r = parseScore(i.text, i.max_cp)
      if (!('cp' in r)) return null
      out.push({ aspect: a.name, item: i.name, score_cp: r.cp })
    }
  }
  return out
}

/** Half-open bands of the rule set: ≥ support → 予以支持, ≥ revise → 调整完善后予以支持. */
export function conclusionOf(total: number, rules: Pick<ExAnteRules, 'support_min_cp' | 'revise_min_cp'>): ExAnteConclusion {
  if (total >= rules.support_min_cp) return '予以支持'
  if (total >= rules.revise_min_cp) return '调整完善后予以支持'
  return '不予支持'
}

/** 审减额 (分) and 审减率 (bp, half up) from the typed 万元 amounts; null while one does not parse. */
export function reductionOf(declaredWan: string, approvedWan: string): { fen: number; bp: number } | null {
  const d = wanTextToFen(declaredWan)
  const a = wanTextToFen(approvedWan)
  if (d === null || a === null) return null
  const fen = d - a
  if (d === 0) return { fen, bp: 0 }
  const D = BigInt(d)
  const num = BigInt(fen) * 10000n
  // Half up (toward +∞ for the rare negative case of approved > declared).
  const bp = num >= 0n ? (num + D / 2n) / D : -((-num + D / 2n - 1n) / D)
  return { fen, bp: Number(bp) }
}
