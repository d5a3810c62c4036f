/**
 * Chart options are made safe here, once, for every chart drawn through `EChart.vue`.
 *
 * ECharts renders tooltips as HTML. Its own default tooltip and string templates (`'{b}：{c}'`)
 * escape the data, but a *function* formatter returns whatever HTML it builds — a project name
 * such as `<img src=x onerror=…>` from an outside workbook would run as script. So every function
 * formatter under a `tooltip` is wrapped: what it returns is treated as **text** (escaped with
 * `echarts.format.encodeHTML`), and a line break `\n` becomes `<br/>`. Formatters therefore
 * return plain text with `\n`, never markup. Labels, axis labels and legends are drawn by the SVG
 * renderer as text nodes, not HTML, so they need nothing.
 */
import { format } from 'echarts/core'

/** Plain text → HTML that shows exactly that text, with `\n` as a line break. */
export function textToHtml(text: unknown): string {
  const s = text === null || text === undefined ? '' : String(text)
  return s
    .split('\n')
    .map((line) => format.encodeHTML(line))
    .join('<br/>')
}

type Formatter = (params: unknown, ticket: string, callback: (ticket: string, html: string) => void) => unknown

function wrapFormatter(f: Formatter): Formatter {
  return (params, ticket, callback) =>
    textToHtml(f(params, ticket, (t, text) => callback(t, textToHtml(text))))
}

function safeTooltip(tooltip: unknown): unknown {
  if (Array.isArray(tooltip)) return tooltip.map(safeTooltip)
  if (!tooltip || typeof tooltip !== 'object') return tooltip
  const t = { ...(tooltip as Record<string, unknown>) }
  if (typeof t.formatter === 'function') t.formatter = wrapFormatter(t.formatter as Formatter)
  // A fixed `content` (component tooltips) is shown as HTML too.
  if (typeof t.content === 'string') t.content = textToHtml(t.content)
  return t
}

/**
 * A copy of `option` in which every `tooltip` (top level, per series, per data item, per axis or
 * legend, at any depth) shows its formatter's result as text. Other values are shared, not copied.
 */
export function safeOption<T>(option: T): T {
  return walk(option, 0) as T
}

function walk(value: unknown, depth: number): unknown {
  // Options are shallow trees; the bound only guards against a cyclic object.
  if (depth > 12 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1))
  // Typed arrays, dates and other class instances (e.g. echarts graphics) pass through.
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = k === 'tooltip' ? safeTooltip(walk(v, depth + 1)) : walk(v, depth + 1)
  }
  return out
}
