/**
 * The left menu, one entry per lifecycle stage. A stage that is not built yet is hidden (never a
 * dead link): flip `built` when its screens land.
 */
import type { Component } from 'vue'
import type { Perm } from './api/bindings/Perm'
import {
  Aim,
  Collection,
  DataAnalysis,
  DocumentChecked,
  Finished,
  House,
  Medal,
  Monitor,
  OfficeBuilding,
  Search,
  Setting,
  Switch,
  TrendCharts,
} from '@element-plus/icons-vue'

export interface MenuItem {
  title: string
  path: string
  /** data-testid of the menu item (the E2E test clicks these). */
  testId: string
  /**
   * Who sees it: a permission core grants (系统管理员 / 安全审计员 screens, 数据交换), or by
   * default every business role (绩效管理, 业务股室, 单位填报, 只读). Core still checks every write.
   */
  perm?: Perm
}

export interface MenuStage {
  /** Stage name as in core/commands/api/views: exante, targets, …, org, system. */
  key: string
  title: string
  icon: Component
  built: boolean
  items: MenuItem[]
}

export const STAGES: readonly MenuStage[] = [
  {
    key: 'workbench',
    title: '工作台',
    icon: House,
    built: true,
    items: [{ title: '我的待办', path: '/workbench', testId: 'menu-workbench' }],
  },
  {
    key: 'exante',
    title: '事前评估',
    icon: DocumentChecked,
    built: true,
    items: [
      { title: '项目评估', path: '/exante', testId: 'menu-exante' },
      { title: '政策管理', path: '/policies', testId: 'menu-policies' },
    ],
  },
  {
    key: 'targets',
    title: '绩效目标',
    icon: Aim,
    built: true,
    items: [
      { title: '目标管理', path: '/targets', testId: 'menu-targets' },
      { title: '目标总览', path: '/targets/overview', testId: 'menu-targets-overview' },
    ],
  },
  {
    key: 'monitoring',
    title: '运行监控',
    icon: Monitor,
    built: true,
    items: [{ title: '监控轮次', path: '/monitoring', testId: 'menu-monitoring' }],
  },
  {
    key: 'evaluation',
    title: '绩效评价',
    icon: TrendCharts,
    built: true,
    items: [
      { title: '评价总览', path: '/evaluation/overview', testId: 'menu-evaluation-overview' },
      { title: '单位自评', path: '/evaluation/self', testId: 'menu-evaluation-self' },
      { title: '抽查复核', path: '/evaluation/spot', testId: 'menu-evaluation-spot' },
      { title: '重点评价', path: '/evaluation/key', testId: 'menu-evaluation-key' },
      { title: '第三方机构', path: '/evaluation/agencies', testId: 'menu-evaluation-agencies' },
    ],
  },
  {
    key: 'results',
    title: '结果应用',
    icon: Finished,
    built: true,
    items: [
      { title: '文书', path: '/results/documents', testId: 'menu-results-documents' },
      { title: '发文登记簿', path: '/results/register', testId: 'menu-results-register' },
      { title: '整改台账', path: '/results/rect', testId: 'menu-results-rect' },
      { title: '预算挂钩', path: '/results/linkage', testId: 'menu-results-linkage' },
      { title: '信息公开', path: '/results/disclosure', testId: 'menu-results-disclosure' },
      { title: '全周期跟踪', path: '/cycle', testId: 'menu-cycle' },
      { title: '成本分析', path: '/cost', testId: 'menu-cost' },
    ],
  },
  {
    key: 'library',
    title: '指标库',
    icon: Collection,
    built: true,
    items: [{ title: '指标与案例', path: '/library', testId: 'menu-library' }],
  },
  {
    key: 'assess',
    title: '考核',
    icon: Medal,
    built: true,
    items: [{ title: '年度考核', path: '/assess', testId: 'menu-assess', perm: '绩效管理工作考核' }],
  },
  {
    key: 'review',
    title: '智能审核',
    icon: Search,
    built: true,
    items: [{ title: '疑点清单', path: '/review/risks', testId: 'menu-review-risks' }],
  },
  {
    key: 'reports',
    title: '统计分析',
    icon: DataAnalysis,
    built: true,
    items: [{ title: '年度总览', path: '/reports/overview', testId: 'menu-reports-overview' }],
  },
  {
    key: 'org',
    title: '基础数据',
    icon: OfficeBuilding,
    built: true,
    items: [
      { title: '单位管理', path: '/org/units', testId: 'menu-units' },
      { title: '项目管理', path: '/projects', testId: 'menu-projects' },
    ],
  },
  {
    key: 'sync',
    title: '数据交换',
    icon: Switch,
    built: true,
    items: [
      { title: '导出数据包', path: '/sync/export', testId: 'menu-sync-export', perm: '数据交换' },
      { title: '导入数据包', path: '/sync/import', testId: 'menu-sync-import', perm: '数据交换' },
      { title: '冲突处理', path: '/sync/conflicts', testId: 'menu-sync-conflicts', perm: '数据交换' },
      { title: '交换记录', path: '/sync/history', testId: 'menu-sync-history', perm: '数据交换' },
      { title: '本机身份', path: '/sync/site', testId: 'menu-sync-site', perm: '系统维护（备份、恢复、本机身份）' },
    ],
  },
  {
    key: 'system',
    title: '系统设置',
    icon: Setting,
    built: true,
    items: [
      { title: '规则设置', path: '/rules', testId: 'menu-rules' },
      { title: '用户管理', path: '/users', testId: 'menu-users', perm: '用户管理' },
      { title: '操作日志', path: '/audit', testId: 'menu-audit', perm: '查阅操作日志' },
      { title: '数据维护', path: '/maintenance', testId: 'menu-maintenance', perm: '系统维护（备份、恢复、本机身份）' },
      { title: '公文字体', path: '/fonts', testId: 'menu-fonts', perm: '文书与文号' },
    ],
  },
]

/**
 * The stages the menu shows: built ones with at least one screen the account may see. `can`
 * says whether core grants a permission; `business` whether the account has a business role.
 * Without them (tests, the breadcrumb) every built screen counts.
 */
export function visibleStages(
  stages: readonly MenuStage[] = STAGES,
  access?: { can: (p: Perm) => boolean; business: boolean },
): MenuStage[] {
  const shown = (i: MenuItem) => !access || (i.perm ? access.can(i.perm) : access.business)
  return stages
    .filter((s) => s.built)
    .map((s) => ({ ...s, items: s.items.filter(shown) }))
    .filter((s) => s.items.length > 0)
}

/**
 * The menu item a route belongs to: the item with this path, else the item whose path is the
 * longest prefix of it (`/targets/<id>`, a screen opened from 目标管理, belongs to `/targets`).
 */
export function menuItemOf(path: string, stages: readonly MenuStage[] = STAGES): { stage: MenuStage; item: MenuItem } | null {
  let best: { stage: MenuStage; item: MenuItem } | null = null
  for (const stage of visibleStages(stages)) {
    for (const item of stage.items) {
      if (item.path === path) return { stage, item }
      if (path.startsWith(`${item.path}/`) && (!best || item.path.length > best.item.path.length)) best = { stage, item }
    }
  }
  return best
}

/** 「基础数据 / 项目管理」 for the breadcrumb, from a route path; `detail` names a sub-screen. */
export function breadcrumbOf(path: string, stages: readonly MenuStage[] = STAGES, detail?: string): string[] {
  const hit = menuItemOf(path, stages)
  if (!hit) return []
  const crumbs = [hit.stage.title, hit.item.title]
  return hit.item.path !== path && detail ? [...crumbs, detail] : crumbs
}
