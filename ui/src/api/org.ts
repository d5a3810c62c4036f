/** 基础数据 › 单位 and 预算年度 commands. */
import { call } from './invoke'
import type { OrgUnit } from './bindings/OrgUnit'
import type { UnitInput } from './bindings/UnitInput'

export const orgApi = {
  years: () => call<number[]>('org_years'),
  /** Returns the new year list. */
  yearAdd: (year: number) => call<number[]>('org_year_add', { year }),
  /** Flat list ordered by code; build the tree from `parent_id`. */
  units: () => call<OrgUnit[]>('org_units'),
  unitCreate: (input: UnitInput) => call<OrgUnit>('org_unit_create', { input }),
  unitUpdate: (id: string, input: UnitInput) => call<OrgUnit>('org_unit_update', { id, input }),
  /** `parentId` null = make it a top-level unit. */
  unitMove: (id: string, parentId: string | null) =>
    call<OrgUnit>('org_unit_move', { id, parentId }),
  unitDelete: (id: string) => call<void>('org_unit_delete', { id }),
}
