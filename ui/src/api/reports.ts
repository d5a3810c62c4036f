/** 统计分析 commands: 年度总览 figures (分, bp), the annual report's texts, writing the report. */
import { call } from './invoke'
import type { AnnualReport } from './bindings/AnnualReport'
import type { NpcTables } from './bindings/NpcTables'
import type { ReportTexts } from './bindings/ReportTexts'
import type { ReportTextsInput } from './bindings/ReportTextsInput'
import type { YearOverview } from './bindings/YearOverview'

export const reportsApi = {
  yearOverview: (year: number) => call<YearOverview>('reports_year_overview', { year }),
  texts: (year: number) => call<ReportTexts>('reports_texts', { year }),
  /** Needs 文书与文号; blank lines are dropped by core. */
  saveTexts: (year: number, input: ReportTextsInput) => call<ReportTexts>('reports_save_texts', { year, input }),
  /** Writes 「{县名}{年度}年度全面预算绩效管理工作开展情况」 as .docx or .pdf (by the path's extension). */
  writeAnnual: (year: number, path: string) => call<AnnualReport>('reports_write_annual', { year, path }),
  /** 人大报送 attachments (重点项目绩效目标表, 绩效评价结果表) of projects ≥ `minWan` 万元, .xlsx or .pdf. */
  writeNpc: (year: number, minWan: string, path: string) => call<NpcTables>('reports_write_npc', { year, minWan, path }),
  /** 年度总览 as one .xlsx, a sheet per stage. */
  exportOverview: (year: number, path: string) => call<YearOverview>('reports_export_overview', { year, path }),
}
