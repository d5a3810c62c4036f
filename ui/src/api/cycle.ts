/** 全周期跟踪问效 commands. Figures (执行率 bp, 完成度 centi-points, flags) come from core. */
import { call } from './invoke'
import type { CycleDecisionInput } from './bindings/CycleDecisionInput'
import type { CycleKind } from './bindings/CycleKind'
import type { CycleQuery } from './bindings/CycleQuery'
import type { CycleRow } from './bindings/CycleRow'
import type { CycleView } from './bindings/CycleView'
import type { Page } from './bindings/Page'

export const cycleApi = {
  list: (query: CycleQuery) => call<Page<CycleRow>>('cycle_list', { query }),
  get: (kind: CycleKind, objectId: string, year: number) => call<CycleView>('cycle_get', { kind, objectId, year }),
  decide: (input: CycleDecisionInput) => call<CycleRow>('cycle_decide', { input }),
}
