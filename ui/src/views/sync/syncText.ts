/**
 * Pure helpers of the 数据交换 screens: destination labels, Chinese names of the columns a
 * conflict shows, the edited row sent with 「编辑后保存」 (value types kept), and the sentences of
 * the import preview and result.
 */
import type { Conflict } from '../../api/bindings/Conflict'
import type { ImportPreview } from '../../api/bindings/ImportPreview'
import type { SiteKind } from '../../api/bindings/SiteKind'
import type { SyncDestination } from '../../api/bindings/SyncDestination'
import type { SyncImportReport } from '../../api/bindings/SyncImportReport'
import type { TableChanges } from '../../api/bindings/TableChanges'
import type { RowImage } from '../../api/sync'

/**
 * 「全部单位」 on the bureau's PC (「财政局（全部）」 on a unit's), 「河口镇（307）」 for a unit or a
 * PC whose unit is known, else the PC's name with its kind.
 */
export function destinationLabel(d: SyncDestination, mine: SiteKind): string {
  if (d.kind === '全部') return mine === '财政局' ? '全部单位' : '财政局（全部）'
  const tag = d.code ?? d.site_kind
  return tag ? `${d.name}（${tag}）` : d.name
}

/** Column → 中文 for the conflict screen; a column not listed shows its raw name. */
export const FIELD_NAMES: Readonly<Record<string, string>> = {
  id: '编号',
  code: '编码',
  name: '名称',
  title: '标题',
  text: '内容',
  note: '备注',
  kind: '类型',
  category: '类别',
  status: '状态',
  fiscal_year: '年度',
  unit_id: '单位',
  parent_id: '上级单位',
  project_id: '项目',
  target_id: '绩效目标',
  contact: '联系人',
  phone: '联系电话',
  overall_goal: '总体目标',
  summary: '自评总结',
  problem: '存在问题',
  basis: '依据',
  measure: '整改措施',
  measures: '纠偏措施',
  responsible_person: '责任人',
  deadline: '完成时限',
  feedback: '整改反馈',
  review_note: '核实意见',
  notice_id: '整改通知书',
  closed_at: '销号时间',
  source_kind: '来源类型',
  source_id: '来源',
  level1: '一级指标',
  level2: '二级指标',
  level3: '三级指标',
  indicator_name: '指标名称',
  nature: '指标性质',
  value: '指标值',
  value_high: '指标值上限',
  unit: '计量单位',
  weight_cp: '分值（0.01分）',
  score_cp: '得分（0.01分）',
  total_cp: '总分（0.01分）',
  grade: '等级',
  actual: '实际完成值',
  forecast: '全年预计完成值',
  deviation_reason: '偏差原因',
  possibility: '完成可能性',
  reason: '原因',
  not_applicable: '不适用',
  budget_fen: '全年预算数（分）',
  executed_fen: '执行数（分）',
  forecast_fen: '全年预计执行数（分）',
  amount_fen: '金额（分）',
  reduction_fen: '核减金额（分）',
  return_reason: '退回原因',
  adjustment_reason: '调整原因',
  is_public: '是否公开',
  not_public_reason: '不公开原因',
  resolved: '已整改',
  resolved_at: '整改时间',
  version: '版本',
  is_current: '当前版本',
  previous_id: '上一版本',
  seq: '序号',
  file_name: '文件名',
  size_bytes: '大小（字节）',
  sha256: '校验值',
  added_by: '添加人',
  submitted_by: '提交人',
  submitted_at: '提交时间',
  approved_by: '批复人',
  approved_at: '批复时间',
  reviewed_by: '审核人',
  reviewed_at: '审核时间',
  created_by: '创建人',
  created_at: '创建时间',
  updated_at: '修改时间',
  deleted_at: '删除时间',
}

export function fieldLabel(column: string): string {
  return FIELD_NAMES[column] ?? column
}

/** A value as the side-by-side table shows it. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined) return '（空）'
  if (typeof v === 'object') return '（二进制内容）'
  return String(v)
}

/** The last eight characters of an id (the first ones of a time-ordered id are all alike). */
export function shortPk(pk: string): string {
  return pk.length > 8 ? `…${pk.slice(-8)}` : pk
}

/** One input of the 「编辑后保存」 dialog. */
export interface EditField {
  column: string
  label: string
  /** A number column stays a number; the input holds its text. */
  numeric: boolean
  /** Whole numbers only (every stored value of the column is one). */
  integer: boolean
  /** Empty means null (either side already holds null). */
  nullable: boolean
  text: string
}

/** The row the edit starts from: 本机's, or 对方's when 本机 deleted it. */
function baseRow(c: Conflict): RowImage {
  const side = c.ours_deleted ? 'theirs' : 'ours'
  return Object.fromEntries(c.fields.map((f) => [f.column, f[side]]))
}

/** The differing fields, prefilled from the base row (BLOB columns are not editable). */
export function editFields(c: Conflict): EditField[] {
  const base = baseRow(c)
  return c.fields
    .filter((f) => f.differs && !isBlob(f.ours) && !isBlob(f.theirs))
    .map((f) => {
      const v = base[f.column]
      const numbers = [f.ours, f.theirs].filter((x) => typeof x === 'number') as number[]
      const numeric = numbers.length > 0
      return {
        column: f.column,
        label: fieldLabel(f.column),
        numeric,
        integer: numeric && numbers.every(Number.isInteger),
        nullable: f.ours === null || f.theirs === null,
        text: v === null || v === undefined ? '' : String(v),
      }
    })
}

function isBlob(v: unknown): boolean {
  return typeof v === 'object' && v !== null
}

/**
 * The whole row for `sync_resolve(…, '编辑', row)`: the base row with the edited fields, each of
 * its column's type. An unusable value gives the Chinese reason instead.
 */
export function buildEditedRow(c: Conflict, edits: readonly EditField[]): { row: RowImage } | { error: string } {
  const row = baseRow(c)
  for (const e of edits) {
    const t = e.text.trim()
    if (t === '' && e.nullable) {
      row[e.column] = null
    } else if (e.numeric) {
      const n = Number(t)
      if (t === '' || !Number.isFinite(n)) return { error: `「${e.label}」请填写数字${e.nullable ? '，或留空表示无' : ''}` }
      if (e.integer && !Number.isInteger(n)) return { error: `「${e.label}」请填写整数` }
      row[e.column] = n
    } else {
      row[e.column] = e.text
    }
  }
  return { row }
}

/** The 合计 of a preview's per-table rows. */
export function previewTotals(tables: readonly TableChanges[]) {
  const sum = (k: 'insert' | 'update' | 'delete' | 'duplicate' | 'conflict') => tables.reduce((n, t) => n + t[k], 0)
  return { insert: sum('insert'), update: sum('update'), delete: sum('delete'), duplicate: sum('duplicate'), conflict: sum('conflict') }
}

/** 「共 N 条变更：将应用 A 条（新增 a、修改 u、删除 d），重复跳过 D 条，冲突 C 条」. */
export function previewTotalsText(p: ImportPreview): string {
  const t = previewTotals(p.tables)
  return (
    `共 ${p.header.change_count} 条变更：将应用 ${p.applied} 条（新增 ${t.insert}、修改 ${t.update}、删除 ${t.delete}），` +
    `重复跳过 ${p.skipped_duplicate} 条，冲突 ${p.conflicts} 条`
  )
}

export function importResultText(r: SyncImportReport): string {
  return `已应用 ${r.applied} 条，重复跳过 ${r.skipped_duplicate} 条，冲突 ${r.conflicts} 条`
}

/** Whole percent of a progress event; 0 while the total is not known yet. */
export function progressPercent(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.floor((done * 100) / total)) : 0
}
