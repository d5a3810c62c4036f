import { describe, expect, it } from 'vitest'
import { buildUnitTree, subtreeIds, unitPath } from '../src/utils/tree'
import type { OrgUnit } from '../src/api/bindings/OrgUnit'

const u = (id: string, code: string, name: string, parent_id: string | null): OrgUnit => ({
  id,
  code,
  name,
  parent_id,
  kind: parent_id ? '预算单位' : '主管部门',
  contact: '',
  phone: '',
  project_count: 0,
})

// Flat, ordered by code, as org_units returns it.
const FLAT = [
  u('a', '201', '县教育局', null),
  u('a1', '201001', '县第一中学', 'a'),
  u('a2', '201002', '县实验小学', 'a'),
  u('b', '202', '县卫生健康局', null),
  u('b1', '202001', '县人民医院', 'b'),
  u('b11', '202001001', '县人民医院分院', 'b1'),
]

describe('buildUnitTree', () => {
  it('nests units under their parents and keeps code order', () => {
    const tree = buildUnitTree(FLAT)
    expect(tree.map((n) => n.label)).toEqual(['201 县教育局', '202 县卫生健康局'])
    expect(tree[0]!.children.map((n) => n.label)).toEqual(['201001 县第一中学', '201002 县实验小学'])
    expect(tree[1]!.children[0]!.children[0]!.id).toBe('b11')
    expect(tree[0]!.children[0]!.children).toEqual([])
  })
  it('keeps a child whose parent comes later in the list', () => {
    const tree = buildUnitTree([u('c1', '001', '下级', 'c'), u('c', '900', '上级', null)])
    expect(tree).toHaveLength(1)
    expect(tree[0]!.children[0]!.id).toBe('c1')
  })
  it('shows a unit whose parent is missing at the top level instead of losing it', () => {
    const tree = buildUnitTree([u('x', '1', '孤儿单位', 'gone')])
    expect(tree.map((n) => n.id)).toEqual(['x'])
  })
  it('returns an empty forest for no units', () => expect(buildUnitTree([])).toEqual([]))
  it('labels nodes 「code 名称」', () => expect(buildUnitTree(FLAT)[0]!.label).toBe('201 县教育局'))
})

describe('subtreeIds / unitPath', () => {
  it('collects a unit and everything below it', () => {
    expect([...subtreeIds(FLAT, 'b')].sort()).toEqual(['b', 'b1', 'b11'])
    expect([...subtreeIds(FLAT, 'a1')]).toEqual(['a1'])
  })
  it('walks from the top down to a unit', () => {
    expect(unitPath(FLAT, 'b11').map((x) => x.name)).toEqual(['县卫生健康局', '县人民医院', '县人民医院分院'])
  })
})
