import { describe, expect, it } from 'vitest'
import AppLayout from '../src/components/AppLayout.vue'
import { breadcrumbOf, STAGES, visibleStages, type MenuStage } from '../src/menu'
import { useSessionStore } from '../src/stores/session'
import { freshPinia, mountWith } from './helpers'
import { ADMIN, ME, STATUS } from './fixtures'

describe('menu', () => {
  it('hides stages that are not built yet', () => {
    const shown = visibleStages().map((s) => s.title)
    expect(shown).toEqual(['工作台', '事前评估', '绩效目标', '运行监控', '绩效评价', '结果应用', '指标库', '考核', '智能审核', '统计分析', '基础数据', '数据交换', '系统设置'])
    for (const s of STAGES.filter((s) => !s.built)) expect(shown).not.toContain(s.title)
  })

  it('shows a stage only while it is flagged built (one list drives the menu)', () => {
    const stages: MenuStage[] = STAGES.map((s) => (s.key === 'reports' ? { ...s, built: false } : s))
    expect(visibleStages(stages).map((s) => s.title)).not.toContain('统计分析')
  })

  it('renders only built stages with their test ids, the year switcher and the signed-in account', async () => {
    const pinia = freshPinia()
    const session = useSessionStore()
    session.applyStatus({ ...STATUS, years: [2024, 2025] }, true)
    session.me = ME
    const { wrapper } = await mountWith(AppLayout, { pinia })
    const text = wrapper.text()
    expect(text).toContain('县级预算绩效管理系统')
    expect(text).toContain('基础数据')
    expect(text).toContain('系统设置')
    for (const shown of ['事前评估', '绩效目标', '运行监控', '绩效评价', '结果应用', '指标库', '统计分析', '数据交换']) expect(text).toContain(shown)
    for (const id of ['menu-exante', 'menu-targets', 'menu-targets-overview', 'menu-library', 'menu-monitoring', 'menu-evaluation-overview', 'menu-evaluation-self', 'menu-evaluation-spot', 'menu-evaluation-key', 'menu-evaluation-agencies', 'menu-results-documents', 'menu-results-register', 'menu-results-rect', 'menu-results-linkage', 'menu-results-disclosure', 'menu-reports-overview', 'menu-units', 'menu-projects', 'menu-sync-export', 'menu-sync-import', 'menu-sync-conflicts', 'menu-sync-history', 'menu-rules', 'year-select']) {
      expect(wrapper.find(`[data-testid=${id}]`).exists(), id).toBe(true)
    }
    // 绩效管理 does no 系统维护 and reads no 操作日志 (三员分立).
    for (const id of ['menu-sync-site', 'menu-audit', 'menu-maintenance', 'menu-users']) {
      expect(wrapper.find(`[data-testid=${id}]`).exists(), id).toBe(false)
    }
    expect(text).toContain('张三（绩效股）')
    expect(session.year).toBe(2025)
  })

  it('shows the 系统管理员 only its own screens: 用户管理, 数据维护, 本机身份', async () => {
    const pinia = freshPinia()
    const session = useSessionStore()
    session.applyStatus(STATUS, true)
    session.me = ADMIN
    const { wrapper } = await mountWith(AppLayout, { pinia })
    for (const id of ['menu-users', 'menu-maintenance', 'menu-sync-site']) expect(wrapper.find(`[data-testid=${id}]`).exists(), id).toBe(true)
    for (const id of ['menu-targets', 'menu-projects', 'menu-audit', 'menu-sync-export', 'menu-rules']) {
      expect(wrapper.find(`[data-testid=${id}]`).exists(), id).toBe(false)
    }
  })

  it('keeps the breadcrumb of a screen opened from a menu entry (a target under 目标管理)', () => {
    expect(breadcrumbOf('/targets')).toEqual(['绩效目标', '目标管理'])
    expect(breadcrumbOf('/targets/overview')).toEqual(['绩效目标', '目标总览'])
    expect(breadcrumbOf('/targets/0193-abc', STAGES, '编制与审核')).toEqual(['绩效目标', '目标管理', '编制与审核'])
    expect(breadcrumbOf('/monitoring/r1', STAGES, '监控情况表列表')).toEqual(['运行监控', '监控轮次', '监控情况表列表'])
    expect(breadcrumbOf('/monitoring/sheet/k1', STAGES, '监控情况表')).toEqual(['运行监控', '监控轮次', '监控情况表'])
    expect(breadcrumbOf('/evaluation/self/s1', STAGES, '自评表')).toEqual(['绩效评价', '单位自评', '自评表'])
    expect(breadcrumbOf('/evaluation/spot')).toEqual(['绩效评价', '抽查复核'])
    expect(breadcrumbOf('/evaluation/key/e1', STAGES, '评价详情')).toEqual(['绩效评价', '重点评价', '评价详情'])
    expect(breadcrumbOf('/results/documents/d1', STAGES, '编辑与印发')).toEqual(['结果应用', '文书', '编辑与印发'])
    expect(breadcrumbOf('/sync/conflicts')).toEqual(['数据交换', '冲突处理'])
    expect(breadcrumbOf('/nowhere')).toEqual([])
  })
})
