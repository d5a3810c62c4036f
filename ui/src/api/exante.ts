/** 事前评估 commands. Scores go out as integer centi-points, amounts as 万元 text; 分 come back. */
import { call } from './invoke'
import type { ExAnteAssessment } from './bindings/ExAnteAssessment'
import type { ExAnteInput } from './bindings/ExAnteInput'
import type { ExAntePage } from './bindings/ExAntePage'
import type { ExAnteQuery } from './bindings/ExAnteQuery'
import type { ExAnteSheet } from './bindings/ExAnteSheet'
import type { ExAnteStats } from './bindings/ExAnteStats'

export const exanteApi = {
  /** The year's list (required projects and any assessed ones), one page, and the year's counts. */
  required: (query: ExAnteQuery) => call<ExAntePage>('exante_required', { query }),
  get: (projectId: string) => call<ExAnteSheet>('exante_get', { projectId }),
  /** Creates or updates; total and conclusion are computed by the backend. */
  save: (projectId: string, input: ExAnteInput) => call<ExAnteAssessment>('exante_save', { projectId, input }),
  delete: (projectId: string) => call<void>('exante_delete', { projectId }),
  designate: (projectId: string, reason: string) => call<void>('exante_designate', { projectId, reason }),
  undesignate: (projectId: string) => call<void>('exante_undesignate', { projectId }),
  stats: (year: number) => call<ExAnteStats>('exante_stats', { year }),
  /** Returns the number of assessments written. */
  export: (path: string, year: number) => call<number>('exante_export', { path, year }),
}
