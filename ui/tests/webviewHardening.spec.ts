import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import EChart from '../src/components/EChart.vue'
import DashboardView from '../src/views/monitoring/DashboardView.vue'
import { safeOption, textToHtml } from '../src/components/chartText'
import { mockBackend, mountWith } from './helpers'
import { taskRow } from './monitoringFixtures'

const HOSTILE = '<img src=x onerror="window.__pwned=1">'

type Tip = { formatter: (p: unknown, t: string, cb: (t: string, h: string) => void) => string }

describe('charts show data as text, never as HTML', () => {
  it('escapes a hostile project name in the 监控分析 scatter tooltip', async () => {
    mockBackend({
      monitoring_task_rows: () => [taskRow({ code: '2026-X-001', name: HOSTILE })],
      monitoring_stats: () => null,
    })
    const { wrapper } = await mountWith(DashboardView, { props: { roundId: 'r1' } })
    const charts = wrapper.findAllComponents(EChart)
    const scatter = charts.find((c) => JSON.stringify(c.props('option')).includes('scatter'))
    expect(scatter).toBeTruthy()
    const option = scatter!.props('option') as { series: { data: unknown[][] }[]; tooltip: Tip }
    const point = option.series[0]!.data[0]!
    expect(String(point[2])).toContain(HOSTILE)
    // What EChart.vue hands to ECharts.
    const html = (safeOption(option) as { tooltip: Tip }).tooltip.formatter({ value: point }, 't', () => {})
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;')
    // The line break the formatter asked for is still a line break.
    expect(html).toContain('<br/>执行率 73.17%')
    const div = document.createElement('div')
    div.innerHTML = html
    expect(div.querySelector('img')).toBeNull()
    expect(div.textContent).toContain(HOSTILE)
    wrapper.unmount()
  })

  it('wraps formatters at any depth: series, data items, arrays of tooltips, async callbacks', () => {
    const f = () => '<b>x</b>'
    const opt = safeOption({
      tooltip: [{ formatter: f }],
      series: [{ tooltip: { formatter: f }, data: [{ value: 1, tooltip: { formatter: f } }] }],
    }) as any
    expect(opt.tooltip[0].formatter({}, 't', () => {})).toBe('&lt;b&gt;x&lt;/b&gt;')
    expect(opt.series[0].tooltip.formatter({}, 't', () => {})).toBe('&lt;b&gt;x&lt;/b&gt;')
    expect(opt.series[0].data[0].tooltip.formatter({}, 't', () => {})).toBe('&lt;b&gt;x&lt;/b&gt;')
    let later = ''
    const asyncTip = safeOption({
      tooltip: { formatter: (_p: unknown, t: string, cb: (t: string, h: string) => void) => (cb(t, '<i>'), '…') },
    }) as any
    asyncTip.tooltip.formatter({}, 't', (_t: string, h: string) => (later = h))
    expect(later).toBe('&lt;i&gt;')
    expect(textToHtml('a\n<b>')).toBe('a<br/>&lt;b&gt;')
  })

  it('no screen imports ECharts itself: every chart goes through components/EChart.vue', () => {
    const files: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name)
        if (statSync(p).isDirectory()) walk(p)
        else if (/\.(vue|ts)$/.test(name)) files.push(p)
      }
    }
    walk(join(__dirname, '../src'))
    const offenders = files.filter(
      (p) => !p.endsWith(join('components', 'EChart.vue')) && !p.endsWith(join('components', 'chartText.ts')) &&
        /from ['"]echarts/.test(readFileSync(p, 'utf8')),
    )
    expect(offenders).toEqual([])
  })
})

describe('the webview names no file of its own', () => {
  it('no screen uses the JavaScript dialog plugin: dialogs open in Rust, which remembers the paths', () => {
    const files: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name)
        if (statSync(p).isDirectory()) walk(p)
        else if (/\.(vue|ts)$/.test(name)) files.push(p)
      }
    }
    walk(join(__dirname, '../src'))
    expect(files.filter((p) => /@tauri-apps\/plugin-(dialog|fs|opener|shell)/.test(readFileSync(p, 'utf8')))).toEqual([])
  })

  it('the capability grants the window only event listening', () => {
    const cap = JSON.parse(readFileSync(join(__dirname, '../../src-tauri/capabilities/default.json'), 'utf8'))
    expect(cap.permissions).toEqual(['core:event:allow-listen', 'core:event:allow-unlisten'])
  })
})

