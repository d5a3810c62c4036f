/**
 * Small pure helpers over the 公文 model (`bindings/Document`, jixiao-gongwen's `Document`): the
 * kind and text of a body block, the 主送 list as typed text, table rows for el-table.
 */
import type { Block } from '../../api/bindings/Block'
import type { DocColumn } from '../../api/bindings/DocColumn'

export type BlockKind = 'Paragraph' | 'Heading' | 'Table' | 'Plain'

export function blockKind(b: Block): BlockKind {
  if ('Paragraph' in b) return 'Paragraph'
  if ('Heading' in b) return 'Heading'
  if ('Table' in b) return 'Table'
  return 'Plain'
}

/** The editable text of a block; '' for a table. */
export function blockText(b: Block): string {
  if ('Paragraph' in b) return b.Paragraph
  if ('Heading' in b) return b.Heading.text
  if ('Plain' in b) return b.Plain
  return ''
}

/** The block with its text replaced (a table is returned unchanged). */
export function withText(b: Block, text: string): Block {
  if ('Paragraph' in b) return { Paragraph: text }
  if ('Heading' in b) return { Heading: { level: b.Heading.level, text } }
  if ('Plain' in b) return { Plain: text }
  return b
}

export function headingLevel(b: Block): number {
  return 'Heading' in b ? b.Heading.level : 0
}

/** 一、 黑体 / （一） 楷体 / 1. 仿宋 / （1） 仿宋 — the label beside a heading input. */
export const HEADING_LABEL: Record<number, string> = { 1: '一级标题', 2: '二级标题', 3: '三级标题', 4: '四级标题' }

/** 主送 typed as 「县教育局，县卫生健康局」 (commas or 、) → the list core stores. */
export function splitAddressees(text: string): string[] {
  return text
    .split(/[,，、;；\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

export function joinAddressees(list: string[]): string {
  return list.join('，')
}

/** A table block as el-table data: one object per row, keys c0, c1, …. */
export function tableData(rows: string[][]): Record<string, string>[] {
  return rows.map((r) => Object.fromEntries(r.map((cell, i) => [`c${i}`, cell])))
}

/** el-table column widths from the model's relative weights (0 counts as 1). */
export function columnWidth(cols: DocColumn[], i: number, total = 640): number {
  const sum = cols.reduce((s, c) => s + Math.max(1, c.weight), 0)
  return Math.max(56, Math.round((total * Math.max(1, cols[i]?.weight ?? 1)) / sum))
}
