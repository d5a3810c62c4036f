/** The 单位 tree, built from the flat list `org_units` returns (ordered by code). */
import type { OrgUnit } from '../api/bindings/OrgUnit'

export interface UnitNode {
  id: string
  /** 「code 名称」, what the tree, the selects and the E2E test show. */
  label: string
  unit: OrgUnit
  children: UnitNode[]
}

export function unitLabel(u: Pick<OrgUnit, 'code' | 'name'>): string {
  return `${u.code} ${u.name}`
}

/**
 * Nests units under their parents, keeping the input order among siblings. A unit whose parent
 * is missing from the list is shown at the top level rather than lost.
 */
export function buildUnitTree(units: readonly OrgUnit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>()
  for (const u of units) nodes.set(u.id, { id: u.id, label: unitLabel(u), unit: u, children: [] })
  const roots: UnitNode[] = []
  for (const u of units) {
    const node = nodes.get(u.id)!
    const parent = u.parent_id !== null ? nodes.get(u.parent_id) : undefined
    if (parent && parent !== node) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}

/** The ids of `id` and every unit below it (a unit cannot move under its own subtree). */
export function subtreeIds(units: readonly OrgUnit[], id: string): Set<string> {
  const children = new Map<string, string[]>()
  for (const u of units) {
    if (u.parent_id === null) continue
    const list = children.get(u.parent_id) ?? []
    list.push(u.id)
    children.set(u.parent_id, list)
  }
  const out = new Set<string>()
  const stack = [id]
  while (stack.length > 0) {
    const cur = stack.pop()!
    if (out.has(cur)) continue
    out.add(cur)
    stack.push(...(children.get(cur) ?? []))
  }
  return out
}

/** Names from the top down to `id`: ["县财政局", "预算股"]. */
export function unitPath(units: readonly OrgUnit[], id: string): OrgUnit[] {
  const byId = new Map(units.map((u) => [u.id, u]))
  const path: OrgUnit[] = []
  const seen = new Set<string>()
  let cur = byId.get(id)
  while (cur && !seen.has(cur.id)) {
    seen.add(cur.id)
    path.unshift(cur)
    cur = cur.parent_id !== null ? byId.get(cur.parent_id) : undefined
  }
  return path
}
