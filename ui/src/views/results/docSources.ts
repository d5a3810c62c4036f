/**
 * What a 文书 can be drafted from, per 文种 (core `DraftInput.source_kind`): the lists come from
 * the stages' own commands — 定稿 重点评价, reviewed 抽查 rows, 监控情况表 (red or filled),
 * units, assessed 事前评估 projects — filtered to what core accepts as a source.
 */
import { evaluationApi } from '../../api/evaluation'
import { keyApi } from '../../api/evaluationKey'
import { exanteApi } from '../../api/exante'
import { monitoringApi } from '../../api/monitoring'
import { orgApi } from '../../api/org'
import type { DocType } from '../../api/bindings/DocType'
import type { UnitKind } from '../../api/bindings/UnitKind'
import { scoreText } from '../../utils/grade'
import { formatRate } from '../../utils/rate'

export type SourceKind = 'key_eval' | 'spot_check' | 'monitor_task' | 'unit' | 'project'

/** One choice of the source picker. */
export interface SourceOption {
  id: string
  label: string
  /** Shown on the right of the option (unit, score, light …). */
  hint: string
  /** Option group (the 监控轮次 of a sheet); '' for none. */
  group: string
}

export interface SourceSpec {
  kind: SourceKind
  /** Radio label when a 文种 has two kinds of source. */
  label: string
  /** The picker's label. */
  field: string
  empty: string
}

export const SOURCES: Record<DocType, SourceSpec[]> = {
  反馈意见函: [
    { kind: 'key_eval', label: '重点评价', field: '重点评价', empty: '本年度还没有定稿的重点评价' },
    { kind: 'spot_check', label: '抽查复核', field: '复核项目', empty: '本年度还没有已复核的抽查项目' },
  ],
  整改通知书: [
    { kind: 'key_eval', label: '重点评价问题', field: '重点评价', empty: '本年度没有记录了问题的定稿重点评价' },
    { kind: 'monitor_task', label: '监控红灯', field: '监控情况表', empty: '本年度没有红灯预警的监控情况表' },
  ],
  绩效管理意见书: [{ kind: 'unit', label: '单位', field: '单位', empty: '还没有单位，请先在单位管理中新增' }],
  监控结果反馈书: [{ kind: 'monitor_task', label: '监控情况表', field: '监控情况表', empty: '本年度还没有已填报的监控情况表' }],
  事前评估意见: [{ kind: 'project', label: '事前评估项目', field: '项目', empty: '本年度还没有完成事前评估的项目' }],
}

const OPINION_UNITS: readonly UnitKind[] = ['主管部门', '预算单位', '乡镇']

async function keyEvals(year: number, withFindingsOnly: boolean): Promise<SourceOption[]> {
  const page = await keyApi.list({ year, kind: null, status: '定稿', text: null, page: 0, page_size: 0 })
  return page.rows
    .filter((r) => !withFindingsOnly || r.findings > 0)
    .map((r) => ({
      id: r.id,
      label: r.object_name,
      hint: withFindingsOnly
        ? `${r.unit_name ?? ''} 问题 ${r.findings} 个`
        : `${r.unit_name ?? ''} ${scoreText(r.total_cp)}分 ${r.grade ?? ''}`,
      group: '',
    }))
}

async function spotRows(year: number): Promise<SourceOption[]> {
  const draw = await evaluationApi.spotCurrent(year)
  return (draw?.rows ?? [])
    .filter((r) => r.review_total_cp !== null)
    .map((r) => ({
      id: r.id,
      label: `${r.code} ${r.name}`,
      hint: `${r.unit_name} 复核 ${scoreText(r.review_total_cp)}分 ${r.review_grade ?? ''}`,
      group: '',
    }))
}

async function monitorTasks(year: number, redOnly: boolean): Promise<SourceOption[]> {
  const rounds = await monitoringApi.rounds(year)
  const out: SourceOption[] = []
  for (const round of rounds) {
    const group = `1–${round.cutoff_month}月${round.kind}`
    for (const t of await monitoringApi.taskRows(round.id)) {
      if (redOnly ? t.warning !== '红灯' : t.warning === null) continue
      out.push({
        id: t.id,
        label: `${t.code} ${t.name}`,
        hint: `${t.unit_name} ${t.warning} 执行率 ${formatRate(t.execution_bp)}`,
        group,
      })
    }
  }
  return out
}

async function units(): Promise<SourceOption[]> {
  const all = await orgApi.units()
  return all
    .filter((u) => OPINION_UNITS.includes(u.kind))
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((u) => ({ id: u.id, label: `${u.code} ${u.name}`, hint: u.kind, group: '' }))
}

async function assessedProjects(year: number): Promise<SourceOption[]> {
  const page = await exanteApi.required({
    year,
    status: '已评估',
    conclusion: null,
    budget_type: null,
    unit_id: null,
    search: null,
    page: 0,
    page_size: 0,
  })
  return page.rows
    .filter((r) => r.assessment !== null)
    .map((r) => ({
      id: r.project_id,
      label: `${r.code} ${r.name}`,
      hint: `${r.unit_name} ${r.assessment ? `${scoreText(r.assessment.total_cp)}分 ${r.assessment.conclusion}` : ''}`,
      group: '',
    }))
}

/** The sources of `docType` and `kind` in `year`. */
export function loadSources(docType: DocType, kind: SourceKind, year: number): Promise<SourceOption[]> {
  switch (kind) {
    case 'key_eval':
      return keyEvals(year, docType === '整改通知书')
    case 'spot_check':
      return spotRows(year)
    case 'monitor_task':
      return monitorTasks(year, docType === '整改通知书')
    case 'unit':
      return units()
    case 'project':
      return assessedProjects(year)
  }
}

/** Options grouped for el-option-group; a single unnamed group when none has a group. */
export function groupOptions(options: SourceOption[]): { label: string; options: SourceOption[] }[] {
  const groups = new Map<string, SourceOption[]>()
  for (const o of options) {
    const list = groups.get(o.group)
    if (list) list.push(o)
    else groups.set(o.group, [o])
  }
  return [...groups].map(([label, opts]) => ({ label, options: opts }))
}
