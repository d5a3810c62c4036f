/**
 * 成本预算绩效分析 (`src-tauri/src/commands/cost.rs`): fields, the analysis of a field and year
 * (单位成本, quartiles, outliers, 建议压减额 — all computed in core), adopting a 成本定额标准 (a new
 * version each time), and the 成本测算表 / standards workbooks. Money in 分, deviations in bp.
 */
import { call } from './invoke'
import type { AdoptInput } from './bindings/AdoptInput'
import type { CostAnalysis } from './bindings/CostAnalysis'
import type { CostField } from './bindings/CostField'
import type { CostStandard } from './bindings/CostStandard'
import type { ImportReport } from './bindings/ImportReport'

export const costApi = {
  fields: () => call<CostField[]>('cost_fields'),
  addField: (name: string) => call<CostField>('cost_add_field', { name }),
  analyse: (year: number, field: string) => call<CostAnalysis>('cost_analyse', { year, field }),
  standards: (year: number, field: string) => call<CostStandard[]>('cost_standards', { year, field }),
  /** Rejects with Invalid (no data yet, bad 自定 amount) or Forbidden. */
  adopt: (input: AdoptInput) => call<CostStandard>('cost_adopt', { input }),
  /** Rejects with Rejected (every bad row and column) — nothing written then. */
  import: (path: string, year: number, field: string) =>
    call<ImportReport>('cost_import', { path, year, field }),
  /** Returns the number of project rows written. */
  export: (path: string, year: number, field: string) => call<number>('cost_export', { path, year, field }),
  /** Returns the number of current standards written. */
  exportStandards: (path: string, year: number) => call<number>('cost_export_standards', { path, year }),
  /** Prints the standards table (GB/T 9704 PDF) and opens it; rejects with Conflict before any adoption. */
  printStandards: (year: number) => call<string>('cost_print_standards', { year }),
}
