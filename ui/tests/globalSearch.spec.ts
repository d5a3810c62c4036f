/**
 * 全局搜索 (issue 16, point 9): Ctrl+K opens the dialog, typing asks core, the hits come grouped
 * as core returns them, ↓ and Enter open the chosen one.
 */
import { describe, expect, it } from 'vitest'
import GlobalSearch from '../src/components/GlobalSearch.vue'
import { useSessionStore } from '../src/stores/session'
import { useProjectsStore } from '../src/stores/projects'
import { freshPinia, mockBackend, mountWith, settle, typeInto } from './helpers'
import { STATUS } from './fixtures'

const GROUPS = [
  {
    kind: '项目',
    label: '项目',
    hits: [{ kind: '项目', id: 'p1', code: '2025-JY-001', title: '义务教育营养改善计划', detail: '县第一中学 · 2025年度', fiscal_year: 2025 }],
  },
  {
    kind: '文书',
    label: '文书',
    hits: [{ kind: '文书', id: 'd1', code: 'X财绩函〔2026〕3号', title: '关于反馈营养改善计划绩效评价结果的函', detail: '反馈意见函 · 已印发', fiscal_year: 2025 }],
  },
]

async function setup() {
  const pinia = freshPinia()
  useSessionStore().applyStatus({ ...STATUS, years: [2024, 2025, 2026] }, true)
  const calls = mockBackend({ search_all: (a) => (String(a.text).includes('无') ? [] : GROUPS) })
  const m = await mountWith(GlobalSearch, { pinia })
  return { ...m, calls }
}

const ctrlK = () => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true }))
/** Element Plus puts the test id on the <input> itself. */
const input = () => document.querySelector('input[data-testid=search-input]') as HTMLInputElement

describe('全局搜索 (Ctrl+K)', () => {
  it('Ctrl+K opens it; typing shows core\'s hits grouped; ↓ Enter opens the 文书 by its 文号', async () => {
    const { router, calls } = await setup()
    expect(input()).toBeNull()
    ctrlK()
    await settle(50)
    expect(input()).toBeInstanceOf(HTMLInputElement)
    await typeInto(input(), '营养')
    await settle(250)
    expect(calls.filter((c) => c.cmd === 'search_all').map((c) => c.args.text)).toEqual(['营养'])
    const labels = [...document.querySelectorAll('.group-label')].map((e) => e.textContent)
    expect(labels).toEqual(['项目', '文书'])
    expect(document.querySelector('[data-testid=search-hit-项目-2025-JY-001]')!.textContent).toContain('义务教育营养改善计划')
    expect(document.querySelector('[data-testid=search-hit-文书-X财绩函〔2026〕3号]')).not.toBeNull()
    input().dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }))
    await settle()
    input().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    // The route's screen is loaded lazily before the navigation completes.
    await router.isReady()
    for (let i = 0; i < 40 && router.currentRoute.value.path !== '/results/documents/d1'; i++) await settle(100)
    expect(router.currentRoute.value.path).toBe('/results/documents/d1')
  })

  it('Enter on a 项目 shows the project list filtered to its code, in its year', async () => {
    const { router } = await setup()
    ctrlK()
    await settle(50)
    await typeInto(input(), '2025-JY-001')
    await settle(250)
    input().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    await settle(50)
    expect(router.currentRoute.value.path).toBe('/projects')
    expect(useProjectsStore().filters.search).toBe('2025-JY-001')
    expect(useSessionStore().year).toBe(2025)
  })

  it('says when nothing was found', async () => {
    await setup()
    ctrlK()
    await settle(50)
    await typeInto(input(), '无此项目')
    await settle(250)
    expect(document.querySelector('[data-testid=search-empty]')!.textContent).toContain('没有找到「无此项目」')
  })
})
