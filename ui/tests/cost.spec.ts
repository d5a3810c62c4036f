import { afterEach, describe, expect, it } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import CostView from '../src/views/cost/CostView.vue'
import type { CostAnalysis } from '../src/api/bindings/CostAnalysis'
import type { CostRow } from '../src/api/bindings/CostRow'
import { useSessionStore } from '../src/stores/session'
import { freshPinia, mockBackend, mountWith, settle } from './helpers'
import { ME, STATUS } from './fixtures'

const $ = (sel: string) => document.body.querySelector(sel)
const text = (sel: string) => $(sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? ''
const mounted: VueWrapper[] = []
afterEach(() => {
  while (mounted.length) mounted.pop()!.unmount()
  document.body.innerHTML = ''
})

function row(code: string, unit_cost_fen: number, over: Partial<CostRow> = {}): CostRow {
  return {
    project_id: `p-${code}`,
    code,
    name: `公厕项目${code}`,
    unit_name: '县住建局',
    driver: '公厕座数',
    measure_unit: '座',
    quantity_c: 1000,
    quantity: '10',
    personnel_fen: 0,
    operation_fen: 0,
    material_fen: 0,
    other_fen: 0,
    total_fen: unit_cost_fen * 10,
    unit_cost_fen,
    deviation_bp: null,
    outlier: null,
    request_fen: 12_000_000,
    request_source: '2026年年初预算',
    allowed_fen: null,
    suggested_cut_fen: 0,
    ...over,
  }
}

function analysis(over: Partial<CostAnalysis> = {}): CostAnalysis {
  return {
    year: 2025,
    field: '城乡环卫',
    driver: '公厕座数',
    measure_unit: '座',
    projects: [
      row('G4', 5_000_000, { deviation_bp: 18_571, outlier: '偏高', allowed_fen: 7_000_000, suggested_cut_fen: 13_000_000 }),
      row('G1', 1_000_000, { deviation_bp: -4_286, allowed_fen: 17_500_000 }),
    ],
    median_fen: 1_750_000,
    p25_fen: 1_375_000,
    p75_fen: 2_750_000,
    low_fence_fen: -687_500,
    high_fence_fen: 4_812_500,
    county_count: 4,
    standard: null,
    suggested_cut_fen: 13_000_000,
    ...over,
  }
}

const FIELDS = [
  { name: '城乡环卫', builtin: true },
  { name: '公厕管理', builtin: true },
]

async function open(handlers: Record<string, (a: Record<string, any>) => unknown>, perms = true) {
  const pinia = freshPinia()
  const session = useSessionStore()
  session.applyStatus(STATUS, true)
  session.me = perms ? { ...ME, perms: [...ME.perms, '成本预算绩效分析'] } : ME
  const calls = mockBackend({ cost_fields: () => FIELDS, ...handlers })
  const m = await mountWith(CostView, { pinia })
  mounted.push(m.wrapper)
  await settle()
  return { calls, sent: (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args) }
}

describe('结果应用 › 成本分析', () => {
  it('shows core\'s unit costs, deviations, outliers, quartiles and cuts for the header year', async () => {
    const s = await open({ cost_analyse: () => analysis() })
    await settle(50)
    expect(s.sent('cost_analyse')).toEqual([{ year: 2025, field: '城乡环卫' }])
    const g4 = text('[data-testid=cost-row-G4]')
    expect(g4).toContain('50000.00')
    expect(g4).toContain('+185.71%')
    expect(g4).toContain('偏高')
    expect(g4).toContain('13.00')
    expect(text('[data-testid=cost-row-G1]')).toContain('-42.86%')
    expect(text('[data-testid=cost-median]')).toBe('17500.00')
    expect(text('[data-testid=cost-p25]')).toBe('13750.00')
    expect(text('[data-testid=cost-p75]')).toBe('27500.00')
    expect(text('[data-testid=cost-standard]')).toBe('未采用')
    expect(text('[data-testid=cost-cut]')).toBe('13.00')
  })

  it('adopts a standard on the median through core and reloads', async () => {
    let current = analysis()
    const s = await open({
      cost_analyse: () => current,
      cost_standards: () => [],
      cost_adopt: (a) => {
        const std = {
          id: 's1', year: 2025, field: '城乡环卫', driver: '公厕座数', version: 1, unit_cost_fen: 1_750_000,
          measure_unit: '座', basis: '中位数', note: a.input.note, adopted_by: '张三', adopted_at: '2026-01-05',
        }
        current = analysis({ standard: std })
        return std
      },
    })
    ;($('[data-testid=cost-adopt]') as HTMLElement).click()
    await settle()
    ;($('[data-testid=cost-adopt-save]') as HTMLElement).click()
    await settle()
    expect(s.sent('cost_adopt')).toEqual([
      { input: { year: 2025, field: '城乡环卫', basis: '中位数', custom_yuan: null, note: '' } },
    ])
    expect(text('[data-testid=cost-standard]')).toBe('17500.00 元/座（第1版）')
  })

  it('offers no adoption or import to an account without the permission', async () => {
    await open({ cost_analyse: () => analysis() }, false)
    expect($('[data-testid=cost-adopt]')).toBeNull()
    expect($('[data-testid=cost-import]')).toBeNull()
    expect($('[data-testid=cost-export]')).not.toBeNull()
  })
})
