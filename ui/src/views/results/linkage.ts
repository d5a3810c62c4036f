/**
 * 预算挂钩 on screen: the actions, the live preview of the cut while a row is edited (mirrors
 * `results::linkage::cut_of`: share × amount half up for 压减, all of it for 取消 / 暂停) and the
 * totals of the list (as `linkage_counts`: Σ 压减, count of 优先保障, count of 取消).
 */
import type { LinkageAction } from '../../api/bindings/LinkageAction'
import type { LinkageRow } from '../../api/bindings/LinkageRow'
import { wanTextToFen } from '../../utils/money'

export const LINKAGE_ACTIONS: readonly LinkageAction[] = ['优先保障', '据实安排', '压减', '暂停', '取消']

export const ACTION_TAG: Record<LinkageAction, 'success' | 'primary' | 'warning' | 'info' | 'danger'> = {
  优先保障: 'success',
  据实安排: 'primary',
  压减: 'warning',
  暂停: 'info',
  取消: 'danger',
}

/** The cut in 分 a draft implies, or null while its 压减 has neither a share nor an amount. */
export function cutPreview(action: LinkageAction, pctBp: number | null, amountText: string, objectFen: number): number | null {
  const typed = amountText.trim() === '' ? null : wanTextToFen(amountText)
  switch (action) {
    case '压减':
      if (typed !== null) return typed
      if (pctBp === null) return null
      return Number((BigInt(objectFen) * BigInt(pctBp) * 2n + 10_000n) / 20_000n)
    case '取消':
    case '暂停':
      return typed ?? objectFen
    default:
      return 0
  }
}

export interface LinkageTotals {
  cutFen: number
  priority: number
  cancelled: number
}

export function totalsOf(rows: readonly LinkageRow[]): LinkageTotals {
  return rows.reduce<LinkageTotals>(
    (t, r) => ({
      cutFen: t.cutFen + (r.action === '压减' ? r.amount : 0),
      priority: t.priority + (r.action === '优先保障' ? 1 : 0),
      cancelled: t.cancelled + (r.action === '取消' ? 1 : 0),
    }),
    { cutFen: 0, priority: 0, cancelled: 0 },
  )
}
