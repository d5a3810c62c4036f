/**
 * Issue 16, point 6: every tag and badge is readable — text at least 4.5:1 against its background
 * (WCAG 2.x contrast), for every type and effect the screens use. The colours are the ones in
 * src/styles.css (loaded after Element Plus's own, which give 2.3–3.0:1); the 红灯 tag on the
 * 监控情况表 and the 等级 tag on the 自评表 are checked as rendered.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import SheetView from '../src/views/monitoring/SheetView.vue'
import SelfForm from '../src/views/evaluation/SelfForm.vue'
import { freshPinia, mockBackend, mountWith, typeInto } from './helpers'
import { RULES } from './targetsFixtures'
import { sheet } from './monitoringFixtures'
import { selfForm, selfRow } from './evaluationFixtures'

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const h = hex.replace('#', '')
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255)
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!)
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

/** The declarations of the rule whose selector is exactly `selector` in src/styles.css. */
const css = readFileSync(join(__dirname, '../src/styles.css'), 'utf8')
function rule(selector: string): Record<string, string> {
  const at = css.indexOf(`${selector} {`)
  if (at < 0) return {}
  const body = css.slice(css.indexOf('{', at) + 1, css.indexOf('}', at))
  return Object.fromEntries(
    body
      .split(';')
      .map((d) => d.split(':').map((s) => s.trim()))
      .filter((d) => d.length === 2 && d[0] !== '')
      .map(([k, v]) => [k!, v!]),
  )
}

/** Text and background colour of a tag of `type` and `effect`, as styles.css sets them. */
function tagColours(type: string, effect: 'light' | 'dark' | 'plain'): [string, string] {
  const sel = effect === 'light' ? `.el-tag.el-tag--${type}` : `.el-tag.el-tag--${effect}.el-tag--${type}`
  const r = rule(sel)
  return [r['--el-tag-text-color'] ?? 'missing', r['--el-tag-bg-color'] ?? 'missing']
}

const TYPES = ['primary', 'success', 'warning', 'danger', 'info'] as const

describe('contrast of tags and badges', () => {
  it('the helper agrees with WCAG: Element Plus\'s red tag (#f56c6c on #fef0f0) is unreadable, black on white is 21:1', () => {
    expect(contrast('#f56c6c', '#fef0f0')).toBeLessThan(3)
    expect(contrast('#ffffff', '#f56c6c')).toBeLessThan(3)
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5)
  })

  for (const type of TYPES) {
    for (const effect of ['light', 'dark', 'plain'] as const) {
      it(`${type} tag, ${effect}: text ≥ 4.5:1 against its background`, () => {
        const [fg, bg] = tagColours(type, effect)
        expect(fg, `${type}/${effect} text colour`).toMatch(/^#[0-9a-f]{6}$/i)
        expect(bg, `${type}/${effect} background`).toMatch(/^#[0-9a-f]{6}$/i)
        expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5)
      })
    }
    it(`${type} badge: white figure ≥ 4.5:1 on its background`, () => {
      const r = rule(`.el-badge__content.el-badge__content--${type}`)
      expect(contrast(r.color ?? '#ffffff', r['background-color'] ?? 'missing')).toBeGreaterThanOrEqual(4.5)
    })
  }

  it('the 红灯 tag on the 监控情况表 is a dark danger tag, readable', async () => {
    mockBackend({ rules_current: () => RULES, rules_versions: () => [RULES], monitoring_sheet: () => sheet() })
    const a = await mountWith(SheetView, { pinia: freshPinia(), props: { taskId: 'k1' } })
    const input = document.querySelector('[data-testid=sheet-executed] input')
    await typeInto(input, '3666')
    const red = a.wrapper.find('[data-testid=sheet-warning]')
    expect(red.text()).toBe('红灯')
    expect(red.classes()).toEqual(expect.arrayContaining(['el-tag--dark', 'el-tag--danger']))
    const [fg, bg] = tagColours('danger', 'dark')
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5)
    a.wrapper.unmount()
  }, 60000)

  it('the 等级 tag on the 自评表 (差) is a tag these colours cover', async () => {
    const failing = selfForm({ row: selfRow({ total_cp: 5500, grade: '差' }) })
    mockBackend({ evaluation_self_get: () => failing })
    const b = await mountWith(SelfForm, { pinia: freshPinia(), props: { id: 's1' } })
    const grade = b.wrapper.find('[data-testid=eval-form-grade]')
    expect(grade.text()).toBe('差')
    const type = TYPES.find((t) => grade.classes().includes(`el-tag--${t}`))!
    const effect = grade.classes().includes('el-tag--dark') ? 'dark' : grade.classes().includes('el-tag--plain') ? 'plain' : 'light'
    const [gf, gb] = tagColours(type, effect)
    expect(contrast(gf, gb)).toBeGreaterThanOrEqual(4.5)
    b.wrapper.unmount()
  }, 60000)
})

describe('目标总览 donut', () => {
  it('labels are never truncated and the legend does not squeeze them (it sits below the ring)', async () => {
    const { pieOption } = await import('../src/views/targets/pieOption')
    const o = pieOption([{ status: '二上', count: 12 }, { status: '二下', count: 30 }] as never, { 二上: '#f0a020' })
    const s = o.series[0]!
    expect(s.label.overflow).toBe('none')
    expect(s.center[0]).toBe('50%')
    expect(o.legend).toMatchObject({ orient: 'horizontal', bottom: 0 })
    expect(s.data.map((d) => d.name)).toEqual(['二上', '二下'])
  })
})
