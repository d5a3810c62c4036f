/**
 * Column definitions of every list (ListPage.vue) and the one width rule that keeps each list
 * readable at 1280×800 and 1366×768: names get the width (they grow), codes, enums, dates and
 * figures are compact, and no column is narrower than its header text, so nothing is clipped or
 * hidden behind the fixed 操作 column.
 */

export type ColumnKind =
  | 'name' // 项目名称, 标题, 问题: takes the remaining width
  | 'text' // 单位, 说明: grows, but less than a name
  | 'code' // 项目编码, 文号
  | 'enum' // 状态, 类别, 等级, 预警 (short words, tags)
  | 'amount' // 万元 figures
  | 'rate' // percentages
  | 'number' // counts, scores
  | 'date'
  | 'datetime'
  | 'actions' // the fixed 操作 column
  | 'expand' // the row's detail (slot cell-<key> renders the expanded part)

export interface ListColumn {
  /** Slot `cell-<key>` renders the cell; without it the cell shows `row[prop ?? key]`. */
  key: string
  label: string
  kind: ColumnKind
  prop?: string
  /** Overrides the rule's width (actions: the buttons' width). */
  width?: number
  /** Overrides the rule's minimum width of a growing column (name, text). */
  minWidth?: number
  /** Header on two lines (long figure headers such as 调整后预算数（万元）). */
  wrap?: boolean
  align?: 'left' | 'center' | 'right'
  fixed?: 'left' | 'right'
  sortable?: boolean | 'custom'
}

/** Pixels of a header or cell character (14 px 宋体/微软雅黑) and of a cell's padding. */
const CHAR_PX = 14
const PAD_PX = 26

/** The width a header needs on one line (or on two when `wrap`). */
export function headerWidth(label: string, wrap = false): number {
  let units = 0
  for (const ch of label) units += ch.charCodeAt(0) > 0xff ? 1 : 0.6
  const line = wrap ? Math.ceil(units / 2) + 0.5 : units
  return Math.ceil(line * CHAR_PX + PAD_PX)
}

const RULE: Record<ColumnKind, { width?: number; minWidth?: number; align: 'left' | 'center' | 'right' }> = {
  name: { minWidth: 200, align: 'left' },
  text: { minWidth: 120, align: 'left' },
  code: { width: 112, align: 'left' },
  enum: { width: 76, align: 'center' },
  amount: { width: 104, align: 'right' },
  rate: { width: 76, align: 'right' },
  number: { width: 64, align: 'right' },
  date: { width: 100, align: 'center' },
  datetime: { width: 152, align: 'center' },
  actions: { width: 100, align: 'center' },
  expand: { width: 36, align: 'center' },
}

export interface ColumnAttrs {
  width?: number
  minWidth?: number
  align: 'left' | 'center' | 'right'
  headerAlign: 'left' | 'center' | 'right'
  fixed?: 'left' | 'right'
  showOverflowTooltip: boolean
  labelClassName?: string
}

/** The el-table-column attributes of a column under the rule. */
export function columnAttrs(c: ListColumn): ColumnAttrs {
  const rule = RULE[c.kind]
  const need = c.kind === 'expand' ? 0 : headerWidth(c.label, c.wrap)
  const align = c.align ?? rule.align
  const attrs: ColumnAttrs = {
    align,
    headerAlign: align === 'right' ? 'center' : align,
    showOverflowTooltip: c.kind !== 'actions',
    labelClassName: c.wrap ? 'wrap' : undefined,
  }
  if (c.kind === 'expand') {
    attrs.width = 36
    attrs.showOverflowTooltip = false
  } else if (c.kind === 'actions') {
    attrs.width = Math.max(c.width ?? rule.width ?? 100, need)
    attrs.fixed = c.fixed ?? 'right'
  } else if (rule.minWidth !== undefined && c.width === undefined) {
    attrs.minWidth = Math.max(c.minWidth ?? rule.minWidth, need)
    attrs.fixed = c.fixed
  } else {
    attrs.width = Math.max(c.width ?? rule.width ?? 80, need)
    attrs.fixed = c.fixed
  }
  return attrs
}

/** The narrowest the table can be without a horizontal scroll bar. */
export function tableMinWidth(cols: ListColumn[]): number {
  return cols.reduce((sum, c) => {
    const a = columnAttrs(c)
    return sum + (a.width ?? a.minWidth ?? 0)
  }, 0)
}
